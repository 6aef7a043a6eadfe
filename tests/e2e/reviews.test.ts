/**
 * Reviews in the browser.
 *
 * On the demo data (the shared e2e server): the provider replies publicly to a review on her profile, a holder
 * reports reviews, an admin keeps one and removes another with a reason, and the profile then shows the removal
 * line.
 *
 * Writing a review and the provider's feedback: the demo data has no booking of Sam Taylor's confirmed within the
 * last 14 days, so that journey runs on the same built app served from this test process, on a fresh empty
 * database holding one delivered booking (see docs/decisions/011-trusted-reviews.md).
 *
 * Every new page passes axe-core, also with its error summary showing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDb } from '#app/utils/db.server.ts'
import {
	createBookingRecord,
	createFunder,
	createHolder,
	createProviderWithService,
	TEST_PASSWORD,
} from '#tests/db-utils.ts'
import { serveApp, type AppServer } from './app-server.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { browserTestFile, expectNoAxeViolations, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const profileUrl = `${baseUrl}/providers/amina-shah-leicester`

/** Two reviews on Amina Shah's profile, found by the provider's reply links: [id, "Ellie M., 28 September 2026"]. */
const chosen: { replied?: { id: string; from: string }; other?: { id: string; from: string } } = {}

function reviewItem(page: Page, id: string) {
	return page.getByRole('list', { name: 'Recent reviews' }).locator(`[id="review-${id}"]`)
}

/** "Ellie M., 28 September 2026": who wrote the review and when, as its first line says. */
async function fromOf(page: Page, id: string): Promise<string> {
	const line = (await reviewItem(page, id).locator('p').first().textContent()) ?? ''
	const from = /from (.+)$/.exec(line.trim())?.[1]
	if (!from) throw new Error(`No author line in review ${id}: "${line}"`)
	return from
}

