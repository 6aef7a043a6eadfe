/**
 * Booking in a real browser, against the built app on the demo data: the demo holder finds a PA, books two hours,
 * the PA accepts, the session happens (the server's test clock moves forward), the holder confirms, the PA is paid,
 * and the holder's statement shows it. A second journey covers a cancellation and a reported problem.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localInstant, parseTime } from '#app/utils/dates.ts'
import * as bookingForm from './booking-form.ts'
import { adminClock, browserTestFile, expectNoAxeViolations, openPage, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()

let clock: Awaited<ReturnType<typeof adminClock>>

beforeAll(async () => {
	clock = await adminClock(baseUrl)
})
afterAll(async () => {
	await clock?.send({ reset: true })
})

/** Moves the server's clock forward (and runs its scheduled jobs once), as if time had passed. */
async function advanceClockPast(instant: Date, extraMinutes = 5): Promise<void> {
	const serverNow = await clock.now()
	const minutes = Math.max(0, Math.ceil((instant.getTime() - serverNow.getTime()) / 60_000) + extraMinutes)
	const response = await clock.send({ advanceMinutes: minutes })
	expect(response.status).toBe(200)
}

type Booked = { url: string; startsAt: Date; endsAt: Date }

/**
 * On a provider's booking page: choose the length (for hourly support), the `nth` day with free times and the
 * first free start, check the price, and send the request. Returns the booking's address and times.
 */
async function bookFirstFreeTime(
	page: Page,
	options: { hours?: number; nthDay?: number; expectTotal?: RegExp } = {},
): Promise<Booked> {
	if (options.hours) await bookingForm.chooseHours(page, options.hours)
	const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('link')
	const day = days.nth(options.nthDay ?? 0)
	const href = (await day.getAttribute('href')) ?? ''
	const date = new URLSearchParams(href.split('?')[1]).get('date')!
	await day.click()
	await page.waitForURL(new RegExp(`date=${date}`))
	const start = page.getByRole('group', { name: 'Start time' }).getByRole('radio').first()
	const startText = (await start.getAttribute('value')) ?? ''
	await start.check()
	await page.getByRole('button', { name: 'Check the price' }).click()
	const summary = page.getByRole('region', { name: 'Check before you send' })
	await shows(summary)
	if (options.expectTotal) await textOf(summary, options.expectTotal)
	await textOf(summary, /Left afterwards/)
	await bookingForm.sendBookingRequest(page)
	await shows(page.getByText(/Your booking request has been sent to Amina Shah/))
	const startsAt = localInstant(date, parseTime(startText)!)
	const whenText = (await page.locator('dt:text-is("When") + dd').textContent()) ?? ''
	const end = /to (\d\d:\d\d)$/.exec(whenText)?.[1] ?? startText
	return { url: page.url().replace(/\?sent=1$/, ''), startsAt, endsAt: localInstant(date, parseTime(end)!) }
}

async function acceptAsProvider(booked: Booked): Promise<void> {
	const pa = await signedInPage('provider@demo.test')
	await pa.getByRole('link', { name: 'Dashboard' }).click()
	await pa.waitForURL(`${baseUrl}/provider`)
	await expectNoAxeViolations(pa)
	await pa
		.getByRole('list', { name: 'Requests to answer' })
		.locator(`a[href="${new URL(booked.url).pathname}"]`)
		.click()
	await pa.waitForURL(booked.url)
	await pa.getByRole('button', { name: 'Accept booking' }).click()
	await pa.waitForURL(/done=accept/)
	await textOf(pa.locator('#booking-status'), 'Booked')
	await pa.context().close()
}

