/**
 * Consent and the trail (issue 10, ADR 020), through the domain on a real database: a holder invites someone by
 * email, the invitee accepts once with the link (only them, only before it expires), the holder changes and
 * withdraws rights with effect on the very next request, a helper books within the limits set, and everything done
 * in the holder's name is on their trail as plain sentences, with the holder told when someone else books or cancels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cancelBooking, requestBooking, type BookingRequestInput } from '#app/domain/bookings/bookings.server.ts'
import { BookingError } from '#app/domain/bookings/errors.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { overLimit } from '#app/domain/people/consent.ts'
import {
	acceptInvitation,
	cancelInvitation,
	changeHelper,
	ConsentError,
	helpersPage,
	invitationFor,
	inviteHelper,
	withdrawHelper,
} from '#app/domain/people/consent.server.ts'
import { requireHolderRight, rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { trailRows } from '#app/domain/people/trail.server.ts'
import { durationWords, trailSentence } from '#app/domain/people/trail.ts'
import { addLocalDays, localDate, localInstant } from '#app/utils/dates.ts'
import { createFunder, createHolder } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { bookingRequest, closeTestDb, openWorld, refusal, sessionUser } from '#tests/setup/domain.ts'

let db: TestDb
const people = {} as Record<'sam' | 'daniel' | 'stranger' | 'staff' | 'otherStaff' | 'rita', SessionUser>
const ids = {} as Record<'sam' | 'care' | 'rita', string>
const DAY = 86_400_000
const day = addLocalDays(localDate(new Date()), 7)

const refused = (promise: Promise<unknown>) => refusal(promise, ConsentError, BookingError)

const booking = (overrides: Partial<BookingRequestInput> = {}) =>
	bookingRequest({ serviceId: ids.care, holderId: ids.sam, date: day, ...overrides })

const terms = { perBooking: null, perMonth: null, endsOn: null }

/** Sam invites an address and it is accepted by `who`; returns the delegation's id. */
async function invited(email: string, who: SessionUser, extra: Partial<Parameters<typeof inviteHelper>[2]> = {}) {
	const { token } = await inviteHelper(people.sam, ids.sam, {
		email,
		kind: 'BROKER',
		rights: ['VIEW', 'BOOK'],
		...terms,
		...extra,
	})
	return (await acceptInvitation(who, token)).delegationId
}

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	const p = db.prisma
	const otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	people.staff = world.staff
	people.otherStaff = await world.person({ roles: ['FUNDER_STAFF'], funderId: otherFunder })
	people.daniel = await world.person({ roles: ['HOLDER'], name: 'Daniel Price', email: 'daniel@example.test' })
	people.stranger = await world.person({
		roles: ['REPRESENTATIVE'],
		name: 'A Stranger',
		email: 'stranger@example.test',
	})
	const sam = await world.fundedHolder({ planPence: 600_000, fundedPence: 100_000 })
	ids.sam = sam.id
	people.sam = sam.person
	const rita = await createHolder(p, { funderId: otherFunder, displayName: 'Rita Jones' })
	ids.rita = rita.holder.id
	people.rita = sessionUser(rita.user!)
	ids.care = (
		await world.amina({ service: { pricePence: 1_500, priceUnit: 'PER_HOUR', title: 'Personal care at home' } })
	).service.id
})

afterAll(() => closeTestDb(db))

