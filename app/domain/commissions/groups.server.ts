/**
 * Reading groups, for the pages (issue 9): "Group activities near me" with "Your groups", one group's page, and an
 * invitation. Groups around an offer are public (the offer is); a group around a need shows itself only to the people
 * involved: its organiser, the side of its members (the holder, or a live delegate with a booking right), and the
 * provider of one of its commissions. Members show by first name unless they chose to show their full name.
 *
 *   groupsPage(user | null, { town }, now)       → the town shown, open commissions there, the person's groups
 *   getGroupView(user | null, groupId, now)      → GroupView | null (null: no such group, or not theirs to see)
 *   getInvitation(user, token, now)              → the group and the holders the user may add, or null (bad link)
 */
import { BOOKING_RIGHTS } from '#app/domain/bookings/access.server.ts'
import { towns } from '#app/domain/reference/towns.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { CommissionQuote, Prisma } from '#app/generated/prisma/client.ts'
import type {
	CommissionPricing,
	CommissionQuoteStatus,
	CommissionRequestStatus,
	CommissionStatus,
} from '#app/generated/prisma/enums.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { holderSideWhere } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { commissionInclude } from './access.server.ts'
import {
	commissionSummary,
	type CommissionSummary,
	listOpenCommissions,
	type OpenCommissionCard,
} from './queries.server.ts'

type Viewer = Pick<SessionUser, 'id'>

/** Holders this person is on the side of: themself, or someone they have a live booking right for. */
const sideOf = (user: Viewer, now: Date): Prisma.BudgetHolderWhereInput => holderSideWhere(user.id, now, BOOKING_RIGHTS)

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** A town from the reference list, whatever its case; null for none or one we do not know. */
export function knownTown(text: string | null | undefined): string | null {
	const wanted = (text ?? '').trim().toLowerCase()
	if (!wanted) return null
	return towns.find((t) => t.name.toLowerCase() === wanted)?.name ?? null
}

export type YourGroup = {
	id: string
	name: string
	town: string | null
	members: number
	organiser: boolean
	/** Commissions still collecting pledges or under way. */
	active: number
}

/** The groups where this person, or someone they act for, is a member, or that they organised: newest first. */
export async function groupsFor(user: Viewer, now: Date = clockNow()): Promise<YourGroup[]> {
	const rows = await prisma.group.findMany({
		where: { OR: [{ createdById: user.id }, { members: { some: { holder: sideOf(user, now) } } }] },
		orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
		take: 100,
		select: {
			id: true,
			name: true,
			town: true,
			createdById: true,
			_count: { select: { members: true, commissions: { where: { status: { in: ['OPEN', 'FUNDED'] } } } } },
		},
	})
	return rows.map((g) => ({
		id: g.id,
		name: g.name,
		town: g.town,
		members: g._count.members,
		organiser: g.createdById === user.id,
		active: g._count.commissions,
	}))
}

export type GroupsPage = {
	/** The town the list is for (null: everywhere). */
	town: string | null
	/** What was asked for, when it is not a town we know (the list is then for everywhere). */
	unknownTown: string | null
	open: OpenCommissionCard[]
	yours: YourGroup[] | null
}

/**
 * "Group activities near me": open commissions in `town` (a town's name, any case; '' for everywhere; left out: the
 * signed-in holder's own town, if they have one), and the person's own groups.
 */
export async function groupsPage(
	user: Viewer | null,
	query: { town?: string | null },
	now: Date = clockNow(),
): Promise<GroupsPage> {
	let asked = query.town
	if (asked === undefined || asked === null) {
		asked = user
			? ((await prisma.budgetHolder.findUnique({ where: { userId: user.id }, select: { town: true } }))?.town ?? '')
			: ''
	}
	const town = knownTown(asked)
	const unknownTown = asked.trim() && !town ? asked.trim().slice(0, 80) : null
	return {
		town,
		unknownTown,
		open: await listOpenCommissions({ town }, now),
		yours: user ? await groupsFor(user, now) : null,
	}
}

