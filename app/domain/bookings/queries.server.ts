/**
 * What the booking pages show. Every query is scoped in its `where` to bookings the person may see: of holders
 * they act for, of providers they own, or (for funder staff) of their funder's holders. One booking is looked up by
 * id and then checked (partyFor); a person with no relation gets NOT_FOUND.
 */
import { actorName } from '#app/domain/people/organisations.server.ts'
import { rightsServiceNeeds } from '#app/domain/people/representation.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { holderSideWhere as holdersOnSideWhere } from '#app/domain/people/rights.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { holderSideWhere, partyFor, requireParty } from './access.server.ts'
import { freeStarts, HORIZON_DAYS, nextFreeDays } from './availability.ts'
import {
	ownedProvidersWithMoney,
	type OwnedProvider,
	type ProviderMoney,
} from '#app/domain/money/provider-money.server.ts'
import { agreedPlan } from './money.server.ts'
import { loadProviderTime } from './request.server.ts'
import { canReadMessages, listMessages } from './messages.server.ts'
import { cancellationCharge, sessionMinutes } from './pricing.ts'
import { allowedActions, statusLabels, type BookingAction } from './rules.ts'
import { localDate, parseLocalDate } from '#app/utils/dates.ts'
import { byKindAndId, sqlIn } from '#app/utils/named-rows.server.ts'

const listSelect = {
	id: true,
	status: true,
	startsAt: true,
	endsAt: true,
	totalPence: true,
	feePence: true,
	currency: true,
	seriesId: true,
	holderId: true,
	providerId: true,
	serviceId: true,
} satisfies Prisma.BookingSelect

type ListRow = Prisma.BookingGetPayload<{ select: typeof listSelect }>

/** A booking in a list, with who it is for, who provides it and what service. */
export type BookingListItem = Omit<ListRow, 'holderId' | 'providerId' | 'serviceId'> & {
	holder: { id: string; displayName: string }
	provider: { id: string; name: string; slug: string }
	service: { title: string }
}

type PartyRow = { kind: 'holder' | 'provider' | 'service'; id: string; name: string; slug: string | null }

/**
 * The holders', providers' and services' names of these bookings, read in one query however many lists they come
 * from (issue 14: Prisma's relation select read each list's holders, providers and services in three queries of
 * their own). Answers a function giving a booking of them with its names.
 */
async function namesFor(bookings: ListRow[]) {
	const ids = (key: 'holderId' | 'providerId' | 'serviceId') => sqlIn(bookings.map((b) => b[key]))
	const rows =
		bookings.length === 0
			? []
			: await prisma.$queryRaw<PartyRow[]>`
				SELECT 'holder' AS "kind", h."id", h."displayName" AS "name", NULL AS "slug"
				FROM "BudgetHolder" h WHERE h."id" IN (${ids('holderId')})
				UNION ALL
				SELECT 'provider', p."id", p."name", p."slug" FROM "Provider" p WHERE p."id" IN (${ids('providerId')})
				UNION ALL
				SELECT 'service', s."id", s."title", NULL FROM "Service" s WHERE s."id" IN (${ids('serviceId')})`
	const party = byKindAndId(rows, 'a booking')
	return <R extends ListRow>({ holderId, providerId, serviceId, ...booking }: R) => {
		const provider = party('provider', providerId)
		return {
			...booking,
			holder: { id: holderId, displayName: party('holder', holderId).name },
			provider: { id: providerId, name: provider.name, slug: provider.slug ?? '' },
			service: { title: party('service', serviceId).name },
		}
	}
}

/** The holder side's bookings page: what needs doing, what is coming up, and what happened. */
export async function listHolderBookings(user: SessionUser, now: Date = clockNow()) {
	const mine = holderSideWhere(user, now)
	// Three of the lists come from one query, split here (issue 14: each list cost a query for the bookings and one
	// for each of their holder, provider and service); the past, capped at 30, keeps its own. The names of both come
	// from one more query.
	const [openRows, pastRows] = await Promise.all([
		prisma.booking.findMany({
			where: {
				...mine,
				OR: [
					{ status: { in: ['ACCEPTED', 'DELIVERED'] }, startsAt: { lte: now } },
					{ status: 'DISPUTED' },
					{ status: { in: ['REQUESTED', 'ACCEPTED'] }, startsAt: { gt: now } },
				],
			},
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			select: listSelect,
		}),
		prisma.booking.findMany({
			where: { ...mine, status: { in: ['CONFIRMED', 'RESOLVED', 'CANCELLED', 'DECLINED'] } },
			orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
			take: 30,
			select: listSelect,
		}),
	])
	const named = await namesFor([...openRows, ...pastRows])
	const open = openRows.map(named)
	const past = pastRows.map(named)
	const toConfirm = open.filter(
		(b) => (b.status === 'ACCEPTED' || b.status === 'DELIVERED') && b.startsAt.getTime() <= now.getTime(),
	)
	const problems = open.filter((b) => b.status === 'DISPUTED')
	const upcoming = open
		.filter((b) => (b.status === 'REQUESTED' || b.status === 'ACCEPTED') && b.startsAt.getTime() > now.getTime())
		.slice(0, 100)
	return { toConfirm, problems, upcoming, past }
}

