/**
 * Who may do what with a holder's plan (issue 11, ADR 022). One place decides, for pages and actions alike:
 *  - the holder themself, or a helper with the PLAN right (live delegation): write, send, answer, review;
 *  - staff of the holder's own funder: set the budget, agree or ask one question, add notes to a review;
 *  - anyone else who may know of the holder (a helper without PLAN, an admin, a provider with a booking): 403;
 *  - everyone else: 404, so the page says nothing about who exists.
 */
import { liveDelegationWhere } from '#app/domain/people/rights.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { Db } from '#app/utils/transaction.server.ts'
import { DomainError } from '#app/utils/errors.ts'

export type PlanErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID' | 'CONFLICT'
const STATUS: Record<PlanErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, INVALID: 400, CONFLICT: 409 }

export class PlanError extends DomainError<PlanErrorCode> {
	override name = 'PlanError'
	constructor(code: PlanErrorCode, message: string, options: { field?: string } = {}) {
		super(STATUS, code, message, options)
	}
}

export type PlanHolder = {
	id: string
	displayName: string
	userId: string | null
	funderId: string
	funderName: string
	currency: string
	reviewEveryMonths: number
	indicativeBudgetPence: number | null
	budgetPaidHow: string | null
	budgetSetAt: Date | null
	/** The person reading is the holder. */
	isSelf: boolean
}

async function loadHolder(db: Db, user: SessionUser, holderId: string, now: Date) {
	return db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			id: true,
			displayName: true,
			userId: true,
			funderId: true,
			indicativeBudgetPence: true,
			budgetPaidHow: true,
			budgetSetAt: true,
			joinRequestedAt: true,
			funder: { select: { name: true, currency: true, reviewEveryMonths: true } },
			delegations: { where: { delegateId: user.id, ...liveDelegationWhere(now) }, select: { rights: true } },
		},
	})
}

function shape(h: NonNullable<Awaited<ReturnType<typeof loadHolder>>>, user: SessionUser): PlanHolder {
	return {
		id: h.id,
		displayName: h.displayName,
		userId: h.userId,
		funderId: h.funderId,
		funderName: h.funder.name,
		currency: h.funder.currency.trim(),
		reviewEveryMonths: h.funder.reviewEveryMonths,
		indicativeBudgetPence: h.indicativeBudgetPence,
		budgetPaidHow: h.budgetPaidHow,
		budgetSetAt: h.budgetSetAt,
		isSelf: h.userId === user.id,
	}
}

/** The holder, when this person writes their plan: the holder or a helper with PLAN. */
export async function requirePlanWriter(
	db: Db,
	user: SessionUser,
	holderId: string,
	now: Date = clockNow(),
): Promise<PlanHolder> {
	const h = await loadHolder(db, user, holderId, now)
	if (!h) throw new PlanError('NOT_FOUND', 'We could not find that person.')
	const isSelf = h.userId === user.id
	const rights = new Set(h.delegations.flatMap((d) => d.rights))
	if (isSelf || rights.has('PLAN')) return shape(h, user)
	const knows =
		rights.size > 0 ||
		user.roles.includes('ADMIN') ||
		(user.roles.includes('FUNDER_STAFF') && user.funderId === h.funderId)
	if (knows) {
		throw new PlanError('FORBIDDEN', `Only ${h.displayName} and people they let write their plan can do this.`)
	}
	throw new PlanError('NOT_FOUND', 'We could not find that person.')
}

/** The holder, when this person is staff of the holder's own funder (and the holder is confirmed as theirs). */
export async function requireFunderStaffFor(
	db: Db,
	user: SessionUser,
	holderId: string,
	now: Date = clockNow(),
): Promise<PlanHolder> {
	const h = await loadHolder(db, user, holderId, now)
	const ownStaff = user.roles.includes('FUNDER_STAFF') && user.funderId !== null && h?.funderId === user.funderId
	if (!h || !ownStaff || h.joinRequestedAt) throw new PlanError('NOT_FOUND', 'We could not find that person.')
	return shape(h, user)
}

/** The people to tell about the plan: the holder and their helpers with PLAN. */
export async function planPeople(db: Db, holderId: string, now: Date): Promise<string[]> {
	const h = await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			userId: true,
			delegations: { where: { rights: { has: 'PLAN' }, ...liveDelegationWhere(now) }, select: { delegateId: true } },
		},
	})
	return [h?.userId ?? null, ...(h?.delegations.map((d) => d.delegateId) ?? [])].filter((id): id is string => !!id)
}

/** The funder's staff, to tell about a plan waiting or a review done. */
export async function funderStaffIds(db: Db, funderId: string): Promise<string[]> {
	const staff = await db.user.findMany({ where: { funderId, roles: { has: 'FUNDER_STAFF' } }, select: { id: true } })
	return staff.map((s) => s.id)
}

/** requireFunderStaffFor on the app's database, for a route's action. */
export function requireFunderStaffPage(user: SessionUser, holderId: string) {
	return requireFunderStaffFor(prisma, user, holderId)
}
