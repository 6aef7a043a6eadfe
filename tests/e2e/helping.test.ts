/**
 * The broker's workspace in a real browser (issue 10, ADR 024): Sam invites a broker with a £40 limit a booking; the
 * broker accepts, acts for Sam (the banner shows on every page), saves Amina Shah to a shortlist with a note and sends
 * it; Sam chooses her; the broker books two hours within the limit; three hours waits as a suggestion, which Sam
 * approves; Sam sees every step on the trail; Sam withdraws the rights, the banner goes, and the broker's next request
 * is refused. Axe checks each new page.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import * as bookingForm from './booking-form.ts'
import { invitationLink, signUpFromInvitation } from './invitations.ts'
import { browserTestFile, expectNoAxeViolations, hydrated, openPage, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const STEP = 180_000
let holder: Page
let broker: Page
let inviteLink = ''
const email = `broker.${Date.now()}@example.test`
const name = 'Kit Broker'

beforeAll(async () => {
	broker = await openPage()
})

/** On Amina Shah's booking form for personal care: `hours` long, on the nth day with free times, first start. */
async function chooseTime(page: Page, hours: number, nth: number) {
	await bookingForm.openAminaBookingForm(page, baseUrl)
	await bookingForm.chooseHours(page, hours)
	await bookingForm.chooseDay(page, nth)
	await hydrated(page)
	await bookingForm.chooseStart(page)
}