describe('replying to, reporting and moderating reviews', () => {
	it('lets the provider reply once, publicly, to a review on her profile', async () => {
		const page = await signedInPage('provider@demo.test')
		await page.goto(profileUrl)
		await shows(page.getByRole('heading', { name: 'What reviewers said, on average (out of 5)' }))
		await shows(page.getByText('Were they reliable?'))
		await expectNoAxeViolations(page)

		const replyLinks = page
			.getByRole('list', { name: 'Recent reviews' })
			.getByRole('link', { name: /^Reply publicly to the review from / })
		expect(await replyLinks.count()).toBeGreaterThanOrEqual(2)
		const ids: string[] = []
		for (const link of (await replyLinks.all()).slice(0, 2)) {
			const href = (await link.getAttribute('href')) ?? ''
			ids.push(/^\/reviews\/([^/]+)\/reply$/.exec(href)?.[1] ?? '')
		}
		const [first, second] = ids as [string, string]
		chosen.replied = { id: first, from: await fromOf(page, first) }
		chosen.other = { id: second, from: await fromOf(page, second) }

		await page.getByRole('link', { name: `Reply publicly to the review from ${chosen.replied.from}` }).click()
		await page.waitForURL(`${baseUrl}/reviews/${first}/reply`)
		await textOf(page.getByRole('heading', { level: 1 }), 'Reply to a review')
		await expectNoAxeViolations(page)

		await page.getByRole('button', { name: 'Publish the reply' }).click()
		await textOf(page.getByRole('alert'), 'Enter your reply')
		await expectNoAxeViolations(page)

		const text = 'Thank you for your kind words. It is always a pleasure to help.'
		await page.getByLabel('Your public reply').fill(text)
		await page.getByRole('button', { name: 'Publish the reply' }).click()
		await page.waitForURL(`${profileUrl}#review-${first}`)
		await textOf(reviewItem(page, first), `Reply from Amina Shah: ${text}`)
		// Once only: the reply link has gone from that review, and there is no way to edit or hide it.
		expect(
			await reviewItem(page, first)
				.getByRole('link', { name: /^Reply publicly/ })
				.count(),
		).toBe(0)
		await page.context().close()
	})

	it('lets a signed-in holder report reviews with a reason', async () => {
		const page = await signedInPage('holder@demo.test')
		for (const review of [chosen.replied!, chosen.other!]) {
			await page.goto(profileUrl)
			await page.getByRole('link', { name: `Report this review from ${review.from}` }).click()
			await page.waitForURL(`${baseUrl}/reviews/${review.id}/report`)
			await textOf(page.getByRole('heading', { level: 1 }), 'Report a review')
			await expectNoAxeViolations(page)
			await page.getByRole('button', { name: 'Send the report' }).click()
			await textOf(page.getByRole('alert'), 'Enter what is wrong with this review')
			await expectNoAxeViolations(page)
			await page
				.getByLabel('What is wrong with this review?')
				.fill(`I think this review breaks the rules (${review.from}).`)
			await page.getByRole('button', { name: 'Send the report' }).click()
			await page.waitForURL(`${baseUrl}/reviews/${review.id}/report?sent=1`)
			await textOf(page.getByRole('status'), 'Thank you. Your report has been sent to the moderators.')
			await expectNoAxeViolations(page)
		}
		await page.context().close()
	})

	it('gives funder staff a way to the reported reviews from the header', async () => {
		const page = await signedInPage('funder@demo.test')
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click()
		await page.waitForURL(`${baseUrl}/moderation/reviews`)
		await textOf(page.getByRole('heading', { level: 1 }), 'Reported reviews')
		await shows(page.getByText('written for people who hold a budget from your council'))
		await expectNoAxeViolations(page)
		await page.context().close()
	})

	it('lets an admin keep one reported review and remove another with a reason, which the profile then shows', async () => {
		const page = await signedInPage('admin@demo.test')
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click()
		await page.waitForURL(`${baseUrl}/moderation/reviews`)
		await expectNoAxeViolations(page)

		// Keep the one the provider replied to.
		await page
			.getByRole('link', { name: `Keep or remove the review of Amina Shah from ${chosen.replied!.from}` })
			.click()
		await page.waitForURL(`${baseUrl}/moderation/reviews/${chosen.replied!.id}`)
		await textOf(page.getByRole('heading', { level: 1 }), 'Decide on a reported review')
		await expectNoAxeViolations(page)
		await page.getByRole('button', { name: 'Save the decision' }).click()
		const alert = page.getByRole('alert')
		await textOf(alert, 'Choose whether to keep the review or remove it')
		await textOf(alert, 'Enter the reason for your decision')
		await expectNoAxeViolations(page)
		await page.getByLabel('Keep the review and close the reports').check()
		await page.getByLabel('Your reason').fill('The review is an honest account of the session.')
		await page.getByRole('button', { name: 'Save the decision' }).click()
		await page.waitForURL(`${baseUrl}/moderation/reviews?decided=KEEP`)
		await textOf(page.getByRole('status'), 'The review was kept and its reports closed.')

		// Remove the other one, with a reason for the public.
		const reason = 'It named a member of staff who had nothing to do with the session.'
		await page.getByRole('link', { name: `Keep or remove the review of Amina Shah from ${chosen.other!.from}` }).click()
		await page.waitForURL(`${baseUrl}/moderation/reviews/${chosen.other!.id}`)
		await page.getByLabel('Remove the review').check()
		await page.getByLabel('Your reason').fill(reason)
		await page.getByRole('button', { name: 'Save the decision' }).click()
		await page.waitForURL(`${baseUrl}/moderation/reviews?decided=REMOVE`)
		await textOf(page.getByRole('status'), 'The review was removed.')
		expect(
			await page
				.getByRole('link', { name: `Keep or remove the review of Amina Shah from ${chosen.other!.from}` })
				.count(),
		).toBe(0)
		await expectNoAxeViolations(page)

		// Never silently: the profile keeps a line with the reason, and counts the removed review.
		await page.goto(profileUrl)
		await textOf(reviewItem(page, chosen.other!.id), `This review was removed by a moderator: ${reason}`)
		await shows(page.getByText(/^\d+ (review was|reviews were) removed by moderators\.$/))
		await textOf(reviewItem(page, chosen.replied!.id), 'Reply from Amina Shah:')
		await expectNoAxeViolations(page)
		await page.context().close()
	})
})

