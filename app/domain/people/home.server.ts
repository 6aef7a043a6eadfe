/**
 * What a person's home shows (issue 12): for a budget holder, their balance, what is held, their next sessions,
 * what needs their answer and the next step of their plan; for a carer or broker, each person they act for with
 * their balance. Every query is scoped in its `where` to the holder the caller may see: the holder's own record
 * (by user id) or a live delegation of the caller's.
 */
import { proposalsWaitingFor } from '#app/domain/helping/proposals.server.ts'
import { shortlistsFor } from '#app/domain/helping/shortlists.server.ts'
import { holderPlanSummary } from '#app/domain/plans/plans.server.ts'
import { getHolderBalances, getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import type { BookingStatus, DelegatedRight } from '#app/generated/prisma/enums.ts'
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

type HomeBookingRow = {
	list: 'next' | 'confirm' | 'waiting'
	id: string
	status: BookingStatus
	startsAt: Date
	endsAt: Date
	totalPence: number
	feePence: number
	currency: string
	seriesId: string | null
	providerName: string
	serviceTitle: string
}

/**
 * The home's three lists of a holder's bookings in one query (issue 14; each list, read with its provider, service
 * and holder, cost four): the next three sessions, up to 20 that happened and wait for an answer, and up to 20
 * requests a provider has not answered yet; each in time order, ties by id.
 */
async function homeBookings(holderId: string, now: Date) {
	const rows = await prisma.$queryRaw<HomeBookingRow[]>`
		SELECT l."list", b."id", b."status"::text AS "status", b."startsAt", b."endsAt", b."totalPence", b."feePence",
		  b."currency", b."seriesId", p."name" AS "providerName", s."title" AS "serviceTitle"
		FROM (
		  (SELECT 'next' AS "list", "id", "startsAt" FROM "Booking"
		    WHERE "holderId" = ${holderId} AND "status" = 'ACCEPTED' AND "startsAt" > ${now}
		    ORDER BY "startsAt", "id" LIMIT 3)
		  UNION ALL
		  (SELECT 'confirm', "id", "startsAt" FROM "Booking"
		    WHERE "holderId" = ${holderId} AND "status" IN ('ACCEPTED', 'DELIVERED') AND "startsAt" <= ${now}
		    ORDER BY "startsAt", "id" LIMIT 20)
		  UNION ALL
		  (SELECT 'waiting', "id", "startsAt" FROM "Booking"
		    WHERE "holderId" = ${holderId} AND "status" = 'REQUESTED' AND "startsAt" > ${now}
		    ORDER BY "startsAt", "id" LIMIT 20)
		) l
		JOIN "Booking" b ON b."id" = l."id"
		JOIN "Provider" p ON p."id" = b."providerId"
		JOIN "Service" s ON s."id" = b."serviceId"
		ORDER BY l."startsAt", l."id"`
	return (list: HomeBookingRow['list'], holderName: string) =>
		rows
			.filter((r) => r.list === list)
			.map((r) => ({
				id: r.id,
				status: r.status,
				startsAt: r.startsAt,
				endsAt: r.endsAt,
				totalPence: r.totalPence,
				feePence: r.feePence,
				currency: r.currency,
				seriesId: r.seriesId,
				// Every booking here is this holder's own.
				holder: { displayName: holderName },
				provider: { name: r.providerName },
				service: { title: r.serviceTitle },
			}))
}

type HomeFacts = {
	joinRequestedAt: Date | null
	joinDeclinedAt: Date | null
	problems: number
	anyBooking: boolean
	planId: string | null
	endsOn: Date | null
	nextReviewOn: Date | null
	proposalsWaiting: boolean
	shortlistsSent: boolean
}

/**
 * What else the home needs to know of the holder, in one query (issue 14; it took six): whether their funder has
 * answered their sign-up, how many bookings are in dispute, whether they ever booked, their agreed plan (the
 * latest to start) with the next review its latest review set, and whether helpers sent anything for their answer.
 */
async function homeFacts(holderId: string): Promise<HomeFacts | undefined> {
	const [facts] = await prisma.$queryRaw<HomeFacts[]>`
		SELECT h."joinRequestedAt", h."joinDeclinedAt",
		  (SELECT COUNT(*) FROM "Booking" b WHERE b."holderId" = h."id" AND b."status" = 'DISPUTED')::int AS "problems",
		  EXISTS (SELECT 1 FROM "Booking" b WHERE b."holderId" = h."id") AS "anyBooking",
		  plan."id" AS "planId", plan."endsOn", review."nextReviewOn",
		  EXISTS (
		    SELECT 1 FROM "BookingProposal" bp WHERE bp."holderId" = h."id" AND bp."status" = 'WAITING'
		  ) AS "proposalsWaiting",
		  EXISTS (SELECT 1 FROM "Shortlist" sl WHERE sl."holderId" = h."id" AND sl."status" <> 'DRAFT') AS "shortlistsSent"
		FROM "BudgetHolder" h
		LEFT JOIN LATERAL (
		  SELECT sp."id", sp."endsOn" FROM "SupportPlan" sp
		  WHERE sp."holderId" = h."id" AND sp."status" = 'AGREED' ORDER BY sp."startsOn" DESC LIMIT 1
		) plan ON true
		LEFT JOIN LATERAL (
		  SELECT r."nextReviewOn" FROM "PlanReview" r WHERE r."planId" = plan."id" ORDER BY r."heldOn" DESC LIMIT 1
		) review ON true
		WHERE h."id" = ${holderId}`
	return facts
}

type HomePledgeRow = {
	id: string
	held: number
	commissionId: string
	title: string
	groupName: string
	deadline: Date
	currency: string
}

/** The holder's pledges still held for an open group activity, soonest deadline first, in one query (it took three). */
async function homePledges(holderId: string) {
	return prisma.$queryRaw<HomePledgeRow[]>`
		SELECT p."id", p."agreedMaxPence" AS "held", c."id" AS "commissionId", c."title", g."name" AS "groupName",
		  c."deadline", c."currency"
		FROM "Pledge" p
		JOIN "Commission" c ON c."id" = p."commissionId"
		JOIN "Group" g ON g."id" = c."groupId"
		WHERE p."holderId" = ${holderId} AND p."status" = 'HELD' AND c."status" = 'OPEN'
		ORDER BY c."deadline", p."id"
		LIMIT 20`
}

/** A holder's home. Only for the holder themself or a delegate with VIEW: callers pass a holder id they may see. */
export async function getHolderHome(holderId: string, now: Date = clockNow()) {
	return (await holderHome(holderId, now))?.home ?? null
}

/** The holder's home, and whether helpers sent bookings or shortlists that wait for the holder's answer. */
async function holderHome(holderId: string, now: Date) {
	const money = await getHolderMoney(holderId, now)
	if (!money) return null
	const [planSummary, bookings, pledges, facts] = await Promise.all([
		holderPlanSummary(holderId, now),
		homeBookings(holderId, now),
		homePledges(holderId),
		homeFacts(holderId),
	])
	const holderName = money.holder.displayName
	const asks = { proposals: facts?.proposalsWaiting ?? false, shortlists: facts?.shortlistsSent ?? false }
	const home = {
		holder: money.holder,
		currency: money.currency,
		available: money.available,
		held: money.held,
		spent: money.spent,
		allocated: money.allocated,
		nextPayment: money.upcoming[0] ?? null,
		nextSessions: bookings('next', holderName),
		toConfirm: bookings('confirm', holderName),
		waitingForProvider: bookings('waiting', holderName),
		problems: facts?.problems ?? 0,
		pledges,
		planStep: nextPlanStep(
			facts?.planId ? { endsOn: facts.endsOn, nextReviewOn: facts.nextReviewOn } : null,
			money.holder.funderName,
			now,
		),
		/** The indicative budget, where the plan is, and the next review (issue 11). */
		planSummary,
		/** Signed up saying this funder funds them: 'waiting' until its staff confirm, 'declined' if they did not. */
		funderAnswer: facts?.joinDeclinedAt ? 'declined' : facts?.joinRequestedAt ? 'waiting' : ('confirmed' as const),
		/** Nothing has happened yet: no money in, no booking, no pledge. The home then welcomes them. */
		isNew: money.allocated === 0 && money.toppedUp === 0 && !facts?.anyBooking && pledges.length === 0,
	}
	return { home, asks }
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
	if (delegations.length === 0) return []
	const holderIds = delegations.map((d) => d.holder.id)
	// Each card shows only the balances, and two counts read for every card at once (issue 14: each card read the
	// whole money page, about nine queries, and two counts).
	const [balances, counts] = await Promise.all([
		Promise.all(holderIds.map((id) => getHolderBalances(id))),
		prisma.$queryRaw<{ holderId: string; toConfirm: number; upcoming: number }[]>`
			SELECT b."holderId",
			  (COUNT(*) FILTER (WHERE b."status" IN ('ACCEPTED', 'DELIVERED') AND b."startsAt" <= ${now}))::int AS "toConfirm",
			  (COUNT(*) FILTER (WHERE b."status" = 'ACCEPTED' AND b."startsAt" > ${now}))::int AS "upcoming"
			FROM "Booking" b
			WHERE b."holderId" IN (${Prisma.join(holderIds)}) AND b."status" IN ('ACCEPTED', 'DELIVERED')
			GROUP BY b."holderId"`,
	])
	return delegations.map((d, i) => {
		const money = balances[i]
		const count = counts.find((c) => c.holderId === d.holder.id)
		return {
			...actingForCard(d),
			currency: money?.currency ?? 'GBP',
			available: money?.available ?? 0,
			held: money?.held ?? 0,
			toConfirm: count?.toConfirm ?? 0,
			upcoming: count?.upcoming ?? 0,
		}
	})
}

type FromHelpers = {
	proposals: Awaited<ReturnType<typeof proposalsWaitingFor>>
	shortlists: Awaited<ReturnType<typeof shortlistsFor>>
}

/**
 * Everything /home shows this person: their own budget's home, and the people they help. `person` is their places
 * (placesPerson), which the sign-in check already read with them (requireSignedIn).
 */
export async function getHome(user: Pick<SessionUser, 'id' | 'roles'>, person: PlacesPerson, now: Date = clockNow()) {
	const none: FromHelpers = { proposals: [], shortlists: [] }
	if (!hasPersonalHome(person)) return { person, own: null, helping: null, ...none }
	const isHelper = user.roles.includes('REPRESENTATIVE') || user.roles.includes('BROKER')
	const [own, helping] = await Promise.all([
		person.holderId ? holderHome(person.holderId, now) : null,
		isHelper ? getHelperHome(user.id, now) : null,
	])
	// What helpers sent for the holder's answer (ADR 024), read only when there is some (issue 14: each list costs a
	// query per relation it names, even when it is empty).
	const [proposals, shortlists] = await Promise.all([
		own?.asks.proposals ? proposalsWaitingFor(own.home.holder.id) : none.proposals,
		own?.asks.shortlists ? shortlistsFor(own.home.holder.id) : none.shortlists,
	])
	return { person, own: own?.home ?? null, helping, proposals, shortlists }
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
