/**
 * Organisations' staff (issue 10, ADR 025), through the domain on a real database: the owner of a user-led
 * organisation invites staff by email (one use, expiry, only that address); booking the organisation's brokerage
 * gives it rights in the same transaction when the holder ticks it; its live staff use those rights and the trail and
 * the provider's notice name the person who acted; removing a staff member or withdrawing the organisation's rights
 * stops them on their very next request.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestBooking } from '#app/domain/bookings/bookings.server.ts'
import { BookingError } from '#app/domain/bookings/errors.ts'
import { postMessage } from '#app/domain/bookings/messages.server.ts'
import { getBookingPage } from '#app/domain/bookings/queries.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { ConsentError, helpersPage, withdrawHelper } from '#app/domain/people/consent.server.ts'
import {
	acceptStaffInvite,
	inviteStaff,
	removeStaff,
	staffInvitationFor,
	staffPage,
} from '#app/domain/people/organisations.server.ts'
import { rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { trailRows } from '#app/domain/people/trail.server.ts'
import { addLocalDays, localDate } from '#app/utils/dates.ts'
import { createProviderWithService, openEveryDay } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { closeTestDb, openWorld, refusal, sessionUser, type World } from '#tests/setup/domain.ts'

let db: TestDb
let world: World
const people = {} as Record<'owner' | 'kiran' | 'stranger' | 'sam' | 'otherOwner', SessionUser>
const ids = {} as Record<'org' | 'brokerage' | 'care' | 'sam', string>
const day = addLocalDays(localDate(new Date()), 7)
const ORG = 'Leicester Centre for Integrated Living'
const DAY = 86_400_000

async function refused(promise: Promise<unknown>) {
	const { code, status } = await refusal(promise, ConsentError, BookingError)
	return { code, status }
}

function booking(user: SessionUser, serviceId: string, startHour: number, extra = {}) {
	return requestBooking(user, {
		serviceId,
		holderId: ids.sam,
		date: day,
		startMinute: startHour * 60,
		minutes: 60,
		weeks: 1,
		note: null,
		idempotencyKey: randomUUID(),
		...extra,
	})
}

beforeAll(async () => {
	world = await openWorld()
	db = world.db
	const p = db.prisma
	const org = await createProviderWithService(p, {
		owner: { name: 'Olu Owner', email: 'org@example.test' },
		provider: { name: ORG, kind: 'USER_LED_ORGANISATION' },
		service: { title: 'Brokerage', categorySlug: 'brokerage-and-planning', priceUnit: 'PER_HOUR', pricePence: 2_000 },
	})
	people.owner = sessionUser(org.owner)
	ids.org = org.provider.id
	ids.brokerage = org.service.id
	const other = await createProviderWithService(p, {
		owner: { name: 'Other Owner' },
		provider: { name: 'Another Organisation', kind: 'USER_LED_ORGANISATION' },
	})
	people.otherOwner = sessionUser(other.owner)
	await openEveryDay(p, org.provider.id, { from: 8 * 60, to: 20 * 60 })
	ids.care = (await world.amina()).service.id
	people.kiran = await world.person({ roles: [], name: 'Kiran Shah', email: 'kiran@example.test' })
	people.stranger = await world.person({ roles: [], email: 'stranger@example.test' })
	const sam = await world.fundedHolder({ planPence: null, fundedPence: 100_000 })
	ids.sam = sam.id
	people.sam = sam.person
})

afterAll(() => closeTestDb(db))

describe('staff invitations', () => {
	let token = ''
	it('emails a link that only the invited address can use, once', async () => {
		const sent = await inviteStaff(people.owner, ids.org, 'Kiran@Example.test')
		token = sent.token
		const email = await db.prisma.emailOutbox.findFirstOrThrow({ where: { to: 'kiran@example.test' } })
		expect(email.body).toContain(`/staff/accept/${token}`)
		expect(await staffInvitationFor(people.stranger, token)).toEqual({ forYou: false })
		expect(await refused(acceptStaffInvite(people.stranger, token))).toEqual({ code: 'FORBIDDEN', status: 403 })
		expect(await staffInvitationFor(people.kiran, token)).toMatchObject({ forYou: true, organisation: ORG })
		await acceptStaffInvite(people.kiran, token)
		expect(await refused(acceptStaffInvite(people.kiran, token))).toEqual({ code: 'WRONG_STATE', status: 409 })
		const [page] = await staffPage(people.owner)
		expect(page!.staff.map((s) => s.user.name)).toEqual(['Kiran Shah'])
	})

	it('does not work after it expires', async () => {
		const { token: late } = await inviteStaff(people.owner, ids.org, 'late@example.test')
		const lateUser = await world.person({ roles: [], email: 'late@example.test' })
		const later = new Date(Date.now() + 8 * DAY)
		expect(await staffInvitationFor(lateUser, late, later)).toBeNull()
		expect(await refused(acceptStaffInvite(lateUser, late, later))).toEqual({ code: 'WRONG_STATE', status: 409 })
	})

	it('lets only the owner manage staff', async () => {
		expect((await refused(inviteStaff(people.otherOwner, ids.org, 'x@example.test'))).status).toBe(404)
		expect((await refused(staffPage(people.kiran))).status).toBe(403)
	})
})

describe('the organisation’s rights, used by its staff', () => {
	it('gives nothing before the holder agrees', async () => {
		expect((await rightsOverHolder(people.kiran, ids.sam)).size).toBe(0)
	})

	it('gives the organisation the rights its brokerage needs in the same step as booking it, when the holder ticks it', async () => {
		await booking(people.sam, ids.brokerage, 9, { giveOrganisationRights: true })
		const given = await db.prisma.delegation.findFirstOrThrow({
			where: { holderId: ids.sam, organisationId: ids.org, viaId: null },
		})
		expect(given.rights).toEqual(['VIEW', 'BOOK', 'PLAN'])
		expect([...(await rightsOverHolder(people.kiran, ids.sam))].sort()).toEqual(['BOOK', 'PLAN', 'VIEW'])
		const page = await helpersPage(people.sam, ids.sam)
		expect(page.helpers.map((h) => h.organisation?.name ?? h.delegate.name)).toEqual([ORG])
		const { rows } = await trailRows(people.sam, ids.sam)
		expect(rows[0]!.sentence).toBe(
			`You gave ${ORG} and its staff the right to see your money and bookings and suggest support, book and cancel support and write and change your plan for you`,
		)
	})

	it('names the staff member who acted, to the provider and on the trail, and tells the holder', async () => {
		const { bookings } = await booking(people.kiran, ids.care, 12)
		const provider = await db.prisma.notification.findFirstOrThrow({
			where: { link: `/bookings/${bookings[0]!.id}`, title: { startsWith: 'New booking request' } },
		})
		expect(provider.body).toMatch(new RegExp(`^Kiran Shah of ${ORG} asked for .* for Sam Taylor`))
		const { rows } = await trailRows(people.sam, ids.sam)
		expect(rows[0]!.sentence).toMatch(new RegExp(`^Kiran Shah of ${ORG} booked 1 hour with Amina Shah for you`))
		const told = await db.prisma.notification.findFirstOrThrow({
			where: { userId: people.sam.id, title: 'Kiran Shah booked Amina Shah for Sam Taylor' },
		})
		expect(told.link).toBe(`/bookings/${bookings[0]!.id}`)
		const page = await getBookingPage(people.sam, bookings[0]!.id)
		expect(page?.booking.bookedBy.name).toBe(`Kiran Shah of ${ORG}`)
		await postMessage(people.kiran, bookings[0]!.id, {
			body: 'Sam likes to start early.',
			idempotencyKey: randomUUID(),
		})
		expect(
			await db.prisma.notification.count({ where: { title: `New message from Kiran Shah of ${ORG}, for Sam Taylor` } }),
		).toBe(1)
	})

	it('stops a removed staff member on their very next request, changing nothing', async () => {
		const staff = await db.prisma.organisationStaff.findFirstOrThrow({ where: { userId: people.kiran.id } })
		await removeStaff(people.owner, ids.org, staff.id)
		expect((await rightsOverHolder(people.kiran, ids.sam)).size).toBe(0)
		const before = await db.prisma.booking.count()
		expect((await refused(booking(people.kiran, ids.care, 15))).code).toBe('NOT_FOUND')
		expect(await db.prisma.booking.count()).toBe(before)
	})

	it('gives a re-invited staff member the organisation’s rights again, until the holder withdraws them', async () => {
		const { token } = await inviteStaff(people.owner, ids.org, 'kiran@example.test')
		await acceptStaffInvite(people.kiran, token)
		expect((await rightsOverHolder(people.kiran, ids.sam)).has('BOOK')).toBe(true)
		const given = await db.prisma.delegation.findFirstOrThrow({
			where: { holderId: ids.sam, organisationId: ids.org, viaId: null },
		})
		await withdrawHelper(people.sam, ids.sam, given.id)
		expect((await rightsOverHolder(people.kiran, ids.sam)).size).toBe(0)
		expect((await rightsOverHolder(people.owner, ids.sam)).size).toBe(0)
		const { rows } = await trailRows(people.sam, ids.sam)
		expect(rows[0]!.sentence).toBe(`You withdrew every right ${ORG} had to act for you`)
	})

	it('does not give rights when the holder leaves the box unticked', async () => {
		// The organisation's rights were withdrawn above: booking its brokerage again unticked leaves them withdrawn.
		await booking(people.sam, ids.brokerage, 16, { giveOrganisationRights: false })
		expect(await db.prisma.delegation.count({ where: { holderId: ids.sam, revokedAt: null } })).toBe(0)
	})
})