describe('writing a review and the provider’s feedback, double-blind (own server, fresh database)', () => {
	let db: TestDb
	let server: AppServer | undefined
	let base = ''
	let bookingId = ''
	const reviewText = 'Amina was kind and on time, and did exactly what we agreed.'
	const feedbackText = 'Clear arrangements and a warm welcome at every visit.'

	beforeAll(async () => {
		db = await createTestDb()
		setDb(db)
		const p = db.prisma
		const funder = await createFunder(p, { name: 'Leicester City Council' })
		const sam = await createHolder(p, {
			funderId: funder.id,
			displayName: 'Sam Taylor',
			user: { email: 'sam@reviews.test' },
		})
		const amina = await createProviderWithService(p, {
			provider: { name: 'Amina Shah' },
			owner: { email: 'amina@reviews.test', name: 'Amina Shah' },
		})
		// Delivered and confirmed yesterday: the 14 days to review are open.
		bookingId = (
			await createBookingRecord(p, {
				holderId: sam.holder.id,
				providerId: amina.provider.id,
				serviceId: amina.service.id,
			})
		).id
		server = await serveApp()
		base = server.base
	})
	afterAll(async () => {
		await server?.close()
		await db?.cleanup()
	})

	const signedIn = (email: string) => signedInPage(email, { base, password: TEST_PASSWORD })

	it('lets the holder review once, and the provider not read it until she has written too', async () => {
		const holder = await signedIn('sam@reviews.test')
		await holder.goto(`${base}/bookings/${bookingId}/review`)
		await textOf(holder.getByRole('heading', { level: 1 }), 'Review Amina Shah')
		await expectNoAxeViolations(holder)

		// Sent empty: every problem at the top and by its question.
		await holder.getByRole('button', { name: 'Send the review' }).click()
		const alert = holder.getByRole('alert')
		await textOf(alert, 'Choose how many stars you give overall, from 1 to 5')
		await textOf(alert, 'Answer “Did they do what was agreed?” with 1 to 5')
		await textOf(alert, 'Enter your review')
		await expectNoAxeViolations(holder)

		await holder
			.getByRole('group', { name: 'Overall, how many stars do you give?' })
			.getByLabel('4 stars: good')
			.check()
		await holder.getByRole('group', { name: 'Were they reliable?' }).getByLabel('Yes, completely (5)').check()
		await holder.getByRole('group', { name: 'Were they respectful?' }).getByLabel('Mostly (4)').check()
		await holder.getByRole('group', { name: 'Did they do what was agreed?' }).getByLabel('Partly (3)').check()
		await holder.getByLabel('Your review').fill(reviewText)
		await holder.getByRole('button', { name: 'Send the review' }).click()
		await holder.waitForURL(`${base}/bookings/${bookingId}/review?written=1`)
		await textOf(holder.getByRole('status'), 'Thank you. Your review has been saved.')
		await textOf(holder.getByRole('status'), 'Until then they cannot read it.')
		// Once only: the form has gone.
		expect(await holder.getByRole('button', { name: 'Send the review' }).count()).toBe(0)
		await expectNoAxeViolations(holder)

		const provider = await signedIn('amina@reviews.test')
		await provider.goto(`${base}/bookings/${bookingId}/feedback`)
		await textOf(provider.getByRole('heading', { level: 1 }), 'How did the booking go?')
		await shows(
			provider.getByText(
				'Sam T. has reviewed the session. You can read the review once you have written about the booking',
			),
		)
		// Not in the page, nor in the data sent with it.
		expect(await provider.content()).not.toContain(reviewText)
		await expectNoAxeViolations(provider)

		await provider.getByRole('button', { name: 'Send' }).click()
		await textOf(provider.getByRole('alert'), 'Choose how many stars you give the booking, from 1 to 5')
		await expectNoAxeViolations(provider)
		await provider.getByLabel('5 stars: excellent').check()
		await provider.getByLabel('What was the booking like?').fill(feedbackText)
		await provider.getByRole('button', { name: 'Send' }).click()
		await provider.waitForURL(`${base}/bookings/${bookingId}/feedback?written=1`)
		// Both have written: each reads the other now.
		await textOf(provider.getByRole('region', { name: 'Sam T.’s review' }), reviewText)
		await expectNoAxeViolations(provider)

		await holder.reload()
		await textOf(holder.getByRole('region', { name: 'What Amina Shah wrote about the booking' }), feedbackText)
		await expectNoAxeViolations(holder)
		await holder.context().close()
		await provider.context().close()
	})
})

describe('reviewing a group activity (issue 9)', () => {
	it('lets a member who paid in review the provider from the activity, and shows it on the profile at once', async () => {
		// The demo's Ravi (holder2@) is in "Employing a PA: a three-week course": two of its sessions are confirmed.
		const page = await signedInPage('holder2@demo.test')
		await page.getByRole('link', { name: 'Bookings', exact: true }).first().click()
		await page
			.getByRole('link', { name: /Employing a PA: a three-week course/ })
			.first()
			.click()
		await textOf(page.getByRole('heading', { level: 1 }), 'Employing a PA')
		await page.getByRole('link', { name: /^Review .+ for Ravi/ }).click()
		await textOf(page.getByRole('heading', { level: 1 }), /^Review /)
		await expectNoAxeViolations(page)

		await page.getByRole('button', { name: 'Send the review' }).click()
		await textOf(page.getByRole('alert'), 'Enter your review')
		await expectNoAxeViolations(page)

		const words = 'Clear and practical: I wrote my first rota in the second session.'
		await page
			.getByRole('group', { name: 'Overall, how many stars do you give?' })
			.getByLabel('5 stars: excellent')
			.check()
		await page.getByRole('group', { name: 'Were they reliable?' }).getByLabel('Yes, completely (5)').check()
		await page.getByRole('group', { name: 'Were they respectful?' }).getByLabel('Yes, completely (5)').check()
		await page.getByRole('group', { name: 'Did they do what was agreed?' }).getByLabel('Mostly (4)').check()
		await page.getByLabel('Your review').fill(words)
		await page.getByRole('button', { name: 'Send the review' }).click()
		await page.waitForURL(/\/review\/[^/]+\?written=1$/)
		await textOf(page.getByRole('status'), 'Your review is on')
		expect(await page.getByRole('button', { name: 'Send the review' }).count()).toBe(0)
		await expectNoAxeViolations(page)

		await page.getByRole('link', { name: /^See it on / }).click()
		const item = page.getByRole('list', { name: 'Recent reviews' }).getByRole('listitem').filter({ hasText: words })
		await textOf(item, 'about the group activity “Employing a PA: a three-week course”')
		await page.context().close()
	})
})
