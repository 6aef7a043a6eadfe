/**
 * Booking: from a request to a delivered, paid session. Every change is one database transaction that also
 * writes the booking's history (BookingEvent), the notifications, and (through the ledger's own modules) any
 * money it moves, so nothing is ever half-done. Every change is idempotent: asking twice does it once.
 *
 * The money path, all through app/domain/money and the ledger:
 *  - request: nothing moves, but the holder must be able to afford it (counting other requests still waiting);
 *  - accept: the price plus any fee shown is held (a pending transfer from the budget to held funds);
 *  - cancel in time, decline, provider cancels: the hold is released;
 *  - cancel late: the provider's stated charge is paid from the hold, the rest released;
 *  - confirm (holder, or automatically 48 hours after the provider marks it delivered): the hold is paid to the
 *    provider and a payout starts at once, free;
 *  - problem: the money stays held until both sides agree, or funder staff decide, how much the provider is paid.
 */
import { randomUUID } from 'node:crypto'
import { formatMoney, type Initiator, voidPending } from '#app/domain/ledger/ledger.server.ts'
import { holdDescription, paymentDescription, releaseDescription } from '#app/domain/money/descriptions.ts'
import { isMoneyError } from '#app/domain/money/errors.ts'
import { platformFee } from '#app/domain/money/fees.ts'
import { agreedPlan, checkRingFence, holderAccounts, lineForCategory, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold, sendPayout } from '#app/domain/money/payouts.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { Booking } from '#app/generated/prisma/client.ts'
import type { BookingStatus, PriceUnit } from '#app/generated/prisma/enums.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'
import { type Db, inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { funderStaffIds, holderSideRights, holderSideRole, holderSideUserIds, partyFor, requireParty } from './access.server.ts'
import { type Busy, type ProviderTime, whyUnavailable } from './availability.ts'
import { BookingError } from './errors.ts'
import { bookingTotalPence, cancellationCharge, feeFor, sessionMinutes } from './pricing.ts'
import { type BookingAction, LIVE_STATUSES, type Party, refusal } from './rules.ts'
import { addLocalDays, dayText, localInstant, sessionText, shortDayText, timeText } from '#app/utils/dates.ts'

// ───────────────────────────── The provider's time ─────────────────────────────

/** The provider's weekly pattern, time off and live bookings between `from` and `to`. */
export async function loadProviderTime(db: Db, providerId: string, from: Date, to: Date): Promise<ProviderTime> {
	const [provider, slots, timeOff, busy] = await Promise.all([
		db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { name: true } }),
		db.availabilitySlot.findMany({ where: { providerId }, select: { weekday: true, startMinute: true, endMinute: true } }),
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

// ───────────────────────────── Requesting ─────────────────────────────

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
}

/**
 * Checks a booking without making it: the right to book for this holder, the service, the time against the
 * provider's real availability (every week of a weekly booking), and the money. Throws a BookingError that
 * names the field to fix. The same checks run again inside the transaction that sends the request.
 */
export async function quoteBooking(db: Db, user: SessionUser, input: BookingRequestInput, now: Date = clockNow()): Promise<BookingQuote> {
	const rights = await holderSideRights(db, user, input.holderId, now)
	if (rights.size === 0) throw new BookingError('NOT_FOUND', 'Choose someone you can book for.', { field: 'holderId' })
	if (!rights.has('BOOK')) {
		throw new BookingError('FORBIDDEN', 'You do not have the right to book support for this person. They can give it to you.', { field: 'holderId' })
	}
	const service = await db.service.findFirst({
		where: { id: input.serviceId, active: true, provider: { published: true, deletedAt: null } },
		select: {
			id: true,
			title: true,
			priceUnit: true,
			pricePence: true,
			currency: true,
			durationMinutes: true,
			maxGroupSize: true,
			categorySlug: true,
			provider: { select: { id: true, name: true, slug: true, lateCancelPercent: true, cancellationPolicy: true } },
		},
	})
	if (!service) throw new BookingError('NOT_FOUND', 'This service is no longer offered. Choose another one.')
	const holder = await db.budgetHolder.findUniqueOrThrow({
		where: { id: input.holderId },
		select: { id: true, displayName: true, funder: { select: { platformFeeBps: true } } },
	})
	const accounts = await holderAccounts(db, holder.id)
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
	const time = await loadProviderTime(db, service.provider.id, from, to)
	const wanted = { id: service.id, groupSize: service.maxGroupSize }
	const problems = dates.map((d) => ({ date: d, why: whyUnavailable(time, wanted, d, input.startMinute, minutes, now) }))
	const first = problems[0]!.why
	if (first) throw new BookingError('UNAVAILABLE', first.message, { field: first.reason === 'too-far' ? 'date' : 'start' })
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
			throw new BookingError('UNAVAILABLE', `${holder.displayName} already has a place at the session on ${dayText(already.startsAt)}.`, {
				field: 'start',
			})
		}
	}

	const pricePence = bookingTotalPence(service.priceUnit, service.pricePence, minutes)
	const feeBps = holder.funder.platformFeeBps
	const feePence = platformFee(pricePence, feeBps)
	const totalPence = (pricePence + feePence) * input.weeks

	const plan = await agreedPlan(db, holder.id)
	const lines = plan?.lines.map((l) => ({ id: l.id, name: l.name })) ?? []
	const lineId = input.budgetLineId === undefined ? await lineForCategory(holder.id, service.categorySlug, db) : input.budgetLineId
	if (lineId !== null && !lines.some((l) => l.id === lineId)) {
		throw new BookingError('INVALID', 'Choose a budget line from the agreed support plan.', { field: 'budgetLineId' })
	}

	const budget = await db.ledgerAccount.findUniqueOrThrow({
		where: { id: accounts.budgetId },
		select: { creditsPosted: true, debitsPosted: true, debitsPending: true },
	})
	const available = Number(budget.creditsPosted - budget.debitsPosted - budget.debitsPending)
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
	try {
		await checkRingFence(db as Tx, holder.id, accounts, totalPence, lineId)
	} catch (error) {
		if (isMoneyError(error)) throw new BookingError('NOT_ENOUGH_MONEY', error.message, { field: error.field ?? undefined })
		throw error
	}
	return {
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

const occurrenceKey = (key: string, n: number) => `${key}:${n}`

/**
 * Sends a booking request (one session, or one per week). Idempotent on `idempotencyKey`: sending the same form
 * twice makes one booking. Two people asking for the same time at once: one gets it, the other a clear error.
 */
export async function requestBooking(
	user: SessionUser,
	input: BookingRequestInput & { idempotencyKey: string },
	now: Date = clockNow(),
): Promise<RequestResult> {
	const service = await prisma.service.findUnique({ where: { id: input.serviceId }, select: { providerId: true } })
	if (!service) throw new BookingError('NOT_FOUND', 'This service is no longer offered. Choose another one.')
	try {
		return await inTransaction(prisma, async (tx) => {
			// Everyone booking this provider queues here, so the availability check and the insert are one step.
			await lockName(tx, `provider-bookings:${service.providerId}`)
			const earlier = await tx.booking.findMany({
				where: { idempotencyKey: { startsWith: `${input.idempotencyKey}:` } },
				orderBy: { startsAt: 'asc' },
			})
			if (earlier.length > 0) {
				const same = earlier[0]!.holderId === input.holderId && earlier[0]!.serviceId === input.serviceId && earlier[0]!.bookedById === user.id
				if (!same) throw new BookingError('INVALID', 'This form was already used for another booking. Reload the page and try again.')
				return { bookings: earlier, replayed: true }
			}
			const quote = await quoteBooking(tx, user, input, now)
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
			const owner = await tx.provider.findUniqueOrThrow({ where: { id: quote.service.providerId }, select: { ownerId: true } })
			const when =
				bookings.length > 1
					? `${sessionText(first.startsAt, first.endsAt)}, then every week for ${bookings.length} weeks`
					: sessionText(first.startsAt, first.endsAt)
			await notify(tx, {
				userIds: [owner.ownerId],
				title: `New booking request from ${quote.holder.displayName}`,
				body: `${quote.holder.displayName} would like “${quote.service.title}” on ${when}. Accept or decline it.`,
				link: `/bookings/${first.id}`,
			})
			return { bookings, replayed: false }
		})
	} catch (error) {
		if (isExclusionViolation(error)) {
			throw new BookingError('UNAVAILABLE', 'Someone has just booked that time. Choose another time.', { field: 'start' })
		}
		throw error
	}
}

function isExclusionViolation(error: unknown): boolean {
	const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? '')}` : String(error)
	return /23P01|booking_one_to_one_no_overlap/.test(text)
}

// ───────────────────────────── Changing a booking ─────────────────────────────

type LockedBooking = Booking & {
	holder: { id: string; displayName: string; userId: string | null; funderId: string; funder: { autoConfirmHours: number } }
	provider: { id: string; name: string; ownerId: string }
	service: { title: string }
	problems: Array<{ id: string; status: string; proposedPaidPence: number | null; proposedById: string | null; proposedNote: string | null }>
}

/** Locks the booking's row for the rest of the transaction and loads what the rules need. */
async function lockBooking(tx: Tx, bookingId: string): Promise<LockedBooking> {
	if (!(await lockRow(tx, 'Booking', bookingId))) throw new BookingError('NOT_FOUND', 'We could not find that booking.')
	return tx.booking.findUniqueOrThrow({
		where: { id: bookingId },
		include: {
			holder: { select: { id: true, displayName: true, userId: true, funderId: true, funder: { select: { autoConfirmHours: true } } } },
			provider: { select: { id: true, name: true, ownerId: true } },
			service: { select: { title: true } },
			problems: {
				where: { status: 'OPEN' },
				select: { id: true, status: true, proposedPaidPence: true, proposedById: true, proposedNote: true },
			},
		},
	})
}

function factsOf(b: LockedBooking) {
	const problem = b.problems[0]
	return {
		status: b.status,
		startsAt: b.startsAt,
		endsAt: b.endsAt,
		problem: problem
			? { proposedBy: problem.proposedById === null ? null : problem.proposedById === b.provider.ownerId ? ('provider' as const) : ('holder' as const) }
			: null,
	}
}

/** The person's relation to the (locked) booking; NOT_FOUND if none; FORBIDDEN or WRONG_STATE if the rules say no. */
async function check(tx: Tx, user: ActingUser, b: LockedBooking, action: BookingAction, now: Date): Promise<Party> {
	const party = user.system ? SYSTEM_PARTY : await partyFor(tx, user, b, now)
	requireParty(party)
	const refused = refusal(action, factsOf(b), party, now)
	if (refused) throw new BookingError(refused.kind === 'right' ? 'FORBIDDEN' : 'WRONG_STATE', refused.message)
	return party
}

/** The signed-in person, or the system (scheduled jobs). */
export type ActingUser = (Pick<SessionUser, 'id' | 'roles' | 'funderId' | 'name'> & { system?: false }) | SystemUser
type SystemUser = { system: true; id: null; roles: []; funderId: null; name: 'Budget Market' }
export const SYSTEM: SystemUser = { system: true, id: null, roles: [], funderId: null, name: 'Budget Market' }
const SYSTEM_PARTY: Party = { holderRights: new Set(['VIEW', 'PAY']), isProvider: true, isOverseer: true }

async function initiatorFor(tx: Tx, user: ActingUser, b: LockedBooking, party: Party, now: Date): Promise<Initiator> {
	if (user.system) return { role: 'SYSTEM' }
	if (party.holderRights.size > 0) return { userId: user.id, role: await holderSideRole(tx, user.id, b.holderId, now) }
	if (party.isProvider) return { userId: user.id, role: 'PROVIDER' }
	return { userId: user.id, role: user.roles.includes('ADMIN') ? 'ADMIN' : 'FUNDER' }
}

function what(b: LockedBooking) {
	return {
		currency: b.currency,
		providerName: b.provider.name,
		minutes: b.priceUnit === 'PER_HOUR' ? Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000) : null,
		what: b.priceUnit === 'PER_HOUR' ? null : `“${b.service.title}”`,
		on: b.startsAt,
	}
}

async function event(tx: Tx, b: { id: string }, actor: ActingUser, kind: string, detail: string | null = null) {
	await tx.bookingEvent.create({ data: { bookingId: b.id, actorId: actor.system ? null : actor.id, kind, detail } })
}

async function tellHolderSide(tx: Tx, b: LockedBooking, actor: ActingUser, title: string, body: string, now: Date) {
	await notify(tx, {
		userIds: await holderSideUserIds(tx, b.holderId, now),
		except: actor.id,
		title,
		body,
		link: `/bookings/${b.id}`,
	})
}

async function tellProvider(tx: Tx, b: LockedBooking, actor: ActingUser, title: string, body: string) {
	await notify(tx, { userIds: [b.provider.ownerId], except: actor.id, title, body, link: `/bookings/${b.id}` })
}

/** Runs a change to one booking in a transaction that holds the booking's row lock. */
async function change<T>(bookingId: string, fn: (tx: Tx, b: LockedBooking) => Promise<T>): Promise<T> {
	return inTransaction(prisma, async (tx) => fn(tx, await lockBooking(tx, bookingId)))
}

/** The bookings of a weekly series still in this status (just this one for a one-off). */
async function seriesIn(tx: Tx, b: LockedBooking, status: BookingStatus): Promise<LockedBooking[]> {
	if (!b.seriesId) return [b]
	const ids = await tx.booking.findMany({
		where: { seriesId: b.seriesId, status, id: { not: b.id } },
		orderBy: { startsAt: 'asc' },
		select: { id: true },
	})
	const others: LockedBooking[] = []
	for (const { id } of ids) {
		// Read again under the lock: another request may have changed this week meanwhile.
		const locked = await lockBooking(tx, id)
		if (locked.status === status) others.push(locked)
	}
	return [b, ...others].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())
}

/** The sessions changed, in words: "Tuesday 8 December 2026, 10:00 to 12:00", or the first of several and how many. */
function seriesWords(list: LockedBooking[]): string {
	const sorted = [...list].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())
	const first = sorted[0]!
	return sorted.length > 1
		? `${sorted.length} weekly sessions from ${sessionText(first.startsAt, first.endsAt)}`
		: sessionText(first.startsAt, first.endsAt)
}

/**
 * The provider accepts (every week of a weekly request at once): the money is held from the holder's budget,
 * against the booking's budget line. If the budget cannot cover it, nothing changes and both sides are told.
 */
export async function acceptBooking(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	try {
		return await change(bookingId, async (tx, b) => {
			if (user.system) throw new BookingError('FORBIDDEN', 'Only the provider can accept a booking.')
			// Accepted already (a second click): the same answer again, nothing more.
			if (b.status === 'ACCEPTED' && (await partyFor(tx, user, b, now)).isProvider) return b
			await check(tx, user, b, 'accept', now)
			const list = (await seriesIn(tx, b, 'REQUESTED')).filter((one) => one.startsAt.getTime() > now.getTime())
			const initiator: Initiator = { userId: b.bookedById, role: await holderSideRole(tx, b.bookedById, b.holderId, now) }
			const plan = await agreedPlan(tx, b.holderId)
			for (const one of list) {
				const amount = one.totalPence + one.feePence
				// A budget line of a plan since replaced: record it against the new plan's line for the same kind of support.
				const lineId = await currentLine(tx, one, plan)
				const hold = await reserveForSpending(tx, {
					holderId: one.holderId,
					amount,
					budgetLineId: lineId,
					idempotencyKey: `booking:${one.id}:hold`,
					description: holdDescription({ ...what(one), amount }),
					initiator,
					bookingId: one.id,
				})
				await tx.booking.update({ where: { id: one.id }, data: { status: 'ACCEPTED', holdTransferId: hold.id, budgetLineId: lineId } })
				await event(tx, one, user, 'ACCEPTED', `${formatMoney(amount, one.currency)} held from the budget`)
			}
			await tellHolderSide(
				tx,
				b,
				user,
				`${b.provider.name} accepted your booking`,
				`${b.provider.name} will provide “${b.service.title}” on ${seriesWords(list)}. The money is set aside in the budget until the session is confirmed.`,
				now,
			)
			return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
		})
	} catch (error) {
		if (!isMoneyError(error)) throw error
		const b = await prisma.booking.findUniqueOrThrow({
			where: { id: bookingId },
			select: { holderId: true, holder: { select: { displayName: true } }, provider: { select: { name: true } } },
		})
		const title = `${b.provider.name} could not accept your booking yet`
		const link = `/bookings/${bookingId}`
		// The holder's side is told what to do, once a day however often the provider tries; the provider is not told
		// how much is in the budget (that is the holder's business).
		const toldToday = await prisma.notification.count({ where: { link, title, createdAt: { gt: new Date(now.getTime() - 86_400_000) } } })
		if (toldToday === 0) {
			await notify(prisma, {
				userIds: await holderSideUserIds(prisma, b.holderId, now),
				title,
				body: `${b.provider.name} tried to accept your booking, but the money could not be set aside for it: ${error.message} Add money or change the plan's lines, and let ${b.provider.name} know.`,
				link,
			})
		}
		throw new BookingError(
			'WRONG_STATE',
			`The money for this booking cannot be set aside from ${b.holder.displayName}’s budget right now, so it cannot be accepted yet. We have told them; you can accept once they have sorted it out, or decline.`,
		)
	}
}

