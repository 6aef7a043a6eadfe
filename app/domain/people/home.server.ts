/**
 * What a person's home shows (issue 12): for a budget holder, their balance, what is held, their next sessions,
 * what needs their answer and the next step of their plan; for a carer or broker, each person they act for with
 * their balance. Every query is scoped in its `where` to the holder the caller may see: the holder's own record
 * (by user id) or a live delegation of the caller's.
 */
import { holderPlanSummary } from '#app/domain/plans/plans.server.ts'
import { getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { SessionUser } from './auth.server.ts'
import { hasPersonalHome, homePathFor, type PlacesPerson } from './places.ts'
import { actingForCard, holdersActingFor } from './rights.server.ts'

/** The budget holder record of this person's own budget, if they hold one. */
export async function ownHolderId(userId: string): Promise<string | null> {
	const holder = await prisma.budgetHolder.findUnique({ where: { userId }, select: { id: true } })
	return holder?.id ?? null
}

/** What homePathFor and placesFor need to know about a signed-in person. */
export async function placesPerson(user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>): Promise<PlacesPerson> {
	const holderId = user.roles.includes('HOLDER') ? await ownHolderId(user.id) : null
	return { roles: user.roles, funderId: user.funderId, holderId }
}

/** Where this person lands after signing in. */
export async function homePathOf(user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>): Promise<string> {
	return homePathFor(await placesPerson(user))
}

const bookingSelect = {
	id: true,
	status: true,
	startsAt: true,
	endsAt: true,
	totalPence: true,
	feePence: true,
	currency: true,
	seriesId: true,
	holder: { select: { displayName: true } },
	provider: { select: { name: true } },
	service: { select: { title: true } },
} satisfies Prisma.BookingSelect

export type PlanStep =
	| { kind: 'no-plan'; funderName: string }
	| { kind: 'review'; on: Date; funderName: string }
	| { kind: 'ends'; on: Date; funderName: string }
	| { kind: 'ask'; funderName: string }

/** The next step of a holder's plan: none agreed yet, the next review, or the day it ends. */
export function nextPlanStep(
	plan: { endsOn: Date | null; nextReviewOn: Date | null } | null,
	funderName: string,
	now: Date,
): PlanStep {
	if (!plan) return { kind: 'no-plan', funderName }
	if (plan.nextReviewOn && plan.nextReviewOn.getTime() >= startOfUtcDay(now)) {
		return { kind: 'review', on: plan.nextReviewOn, funderName }
	}
	if (plan.endsOn && plan.endsOn.getTime() >= startOfUtcDay(now)) return { kind: 'ends', on: plan.endsOn, funderName }
	return { kind: 'ask', funderName }
}

function startOfUtcDay(d: Date): number {
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}

/** A holder's home. Only for the holder themself or a delegate with VIEW: callers pass a holder id they may see. */
export async function getHolderHome(holderId: string, now: Date = clockNow()) {
	const money = await getHolderMoney(holderId, now)
	if (!money) return null
	const planSummary = await holderPlanSummary(holderId, now)
	const [nextSessions, toConfirm, waitingForProvider, problems, pledges, plan, bookingsEver, funder] =
		await Promise.all([
			prisma.booking.findMany({
				where: { holderId, status: 'ACCEPTED', startsAt: { gt: now } },
				orderBy: { startsAt: 'asc' },
				take: 3,
				select: bookingSelect,
			}),
			prisma.booking.findMany({
				where: { holderId, status: { in: ['ACCEPTED', 'DELIVERED'] }, startsAt: { lte: now } },
				orderBy: { startsAt: 'asc' },
				take: 20,
				select: bookingSelect,
			}),
			prisma.booking.findMany({
				where: { holderId, status: 'REQUESTED', startsAt: { gt: now } },
				orderBy: { startsAt: 'asc' },
				take: 20,
				select: bookingSelect,
			}),
			prisma.booking.count({ where: { holderId, status: 'DISPUTED' } }),
			prisma.pledge.findMany({
				where: { holderId, status: 'HELD', commission: { status: 'OPEN' } },
				orderBy: { commission: { deadline: 'asc' } },
				take: 20,
				select: {
					id: true,
					agreedMaxPence: true,
					commission: {
						select: { id: true, title: true, deadline: true, currency: true, group: { select: { name: true } } },
					},
				},
			}),
			prisma.supportPlan.findFirst({
				where: { holderId, status: 'AGREED' },
				orderBy: { startsOn: 'desc' },
				select: {
					id: true,
					endsOn: true,
					reviews: { orderBy: { heldOn: 'desc' }, take: 1, select: { nextReviewOn: true } },
				},
			}),
			prisma.booking.count({ where: { holderId } }),
			prisma.budgetHolder.findUnique({
				where: { id: holderId },
				select: { joinRequestedAt: true, joinDeclinedAt: true, funder: { select: { name: true } } },
			}),
		])
	const funderName = funder?.funder.name ?? money.holder.funderName
	return {
		holder: money.holder,
		currency: money.currency,
		available: money.available,
		held: money.held,
		spent: money.spent,
		allocated: money.allocated,
		nextPayment: money.upcoming[0] ?? null,
		nextSessions,
		toConfirm,
		waitingForProvider,
		problems,
		pledges: pledges.map((p) => ({
			id: p.id,
			held: p.agreedMaxPence,
			commissionId: p.commission.id,
			title: p.commission.title,
			groupName: p.commission.group.name,
			deadline: p.commission.deadline,
			currency: p.commission.currency,
		})),
		planStep: nextPlanStep(
			plan ? { endsOn: plan.endsOn, nextReviewOn: plan.reviews[0]?.nextReviewOn ?? null } : null,
			funderName,
			now,
		),
		/** The indicative budget, where the plan is, and the next review (issue 11). */
		planSummary,
		/** Signed up saying this funder funds them: 'waiting' until its staff confirm, 'declined' if they did not. */
		funderAnswer: funder?.joinDeclinedAt ? 'declined' : funder?.joinRequestedAt ? 'waiting' : ('confirmed' as const),
		/** Nothing has happened yet: no money in, no booking, no pledge. The home then welcomes them. */
		isNew: money.allocated === 0 && money.toppedUp === 0 && bookingsEver === 0 && pledges.length === 0,
	}
}

export type HolderHome = NonNullable<Awaited<ReturnType<typeof getHolderHome>>>

export type HelpedPerson = {
	id: string
	displayName: string
	funderName: string
	kind: 'REPRESENTATIVE' | 'BROKER'
	rights: DelegatedRight[]
	currency: string
	available: number
	held: number
	/** Sessions that happened and wait for a confirmation or a problem report. */
	toConfirm: number
	/** Sessions accepted and still to come. */
	upcoming: number
}

/** The people this person acts for (live delegations only), each with their balance and what waits. */
export async function getHelperHome(userId: string, now: Date = clockNow()): Promise<HelpedPerson[]> {
	const delegations = await holdersActingFor(userId, now)
	return Promise.all(
		delegations.map(async (d) => {
			const holderId = d.holder.id
			const [money, toConfirm, upcoming] = await Promise.all([
				getHolderMoney(holderId, now),
				prisma.booking.count({
					where: { holderId, status: { in: ['ACCEPTED', 'DELIVERED'] }, startsAt: { lte: now } },
				}),
				prisma.booking.count({ where: { holderId, status: 'ACCEPTED', startsAt: { gt: now } } }),
			])
			return {
				...actingForCard(d),
				currency: money?.currency ?? 'GBP',
				available: money?.available ?? 0,
				held: money?.held ?? 0,
				toConfirm,
				upcoming,
			}
		}),
	)
}

/** Everything /home shows this person: their own budget's home, and the people they help. */
export async function getHome(user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>, now: Date = clockNow()) {
	const person = await placesPerson(user)
	if (!hasPersonalHome(person)) return { person, own: null, helping: null }
	const isHelper = user.roles.includes('REPRESENTATIVE') || user.roles.includes('BROKER')
	const [own, helping] = await Promise.all([
		person.holderId ? getHolderHome(person.holderId, now) : null,
		isHelper ? getHelperHome(user.id, now) : null,
	])
	return { person, own, helping }
}

/** The admin's home: the size of the service, and what waits in each admin place. */
export async function getAdminHome() {
	const [people, providers, holders, funders, payoutsWaiting, payoutsFailed, emailsFailed, reportsOpen] =
		await Promise.all([
			prisma.user.count(),
			prisma.provider.count({ where: { deletedAt: null } }),
			prisma.budgetHolder.count(),
			prisma.funder.count(),
			prisma.payout.count({ where: { status: { in: ['AWAITING_PAYOUT', 'IN_TRANSIT'] } } }),
			prisma.payout.count({ where: { status: 'FAILED' } }),
			prisma.emailOutbox.count({ where: { sentAt: null, failedAt: { not: null } } }),
			prisma.reviewReport.count({ where: { resolvedAt: null } }),
		])
	return { people, providers, holders, funders, payoutsWaiting, payoutsFailed, emailsFailed, reportsOpen }
}