/**
 * The provider's dashboard: requests to answer, upcoming sessions, sessions to mark delivered, their profiles and money.
 * `owned` is the one read of their profiles and money (ownedProvidersWithMoney), shared with the group work beside it.
 */
export async function providerDashboard(
	user: SessionUser,
	owned: Promise<{ providers: OwnedProvider[]; money: ProviderMoney[] }> = ownedProvidersWithMoney(user.id),
	now: Date = clockNow(),
) {
	const mine: Prisma.BookingWhereInput = { provider: { ownerId: user.id, deletedAt: null } }
	// Four of the lists come from one query, split here (issue 14: each list cost a query for the bookings and one
	// for each of their holder, provider and service); the upcoming sessions, capped at 100, keep their own.
	const [{ providers, money }, openRows, upcomingRows] = await Promise.all([
		owned,
		prisma.booking.findMany({
			where: {
				...mine,
				OR: [
					{ status: 'REQUESTED', startsAt: { gt: now } },
					{ status: 'ACCEPTED', startsAt: { lte: now } },
					{ status: { in: ['DELIVERED', 'DISPUTED'] } },
				],
			},
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			select: { ...listSelect, autoConfirmAt: true },
		}),
		prisma.booking.findMany({
			where: { ...mine, status: 'ACCEPTED', startsAt: { gt: now } },
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			take: 100,
			select: listSelect,
		}),
	])
	const named = await namesFor([...openRows, ...upcomingRows])
	const open = openRows.map(named)
	const upcoming = upcomingRows.map(named)
	const without = ({ autoConfirmAt: _, ...b }: (typeof open)[number]): BookingListItem => b
	const requests = open.filter((b) => b.status === 'REQUESTED').map(without)
	const toMark = open.filter((b) => b.status === 'ACCEPTED').map(without)
	const waiting = open.filter((b) => b.status === 'DELIVERED')
	const problems = open.filter((b) => b.status === 'DISPUTED').map(without)
	return { providers, requests, upcoming, toMark, waiting, problems, money }
}

/** Funder staff: open problems of their funder's holders, to settle. */
export async function funderProblems(funderId: string) {
	const rows = await prisma.booking.findMany({
		where: { status: 'DISPUTED', holder: { funderId } },
		orderBy: { startsAt: 'asc' },
		select: { ...listSelect, problems: { where: { status: 'OPEN' }, select: { description: true, createdAt: true } } },
	})
	return rows.map(await namesFor(rows))
}

export type BookingPage = NonNullable<Awaited<ReturnType<typeof getBookingPage>>>

