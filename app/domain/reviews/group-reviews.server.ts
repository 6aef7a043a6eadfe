/**
 * Reviewing a group activity (a commission): each member who paid into it reviews the provider once, with the same
 * stars, plain questions and words as a booking's review, and the review counts in the provider's rating.
 *
 * - Who: the holder's side with the REVIEW right (the holder, or a helper they gave it to), for a member whose
 *   pledge was taken (POSTED). Anyone else on the holder's side (VIEW: a helper, the funder's staff) sees the
 *   page but cannot write (403); anyone else does not know of it (404).
 * - When: from the first session confirmed as delivered. While sessions are still to come the window stays open;
 *   once the activity has ended (completed or cancelled) it closes 14 days after its last confirmed session.
 * - Seen: at once. The double-blind of a booking's review (rules.ts) exists because the provider writes about the
 *   holder too; a provider does not write about the members of a group, so there is nothing to wait for and a
 *   review is never held back.
 * See docs/decisions/015-collective-commissioning.md and 011-trusted-reviews.md.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { inTransaction, lockRow } from '#app/utils/transaction.server.ts'
import { reviewSelect } from './access.server.ts'
import { reviewWrites } from './db.server.ts'
import { forbidden, notFound, ReviewError } from './errors.ts'
import { shownReview } from './privacy.ts'
import { markReviewVisible, recomputeProviderRating } from './rating.server.ts'
import { isSameReview, windowClosesAt, type WindowState } from './rules.ts'
import type { ReviewInput } from './schemas.ts'

/** The group activity's review window, from its sessions: pure, for the page and the write to decide alike. */
export function groupWindow(
	commission: { status: string; sessions: ReadonlyArray<{ confirmedAt: Date | null }> },
	now: Date,
): { state: WindowState; closesAt: Date | null } {
	const confirmed = commission.sessions
		.map((s) => s.confirmedAt)
		.filter((d): d is Date => d !== null)
		.sort((a, b) => a.getTime() - b.getTime())
	const first = confirmed[0]
	if (!first || now.getTime() < first.getTime()) return { state: 'not-delivered', closesAt: null }
	const ended = commission.status === 'COMPLETED' || commission.status === 'CANCELLED'
	if (!ended) return { state: 'open', closesAt: null }
	const closesAt = windowClosesAt(confirmed[confirmed.length - 1] ?? first)
	return { state: now.getTime() < closesAt.getTime() ? 'open' : 'closed', closesAt }
}

async function findActivity(commissionId: string, holderId: string) {
	if (!commissionId || !holderId) return null
	return prisma.commission.findUnique({
		where: { id: commissionId },
		select: {
			id: true,
			title: true,
			status: true,
			provider: { select: { id: true, slug: true, name: true, ownerId: true } },
			sessions: { select: { confirmedAt: true } },
			pledges: { where: { holderId, status: 'POSTED' }, select: { holderId: true } },
			reviews: { where: { holderId }, select: reviewSelect },
		},
	})
}

/**
 * The review page for one member of a group activity, or ReviewError 404 (not theirs to know of, or the member did
 * not pay into it) or 403 (on the holder's side without the REVIEW right).
 */
export async function getGroupReviewPage(commissionId: string, holderId: string, user: SessionUser, now: Date) {
	const activity = await findActivity(commissionId, holderId)
	if (!activity?.provider || activity.pledges.length === 0) throw notFound()
	const rights = await rightsOverHolder(user, holderId, now)
	if (rights.size === 0) throw notFound()
	if (!rights.has('REVIEW')) throw forbidden()
	const holder = await prisma.budgetHolder.findUniqueOrThrow({ where: { id: holderId }, select: { displayName: true } })
	const window = groupWindow(activity, now)
	const review = activity.reviews[0] ?? null
	return {
		activity: { id: activity.id, title: activity.title, provider: activity.provider },
		holderName: holder.displayName,
		window: window.state,
		windowClosesAt: window.closesAt,
		canReview: window.state === 'open' && review === null,
		review: review ? { ...shownReview(review), repliedAt: review.repliedAt } : null,
	}
}

export type GroupReviewPage = Awaited<ReturnType<typeof getGroupReviewPage>>

/**
 * Writes a member's review of a group activity, once, visible at once, and updates the provider's rating in the
 * same transaction. The same review sent again (a double click) changes nothing; a different second one is refused.
 */
export async function writeGroupReview(input: {
	commissionId: string
	holderId: string
	user: SessionUser
	review: ReviewInput
	now: Date
}): Promise<{ id: string; created: boolean }> {
	const { commissionId, holderId, user, now } = input
	const page = await getGroupReviewPage(commissionId, holderId, user, now)
	const provider = page.activity.provider
	return inTransaction(
		prisma,
		async (tx) => {
			// One writer at a time per activity: a double click waits, then finds the first review.
			if (!(await lockRow(tx, 'Commission', commissionId))) throw notFound()
			const existing = await tx.review.findUnique({
				where: { commissionId_holderId: { commissionId, holderId } },
				select: reviewSelect,
			})
			if (existing) {
				if (isSameReview(existing, input.review, user.id)) return { id: existing.id, created: false }
				throw new ReviewError(
					'ALREADY_DONE',
					'This group activity has already been reviewed for this person. A review cannot be changed.',
				)
			}
			const activity = await tx.commission.findUniqueOrThrow({
				where: { id: commissionId },
				select: { status: true, sessions: { select: { confirmedAt: true } } },
			})
			const window = groupWindow(activity, now)
			if (window.state === 'not-delivered') {
				throw new ReviewError(
					'NOT_DELIVERED',
					'You can review this group activity once its first session has happened and been confirmed.',
				)
			}
			if (window.state === 'closed') {
				throw new ReviewError(
					'WINDOW_CLOSED',
					`The time to review this group activity ended on ${dayTimeText(window.closesAt ?? now)}.`,
				)
			}
			const review = await tx.review.create({
				data: {
					commissionId,
					providerId: provider.id,
					holderId,
					authorId: user.id,
					rating: input.review.rating,
					reliable: input.review.reliable,
					respectful: input.review.respectful,
					didWhatAgreed: input.review.didWhatAgreed,
					body: input.review.body.trim(),
					visibleFrom: now,
					createdAt: now,
				},
				select: { id: true },
			})
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId,
					action: 'review.written',
					entityType: 'Review',
					entityId: review.id,
					detail: { commissionId, rating: input.review.rating, visibleFrom: now.toISOString() },
				},
			})
			// Tells the provider it is on their profile, and counts it in their rating.
			await markReviewVisible(tx, review.id, now, 'group-activity')
			await recomputeProviderRating(tx, provider.id, now)
			return { id: review.id, created: true }
		},
		reviewWrites,
	)
}
