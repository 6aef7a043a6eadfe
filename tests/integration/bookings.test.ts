/**
 * Booking, through the booking domain on a real database: the money held, paid and released through the ledger,
 * availability (no double booking, also under concurrency), every state change, idempotent retries, and who may
 * do what. Time is passed explicitly (`at`), as the app's clock would.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	acceptBooking,
	acceptSettlement,
	cancelBooking,
	confirmBooking,
	declineBooking,
	markDelivered,
	proposeSettlement,
	quoteBooking,
	reportProblem,
	requestBooking,
	resolveAsFunder,
	runBookingJobs,
	type BookingRequestInput,
} from '#app/domain/bookings/bookings.server.ts'
import { isBookingError, type BookingErrorCode, BookingError } from '#app/domain/bookings/errors.ts'
import { postMessage } from '#app/domain/bookings/messages.server.ts'
import { funderProblems, getBookingPage } from '#app/domain/bookings/queries.server.ts'
import { addLocalDays, localDate, localInstant } from '#app/utils/dates.ts'
import { checkLedger, getBalance } from '#app/domain/ledger/ledger.server.ts'
import { holderAccounts } from '#app/domain/money/holder-money.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { createFunder, createHolder, createProviderWithService } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import {
	allocateOnce,
	bookingRequest,
	closeTestDb,
	expectRefusal,
	openWorld,
	sessionUser,
	type World,
} from '#tests/setup/domain.ts'

let db: TestDb
let world: World
const people = {} as Record<'sam' | 'broker' | 'viewer' | 'amina' | 'staff' | 'otherStaff' | 'stranger', SessionUser>
const ids = {} as Record<'funder' | 'sam' | 'poor' | 'line' | 'plan' | 'amina' | 'care' | 'yoga' | 'other', string>

const HOUR = 3_600_000
const realNow = new Date()
/** A local date a week from now, and the instant of a local time on it. */
const day = addLocalDays(localDate(realNow), 7)
const at = (date: string, hhmm: string) => {
	const [h, m] = hhmm.split(':').map(Number)
	return localInstant(date, h! * 60 + m!)
}

const refusedWith = (promise: Promise<unknown>, code: BookingErrorCode) => expectRefusal(promise, BookingError, code)

async function available(holderId: string): Promise<bigint> {
	return (await getBalance(db.prisma, (await holderAccounts(db.prisma, holderId)).budgetId)).available
}

const request = (overrides: Partial<BookingRequestInput> = {}) =>
	bookingRequest({ serviceId: ids.care, holderId: ids.sam, date: day, note: 'Please bring gloves.', ...overrides })