/** One booking, for whoever may see it, with the actions the rules allow them now. */
export async function getBookingPage(user: SessionUser, bookingId: string, now: Date = clockNow()) {
	const booking = await prisma.booking.findUnique({
		where: { id: bookingId },
		select: {
			id: true,
			status: true,
			startsAt: true,
			endsAt: true,
			priceUnit: true,
			unitPricePence: true,
			totalPence: true,
			feePence: true,
			currency: true,
			note: true,
			declineReason: true,
			cancelReason: true,
			cancelledAt: true,
			cancellationChargePence: true,
			lateCancelPercent: true,
			deliveredAt: true,
			autoConfirmAt: true,
			confirmedAt: true,
			seriesId: true,
			holderId: true,
			bookedById: true,
			createdAt: true,
			holder: { select: { id: true, displayName: true, userId: true, funderId: true } },
			provider: { select: { id: true, name: true, slug: true, ownerId: true, cancellationPolicy: true } },
			service: { select: { id: true, title: true } },
			bookedBy: { select: { name: true } },
			budgetLine: { select: { name: true } },
			events: {
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				select: { id: true, kind: true, detail: true, createdAt: true, actor: { select: { name: true } } },
			},
			problems: {
				orderBy: { createdAt: 'asc' },
				select: {
					id: true,
					status: true,
					description: true,
					createdAt: true,
					proposedPaidPence: true,
					proposedNote: true,
					proposedAt: true,
					proposedById: true,
					resolution: true,
					paidPence: true,
					resolvedAt: true,
					reportedBy: { select: { name: true } },
					proposedBy: { select: { name: true } },
					resolvedBy: { select: { name: true } },
				},
			},
		},
	})
	if (!booking) return null
	const party = await partyFor(prisma, user, booking, now)
	requireParty(party)
	const open = booking.problems.find((p) => p.status === 'OPEN') ?? null
	const facts = {
		status: booking.status,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		problem: open
			? {
					proposedBy:
						open.proposedById === null
							? null
							: open.proposedById === booking.provider.ownerId
								? ('provider' as const)
								: ('holder' as const),
				}
			: null,
	}
	const actions = allowedActions(facts, party, now)
	const everDisputed = booking.problems.length > 0
	const [messages, series] = await Promise.all([
		canReadMessages(party, everDisputed) ? listMessages(booking.id) : Promise.resolve(null),
		booking.seriesId
			? prisma.booking.findMany({
					where: { seriesId: booking.seriesId },
					orderBy: { startsAt: 'asc' },
					select: { id: true, startsAt: true, endsAt: true, status: true },
				})
			: Promise.resolve([]),
	])
	const byProvider = party.isProvider && party.holderRights.size === 0
	const chargeIfCancelledNow =
		booking.status === 'ACCEPTED'
			? cancellationCharge({
					totalPence: booking.totalPence,
					lateCancelPercent: booking.lateCancelPercent,
					startsAt: booking.startsAt,
					now,
					byProvider,
				})
			: 0
	// Who actually booked, for whom: "Kiran Shah of …", "Daniel Price (broker)" (ADR 025).
	const bookedBy =
		booking.bookedById === booking.holder.userId
			? booking.bookedBy.name
			: await actorName(prisma, { id: booking.bookedById, name: booking.bookedBy.name }, booking.holderId)
	return {
		booking: { ...booking, bookedBy: { name: bookedBy } },
		party: { holderRights: [...party.holderRights], isProvider: party.isProvider, isOverseer: party.isOverseer },
		actions: [...actions] as BookingAction[],
		openProblem: open,
		messages,
		series,
		chargeIfCancelledNow,
		now,
	}
}

export type CalendarEntry = {
	/** Unique in the calendar: a booking's id, or `group-<session id>` for a session of a group activity. */
	id: string
	/** The page that shows it. */
	href: string
	startsAt: Date
	endsAt: Date
	status: string
	/** The status in plain words. */
	statusText: string
	title: string
	/** Who the session is with, from this person's point of view. */
	with: string
	role: 'holder' | 'provider'
}

/**
 * The person's sessions between `from` and `to`: as (or for) a holder, and as a provider. Requests still waiting
 * for an answer are included (marked as such); declined and cancelled ones are not.
 */
