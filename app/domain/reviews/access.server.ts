/**
 * Who may do what with a booking's review and feedback. One place decides, for the pages and for the writes.
 *
 * - The holder's side: the holder, and whoever acts for them (rightsOverHolder). Writing the review needs the
 *   REVIEW right; any right over the holder (VIEW included: delegates, the funder's staff, admins) lets them
 *   see the booking, so a page they may not use answers 403, not 404.
 * - The provider's side: the owner of the booking's provider, who writes the feedback.
 * - Anyone else: the booking does not exist for them (404).
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { rightsOverHolder } from '#app/domain/people/rights.server.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import { prisma } from '#app/utils/db.server.ts'

export const reviewSelect = {
	id: true,
	authorId: true,
	rating: true,
	reliable: true,
	respectful: true,
	didWhatAgreed: true,
	body: true,
	visibleFrom: true,
	status: true,
	removedReason: true,
	removedAt: true,
	providerReply: true,
	repliedAt: true,
	createdAt: true,
} as const

export const feedbackSelect = {
	id: true,
	authorId: true,
	rating: true,
	body: true,
	visibleFrom: true,
	createdAt: true,
} as const

const bookingSelect = {
	id: true,
	status: true,
	startsAt: true,
	endsAt: true,
	confirmedAt: true,
	holderId: true,
	providerId: true,
	holder: { select: { displayName: true, userId: true, funderId: true } },
	provider: { select: { id: true, slug: true, name: true, ownerId: true } },
	service: { select: { title: true } },
	problems: {
		where: { resolvedAt: { not: null } },
		orderBy: { resolvedAt: 'desc' },
		take: 1,
		select: { resolvedAt: true },
	},
	review: { select: reviewSelect },
	feedback: { select: feedbackSelect },
} as const

export async function findBookingForReviews(bookingId: string) {
	return prisma.booking.findUnique({ where: { id: bookingId }, select: bookingSelect })
}

export type BookingForReviews = NonNullable<Awaited<ReturnType<typeof findBookingForReviews>>>

export type BookingAccess = {
	booking: BookingForReviews
	/** Rights over the booking's holder (empty for someone not on the holder's side). */
	holderRights: Set<DelegatedRight>
	/** On the holder's side at all: may see the booking and the holder's review. */
	holderSide: boolean
	/** May write the holder's review (the REVIEW right). */
	mayReview: boolean
	/** Owns the booking's provider: writes the feedback. */
	providerSide: boolean
}

/** The booking and this person's place in it, or null when the booking is not theirs to know of. */
export async function bookingAccess(bookingId: string, user: SessionUser, now: Date): Promise<BookingAccess | null> {
	if (!bookingId) return null
	const booking = await findBookingForReviews(bookingId)
	if (!booking) return null
	const holderRights = await rightsOverHolder(user, booking.holderId, now)
	const providerSide = booking.provider.ownerId === user.id
	const holderSide = holderRights.size > 0
	if (!holderSide && !providerSide) return null
	return { booking, holderRights, holderSide, mayReview: holderRights.has('REVIEW'), providerSide }
}