beforeAll(async () => {
	world = await openWorld({}, { name: 'Priya Patel' })
	db = world.db
	const p = db.prisma
	ids.funder = world.funderId
	const otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	people.staff = world.staff
	people.otherStaff = await world.person({ roles: ['FUNDER_STAFF'], funderId: otherFunder })
	people.broker = await world.person({ roles: ['BROKER'], name: 'Daniel Price' })
	people.viewer = await world.person({ roles: ['REPRESENTATIVE'], name: 'Viewing Only' })
	people.stranger = await world.person({ roles: ['HOLDER'], name: 'A Stranger' })
	const sam = await world.fundedHolder({ planPence: 600_000 })
	ids.sam = sam.id
	ids.line = sam.lineId!
	ids.plan = sam.planId!
	people.sam = sam.person
	ids.poor = (
		await createHolder(p, { funderId: ids.funder, displayName: 'Poor Holder', user: { roles: ['HOLDER'] } })
	).holder.id
	await p.delegation.create({
		data: { holderId: ids.sam, delegateId: people.broker.id, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
	})
	await p.delegation.create({
		data: { holderId: ids.sam, delegateId: people.viewer.id, kind: 'REPRESENTATIVE', rights: ['VIEW'] },
	})
	// Open every day from 08:00 to 20:00, except a holiday in the third week (below).
	const amina = await world.amina({
		provider: { lateCancelPercent: 50 },
		service: { pricePence: 1_500, priceUnit: 'PER_HOUR', title: 'Personal care at home' },
	})
	ids.amina = amina.provider.id
	ids.care = amina.service.id
	people.amina = amina.person
	ids.yoga = (
		await p.service.create({
			data: {
				providerId: ids.amina,
				title: 'Chair yoga group',
				description: 'Gentle seated yoga.',
				categorySlug: 'fitness-and-wellbeing',
				priceUnit: 'PER_SESSION',
				pricePence: 600,
				durationMinutes: 60,
				maxGroupSize: 2,
			},
		})
	).id
	await p.availabilityException.create({
		data: {
			providerId: ids.amina,
			startsAt: at(addLocalDays(day, 14), '00:00'),
			endsAt: at(addLocalDays(day, 15), '00:00'),
			reason: 'Holiday',
		},
	})
	ids.other = (await createProviderWithService(p, { provider: { name: 'Someone Else' } })).provider.id
	// Sam has £1,000.00; the poor holder £20.00.
	for (const [holderId, amount] of [
		[ids.sam, 100_000],
		[ids.poor, 2_000],
	] as const) {
		await allocateOnce({ funderId: ids.funder, holderId, staffUserId: people.staff.id, amountEach: amount })
	}
})

afterAll(() => closeTestDb(db))

describe('checking a booking before sending it', () => {
	it('shows the price, the total and the balance left, from the provider’s real availability', async () => {
		const quote = await quoteBooking(db.prisma, people.sam, request(), realNow)
		expect(quote).toMatchObject({
			pricePence: 3_000,
			feePence: 0,
			totalPence: 3_000,
			available: 100_000,
			afterPence: 97_000,
			minutes: 120,
			budgetLine: { id: ids.line, name: 'Personal care' },
		})
		expect(quote.sessions).toEqual([{ startsAt: at(day, '10:00'), endsAt: at(day, '12:00') }])
	})

	it('refuses a time in the past, outside the provider’s hours, on holiday or too far ahead, saying why', async () => {
		const past = await refusedWith(
			quoteBooking(db.prisma, people.sam, request({ date: addLocalDays(localDate(realNow), -1) }), realNow),
			'UNAVAILABLE',
		)
		expect(past).toMatch(/has already passed\. Choose a time in the future/)
		const late = await refusedWith(
			quoteBooking(db.prisma, people.sam, request({ startMinute: 19 * 60 }), realNow),
			'UNAVAILABLE',
		)
		expect(late).toMatch(/Amina Shah is not available for 120 minutes from 19:00/)
		const away = await refusedWith(
			quoteBooking(db.prisma, people.sam, request({ date: addLocalDays(day, 14) }), realNow),
			'UNAVAILABLE',
		)
		expect(away).toMatch(/Amina Shah is away/)
		await refusedWith(
			quoteBooking(db.prisma, people.sam, request({ date: addLocalDays(day, 400) }), realNow),
			'UNAVAILABLE',
		)
	})

	it('says before sending when the budget cannot afford it', async () => {
		const message = await refusedWith(
			quoteBooking(
				db.prisma,
				people.sam,
				request({ date: addLocalDays(day, 1), startMinute: 8 * 60, minutes: 720, weeks: 12 }),
				realNow,
			),
			'NOT_ENOUGH_MONEY',
		)
		expect(message).toBe(
			'There is not enough money in Sam Taylor’s budget: £1,000.00 available, and this booking needs £2,160.00.',
		)
	})

	it('lets only people with the right to book choose the holder', async () => {
		// Someone who may only suggest gets a price, marked as waiting for the holder's yes; sending it is refused.
		const suggested = await quoteBooking(db.prisma, people.viewer, request(), realNow)
		expect(suggested.approval).toMatchObject({ reason: 'SUGGEST_ONLY' })
		await refusedWith(requestBooking(people.viewer, request(), realNow), 'FORBIDDEN')
		await refusedWith(quoteBooking(db.prisma, people.stranger, request(), realNow), 'NOT_FOUND')
		await refusedWith(quoteBooking(db.prisma, people.amina, request(), realNow), 'NOT_FOUND')
		const byBroker = await quoteBooking(db.prisma, people.broker, request(), realNow)
		expect(byBroker.totalPence).toBe(3_000)
	})
})

describe('a booking from request to payment', () => {
	it('requests, accepts (holding the money), confirms and pays the provider, once however often each is sent', async () => {
		const input = request({ date: addLocalDays(day, 1) })
		const sent = await requestBooking(people.broker, input, realNow)
		const again = await requestBooking(people.broker, input, realNow)
		expect(sent.replayed).toBe(false)
		expect(again).toMatchObject({ replayed: true })
		expect(again.bookings.map((b) => b.id)).toEqual(sent.bookings.map((b) => b.id))
		const booking = sent.bookings[0]!
		expect(booking).toMatchObject({
			status: 'REQUESTED',
			totalPence: 3_000,
			bookedById: people.broker.id,
			budgetLineId: ids.line,
			lateCancelPercent: 50,
		})
		expect(
			await db.prisma.notification.count({ where: { userId: people.amina.id, link: `/bookings/${booking.id}` } }),
		).toBe(1)
		// Nothing is held until the provider accepts.
		expect(await available(ids.sam)).toBe(100_000n)

		const accepted = await acceptBooking(people.amina, booking.id, realNow)
		await acceptBooking(people.amina, booking.id, realNow)
		expect(accepted.status).toBe('ACCEPTED')
		expect(await available(ids.sam)).toBe(97_000n)
		const hold = await db.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: accepted.holdTransferId! } })
		expect(hold).toMatchObject({
			phase: 'PENDING',
			amount: 3_000n,
			budgetLineId: ids.line,
			bookingId: booking.id,
			initiatorRole: 'BROKER',
		})

		// Not before the session.
		await refusedWith(confirmBooking(people.sam, booking.id, realNow), 'WRONG_STATE')
		const after = new Date(accepted.endsAt.getTime() + HOUR)
		await refusedWith(confirmBooking(people.broker, booking.id, after), 'FORBIDDEN')
		const confirmed = await confirmBooking(people.sam, booking.id, after)
		await confirmBooking(people.sam, booking.id, after)
		expect(confirmed.status).toBe('CONFIRMED')
		const payouts = await db.prisma.payout.findMany({ where: { providerId: ids.amina } })
		expect(payouts).toHaveLength(1)
		expect(payouts[0]).toMatchObject({ amountPence: 3_000, status: 'AWAITING_PAYOUT' })
		const paid = await db.prisma.ledgerTransfer.findMany({
			where: { bookingId: booking.id, reason: 'BOOKING', phase: 'SINGLE' },
		})
		expect(paid.map((t) => t.description)).toEqual([
			expect.stringMatching(/^£30\.00 paid to Amina Shah for 2 hours on \d+ \w+$/),
		])
		expect(await available(ids.sam)).toBe(97_000n)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('books every week, refusing weeks that are not free, and holds each week when accepted', async () => {
		const holiday = await refusedWith(
			requestBooking(people.sam, request({ date: day, weeks: 3 }), realNow),
			'UNAVAILABLE',
		)
		expect(holiday).toMatch(/is not free every week: .*\(away\)\. Choose fewer weeks or another time\./)
		const { bookings } = await requestBooking(
			people.sam,
			request({ startMinute: 14 * 60, minutes: 60, weeks: 2 }),
			realNow,
		)
		expect(bookings).toHaveLength(2)
		expect(bookings[1]!.startsAt.getTime() - bookings[0]!.startsAt.getTime()).toBe(7 * 24 * HOUR)
		expect(new Set(bookings.map((b) => b.seriesId)).size).toBe(1)
		await acceptBooking(people.amina, bookings[0]!.id, realNow)
		const statuses = await db.prisma.booking.findMany({
			where: { seriesId: bookings[0]!.seriesId },
			select: { status: true, holdTransferId: true },
		})
		expect(statuses.every((b) => b.status === 'ACCEPTED' && b.holdTransferId)).toBe(true)
	})

	it('marks delivered, then confirms automatically 48 hours later unless a problem was reported, once', async () => {
		const { bookings } = await requestBooking(people.sam, request({ date: addLocalDays(day, 3) }), realNow)
		const b = await acceptBooking(people.amina, bookings[0]!.id, realNow)
		await refusedWith(markDelivered(people.amina, b.id, realNow), 'WRONG_STATE')
		const ended = new Date(b.endsAt.getTime() + 10 * 60_000)
		const delivered = await markDelivered(people.amina, b.id, ended)
		expect(delivered.autoConfirmAt).toEqual(new Date(ended.getTime() + 48 * HOUR))
		expect((await runBookingJobs(new Date(ended.getTime() + 47 * HOUR))).confirmed).toBe(0)
		const later = new Date(ended.getTime() + 49 * HOUR)
		const [first, second] = [await runBookingJobs(later), await runBookingJobs(later)]
		expect(first.confirmed).toBe(1)
		expect(second.confirmed).toBe(0)
		expect(await db.prisma.booking.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'CONFIRMED' })
		expect(
			await db.prisma.ledgerTransfer.count({ where: { bookingId: b.id, reason: 'PAYOUT', phase: 'PENDING' } }),
		).toBe(1)
		expect(
			await db.prisma.ledgerTransfer.count({ where: { bookingId: b.id, reason: 'BOOKING', phase: 'SINGLE' } }),
		).toBe(1)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('cancels unanswered requests when their time comes', async () => {
		const { bookings } = await requestBooking(people.sam, request({ date: addLocalDays(day, 4) }), realNow)
		const report = await runBookingJobs(new Date(bookings[0]!.startsAt.getTime() + 1))
		expect(report.expired).toBeGreaterThanOrEqual(1)
		expect(await db.prisma.booking.findUniqueOrThrow({ where: { id: bookings[0]!.id } })).toMatchObject({
			status: 'CANCELLED',
			cancelReason: 'The provider did not answer before the session time.',
		})
	})
})

describe('saying no and changing plans', () => {
	it('declines with a reason, holding nothing', async () => {
		const { bookings } = await requestBooking(people.sam, request({ date: addLocalDays(day, 5) }), realNow)
		const declined = await declineBooking(people.amina, bookings[0]!.id, 'I am fully booked that morning', realNow)
		expect(declined).toMatchObject({
			status: 'DECLINED',
			declineReason: 'I am fully booked that morning',
			holdTransferId: null,
		})
		await refusedWith(acceptBooking(people.amina, declined.id, realNow), 'WRONG_STATE')
	})

	it('cancels free more than 24 hours before, giving all the money back', async () => {
		const { bookings } = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 6), startMinute: 8 * 60 }),
			realNow,
		)
		const before = await available(ids.sam)
		await acceptBooking(people.amina, bookings[0]!.id, realNow)
		expect(await available(ids.sam)).toBe(before - 3_000n)
		const { booking, chargePence } = await cancelBooking(people.broker, bookings[0]!.id, 'Plans changed', realNow)
		expect(chargePence).toBe(0)
		expect(booking).toMatchObject({ status: 'CANCELLED', cancellationChargePence: null })
		expect(await available(ids.sam)).toBe(before)
	})

	it('charges the provider’s stated charge for a late cancellation by the holder, but never for one by the provider', async () => {
		const late = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 6), startMinute: 11 * 60 }),
			realNow,
		)
		await acceptBooking(people.amina, late.bookings[0]!.id, realNow)
		const before = await available(ids.sam)
		const hoursBefore = new Date(late.bookings[0]!.startsAt.getTime() - 5 * HOUR)
		// The page said it was free (it was loaded a day earlier): nothing is cancelled, and the new cost is stated.
		const stale = await refusedWith(
			cancelBooking(people.sam, late.bookings[0]!.id, null, hoursBefore, 0),
			'WRONG_STATE',
		)
		expect(stale).toMatch(/^It is now less than 24 hours before the session, so cancelling costs £15\.00, not £0\.00\./)
		const { chargePence } = await cancelBooking(people.sam, late.bookings[0]!.id, null, hoursBefore, 1_500)
		expect(chargePence).toBe(1_500)
		expect(await available(ids.sam)).toBe(before + 1_500n)
		const charge = await db.prisma.ledgerTransfer.findFirstOrThrow({
			where: { bookingId: late.bookings[0]!.id, phase: 'SINGLE', reason: 'BOOKING' },
		})
		expect(charge.description).toMatch(/^£15\.00 cancellation charge paid to Amina Shah/)

		const byProvider = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 6), startMinute: 15 * 60 }),
			realNow,
		)
		await acceptBooking(people.amina, byProvider.bookings[0]!.id, realNow)
		const mid = await available(ids.sam)
		const result = await cancelBooking(
			people.amina,
			byProvider.bookings[0]!.id,
			'I am unwell',
			new Date(byProvider.bookings[0]!.startsAt.getTime() - HOUR),
		)
		expect(result.chargePence).toBe(0)
		expect(await available(ids.sam)).toBe(mid + 3_000n)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('does not accept what the budget cannot cover, and tells the holder', async () => {
		const first = await requestBooking(
			people.sam,
			request({ holderId: ids.poor, date: addLocalDays(day, 8), minutes: 60 }),
			realNow,
		).catch(() => null)
		expect(first).toBeNull() // the poor holder's own user must book, not Sam
		const poorUser = await db.prisma.budgetHolder.findUniqueOrThrow({
			where: { id: ids.poor },
			include: { user: true },
		})
		const poor = sessionUser(poorUser.user!)
		const { bookings } = await requestBooking(
			poor,
			request({ holderId: ids.poor, date: addLocalDays(day, 8), minutes: 60, budgetLineId: null }),
			realNow,
		)
		// Money leaves the budget another way before the provider answers.
		await db.prisma.$transaction(async (tx) => {
			const { reserveForSpending } = await import('#app/domain/money/holder-money.server.ts')
			await reserveForSpending(tx, {
				holderId: ids.poor,
				amount: 1_000,
				budgetLineId: null,
				idempotencyKey: randomUUID(),
				description: 'Something else',
				initiator: { role: 'HOLDER', userId: poor.id },
			})
		})
		const message = await refusedWith(acceptBooking(people.amina, bookings[0]!.id, realNow), 'WRONG_STATE')
		// The provider is not told how much is in someone else's budget.
		expect(message).toBe(
			'The money for this booking cannot be set aside from Poor Holder’s budget right now, so it cannot be accepted yet. We have told them; you can accept once they have sorted it out, or decline.',
		)
		await refusedWith(acceptBooking(people.amina, bookings[0]!.id, realNow), 'WRONG_STATE')
		expect(await db.prisma.booking.findUniqueOrThrow({ where: { id: bookings[0]!.id } })).toMatchObject({
			status: 'REQUESTED',
			holdTransferId: null,
		})
		// Told once, with what to do, however often the provider tries.
		const told = await db.prisma.notification.findMany({
			where: { userId: poor.id, title: { contains: 'could not accept' } },
		})
		expect(told).toHaveLength(1)
		expect(told[0]!.body).toMatch(/There is not enough money available: £10\.00 available, £15\.00 needed\./)
	})
})