/** The booking's budget line if it is on the agreed plan; otherwise the plan's line for the service's category, or none. */
async function currentLine(tx: Tx, b: LockedBooking, plan: Awaited<ReturnType<typeof agreedPlan>>): Promise<string | null> {
	if (b.budgetLineId === null) return null
	if (plan?.lines.some((l) => l.id === b.budgetLineId)) return b.budgetLineId
	const service = await tx.service.findUniqueOrThrow({ where: { id: b.serviceId }, select: { categorySlug: true } })
	return plan?.lines.find((l) => l.categorySlug === service.categorySlug)?.id ?? null
}

/** The provider declines, with a reason (every week of a weekly request). Nothing was held, so nothing moves. */
export async function declineBooking(user: ActingUser, bookingId: string, reason: string, now: Date = clockNow()): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'DECLINED' && b.declineReason === reason) return b
		await check(tx, user, b, 'decline', now)
		const list = await seriesIn(tx, b, 'REQUESTED')
		for (const one of list) {
			await tx.booking.update({ where: { id: one.id }, data: { status: 'DECLINED', declineReason: reason } })
			await event(tx, one, user, 'DECLINED', reason)
		}
		await tellHolderSide(
			tx,
			b,
			user,
			`${b.provider.name} cannot take your booking`,
			`${b.provider.name} declined “${b.service.title}” on ${seriesWords(list)}: ${reason}. Nothing was taken from the budget.`,
			now,
		)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

