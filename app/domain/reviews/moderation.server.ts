/**
 * Moderating reviews. Admins moderate any review; funder staff moderate reviews written for holders of their own
 * funder. Nobody moderates reviews of a provider they own. A moderator keeps a reported review (closing its open
 * reports with an outcome) or removes it with a reason: a removed review is never deleted or hidden silently,
 * it stays on the profile as "This review was removed by a moderator: <reason>" and is counted there.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow } from '#app/utils/transaction.server.ts'
import { reviewWrites } from './db.server.ts'
import { forbidden, notFound, ReviewError } from './errors.ts'
import { shortName } from './labels.ts'
import { shownReviewSelect, shownReviewWithAuthor } from './privacy.ts'
import { recomputeProviderRating } from './rating.server.ts'
import { isSameText, isVisible } from './rules.ts'
import type { ModerationInput } from './schemas.ts'

export type ModeratorScope = { kind: 'all' } | { kind: 'funder'; funderId: string }

/** What this person may moderate, or null when they are no moderator. */
export function moderatorScope(user: SessionUser): ModeratorScope | null {
	if (user.roles.includes('ADMIN')) return { kind: 'all' }
	if (user.roles.includes('FUNDER_STAFF') && user.funderId) return { kind: 'funder', funderId: user.funderId }
	return null
}

export function isModerator(user: SessionUser): boolean {
	return moderatorScope(user) !== null
}

function requireModerator(user: SessionUser): ModeratorScope {
	const scope = moderatorScope(user)
	if (!scope) throw forbidden()
	return scope
}

/** The reviews this moderator may decide on, as a where clause (scoped in the query, never filtered after). */
function inScope(scope: ModeratorScope, user: SessionUser): Prisma.ReviewWhereInput {
	return {
		provider: { ownerId: { not: user.id } },
		...(scope.kind === 'funder' ? { holder: { funderId: scope.funderId } } : {}),
	}
}

function mayModerate(
	scope: ModeratorScope,
	user: SessionUser,
	review: { holder: { funderId: string }; provider: { ownerId: string } },
): boolean {
	if (review.provider.ownerId === user.id) return false
	return scope.kind === 'all' || review.holder.funderId === scope.funderId
}

const moderationReviewSelect = {
	...shownReviewSelect,
	removedAt: true,
	visibleFrom: true,
	authorId: true,
	holderId: true,
	holder: { select: { displayName: true, userId: true, funderId: true, funder: { select: { name: true } } } },
	provider: { select: { id: true, slug: true, name: true, ownerId: true } },
	removedBy: { select: { name: true } },
} as const

const reportSelect = {
	id: true,
	reason: true,
	createdAt: true,
	resolvedAt: true,
	outcome: true,
	reporter: { select: { name: true } },
} as const

/** The open reports this moderator may decide on, grouped by review, oldest report first. */
export async function listOpenReports(user: SessionUser, now: Date) {
	const scope = requireModerator(user)
	const reviews = await prisma.review.findMany({
		where: { ...inScope(scope, user), visibleFrom: { lte: now }, reports: { some: { resolvedAt: null } } },
		select: {
			...moderationReviewSelect,
			reports: { where: { resolvedAt: null }, orderBy: { createdAt: 'asc' }, select: reportSelect },
		},
		take: 200,
	})
	const items = reviews.map((r) => ({
		// The list shows what the public sees; a moderator opens the review to read a removed one in full.
		...shownReviewWithAuthor(r),
		funderName: r.holder.funder.name,
		provider: { slug: r.provider.slug, name: r.provider.name },
		reports: r.reports.map((rep) => ({
			id: rep.id,
			reason: rep.reason,
			createdAt: rep.createdAt,
			reporter: rep.reporter?.name ?? 'Someone no longer registered',
		})),
	}))
	items.sort((a, b) => (a.reports[0]?.createdAt.getTime() ?? 0) - (b.reports[0]?.createdAt.getTime() ?? 0))
	return { scope, items }
}