describe('inviting and accepting', () => {
	it('emails a single-use link that only the invited person can accept, giving exactly the rights chosen', async () => {
		const { token, link } = await inviteHelper(people.sam, ids.sam, {
			email: 'Daniel@Example.test',
			kind: 'BROKER',
			rights: ['BOOK'],
			perBooking: 5_000,
			perMonth: null,
			endsOn: null,
		})
		expect(link).toMatch(new RegExp(`/helpers/accept/${token}$`))
		const email = await db.prisma.emailOutbox.findFirstOrThrow({
			where: { to: 'daniel@example.test' },
			orderBy: { createdAt: 'desc' },
		})
		expect(email.subject).toBe('Sam Taylor asks you to help them on Budget Market')
		expect(email.body).toContain(link)
		expect(email.body).toContain('see their money and bookings and suggest support and book and cancel support')
		// Only the hash of the secret is kept.
		expect(await db.prisma.helperInvite.count({ where: { tokenHash: token } })).toBe(0)

		// Before accepting, Daniel has no rights; a stranger with the link sees nothing of it and cannot accept.
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set())
		expect(await invitationFor(people.stranger, token)).toEqual({ forYou: false })
		expect(await refused(acceptInvitation(people.stranger, token))).toMatchObject({ code: 'FORBIDDEN', status: 403 })
		expect(await rightsOverHolder(people.stranger, ids.sam)).toEqual(new Set())

		expect(await invitationFor(people.daniel, token)).toMatchObject({
			forYou: true,
			holderName: 'Sam Taylor',
			rights: ['VIEW', 'BOOK'],
			perBookingLimitPence: 5_000,
		})
		const { holderId } = await acceptInvitation(people.daniel, token)
		expect(holderId).toBe(ids.sam)
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW', 'BOOK']))
		const daniel = await db.prisma.user.findUniqueOrThrow({ where: { id: people.daniel.id } })
		expect(daniel.roles).toEqual(['HOLDER', 'BROKER'])
		people.daniel = sessionUser(daniel)

		// Used once: the same link is refused, and its page is gone.
		expect(await refused(acceptInvitation(people.daniel, token))).toMatchObject({ code: 'WRONG_STATE' })
		expect(await invitationFor(people.daniel, token)).toBeNull()
		// Sam is told.
		const told = await db.prisma.notification.findFirst({
			where: { userId: people.sam.id, title: 'Daniel Price accepted your invitation' },
		})
		expect(told).not.toBeNull()
	})

	it('refuses an expired link and a withdrawn one, and a made-up one', async () => {
		const now = new Date()
		const { token } = await inviteHelper(
			people.sam,
			ids.sam,
			{ email: 'stranger@example.test', kind: 'REPRESENTATIVE', rights: ['VIEW'], ...terms },
			now,
		)
		const later = new Date(now.getTime() + 8 * DAY)
		expect(await invitationFor(people.stranger, token, later)).toBeNull()
		expect(await refused(acceptInvitation(people.stranger, token, later))).toMatchObject({
			code: 'WRONG_STATE',
			message: 'This invitation has expired. Ask for a new one.',
		})
		const second = await inviteHelper(people.sam, ids.sam, {
			email: 'stranger@example.test',
			kind: 'REPRESENTATIVE',
			rights: ['VIEW'],
			...terms,
		})
		await cancelInvitation(people.sam, ids.sam, second.inviteId)
		expect(await refused(acceptInvitation(people.stranger, second.token))).toMatchObject({ code: 'WRONG_STATE' })
		expect(await refused(acceptInvitation(people.stranger, 'made-up-token'))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await rightsOverHolder(people.stranger, ids.sam)).toEqual(new Set())
	})

	it('lets only the holder invite: a helper, funder staff and another holder are refused, and nothing is written', async () => {
		const before = await db.prisma.helperInvite.count()
		const input = { email: 'x@example.test', kind: 'BROKER' as const, rights: ['VIEW' as const], ...terms }
		expect(await refused(inviteHelper(people.daniel, ids.sam, input))).toMatchObject({ status: 403 })
		expect(await refused(inviteHelper(people.staff, ids.sam, input))).toMatchObject({ status: 403 })
		expect(await refused(inviteHelper(people.rita, ids.sam, input))).toMatchObject({ status: 404 })
		expect(await refused(inviteHelper(people.sam, ids.sam, { ...input, email: people.sam.email }))).toMatchObject({
			code: 'INVALID',
		})
		expect(await db.prisma.helperInvite.count()).toBe(before)
	})
})

