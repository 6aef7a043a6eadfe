/**
 * Representatives recorded by a funder (issue 10, ADR 025), through the domain on a real database: staff of the
 * holder's own funder record a representative (an account by its email, or an invitation) with the rights the plan
 * allows and a reason; both sides see it; the representative then books for the holder, who is told; changing and
 * withdrawing work at once; every step is on the holder's trail, written in the same transaction; other funders and
 * the holder's side are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptBooking, confirmBooking, reportProblem, requestBooking } from '#app/domain/bookings/bookings.server.ts'
import { BookingError } from '#app/domain/bookings/errors.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { acceptInvitation, ConsentError, helpersPage } from '#app/domain/people/consent.server.ts'
import {
	changeRepresentative,
	recordRepresentative,
	representativesPage,
	withdrawRepresentative,
} from '#app/domain/people/representatives.server.ts'
import { proposeBooking } from '#app/domain/helping/proposals.server.ts'
import { rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { trailRows } from '#app/domain/people/trail.server.ts'
import { addLocalDays, localDate, shortDayText } from '#app/utils/dates.ts'
import { createFunder, createHolder } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import {
	allocateOnce,
	bookingRequest,
	closeTestDb,
	openWorld,
	refusal,
	sessionUser,
	type World,
} from '#tests/setup/domain.ts'

let db: TestDb
let world: World
const people = {} as Record<'staff' | 'otherStaff' | 'grace' | 'admin' | 'sam' | 'daniel' | 'amina', SessionUser>
const ids = {} as Record<'margaret' | 'sam' | 'noPlan' | 'care', string>
const day = addLocalDays(localDate(new Date()), 7)
const REASON = 'Margaret has dementia and asked for her daughter to manage her budget.'

/** One hour of Amina's care for this holder, from `startHour` o'clock on `date`. */
const hourOfCare = (holderId: string, date: string, startHour: number) =>
	bookingRequest({ serviceId: ids.care, holderId, date, startMinute: startHour * 60, minutes: 60 })

async function refused(promise: Promise<unknown>) {
	const { code, status } = await refusal(promise, ConsentError, BookingError)
	return { code, status }
}

async function counts() {
	const p = db.prisma
	return [
		await p.delegation.count(),
		await p.auditLog.count(),
		await p.helperInvite.count(),
		await p.notification.count(),
	]
}

beforeAll(async () => {
	world = await openWorld({}, { name: 'Priya Patel' })
	db = world.db
	const p = db.prisma
	const otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	people.staff = world.staff
	people.otherStaff = await world.person({ roles: ['FUNDER_STAFF'], funderId: otherFunder })
	people.admin = await world.person({ roles: ['ADMIN'] })
	people.grace = await world.person({ roles: ['HOLDER'], name: 'Grace Okafor', email: 'grace@example.test' })
	people.daniel = await world.person({ roles: ['BROKER'], name: 'Daniel Price' })
	const margaret = await createHolder(p, {
		funderId: world.funderId,
		displayName: 'Margaret Okafor',
		user: null,
		plan: { lines: [{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 600_000 }] },
	})
	ids.margaret = margaret.holder.id
	const sam = await world.fundedHolder({ planPence: null })
	ids.sam = sam.id
	people.sam = sam.person
	ids.noPlan = (await createHolder(p, { funderId: world.funderId, displayName: 'Nell Noplan' })).holder.id
	const amina = await world.amina()
	ids.care = amina.service.id
	people.amina = amina.person
	await allocateOnce({
		funderId: world.funderId,
		holderId: ids.margaret,
		staffUserId: people.staff.id,
		amountEach: 100_000,
	})
	await allocateOnce({ funderId: world.funderId, holderId: ids.sam, staffUserId: people.staff.id, amountEach: 100_000 })
})

afterAll(() => closeTestDb(db))