describe('a broker shops for Sam, within the limits Sam set', () => {
	it(
		'Sam invites a broker with a limit of £40 a booking, and the broker accepts',
		async () => {
			holder = await signedInPage('holder@demo.test')
			await holder.getByRole('link', { name: 'See your budget and plan' }).click()
			await holder.waitForURL(/\/holders\/[^/]+$/)
			await holder.getByRole('link', { name: 'Invite someone, or change or stop what they can do' }).click()
			await holder.waitForURL(/\/helpers$/)
			await hydrated(holder)
			const form = holder.locator('#invite')
			await form.getByLabel('Their email address').fill(email)
			await form.getByLabel('A broker or support planner').check()
			await form.getByLabel('Book and cancel support').check()
			await form.getByLabel('Most they can spend on one booking (optional)').fill('40.00')
			await form.getByRole('button', { name: 'Send the invitation' }).click()
			await holder.waitForURL(/invited=/)

			inviteLink = await invitationLink(baseUrl, email)

			await signUpFromInvitation(broker, baseUrl, inviteLink, { name, email })
			await broker.getByRole('button', { name: 'Accept and act for Sam Taylor' }).click()
			await broker.waitForURL(/\/account/)
		},
		STEP,
	)

	it(
		'the broker acts for Sam from the workspace: the banner shows on every page',
		async () => {
			await broker.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspace' }).click()
			await broker.waitForURL(/\/helping$/)
			await shows(broker.getByRole('heading', { name: 'People I support', level: 1 }))
			const sam = broker.getByRole('list', { name: 'People I support' }).getByRole('listitem').first()
			await textOf(sam, 'Personal care')
			await expectNoAxeViolations(broker)
			await broker.getByRole('button', { name: 'Act for Sam Taylor' }).click()
			await broker.waitForURL(/\/helping$/)
			await textOf(broker.getByRole('region', { name: 'Acting for' }), 'Acting for Sam Taylor')
			await broker.goto(`${baseUrl}/search`)
			await textOf(broker.getByRole('region', { name: 'Acting for' }), 'Acting for Sam Taylor')
			await expectNoAxeViolations(broker)
		},
		STEP,
	)

	it(
		'the broker saves Amina Shah to a shortlist with a note and sends it; Sam chooses her',
		async () => {
			await broker.goto(`${baseUrl}/search?q=Amina+Shah&near=Leicester`)
			await broker
				.getByRole('list', { name: 'Search results' })
				.getByRole('link', { name: 'Amina Shah' })
				.first()
				.click()
			await broker.waitForURL(/\/providers\/amina-shah/)
			await hydrated(broker)
			await broker.getByLabel('Note for Sam Taylor about Amina Shah (optional)').fill('Near Sam')
			await broker.getByRole('button', { name: 'Save to shortlist Amina Shah' }).click()
			await broker.waitForURL(/\/shortlists\/[^/?]+\?saved=1$/)
			await textOf(broker.getByRole('status'), 'Saved to the shortlist')
			await shows(broker.getByText('Note from Kit Broker: “Near Sam”'))
			// From the search results too: saving her again changes the note.
			await broker.goto(`${baseUrl}/search?q=Amina+Shah&near=Leicester`)
			await hydrated(broker)
			const result = broker.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()
			await result.getByLabel('Note for Sam Taylor about Amina Shah (optional)').fill('Speaks Urdu and drives')
			await result.getByRole('button', { name: 'Save to shortlist Amina Shah' }).click()
			await broker.waitForURL(/\/shortlists\/[^/?]+\?saved=1$/)
			await shows(broker.getByText('Note from Kit Broker: “Speaks Urdu and drives”'))
			expect(await broker.getByRole('list', { name: 'Providers on the shortlist' }).getByRole('listitem').count()).toBe(
				1,
			)
			await expectNoAxeViolations(broker)
			await broker.getByRole('button', { name: 'Send the shortlist to Sam Taylor' }).click()
			await broker.waitForURL(/\/shortlists\/[^/?]+$/)
			await textOf(broker.locator('main'), 'Waiting for an answer')

			await holder.goto(`${baseUrl}/home`)
			await holder
				.getByRole('list', { name: 'Shortlists' })
				.getByRole('link', { name: `Shortlist from ${name}` })
				.click()
			await holder.waitForURL(/\/shortlists\//)
			await shows(holder.getByRole('heading', { name: `Shortlist from ${name}`, level: 1 }))
			await expectNoAxeViolations(holder)
			await holder.getByRole('button', { name: 'Choose Amina Shah' }).click()
			await textOf(holder.locator('main'), 'you chose Amina Shah')

			await broker.goto(`${baseUrl}/helping`)
			await textOf(broker.getByRole('list', { name: 'People I support' }), 'Sam Taylor chose Amina Shah')
		},
		STEP,
	)

	it(
		'the broker books two hours within the limit; three hours waits for Sam, who approves it',
		async () => {
			await chooseTime(broker, 2, 7)
			await bookingForm.checkPrice(broker)
			await bookingForm.sendBookingRequest(broker)

			await chooseTime(broker, 3, 8)
			await broker.getByRole('button', { name: 'Check the price' }).click()
			const summary = broker.getByRole('region', { name: 'Check before you send' })
			await textOf(summary, 'This needs Sam Taylor’s yes first')
			await textOf(summary, 'up to £40.00 on one booking')
			// The total the broker saw is the one Sam is asked about. Amina's hourly price is not fixed here: another
			// browser test on the same server (provider-profile) changes it, and the file order is not fixed.
			const total = (await summary.locator('dt:text-is("Total") + dd').textContent())?.trim() ?? ''
			expect(total).toMatch(/^£\d+\.\d\d$/)
			expect(Number(total.slice(1))).toBeGreaterThan(40)
			await expectNoAxeViolations(broker)
			await broker.getByRole('button', { name: 'Ask Sam Taylor to approve it' }).click()
			await broker.waitForURL(/\/proposals\/[^/?]+$/)
			await textOf(broker.locator('main'), 'Waiting for an answer')
			await expectNoAxeViolations(broker)

			await holder.goto(`${baseUrl}/home`)
			const waiting = holder
				.getByRole('list', { name: 'Bookings waiting for your yes' })
				.getByRole('listitem')
				.filter({ hasText: `Suggested by ${name}` })
			await waiting.getByRole('link').click()
			await holder.waitForURL(/\/proposals\//)
			await shows(holder.getByRole('heading', { name: `${name} asks you to approve a booking`, level: 1 }))
			await textOf(holder.locator('main'), total)
			await expectNoAxeViolations(holder)
			await holder.getByRole('button', { name: 'Yes, book it' }).click()
			await holder.waitForURL(/\/bookings\/[^/?]+\?sent=1$/)
		},
		STEP,
	)

	it(
		'Sam sees every step on the trail',
		async () => {
			await holder.goto(`${baseUrl}/home`)
			await holder.getByRole('link', { name: 'See your budget and plan' }).click()
			await holder.waitForURL(/\/holders\/[^/]+$/)
			await holder.getByRole('link', { name: 'Everything done in your name' }).click()
			await holder.waitForURL(/\/trail$/)
			const trail = holder.locator('main ol')
			await shows(trail.getByText(`${name} (broker) saved Amina Shah to a shortlist for you`))
			await shows(trail.getByText(`${name} (broker) sent you a shortlist: Amina Shah`))
			await shows(trail.getByText(`You chose Amina Shah from ${name}’s shortlist`))
			await shows(trail.getByText(new RegExp(`${name} \\(broker\\) booked 2 hours with Amina Shah for you on`)))
			await shows(trail.getByText(new RegExp(`${name} \\(broker\\) asked you to approve 3 hours with Amina Shah`)))
			await shows(trail.getByText(new RegExp(`You approved the booking ${name} suggested with Amina Shah`)))
			await shows(trail.getByText(new RegExp(`You booked 3 hours with Amina Shah for you on .*, as ${name} suggested`)))
			await expectNoAxeViolations(holder)
		},
		STEP,
	)

	it(
		'Sam withdraws the rights: the banner goes, and the broker’s next request is refused',
		async () => {
			await chooseTime(broker, 2, 9)
			await holder.goto(`${baseUrl}/account`)
			await holder.getByRole('link', { name: 'Choose who can act for you' }).click()
			await holder.waitForURL(/\/helpers$/)
			await holder.getByRole('button', { name: `Stop ${name} acting for you` }).click()
			await holder.waitForURL(/done=withdrawn/)

			await broker.getByRole('button', { name: 'Check the price' }).click()
			// Refused: no price, and the form (reloaded after the refusal) says there is nobody left to book for.
			await textOf(broker.locator('main'), 'Your account has neither yet.')
			expect(await broker.getByRole('button', { name: 'Check the price' }).count()).toBe(0)
			// The next page no longer says the broker acts for Sam.
			await broker.goto(`${baseUrl}/helping`)
			await textOf(broker.locator('main'), 'You do not act for anyone yet')
			expect(await broker.getByRole('region', { name: 'Acting for' }).count()).toBe(0)
		},
		STEP,
	)
})
