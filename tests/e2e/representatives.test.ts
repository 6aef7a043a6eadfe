/**
 * Representatives and organisations' staff in a real browser (issue 10, ADR 025):
 * - Leicester's staff record Daniel Price as Margaret Okafor's representative, with the reason; Daniel books two
 *   hours with Amina Shah for Margaret; Margaret's trail (read by her funder) shows it.
 * - The Leicester Centre's owner invites Grace Okafor to its staff; she joins from the emailed link; Sam books the
 *   Centre's brokerage and, in the same step, gives the Centre rights; Grace books for Sam through the Centre's rights,
 *   and Sam's trail names her: "Grace Okafor of Leicester Centre for Integrated Living booked…".
 * Axe checks each new page.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as bookingForm from './booking-form.ts'
import { browserTestFile, expectNoAxeViolations, hydrated, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const STEP = 180_000
const ORG = 'Leicester Centre for Integrated Living'
const MARGARET = 'holder_demo_margaret'

/** Books two hours of personal care with Amina Shah for this person, on the nth day with free times. */
async function bookAmina(page: Page, forWhom: string, nthDay: number) {
	await bookingForm.openAminaBookingForm(page, baseUrl)
	await page.getByLabel('Who is the support for?').selectOption({ label: forWhom })
	await bookingForm.chooseHours(page, 2)
	await bookingForm.chooseDay(page, nthDay)
	await bookingForm.chooseStart(page, 'last')
	await page.getByRole('button', { name: 'Check the price' }).click()
	await textOf(page.getByRole('region', { name: 'Check before you send' }), forWhom)
	await bookingForm.sendBookingRequest(page)
}

describe('a representative recorded by the funder', () => {
	it(
		'Leicester records Daniel as Margaret’s representative; he books for her; her trail shows it',
		async () => {
			const funder = await signedInPage('funder@demo.test')
			await funder.goto(`${baseUrl}/holders/${MARGARET}`)
			await funder.getByRole('link', { name: 'Record a representative for Margaret Okafor, or change one' }).click()
			await funder.waitForURL(/\/funder\/holders\/[^/]+\/representatives$/)
			await shows(funder.getByRole('heading', { name: 'Representatives for Margaret Okafor', level: 1 }))
			// Grace was recorded by the council in the demo, with the reason.
			await textOf(funder.locator('main'), /Recorded by Priya Patel on .*, because: Margaret asked her daughter Grace/)
			await expectNoAxeViolations(funder)
			await hydrated(funder)
			const form = funder.locator('#record')
			await form.getByLabel('The representative’s email address').fill('broker@demo.test')
			await form.getByLabel('Book and cancel support').check()
			await form
				.getByLabel('Why does this person need a representative?')
				.fill('Margaret asked for Daniel to arrange her care while Grace is away.')
			await form.getByRole('button', { name: 'Record the representative' }).click()
			await funder.waitForURL(/done=recorded/)
			await textOf(funder.getByRole('status'), 'Recorded.')
			await shows(funder.getByRole('heading', { name: 'Daniel Price (carer or representative)' }))
			await expectNoAxeViolations(funder)

			const daniel = await signedInPage('broker@demo.test')
			await bookAmina(daniel, 'Margaret Okafor', 7)

			await funder.goto(`${baseUrl}/holders/${MARGARET}`)
			await funder.getByRole('link', { name: 'Everything done in Margaret Okafor’s name' }).click()
			await funder.waitForURL(/\/trail$/)
			const entries = funder.locator('main ol').getByRole('listitem')
			await textOf(
				entries.first(),
				/Daniel Price \(carer or representative\) booked 2 hours with Amina Shah for Margaret Okafor on \d+ \w+/,
			)
			await shows(
				funder.getByText(
					'Priya Patel (funder staff) recorded Daniel Price as Margaret Okafor’s representative, to see their money',
				),
			)
			await expectNoAxeViolations(funder)
			await funder.context().close()
			await daniel.context().close()
		},
		STEP,
	)
})