describe('a funder records a representative', () => {
	it('gives an existing account the rights at once, with the reason, and both sides see who recorded it', async () => {
		const done = await recordRepresentative(people.staff, ids.margaret, {
			email: 'Grace@Example.test',
			rights: ['BOOK', 'PAY'],
			reason: REASON,
		})
		expect(done.recorded).toBe('now')
		const d = await db.prisma.delegation.findUniqueOrThrow({ where: { id: done.delegationId! } })
		expect(d).toMatchObject({
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY'],
			recordedById: people.staff.id,
			consentNote: REASON,
		})
		expect([...(await rightsOverHolder(people.grace, ids.margaret))].sort()).toEqual(['BOOK', 'PAY', 'VIEW'])
		const page = await representativesPage(people.staff, ids.margaret)
		expect(page.delegations.map((x) => [x.delegate.name, x.recordedBy?.name, x.consentNote])).toEqual([
			['Grace Okafor', 'Priya Patel', REASON],
		])
		const told = await db.prisma.notification.findFirstOrThrow({ where: { userId: people.grace.id } })
		expect(told.title).toBe('Leicester City Council recorded you as Margaret Okafor’s representative')
		const { rows } = await trailRows(people.staff, ids.margaret)
		expect(rows[0]!.sentence).toBe(
			`Priya Patel (funder staff) recorded Grace Okafor as Margaret Okafor’s representative, to see their money and bookings and suggest support, book and cancel support and confirm sessions and pay, because: ${REASON}`,
		)
	})

	it('lets the representative book for the holder, telling the provider who booked for whom', async () => {
		const { bookings } = await requestBooking(people.grace, hourOfCare(ids.margaret, day, 10))
		const provider = await db.prisma.notification.findFirstOrThrow({
			where: { link: `/bookings/${bookings[0]!.id}`, title: { startsWith: 'New booking request' } },
		})
		expect(provider.body).toMatch(/^Grace Okafor \(carer or representative\) asked for .* for Margaret Okafor/)
		const { rows } = await trailRows(people.staff, ids.margaret)
		expect(rows[0]!.sentence).toMatch(/^Grace Okafor \(carer or representative\) booked 1 hour with Amina Shah for/)
	})

	it('shows the holder who recorded a representative for them, and why', async () => {
		await recordRepresentative(people.staff, ids.sam, { email: people.daniel.email, rights: ['VIEW'], reason: REASON })
		const page = await helpersPage(people.sam, ids.sam)
		const daniel = page.helpers.find((h) => h.delegate.name === 'Daniel Price')!
		expect(daniel.recordedBy?.funder?.name).toBe('Leicester City Council')
		expect(daniel.consentNote).toBe(REASON)
	})

	it('invites someone without an account; accepting records them as the funder’s, with the reason', async () => {
		const done = await recordRepresentative(people.staff, ids.noPlan, {
			email: 'new.rep@example.test',
			rights: ['PLAN'],
			reason: 'Nell cannot read letters and asked her neighbour to help plan.',
		})
		expect(done.recorded).toBe('invited')
		const email = await db.prisma.emailOutbox.findFirstOrThrow({ where: { to: 'new.rep@example.test' } })
		expect(email.body).toContain(`/helpers/accept/${done.token}`)
		const rep = await world.person({ roles: [], email: 'new.rep@example.test' })
		const { delegationId } = await acceptInvitation(rep, done.token!)
		const d = await db.prisma.delegation.findUniqueOrThrow({ where: { id: delegationId } })
		expect(d.recordedById).toBe(people.staff.id)
		expect(d.consentNote).toBe('Nell cannot read letters and asked her neighbour to help plan.')
		expect(d.rights).toEqual(['VIEW', 'PLAN'])
	})

	it('offers only seeing and planning without an agreed plan', async () => {
		const before = await counts()
		expect(
			await refused(
				recordRepresentative(people.staff, ids.noPlan, { email: 'x@example.test', rights: ['BOOK'], reason: REASON }),
			),
		).toEqual({ code: 'INVALID', status: 400 })
		expect(await counts()).toEqual(before)
	})

	it('refuses other funders’ staff (404), the holder’s side and admins (403), changing nothing', async () => {
		const before = await counts()
		const input = { email: 'someone@example.test', rights: ['VIEW' as const], reason: REASON }
		expect(await refused(recordRepresentative(people.otherStaff, ids.margaret, input))).toEqual({
			code: 'NOT_FOUND',
			status: 404,
		})
		expect((await refused(recordRepresentative(people.grace, ids.margaret, input))).status).toBe(403)
		expect((await refused(recordRepresentative(people.admin, ids.margaret, input))).status).toBe(403)
		expect((await refused(representativesPage(people.otherStaff, ids.margaret))).status).toBe(404)
		expect(await counts()).toEqual(before)
	})
})

