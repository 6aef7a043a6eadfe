/**
 * Reading commissions, for pages. Offers are public (they appear on the provider's profile and in search), so the
 * terms and progress are shown to anyone; members' names (first names only unless a member chose otherwise), the
 * sessions and the history of the money are shown to the people involved: members' side, the organiser, the
 * provider, and overseers.
 *
 *   getCommissionView(user | null, commissionId, now) → CommissionView | null
 *   listOpenCommissions({ town?, providerId?, take? }, now) → OpenCommissionCard[]   ("Group activities near me")
 *   commissionsForHolder(holderId)                    → the holder's pledges with their commission (callers check VIEW)
 */
import { holderSideRights } from '#app/domain/bookings/access.server.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import type {
	CommissionPricing,
	CommissionSessionStatus,
	CommissionStatus,
	PledgeStatus,
} from '#app/generated/prisma/enums.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { groupWindow } from '#app/domain/reviews/group-reviews.server.ts'
import { holderSideWhere } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import {
	type ActingUser,
	commissionInclude,
	factsOf,
	type FactsSource,
	fullFactsOf,
	LIVE_PLEDGE,
	type LockedCommission,
	partyFor,
	termsOf,
} from './access.server.ts'
import { accountHolds, type MoneyMovement, moneyHistory } from './money.server.ts'
import {
	allowedActions,
	allowedSessionActions,
	type CommissionAction,
	minimumReached,
	placesLeft,
	refusal,
	type SessionAction,
} from './rules.ts'
import { pledgeShare, shareNow } from './shares.ts'

