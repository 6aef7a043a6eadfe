/**
 * The provider's cached rating (Provider.ratingAverage and reviewCount, which search ranks by) and the moment a
 * review becomes visible.
 *
 * The cache counts the PUBLISHED reviews whose visibleFrom has passed. It changes when a review becomes visible
 * (the second side writes, or the 14-day window closes), when a moderator removes one, and never otherwise.
 * Every recomputation writes a search outbox row in the same transaction, so search sees the new figures.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import { enqueueProviderSync } from '#app/domain/providers/outbox.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { shortName } from './labels.ts'
import { inTransaction, lockName, type Tx } from '#app/utils/transaction.server.ts'
import { reviewWrites } from './db.server.ts'
import { becameVisibleByTime, ratingFromTotals, windowOpensAt } from './rules.ts'

/** Recomputes the provider's cached rating from the database, and queues the provider for search. */
export async function recomputeProviderRating(
	tx: Tx,
	providerId: string,
	now: Date,
): Promise<{ ratingAverage: number | null; reviewCount: number }> {
	const totals = await tx.review.aggregate({
		where: { providerId, status: 'PUBLISHED', visibleFrom: { lte: now } },
		_sum: { rating: true },
		_count: { _all: true },
	})
	const figures = ratingFromTotals(totals._sum.rating ?? 0, totals._count._all)
	await tx.provider.update({ where: { id: providerId }, data: figures })
	await enqueueProviderSync(tx, providerId)
	return figures
}

/** The audit action that records a review becoming visible; it also makes publishDueReviews idempotent. */
export const VISIBLE_ACTION = 'review.visible'

/**
 * Records that a review has become visible and, when it is published, tells the provider. Call it in the
 * transaction that made it visible, then recompute the provider's rating.
 */
export async function markReviewVisible(
	tx: Tx,
	reviewId: string,
	now: Date,
	how: 'both-written' | 'window-closed' | 'group-activity',
): Promise<void> {
	const review = await tx.review.findUniqueOrThrow({
		where: { id: reviewId },
		select: {
			id: true,
			rating: true,
			status: true,
			holderId: true,
			holder: { select: { displayName: true } },
			provider: { select: { ownerId: true, slug: true } },
			booking: { select: { startsAt: true } },
			commission: { select: { title: true } },
		},
	})
	await tx.auditLog.create({
		data: {
			actorId: null,
			holderId: review.holderId,
			action: VISIBLE_ACTION,
			entityType: 'Review',
			entityId: review.id,
			detail: { how, at: now.toISOString() },
		},
	})
	if (review.status !== 'PUBLISHED') return
	const what = review.booking
		? `the session on ${formatDay(review.booking.startsAt)}`
		: `the group activity “${review.commission?.title ?? ''}”`
	await notify(tx, {
		userIds: [review.provider.ownerId],
		title: 'A new review is on your profile',
		body:
			`${shortName(review.holder.displayName)} reviewed ${what} ` +
			`and gave ${review.rating} out of 5. You can reply to it once, publicly, from your profile.`,
		link: `/providers/${review.provider.slug}#review-${review.id}`,
	})
}

export type PublishDueReport = { reviewsPublished: number; providersUpdated: number }

/**
 * How far back publishDueReviews looks for windows that closed. The job runs every minute, so three days covers a
 * long outage while keeping each run's scan small (an index on visibleFrom; seeded or long-visible reviews are not
 * read). A job stopped for longer misses older ones until the provider's rating is next recomputed.
 */
export const PUBLISH_LOOKBACK_DAYS = 3

/**
 * For the scheduled jobs: reviews that became visible by the passing of time (the 14-day window closed with only
 * the review written) since the last run. For each one not yet dealt with, it records that it is visible and
 * tells the provider; then it recomputes the cached rating of each provider concerned (with a search outbox row).
 *
 * Idempotent and safe on several servers at once: runs queue on an advisory lock, and each review is dealt with
 * once (its `review.visible` audit entry). Reviews revealed by the second writer were dealt with then.
 */
export async function publishDueReviews(now: Date, options: { lookbackDays?: number } = {}): Promise<PublishDueReport> {
	const since = new Date(now.getTime() - (options.lookbackDays ?? PUBLISH_LOOKBACK_DAYS) * 86_400_000)
	// A cheap look first, outside any lock: most runs have nothing to do.
	const due = await dueReviewIds(prisma, since, now)
	if (due.length === 0) return { reviewsPublished: 0, providersUpdated: 0 }
	return inTransaction(
		prisma,
		async (tx) => {
			await lockName(tx, 'reviews:publish-due')
			const ids = await dueReviewIds(tx, since, now)
			const providers = new Set<string>()
			for (const { id, providerId } of ids) {
				await markReviewVisible(tx, id, now, 'window-closed')
				providers.add(providerId)
			}
			for (const providerId of providers) await recomputeProviderRating(tx, providerId, now)
			return { reviewsPublished: ids.length, providersUpdated: providers.size }
		},
		reviewWrites,
	)
}

async function dueReviewIds(
	db: Tx | typeof prisma,
	since: Date,
	now: Date,
): Promise<{ id: string; providerId: string }[]> {
	const candidates = await db.review.findMany({
		// A group activity's review is visible from when it is written (group-reviews.server.ts): only bookings wait.
		where: { visibleFrom: { gt: since, lte: now }, bookingId: { not: null } },
		select: {
			id: true,
			providerId: true,
			visibleFrom: true,
			booking: {
				select: {
					status: true,
					confirmedAt: true,
					problems: {
						where: { resolvedAt: { not: null } },
						orderBy: { resolvedAt: 'desc' },
						take: 1,
						select: { resolvedAt: true },
					},
				},
			},
		},
		orderBy: { visibleFrom: 'asc' },
	})
	const byTime = candidates.filter(
		(r) =>
			r.booking !== null &&
			becameVisibleByTime(
				r.visibleFrom,
				windowOpensAt({
					status: r.booking.status,
					confirmedAt: r.booking.confirmedAt,
					resolvedAt: r.booking.problems[0]?.resolvedAt ?? null,
				}),
			),
	)
	if (byTime.length === 0) return []
	const done = await db.auditLog.findMany({
		where: { entityType: 'Review', action: VISIBLE_ACTION, entityId: { in: byTime.map((r) => r.id) } },
		select: { entityId: true },
	})
	const doneIds = new Set(done.map((d) => d.entityId))
	return byTime.filter((r) => !doneIds.has(r.id)).map((r) => ({ id: r.id, providerId: r.providerId }))
}