export type GroupCommission = CommissionSummary & { status: CommissionStatus }

/** What a provider's quote offers (price, sessions, how many people) and where it stands, as both sides read it. */
export type QuoteTerms = {
	id: string
	pricingMode: CommissionPricing
	pricePence: number
	currency: string
	firstSessionAt: Date
	sessionCount: number
	sessionMinutes: number
	minPeople: number
	maxPeople: number | null
	message: string
	status: CommissionQuoteStatus
	commissionId: string | null
}

/** A stored quote's terms, with the commission it became (if any). */
export function quoteTerms(q: CommissionQuote & { commission: { id: string } | null }): QuoteTerms {
	return {
		id: q.id,
		pricingMode: q.pricingMode,
		pricePence: q.pricePence,
		currency: q.currency.trim(),
		firstSessionAt: q.firstSessionAt,
		sessionCount: q.sessionCount,
		sessionMinutes: q.sessionMinutes,
		minPeople: q.minPeople,
		maxPeople: q.maxPeople,
		message: q.message,
		status: q.status,
		commissionId: q.commission?.id ?? null,
	}
}

export type GroupQuote = QuoteTerms & {
	providerName: string
	/** The person may choose this quote now (the group's organiser, or whoever asked). */
	canChoose: boolean
}

export type GroupView = {
	id: string
	name: string
	description: string
	town: string | null
	organiserName: string
	commissions: GroupCommission[]
	/** What the person is to the group. */
	you: { organiser: boolean; member: boolean; provider: boolean }
	/** The people involved see the rest; for anyone else these are null. */
	members: Array<{ name: string; you: boolean }> | null
	messages: Array<{
		id: string
		author: string
		role: 'organiser' | 'provider' | 'member'
		body: string
		at: Date
	}> | null
	requests: Array<{
		id: string
		title: string
		need: string
		when: string | null
		status: CommissionRequestStatus
		askedBy: string
		at: Date
		quotes: GroupQuote[]
	}> | null
	/** For the organiser and members' side: the invitation secret. */
	inviteToken: string | null
	canPost: boolean
	canAskForQuotes: boolean
	/** Providers the group may ask (in its town, taking group bookings first), for the organiser and members' side. */
	providersToAsk: Array<{ id: string; name: string }> | null
}

/**
 * One group's page for this person. Null when there is no such group, or when it is a group around a need (no offer
 * of its own) and the person is not involved: they must not learn it exists.
 */