export type CommissionView = {
	id: string
	groupId: string
	title: string
	description: string
	status: CommissionStatus
	provider: { id: string; name: string } | null
	currency: string
	pricingMode: CommissionPricing
	/** SPLIT_TOTAL: the total; PER_PLACE: the price per place. */
	pricePence: number
	deadline: Date
	firstSessionAt: Date | null
	sessionCount: number
	sessionMinutes: number
	cancellationTerms: string
	cancellationCutoffHours: number
	companionsAllowed: boolean
	progress: {
		paying: number
		min: number
		maxPlaces: number | null
		placesTaken: number
		placesLeft: number | null
		/** What each member pays now (the largest share), before fees. */
		shareNow: number
		/** What someone pledging now would be shown (and hold), before their fee. */
		nextShare: number
	}
	/** What the person may do (for the commission as a whole; pledging is per holder: see `holders`). */
	actions: CommissionAction[]
	/** The holders this person may act for, and what each may do here. */
	holders: Array<{
		id: string
		name: string
		pledge: {
			status: PledgeStatus
			agreedMaxPence: number
			sharePence: number
			feePence: number
			postedPence: number | null
			refundedPence: number
		} | null
		actions: CommissionAction[]
		/** A member who paid in, with the REVIEW right: may review the provider now, or has (and may read it). */
		review: 'write' | 'written' | null
	}>
	/** Only for the people involved; otherwise null. */
	members: Array<{ name: string; companions: number }> | null
	sessions: Array<{
		id: string
		number: number
		startsAt: Date
		endsAt: Date
		status: CommissionSessionStatus
		paidPence: number | null
		actions: SessionAction[]
	}> | null
	money: { holdsNow: number; history: MoneyMovement[] } | null
	/** The member the session actions are for (confirming or reporting a session names one), or null. */
	sessionHolderId: string | null
	/**
	 * For the provider: why it cannot be confirmed yet although enough people pledged (someone withdrew, and the shares
	 * would now be more than some members agreed: ADR 015); null otherwise.
	 */
	confirmWaits: string | null
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

export async function getCommissionView(
	user: ActingUser | null,
	commissionId: string,
	now: Date = clockNow(),
): Promise<CommissionView | null> {
	const c = await prisma.commission.findUnique({ where: { id: commissionId }, include: commissionInclude })
	if (!c) return null
	const facts = fullFactsOf(c)
	const terms = termsOf(c)
	const party = user ? await partyFor(prisma, user, c, null, now) : null
	const involved = !!party && (party.isProvider || party.isOrganiser || party.isOverseer || party.isMemberSide)
	const memberRows = involved
		? await prisma.groupMember.findMany({
				where: { groupId: c.groupId, holderId: { in: c.pledges.map((p) => p.holderId) } },
				select: { holderId: true, showFullName: true },
			})
		: []
	const showFull = new Set(memberRows.filter((m) => m.showFullName).map((m) => m.holderId))
	const sessions = involved
		? await prisma.commissionSession.findMany({ where: { commissionId: c.id }, orderBy: { number: 'asc' } })
		: []

	const actingFor =
		user && !user.system
			? await prisma.budgetHolder.findMany({
					where: holderSideWhere(user.id, now),
					select: { id: true, displayName: true },
				})
			: []
	const holders = []
	for (const h of actingFor) {
		if (!user) break
		const hp = await partyFor(prisma, user, c, h.id, now)
		const pledge = await prisma.pledge.findUnique({
			where: { commissionId_holderId: { commissionId: c.id, holderId: h.id } },
			select: pledgeMoneySelect,
		})
		const rights = await holderSideRights(prisma, user as { id: string }, h.id, now)
		if (!rights.has('PAY') && !rights.has('VIEW')) continue
		const reviewable = pledge?.status === 'POSTED' && rights.has('REVIEW') && c.provider !== null
		const reviewed = reviewable
			? (await prisma.review.count({ where: { commissionId: c.id, holderId: h.id } })) > 0
			: false
		holders.push({
			id: h.id,
			name: h.displayName,
			pledge,
			actions: [...allowedActions(facts, hp, now)].filter((a) => a === 'pledge' || a === 'withdraw'),
			review: reviewed
				? ('written' as const)
				: reviewable && groupWindow({ status: c.status, sessions }, now).state === 'open'
					? ('write' as const)
					: null,
		})
	}
	const sessionHolderId = holders.find((h) => h.pledge?.status === 'POSTED')?.id ?? null
	const memberParty = holders.length > 0 && user ? await partyFor(prisma, user, c, sessionHolderId, now) : party

	return {
		id: c.id,
		groupId: c.groupId,
		title: c.title,
		description: c.description,
		status: c.status,
		provider: c.provider ? { id: c.provider.id, name: c.provider.name } : null,
		currency: c.currency.trim(),
		pricingMode: c.pricingMode,
		pricePence: c.pricingMode === 'PER_PLACE' ? (c.placePricePence ?? 0) : c.targetPence,
		deadline: c.deadline,
		firstSessionAt: c.firstSessionAt,
		sessionCount: c.sessionCount,
		sessionMinutes: c.sessionMinutes,
		cancellationTerms: c.cancellationTerms,
		cancellationCutoffHours: c.cancellationCutoffHours,
		companionsAllowed: c.companionsAllowed,
		progress: {
			paying: facts.paying,
			min: c.minPledgers,
			maxPlaces: c.maxPledgers,
			placesTaken: facts.placesTaken,
			placesLeft: placesLeft(facts),
			shareNow: shareNow(terms, facts.paying),
			nextShare: pledgeShare(terms, facts.paying),
		},
		actions: party ? [...allowedActions(facts, party, now)].filter((a) => a !== 'pledge' && a !== 'withdraw') : [],
		holders,
		members: involved
			? c.pledges.map((p) => ({
					name: showFull.has(p.holderId) ? p.holder.displayName : firstName(p.holder.displayName),
					companions: p.companions,
				}))
			: null,
		sessions: involved
			? sessions.map((s) => ({
					id: s.id,
					number: s.number,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					status: s.status,
					paidPence: s.paidPence,
					actions: memberParty ? [...allowedSessionActions(c.status, s, memberParty, now)] : [],
				}))
			: null,
		money: involved
			? { holdsNow: await accountHolds(prisma, c.accountId), history: await moneyHistory(prisma, c.accountId) }
			: null,
		sessionHolderId,
		confirmWaits:
			party?.isProvider && c.status === 'OPEN' && minimumReached(facts) && facts.sharesAboveAgreed
				? (refusal('confirm', facts, party, now)?.message ?? null)
				: null,
	}
}

/** What a card or a row says of a commission: who runs it, each person's share now, how full it is, by when. */
export type CommissionSummary = {
	id: string
	title: string
	providerName: string | null
	currency: string
	pricingMode: CommissionPricing
	shareNow: number
	paying: number
	min: number
	placesLeft: number | null
	deadline: Date
	firstSessionAt: Date | null
}

export type OpenCommissionCard = CommissionSummary & { town: string | null }

type OpenCommissionRow = Pick<
	LockedCommission,
	| 'id'
	| 'title'
	| 'currency'
	| 'pricingMode'
	| 'targetPence'
	| 'placePricePence'
	| 'minPledgers'
	| 'maxPledgers'
	| 'deadline'
	| 'status'
	| 'firstSessionAt'
	| 'companionsAllowed'
> & { providerName: string | null; town: string | null; companions: number[] }

/**
 * Open commissions, soonest deadline first: for "Group activities near me", a provider's profile, the home page.
 * One query (issue 14): read with commissionInclude, each card's group, provider, service, live pledges and their
 * holders and funders cost a query each (seven); a card needs only the provider's name, the group's town and the
 * live pledges' companions.
 */
export async function listOpenCommissions(
	filter: { town?: string | null; providerId?: string | null; take?: number } = {},
	now: Date = clockNow(),
): Promise<OpenCommissionCard[]> {
	const rows = await prisma.$queryRaw<OpenCommissionRow[]>`
		SELECT c."id", c."title", c."currency", c."pricingMode"::text AS "pricingMode", c."targetPence",
		  c."placePricePence", c."minPledgers", c."maxPledgers", c."deadline", c."status"::text AS "status",
		  c."firstSessionAt", c."companionsAllowed", p."name" AS "providerName", g."town",
		  ARRAY(
		    SELECT pl."companions" FROM "Pledge" pl
		    WHERE pl."commissionId" = c."id" AND pl."status"::text IN (${Prisma.join(LIVE_PLEDGE)})
		  ) AS "companions"
		FROM "Commission" c
		JOIN "Group" g ON g."id" = c."groupId"
		LEFT JOIN "Provider" p ON p."id" = c."providerId"
		WHERE c."status" = 'OPEN' AND c."deadline" > ${now}
		  ${filter.providerId ? Prisma.sql`AND c."providerId" = ${filter.providerId}` : Prisma.empty}
		  ${filter.town ? Prisma.sql`AND g."town" = ${filter.town}` : Prisma.empty}
		ORDER BY c."deadline", c."id"
		LIMIT ${filter.take ?? 50}`
	return rows.map(({ providerName, town, companions, ...c }) => ({
		...commissionSummary({
			...c,
			provider: providerName === null ? null : { name: providerName },
			pledges: companions.map((n) => ({ companions: n })),
		}),
		town,
	}))
}

/** What a commission's card is made from: its terms, its provider's name and its live pledges' companions. */
type SummarySource = FactsSource &
	Pick<
		LockedCommission,
		'id' | 'title' | 'currency' | 'pricingMode' | 'targetPence' | 'placePricePence' | 'firstSessionAt'
	> & { provider: { name: string } | null }

/** A commission as its card shows it: who runs it, each share now, how many pay and the places left. */
export function commissionSummary(c: SummarySource): CommissionSummary {
	const facts = factsOf(c)
	return {
		id: c.id,
		title: c.title,
		providerName: c.provider?.name ?? null,
		currency: c.currency.trim(),
		pricingMode: c.pricingMode,
		shareNow: shareNow(termsOf(c), facts.paying),
		paying: facts.paying,
		min: c.minPledgers,
		placesLeft: placesLeft(facts),
		deadline: c.deadline,
		firstSessionAt: c.firstSessionAt,
	}
}

/** Where a pledge stands and its money: what was set aside, the share and fee, what was taken and refunded. */
const pledgeMoneySelect = {
	status: true,
	agreedMaxPence: true,
	sharePence: true,
	feePence: true,
	postedPence: true,
	refundedPence: true,
} as const satisfies Prisma.PledgeSelect

/** A holder's pledges, newest first, with their commission. Callers check the VIEW right over the holder first. */
export async function commissionsForHolder(holderId: string) {
	return prisma.pledge.findMany({
		where: { holderId },
		orderBy: { createdAt: 'desc' },
		select: {
			id: true,
			...pledgeMoneySelect,
			companions: true,
			commission: {
				select: {
					id: true,
					title: true,
					status: true,
					deadline: true,
					currency: true,
					firstSessionAt: true,
					provider: { select: { name: true } },
				},
			},
		},
	})
}