export type CancelResult = { booking: Booking; chargePence: number }

/**
 * Cancels a session. A request not yet answered is cancelled with every week of it. An accepted session is
 * cancelled on its own: free up to 24 hours before; later, the provider's stated charge is paid from the hold and
 * the rest released. A provider cancelling always frees all of the holder's money.
 */
export async function cancelBooking(
	user: ActingUser,
	bookingId: string,
	reason: string | null,
	now: Date = clockNow(),
	/** What the page said cancelling would cost. If the cost has changed since (the 24 hours passed), nothing is cancelled. */
	expectedChargePence?: number | null,
): Promise<CancelResult> {
	const result = await change(bookingId, async (tx, b) => {
		if (b.status === 'CANCELLED' && b.cancelledById === user.id) return { booking: b as Booking, chargePence: b.cancellationChargePence ?? 0, payoutId: null }
		const party = await check(tx, user, b, 'cancel', now)
		const byProvider = party.isProvider && party.holderRights.size === 0
		if (expectedChargePence !== undefined && expectedChargePence !== null && b.status === 'ACCEPTED') {
			const charge = cancellationCharge({ totalPence: b.totalPence, lateCancelPercent: b.lateCancelPercent, startsAt: b.startsAt, now, byProvider })
			if (charge !== expectedChargePence) {
				throw new BookingError(
					'WRONG_STATE',
					`It is now less than 24 hours before the session, so cancelling costs ${formatMoney(charge, b.currency)}, not ${formatMoney(expectedChargePence, b.currency)}. Nothing has been cancelled: check and cancel again if you still want to.`,
				)
			}
		}
		const initiator = await initiatorFor(tx, user, b, party, now)
		const list = b.status === 'REQUESTED' ? await seriesIn(tx, b, 'REQUESTED') : [b]
		let chargePence = 0
		let payoutId: string | null = null
		for (const one of list) {
			let charge = 0
			if (one.status === 'ACCEPTED' && one.holdTransferId) {
				charge = cancellationCharge({
					totalPence: one.totalPence,
					lateCancelPercent: one.lateCancelPercent,
					startsAt: one.startsAt,
					now,
					byProvider,
				})
				if (charge > 0) {
					const paid = await payFromHold(tx, {
						holdTransferId: one.holdTransferId,
						providerId: one.providerId,
						price: charge,
						feeShown: 0,
						idempotencyKey: `booking:${one.id}:late-cancel`,
						description: `${formatMoney(charge, one.currency)} cancellation charge paid to ${one.provider.name} for the session on ${shortDayText(one.startsAt)}, cancelled less than 24 hours before`,
						initiator,
						bookingId: one.id,
					})
					payoutId = paid.payout?.id ?? null
				} else {
					await voidPending(tx, {
						pendingId: one.holdTransferId,
						idempotencyKey: `booking:${one.id}:release`,
						description: releaseDescription({
							...what(one),
							amount: one.totalPence + one.feePence,
							why: `the booking with ${one.provider.name} on ${shortDayText(one.startsAt)} was cancelled`,
						}),
						initiator,
					})
				}
			}
			await tx.booking.update({
				where: { id: one.id },
				data: { status: 'CANCELLED', cancelledById: user.id, cancelledAt: now, cancelReason: reason, cancellationChargePence: charge > 0 ? charge : null },
			})
			await event(
				tx,
				one,
				user,
				'CANCELLED',
				[reason, charge > 0 ? `Cancellation charge ${formatMoney(charge, one.currency)}` : null].filter(Boolean).join('. ') || null,
			)
			chargePence += charge
		}
		const who = user.system ? 'Budget Market' : user.name
		const why = reason ? ` The reason given: ${reason}` : ''
		const money =
			b.status === 'REQUESTED'
				? ''
				: chargePence > 0
					? ` As it was less than 24 hours before, the cancellation charge of ${formatMoney(chargePence, b.currency)} was paid to ${b.provider.name} and the rest went back to the budget.`
					: ' The money set aside for it is back in the budget.'
		const title = `${b.service.title} on ${shortDayText(b.startsAt)} was cancelled`
		const body = `${who} cancelled ${seriesWords(list)}.${why}${money}`
		if (byProvider) await tellHolderSide(tx, b, user, title, body, now)
		else await tellProvider(tx, b, user, title, body)
		return { booking: await tx.booking.findUniqueOrThrow({ where: { id: b.id } }), chargePence, payoutId }
	})
	if (result.payoutId) void sendPayoutSoon(result.payoutId)
	return { booking: result.booking, chargePence: result.chargePence }
}

