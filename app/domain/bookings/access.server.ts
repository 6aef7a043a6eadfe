/**
 * Who someone is to a booking: on the holder's side (the holder, or a delegate with the rights the holder gave),
 * the provider, or an overseer (staff of the holder's funder, an admin). Anyone else must not learn the booking
 * exists: every look-up here is by id and then checked, and a person with no relation gets NOT_FOUND.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import {
	ALL_RIGHTS,
	holderSideWhere as holdersOnSideWhere,
	liveDelegationWhere,
} from '#app/domain/people/rights.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { DelegatedRight, InitiatorRole } from '#app/generated/prisma/enums.ts'
import type { Db } from '#app/utils/transaction.server.ts'
import { BookingError } from './errors.ts'
import type { Party } from './rules.ts'

/**
 * The rights that put a delegate on the holder's side of a booking: seeing it (VIEW), booking and cancelling
 * (BOOK), paying and settling (PAY). A delegate with only PLAN or REVIEW does not see the holder's bookings.
 */
export const BOOKING_RIGHTS: DelegatedRight[] = ['VIEW', 'BOOK', 'PAY']

export type HolderRelation = { userId: string | null; funderId: string }

/** The rights this person has over the holder as the holder or a live delegate (not as an overseer). */
export async function holderSideRights(
	db: Db,
	user: Pick<SessionUser, 'id'>,
	holderId: string,
	now: Date,
): Promise<Set<DelegatedRight>> {
	const holder = await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			userId: true,
			delegations: {
				where: { delegateId: user.id, ...liveDelegationWhere(now) },
				select: { rights: true },
			},
		},
	})
	if (!holder) return new Set()
	if (holder.userId === user.id) return new Set(ALL_RIGHTS)
	const rights = new Set(holder.delegations.flatMap((d) => d.rights))
	return BOOKING_RIGHTS.some((r) => rights.has(r)) ? rights : new Set()
}

export function isOverseerOf(user: Pick<SessionUser, 'roles' | 'funderId'>, holder: HolderRelation): boolean {
	return user.roles.includes('ADMIN') || (user.roles.includes('FUNDER_STAFF') && user.funderId === holder.funderId)
}

/** How this person relates to a booking of this holder with this provider. */
export async function partyFor(
	db: Db,
	user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>,
	booking: { holderId: string; holder: HolderRelation; provider: { ownerId: string } },
	now: Date,
): Promise<Party> {
	return {
		holderRights: await holderSideRights(db, user, booking.holderId, now),
		isProvider: booking.provider.ownerId === user.id,
		isOverseer: isOverseerOf(user, booking.holder),
	}
}

export function isParty(party: Party): boolean {
	return party.holderRights.size > 0 || party.isProvider || party.isOverseer
}

/** Throws NOT_FOUND unless the person has some relation to the booking. */
export function requireParty(party: Party): void {
	if (!isParty(party)) throw new BookingError('NOT_FOUND', 'We could not find that booking.')
}

/** How the ledger records someone acting on the holder's side: the holder, their representative or broker. */
export async function holderSideRole(db: Db, userId: string, holderId: string, now: Date): Promise<InitiatorRole> {
	const holder = await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			userId: true,
			delegations: {
				where: { delegateId: userId, ...liveDelegationWhere(now) },
				select: { kind: true },
			},
		},
	})
	if (holder?.userId === userId) return 'HOLDER'
	return holder?.delegations[0]?.kind === 'BROKER' ? 'BROKER' : 'REPRESENTATIVE'
}

/**
 * Everyone on the holder's side who should hear about a booking: the holder and the delegates who can still see
 * their bookings. Whoever made the booking is told only while they are one of these (a broker the holder has since
 * removed hears nothing more).
 */
export async function holderSideUserIds(db: Db, holderId: string, now: Date): Promise<string[]> {
	const holder = await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			userId: true,
			delegations: {
				where: { ...liveDelegationWhere(now), rights: { hasSome: BOOKING_RIGHTS } },
				select: { delegateId: true },
			},
		},
	})
	const ids = [holder?.userId, ...(holder?.delegations.map((d) => d.delegateId) ?? [])]
	return [...new Set(ids.filter((id): id is string => Boolean(id)))]
}

/** Bookings of holders this person is on the side of: themself, or a live delegation with a booking right. */
export function holderSideWhere(user: Pick<SessionUser, 'id'>, now: Date): Prisma.BookingWhereInput {
	return { holder: holdersOnSideWhere(user.id, now, BOOKING_RIGHTS) }
}

/** The staff of a funder, who settle problems. */
export async function funderStaffIds(db: Db, funderId: string): Promise<string[]> {
	const staff = await db.user.findMany({ where: { funderId, roles: { has: 'FUNDER_STAFF' } }, select: { id: true } })
	return staff.map((s) => s.id)
}