/** One review for a moderator to decide on: 404 when it is not public, 403 when it is outside their scope. */
export async function getModerationReview(reviewId: string, user: SessionUser, now: Date) {
	const scope = requireModerator(user)
	const review = reviewId
		? await prisma.review.findUnique({
				where: { id: reviewId },
				select: { ...moderationReviewSelect, reports: { orderBy: { createdAt: 'asc' }, select: reportSelect } },
			})
		: null
	if (!review || !isVisible(review.visibleFrom, now)) throw notFound()
	if (!mayModerate(scope, user, review)) throw forbidden()
	return {
		review: {
			id: review.id,
			rating: review.rating,
			reliable: review.reliable,
			respectful: review.respectful,
			didWhatAgreed: review.didWhatAgreed,
			body: review.body,
			status: review.status,
			removedReason: review.removedReason,
			removedAt: review.removedAt,
			removedBy: review.removedBy?.name ?? null,
			providerReply: review.providerReply,
			createdAt: review.createdAt,
			author: shortName(review.holder.displayName),
			funderName: review.holder.funder.name,
			provider: { slug: review.provider.slug, name: review.provider.name },
		},
		openReports: review.reports
			.filter((r) => r.resolvedAt === null)
			.map((r) => ({
				id: r.id,
				reason: r.reason,
				createdAt: r.createdAt,
				reporter: r.reporter?.name ?? 'Someone no longer registered',
			})),
		closedReports: review.reports
			.filter((r) => r.resolvedAt !== null)
			.map((r) => ({ id: r.id, reason: r.reason, resolvedAt: r.resolvedAt, outcome: r.outcome })),
		canDecide: review.status === 'PUBLISHED',
	}
}

export type ModerationResult = { decision: 'KEEP' | 'REMOVE'; changed: boolean; reportsClosed: number; slug: string }

/**
 * A moderator's decision. KEEP closes the open reports with the outcome; REMOVE marks the review removed with the
 * reason (shown publicly in its place), closes the open reports, recomputes the provider's rating (with a search
 * outbox row) and tells the author why. Sending the same decision again changes nothing. Throws ReviewError.
 */
export async function decideOnReview(input: {
	reviewId: string
	user: SessionUser
	decision: ModerationInput
	now: Date
}): Promise<ModerationResult> {
	const { reviewId, user, now } = input
	const { decision, reason: typed } = input.decision
	const reason = typed.trim()
	const scope = requireModerator(user)
	return inTransaction(
		prisma,
		async (tx) => {
			if (!(await lockRow(tx, 'Review', reviewId))) throw notFound()
			const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: moderationReviewSelect })
			if (!isVisible(review.visibleFrom, now)) throw notFound()
			if (!mayModerate(scope, user, review)) throw forbidden()
			const open = await tx.reviewReport.findMany({
				where: { reviewId, resolvedAt: null },
				select: { id: true, reporterId: true },
			})
			const reporters = open.map((r) => r.reporterId)
			const slug = review.provider.slug
			const link = `/providers/${slug}#review-${reviewId}`

			if (decision === 'KEEP') {
				if (review.status === 'REMOVED') {
					throw new ReviewError(
						'WRONG_STATE',
						`This review was already removed by a moderator: ${review.removedReason ?? ''}`.trim(),
					)
				}
				if (open.length > 0) {
					await tx.reviewReport.updateMany({
						where: { id: { in: open.map((r) => r.id) } },
						data: { resolvedAt: now, outcome: `Kept: ${reason}` },
					})
				}
				await tx.auditLog.create({
					data: {
						actorId: user.id,
						holderId: review.holderId,
						action: 'review.kept',
						entityType: 'Review',
						entityId: reviewId,
						detail: { reason, reportsClosed: open.length },
					},
				})
				await notify(tx, {
					userIds: reporters,
					except: user.id,
					title: 'A moderator looked at the review you reported',
					body: `They decided to keep the review of ${review.provider.name}. Their reason: ${reason}`,
					link,
				})
				return { decision, changed: open.length > 0, reportsClosed: open.length, slug }
			}

			if (review.status === 'REMOVED') {
				if (isSameText(review.removedReason, reason)) return { decision, changed: false, reportsClosed: 0, slug }
				throw new ReviewError(
					'ALREADY_DONE',
					`This review was already removed by a moderator: ${review.removedReason ?? ''}`.trim(),
				)
			}
			await tx.review.update({
				where: { id: reviewId },
				data: { status: 'REMOVED', removedReason: reason, removedAt: now, removedById: user.id },
			})
			if (open.length > 0) {
				await tx.reviewReport.updateMany({
					where: { id: { in: open.map((r) => r.id) } },
					data: { resolvedAt: now, outcome: `Removed: ${reason}` },
				})
			}
			await recomputeProviderRating(tx, review.provider.id, now)
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId: review.holderId,
					action: 'review.removed',
					entityType: 'Review',
					entityId: reviewId,
					detail: { reason, reportsClosed: open.length },
				},
			})
			await notify(tx, {
				userIds: [review.authorId, review.holder.userId],
				except: user.id,
				title: `A moderator removed your review of ${review.provider.name}`,
				body: `The reason: ${reason}. Their profile shows that a review was removed, with this reason.`,
				link,
			})
			await notify(tx, {
				userIds: reporters.filter((id) => id !== review.authorId && id !== review.holder.userId),
				except: user.id,
				title: 'A moderator removed the review you reported',
				body: `The review of ${review.provider.name} was removed. The reason: ${reason}`,
				link,
			})
			return { decision, changed: true, reportsClosed: open.length, slug }
		},
		reviewWrites,
	)
}
