/**
 * Reviewing a group activity (issue 9): a member who paid in reviews the provider once, through the page's loader
 * and action on a real database; the review is on the profile at once and counts in the rating; a retry changes
 * nothing; people without the REVIEW right are refused and nothing is written. The route world
 * (tests/setup/route-world.ts, through routeWorldForFile) gives Sam a delivered group activity with Amina, and Rita
 * one with Bo.
 */
import { describe, expect, it } from 'vitest'
import { getProviderProfile } from '#app/domain/providers/directory.server.ts'
import { groupWindow, writeGroupReview } from '#app/domain/reviews/group-reviews.server.ts'
import { publishDueReviews } from '#app/domain/reviews/rating.server.ts'
import * as commissionPage from '#app/routes/commissions.$commissionId.tsx'
import * as reviewPage from '#app/routes/commissions.$commissionId_.review.$holderId.tsx'
import { routeWorldForFile } from '#tests/setup/route-world.ts'
import { get, post, responseOf, statusOf } from '#tests/setup/requests.ts'

const file = routeWorldForFile()
const DAY = 86_400_000

const review = {
	rating: '4',
	reliable: '5',
	respectful: '5',
	didWhatAgreed: '3',
	body: 'Good fun and we ate well. It started late.',
}

function pagePath(commissionId: string, holderId: string) {
	return `/commissions/${commissionId}/review/${holderId}`
}

describe('the group activity review window', () => {
	const at = (d: number) => new Date(Date.UTC(2026, 5, 1) + d * DAY)
	it('opens at the first confirmed session, stays open while sessions are to come, closes 14 days after the last', () => {
		expect(groupWindow({ status: 'FUNDED', sessions: [{ confirmedAt: null }] }, at(0)).state).toBe('not-delivered')
		const sessions = [{ confirmedAt: at(0) }, { confirmedAt: at(7) }, { confirmedAt: null }]
		expect(groupWindow({ status: 'FUNDED', sessions }, at(-1)).state).toBe('not-delivered')
		expect(groupWindow({ status: 'FUNDED', sessions }, at(100))).toEqual({ state: 'open', closesAt: null })
		const ended = groupWindow({ status: 'CANCELLED', sessions }, at(20))
		expect(ended).toEqual({ state: 'open', closesAt: at(21) })
		expect(groupWindow({ status: 'COMPLETED', sessions }, at(21)).state).toBe('closed')
	})
})

