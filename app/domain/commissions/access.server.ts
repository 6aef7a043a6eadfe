/**
 * Who someone is to a commission (provider, organiser, member's side, overseer), the commission's row lock, and
 * the facts the rules need. Internal to app/domain/commissions; pages read through queries.server.ts.
 *
 * Lock order, the same in every change: the commission's row (FOR UPDATE) first, then (through the money door)
 * the holder's spending lock, then the ledger's own locks. So two changes to one commission queue on its row,
 * and a pledge never waits on a confirmation that waits on it.
 */
import {
	BOOKING_RIGHTS,
	holderSideRights,
	holderSideRole,
	holderSideUserIds,
	isOverseerOf,
} from '#app/domain/bookings/access.server.ts'
import { platformFee } from '#app/domain/money/fees.ts'
import { notifyEach, type NotifyInput } from '#app/domain/notifications/notify.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { holderSideWhere, liveDelegationWhere } from '#app/domain/people/rights.server.ts'
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { DelegatedRight, InitiatorRole } from '#app/generated/prisma/enums.ts'
import { audit as writeAudit } from '#app/utils/audit.server.ts'
import { CommissionError } from './errors.ts'
import { type Initiator, lockRow, type Tx } from './money.server.ts'
import { type CommissionFacts, type CommissionParty, type Refusal } from './rules.ts'
import { finalShares, type PriceTerms } from './shares.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** The signed-in person, or the system (scheduled jobs). */
export type ActingUser = (Pick<SessionUser, 'id' | 'roles' | 'funderId' | 'name'> & { system?: false }) | SystemUser
type SystemUser = { system: true; id: null; roles: []; funderId: null; name: 'Budget Market' }
export const SYSTEM: SystemUser = { system: true, id: null, roles: [], funderId: null, name: 'Budget Market' }

export const LIVE_PLEDGE = ['HELD', 'POSTED'] as const

export const commissionInclude = {
	group: { select: { id: true, name: true, createdById: true } },
	provider: { select: { id: true, name: true, ownerId: true } },
	service: { select: { categorySlug: true } },
	pledges: {
		where: { status: { in: [...LIVE_PLEDGE] } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			holderId: true,
			status: true,
			companions: true,
			sharePence: true,
			feeBps: true,
			feePence: true,
			agreedMaxPence: true,
			postedPence: true,
			refundedPence: true,
			budgetLineId: true,
			holdTransferId: true,
			createdAt: true,
			holder: { select: { displayName: true, funderId: true, funder: { select: { autoConfirmHours: true } } } },
		},
	},
} satisfies Prisma.CommissionInclude

export type LockedCommission = Prisma.CommissionGetPayload<{ include: typeof commissionInclude }>

/** Locks the commission's row for the rest of the transaction and loads what the rules need. */
export async function lockCommission(tx: Tx, commissionId: string): Promise<LockedCommission> {
	if (!(await lockRow(tx, 'Commission', commissionId)))
		throw new CommissionError('NOT_FOUND', 'We could not find that commission.')
	return tx.commission.findUniqueOrThrow({ where: { id: commissionId }, include: commissionInclude })
}

export function termsOf(
	c: Pick<LockedCommission, 'pricingMode' | 'targetPence' | 'placePricePence' | 'minPledgers'>,
): PriceTerms {
	return {
		pricingMode: c.pricingMode,
		totalPence: c.targetPence,
		placePricePence: c.placePricePence,
		minPledgers: c.minPledgers,
	}
}

/**
 * True when the held pledges' final shares with their fees, as things stand, would be more than one of those members
 * agreed to pay. Each member agrees the share of the people who had pledged before them and themselves, so this
 * happens only when someone who pledged earlier withdrew (rules.ts, `sharesAboveAgreed`).
 */
export function sharesAboveAgreed(
	c: Pick<LockedCommission, 'pricingMode' | 'targetPence' | 'placePricePence' | 'minPledgers'> & {
		pledges: Pick<LockedCommission['pledges'][number], 'status' | 'agreedMaxPence' | 'feeBps'>[]
	},
): boolean {
	const held = c.pledges.filter((p) => p.status === 'HELD')
	if (held.length === 0) return false
	const shares = finalShares(termsOf(c), held.length)
	return held.some((p, i) => shares[i]! + platformFee(shares[i]!, p.feeBps) > p.agreedMaxPence)
}

/**
 * The facts of a commission loaded with its pledges' agreed amounts (commissionInclude): factsOf's, and whether a
 * withdrawal left the shares above what some member agreed. For confirming, the deadline and the commission's page.
 */
export function fullFactsOf(c: LockedCommission): CommissionFacts {
	return { ...factsOf(c), sharesAboveAgreed: sharesAboveAgreed(c) }
}

/** What factsOf reads: the commission's own terms and its live pledges' companions. */
export type FactsSource = Pick<
	LockedCommission,
	'status' | 'deadline' | 'minPledgers' | 'maxPledgers' | 'companionsAllowed'
> & { pledges: Pick<LockedCommission['pledges'][number], 'companions'>[] }

export function factsOf(c: FactsSource): CommissionFacts {
	return {
		status: c.status,
		deadline: c.deadline,
		minPledgers: c.minPledgers,
		maxPlaces: c.maxPledgers,
		paying: c.pledges.length,
		placesTaken: c.pledges.reduce((sum, p) => sum + 1 + p.companions, 0),
		companionsAllowed: c.companionsAllowed,
	}
}

