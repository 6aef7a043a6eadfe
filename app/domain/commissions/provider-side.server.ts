/**
 * Reading commissions for a provider's, a funder's and a member's bookings pages (issue 9): what a provider's dashboard shows of group
 * work (the groups asking them for a quote, their group activities as one group booking each), one group's request
 * as a provider reads it before quoting, and the commissions a funder's holders formed.
 *
 *   providerGroupWork(providers)           → requests to answer and the commissions of the profiles a person owns
 *   quoteRequestView(user, requestId)      → QuoteRequestView | null (null: not a provider's to read)
 *   funderCommissions(funderId)            → FunderCommissionRow[]
 *   memberGroupBookings(user, now)         → a member's confirmed group activities, one group booking each
 *
 * Which requests a provider sees: a request names no providers in the database (the ones asked are told by a
 * notification, and any provider may answer an open request), so a provider sees the open requests in the towns of
 * their profiles, or with no town, and every request they have quoted on. Members' names are never shown here: a
 * request shows the group's name, what it needs, where and when.
 */
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type {
	CommissionQuoteStatus,
	CommissionRequestStatus,
	CommissionStatus,
	PledgeStatus,
} from '#app/generated/prisma/enums.ts'
import { holderSideWhere } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { factsOf, LIVE_PLEDGE } from './access.server.ts'
import { quoteTerms, type QuoteTerms } from './groups.server.ts'
import { placesLeft } from './rules.ts'

type Viewer = Pick<SessionUser, 'id'>

export type OwnProvider = {
	id: string
	name: string
	town: string
	cancellationPolicy: string
	services: Array<{ id: string; title: string }>
}

async function ownProviders(user: Viewer): Promise<OwnProvider[]> {
	return prisma.provider.findMany({
		where: { ownerId: user.id, deletedAt: null },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			name: true,
			town: true,
			cancellationPolicy: true,
			services: {
				where: { active: true },
				orderBy: [{ title: 'asc' }, { id: 'asc' }],
				select: { id: true, title: true },
			},
		},
	})
}

export type RequestCard = {
	id: string
	title: string
	groupName: string
	town: string | null
	when: string | null
	at: Date
	status: CommissionRequestStatus
	/** The user's own quote on it, if they sent one. */
	quoteStatus: CommissionQuoteStatus | null
}

export type ProviderCommissionCard = {
	id: string
	title: string
	providerName: string
	status: CommissionStatus
	paying: number
	min: number
	placesLeft: number | null
	deadline: Date
	/** The next session not yet paid, for a commission under way. */
	nextSession: { number: number; startsAt: Date; status: string } | null
	sessionCount: number
}

/** Which open requests a provider may read and answer, or has answered. */
function requestsFor(providerIds: string[], towns: string[]) {
	return {
		OR: [
			{ status: 'OPEN' as const, OR: [{ town: null }, { town: { in: towns } }] },
			{ quotes: { some: { providerId: { in: providerIds } } } },
		],
	}
}

/**
 * The provider dashboard's group work: requests to answer (newest first) and group activities (soonest first), for the
 * profiles the person owns (read once for the whole dashboard: ownedProvidersWithMoney).
 */