describe('booking and paying for support', () => {
	it('books two hours with Amina Shah, who accepts; the session is confirmed, Amina is paid, the statement shows it, and Sam’s review appears on her profile', async () => {
		const holder = await signedInPage('holder@demo.test')
		await bookingForm.openAminaBookingForm(holder, baseUrl)
		await textOf(holder.getByRole('heading', { level: 1 }), 'Book Amina Shah')
		await expectNoAxeViolations(holder)

		// Checking the price without a time says what is missing, next to the field.
		await bookingForm.chooseHours(holder, 2)
		await bookingForm.chooseDay(holder, 0)
		await holder.getByRole('button', { name: 'Check the price' }).click()
		await textOf(holder.getByRole('alert'), 'Choose a start time')
		await expectNoAxeViolations(holder)

		// Personal care at home is £16.50 an hour: two hours is £33.00.
		const booked = await bookFirstFreeTime(holder, { expectTotal: /Total£33\.00/ })
		await expectNoAxeViolations(holder)
		await textOf(holder.locator('#booking-status'), 'Waiting for the provider to answer')

		await acceptAsProvider(booked)

		await holder.reload()
		await textOf(holder.locator('#booking-status'), 'Booked')
		// Before the session there is nothing to confirm yet.
		expect(await holder.getByRole('button', { name: /Confirm and pay/ }).count()).toBe(0)

		await advanceClockPast(booked.endsAt)
		await holder.reload()
		await holder.getByRole('button', { name: 'Confirm and pay £33.00' }).click()
		await holder.waitForURL(/done=confirm/)
		await textOf(holder.locator('#booking-status'), 'Delivered and paid')
		await expectNoAxeViolations(holder)

		// Amina's payout waits for an admin on the embedded default (no Stripe keys); the admin pays it.
		const pa = await signedInPage('provider@demo.test')
		await pa.goto(`${baseUrl}/provider/money`)
		const payout = pa.getByRole('row').filter({ hasText: '£33.00' }).first()
		await textOf(payout, 'Awaiting payout')
		const admin = await signedInPage('admin@demo.test')
		await admin.goto(`${baseUrl}/admin/payouts`)
		const open = await admin.getByRole('button', { name: 'Mark £33.00 to Amina Shah as paid' }).count()
		await admin.getByRole('button', { name: 'Mark £33.00 to Amina Shah as paid' }).first().click()
		// The button goes when the page reloads after the payout is marked; wait for that rather than for the network to idle.
		await expect
			.poll(() => admin.getByRole('button', { name: 'Mark £33.00 to Amina Shah as paid' }).count(), { timeout: 30_000 })
			.toBe(open - 1)
		await admin.context().close()
		await pa.reload()
		await textOf(pa.getByRole('row').filter({ hasText: '£33.00' }).first(), /Paid on/)
		await pa.context().close()

		// The statement says what happened in plain words.
		await holder.goto(`${baseUrl}/account`)
		await holder.getByRole('link', { name: 'See your budget and plan' }).click()
		await holder.waitForURL(/\/holders\/[^/]+$/)
		await holder.goto(`${holder.url()}/money`)
		await shows(holder.getByText(/£33\.00 paid to Amina Shah for 2 hours on \d+ \w+/).first())

		// Sam reviews the session. Double-blind: nobody else sees it until Amina has rated the booking too.
		const words = `Amina was on time, kind and did everything we agreed. Booked on ${booked.startsAt.toISOString()}.`
		await holder.goto(booked.url)
		await holder.getByRole('link', { name: 'Write a review of Amina Shah' }).click()
		await holder.waitForURL(/\/review$/)
		await holder
			.getByRole('group', { name: 'Overall, how many stars do you give?' })
			.getByLabel('5 stars: excellent')
			.check()
		for (const question of ['Were they reliable?', 'Were they respectful?', 'Did they do what was agreed?']) {
			await holder.getByRole('group', { name: question }).getByLabel('Yes, completely (5)').check()
		}
		await holder.getByLabel('Your review').fill(words)
		await holder.getByRole('button', { name: 'Send the review' }).click()
		await holder.waitForURL(/written=1/)
		await holder.context().close()

		const visitor = await openPage()
		await visitor.goto(`${baseUrl}/providers/amina-shah-leicester`)
		expect(await visitor.getByText(words).count()).toBe(0)

		const pa2 = await signedInPage('provider@demo.test')
		await pa2.goto(booked.url)
		expect(await pa2.getByText(words).count()).toBe(0)
		await pa2.getByRole('link', { name: 'Rate this booking' }).click()
		await pa2.waitForURL(/\/feedback$/)
		await pa2
			.getByRole('group', { name: 'How many stars do you give the booking?' })
			.getByLabel('5 stars: excellent')
			.check()
		await pa2.getByLabel('What was the booking like?').fill('Sam was welcoming and clear about what he needed.')
		await pa2.getByRole('button', { name: 'Send', exact: true }).click()
		await pa2.waitForURL(/written=1/)
		await pa2.context().close()

		// Both have written: the review is on Amina's public profile.
		await visitor.reload()
		await shows(visitor.getByRole('list', { name: 'Recent reviews' }).getByText(words))
		await visitor.context().close()
	})

	it('cancels a booking in good time for free, and settles a reported problem by agreement', async () => {
		const holder = await signedInPage('holder@demo.test')
		await holder.goto(`${baseUrl}/providers/amina-shah-leicester`)
		await holder.getByRole('link', { name: 'Book Getting out and about' }).click()
		await holder.waitForURL(/\/book\?service=/)
		const first = await bookFirstFreeTime(holder, { hours: 2, nthDay: 2 })
		await acceptAsProvider(first)
		await holder.goto(first.url)
		await shows(holder.getByText('Cancelling now is free: all the money set aside goes back to the budget.'))
		await holder.getByLabel('Reason (optional)').fill('My sister is visiting that day instead.')
		await holder.getByRole('button', { name: 'Cancel booking' }).click()
		await holder.waitForURL(/done=cancel/)
		await textOf(holder.locator('#booking-status'), 'Cancelled')
		await shows(holder.getByText(/Nothing was charged/))

		// Another session: it happens, but not as agreed.
		await holder.goto(`${baseUrl}/providers/amina-shah-leicester`)
		await holder.getByRole('link', { name: 'Book Getting out and about' }).click()
		const second = await bookFirstFreeTime(holder, { hours: 2, nthDay: 3 })
		await acceptAsProvider(second)
		await advanceClockPast(second.startsAt, 30)
		await holder.goto(second.url)
		// Too short to say what went wrong: a specific error, and what was typed is kept.
		await holder.getByLabel('What went wrong?').fill('Late')
		await holder.getByRole('button', { name: 'Report a problem' }).click()
		await textOf(holder.getByRole('alert'), 'Say what went wrong in a sentence or two')
		await expect(holder.getByLabel('What went wrong?').inputValue()).resolves.toBe('Late')
		await expectNoAxeViolations(holder)
		await holder.getByLabel('What went wrong?').fill('Amina arrived an hour late, so we missed the bus.')
		await holder.getByRole('button', { name: 'Report a problem' }).click()
		await holder.waitForURL(/done=problem/)
		await textOf(holder.locator('#booking-status'), 'Problem reported')

		const pa = await signedInPage('provider@demo.test')
		await pa.goto(second.url)
		await pa.getByLabel('Paid to the provider (GBP)').fill('15.00')
		await pa.getByLabel('A note (optional)').fill('Half, as I was late. Sorry.')
		await pa.getByRole('button', { name: 'Send proposal' }).click()
		await pa.waitForURL(/done=propose/)
		await pa.context().close()

		await holder.goto(second.url)
		await shows(holder.getByText(/proposed paying Amina Shah £15\.00 of £30\.00/))
		await holder.getByRole('button', { name: 'Accept the proposal' }).click()
		await holder.waitForURL(/done=acceptProposal/)
		await textOf(holder.locator('#booking-status'), 'Problem settled')
		await holder.goto(`${baseUrl}/bookings`)
		await expectNoAxeViolations(holder)
		await holder.context().close()
	})
})