export async function getGroupView(
	user: Viewer | null,
	groupId: string,
	now: Date = clockNow(),
): Promise<GroupView | null> {
	const group = await prisma.group.findUnique({
		where: { id: groupId },
		select: {
			id: true,
			name: true,
			description: true,
			town: true,
			createdById: true,
			inviteToken: true,
			createdBy: { select: { name: true } },
			commissions: {
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				include: commissionInclude,
			},
		},
	})
	if (!group) return null
	const organiser = !!user && group.createdById === user.id
	const member = !!user && (await prisma.groupMember.count({ where: { groupId, holder: sideOf(user, now) } })) > 0
	const provider = !!user && group.commissions.some((c) => c.provider?.ownerId === user.id)
	const involved = organiser || member || provider
	// A group with a commission is public, as its offer is; a group around a need is for the people involved.
	if (!involved && group.commissions.length === 0) return null

	const commissions = group.commissions.map((c) => ({ ...commissionSummary(c), status: c.status }))
	const base = {
		id: group.id,
		name: group.name,
		description: group.description,
		town: group.town,
		organiserName: firstName(group.createdBy.name),
		commissions,
		you: { organiser, member, provider },
	}
	if (!involved || !user) {
		return {
			...base,
			members: null,
			messages: null,
			requests: null,
			inviteToken: null,
			canPost: false,
			canAskForQuotes: false,
			providersToAsk: null,
		}
	}

	const [memberRows, messageRows, requestRows] = await Promise.all([
		prisma.groupMember.findMany({
			where: { groupId },
			orderBy: [{ joinedAt: 'asc' }, { holderId: 'asc' }],
			select: { showFullName: true, holder: { select: { displayName: true, userId: true } }, holderId: true },
		}),
		prisma.groupMessage.findMany({
			where: { groupId },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			take: 500,
			select: { id: true, body: true, createdAt: true, authorId: true, author: { select: { name: true } } },
		}),
		prisma.commissionRequest.findMany({
			where: { groupId },
			orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
			select: {
				id: true,
				title: true,
				need: true,
				when: true,
				status: true,
				createdAt: true,
				createdById: true,
				createdBy: { select: { name: true } },
				quotes: {
					orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
					include: { provider: { select: { name: true } }, commission: { select: { id: true } } },
				},
			},
		}),
	])
	const mine = new Set(
		(
			await prisma.budgetHolder.findMany({
				where: { id: { in: memberRows.map((m) => m.holderId) }, ...sideOf(user, now) },
				select: { id: true },
			})
		).map((h) => h.id),
	)
	const providerOwners = new Set(group.commissions.map((c) => c.provider?.ownerId).filter(Boolean))
	const canAsk = organiser || member
	return {
		...base,
		members: memberRows.map((m) => ({
			name: m.showFullName ? m.holder.displayName : firstName(m.holder.displayName),
			you: mine.has(m.holderId),
		})),
		messages: messageRows.map((m) => ({
			id: m.id,
			author: firstName(m.author.name),
			role: providerOwners.has(m.authorId) ? 'provider' : m.authorId === group.createdById ? 'organiser' : 'member',
			body: m.body,
			at: m.createdAt,
		})),
		requests: requestRows.map((r) => ({
			id: r.id,
			title: r.title,
			need: r.need,
			when: r.when,
			status: r.status,
			askedBy: firstName(r.createdBy.name),
			at: r.createdAt,
			quotes: r.quotes.map((q) => ({
				...quoteTerms(q),
				providerName: q.provider.name,
				canChoose:
					(organiser || r.createdById === user.id) &&
					r.status === 'OPEN' &&
					q.status === 'OFFERED' &&
					q.firstSessionAt.getTime() > now.getTime(),
			})),
		})),
		inviteToken: canAsk ? group.inviteToken : null,
		canPost: true,
		canAskForQuotes: canAsk,
		providersToAsk: canAsk ? await providersNear(group.town) : null,
	}
}

/** Published providers in the town, those taking group bookings first: whom a group may ask for a quote. */
async function providersNear(town: string | null): Promise<Array<{ id: string; name: string }>> {
	if (!town) return []
	return prisma.provider.findMany({
		where: { town, published: true, deletedAt: null },
		orderBy: [{ acceptsGroupBookings: 'desc' }, { name: 'asc' }, { id: 'asc' }],
		take: 12,
		select: { id: true, name: true },
	})
}

export type Invitation = {
	group: { id: string; name: string; description: string; town: string | null; organiserName: string }
	/** The holders the person may add (themself, or someone they book or pay for), and whether each is in already. */
	holders: Array<{ id: string; name: string; member: boolean }>
}

/** What an invitation link offers this person, or null when the link does not work (any more). */
export async function getInvitation(user: Viewer, token: string, now: Date = clockNow()): Promise<Invitation | null> {
	if (!token) return null
	const group = await prisma.group.findUnique({
		where: { inviteToken: token },
		select: { id: true, name: true, description: true, town: true, createdBy: { select: { name: true } } },
	})
	if (!group) return null
	const holders = await prisma.budgetHolder.findMany({
		where: holderSideWhere(user.id, now, ['BOOK', 'PAY']),
		orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
		select: { id: true, displayName: true, userId: true, memberships: { where: { groupId: group.id } } },
	})
	return {
		group: {
			id: group.id,
			name: group.name,
			description: group.description,
			town: group.town,
			organiserName: firstName(group.createdBy.name),
		},
		holders: holders.map((h) => ({
			id: h.id,
			name: h.userId === user.id ? `${h.displayName} (you)` : h.displayName,
			member: h.memberships.length > 0,
		})),
	}
}