describe('changing and withdrawing', () => {
	it('changes the rights on the very next request, and withdrawing ends them, each on the trail', async () => {
		const grace = await db.prisma.delegation.findFirstOrThrow({
			where: { holderId: ids.margaret, delegateId: people.grace.id },
		})
		await changeRepresentative(people.staff, ids.margaret, grace.id, {
			rights: ['VIEW'],
			reason: 'Grace asked to stop booking for a while.',
		})
		expect([...(await rightsOverHolder(people.grace, ids.margaret))]).toEqual(['VIEW'])
		expect(await refused(requestBooking(people.grace, hourOfCare(ids.margaret, day, 14)))).toMatchObject({
			code: 'FORBIDDEN',
		})
		await withdrawRepresentative(people.staff, ids.margaret, grace.id)
		expect((await rightsOverHolder(people.grace, ids.margaret)).size).toBe(0)
		const { rows } = await trailRows(people.staff, ids.margaret)
		expect(rows.slice(0, 2).map((r) => r.sentence)).toEqual([
			'Priya Patel (funder staff) withdrew every right Grace Okafor had to act for Margaret Okafor',
			'Priya Patel (funder staff) changed what Grace Okafor can do: now see their money and bookings and suggest support',
		])
	})

	it('ends the suggestions a representative left waiting when the funder withdraws them, as a holder’s withdrawal does', async () => {
		// Daniel was recorded for Sam with VIEW (above): seeing only, he may suggest a booking, which waits for Sam.
		const daniel = await db.prisma.delegation.findFirstOrThrow({
			where: { holderId: ids.sam, delegateId: people.daniel.id, recordedById: { not: null }, revokedAt: null },
		})
		const { proposalId } = await proposeBooking(people.daniel, hourOfCare(ids.sam, addLocalDays(day, 1), 15))
		expect((await db.prisma.bookingProposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('WAITING')
		await withdrawRepresentative(people.staff, ids.sam, daniel.id)
		expect(await db.prisma.bookingProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
			status: 'WITHDRAWN',
		})
	})

	it('leaves the holder’s own choices to the holder: the funder cannot change a helper the holder invited', async () => {
		const own = await db.prisma.delegation.create({
			data: { holderId: ids.sam, delegateId: people.grace.id, kind: 'REPRESENTATIVE', rights: ['VIEW'] },
		})
		expect(await refused(withdrawRepresentative(people.staff, ids.sam, own.id))).toEqual({
			code: 'NOT_FOUND',
			status: 404,
		})
		expect((await db.prisma.delegation.findUniqueOrThrow({ where: { id: own.id } })).revokedAt).toBeNull()
	})
})

describe('the holder is told of each action done in their name', () => {
	it('tells the holder when a representative confirms a session and pays for it', async () => {
		const rep = await world.person({ roles: ['REPRESENTATIVE'], name: 'Pat Payer' })
		await recordRepresentative(people.staff, ids.sam, { email: rep.email, rights: ['PAY'], reason: REASON })
		const { bookings } = await requestBooking(people.sam, hourOfCare(ids.sam, day, 17))
		const accepted = await acceptBooking(people.amina, bookings[0]!.id)
		await confirmBooking(rep, accepted.id, new Date(accepted.endsAt.getTime() + 3_600_000))
		const told = await db.prisma.notification.findMany({
			where: { userId: people.sam.id, link: `/bookings/${accepted.id}` },
		})
		expect(told.map((n) => n.title)).toContain(`Pat Payer confirmed the session on ${shortDayText(accepted.startsAt)}`)
		const { rows } = await trailRows(people.sam, ids.sam)
		expect(rows[0]!.sentence).toMatch(/^Pat Payer \(carer or representative\) confirmed the session with Amina Shah/)
	})

	it('tells the holder when a representative reports a problem with a session', async () => {
		const rep = await db.prisma.user.findFirstOrThrow({ where: { name: 'Pat Payer' } })
		const { bookings } = await requestBooking(people.sam, hourOfCare(ids.sam, day, 19))
		const accepted = await acceptBooking(people.amina, bookings[0]!.id)
		const during = new Date(accepted.startsAt.getTime() + 30 * 60_000)
		await reportProblem(sessionUser(rep), accepted.id, 'Nobody came to the door at all.', during)
		const told = await db.prisma.notification.findMany({
			where: { userId: people.sam.id, link: `/bookings/${accepted.id}` },
		})
		expect(told.map((n) => n.title)).toContain(
			`A problem was reported with the session on ${shortDayText(accepted.startsAt)}`,
		)
	})
})
