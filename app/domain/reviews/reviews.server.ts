/**
 * Writing a booking's review (the holder's side) and feedback (the provider's side), double-blind, and what each
 * person may see and do now. See rules.ts for the rules and docs/decisions/011-trusted-reviews.md for why.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import {
	bookingAccess,
	feedbackSelect,
	reviewSelect,
	type BookingAccess,
	type BookingForReviews,
} from './access.server.ts'
import { reviewWrites } from './db.server.ts'
import { forbidden, notFound, ReviewError } from './errors.ts'
import { dayTimeText, formatDay } from '#app/utils/dates.ts'
import { shortName } from './labels.ts'
import { shownReview } from './privacy.ts'
import { markReviewVisible, recomputeProviderRating } from './rating.server.ts'
import {
	isSameReview,
	isSameText,
	isVisible,
	visibilityOnWrite,
	windowClosesAt,
	windowOpensAt,
	windowState,
	type WindowState,
} from './rules.ts'
import type { FeedbackInput, ReviewInput } from './schemas.ts'

/** A review as this person may see it. A removed review keeps only the moderator's reason. */
export type VisibleReview = {
	id: string
	rating: number
	reliable: number
	respectful: number
	didWhatAgreed: number
	/** Null once a moderator removed it. */
	body: string | null
	status: 'PUBLISHED' | 'REMOVED'
	removedReason: string | null
	providerReply: string | null
	repliedAt: Date | null
	createdAt: Date
	visibleFrom: Date
	/** Shown publicly from visibleFrom. */
	isPublic: boolean
}

/** The provider's feedback as this person may see it. */
export type VisibleFeedback = { id: string; rating: number; body: string; createdAt: Date; visibleFrom: Date }

/**
 * What this person may do now about a booking's review and feedback, for the booking page.
 * `review` and `feedback` are given only when this person may read them: the holder's side always reads the
 * review and reads the feedback once it is visible; the provider always reads their feedback and reads the
 * review once it is visible.
 */
export type ReviewStateForBooking = {
	/** The holder's side, with the REVIEW right, may write the review now (delivered, window open, none yet). */
	canReview: boolean
	/** The provider's owner may write the feedback now (delivered, window open, none yet). */
	canGiveFeedback: boolean
	reviewWritten: boolean
	feedbackWritten: boolean
	/** When neither side can write any more: 14 days after the session was confirmed. Null if not delivered. */
	windowClosesAt: Date | null
	review: VisibleReview | null
	feedback: VisibleFeedback | null
}

function visibleReview(review: NonNullable<BookingForReviews['review']>, now: Date): VisibleReview {
	return {
		...shownReview(review),
		repliedAt: review.repliedAt,
		visibleFrom: review.visibleFrom,
		isPublic: isVisible(review.visibleFrom, now),
	}
}

function opensAtOf(booking: BookingForReviews): Date | null {
	return windowOpensAt({
		status: booking.status,
		confirmedAt: booking.confirmedAt,
		resolvedAt: booking.problems[0]?.resolvedAt ?? null,
	})
}

function stateFrom(access: BookingAccess, now: Date): ReviewStateForBooking & { window: WindowState } {
	const { booking } = access
	const opensAt = opensAtOf(booking)
	const window = windowState(opensAt, now)
	const review = booking.review
	const feedback = booking.feedback
	// The holder's side reads its own review; the provider only once it is visible.
	const mayReadReview = review !== null && (access.holderSide || isVisible(review.visibleFrom, now))
	// The provider reads their own feedback; the holder's side only once it is visible.
	const mayReadFeedback = feedback !== null && (access.providerSide || isVisible(feedback.visibleFrom, now))
	return {
		canReview: access.mayReview && window === 'open' && review === null,
		canGiveFeedback: access.providerSide && window === 'open' && feedback === null,
		reviewWritten: review !== null,
		feedbackWritten: feedback !== null,
		windowClosesAt: opensAt ? windowClosesAt(opensAt) : null,
		review: mayReadReview && review ? visibleReview(review, now) : null,
		feedback:
			mayReadFeedback && feedback
				? {
						id: feedback.id,
						rating: feedback.rating,
						body: feedback.body,
						createdAt: feedback.createdAt,
						visibleFrom: feedback.visibleFrom,
					}
				: null,
		window,
	}
}

/**
 * What this person may do now about this booking's review and feedback (for the booking page), or null when the
 * booking does not exist or is not theirs to know of (answer 404).
 */