export async function calendarEntries(
	user: Pick<SessionUser, 'id'>,
	from: Date,
	to: Date,
	now: Date = clockNow(),
): Promise<CalendarEntry[]> {
	const live = { in: ['REQUESTED', 'ACCEPTED', 'DELIVERED', 'CONFIRMED', 'DISPUTED', 'RESOLVED'] as const }
	const select = {
		id: true,
		startsAt: true,
		endsAt: true,
		status: true,
		holder: { select: { displayName: true } },
		provider: { select: { name: true, ownerId: true } },
		service: { select: { title: true } },
	} satisfies Prisma.BookingSelect
	const range = { startsAt: { lt: to }, endsAt: { gt: from }, status: { in: [...live.in] } }
	const [asHolder, asProvider] = await Promise.all([
		prisma.booking.findMany({
			where: { ...holderSideWhere(user, now), ...range },
			orderBy: { startsAt: 'asc' },
			take: 1000,
			select,
		}),
		prisma.booking.findMany({
			where: { provider: { ownerId: user.id }, ...range },
			orderBy: { startsAt: 'asc' },
			take: 1000,
			select,
		}),
	])
	const entries = new Map<string, CalendarEntry>()
	for (const b of asHolder) {
		entries.set(b.id, {
			id: b.id,
			href: `/bookings/${b.id}`,
			startsAt: b.startsAt,
			endsAt: b.endsAt,
			status: b.status,
			statusText: statusLabels[b.status],
			title: b.service.title,
			with: `${b.provider.name} (for ${b.holder.displayName})`,
			role: 'holder',
		})
	}
	for (const b of asProvider) {
		if (entries.has(b.id)) continue
		entries.set(b.id, {
			id: b.id,
			href: `/bookings/${b.id}`,
			startsAt: b.startsAt,
			endsAt: b.endsAt,
			status: b.status,
			statusText: statusLabels[b.status],
			title: b.service.title,
			with: b.holder.displayName,
			role: 'provider',
		})
	}
	return [...entries.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

/** The holders this person may book for: themself (if they hold a budget) and people who gave them BOOK. */
export async function bookableHolders(user: Pick<SessionUser, 'id'>, now: Date = clockNow()) {
	return prisma.budgetHolder.findMany({
		// Booking, or suggesting support (VIEW): a suggestion waits for the holder's yes (ADR 024).
		where: holdersOnSideWhere(user.id, now, ['BOOK', 'VIEW']),
		orderBy: { displayName: 'asc' },
		select: { id: true, displayName: true, userId: true },
	})
}

/**
 * What the booking form needs: the service, who the person can book for, the next days with free times, and the
 * free start times on the chosen day for the chosen length.
 */
export async function bookingFormData(
	user: SessionUser,
	input: {
		slug: string
		serviceId: string | null
		holderId: string | null
		date: string | null
		minutes: number | null
	},
	now: Date = clockNow(),
) {
	const provider = await prisma.provider.findFirst({
		where: { slug: input.slug, published: true, deletedAt: null },
		select: {
			id: true,
			name: true,
			slug: true,
			kind: true,
			cancellationPolicy: true,
			lateCancelPercent: true,
			services: {
				where: { active: true },
				orderBy: [{ categorySlug: 'asc' }, { pricePence: 'asc' }],
				select: {
					id: true,
					title: true,
					priceUnit: true,
					pricePence: true,
					currency: true,
					durationMinutes: true,
					maxGroupSize: true,
					categorySlug: true,
				},
			},
		},
	})
	if (!provider) return null
	const service =
		provider.services.find((s) => s.id === input.serviceId) ??
		(provider.services.length === 1 ? provider.services[0]! : null)
	const holders = await bookableHolders(user, now)
	const holder = holders.find((h) => h.id === input.holderId) ?? (holders.length === 1 ? holders[0]! : null)
	if (!service)
		return {
			provider,
			service: null,
			holders,
			holder,
			days: [],
			starts: [],
			minutes: null,
			date: null,
			lines: [],
			defaultLineId: null,
			organisationRights: null,
		}
	const minutes = sessionMinutes(
		service.priceUnit,
		service.durationMinutes,
		service.priceUnit === 'PER_HOUR' ? (input.minutes ?? service.durationMinutes ?? 60) : null,
	)
	const today = localDate(now)
	const time = await loadProviderTime(
		prisma,
		provider.id,
		now,
		new Date(now.getTime() + (HORIZON_DAYS + 1) * 86_400_000),
	)
	const wanted = { id: service.id, groupSize: service.maxGroupSize }
	const days = nextFreeDays(time, wanted, today, minutes, now, 10, 42)
	const date = input.date && parseLocalDate(input.date) ? input.date : null
	const starts = date ? freeStarts(time, wanted, date, minutes, now) : []
	const plan = holder ? await agreedPlan(prisma, holder.id) : null
	const lines = plan?.lines.map((l) => ({ id: l.id, name: l.name })) ?? []
	const defaultLineId = plan?.lines.find((l) => l.categorySlug === service.categorySlug)?.id ?? null
	// Booking an organisation's brokerage or planning offers the holder, in the same step, to give it the rights the
	// service needs (ADR 025). Only the holder themself can give rights.
	const needs = rightsServiceNeeds({ categorySlug: service.categorySlug, providerKind: provider.kind })
	const organisationRights = holder && holder.userId === user.id ? needs : null
	return { provider, service, holders, holder, days, starts, minutes, date, lines, defaultLineId, organisationRights }
}

/** The service, if it belongs to the provider with this slug (the booking form's address names both). */
export async function serviceOfProvider(slug: string, serviceId: string): Promise<{ id: string } | null> {
	return prisma.service.findFirst({ where: { id: serviceId, provider: { slug } }, select: { id: true } })
}

/**
 * What a change to a booking needs before the domain checks it: the booking's id and price, and the person's
 * relation to it. NOT_FOUND (as the page) when the person has none; the change itself checks the rules again.
 */
export async function bookingForChange(user: SessionUser, bookingId: string, now: Date = clockNow()) {
	const booking = await prisma.booking.findUnique({
		where: { id: bookingId },
		select: {
			id: true,
			currency: true,
			totalPence: true,
			holderId: true,
			holder: { select: { userId: true, funderId: true } },
			provider: { select: { ownerId: true } },
		},
	})
	if (!booking) return null
	const party = await partyFor(prisma, user, booking, now)
	requireParty(party)
	return { id: booking.id, currency: booking.currency, totalPence: booking.totalPence, party }
}
