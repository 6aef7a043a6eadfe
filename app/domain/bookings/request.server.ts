/**
 * Quoting and sending a booking request. Nothing moves yet, but the holder must be able to afford it (counting
 * other requests still waiting): the quote checks the right to book, the service, the provider's real availability
 * (every week of a weekly booking) and the money, and the same checks run again inside the transaction that sends
 * the request. The service, the holder's plan and budget are each read once and passed along.
 */
import { randomUUID } from 'node:crypto'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { overLimit } from '#app/domain/people/consent.ts'
import { helperLimits } from '#app/domain/people/consent.server.ts'
import { actorName, giveOrganisationRights } from '#app/domain/people/organisations.server.ts'
import { rightsServiceNeeds } from '#app/domain/people/representation.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { Booking, Prisma } from '#app/generated/prisma/client.ts'
import type { PriceUnit } from '#app/generated/prisma/enums.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { type Db, inTransaction, lockName, type Tx } from '#app/utils/transaction.server.ts'
import { holderSideRights, holderSideRole, holderSideUserIds } from './access.server.ts'
import { type Busy, type ProviderTime, whyUnavailable } from './availability.ts'
import { BookingError } from './errors.ts'
import { checkSpending, formatMoney, holderBudget, lineFor, platformFee } from './money.server.ts'
import { bookingTotalPence, sessionMinutes } from './pricing.ts'
import { LIVE_STATUSES } from './rules.ts'
import { addLocalDays, dayText, localInstant, sessionText, timeText } from '#app/utils/dates.ts'

/**
 * The provider's weekly pattern, time off and live bookings between `from` and `to`. Pass the provider's name when
 * it is known already, to save looking it up.
 */
export async function loadProviderTime(
	db: Db,
	providerId: string,
	from: Date,
	to: Date,
	providerName?: string,
): Promise<ProviderTime> {
	const [provider, slots, timeOff, busy] = await Promise.all([
		providerName === undefined
			? db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { name: true } })
			: { name: providerName },
		db.availabilitySlot.findMany({
			where: { providerId },
			select: { weekday: true, startMinute: true, endMinute: true },
		}),
		db.availabilityException.findMany({
			where: { providerId, startsAt: { lt: to }, endsAt: { gt: from } },
			select: { startsAt: true, endsAt: true },
		}),
		db.booking.findMany({
			where: { providerId, status: { in: LIVE_STATUSES }, startsAt: { lt: to }, endsAt: { gt: from } },
			select: { startsAt: true, endsAt: true, serviceId: true, oneToOne: true },
		}),
	])
	return { providerName: provider.name, slots, timeOff, busy: busy satisfies Busy[] }
}

export type BookingRequestInput = {
	serviceId: string
	holderId: string
	/** Local date of the (first) session: "2026-12-08". */
	date: string
	/** Local start, minutes after midnight. */
	startMinute: number
	/** For hourly support: how long. Ignored for sessions and fixed prices (the service says). */
	minutes: number | null
	/** 1 for a one-off; up to 12 for the same time every week. */
	weeks: number
	/** The agreed plan's budget line; null for none. Undefined: the line for the service's category. */
	budgetLineId?: string | null
	note: string | null
	/**
	 * The holder also gives the organisation the rights its brokerage or planning service needs, in the same
	 * transaction (ADR 025). Ignored for anyone but the holder and for services that need none.
	 */
	giveOrganisationRights?: boolean
}