describe('changing and withdrawing', () => {
	it('applies a change and a withdrawal on the helper’s very next request', async () => {
		const delegationId = (await helpersPage(people.sam, ids.sam)).helpers.find(
			(h) => h.delegate.email === 'daniel@example.test',
		)!.id
		// Daniel can book now.
		await requireHolderRight(people.daniel, ids.sam, 'BOOK')
		await changeHelper(people.sam, ids.sam, delegationId, { rights: ['VIEW'], ...terms })
		// The very next request: no right to book, refused by the booking domain too, and nothing sent.
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW']))
		const bookingsBefore = await db.prisma.booking.count()
		expect(await refused(requestBooking(people.daniel, booking()))).toMatchObject({ code: 'FORBIDDEN' })
		expect(await db.prisma.booking.count()).toBe(bookingsBefore)

		await changeHelper(people.sam, ids.sam, delegationId, { rights: ['BOOK'], ...terms })
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW', 'BOOK']))

		await withdrawHelper(people.sam, ids.sam, delegationId)
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set())
		await expect(requireHolderRight(people.daniel, ids.sam, 'VIEW')).rejects.toMatchObject({ status: 404 })
		expect(await refused(requestBooking(people.daniel, booking()))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await db.prisma.booking.count()).toBe(bookingsBefore)
		// Withdrawn people are off the holder's list, and are told.
		expect((await helpersPage(people.sam, ids.sam)).helpers.map((h) => h.id)).not.toContain(delegationId)
		expect(
			await db.prisma.notification.count({
				where: { userId: people.daniel.id, title: 'Sam Taylor has withdrawn your rights' },
			}),
		).toBe(1)
	})

	it('gives a withdrawn helper their rights back only through a new invitation', async () => {
		const delegationId = await invited('daniel@example.test', people.daniel)
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW', 'BOOK']))
		await withdrawHelper(people.sam, ids.sam, delegationId)
		expect(
			await refused(changeHelper(people.sam, ids.sam, delegationId, { rights: ['BOOK'], ...terms })),
		).toMatchObject({ code: 'WRONG_STATE' })
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set())
	})

	it('lets nobody but the holder change or withdraw', async () => {
		const delegationId = await invited('daniel@example.test', people.daniel)
		expect(await refused(withdrawHelper(people.daniel, ids.sam, delegationId))).toMatchObject({ status: 403 })
		expect(await refused(withdrawHelper(people.rita, ids.sam, delegationId))).toMatchObject({ status: 404 })
		expect(
			await refused(changeHelper(people.staff, ids.sam, delegationId, { rights: ['VIEW', 'PAY'], ...terms })),
		).toMatchObject({ status: 403 })
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW', 'BOOK']))
		await withdrawHelper(people.sam, ids.sam, delegationId)
	})

	it('ends a helper’s rights after the end date the holder chose', async () => {
		const endsOn = addLocalDays(localDate(new Date()), 3)
		await invited('daniel@example.test', people.daniel, { endsOn })
		expect(await rightsOverHolder(people.daniel, ids.sam)).toEqual(new Set(['VIEW', 'BOOK']))
		const dayAfter = localInstant(addLocalDays(endsOn, 1), 60)
		expect(await rightsOverHolder(people.daniel, ids.sam, dayAfter)).toEqual(new Set())
		const d = (await helpersPage(people.sam, ids.sam)).helpers.find((h) => h.delegate.email === 'daniel@example.test')!
		expect(d.endsOn).toBe(endsOn)
		await withdrawHelper(people.sam, ids.sam, d.id)
	})
})

describe('spending limits', () => {
	it('refuses a booking above the per-booking limit and above what is left of the monthly limit', async () => {
		// £15 an hour: 2 hours is £30.00.
		const delegationId = await invited('daniel@example.test', people.daniel, { perBooking: 2_500, perMonth: 5_000 })
		const over = await refused(requestBooking(people.daniel, booking()))
		expect(over).toMatchObject({ code: 'FORBIDDEN' })
		expect(over.message).toContain('up to £25.00 on one booking')
		// 1 hour (£15) is within both; a second and third hour-long booking reach the £50 month.
		await requestBooking(people.daniel, booking({ minutes: 60 }))
		await requestBooking(people.daniel, booking({ minutes: 60, startMinute: 12 * 60 }))
		await requestBooking(people.daniel, booking({ minutes: 60, startMinute: 14 * 60 }))
		const month = await refused(requestBooking(people.daniel, booking({ minutes: 60, startMinute: 16 * 60 })))
		expect(month.message).toContain('£5.00 of it is left this month')
		// The holder has no limits.
		await requestBooking(people.sam, booking({ minutes: 180, startMinute: 16 * 60 }))
		await changeHelper(people.sam, ids.sam, delegationId, { rights: ['BOOK'], ...terms })
		await requestBooking(people.daniel, booking({ minutes: 60, date: addLocalDays(day, 1) }))
		await withdrawHelper(people.sam, ids.sam, delegationId)
	})

	it('words the limits', () => {
		const limits = { perBookingLimitPence: 10_000, perMonthLimitPence: 20_000 }
		expect(overLimit(limits, 10_000, 0, 'GBP', 'Sam')).toBeNull()
		expect(overLimit(limits, 10_001, 0, 'GBP', 'Sam')).toContain('up to £100.00 on one booking')
		expect(overLimit(limits, 5_000, 16_000, 'GBP', 'Sam')).toContain('£40.00 of it is left this month')
		expect(overLimit({ perBookingLimitPence: null, perMonthLimitPence: null }, 1e9, 1e9, 'GBP', 'Sam')).toBeNull()
	})
})