export async function reviewStateForBooking(
	bookingId: string,
	user: SessionUser,
	now: Date,
): Promise<ReviewStateForBooking | null> {
	const access = await bookingAccess(bookingId, user, now)
	if (!access) return null
	const { window: _window, ...state } = stateFrom(access, now)
	return state
}

function summaryOf(booking: BookingForReviews) {
	return {
		id: booking.id,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		serviceTitle: booking.service.title,
		holderName: booking.holder.displayName,
		provider: { slug: booking.provider.slug, name: booking.provider.name },
	}
}

/** The review page: for the holder's side with the REVIEW right. Throws ReviewError 404/403 for anyone else. */
export async function getReviewPage(bookingId: string, user: SessionUser, now: Date) {
	const access = await bookingAccess(bookingId, user, now)
	if (!access) throw notFound()
	if (!access.mayReview) throw forbidden()
	return { booking: summaryOf(access.booking), state: stateFrom(access, now) }
}

/** The feedback page: for the owner of the booking's provider. Throws ReviewError 404/403 for anyone else. */
export async function getFeedbackPage(bookingId: string, user: SessionUser, now: Date) {
	const access = await bookingAccess(bookingId, user, now)
	if (!access) throw notFound()
	if (!access.providerSide) throw forbidden()
	return { booking: summaryOf(access.booking), state: stateFrom(access, now) }
}

/** Locks the booking, then reads what the writes need, inside the transaction. */
async function bookingInTx(tx: Tx, bookingId: string) {
	if (!(await lockRow(tx, 'Booking', bookingId))) throw notFound()
	return tx.booking.findUniqueOrThrow({
		where: { id: bookingId },
		select: {
			id: true,
			status: true,
			startsAt: true,
			confirmedAt: true,
			holderId: true,
			providerId: true,
			holder: { select: { displayName: true, userId: true } },
			provider: { select: { name: true, ownerId: true, slug: true } },
			problems: {
				where: { resolvedAt: { not: null } },
				orderBy: { resolvedAt: 'desc' },
				take: 1,
				select: { resolvedAt: true },
			},
			review: { select: reviewSelect },
			feedback: { select: feedbackSelect },
		},
	})
}

/** The window must be open; says plainly why not otherwise. */
function requireOpenWindow(
	booking: { status: BookingForReviews['status']; confirmedAt: Date | null; problems: { resolvedAt: Date | null }[] },
	now: Date,
	what: string,
): Date {
	const opensAt = windowOpensAt({
		status: booking.status,
		confirmedAt: booking.confirmedAt,
		resolvedAt: booking.problems[0]?.resolvedAt ?? null,
	})
	const window = windowState(opensAt, now)
	if (window === 'not-delivered' || !opensAt) {
		throw new ReviewError(
			'NOT_DELIVERED',
			`You can ${what} once the session has happened and been confirmed as delivered.`,
		)
	}
	if (window === 'closed') {
		throw new ReviewError(
			'WINDOW_CLOSED',
			`The time to ${what} ended on ${dayTimeText(windowClosesAt(opensAt))}. You can only do this within 14 days of the session being confirmed.`,
		)
	}
	return opensAt
}

export type WriteResult = { id: string; created: boolean; visible: boolean }

/**
 * Writes the holder's review of a delivered booking, once. The same review sent again (a double click) is a
 * success that changes nothing; a different second review is refused. Throws ReviewError.
 */