export type BookingQuote = {
	service: {
		id: string
		title: string
		priceUnit: PriceUnit
		pricePence: number
		providerId: string
		providerName: string
		providerSlug: string
		lateCancelPercent: number
		cancellationPolicy: string
		oneToOne: boolean
	}
	holder: { id: string; displayName: string }
	currency: string
	minutes: number
	sessions: Array<{ startsAt: Date; endsAt: Date }>
	/** Per session: the provider's price and the platform fee shown. */
	pricePence: number
	feePence: number
	feeBps: number
	/** For all the sessions: what leaves the budget. */
	totalPence: number
	available: number
	/** Requests already sent and not yet answered (counted against what is available). */
	waitingPence: number
	/** What is left to spend afterwards. */
	afterPence: number
	budgetLine: { id: string; name: string } | null
	lines: Array<{ id: string; name: string }>
	/**
	 * Why this request cannot be sent straight away and must wait for the holder to approve it (ADR 024): the
	 * helper may only suggest support, or it is above a limit the holder set. Null when it can be sent.
	 */
	approval: { reason: 'OVER_LIMIT' | 'SUGGEST_ONLY'; message: string } | null
}

/**
 * Checks a booking without making it: the right to book for this holder, the service, the time against the
 * provider's real availability (every week of a weekly booking), and the money. Throws a BookingError that
 * names the field to fix. The same checks run again inside the transaction that sends the request.
 */
export async function quoteBooking(
	db: Db,
	user: SessionUser,
	input: BookingRequestInput,
	now: Date = clockNow(),
): Promise<BookingQuote> {
	return quoteFor(db, user, input, await loadService(db, input.serviceId), now)
}

/** The quote the booking page shows (on the app's database). */
export async function priceRequest(
	user: SessionUser,
	input: BookingRequestInput,
	now: Date = clockNow(),
): Promise<BookingQuote> {
	return quoteBooking(prisma, user, input, now)
}

/** Everything about the service a quote and a request need, looked up once (whether or not it is still offered). */
const serviceSelect = {
	id: true,
	title: true,
	priceUnit: true,
	pricePence: true,
	currency: true,
	durationMinutes: true,
	maxGroupSize: true,
	categorySlug: true,
	active: true,
	provider: {
		select: {
			id: true,
			name: true,
			slug: true,
			lateCancelPercent: true,
			cancellationPolicy: true,
			ownerId: true,
			kind: true,
			published: true,
			deletedAt: true,
		},
	},
} satisfies Prisma.ServiceSelect

type ServiceToBook = Prisma.ServiceGetPayload<{ select: typeof serviceSelect }>

async function loadService(db: Db, serviceId: string): Promise<ServiceToBook | null> {
	return db.service.findUnique({ where: { id: serviceId }, select: serviceSelect })
}