describe('the trail', () => {
	it('tells the holder in plain sentences who did what in their name, and notifies them of a helper’s booking', async () => {
		await invited('daniel@example.test', people.daniel)
		const { bookings } = await requestBooking(people.daniel, booking({ date: addLocalDays(day, 2) }))
		const told = await db.prisma.notification.findFirst({
			where: { userId: people.sam.id, link: `/bookings/${bookings[0]!.id}` },
		})
		expect(told?.title).toBe('Daniel Price booked Amina Shah for Sam Taylor')
		// The provider is told who actually booked, for whom.
		const provider = await db.prisma.notification.findFirstOrThrow({
			where: { link: `/bookings/${bookings[0]!.id}`, title: 'New booking request from Sam Taylor' },
		})
		expect(provider.body).toContain('Daniel Price (broker) asked for “Personal care at home” for Sam Taylor')

		await cancelBooking(people.daniel, bookings[0]!.id, 'Sam is away')
		expect(
			await db.prisma.notification.count({ where: { userId: people.sam.id, link: `/bookings/${bookings[0]!.id}` } }),
		).toBe(2)

		const { rows } = await trailRows(people.sam, ids.sam)
		const sentences = rows.map((r) => r.sentence)
		const onDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' }).format(
			localInstant(addLocalDays(day, 2), 600),
		)
		expect(sentences[0]).toBe(`Daniel Price (broker) cancelled the booking with Amina Shah on ${onDay} for you`)
		expect(sentences[1]).toBe(`Daniel Price (broker) booked 2 hours with Amina Shah for you on ${onDay}`)
		expect(rows[1]!.right).toBe('book and cancel support')
		expect(sentences).toContain(
			'Daniel Price (broker) accepted the invitation and can now see your money and bookings and suggest support and book and cancel support for you',
		)
		expect(sentences).toContain('You withdrew every right Daniel Price had to act for you')
		expect(sentences).toContain(
			'You changed what Daniel Price can do: now see your money and bookings and suggest support',
		)
		expect(sentences.some((s) => s.startsWith('You invited daniel@example.test to '))).toBe(true)
		// The holder's own booking reads as theirs.
		expect(sentences).toContain(
			`You booked 3 hours with Amina Shah for you on ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' }).format(localInstant(day, 600))}`,
		)
	})

	it('is for the holder and their funder’s staff, not for helpers, other funders or other holders', async () => {
		const staffView = await trailRows(people.staff, ids.sam)
		expect(staffView.rows[0]!.sentence).toMatch(/^Daniel Price \(broker\) cancelled the booking .* for Sam Taylor$/)
		await expect(trailRows(people.daniel, ids.sam)).rejects.toMatchObject({ status: 403 })
		await expect(trailRows(people.otherStaff, ids.sam)).rejects.toMatchObject({ status: 404 })
		await expect(trailRows(people.rita, ids.sam)).rejects.toMatchObject({ status: 404 })
	})

	it('words entries it knows and falls back for others', () => {
		expect(durationWords(90)).toBe('1 hour 30 minutes')
		expect(durationWords(45)).toBe('45 minutes')
		expect(
			trailSentence(
				{ action: 'PLEDGED', who: 'Grace Okafor (carer or representative)', detail: { agreedMaxPence: 1_250 } },
				'you',
			),
		).toBe('Grace Okafor (carer or representative) pledged up to £12.50 to a group commission for you')
		expect(trailSentence({ action: 'something-new', who: 'You', detail: {} }, 'you')).toBe('You: something new')
	})
})