/** The provider says the session happened. Unless a problem is reported it is confirmed automatically later. */
export async function markDelivered(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'DELIVERED') return b
		await check(tx, user, b, 'markDelivered', now)
		const hours = b.holder.funder.autoConfirmHours
		const autoConfirmAt = new Date(now.getTime() + hours * 3_600_000)
		await tx.booking.update({ where: { id: b.id }, data: { status: 'DELIVERED', deliveredAt: now, autoConfirmAt } })
		await event(tx, b, user, 'DELIVERED')
		await tellHolderSide(
			tx,
			b,
			user,
			`${b.provider.name} says the session on ${shortDayText(b.startsAt)} happened`,
			`Please confirm it, or report a problem. If you do neither, it is confirmed automatically and ${b.provider.name} is paid ${hours} hours after being marked delivered.`,
			now,
		)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * Delivery confirmed (by the holder's side, or automatically): the hold is paid to the provider, with exactly the
 * fee that was shown, and the payout starts at once.
 */
export async function confirmBooking(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	const result = await change(bookingId, async (tx, b) => {
		if (b.status === 'CONFIRMED') return { booking: b as Booking, payoutId: null }
		const party = await check(tx, user, b, 'confirm', now)
		if (!b.holdTransferId) throw new BookingError('WRONG_STATE', 'No money is held for this booking.')
		const initiator = await initiatorFor(tx, user, b, party, now)
		const paid = await payFromHold(tx, {
			holdTransferId: b.holdTransferId,
			providerId: b.providerId,
			price: b.totalPence,
			feeShown: b.feePence,
			idempotencyKey: `booking:${b.id}`,
			description: paymentDescription({ ...what(b), amount: b.totalPence }),
			initiator,
			bookingId: b.id,
		})
		await tx.booking.update({ where: { id: b.id }, data: { status: 'CONFIRMED', confirmedAt: now, autoConfirmAt: null } })
		await event(tx, b, user, user.system ? 'CONFIRMED_AUTOMATICALLY' : 'CONFIRMED', `${formatMoney(b.totalPence, b.currency)} paid to ${b.provider.name}`)
		const body = `${formatMoney(b.totalPence, b.currency)} for “${b.service.title}” on ${shortDayText(b.startsAt)} has been paid${user.system ? ' (confirmed automatically, as no problem was reported)' : ''}.`
		await tellProvider(tx, b, user, `Payment on its way for ${shortDayText(b.startsAt)}`, `${body} The payout has started.`)
		if (user.system) await tellHolderSide(tx, b, user, `Session on ${shortDayText(b.startsAt)} confirmed`, body, now)
		return { booking: await tx.booking.findUniqueOrThrow({ where: { id: b.id } }), payoutId: paid.payout?.id ?? null }
	})
	if (result.payoutId) void sendPayoutSoon(result.payoutId)
	return result.booking
}

/** Payouts go straight to Stripe when it is configured; if that fails the scheduled job tries again. */
async function sendPayoutSoon(payoutId: string): Promise<void> {
	if (!isStripeEnabled()) return
	try {
		await sendPayout(payoutId)
	} catch (error) {
		console.warn(`Payout ${payoutId} will be retried by the scheduled job: ${error instanceof Error ? error.message : String(error)}`)
	}
}

// ───────────────────────────── Problems ─────────────────────────────

/** The holder's side reports a problem: the money stays held until the problem is settled. */
export async function reportProblem(user: ActingUser, bookingId: string, description: string, now: Date = clockNow()) {
	return change(bookingId, async (tx, b) => {
		const open = b.problems[0]
		if (b.status === 'DISPUTED' && open) {
			const mine = await tx.bookingProblem.findUnique({ where: { id: open.id }, select: { reportedById: true, description: true } })
			if (mine?.reportedById === user.id && mine.description === description) return b
		}
		await check(tx, user, b, 'reportProblem', now)
		if (user.system) throw new BookingError('FORBIDDEN', 'Only a person can report a problem.')
		await tx.bookingProblem.create({ data: { bookingId: b.id, reportedById: user.id, description } })
		await tx.booking.update({ where: { id: b.id }, data: { status: 'DISPUTED', autoConfirmAt: null } })
		await event(tx, b, user, 'PROBLEM_REPORTED', description)
		const title = `A problem was reported with the session on ${shortDayText(b.startsAt)}`
		const body = `${user.name} reported: “${description}”. The money stays held until it is settled: agree how much is paid, or ask ${b.holder.displayName}’s funder to decide.`
		await tellProvider(tx, b, user, title, body)
		await notify(tx, { userIds: await funderStaffIds(tx, b.holder.funderId), except: user.id, title, body, link: `/bookings/${b.id}`, email: false })
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * One side proposes how to settle: how much of the price the provider is paid (the rest goes back to the budget).
 * The holder's side offering the whole price, or the provider offering a full refund, settles it at once (no one
 * needs to agree to being given more); otherwise the other side accepts or makes another proposal.
 */
export async function proposeSettlement(
	user: ActingUser,
	bookingId: string,
	input: { paidPence: number; note: string | null },
	now: Date = clockNow(),
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		const open = b.problems[0]
		if (b.status === 'DISPUTED' && open?.proposedById === user.id && open.proposedPaidPence === input.paidPence) return b
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id && last.paidPence === input.paidPence) return b
		}
		const party = await check(tx, user, b, 'proposeResolution', now)
		if (user.system) throw new BookingError('FORBIDDEN', 'Only a person can propose a settlement.')
		checkSettlementAmount(b, input.paidPence)
		const asProvider = party.isProvider && !party.holderRights.has('PAY')
		const generous = asProvider ? input.paidPence === 0 : input.paidPence === b.totalPence
		if (generous) {
			return settle(tx, b, user, party, {
				paidPence: input.paidPence,
				resolution: asProvider
					? `${b.provider.name} agreed to a full refund.${input.note ? ` ${input.note}` : ''}`
					: `${user.name} withdrew the problem and paid in full.${input.note ? ` ${input.note}` : ''}`,
				now,
			})
		}
		await tx.bookingProblem.update({
			where: { id: open!.id },
			data: { proposedPaidPence: input.paidPence, proposedById: user.id, proposedNote: input.note, proposedAt: now },
		})
		const offer = `${formatMoney(input.paidPence, b.currency)} of ${formatMoney(b.totalPence, b.currency)} paid to ${b.provider.name}`
		await event(tx, b, user, 'SETTLEMENT_PROPOSED', `${offer}${input.note ? `. ${input.note}` : ''}`)
		const title = `A proposal to settle the problem on ${shortDayText(b.startsAt)}`
		const body = `${user.name} proposes: ${offer}, the rest back to the budget.${input.note ? ` “${input.note}”` : ''} Accept it, or propose something else.`
		if (asProvider) await tellHolderSide(tx, b, user, title, body, now)
		else await tellProvider(tx, b, user, title, body)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * The other side accepts the proposal on the table: the problem is settled as proposed. `expectedPaidPence` is the
 * amount the person saw; if a new proposal replaced it meanwhile, nothing is settled.
 */
export async function acceptSettlement(
	user: ActingUser,
	bookingId: string,
	now: Date = clockNow(),
	expectedPaidPence?: number | null,
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id) return b
		}
		const party = await check(tx, user, b, 'acceptProposal', now)
		const open = b.problems[0]!
		if (expectedPaidPence !== undefined && expectedPaidPence !== null && open.proposedPaidPence !== expectedPaidPence) {
			throw new BookingError(
				'WRONG_STATE',
				`The proposal has changed: it is now ${formatMoney(open.proposedPaidPence ?? 0, b.currency)}, not ${formatMoney(expectedPaidPence, b.currency)}. Nothing has been settled: read the new proposal first.`,
			)
		}
		const proposer = await tx.user.findUnique({ where: { id: open.proposedById! }, select: { name: true } })
		return settle(tx, b, user, party, {
			paidPence: open.proposedPaidPence ?? 0,
			resolution: `Settled by agreement: ${proposer?.name ?? 'one side'} proposed it and ${user.name} accepted.${open.proposedNote ? ` ${open.proposedNote}` : ''}`,
			now,
		})
	})
}