async function quoteFor(
	db: Db,
	user: SessionUser,
	input: BookingRequestInput,
	found: ServiceToBook | null,
	now: Date,
): Promise<BookingQuote> {
	const rights = await holderSideRights(db, user, input.holderId, now)
	if (rights.size === 0) throw new BookingError('NOT_FOUND', 'Choose someone you can book for.', { field: 'holderId' })
	// Someone who may suggest support (VIEW) gets a price too: what they send waits for the holder (ADR 024).
	if (!rights.has('BOOK') && !rights.has('VIEW')) {
		throw new BookingError(
			'FORBIDDEN',
			'You do not have the right to book support for this person. They can give it to you.',
			{ field: 'holderId' },
		)
	}
	const offered = found?.active && found.provider.published && found.provider.deletedAt === null
	if (!found || !offered) throw new BookingError('NOT_FOUND', 'This service is no longer offered. Choose another one.')
	const service = found
	const holder = await db.budgetHolder.findUniqueOrThrow({
		where: { id: input.holderId },
		select: { id: true, displayName: true, funder: { select: { platformFeeBps: true } } },
	})
	// The holder's accounts, agreed plan and free money, read once for every check below.
	const budget = await holderBudget(db, holder.id)
	const { accounts, plan, available } = budget
	if (accounts.currency !== service.currency.trim()) {
		throw new BookingError(
			'INVALID',
			`This service is priced in ${service.currency}, but ${holder.displayName}’s budget is in ${accounts.currency}.`,
			{ field: 'holderId' },
		)
	}
	if (service.priceUnit === 'PER_HOUR' && !input.minutes) {
		throw new BookingError('INVALID', 'Choose how long the support lasts', { field: 'minutes' })
	}
	const minutes = sessionMinutes(service.priceUnit, service.durationMinutes, input.minutes)

	// Every week of the booking must be free.
	const dates = Array.from({ length: input.weeks }, (_, w) => addLocalDays(input.date, 7 * w))
	const from = localInstant(dates[0]!, 0)
	const to = localInstant(addLocalDays(dates.at(-1)!, 1), 0)
	const time = await loadProviderTime(db, service.provider.id, from, to, service.provider.name)
	const wanted = { id: service.id, groupSize: service.maxGroupSize }
	const problems = dates.map((d) => ({
		date: d,
		why: whyUnavailable(time, wanted, d, input.startMinute, minutes, now),
	}))
	const first = problems[0]!.why
	if (first)
		throw new BookingError('UNAVAILABLE', first.message, { field: first.reason === 'too-far' ? 'date' : 'start' })
	const later = problems.filter((p) => p.why)
	if (later.length > 0) {
		const words = { 'time-off': 'away', full: 'full', 'too-far': 'more than 6 months ahead' } as Record<string, string>
		const list = later.map((p) => `${dayText(p.date)} (${words[p.why!.reason] ?? 'not free'})`)
		throw new BookingError(
			'UNAVAILABLE',
			`${timeText(input.startMinute)} is not free every week: ${list.join(', ')}. Choose fewer weeks or another time.`,
			{ field: 'weeks' },
		)
	}

	// A group session is one place per person: a second request for the same session is a mistake (a resubmitted form).
	if (service.maxGroupSize !== null) {
		const already = await db.booking.findFirst({
			where: {
				holderId: holder.id,
				serviceId: service.id,
				status: { in: LIVE_STATUSES },
				startsAt: { in: dates.map((d) => localInstant(d, input.startMinute)) },
			},
			select: { startsAt: true },
		})
		if (already) {
			throw new BookingError(
				'UNAVAILABLE',
				`${holder.displayName} already has a place at the session on ${dayText(already.startsAt)}.`,
				{
					field: 'start',
				},
			)
		}
	}

	const pricePence = bookingTotalPence(service.priceUnit, service.pricePence, minutes)
	const feeBps = holder.funder.platformFeeBps
	const feePence = platformFee(pricePence, feeBps)
	const totalPence = (pricePence + feePence) * input.weeks

	const lines = plan?.lines.map((l) => ({ id: l.id, name: l.name })) ?? []
	const lineId = input.budgetLineId === undefined ? lineFor(plan, service.categorySlug) : input.budgetLineId
	if (lineId !== null && !lines.some((l) => l.id === lineId)) {
		throw new BookingError('INVALID', 'Choose a budget line from the agreed support plan.', { field: 'budgetLineId' })
	}

	const waiting = await db.booking.aggregate({
		where: { holderId: holder.id, status: 'REQUESTED' },
		_sum: { totalPence: true, feePence: true },
	})
	const waitingPence = (waiting._sum.totalPence ?? 0) + (waiting._sum.feePence ?? 0)
	const money = (n: number) => formatMoney(n, accounts.currency)
	if (totalPence > available - waitingPence) {
		const free = Math.max(0, available - waitingPence)
		throw new BookingError(
			'NOT_ENOUGH_MONEY',
			waitingPence > 0
				? `There is not enough money in ${holder.displayName}’s budget: ${money(free)} is free once the ${money(waitingPence)} of requests still waiting for an answer is counted, and this booking needs ${money(totalPence)}.`
				: `There is not enough money in ${holder.displayName}’s budget: ${money(available)} available, and this booking needs ${money(totalPence)}.`,
			{ field: input.weeks > 1 ? 'weeks' : undefined },
		)
	}
	await checkSpending(db, holder.id, budget, totalPence, lineId)
	// A helper books within the limits the holder set (per booking, per calendar month): ADR 020.
	// Above a limit, or from someone who may only suggest: the request waits for the holder's yes (ADR 024).
	const limits = await helperLimits(db, user.id, holder.id, now)
	const over = limits && overLimit(limits, totalPence, limits.monthSoFarPence, accounts.currency, holder.displayName)
	const approval: BookingQuote['approval'] = !rights.has('BOOK')
		? {
				reason: 'SUGGEST_ONLY',
				message: `You can suggest support for ${holder.displayName}, so this waits for them to say yes. Nothing is asked of the provider until then.`,
			}
		: over
			? { reason: 'OVER_LIMIT', message: over }
			: null
	return {
		approval,
		service: {
			id: service.id,
			title: service.title,
			priceUnit: service.priceUnit,
			pricePence: service.pricePence,
			providerId: service.provider.id,
			providerName: service.provider.name,
			providerSlug: service.provider.slug,
			lateCancelPercent: service.provider.lateCancelPercent,
			cancellationPolicy: service.provider.cancellationPolicy,
			oneToOne: service.maxGroupSize === null,
		},
		holder: { id: holder.id, displayName: holder.displayName },
		currency: accounts.currency,
		minutes,
		sessions: dates.map((d) => {
			const startsAt = localInstant(d, input.startMinute)
			return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) }
		}),
		pricePence,
		feePence,
		feeBps,
		totalPence,
		available,
		waitingPence,
		afterPence: available - waitingPence - totalPence,
		budgetLine: lineId ? (lines.find((l) => l.id === lineId) ?? null) : null,
		lines,
	}
}

