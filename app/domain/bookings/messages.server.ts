/**
 * Messages about a booking between the holder's side and the provider: plain text, stored, shown in order.
 * Funder staff read them only once a problem has been reported (to settle it); they do not write.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import { actorName } from '#app/domain/people/organisations.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { isUniqueViolation } from '#app/utils/transaction.server.ts'
import { holderSideUserIds, partyFor, requireParty } from './access.server.ts'
import { BookingError } from './errors.ts'
import { type Party, refusal } from './rules.ts'
import { shortDayText } from '#app/utils/dates.ts'

export function canReadMessages(party: Party, everDisputed: boolean): boolean {
	return party.holderRights.size > 0 || party.isProvider || (party.isOverseer && everDisputed)
}

const bookingForMessages = {
	id: true,
	holderId: true,
	bookedById: true,
	status: true,
	startsAt: true,
	endsAt: true,
	holder: { select: { userId: true, funderId: true, displayName: true } },
	provider: { select: { ownerId: true, name: true } },
	service: { select: { title: true } },
} as const

/**
 * Sends a message. Idempotent on the form's key: a double click stores it once. Tells the other side (in the app
 * and by email).
 */
export async function postMessage(
	user: SessionUser,
	bookingId: string,
	input: { body: string; idempotencyKey: string },
	now: Date = clockNow(),
) {
	const booking = await prisma.booking.findUnique({ where: { id: bookingId }, select: bookingForMessages })
	if (!booking) throw new BookingError('NOT_FOUND', 'We could not find that booking.')
	const party = await partyFor(prisma, user, booking, now)
	requireParty(party)
	const refused = refusal(
		'message',
		{ status: booking.status, startsAt: booking.startsAt, endsAt: booking.endsAt, problem: null },
		party,
		now,
	)
	if (refused) throw new BookingError('FORBIDDEN', refused.message)
	const earlier = await prisma.bookingMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } })
	if (earlier) return sameOrRefuse(earlier, user.id, bookingId, input.body)
	try {
		return await prisma.$transaction(async (tx) => {
			const message = await tx.bookingMessage.create({
				data: { bookingId, authorId: user.id, body: input.body, idempotencyKey: input.idempotencyKey },
			})
			const fromProvider = party.isProvider && party.holderRights.size === 0
			const to = fromProvider ? await holderSideUserIds(tx, booking.holderId, now) : [booking.provider.ownerId]
			// The provider is told who actually wrote, for whom: "Daniel Price (broker), for Sam Taylor" (ADR 025).
			const from =
				fromProvider || booking.holder.userId === user.id
					? user.name
					: `${await actorName(tx, user, booking.holderId)}, for ${booking.holder.displayName}`
			await notify(tx, {
				userIds: to,
				except: user.id,
				title: `New message from ${from}`,
				body: `About “${booking.service.title}” on ${shortDayText(booking.startsAt)}: ${input.body.length > 200 ? `${input.body.slice(0, 200)}…` : input.body}`,
				link: `/bookings/${bookingId}#messages`,
			})
			return message
		})
	} catch (error) {
		// The same form sent twice at the same moment: the other request stored it.
		if (!isUniqueViolation(error)) throw error
		const stored = await prisma.bookingMessage.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } })
		return sameOrRefuse(stored, user.id, bookingId, input.body)
	}
}

function sameOrRefuse<T extends { authorId: string; bookingId: string; body: string }>(
	m: T,
	userId: string,
	bookingId: string,
	body: string,
): T {
	if (m.authorId !== userId || m.bookingId !== bookingId || m.body !== body) {
		throw new BookingError('INVALID', 'This form was already used for another message. Reload the page and try again.')
	}
	return m
}

/** The messages, oldest first, with their authors' names. Callers check canReadMessages first. */
export function listMessages(bookingId: string) {
	return prisma.bookingMessage.findMany({
		where: { bookingId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
	})
}
