/**
 * Consent and the trail in a real browser (issue 10, ADR 020): Sam invites someone by email, choosing rights in
 * plain words and a spending limit; that person creates an account from the link and accepts; they book two hours
 * with Amina Shah for Sam; Sam sees it on the trail; Sam withdraws the rights, and the helper's very next attempt to
 * book is refused. Axe checks each new page.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import * as bookingForm from './booking-form.ts'
import { invitationLink, signUpFromInvitation } from './invitations.ts'
import { browserTestFile, expectNoAxeViolations, hydrated, openPage, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const STEP = 180_000
let holder: Page
let helper: Page
let inviteLink = ''
const email = `helper.${Date.now()}@example.test`
const name = 'Jo Helper'

beforeAll(async () => {
	helper = await openPage()
})

describe('helping to shop, with the holder’s consent', () => {
	it(
		'Sam invites someone by email from their own pages, with rights in plain words and a limit',
		async () => {
			holder = await signedInPage('holder@demo.test')
			await holder.getByRole('link', { name: 'See your budget and plan' }).click()
			await holder.waitForURL(/\/holders\/[^/]+$/)
			await holder.getByRole('link', { name: 'Invite someone, or change or stop what they can do' }).click()
			await holder.waitForURL(/\/helpers$/)
			await shows(holder.getByRole('heading', { name: 'People who act for you', level: 1 }))
			await expectNoAxeViolations(holder)
			await hydrated(holder)
			const form = holder.locator('#invite')
			await form.getByLabel('Their email address').fill(email)
			await form.getByLabel('A broker or support planner').check()
			await form.getByLabel('Book and cancel support').check()
			await form.getByLabel('Most they can spend on one booking (optional)').fill('100.00')
			await form.getByRole('button', { name: 'Send the invitation' }).click()
			await holder.waitForURL(/invited=/)
			await textOf(holder.getByRole('status'), `We have emailed an invitation to ${email}`)
			await shows(holder.getByRole('button', { name: `Withdraw the invitation to ${email}` }))
			await expectNoAxeViolations(holder)

			// The email waits in the outbox (no mail server in the demo); an admin can see every email there.
			inviteLink = await invitationLink(baseUrl, email, 'Sam Taylor asks you to help them on Budget Market')
			expect(inviteLink).toMatch(/^\/helpers\/accept\/[A-Za-z0-9_-]{40,}$/)
		},
		STEP,
	)

	it(
		'the invited person creates an account from the link and accepts',
		async () => {
			await signUpFromInvitation(helper, baseUrl, inviteLink, { name, email })
			await shows(helper.getByRole('heading', { name: 'Act for Sam Taylor', level: 1 }))
			await textOf(helper.locator('main'), 'You could spend up to £100.00 on one booking')
			await expectNoAxeViolations(helper)
			await helper.getByRole('button', { name: 'Accept and act for Sam Taylor' }).click()
			await helper.waitForURL(/\/account/)
			await textOf(helper.getByRole('region', { name: 'People you act for' }), 'Sam Taylor')
		},
		STEP,
	)

	it(
		'the helper books two hours with Amina Shah for Sam, and Sam sees it on the trail',
		async () => {
			await bookingForm.openAminaBookingForm(helper, baseUrl)
			await bookingForm.chooseHours(helper, 2)
			await bookingForm.chooseDay(helper, 5)
			await bookingForm.chooseStart(helper)
			await bookingForm.checkPrice(helper)
			await bookingForm.sendBookingRequest(helper)

			await holder.goto(`${baseUrl}/account`)
			await holder.getByRole('link', { name: 'See your budget and plan' }).click()
			await holder.waitForURL(/\/holders\/[^/]+$/)
			await holder.getByRole('link', { name: 'Everything done in your name' }).click()
			await holder.waitForURL(/\/trail$/)
			const entries = holder.locator('main ol').getByRole('listitem')
			await textOf(
				entries.first(),
				new RegExp(`^.*${name} \\(broker\\) booked 2 hours with Amina Shah for you on \\d+ \\w+\\.`),
			)
			await shows(holder.getByText(`${name} (broker) accepted the invitation and can now see your money`))
			await shows(holder.getByRole('link', { name: 'Download the whole trail (CSV spreadsheet)' }))
			await expectNoAxeViolations(holder)
			// And Sam was told.
			await holder.goto(`${baseUrl}/notifications`)
			await shows(holder.getByText(`${name} booked Amina Shah for Sam Taylor`))
		},
		STEP,
	)

	it(
		'Sam withdraws the rights, and the helper’s very next attempt to book is refused',
		async () => {
			// The helper has a booking form ready to send.
			await helper.goBack()
			await helper.waitForURL(/\/book\?/)
			await bookingForm.chooseDay(helper, 6)
			await bookingForm.chooseStart(helper)

			await holder.goto(`${baseUrl}/account`)
			await holder.getByRole('link', { name: 'Choose who can act for you' }).click()
			await holder.waitForURL(/\/helpers$/)
			await holder.getByRole('button', { name: `Stop ${name} acting for you` }).click()
			await holder.waitForURL(/done=withdrawn/)
			await textOf(holder.getByRole('status'), 'They can no longer act for you')
			expect(await holder.getByRole('heading', { name: new RegExp(name) }).count()).toBe(0)
			await expectNoAxeViolations(holder)

			await helper.getByRole('button', { name: 'Check the price' }).click()
			await textOf(helper.getByRole('alert'), 'Choose someone you can book for')
			await helper.goto(`${baseUrl}/account`)
			expect(await helper.getByRole('region', { name: 'People you act for' }).getByText('Sam Taylor').count()).toBe(0)
		},
		STEP,
	)
})