export type RequestResult = { bookings: Booking[]; replayed: boolean }

/** Each session of a request gets its own key: the form's key and the week's number, from 1. */
const occurrenceKey = (key: string, n: number) => `${key}:${n}`

/** The booking (the first session) a form with this idempotency key already sent for this person, if any. */
export async function sentRequest(userId: string, idempotencyKey: string): Promise<{ id: string } | null> {
	return prisma.booking.findFirst({
		where: { idempotencyKey: occurrenceKey(idempotencyKey, 1), bookedById: userId },
		select: { id: true },
	})
}

/**
 * Sends a booking request (one session, or one per week). Idempotent on `idempotencyKey`: sending the same form
 * twice makes one booking. Two people asking for the same time at once: one gets it, the other a clear error.
 */
export async function requestBooking(
	user: SessionUser,
	input: BookingRequestInput & { idempotencyKey: string },
	now: Date = clockNow(),
): Promise<RequestResult> {
	try {
		return await inTransaction(prisma, (tx) => sendRequestIn(tx, user, input, now))
	} catch (error) {
		throw asUnavailable(error)
	}
}

/** The database's refusal of a second one-to-one booking at the same time, told as the form's error. */
export function asUnavailable(error: unknown): unknown {
	if (isExclusionViolation(error)) {
		return new BookingError('UNAVAILABLE', 'Someone has just booked that time. Choose another time.', {
			field: 'start',
		})
	}
	return error
}

/**
 * Sends a booking request inside the caller's transaction (requestBooking's, or a proposal's approval). Refuses a
 * request that must wait for the holder's approval: those become proposals (proposals.server.ts).
 */