export async function writeReview(input: {
	bookingId: string
	user: SessionUser
	review: ReviewInput
	now: Date
}): Promise<WriteResult> {
	const { bookingId, user, now } = input
	const access = await bookingAccess(bookingId, user, now)
	if (!access) throw notFound()
	if (!access.mayReview) throw forbidden()
	return inTransaction(
		prisma,
		async (tx) => {
			const booking = await bookingInTx(tx, bookingId)
			if (booking.review) {
				if (isSameReview(booking.review, input.review, user.id)) {
					return { id: booking.review.id, created: false, visible: isVisible(booking.review.visibleFrom, now) }
				}
				throw new ReviewError(
					'ALREADY_DONE',
					'This session has already been reviewed. Each booking can be reviewed once, and a review cannot be changed.',
				)
			}
			const opensAt = requireOpenWindow(booking, now, 'review this session')
			const { visibleFrom, revealsOther } = visibilityOnWrite({ opensAt, otherWritten: booking.feedback !== null, now })
			const review = await tx.review.create({
				data: {
					bookingId,
					providerId: booking.providerId,
					holderId: booking.holderId,
					authorId: user.id,
					rating: input.review.rating,
					reliable: input.review.reliable,
					respectful: input.review.respectful,
					didWhatAgreed: input.review.didWhatAgreed,
					body: input.review.body.trim(),
					visibleFrom,
					createdAt: now,
				},
				select: { id: true },
			})
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId: booking.holderId,
					action: 'review.written',
					entityType: 'Review',
					entityId: review.id,
					detail: { bookingId, rating: input.review.rating, visibleFrom: visibleFrom.toISOString() },
				},
			})
			const when = formatDay(booking.startsAt)
			if (revealsOther) {
				// The provider wrote first: both become visible now.
				await tx.providerFeedback.update({ where: { bookingId }, data: { visibleFrom: now } })
				await markReviewVisible(tx, review.id, now, 'both-written')
				await recomputeProviderRating(tx, booking.providerId, now)
			} else {
				await notify(tx, {
					userIds: [booking.provider.ownerId],
					except: user.id,
					title: `${shortName(booking.holder.displayName)} has reviewed the session on ${when}`,
					body:
						`Tell us how the booking went by ${dayTimeText(visibleFrom)}. Neither of you sees what the other wrote ` +
						'until you have both written, or until then.',
					link: `/bookings/${bookingId}/feedback`,
				})
			}
			return { id: review.id, created: true, visible: revealsOther }
		},
		reviewWrites,
	)
}

/**
 * Writes the provider's feedback on a delivered booking, once; double-blind with the review. Throws ReviewError.
 */
export async function writeFeedback(input: {
	bookingId: string
	user: SessionUser
	feedback: FeedbackInput
	now: Date
}): Promise<WriteResult> {
	const { bookingId, user, now } = input
	const access = await bookingAccess(bookingId, user, now)
	if (!access) throw notFound()
	if (!access.providerSide) throw forbidden()
	return inTransaction(
		prisma,
		async (tx) => {
			const booking = await bookingInTx(tx, bookingId)
			if (booking.provider.ownerId !== user.id) throw forbidden()
			if (booking.feedback) {
				const same =
					booking.feedback.authorId === user.id &&
					booking.feedback.rating === input.feedback.rating &&
					isSameText(booking.feedback.body, input.feedback.body)
				if (same)
					return { id: booking.feedback.id, created: false, visible: isVisible(booking.feedback.visibleFrom, now) }
				throw new ReviewError(
					'ALREADY_DONE',
					'You have already written about this booking. It can be done once, and cannot be changed.',
				)
			}
			const opensAt = requireOpenWindow(booking, now, 'write about this booking')
			const { visibleFrom, revealsOther } = visibilityOnWrite({ opensAt, otherWritten: booking.review !== null, now })
			const feedback = await tx.providerFeedback.create({
				data: {
					bookingId,
					authorId: user.id,
					rating: input.feedback.rating,
					body: input.feedback.body.trim(),
					visibleFrom,
					createdAt: now,
				},
				select: { id: true },
			})
			await tx.auditLog.create({
				data: {
					actorId: user.id,
					holderId: booking.holderId,
					action: 'provider-feedback.written',
					entityType: 'ProviderFeedback',
					entityId: feedback.id,
					detail: { bookingId, rating: input.feedback.rating, visibleFrom: visibleFrom.toISOString() },
				},
			})
			const holderSide = [booking.holder.userId, booking.review?.authorId]
			const when = formatDay(booking.startsAt)
			if (revealsOther && booking.review) {
				// The holder's side wrote first: both become visible now.
				await tx.review.update({ where: { id: booking.review.id }, data: { visibleFrom: now } })
				await markReviewVisible(tx, booking.review.id, now, 'both-written')
				await recomputeProviderRating(tx, booking.providerId, now)
				await notify(tx, {
					userIds: holderSide,
					except: user.id,
					title: `${booking.provider.name} has written about the session on ${when}`,
					body: 'You have both written now, so you can each read what the other said. Your review is on their profile.',
					link: `/bookings/${bookingId}/review`,
				})
			} else {
				await notify(tx, {
					userIds: holderSide,
					except: user.id,
					title: `${booking.provider.name} has written about the session on ${when}`,
					body:
						`You can review the session until ${dayTimeText(visibleFrom)}. Neither of you sees what the other wrote ` +
						'until you have both written, or until then.',
					link: `/bookings/${bookingId}/review`,
				})
			}
			return { id: feedback.id, created: true, visible: revealsOther }
		},
		reviewWrites,
	)
}