describe('the pages around a booking', () => {
	it('has notifications, a calendar with a private feed, and the outbox of emails, all accessible', async () => {
		const pa = await signedInPage('provider@demo.test')
		await pa.getByRole('link', { name: /^Notifications/ }).click()
		await pa.waitForURL(`${baseUrl}/notifications`)
		await shows(pa.getByRole('list', { name: 'Notifications, newest first' }).getByRole('link').first())
		await expectNoAxeViolations(pa)
		await pa.goto(`${baseUrl}/calendar`)
		await expectNoAxeViolations(pa)
		const feed = (await pa.getByRole('link', { name: /\/calendar\/feed\/.+\.ics$/ }).textContent()) ?? ''
		const ics = await (await fetch(feed)).text()
		expect(ics).toContain('BEGIN:VCALENDAR')
		expect(ics).toMatch(/SUMMARY:.+ with /)
		expect((await fetch(`${baseUrl}/calendar/feed/not-a-real-secret-at-all-0123456789.ics`)).status).toBe(404)
		await pa.goto(`${baseUrl}/dev/emails`)
		await shows(pa.getByText(/New booking request from Sam Taylor/).first())
		await expectNoAxeViolations(pa)
		await pa.context().close()

		const staff = await signedInPage('funder@demo.test')
		await staff.goto(`${baseUrl}/funder/problems`)
		await textOf(staff.getByRole('heading', { level: 1 }), 'Problems to settle')
		await expectNoAxeViolations(staff)
		await staff.context().close()
	})
})