describe('an organisation’s staff use the rights given to the organisation', () => {
	let owner: Page
	let grace: Page
	let sam: Page
	it(
		'the Centre’s owner invites Grace, and she joins from the emailed link',
		async () => {
			owner = await signedInPage('org@demo.test')
			await owner.goto(`${baseUrl}/provider`)
			await owner.getByRole('link', { name: 'Your staff, and the people who gave your organisation rights' }).click()
			await owner.waitForURL(/\/provider\/staff$/)
			await shows(owner.getByRole('heading', { name: 'Your staff', level: 1 }))
			await expectNoAxeViolations(owner)
			await hydrated(owner)
			await owner.getByLabel('Their email address').fill('carer@demo.test')
			await owner.getByRole('button', { name: 'Send the invitation' }).click()
			await owner.waitForURL(/invited=/)
			await textOf(owner.getByRole('status'), 'We have emailed an invitation to carer@demo.test')

			grace = await signedInPage('carer@demo.test')
			await grace.goto(`${baseUrl}/dev/emails`)
			const item = grace
				.getByRole('listitem')
				.filter({ hasText: `asks you to join ${ORG}` })
				.first()
			await item.getByRole('link', { name: /\/staff\/accept\// }).click()
			await shows(grace.getByRole('heading', { name: `Join ${ORG}`, level: 1 }))
			await expectNoAxeViolations(grace)
			await grace.getByRole('button', { name: `Join ${ORG}` }).click()
			await grace.waitForURL(/\/account/)

			await owner.reload()
			await shows(owner.getByRole('button', { name: 'Remove Grace Okafor' }))
		},
		STEP,
	)

	it(
		'Sam books the Centre’s brokerage and gives it rights in the same step; Grace books for Sam; the trail names her',
		async () => {
			sam = await signedInPage('holder@demo.test')
			await sam.goto(`${baseUrl}/search?q=Leicester+Centre+for+Integrated+Living&near=Leicester`)
			await sam.getByRole('list', { name: 'Search results' }).getByRole('link', { name: ORG }).first().click()
			await sam.waitForURL(/\/providers\//)
			await sam.getByRole('link', { name: 'Book Brokerage: finding and arranging your support' }).click()
			await sam.waitForURL(/\/book\?service=/)
			await bookingForm.chooseDay(sam, 3)
			await bookingForm.chooseStart(sam)
			await bookingForm.checkPrice(sam)
			await expectNoAxeViolations(sam)
			await sam.getByLabel(`Also let ${ORG} act for you`).check()
			await bookingForm.sendBookingRequest(sam)

			await bookAmina(grace, 'Sam Taylor', 8)

			await sam.goto(`${baseUrl}/account`)
			await sam.getByRole('link', { name: 'See your budget and plan' }).click()
			await sam.getByRole('link', { name: 'Everything done in your name' }).click()
			await sam.waitForURL(/\/trail$/)
			const entries = sam.locator('main ol').getByRole('listitem')
			await textOf(
				entries.first(),
				new RegExp(`Grace Okafor of ${ORG} booked 2 hours with Amina Shah for you on \\d+ \\w+`),
			)
			await shows(sam.getByText(`You gave ${ORG} and its staff the right to see your money and bookings`))
			await expectNoAxeViolations(sam)
			// Sam was told as it happened, and sees the Centre among those who act for them.
			await sam.goto(`${baseUrl}/notifications`)
			await shows(sam.getByText('Grace Okafor booked Amina Shah for Sam Taylor').first())
			await sam.goto(`${baseUrl}/holders/holder_demo_sam/helpers`)
			await shows(sam.getByRole('heading', { name: `${ORG} (organisation)` }))
			expect(await sam.getByRole('heading', { name: /^Grace Okafor/ }).count()).toBe(0)
		},
		STEP,
	)
})