/** The holders (members with a live pledge) this person is on the side of. */
async function memberSide(db: Db, user: Pick<SessionUser, 'id'>, holderIds: string[], now: Date): Promise<boolean> {
	if (holderIds.length === 0) return false
	const n = await db.budgetHolder.count({
		where: {
			id: { in: holderIds },
			...holderSideWhere(user.id, now, BOOKING_RIGHTS),
		},
	})
	return n > 0
}

/**
 * How this person relates to the commission, and to `holderId` when the action is for a holder. For the system
 * (scheduled jobs): provider and overseer, and PAY for the holder.
 */
export async function partyFor(
	db: Db,
	user: ActingUser,
	c: LockedCommission,
	holderId: string | null,
	now: Date,
): Promise<CommissionParty> {
	const pledge = holderId
		? ((await db.pledge.findUnique({
				where: { commissionId_holderId: { commissionId: c.id, holderId } },
				select: { status: true },
			})) ?? null)
		: null
	if (user.system) {
		return {
			isProvider: true,
			isOrganiser: false,
			isOverseer: true,
			holderRights: new Set<DelegatedRight>(['VIEW', 'PAY']),
			pledge,
			isMemberSide: true,
		}
	}
	const holders = [...new Set(c.pledges.map((p) => p.holderId))]
	const funders = [...new Set(c.pledges.map((p) => p.holder.funderId))]
	return {
		isProvider: c.provider?.ownerId === user.id,
		isOrganiser: c.group.createdById === user.id || c.createdById === user.id,
		isOverseer:
			user.roles.includes('ADMIN') || funders.some((funderId) => isOverseerOf(user, { userId: null, funderId })),
		holderRights: holderId ? await holderSideRights(db, user, holderId, now) : new Set(),
		pledge,
		isMemberSide: await memberSide(db, user, holders, now),
	}
}

/** Throws the CommissionError for a refusal from the rules. */
export function refuse(refused: Refusal | null): void {
	if (!refused) return
	const full = /full|places? (is|are) left/.test(refused.message)
	throw new CommissionError(refused.kind === 'right' ? 'FORBIDDEN' : full ? 'FULL' : 'WRONG_STATE', refused.message)
}

/** Someone with no relation at all must not learn the commission exists… but offers are public, so only actions check. */
export async function initiatorFor(db: Db, user: ActingUser, holderId: string | null, now: Date): Promise<Initiator> {
	if (user.system) return { role: 'SYSTEM' }
	if (holderId) {
		const role: InitiatorRole = await holderSideRole(db, user.id, holderId, now)
		return { userId: user.id, role }
	}
	return {
		userId: user.id,
		role: user.roles.includes('ADMIN') ? 'ADMIN' : user.roles.includes('PROVIDER') ? 'PROVIDER' : 'HOLDER',
	}
}

/** Everyone on the side of these holders (the holders and their delegates who can see bookings). */
export async function sideUserIds(db: Db, holderIds: string[], now: Date): Promise<string[]> {
	const all = await Promise.all([...new Set(holderIds)].map((id) => holderSideUserIds(db, id, now)))
	return [...new Set(all.flat())]
}

/** The same, for many holders at once (one query): holder id → the people to tell. */
export async function sideUserIdsByHolder(db: Db, holderIds: string[], now: Date): Promise<Map<string, string[]>> {
	const holders = await db.budgetHolder.findMany({
		where: { id: { in: [...new Set(holderIds)] } },
		select: {
			id: true,
			userId: true,
			delegations: {
				where: { ...liveDelegationWhere(now), rights: { hasSome: BOOKING_RIGHTS } },
				select: { delegateId: true },
			},
		},
	})
	return new Map(
		holders.map((h) => [
			h.id,
			[...new Set([h.userId, ...h.delegations.map((d) => d.delegateId)].filter((id): id is string => Boolean(id)))],
		]),
	)
}

/** A trail entry for a commission's world: who acted (the system has no id), on what, and for which holder. */
export type CommissionAudit = {
	actor: ActingUser
	action: string
	entityType: 'Commission' | 'Pledge' | 'CommissionSession' | 'Group' | 'CommissionQuote' | 'CommissionRequest'
	entityId: string
	holderId?: string | null
	detail?: Prisma.InputJsonValue
}

/**
 * Each holder's side told its own news (a commission confirmed for 500 members tells each their own amount), in a
 * few statements however many there are (see notifyEach).
 */
export async function notifySides(
	tx: Tx,
	notices: Array<Omit<NotifyInput, 'userIds'> & { holderId: string }>,
	now: Date,
): Promise<void> {
	const sides = await sideUserIdsByHolder(
		tx,
		notices.map((n) => n.holderId),
		now,
	)
	await notifyEach(
		tx,
		notices.map(({ holderId, ...notice }) => ({ ...notice, userIds: sides.get(holderId) ?? [] })),
	)
}

export async function audit(tx: Tx, input: CommissionAudit): Promise<void> {
	await writeAudit(tx, {
		actorId: input.actor.system ? null : input.actor.id,
		holderId: input.holderId ?? null,
		action: input.action,
		entityType: input.entityType,
		entityId: input.entityId,
		detail: input.detail,
	})
}