export async function providerGroupWork(providers: Array<{ id: string; town: string }>) {
	const providerIds = providers.map((p) => p.id)
	const towns = [...new Set(providers.map((p) => p.town))]
	const providerCount = providers.length
	if (providerCount === 0) return { providerCount, requests: [] as RequestCard[], commissions: [] }
	const requestRows = await prisma.commissionRequest.findMany({
		where: requestsFor(providerIds, towns),
		orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
		take: 20,
		select: {
			id: true,
			title: true,
			town: true,
			when: true,
			status: true,
			createdAt: true,
			group: { select: { name: true } },
			quotes: { where: { providerId: { in: providerIds } }, select: { status: true } },
		},
	})
	const commissionRows = await prisma.commission.findMany({
		where: { providerId: { in: providerIds }, status: { in: ['OPEN', 'FUNDED'] } },
		orderBy: [{ firstSessionAt: 'asc' }, { id: 'asc' }],
		take: 50,
		// Only what a card shows (issue 14): commissionInclude read the group, service, pledges' holders and their
		// funders too, a query each.
		select: {
			id: true,
			title: true,
			status: true,
			deadline: true,
			minPledgers: true,
			maxPledgers: true,
			companionsAllowed: true,
			sessionCount: true,
			provider: { select: { name: true } },
			pledges: { where: { status: { in: [...LIVE_PLEDGE] } }, select: { companions: true } },
			sessions: {
				where: { status: { not: 'CONFIRMED' } },
				orderBy: { number: 'asc' },
				take: 1,
				select: { number: true, startsAt: true, status: true },
			},
		},
	})
	return {
		providerCount,
		requests: requestRows.map((r): RequestCard => ({
			id: r.id,
			title: r.title,
			groupName: r.group.name,
			town: r.town,
			when: r.when,
			at: r.createdAt,
			status: r.status,
			quoteStatus: r.quotes[0]?.status ?? null,
		})),
		commissions: commissionRows.map((c): ProviderCommissionCard => {
			const facts = factsOf(c)
			const next = c.sessions[0]
			return {
				id: c.id,
				title: c.title,
				providerName: c.provider?.name ?? '',
				status: c.status,
				paying: facts.paying,
				min: c.minPledgers,
				placesLeft: placesLeft(facts),
				deadline: c.deadline,
				nextSession: next && c.status === 'FUNDED' ? next : null,
				sessionCount: c.sessionCount,
			}
		}),
	}
}

export type QuoteRequestView = {
	id: string
	title: string
	need: string
	town: string | null
	when: string | null
	status: CommissionRequestStatus
	at: Date
	group: { name: string; description: string; members: number }
	/** The user's providers, each with their quote on this request (if any) and whether they may (re)quote now. */
	providers: Array<
		OwnProvider & {
			quote: (QuoteTerms & { serviceId: string | null }) | null
			canAnswer: boolean
		}
	>
}

/**
 * A group's request, as a provider reads it: for the owner of a provider, while it is open (in their town or with
 * none), or once they have quoted on it. Null otherwise.
 */
export async function quoteRequestView(user: Viewer, requestId: string): Promise<QuoteRequestView | null> {
	const providers = await ownProviders(user)
	if (providers.length === 0) return null
	const providerIds = providers.map((p) => p.id)
	const request = await prisma.commissionRequest.findFirst({
		where: {
			id: requestId,
			...requestsFor(
				providerIds,
				providers.map((p) => p.town),
			),
		},
		include: {
			group: { select: { name: true, description: true, _count: { select: { members: true } } } },
			quotes: { where: { providerId: { in: providerIds } }, include: { commission: { select: { id: true } } } },
		},
	})
	if (!request) return null
	return {
		id: request.id,
		title: request.title,
		need: request.need,
		town: request.town,
		when: request.when,
		status: request.status,
		at: request.createdAt,
		group: {
			name: request.group.name,
			description: request.group.description,
			members: request.group._count.members,
		},
		providers: providers.map((p) => {
			const q = request.quotes.find((x) => x.providerId === p.id)
			return {
				...p,
				quote: q ? { ...quoteTerms(q), serviceId: q.serviceId } : null,
				canAnswer: request.status === 'OPEN' && (!q || q.status === 'OFFERED' || q.status === 'WITHDRAWN'),
			}
		}),
	}
}

/** The user's providers and their services, for the "Offer a group activity" form. */
export async function offerChoices(user: Viewer): Promise<OwnProvider[]> {
	return ownProviders(user)
}

export type FunderCommissionRow = {
	id: string
	title: string
	providerName: string | null
	status: CommissionStatus
	currency: string
	/** Paying members now (held or taken), and how many of them this funder funds. */
	paying: number
	yours: number
	min: number
	/** This funder's holders' money: set aside now, taken for the group, and given back. */
	heldPence: number
	takenPence: number
	returnedPence: number
	deadline: Date
}

