/**
 * What of a review anyone but a moderator may see. One place for it, for the profile page, the review pages and
 * the booking page: a removed review keeps its stars and the moderator's reason, never its words or the provider's
 * reply, and its author is named only by a first name and initial. Moderators see the whole review (see
 * moderation.server.ts). Pure: no database, safe in the browser.
 */
import type { ReviewStatus } from '#app/generated/prisma/enums.ts'
import { shortName } from './labels.ts'

type ReviewRow = {
	id: string
	rating: number
	reliable: number
	respectful: number
	didWhatAgreed: number
	body: string
	status: ReviewStatus
	removedReason: string | null
	providerReply: string | null
	createdAt: Date
}

/** The Prisma select for a ReviewRow: the fields every page that shows a review reads. Callers add their own. */
export const shownReviewSelect = {
	id: true,
	rating: true,
	reliable: true,
	respectful: true,
	didWhatAgreed: true,
	body: true,
	status: true,
	removedReason: true,
	providerReply: true,
	createdAt: true,
} as const satisfies Record<keyof ReviewRow, true>

/** A review as anyone but a moderator sees it (a removed one keeps only its stars and the moderator's reason). */
export function shownReview(review: ReviewRow) {
	const removed = review.status === 'REMOVED'
	return {
		id: review.id,
		rating: review.rating,
		reliable: review.reliable,
		respectful: review.respectful,
		didWhatAgreed: review.didWhatAgreed,
		body: removed ? null : review.body,
		status: review.status,
		removedReason: review.removedReason,
		providerReply: removed ? null : review.providerReply,
		createdAt: review.createdAt,
	}
}

/** The same, with its author named as reviews name them in public: "Sam T.", never the full name. */
export function shownReviewWithAuthor(review: ReviewRow & { holder: { displayName: string } }) {
	return { ...shownReview(review), author: shortName(review.holder.displayName) }
}
