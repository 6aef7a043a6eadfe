/**
 * The seven steps in a real browser (issue 11, ADR 022), with axe on each new page: Nia, new to Leicester's budgets,
 * sees her money first; writes her plan over two sittings; the funder asks one question; Nia answers; the funder
 * agrees once and pays money in; Nia books support inside her plan with no approval step; she asks for a review,
 * rates each outcome with the picture scale, and the plan's next version starts.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as bookingForm from './booking-form.ts'
import { browserTestFile, expectNoAxeViolations, hydrated, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const STEP = 240_000
let nia: Page
let funder: Page
let planUrl = ''

async function next(page: Page, heading: string) {
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await shows(page.getByRole('heading', { name: heading, level: 1 }))
}

describe('my money, my plan, agreed once, reviewed for outcomes', () => {
	it(
		'a new holder sees their money first, and starts the plan',
		async () => {
			nia = await signedInPage('holder4@demo.test')
			await textOf(
				nia.locator('main'),
				'Your budget: £10,000.00 a year, paid as: a direct payment into your own bank account',
			)
			await expectNoAxeViolations(nia)
			await nia.getByRole('link', { name: 'Start your plan' }).click()
			await nia.waitForURL(/\/holders\/[^/]+\/plan$/)
			planUrl = nia.url()
			await shows(nia.getByRole('heading', { name: 'Your support plan', level: 1 }))
			await textOf(nia.getByRole('region', { name: 'Your money' }), '£10,000.00 a year')
			await expectNoAxeViolations(nia)
			await nia.getByRole('link', { name: 'Start your plan' }).click()
			await shows(nia.getByRole('heading', { name: 'About you', level: 1 }))
			await expectNoAxeViolations(nia)
			await nia
				.getByLabel('What does a good day look like for you?')
				.fill('Swimming in the morning, then seeing friends.')
			await nia.getByLabel('What help do you need, and when?').fill('Help getting ready on weekday mornings.')
			await next(nia, 'What matters to you')
			await expectNoAxeViolations(nia)
			await nia.getByLabel('What matters to you?').fill('My friends, swimming, and my independence.')
			await next(nia, 'What you want to change')
			// She stops for now: everything so far is kept.
			await nia.getByRole('link', { name: 'Stop for now (what you saved is kept)' }).click()
			await nia.waitForURL(planUrl)
			await textOf(nia.getByRole('region', { name: 'The plan being written' }), 'Being written')
		},
		STEP,
	)

	it(
		'comes back in a second sitting, finishes the plan with the money placed, and sends it',
		async () => {
			await nia.goto(`${baseUrl}/home`)
			await textOf(nia.locator('main'), 'The plan is being written. Carry on where you stopped.')
			await nia.getByRole('link', { name: 'Your plan' }).first().click()
			await nia.waitForURL(planUrl)
			// The plan page lists what is still to do, each linking to its page.
			await nia.getByRole('link', { name: 'Write between 3 and 5 things you want to change.' }).click()
			await shows(nia.getByRole('heading', { name: 'What you want to change', level: 1 }))
			await expectNoAxeViolations(nia)
			await nia.getByLabel('Thing 1', { exact: true }).fill('Swim twice a week')
			await nia.getByLabel('Thing 2', { exact: true }).fill('Get ready in the morning without rushing')
			await nia.getByLabel('Thing 3', { exact: true }).fill('See my friends every weekend')
			await next(nia, 'Who helps you')
			await expectNoAxeViolations(nia)
			await nia.getByLabel('Who helps you?').fill('My brother, and my friend Jo on Saturdays.')
			await next(nia, 'How you will use the money')
			await expectNoAxeViolations(nia)
			const line1 = nia.getByRole('group', { name: 'Line 1' })
			await line1.getByLabel('Kind of support').selectOption({ label: 'Personal care' })
			await line1.getByLabel(/How much a year/).fill('7000')
			const line2 = nia.getByRole('group', { name: 'Line 2' })
			await line2.getByLabel('In your own words').fill('Swimming with a helper')
			await line2.getByLabel(/How much a year/).fill('2000')
			await nia.getByRole('button', { name: 'Save and show what is left' }).click()
			await textOf(nia.locator('#left-heading + p'), 'Left to place: £1,000.00')
			await nia
				.getByRole('group', { name: 'Line 2' })
				.getByLabel(/How much a year/)
				.fill('3000')
			await next(nia, 'Check your plan and send it')
			await expectNoAxeViolations(nia)
			await nia.getByRole('button', { name: 'Send the plan to Leicester City Council to agree' }).click()
			await nia.waitForURL(/\/plan\?done=sent$/)
			await textOf(nia.getByRole('status'), 'Your plan has been sent.')
		},
		STEP,
	)

	it(
		'the funder asks one question; Nia answers; the funder agrees once and pays money in',
		async () => {
			funder = await signedInPage('funder@demo.test')
			await funder.getByRole('link', { name: 'Plans and reviews' }).click()
			await funder.waitForURL(`${baseUrl}/funder/plans`)
			await expectNoAxeViolations(funder)
			await funder
				.getByRole('region', { name: /Plans waiting for you/ })
				.getByRole('link', { name: 'Nia Evans' })
				.click()
			await funder.waitForURL(/\/funder\/holders\//)
			await shows(funder.getByRole('heading', { name: 'Nia Evans: budget and plan', level: 1 }))
			await expectNoAxeViolations(funder)
			await funder.getByLabel('Or ask one question').fill('Where will you swim, and is the pool accessible?')
			await funder.getByRole('button', { name: 'Send the question' }).click()
			await funder.waitForURL(/done=questioned/)

			await nia.goto(planUrl)
			await textOf(nia.locator('main'), 'Where will you swim, and is the pool accessible?')
			await expectNoAxeViolations(nia)
			await nia.getByLabel('Your answer').fill('Leicester Leisure Centre. It has a hoist and a ramp.')
			await nia.getByRole('button', { name: 'Send the answer and the plan' }).click()
			await nia.waitForURL(/done=answered/)

			await funder.reload()
			await textOf(funder.locator('main'), 'Leicester Leisure Centre. It has a hoist and a ramp.')
			expect(await funder.getByRole('button', { name: 'Send the question' }).count()).toBe(0)
			await funder.getByRole('button', { name: 'Agree the plan' }).click()
			await funder.waitForURL(/done=agreed/)
			await textOf(funder.getByRole('status'), 'The plan is agreed.')

			await funder.goto(`${baseUrl}/funder/allocate`)
			await funder.getByLabel('Person').selectOption({ label: 'Nia Evans (Leicester)' })
			await funder.getByLabel('As one payment').check()
			await funder.getByLabel(/Amount of each payment/).fill('500')
			await funder.getByRole('button', { name: 'Allocate the budget' }).click()
			await funder.waitForURL(/\/funder\?allocated=/)
		},
		STEP,
	)

	it(
		'Nia books support inside her agreed plan with no approval step',
		async () => {
			await nia.goto(planUrl)
			await textOf(nia.getByRole('region', { name: 'The agreed plan' }), 'nobody needs to approve each thing you buy')
			await bookingForm.openAminaBookingForm(nia, baseUrl)
			await hydrated(nia)
			await bookingForm.chooseDay(nia, 2)
			await bookingForm.chooseStart(nia)
			await bookingForm.checkPrice(nia)
			await bookingForm.sendBookingRequest(nia)
			// Straight to the provider: nobody at the funder approves it.
			await shows(nia.getByText(/Your booking request has been sent to Amina Shah/))
		},
		STEP,
	)

	it(
		'a review rates each outcome with pictures and words, and the next version of the plan starts',
		async () => {
			await nia.goto(planUrl)
			await nia.getByRole('button', { name: 'Ask for a review now' }).click()
			await nia.waitForURL(/\/review$/)
			await shows(nia.getByRole('heading', { name: 'How is your plan going?', level: 1 }))
			await textOf(nia.getByRole('region', { name: 'What the money went on' }), 'Swimming with a helper')
			await expectNoAxeViolations(nia)
			await hydrated(nia)
			const scores = [
				['Swim twice a week', '5: Really well'],
				['Get ready in the morning without rushing', '3: Okay'],
				['See my friends every weekend', '4: Well'],
			] as const
			for (const [outcome, words] of scores) {
				await nia
					.getByRole('group', { name: `How well is this going? (${outcome})` })
					.locator('label', { hasText: words })
					.click()
			}
			await nia
				.getByLabel('Anything to say about it? (Get ready in the morning without rushing)')
				.fill('Some mornings the helper is late.')
			await nia.getByLabel('What would you change?').fill('An earlier start for morning help')
			await nia.getByLabel('Yes, start a new version of the plan').check()
			await nia.getByRole('button', { name: 'Save the review' }).click()
			await shows(nia.getByRole('heading', { name: 'What matters to you', level: 1 }))
			await nia.goto(planUrl)
			await textOf(nia.getByRole('region', { name: 'Version 2: the change being made' }), 'Being written')
			await textOf(nia.getByRole('region', { name: 'Versions of the plan' }), 'Version 1: Agreed')
			await nia.goto(`${planUrl.replace(/\/plan$/, '')}/review`)
			await textOf(
				nia.getByRole('region', { name: 'Reviews done' }),
				'Get ready in the morning without rushing: Okay (3 of 5)',
			)
		},
		STEP,
	)
})
