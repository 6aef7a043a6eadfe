/**
 * What happens to a review once it is public: the provider's one public reply, and reports from anyone signed
 * in. A review nobody may see yet (before its visibleFrom) does not exist here for anyone (404), the provider
 * included, so nothing about it leaks before the double-blind ends.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { reviewWrites } from './db.server.ts'
import { forbidden, notFound, ReviewError } from './errors.ts'
import { shownReviewSelect, shownReviewWithAuthor } from './privacy.ts'
import { isSameText, isVisible } from './rules.ts'

const publicReviewSelect = {
	...shownReviewSelect,
	repliedAt: true,
	visibleFrom: true,
	authorId: true,
	holderId: true,
	holder: { select: { displayName: true, userId: true, funderId: true } },
	provider: { select: { id: true, slug: true, name: true, ownerId: true } },
} as const

async function findPublicReview(db: Tx | typeof prisma, reviewId: string, now: Date) {
	if (!reviewId) return null
	const review = await db.review.findUnique({ where: { id: reviewId }, select: publicReviewSelect })
	if (!review || !isVisible(review.visibleFrom, now)) return null
	return review
}

type PublicReviewRow = NonNullable<Awaited<ReturnType<typeof findPublicReview>>>

/** A review as the public sees it (a removed review keeps only the moderator's reason). */
export function publicReview(review: PublicReviewRow) {
	return { ...shownReviewWithAuthor(review), provider: { slug: review.provider.slug, name: review.provider.name } }
}

export type PublicReview = ReturnType<typeof publicReview>

// ───────────────────────────── The provider's reply ─────────────────────────────

/** The reply page: only for the owner of the reviewed provider (403 for anyone else; 404 before it is visible). */
export async function getReplyPage(reviewId: string, user: SessionUser, now: Date) {
	const review = await findPublicReview(prisma, reviewId, now)
	if (!review) throw notFound()
	if (review.provider.ownerId !== user.id) throw forbidden()
	return { review: publicReview(review), canReply: review.status === 'PUBLISHED' && review.providerReply === null }
}

/**
 * The provider's one public reply. The same reply sent again is a success that changes nothing; a second,
 * different reply is refused (a reply cannot be changed). Tells the holder's side. Throws ReviewError.
 */
export async function replyToReview(input: {
	reviewId: string
	user: SessionUser
	reply: string
	now: Date
}): Promise<{ created: boolean; slug: string }> {
	const { reviewId, user, now } = input
	return inTransaction(
		prisma,
		async (tx) => {
			if (!(await lockRow(tx, 'Review', reviewId))) throw notFound()
			const review = await findPublicReview(tx, reviewId, now)
			if (!review) throw notFound()
			if (review.provider.ownerId !== user.id) throw forbidden()
			if (review.status === 'REMOVED') {
				throw new ReviewError('WRONG_STATE', 'A moderator removed this review, so it cannot be replied to.')
			}
			if (review.providerReply !== null) {
				if (isSameText(review.providerReply, input.reply)) return { created: false, slug: review.provider.slug }
				throw new ReviewError(
					'ALREADY_DONE',
					'You have already replied to this review. You can reply once, and a reply cannot be changed.',
				)
			}
			const reply = input.reply.trim()
			await tx.review.update({ where: { id: reviewId }, data: { providerReply: reply, repliedAt: now } })
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId: review.holderId,
					action: 'review.replied',
					entityType: 'Review',
					entityId: reviewId,
					detail: { reply },
				},
			})
			await notify(tx, {
				userIds: [review.holder.userId, review.authorId],
				except: user.id,
				title: `${review.provider.name} replied to your review`,
				body: `${review.provider.name} wrote: “${reply.length > 300 ? `${reply.slice(0, 300)}…` : reply}”. The reply is shown under your review on their profile.`,
				link: `/providers/${review.provider.slug}#review-${reviewId}`,
			})
			return { created: true, slug: review.provider.slug }
		},
		reviewWrites,
	)
}

// ───────────────────────────── Reports ─────────────────────────────

/** The report page: anyone signed in, for a review that is public. */
export async function getReportPage(reviewId: string, user: SessionUser, now: Date) {
	const review = await findPublicReview(prisma, reviewId, now)
	if (!review) throw notFound()
	const open = await prisma.reviewReport.count({ where: { reviewId, reporterId: user.id, resolvedAt: null } })
	return { review: publicReview(review), alreadyReported: open > 0 }
}

/**
 * Reports a public review to the moderators. Reporting it again while the first report is open changes nothing
 * (`created: false`). A removed review cannot be reported. Throws ReviewError.
 */
export async function reportReview(input: {
	reviewId: string
	user: SessionUser
	reason: string
	now: Date
}): Promise<{ created: boolean }> {
	const { reviewId, user, now } = input
	return inTransaction(
		prisma,
		async (tx) => {
			if (!(await lockRow(tx, 'Review', reviewId))) throw notFound()
			const review = await findPublicReview(tx, reviewId, now)
			if (!review) throw notFound()
			if (review.status === 'REMOVED') {
				throw new ReviewError('WRONG_STATE', 'A moderator has already removed this review.')
			}
			const open = await tx.reviewReport.findFirst({
				where: { reviewId, reporterId: user.id, resolvedAt: null },
				select: { id: true },
			})
			if (open) return { created: false }
			const report = await tx.reviewReport.create({
				data: { reviewId, reporterId: user.id, reason: input.reason.trim(), createdAt: now },
				select: { id: true },
			})
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId: review.holderId,
					action: 'review.reported',
					entityType: 'Review',
					entityId: reviewId,
					detail: { reportId: report.id },
				},
			})
			return { created: true }
		},
		reviewWrites,
	)
}
