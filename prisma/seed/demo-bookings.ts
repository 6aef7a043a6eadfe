/**
 * Bookings for the demo accounts, so a newcomer signing in sees the product at work: Sam Taylor has a request
 * waiting for Amina Shah's answer, a session booked (its money held), and a session that happened three days ago
 * (confirmed and paid, so Amina has a payout and Sam can still review it); Grace has booked Margaret a seated
 * exercise class. The money goes through the ledger exactly as the app moves it (reserveForSpending, payFromHold),
 * and times come from the providers' real availability.
 */
import { type Busy, freeStarts, nextFreeDays, type ProviderTime } from '#app/domain/bookings/availability.ts'
import { loadProviderTime } from '#app/domain/bookings/bookings.server.ts'
import { bookingTotalPence } from '#app/domain/bookings/pricing.ts'
import { addLocalDays, localDate, localInstant, sessionText, weekdayOf } from '#app/utils/dates.ts'
import { holdDescription, paymentDescription } from '#app/domain/money/descriptions.ts'
import { lineForCategory, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold } from '#app/domain/money/payouts.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { createBookingRecord } from './builders.ts'
import { demoIds } from './demo.ts'

const HOUR = 3_600_000

type Plan = {
	key: string
	holderId: string
	bookedById: string
	serviceId: string
	providerId: string
	minutes: number
}

async function service(prisma: PrismaClient, id: string) {
	return prisma.service.findUnique({
		where: { id },
		select: {
			id: true,
			title: true,
			priceUnit: true,
			pricePence: true,
			categorySlug: true,
			maxGroupSize: true,
			provider: { select: { name: true } },
		},
	})
}

/** The first free start on the `nth` day with free times from today. */
function futureSlot(
	time: ProviderTime,
	svc: { id: string; maxGroupSize: number | null },
	minutes: number,
	now: Date,
	nth: number,
): Date | null {
	const wanted = { id: svc.id, groupSize: svc.maxGroupSize }
	const day = nextFreeDays(time, wanted, addLocalDays(localDate(now), 1), minutes, now, nth + 1)[nth]
	if (!day) return null
	const start = freeStarts(time, wanted, day.date, minutes, now)[0]
	return start === undefined ? null : localInstant(day.date, start)
}

/** The start of the provider's first weekly range that fits, on a day between 2 and 8 days ago. */
function pastSlot(time: ProviderTime, minutes: number, now: Date): Date | null {
	for (let back = 3; back <= 8; back++) {
		const date = addLocalDays(localDate(now), -back)
		const slot = time.slots.find((s) => s.weekday === weekdayOf(date) && s.endMinute - s.startMinute >= minutes)
		if (slot) return localInstant(date, slot.startMinute)
	}
	return null
}

async function book(
	prisma: PrismaClient,
	plan: Plan,
	startsAt: Date,
	status: 'REQUESTED' | 'ACCEPTED' | 'CONFIRMED',
	now: Date,
) {
	const svc = (await service(prisma, plan.serviceId))!
	const total = bookingTotalPence(svc.priceUnit, svc.pricePence, plan.minutes)
	const endsAt = new Date(startsAt.getTime() + plan.minutes * 60_000)
	const id = `booking_demo_${plan.key}`
	const lineId = await lineForCategory(plan.holderId, svc.categorySlug, prisma)
	const booking = await createBookingRecord(prisma, {
		holderId: plan.holderId,
		providerId: plan.providerId,
		serviceId: plan.serviceId,
		bookedById: plan.bookedById,
		status: 'REQUESTED',
		startsAt,
		minutes: plan.minutes,
		totalPence: total,
		overrides: {
			id,
			idempotencyKey: `seed:${id}:1`,
			budgetLineId: lineId,
			deliveredAt: null,
			confirmedAt: null,
			createdAt: new Date(Math.min(now.getTime(), startsAt.getTime()) - 3 * 24 * HOUR),
			events: { create: { actorId: plan.bookedById, kind: 'REQUESTED' } },
		},
	})
	if (status === 'REQUESTED') return booking
	const what = {
		currency: booking.currency,
		providerName: svc.provider.name,
		minutes: svc.priceUnit === 'PER_HOUR' ? plan.minutes : null,
		what: svc.priceUnit === 'PER_HOUR' ? null : `“${svc.title}”`,
		on: startsAt,
	}
	const initiator = {
		userId: plan.bookedById,
		role: plan.bookedById === demoIds.users.holder ? ('HOLDER' as const) : ('REPRESENTATIVE' as const),
	}
	const hold = await reserveForSpending(prisma, {
		holderId: plan.holderId,
		amount: total,
		budgetLineId: lineId,
		idempotencyKey: `booking:${id}:hold`,
		description: holdDescription({ ...what, amount: total }),
		initiator,
		bookingId: id,
	})
	await prisma.booking.update({
		where: { id },
		data: {
			status: 'ACCEPTED',
			holdTransferId: hold.id,
			events: { create: { kind: 'ACCEPTED', actorId: null, detail: `${sessionText(startsAt, endsAt)}` } },
		},
	})
	if (status === 'ACCEPTED') return booking
	await payFromHold(prisma, {
		holdTransferId: hold.id,
		providerId: plan.providerId,
		price: total,
		feeShown: 0,
		idempotencyKey: `booking:${id}`,
		description: paymentDescription({ ...what, amount: total }),
		initiator,
		bookingId: id,
	})
	const confirmedAt = new Date(endsAt.getTime() + 2 * HOUR)
	await prisma.booking.update({
		where: { id },
		data: {
			status: 'CONFIRMED',
			deliveredAt: endsAt,
			confirmedAt,
			events: { create: { kind: 'CONFIRMED', actorId: plan.bookedById } },
		},
	})
	return booking
}

