import { prisma } from '#app/utils/db.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { DelegatedRight, Role } from '#app/generated/prisma/enums.ts'
import type { Db } from '#app/utils/transaction.server.ts'
import type { SessionUser } from './auth.server.ts'

export const ALL_RIGHTS: DelegatedRight[] = Object.values(DelegatedRight)

/**
 * A live delegation: not revoked, and with no end date or one still to come. Every query that lets a delegate
 * act for a holder puts this in its `where`, so a revoked or expired delegation gives no right anywhere.
 */
export function liveDelegationWhere(now: Date) {
	return {
		revokedAt: null,
		OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
	} satisfies Prisma.DelegationWhereInput
}

/**
 * What every "may this person see this holder" check reads: who the holder is, their own user and funder, and the
 * live delegations `userId` holds over them (ids only). Spread it into a BudgetHolder `select` and add what the
 * page needs.
 */
export function holderAccessSelect(userId: string, now: Date) {
	return {
		id: true,
		displayName: true,
		userId: true,
		funderId: true,
		delegations: { where: { delegateId: userId, ...liveDelegationWhere(now) }, select: { id: true } },
	} as const satisfies Prisma.BudgetHolderSelect
}

/** How a person stands to a holder read with `holderAccessSelect`. */
export type HolderRelation = { self: boolean; delegate: boolean; admin: boolean; ownFunderStaff: boolean }

/** A holder read with `holderAccessSelect` and the fields `S` adds. */
export type HolderFor<S extends Prisma.BudgetHolderSelect> = Prisma.BudgetHolderGetPayload<{
	select: ReturnType<typeof holderAccessSelect>
}> &
	Prisma.BudgetHolderGetPayload<{ select: S }>

/**
 * The "may this person act here" check of a page about a holder: reads the holder with `holderAccessSelect` and
 * `rule.select`, and returns them when `rule.allowed` says so; anyone else who may know of the holder (the holder
 * themself, a live delegate, an admin, staff of the holder's funder) is refused with 403 and `rule.forbidden`;
 * everyone else is told nothing (404), so the page says nothing about who exists.
 */
export async function requireHolderFor<const S extends Prisma.BudgetHolderSelect>(
	db: Db,
	user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>,
	holderId: string,
	now: Date,
	rule: { select: S; allowed: (relation: HolderRelation) => boolean; forbidden: (holder: HolderFor<S>) => string },
	Refusal: new (code: 'NOT_FOUND' | 'FORBIDDEN', message: string) => Error,
): Promise<HolderFor<S>> {
	const holder = (await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: { ...rule.select, ...holderAccessSelect(user.id, now) },
	})) as HolderFor<S> | null
	if (!holder) throw new Refusal('NOT_FOUND', 'We could not find that person.')
	const relation: HolderRelation = {
		self: holder.userId === user.id,
		delegate: holder.delegations.length > 0,
		admin: user.roles.includes(Role.ADMIN),
		ownFunderStaff: user.roles.includes(Role.FUNDER_STAFF) && user.funderId === holder.funderId,
	}
	if (rule.allowed(relation)) return holder
	if (relation.self || relation.delegate || relation.admin || relation.ownFunderStaff) {
		throw new Refusal('FORBIDDEN', rule.forbidden(holder))
	}
	throw new Refusal('NOT_FOUND', 'We could not find that person.')
}

/**
 * Budget holders this person is, or acts for through a live delegation (holding some of `rights`, when given): a
 * `where` on BudgetHolder, for every list of "my holders" (groups, commissions, calendars).
 */
export function holderSideWhere(userId: string, now: Date, rights?: DelegatedRight[]) {
	const delegation = {
		delegateId: userId,
		...liveDelegationWhere(now),
		...(rights ? { rights: { hasSome: rights } } : {}),
	}
	return { OR: [{ userId }, { delegations: { some: delegation } }] } satisfies Prisma.BudgetHolderWhereInput
}

/**
 * A holder's own user and funder, with the delegations `delegateId` holds over them that are live at `now`: what
 * both a person's rights over a holder and the ledger's record of who acted for them are decided from.
 */
export async function findHolderWithLiveDelegations(db: Db, holderId: string, delegateId: string, now: Date) {
	return db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			userId: true,
			funderId: true,
			delegations: {
				where: { delegateId, ...liveDelegationWhere(now) },
				select: { kind: true, rights: true },
			},
		},
	})
}

/**
 * What this person may do for this budget holder. One place decides, for the server and for what pages show:
 * - the holder themself: everything;
 * - a delegate (representative, broker): the rights the holder gave, while the delegation is live;
 * - staff of the holder's funder and admins: VIEW (for oversight; they do not spend).
 */
export async function rightsOverHolder(
	user: SessionUser,
	holderId: string,
	now = clockNow(),
): Promise<Set<DelegatedRight>> {
	// One query (issue 14): the holder and the rights of `user`'s live delegations over them (as liveDelegationWhere),
	// where reading the holder and then its delegations took two on every page about a holder.
	const [holder] = await prisma.$queryRaw<{ userId: string | null; funderId: string; rights: DelegatedRight[] }[]>`
		SELECT h."userId", h."funderId",
		  ARRAY(
		    SELECT r::text FROM "Delegation" d CROSS JOIN LATERAL unnest(d."rights") AS r
		    WHERE d."holderId" = h."id" AND d."delegateId" = ${user.id}
		      AND d."revokedAt" IS NULL AND (d."expiresAt" IS NULL OR d."expiresAt" > ${now})
		  ) AS "rights"
		FROM "BudgetHolder" h WHERE h."id" = ${holderId}`
	if (!holder) return new Set()
	if (holder.userId === user.id) return new Set(ALL_RIGHTS)
	const rights = new Set<DelegatedRight>(holder.rights)
	if (user.roles.includes(Role.ADMIN)) rights.add(DelegatedRight.VIEW)
	if (user.roles.includes(Role.FUNDER_STAFF) && user.funderId === holder.funderId) rights.add(DelegatedRight.VIEW)
	return rights
}

/** Throws 404 when the holder does not exist or the person has no right to know of them, 403 when they lack this right. */
export async function requireHolderRight(
	user: SessionUser,
	holderId: string,
	right: DelegatedRight,
): Promise<Set<DelegatedRight>> {
	const rights = await rightsOverHolder(user, holderId)
	if (rights.size === 0) throw new Response('Not found', { status: 404, statusText: 'Not found' })
	if (!rights.has(right)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
	return rights
}

/** The holders this person may act for or see (themself, delegations), for "my account". */
export async function holdersActingFor(userId: string, now = clockNow()) {
	return prisma.delegation.findMany({
		where: { delegateId: userId, ...liveDelegationWhere(now) },
		select: {
			kind: true,
			rights: true,
			consentGivenAt: true,
			holder: { select: { id: true, displayName: true, funder: { select: { name: true } } } },
		},
		orderBy: { consentGivenAt: 'asc' },
	})
}

/** Whom a delegation from holdersActingFor is for, and as what: the head of each "people I help" card. */
export function actingForCard(d: Awaited<ReturnType<typeof holdersActingFor>>[number]) {
	return {
		id: d.holder.id,
		displayName: d.holder.displayName,
		funderName: d.holder.funder.name,
		kind: d.kind,
		rights: d.rights,
	}
}