export async function sendRequestIn(
	tx: Tx,
	user: SessionUser,
	input: BookingRequestInput & { idempotencyKey: string },
	now: Date,
	options: { proposedBy?: { name: string; as: string } } = {},
): Promise<RequestResult> {
	const service = await loadService(tx, input.serviceId)
	if (!service) throw new BookingError('NOT_FOUND', 'This service is no longer offered. Choose another one.')
	// Everyone booking this provider queues here, so the availability check and the insert are one step.
	await lockName(tx, `provider-bookings:${service.provider.id}`)
	const earlier = await tx.booking.findMany({
		where: { idempotencyKey: { startsWith: `${input.idempotencyKey}:` } },
		orderBy: { startsAt: 'asc' },
	})
	if (earlier.length > 0) {
		const same =
			earlier[0]!.holderId === input.holderId &&
			earlier[0]!.serviceId === input.serviceId &&
			earlier[0]!.bookedById === user.id
		if (!same)
			throw new BookingError(
				'INVALID',
				'This form was already used for another booking. Reload the page and try again.',
			)
		return { bookings: earlier, replayed: true }
	}
	const quote = await quoteFor(tx, user, input, service, now)
	if (quote.approval) throw new BookingError('FORBIDDEN', quote.approval.message)
	const seriesId = quote.sessions.length > 1 ? randomUUID() : null
	const bookings: Booking[] = []
	for (const [i, s] of quote.sessions.entries()) {
		bookings.push(
			await tx.booking.create({
				data: {
					idempotencyKey: occurrenceKey(input.idempotencyKey, i + 1),
					holderId: quote.holder.id,
					providerId: quote.service.providerId,
					serviceId: quote.service.id,
					bookedById: user.id,
					budgetLineId: quote.budgetLine?.id ?? null,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					recurrence: seriesId ? 'WEEKLY' : 'NONE',
					seriesId,
					status: 'REQUESTED',
					priceUnit: quote.service.priceUnit,
					unitPricePence: quote.service.pricePence,
					totalPence: quote.pricePence,
					feePence: quote.feePence,
					currency: quote.currency,
					note: input.note,
					lateCancelPercent: quote.service.lateCancelPercent,
					oneToOne: quote.service.oneToOne,
					events: { create: { actorId: user.id, kind: 'REQUESTED', detail: input.note } },
				},
			}),
		)
	}
	const first = bookings[0]!
	const when =
		bookings.length > 1
			? `${sessionText(first.startsAt, first.endsAt)}, then every week for ${bookings.length} weeks`
			: sessionText(first.startsAt, first.endsAt)
	// Who actually booked, for whom: the provider is told, the trail records it, and the holder hears of it when
	// someone else booked in their name.
	const as = await holderSideRole(tx, user.id, quote.holder.id, now)
	const byHelper = as !== 'HOLDER'
	await notify(tx, {
		userIds: [service.provider.ownerId],
		title: `New booking request from ${quote.holder.displayName}`,
		body: byHelper
			? `${await actorName(tx, user, quote.holder.id)} asked for “${quote.service.title}” for ${quote.holder.displayName} on ${when}. Accept or decline it.`
			: `${quote.holder.displayName} would like “${quote.service.title}” on ${when}.${options.proposedBy ? ` ${options.proposedBy.name} (${options.proposedBy.as}) suggested it.` : ''} Accept or decline it.`,
		link: `/bookings/${first.id}`,
	})
	await tx.auditLog.create({
		data: {
			actorId: user.id,
			holderId: quote.holder.id,
			action: 'BOOKING_REQUESTED',
			entityType: 'Booking',
			entityId: first.id,
			detail: {
				as,
				right: 'BOOK',
				provider: quote.service.providerName,
				service: quote.service.title,
				minutes: quote.minutes,
				sessions: bookings.length,
				startsAt: first.startsAt.toISOString(),
				totalPence: quote.totalPence,
				currency: quote.currency,
				...(options.proposedBy ? { proposedBy: options.proposedBy.name } : {}),
			},
		},
	})
	const needs = rightsServiceNeeds({ categorySlug: service.categorySlug, providerKind: service.provider.kind })
	if (input.giveOrganisationRights && !byHelper && needs) {
		await giveOrganisationRights(tx, user, quote.holder.id, service.provider.id, needs, now)
	}
	if (byHelper) {
		await notify(tx, {
			userIds: await holderSideUserIds(tx, quote.holder.id, now),
			except: user.id,
			title: `${user.name} booked ${quote.service.providerName} for ${quote.holder.displayName}`,
			body: `${user.name} asked ${quote.service.providerName} for “${quote.service.title}” on ${when}, for ${quote.holder.displayName}. See everything done in your name on your trail.`,
			link: `/bookings/${first.id}`,
		})
	}
	return { bookings, replayed: false }
}

function isExclusionViolation(error: unknown): boolean {
	const text =
		error instanceof Error
			? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? '')}`
			: String(error)
	return /23P01|booking_one_to_one_no_overlap/.test(text)
}