/** Returns how many bookings it made (fewer if a provider has no free time in the next weeks). */
export async function seedDemoBookings(prisma: PrismaClient, now: Date): Promise<number> {
	const pa = demoIds.providers.pa
	const sam = { holderId: demoIds.holders.sam, bookedById: demoIds.users.holder, providerId: pa }
	const paTime = await loadProviderTime(
		prisma,
		pa,
		new Date(now.getTime() - 10 * 24 * HOUR),
		new Date(now.getTime() + 60 * 24 * HOUR),
	)
	let made = 0
	const occupy = (t: ProviderTime, startsAt: Date, minutes: number, serviceId: string, oneToOne: boolean) =>
		t.busy.push({
			startsAt,
			endsAt: new Date(startsAt.getTime() + minutes * 60_000),
			serviceId,
			oneToOne,
		} satisfies Busy)

	// Three days ago: three hours out and about, delivered, confirmed and paid.
	const past = pastSlot(paTime, 180, now)
	if (past) {
		await book(prisma, { ...sam, key: 'sam_out', serviceId: 'svc_demo_pa_2', minutes: 180 }, past, 'CONFIRMED', now)
		made += 1
	}
	// Next: two hours of personal care, accepted (money held); then a request waiting for Amina's answer.
	const care = (await service(prisma, 'svc_demo_pa_1'))!
	const accepted = futureSlot(paTime, care, 120, now, 1)
	if (accepted) {
		await book(prisma, { ...sam, key: 'sam_care', serviceId: care.id, minutes: 120 }, accepted, 'ACCEPTED', now)
		occupy(paTime, accepted, 120, care.id, true)
		made += 1
	}
	const requested = futureSlot(paTime, care, 120, now, 3)
	if (requested) {
		await book(prisma, { ...sam, key: 'sam_request', serviceId: care.id, minutes: 120 }, requested, 'REQUESTED', now)
		await prisma.notification.create({
			data: {
				userId: demoIds.users.provider,
				title: 'New booking request from Sam Taylor',
				body: `Sam Taylor would like “${care.title}” on ${sessionText(requested, new Date(requested.getTime() + 120 * 60_000))}. Accept or decline it.`,
				link: '/bookings/booking_demo_sam_request',
			},
		})
		made += 1
	}
	// Grace booked Margaret next week's seated exercise class.
	const club = await service(prisma, 'svc_demo_club_1')
	if (club) {
		const clubTime = await loadProviderTime(
			prisma,
			demoIds.providers.club,
			now,
			new Date(now.getTime() + 60 * 24 * HOUR),
		)
		const slot = futureSlot(clubTime, club, 60, now, 2)
		if (slot) {
			await book(
				prisma,
				{
					key: 'margaret_exercise',
					holderId: demoIds.holders.margaret,
					bookedById: demoIds.users.carer,
					providerId: demoIds.providers.club,
					serviceId: club.id,
					minutes: 60,
				},
				slot,
				'ACCEPTED',
				now,
			)
			made += 1
		}
	}
	return made
}