const live: PledgeStatus[] = ['HELD', 'POSTED']

/**
 * The commissions a funder's holders formed: a group the funder's holder or staff started, or any commission one of
 * its holders pledged to. Newest first. The money columns count only this funder's holders.
 */
export async function funderCommissions(funderId: string): Promise<FunderCommissionRow[]> {
	const rows = await prisma.commission.findMany({
		where: { OR: [{ group: { funderId } }, { pledges: { some: { holder: { funderId } } } }] },
		orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
		take: 200,
		select: {
			id: true,
			title: true,
			status: true,
			currency: true,
			minPledgers: true,
			deadline: true,
			provider: { select: { name: true } },
			pledges: {
				select: {
					status: true,
					agreedMaxPence: true,
					postedPence: true,
					refundedPence: true,
					holder: { select: { funderId: true } },
				},
			},
		},
	})
	return rows.map((c) => {
		const ours = c.pledges.filter((p) => p.holder.funderId === funderId)
		return {
			id: c.id,
			title: c.title,
			providerName: c.provider?.name ?? null,
			status: c.status,
			currency: c.currency.trim(),
			paying: c.pledges.filter((p) => live.includes(p.status)).length,
			yours: ours.filter((p) => live.includes(p.status)).length,
			min: c.minPledgers,
			heldPence: ours.filter((p) => p.status === 'HELD').reduce((s, p) => s + p.agreedMaxPence, 0),
			takenPence: ours.reduce((s, p) => s + (p.postedPence ?? 0), 0),
			returnedPence: ours.reduce(
				(s, p) => s + p.refundedPence + (p.status === 'VOIDED' && p.postedPence === null ? p.agreedMaxPence : 0),
				0,
			),
			deadline: c.deadline,
		}
	})
}

export type MemberGroupBooking = {
	id: string
	title: string
	providerName: string | null
	status: CommissionStatus
	/** Who it is for: the holders this person acts for who are paying members. */
	forNames: string[]
	sessionCount: number
	sessionsDone: number
	nextSession: { number: number; startsAt: Date } | null
}

/**
 * A member's confirmed group activities, each as one group booking for their bookings list: those of the holder the
 * person is, or acts for with a live delegation, where that holder's pledge was taken. Soonest first.
 */
export async function memberGroupBookings(user: Viewer, now: Date): Promise<MemberGroupBooking[]> {
	const where = {
		status: { in: ['FUNDED', 'COMPLETED'] },
		pledges: { some: { status: 'POSTED', holder: holderSideWhere(user.id, now) } },
	} satisfies Prisma.CommissionWhereInput
	// Prisma asks for each relation below even when no activity matched (four queries `… IN (NULL)`), and most
	// people are in no group activity: one cheap look first (issue 14).
	if (!(await prisma.commission.findFirst({ where, select: { id: true } }))) return []
	const rows = await prisma.commission.findMany({
		where,
		orderBy: [{ firstSessionAt: 'asc' }, { id: 'asc' }],
		take: 50,
		select: {
			id: true,
			title: true,
			status: true,
			sessionCount: true,
			provider: { select: { name: true } },
			pledges: {
				where: {
					status: 'POSTED',
					holder: holderSideWhere(user.id, now),
				},
				select: { holder: { select: { displayName: true } } },
			},
			sessions: { orderBy: { number: 'asc' }, select: { number: true, startsAt: true, status: true } },
		},
	})
	return rows.map((c) => {
		const next = c.sessions.find((s) => s.status === 'SCHEDULED' && s.startsAt.getTime() > now.getTime())
		return {
			id: c.id,
			title: c.title,
			providerName: c.provider?.name ?? null,
			status: c.status,
			forNames: c.pledges.map((p) => p.holder.displayName),
			sessionCount: c.sessionCount,
			sessionsDone: c.sessions.filter((s) => s.status === 'CONFIRMED').length,
			nextSession: next ? { number: next.number, startsAt: next.startsAt } : null,
		}
	})
}