describe('a member reviews a group activity', () => {
	it('links the member to the review from the activity page', async () => {
		const cookie = await file.world.cookie('holder')
		const res = (await commissionPage.loader({
			request: get(`/commissions/${file.world.ids.pastCommission}`, cookie),
			params: { commissionId: file.world.ids.pastCommission },
			context: {},
		})) as Response
		const data = await res.json()
		const sam = data.view.holders.find((h: { id: string }) => h.id === file.world.ids.holder)
		expect(sam.review).toBe('write')
	})

	it('refuses a helper who may only view, and another funder’s holder, writing nothing', async () => {
		const path = pagePath(file.world.ids.pastCommission, file.world.ids.holder)
		const params = { commissionId: file.world.ids.pastCommission, holderId: file.world.ids.holder }
		for (const [kind, status] of [
			['rep', 403],
			['otherHolder', 404],
			['provider', 404],
		] as const) {
			const cookie = await file.world.cookie(kind)
			expect(
				await statusOf(reviewPage.action({ request: await post(path, cookie, review), params, context: {} })),
			).toBe(status)
		}
		expect(await file.db.prisma.review.count({ where: { commissionId: file.world.ids.pastCommission } })).toBe(0)
	})

	it('saves the review once, shows it on the profile at once and counts it in the rating', async () => {
		const before = await file.db.prisma.provider.findUniqueOrThrow({ where: { id: file.world.ids.provider } })
		const cookie = await file.world.cookie('holder')
		const path = pagePath(file.world.ids.pastCommission, file.world.ids.holder)
		const params = { commissionId: file.world.ids.pastCommission, holderId: file.world.ids.holder }
		const res = await responseOf(reviewPage.action({ request: await post(path, cookie, review), params, context: {} }))
		expect(res.status).toBe(302)
		expect(res.headers.get('Location')).toBe(`${path}?written=1`)

		const saved = await file.db.prisma.review.findUniqueOrThrow({
			where: {
				commissionId_holderId: { commissionId: file.world.ids.pastCommission, holderId: file.world.ids.holder },
			},
		})
		expect(saved).toMatchObject({
			bookingId: null,
			providerId: file.world.ids.provider,
			rating: 4,
			status: 'PUBLISHED',
		})
		expect(saved.visibleFrom.getTime()).toBeLessThanOrEqual(Date.now())
		const after = await file.db.prisma.provider.findUniqueOrThrow({ where: { id: file.world.ids.provider } })
		// Recomputed in the same transaction: every visible, published review of Amina's, this one included.
		const visible = await file.db.prisma.review.count({
			where: { providerId: file.world.ids.provider, status: 'PUBLISHED', visibleFrom: { lte: new Date() } },
		})
		expect(after.reviewCount).toBe(visible)
		expect(after.reviewCount).toBeGreaterThan(before.reviewCount)
		expect(
			await file.db.prisma.auditLog.count({
				where: { action: 'review.written', entityId: saved.id, holderId: file.world.ids.holder },
			}),
		).toBe(1)
		const owner = await file.db.prisma.provider.findUniqueOrThrow({
			where: { id: file.world.ids.provider },
			select: { ownerId: true },
		})
		expect(
			await file.db.prisma.notification.count({
				where: { userId: owner.ownerId, body: { contains: 'Cooking together' } },
			}),
		).toBe(1)

		const profile = await getProviderProfile(file.world.ids.providerSlug, null)
		const shown = profile?.reviews.find((r) => r.id === saved.id)
		expect(shown).toMatchObject({ groupActivity: 'Cooking together', author: 'Sam T.' })

		// The page now shows the review, and the activity page links to it.
		const page = (await reviewPage.loader({ request: get(path, cookie), params, context: {} })) as Response
		const data = await page.json()
		expect(data.canReview).toBe(false)
		expect(data.review.body).toBe(review.body)
	})

	it('treats the same review sent again as done, and refuses a different one', async () => {
		const params = { commissionId: file.world.ids.pastCommission, holderId: file.world.ids.holder }
		const user = file.world.users.holder
		const input = { rating: 4, reliable: 5, respectful: 5, didWhatAgreed: 3, body: review.body }
		const again = await writeGroupReview({ ...params, user, review: input, now: new Date() })
		expect(again.created).toBe(false)
		await expect(
			writeGroupReview({ ...params, user, review: { ...input, rating: 1 }, now: new Date() }),
		).rejects.toMatchObject({ code: 'ALREADY_DONE', status: 409 })
		expect(await file.db.prisma.review.count({ where: { commissionId: file.world.ids.pastCommission } })).toBe(1)
	})

	it('leaves group reviews alone in the job that publishes bookings’ reviews', async () => {
		const report = await publishDueReviews(new Date(), { lookbackDays: 30 })
		expect(report.reviewsPublished).toBe(0)
	})

	it('lets the database hold a review of exactly one thing', async () => {
		const base = {
			providerId: file.world.ids.provider,
			holderId: file.world.ids.holder,
			authorId: file.world.users.holder.id,
			rating: 5,
			reliable: 5,
			respectful: 5,
			didWhatAgreed: 5,
			body: 'Neither a booking nor an activity.',
			visibleFrom: new Date(),
		}
		await expect(file.db.prisma.review.create({ data: base })).rejects.toThrow()
		await expect(
			file.db.prisma.review.create({
				data: { ...base, bookingId: file.world.ids.booking, commissionId: file.world.ids.commission },
			}),
		).rejects.toThrow()
	})
})