/** Staff of the holder's funder (or an admin) decide how much the provider is paid. */
export async function resolveAsFunder(
	user: ActingUser,
	bookingId: string,
	input: { paidPence: number; note: string },
	now: Date = clockNow(),
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id && last.paidPence === input.paidPence) return b
		}
		const party = await check(tx, user, b, 'resolveAsFunder', now)
		checkSettlementAmount(b, input.paidPence)
		return settle(tx, b, user, party, { paidPence: input.paidPence, resolution: `Decided by ${user.name} for the funder: ${input.note}`, now })
	})
}

function checkSettlementAmount(b: LockedBooking, paidPence: number) {
	if (!Number.isSafeInteger(paidPence) || paidPence < 0 || paidPence > b.totalPence) {
		throw new BookingError(
			'INVALID',
			`Enter an amount from ${formatMoney(0, b.currency)} to ${formatMoney(b.totalPence, b.currency)}, the price of the session`,
			{ field: 'paid' },
		)
	}
}

async function settle(
	tx: Tx,
	b: LockedBooking,
	user: ActingUser,
	party: Party,
	input: { paidPence: number; resolution: string; now: Date },
): Promise<Booking> {
	const open = b.problems[0]!
	if (!b.holdTransferId) throw new BookingError('WRONG_STATE', 'No money is held for this booking.')
	const initiator = await initiatorFor(tx, user, b, party, input.now)
	if (input.paidPence > 0) {
		await payFromHold(tx, {
			holdTransferId: b.holdTransferId,
			providerId: b.providerId,
			price: input.paidPence,
			feeShown: feeFor(input.paidPence, b.totalPence, b.feePence),
			idempotencyKey: `booking:${b.id}:settle`,
			description: `${formatMoney(input.paidPence, b.currency)} paid to ${b.provider.name} for the session on ${shortDayText(b.startsAt)}, after a problem was settled`,
			initiator,
			bookingId: b.id,
		})
	} else {
		await voidPending(tx, {
			pendingId: b.holdTransferId,
			idempotencyKey: `booking:${b.id}:release`,
			description: releaseDescription({
				...what(b),
				amount: b.totalPence + b.feePence,
				why: `refunded in full after a problem with the session with ${b.provider.name} on ${shortDayText(b.startsAt)}`,
			}),
			initiator,
		})
	}
	await tx.bookingProblem.update({
		where: { id: open.id },
		data: { status: 'RESOLVED', resolution: input.resolution, paidPence: input.paidPence, resolvedById: user.id, resolvedAt: input.now },
	})
	await tx.booking.update({ where: { id: b.id }, data: { status: 'RESOLVED', confirmedAt: input.now } })
	await event(tx, b, user, 'RESOLVED', `${input.resolution} ${formatMoney(input.paidPence, b.currency)} paid to ${b.provider.name}.`)
	const title = `The problem with the session on ${shortDayText(b.startsAt)} is settled`
	const body = `${input.resolution} ${formatMoney(input.paidPence, b.currency)} was paid to ${b.provider.name}${input.paidPence < b.totalPence ? ' and the rest went back to the budget' : ''}.`
	await tellHolderSide(tx, b, user, title, body, input.now)
	await tellProvider(tx, b, user, title, body)
	return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
}

