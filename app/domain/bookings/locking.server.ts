/**
 * What every change to a booking shares: the booking's row lock (one change at a time, read again under the lock),
 * the rules' check (rules.ts), who is acting, and what every change writes besides the booking itself: its history
 * (BookingEvent) and the notices to each side. The phases (changes, problems, jobs) run their changes through
 * `change`, so each is one transaction that holds the booking's lock.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { Booking } from '#app/generated/prisma/client.ts'
import type { BookingStatus } from '#app/generated/prisma/enums.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { holderSideRole, holderSideUserIds, partyFor, requireParty } from './access.server.ts'
import { BookingError } from './errors.ts'
import type { Initiator } from './money.server.ts'
import { type BookingAction, type Party, refusal } from './rules.ts'
import { sessionText } from '#app/utils/dates.ts'

export type LockedBooking = Booking & {
	holder: {
		id: string
		displayName: string
		userId: string | null
		funderId: string
		funder: { autoConfirmHours: number }
	}
	provider: { id: string; name: string; ownerId: string }
	service: { title: string; categorySlug: string }
	problems: Array<{
		id: string
		status: string
		proposedPaidPence: number | null
		proposedById: string | null
		proposedNote: string | null
	}>
}

/** Locks the booking's row for the rest of the transaction and loads what the rules need. */
async function lockBooking(tx: Tx, bookingId: string): Promise<LockedBooking> {
	if (!(await lockRow(tx, 'Booking', bookingId))) throw new BookingError('NOT_FOUND', 'We could not find that booking.')
	return tx.booking.findUniqueOrThrow({
		where: { id: bookingId },
		include: {
			holder: {
				select: {
					id: true,
					displayName: true,
					userId: true,
					funderId: true,
					funder: { select: { autoConfirmHours: true } },
				},
			},
			provider: { select: { id: true, name: true, ownerId: true } },
			service: { select: { title: true, categorySlug: true } },
			problems: {
				where: { status: 'OPEN' },
				select: { id: true, status: true, proposedPaidPence: true, proposedById: true, proposedNote: true },
			},
		},
	})
}

function factsOf(b: LockedBooking) {
	const problem = b.problems[0]
	return {
		status: b.status,
		startsAt: b.startsAt,
		endsAt: b.endsAt,
		problem: problem
			? {
					proposedBy:
						problem.proposedById === null
							? null
							: problem.proposedById === b.provider.ownerId
								? ('provider' as const)
								: ('holder' as const),
				}
			: null,
	}
}

/** The person's relation to the (locked) booking; NOT_FOUND if none; FORBIDDEN or WRONG_STATE if the rules say no. */
export async function check(
	tx: Tx,
	user: ActingUser,
	b: LockedBooking,
	action: BookingAction,
	now: Date,
): Promise<Party> {
	const party = user.system ? SYSTEM_PARTY : await partyFor(tx, user, b, now)
	requireParty(party)
	const refused = refusal(action, factsOf(b), party, now)
	if (refused) throw new BookingError(refused.kind === 'right' ? 'FORBIDDEN' : 'WRONG_STATE', refused.message)
	return party
}

/** The signed-in person, or the system (scheduled jobs). */
export type ActingUser = (Pick<SessionUser, 'id' | 'roles' | 'funderId' | 'name'> & { system?: false }) | SystemUser
type SystemUser = { system: true; id: null; roles: []; funderId: null; name: 'Budget Market' }
export const SYSTEM: SystemUser = { system: true, id: null, roles: [], funderId: null, name: 'Budget Market' }
const SYSTEM_PARTY: Party = { holderRights: new Set(['VIEW', 'PAY']), isProvider: true, isOverseer: true }

export async function initiatorFor(
	tx: Tx,
	user: ActingUser,
	b: LockedBooking,
	party: Party,
	now: Date,
): Promise<Initiator> {
	if (user.system) return { role: 'SYSTEM' }
	if (party.holderRights.size > 0) return { userId: user.id, role: await holderSideRole(tx, user.id, b.holderId, now) }
	if (party.isProvider) return { userId: user.id, role: 'PROVIDER' }
	return { userId: user.id, role: user.roles.includes('ADMIN') ? 'ADMIN' : 'FUNDER' }
}

export async function event(tx: Tx, b: { id: string }, actor: ActingUser, kind: string, detail: string | null = null) {
	await tx.bookingEvent.create({ data: { bookingId: b.id, actorId: actor.system ? null : actor.id, kind, detail } })
}

export async function tellHolderSide(
	tx: Tx,
	b: LockedBooking,
	actor: ActingUser,
	title: string,
	body: string,
	now: Date,
) {
	await notify(tx, {
		userIds: await holderSideUserIds(tx, b.holderId, now),
		except: actor.id,
		title,
		body,
		link: `/bookings/${b.id}`,
	})
}

export async function tellProvider(tx: Tx, b: LockedBooking, actor: ActingUser, title: string, body: string) {
	await notify(tx, { userIds: [b.provider.ownerId], except: actor.id, title, body, link: `/bookings/${b.id}` })
}

/** Runs a change to one booking in a transaction that holds the booking's row lock. */
export async function change<T>(bookingId: string, fn: (tx: Tx, b: LockedBooking) => Promise<T>): Promise<T> {
	return inTransaction(prisma, async (tx) => fn(tx, await lockBooking(tx, bookingId)))
}

/** The bookings of a weekly series still in this status (just this one for a one-off). */
export async function seriesIn(tx: Tx, b: LockedBooking, status: BookingStatus): Promise<LockedBooking[]> {
	if (!b.seriesId) return [b]
	const ids = await tx.booking.findMany({
		where: { seriesId: b.seriesId, status, id: { not: b.id } },
		orderBy: { startsAt: 'asc' },
		select: { id: true },
	})
	const others: LockedBooking[] = []
	for (const { id } of ids) {
		// Read again under the lock: another request may have changed this week meanwhile.
		const locked = await lockBooking(tx, id)
		if (locked.status === status) others.push(locked)
	}
	return [b, ...others].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())
}

/** The sessions changed, in words: "Tuesday 8 December 2026, 10:00 to 12:00", or the first of several and how many. */
export function seriesWords(list: LockedBooking[]): string {
	const sorted = [...list].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())
	const first = sorted[0]!
	return sorted.length > 1
		? `${sorted.length} weekly sessions from ${sessionText(first.startsAt, first.endsAt)}`
		: sessionText(first.startsAt, first.endsAt)
}