describe('problems', () => {
	it('keeps the money held while a problem is open, then settles by agreement', async () => {
		const { bookings } = await requestBooking(people.sam, request({ date: addLocalDays(day, 9) }), realNow)
		const b = await acceptBooking(people.amina, bookings[0]!.id, realNow)
		const during = new Date(b.startsAt.getTime() + 30 * 60_000)
		await refusedWith(reportProblem(people.viewer, b.id, 'Nobody came at all today.', during), 'FORBIDDEN')
		await reportProblem(people.broker, b.id, 'She arrived an hour late.', during)
		const ended = new Date(b.endsAt.getTime() + HOUR)
		await refusedWith(confirmBooking(people.sam, b.id, ended), 'WRONG_STATE')
		expect((await runBookingJobs(new Date(ended.getTime() + 100 * HOUR))).confirmed).toBe(0)
		const before = await available(ids.sam)

		await proposeSettlement(people.amina, b.id, { paidPence: 1_000, note: 'A third.' }, ended)
		await proposeSettlement(people.amina, b.id, { paidPence: 1_500, note: 'Half, as I was late.' }, ended)
		await refusedWith(acceptSettlement(people.amina, b.id, ended), 'FORBIDDEN')
		// Sam's page still showed the first proposal: accepting it settles nothing.
		const stale = await refusedWith(acceptSettlement(people.sam, b.id, ended, 1_000), 'WRONG_STATE')
		expect(stale).toBe(
			'The proposal has changed: it is now £15.00, not £10.00. Nothing has been settled: read the new proposal first.',
		)
		const settled = await acceptSettlement(people.sam, b.id, ended, 1_500)
		expect(settled.status).toBe('RESOLVED')
		expect(await available(ids.sam)).toBe(before + 1_500n)
		const problem = await db.prisma.bookingProblem.findFirstOrThrow({ where: { bookingId: b.id } })
		expect(problem).toMatchObject({ status: 'RESOLVED', paidPence: 1_500, resolvedById: people.sam.id })
		const history = await db.prisma.bookingEvent.findMany({
			where: { bookingId: b.id },
			orderBy: { createdAt: 'asc' },
			select: { kind: true },
		})
		expect(history.map((e) => e.kind)).toEqual([
			'REQUESTED',
			'ACCEPTED',
			'PROBLEM_REPORTED',
			'SETTLEMENT_PROPOSED',
			'SETTLEMENT_PROPOSED',
			'RESOLVED',
		])
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('lets the holder’s funder decide, and nobody else’s', async () => {
		const { bookings } = await requestBooking(people.sam, request({ date: addLocalDays(day, 10) }), realNow)
		const b = await acceptBooking(people.amina, bookings[0]!.id, realNow)
		const ended = new Date(b.endsAt.getTime() + HOUR)
		await reportProblem(people.sam, b.id, 'The support was not what we agreed.', ended)
		expect(await db.prisma.notification.count({ where: { userId: people.staff.id, link: `/bookings/${b.id}` } })).toBe(
			1,
		)
		// The funder's list of problems names the holder, provider and service, with the open problem.
		const listed = (await funderProblems(ids.funder)).find((p) => p.id === b.id)
		expect(listed).toMatchObject({
			holder: {
				id: ids.sam,
				displayName: (await db.prisma.budgetHolder.findUniqueOrThrow({ where: { id: ids.sam } })).displayName,
			},
			provider: await db.prisma.provider.findUniqueOrThrow({
				where: { id: b.providerId },
				select: { id: true, name: true, slug: true },
			}),
			service: await db.prisma.service.findUniqueOrThrow({ where: { id: b.serviceId }, select: { title: true } }),
			problems: [{ description: 'The support was not what we agreed.' }],
		})
		expect((await funderProblems(people.otherStaff.funderId ?? '')).map((p) => p.id)).not.toContain(b.id)
		await refusedWith(resolveAsFunder(people.otherStaff, b.id, { paidPence: 0, note: 'No' }, ended), 'NOT_FOUND')
		const resolved = await resolveAsFunder(
			people.staff,
			b.id,
			{ paidPence: 0, note: 'The session did not happen as agreed.' },
			ended,
		)
		expect(resolved.status).toBe('RESOLVED')
		expect(await db.prisma.ledgerTransfer.count({ where: { bookingId: b.id, phase: 'VOID_PENDING' } })).toBe(1)
	})
})

describe('no double booking', () => {
	it('gives a contested time to exactly one of many simultaneous requests', async () => {
		const date = addLocalDays(day, 11)
		const holders = await Promise.all(
			Array.from({ length: 6 }, async (_, i) => {
				const h = await createHolder(db.prisma, { funderId: ids.funder, displayName: `Racer ${i}` })
				await allocateOnce({
					funderId: ids.funder,
					holderId: h.holder.id,
					staffUserId: people.staff.id,
					amountEach: 10_000,
				})
				return { holderId: h.holder.id, user: sessionUser(h.user!) }
			}),
		)
		const results = await Promise.allSettled(
			holders.map((h, i) =>
				requestBooking(
					h.user,
					request({ holderId: h.holderId, date, startMinute: 9 * 60 + (i % 2) * 60, minutes: 120, budgetLineId: null }),
					realNow,
				),
			),
		)
		const won = results.filter((r) => r.status === 'fulfilled')
		expect(won).toHaveLength(1)
		for (const r of results) {
			if (r.status === 'rejected') {
				expect(isBookingError(r.reason, 'UNAVAILABLE'), String(r.reason)).toBe(true)
				expect((r.reason as Error).message).toMatch(/already booked|just booked/)
			}
		}
		expect(
			await db.prisma.booking.count({
				where: { providerId: ids.amina, startsAt: { gte: at(date, '00:00'), lt: at(addLocalDays(date, 1), '00:00') } },
			}),
		).toBe(1)
	})

	it('is enforced by the database itself, not only by the code', async () => {
		const date = addLocalDays(day, 12)
		const { bookings } = await requestBooking(people.sam, request({ date }), realNow)
		const b = bookings[0]!
		const { id: _id, idempotencyKey: _key, ...copy } = b
		await expect(
			db.prisma.booking.create({
				data: { ...copy, idempotencyKey: randomUUID(), startsAt: at(date, '11:00'), endsAt: at(date, '13:00') },
			}),
		).rejects.toThrow(/booking_one_to_one_no_overlap|23P01|exclusion/)
	})

	it('lets a group session fill up to its size, then says it is full', async () => {
		const date = addLocalDays(day, 13)
		const yoga = (holderId: string) =>
			request({ serviceId: ids.yoga, holderId, date, startMinute: 17 * 60, minutes: null, budgetLineId: null })
		await requestBooking(people.sam, yoga(ids.sam), realNow)
		const others = await Promise.all(
			[0, 1].map(async (i) => {
				const h = await createHolder(db.prisma, { funderId: ids.funder, displayName: `Yogi ${i}` })
				await allocateOnce({
					funderId: ids.funder,
					holderId: h.holder.id,
					staffUserId: people.staff.id,
					amountEach: 5_000,
				})
				return { holderId: h.holder.id, user: sessionUser(h.user!) }
			}),
		)
		// The same person twice in one class is a resubmitted form, not a second place.
		const twice = await refusedWith(requestBooking(people.sam, yoga(ids.sam), realNow), 'UNAVAILABLE')
		expect(twice).toMatch(/^Sam Taylor already has a place at the session on /)
		await requestBooking(others[0]!.user, yoga(others[0]!.holderId), realNow)
		const full = await refusedWith(requestBooking(others[1]!.user, yoga(others[1]!.holderId), realNow), 'UNAVAILABLE')
		expect(full).toMatch(/is full \(2 people\)/)
		// One-to-one support cannot overlap the class.
		await refusedWith(
			requestBooking(people.sam, request({ date, startMinute: 16 * 60 + 30, minutes: 60 }), realNow),
			'UNAVAILABLE',
		)
	})
})

describe('who may see and change a booking', () => {
	it('hides a booking from strangers and refuses changes by people without the right, changing nothing', async () => {
		const { bookings } = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 16), startMinute: 9 * 60 }),
			realNow,
		)
		const id = bookings[0]!.id
		await refusedWith(getBookingPage(people.stranger, id, realNow), 'NOT_FOUND')
		await refusedWith(getBookingPage(people.otherStaff, id, realNow), 'NOT_FOUND')
		await refusedWith(acceptBooking(people.stranger, id, realNow), 'NOT_FOUND')
		await refusedWith(acceptBooking(people.sam, id, realNow), 'FORBIDDEN')
		await refusedWith(cancelBooking(people.viewer, id, null, realNow), 'FORBIDDEN')
		await refusedWith(
			postMessage(people.stranger, id, { body: 'Hello', idempotencyKey: randomUUID() }, realNow),
			'NOT_FOUND',
		)
		await refusedWith(
			postMessage(people.staff, id, { body: 'Hello', idempotencyKey: randomUUID() }, realNow),
			'FORBIDDEN',
		)
		expect(await db.prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REQUESTED' })
		expect(await db.prisma.bookingMessage.count({ where: { bookingId: id } })).toBe(0)

		const viewerPage = await getBookingPage(people.viewer, id, realNow)
		expect(viewerPage?.actions).toEqual(['message'])
		const providerPage = await getBookingPage(people.amina, id, realNow)
		expect(providerPage?.actions.sort()).toEqual(['accept', 'decline', 'message'])
		const staffPage = await getBookingPage(people.staff, id, realNow)
		expect(staffPage?.messages).toBeNull()
	})

	it('keeps delegates without a booking right, and removed ones, out of the booking and its news', async () => {
		const reviewer = await world.person({ roles: ['REPRESENTATIVE'], name: 'Reviews Only' })
		const leaving = await world.person({ roles: ['BROKER'], name: 'Leaving Broker' })
		await db.prisma.delegation.create({
			data: { holderId: ids.sam, delegateId: reviewer.id, kind: 'REPRESENTATIVE', rights: ['REVIEW'] },
		})
		const leavingDelegation = await db.prisma.delegation.create({
			data: { holderId: ids.sam, delegateId: leaving.id, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
		})
		const { bookings } = await requestBooking(
			leaving,
			request({ date: addLocalDays(day, 17), startMinute: 9 * 60 }),
			realNow,
		)
		const id = bookings[0]!.id
		await refusedWith(getBookingPage(reviewer, id, realNow), 'NOT_FOUND')
		await db.prisma.delegation.update({ where: { id: leavingDelegation.id }, data: { revokedAt: new Date() } })
		await refusedWith(getBookingPage(leaving, id, realNow), 'NOT_FOUND')
		await acceptBooking(people.amina, id, realNow)
		await postMessage(people.amina, id, { body: 'The door code is 1234.', idempotencyKey: randomUUID() }, realNow)
		for (const outsider of [reviewer, leaving]) {
			expect(
				await db.prisma.notification.count({ where: { userId: outsider.id, link: { startsWith: `/bookings/${id}` } } }),
			).toBe(0)
		}
		expect(
			await db.prisma.notification.count({ where: { userId: people.sam.id, link: `/bookings/${id}#messages` } }),
		).toBe(1)
	})

	it('records an accepted booking against the new plan when the plan was replaced after the request', async () => {
		const { bookings } = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 17), startMinute: 13 * 60 }),
			realNow,
		)
		expect(bookings[0]!.budgetLineId).toBe(ids.line)
		const newPlan = await db.prisma.supportPlan.create({
			data: {
				holderId: ids.sam,
				funderId: ids.funder,
				status: 'AGREED',
				outcomes: 'The reviewed plan.',
				startsOn: new Date(),
				agreedAt: new Date(),
				lines: { create: [{ name: 'Care at home', categorySlug: 'personal-care', amountPence: 500_000 }] },
			},
			include: { lines: true },
		})
		await db.prisma.supportPlan.update({ where: { id: ids.plan }, data: { status: 'ENDED' } })
		const accepted = await acceptBooking(people.amina, bookings[0]!.id, realNow)
		expect(accepted).toMatchObject({ status: 'ACCEPTED', budgetLineId: newPlan.lines[0]!.id })
		const hold = await db.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: accepted.holdTransferId! } })
		expect(hold.budgetLineId).toBe(newPlan.lines[0]!.id)
	})

	it('stores a message sent twice once, and tells the other side', async () => {
		const { bookings } = await requestBooking(
			people.sam,
			request({ date: addLocalDays(day, 16), startMinute: 13 * 60 }),
			realNow,
		)
		const key = randomUUID()
		await postMessage(people.sam, bookings[0]!.id, { body: 'Is parking easy?', idempotencyKey: key }, realNow)
		await postMessage(people.sam, bookings[0]!.id, { body: 'Is parking easy?', idempotencyKey: key }, realNow)
		await postMessage(
			people.amina,
			bookings[0]!.id,
			{ body: 'Yes, on the street.', idempotencyKey: randomUUID() },
			realNow,
		)
		const page = await getBookingPage(people.broker, bookings[0]!.id, realNow)
		expect(page?.messages?.map((m) => [m.author.name, m.body])).toEqual([
			['Sam Taylor', 'Is parking easy?'],
			['Amina Shah', 'Yes, on the street.'],
		])
		expect(
			await db.prisma.notification.count({ where: { userId: people.amina.id, title: 'New message from Sam Taylor' } }),
		).toBe(1)
	})
})