// ───────────────────────────── Scheduled ─────────────────────────────

export type BookingJobsReport = { confirmed: number; expired: number; failed: string[] }

/**
 * For the scheduled job, safe on several servers at once (each change locks the booking and is idempotent):
 *  - sessions marked delivered whose time to report a problem has passed are confirmed and paid;
 *  - requests nobody answered before the session time are cancelled (nothing was held).
 */
export async function runBookingJobs(now: Date = clockNow(), limit = 200): Promise<BookingJobsReport> {
	const report: BookingJobsReport = { confirmed: 0, expired: 0, failed: [] }
	const due = await prisma.booking.findMany({
		where: { status: 'DELIVERED', autoConfirmAt: { lte: now } },
		orderBy: { autoConfirmAt: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of due) {
		try {
			const b = await confirmBooking(SYSTEM, id, now)
			if (b.status === 'CONFIRMED') report.confirmed += 1
		} catch (error) {
			report.failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
		}
	}
	const unanswered = await prisma.booking.findMany({
		where: { status: 'REQUESTED', startsAt: { lte: now } },
		orderBy: { startsAt: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of unanswered) {
		try {
			const changed = await change(id, async (tx, b) => {
				if (b.status !== 'REQUESTED' || b.startsAt.getTime() > now.getTime()) return false
				await tx.booking.update({
					where: { id: b.id },
					data: { status: 'CANCELLED', cancelledAt: now, cancelReason: 'The provider did not answer before the session time.' },
				})
				await event(tx, b, SYSTEM, 'EXPIRED', 'The provider did not answer before the session time.')
				const body = `The request for “${b.service.title}” on ${sessionText(b.startsAt, b.endsAt)} was not answered in time, so it was cancelled. Nothing was taken from the budget.`
				await tellHolderSide(tx, b, SYSTEM, `No answer from ${b.provider.name}`, body, now)
				await tellProvider(tx, b, SYSTEM, `A booking request ran out`, body)
				return true
			})
			if (changed) report.expired += 1
		} catch (error) {
			report.failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
		}
	}
	return report
}
