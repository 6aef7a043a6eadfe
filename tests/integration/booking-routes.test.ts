/**
 * The booking pages through their loaders and actions, with real Requests: who may see and do what (403/404, and
 * nothing changes), specific errors for every invalid step, double submission, the calendar feed and the test clock.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptBooking, requestBooking } from '#app/domain/bookings/bookings.server.ts'
import { addLocalDays, localDate, localInstant } from '#app/utils/dates.ts'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import * as booking from '#app/routes/bookings.$bookingId.tsx'
import * as bookings from '#app/routes/bookings._index.tsx'
import * as calendar from '#app/routes/calendar.tsx'
import * as feed from '#app/routes/calendar.feed.$file.tsx'
import * as clock from '#app/routes/dev.clock.tsx'
import * as dashboard from '#app/routes/provider._index.tsx'
import * as book from '#app/routes/providers.$slug_.book.tsx'
import { createBookingRecord, createHolder, createProviderWithService } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { cookieFor, get, post, statusOf } from '#tests/setup/requests.ts'
import { allocateOnce, closeTestDb, openWorld } from '#tests/setup/domain.ts'

let db: TestDb
const users = {} as Record<'sam' | 'viewer' | 'amina' | 'stranger' | 'staff', SessionUser>
const cookies = {} as Record<keyof typeof users, string>
const ids = {} as Record<'sam' | 'care' | 'slug', string>
const day = addLocalDays(localDate(new Date()), 5)

type Reply = {
	result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
	error?: string
	quote?: { total: string; after: string; overlaps: string[]; approval: string | null } | null
	quotedFor?: string | null
}

async function replyOf(response: Response): Promise<Reply> {
	return (await response.json()) as Reply
}

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	const p = db.prisma
	users.staff = world.staff
	users.viewer = await world.person({ roles: ['REPRESENTATIVE'], name: 'Viewing Only' })
	users.stranger = await world.person({ roles: ['HOLDER'], name: 'A Stranger' })
	const sam = await world.fundedHolder({ planPence: 300_000, fundedPence: 10_000 })
	ids.sam = sam.id
	users.sam = sam.person
	await p.delegation.create({
		data: { holderId: ids.sam, delegateId: users.viewer.id, kind: 'REPRESENTATIVE', rights: ['VIEW'] },
	})
	const amina = await world.amina({ service: { pricePence: 1_650 } }, { from: 9 * 60, to: 17 * 60 })
	ids.care = amina.service.id
	ids.slug = amina.provider.slug
	users.amina = amina.person
	for (const key of Object.keys(users) as (keyof typeof users)[]) cookies[key] = await cookieFor(users[key].id)
})

afterAll(() => closeTestDb(db))

const bookUrl = () => `/providers/${ids.slug}/book?service=${ids.care}`
const form = (overrides: Record<string, string> = {}) => ({
	serviceId: ids.care,
	holderId: ids.sam,
	date: day,
	start: '10:00',
	minutes: '120',
	weeks: '1',
	budgetLineId: 'none',
	note: '',
	intent: 'check',
	...overrides,
})
const act = async (cookie: string, fields: Record<string, string>) =>
	book.action({ request: await post(bookUrl(), cookie, fields), params: { slug: ids.slug }, context: {} })

describe('the booking form', () => {
	it('lists days with free times and the free start times of the chosen day', async () => {
		const response = await book.loader({
			request: get(`${bookUrl()}&minutes=120&date=${day}`, cookies.sam),
			params: { slug: ids.slug },
			context: {},
		})
		const data = (await response.json()) as {
			starts: string[]
			days: Array<{ date: string }>
			holder: { id: string } | null
		}
		expect(data.holder?.id).toBe(ids.sam)
		expect(data.starts).toEqual([
			'09:00',
			'09:30',
			'10:00',
			'10:30',
			'11:00',
			'11:30',
			'12:00',
			'12:30',
			'13:00',
			'13:30',
			'14:00',
			'14:30',
			'15:00',
		])
		expect(data.days.length).toBeGreaterThan(5)
		expect(await statusOf(book.loader({ request: get(bookUrl(), ''), params: { slug: ids.slug }, context: {} }))).toBe(
			302,
		)
	})

	it('shows the total and what is left before sending', async () => {
		const reply = await replyOf((await act(cookies.sam, form())) as Response)
		expect(reply.quote).toMatchObject({ total: '£33.00', after: '£67.00' })
	})

	it('gives a specific error for each invalid step, keeping what was typed', async () => {
		const cases: Array<[Record<string, string>, string, RegExp]> = [
			[{ date: addLocalDays(localDate(new Date()), -2) }, 'start', /has already passed\. Choose a time in the future/],
			[{ start: '07:00' }, 'start', /is not available for 120 minutes from 07:00/],
			[{ start: 'soon' }, 'start', /Choose a start time, like 10:00/],
			[{ date: '2026-02-30' }, 'date', /Enter a real date/],
			[{ minutes: '600', start: '09:00', weeks: '2' }, 'start', /is not available/],
			[{ weeks: '13' }, 'weeks', /from 1 to 12/],
			[
				{ minutes: '480', start: '09:00', weeks: '3' },
				'weeks',
				/There is not enough money in Sam Taylor’s budget: £100\.00 available, and this booking needs £396\.00\./,
			],
		]
		for (const [fields, field, message] of cases) {
			const response = (await act(cookies.sam, form(fields))) as Response
			expect(response.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400)
			const reply = await replyOf(response)
			expect(reply.result?.error?.[field]?.join(' '), JSON.stringify(fields)).toMatch(message)
			expect(reply.result?.initialValue).toMatchObject(fields)
		}
		expect(await db.prisma.booking.count()).toBe(0)
	})

	it('sends only what was priced: a change after checking is priced again, not sent', async () => {
		const checked = await replyOf((await act(cookies.sam, form())) as Response)
		const changed = (await act(
			cookies.sam,
			form({ intent: 'send', idempotencyKey: randomUUID(), weeks: '2', quotedFor: checked.quotedFor! }),
		)) as Response
		expect(changed.status).toBe(409)
		const reply = await replyOf(changed)
		expect(reply.result?.error?.['']).toEqual([
			'The booking changed after you checked the price. Check the new price and total below, then send it.',
		])
		expect(reply.quote?.total).toBe('£66.00')
		const unchecked = (await act(cookies.sam, form({ intent: 'send', idempotencyKey: randomUUID() }))) as Response
		expect(unchecked.status).toBe(409)
		expect(await db.prisma.booking.count()).toBe(0)
	})

	it('makes one booking from two clicks on "Send booking request"', async () => {
		const key = randomUUID()
		const { quotedFor } = await replyOf((await act(cookies.sam, form())) as Response)
		const first = (await act(
			cookies.sam,
			form({ intent: 'send', idempotencyKey: key, quotedFor: quotedFor! }),
		)) as Response
		const second = (await act(
			cookies.sam,
			form({ intent: 'send', idempotencyKey: key, quotedFor: quotedFor! }),
		)) as Response
		expect(first.status).toBe(302)
		expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
		expect(await db.prisma.booking.count({ where: { idempotencyKey: { startsWith: key } } })).toBe(1)
		// The same time again, with a new form, is already taken.
		const third = (await act(
			cookies.sam,
			form({ intent: 'send', idempotencyKey: randomUUID(), quotedFor: quotedFor! }),
		)) as Response
		expect(third.status).toBe(409)
		expect((await replyOf(third)).result?.error?.start?.join(' ')).toMatch(/already booked/)
	})

	it('sends a request from someone who may only suggest to the holder for a yes, booking nothing (ADR 024)', async () => {
		const before = await db.prisma.booking.count()
		const proposals = await db.prisma.bookingProposal.count()
		const checked = await replyOf((await act(cookies.viewer, form({ start: '14:00' }))) as Response)
		expect(checked.quote?.approval).toMatch(/You can suggest support for Sam Taylor, so this waits for them to say yes/)
		const viewer = (await act(
			cookies.viewer,
			form({ intent: 'send', idempotencyKey: randomUUID(), start: '14:00', quotedFor: checked.quotedFor! }),
		)) as Response
		expect(viewer.status).toBe(302)
		expect(viewer.headers.get('Location')).toMatch(/^\/proposals\/[^/]+$/)
		expect(await db.prisma.bookingProposal.count()).toBe(proposals + 1)
		expect(await db.prisma.booking.count()).toBe(before)
	})

	it('refuses people who may not book for the holder, writing nothing', async () => {
		const before = await db.prisma.booking.count()
		const stranger = (await act(
			cookies.stranger,
			form({ intent: 'send', idempotencyKey: randomUUID(), start: '14:00' }),
		)) as Response
		expect(stranger.status).toBe(400)
		expect(await db.prisma.booking.count()).toBe(before)
	})
})

describe('a booking’s page', () => {
	async function newBooking(start: number) {
		const { bookings: made } = await requestBooking(users.sam, {
			serviceId: ids.care,
			holderId: ids.sam,
			date: addLocalDays(day, 1),
			startMinute: start,
			minutes: 60,
			weeks: 1,
			note: null,
			budgetLineId: null,
			idempotencyKey: randomUUID(),
		})
		return made[0]!
	}
	const load = (id: string, cookie: string) =>
		booking.loader({ request: get(`/bookings/${id}`, cookie), params: { bookingId: id }, context: {} })
	const send = async (id: string, cookie: string, fields: Record<string, string>) =>
		booking.action({ request: await post(`/bookings/${id}`, cookie, fields), params: { bookingId: id }, context: {} })

	it('is seen by the holder’s side, the provider and the funder, and is a 404 for anyone else', async () => {
		const b = await newBooking(9 * 60)
		expect(await statusOf(load(b.id, cookies.sam))).toBe(200)
		expect(await statusOf(load(b.id, cookies.viewer))).toBe(200)
		expect(await statusOf(load(b.id, cookies.amina))).toBe(200)
		expect(await statusOf(load(b.id, cookies.staff))).toBe(200)
		expect(await statusOf(load(b.id, cookies.stranger))).toBe(404)
		expect(await statusOf(load('no-such-booking', cookies.sam))).toBe(404)
		expect(await statusOf(load(b.id, ''))).toBe(302)
	})

	it('answers forbidden changes with 403 or 404 and changes nothing', async () => {
		const b = await newBooking(11 * 60)
		expect(await statusOf(send(b.id, cookies.stranger, { intent: 'accept' }))).toBe(404)
		expect(await statusOf(send(b.id, cookies.sam, { intent: 'accept' }))).toBe(403)
		expect(await statusOf(send(b.id, cookies.viewer, { intent: 'cancel', reason: '' }))).toBe(403)
		expect(
			await statusOf(send(b.id, cookies.staff, { intent: 'message', body: 'Hello', idempotencyKey: randomUUID() })),
		).toBe(403)
		expect(
			await statusOf(send(b.id, cookies.stranger, { intent: 'message', body: 'Hello', idempotencyKey: randomUUID() })),
		).toBe(404)
		const after = await db.prisma.booking.findUniqueOrThrow({
			where: { id: b.id },
			include: { messages: true, events: true },
		})
		expect(after.status).toBe('REQUESTED')
		expect(after.messages).toHaveLength(0)
		expect(after.events.map((e) => e.kind)).toEqual(['REQUESTED'])
	})

	it('accepts once however often the button is pressed, and says so when it moved on', async () => {
		const b = await newBooking(13 * 60)
		expect(await statusOf(send(b.id, cookies.amina, { intent: 'accept' }))).toBe(302)
		expect(await statusOf(send(b.id, cookies.amina, { intent: 'accept' }))).toBe(302)
		expect(await db.prisma.ledgerTransfer.count({ where: { bookingId: b.id, phase: 'PENDING' } })).toBe(1)
		const decline = (await send(b.id, cookies.amina, { intent: 'decline', reason: 'Changed my mind' })) as Response
		expect(decline.status).toBe(409)
		expect((await replyOf(decline)).result?.error?.['']?.join(' ')).toMatch(/already been accepted/)
		const again = (await send(b.id, cookies.amina, { intent: 'deliver' })) as Response
		expect(again.status).toBe(409)
		expect((await replyOf(again)).error).toBe('You can mark the session as delivered once it has ended.')
		const short = (await send(b.id, cookies.sam, { intent: 'cancel', reason: 'x'.repeat(501) })) as Response
		expect(short.status).toBe(400)
		expect((await replyOf(short)).result?.error?.reason?.join(' ')).toMatch(/500 characters or fewer/)
		expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('ACCEPTED')
	})

	it('lists bookings for each side and shows requests on the provider’s dashboard', async () => {
		const b = await newBooking(15 * 60)
		type Listed = {
			id: string
			holder: { id: string; displayName: string }
			provider: { id: string; name: string; slug: string }
			service: { title: string }
		}
		// Each list names the booking's holder, provider and service (read for all the lists in one query, issue 14).
		const stored = await db.prisma.booking.findUniqueOrThrow({
			where: { id: b.id },
			select: {
				holder: { select: { id: true, displayName: true } },
				provider: { select: { id: true, name: true, slug: true } },
				service: { select: { title: true } },
			},
		})
		const holderSide = (await (
			await bookings.loader({ request: get('/bookings', cookies.viewer), params: {}, context: {} })
		).json()) as { upcoming: Listed[] }
		expect(holderSide.upcoming.map((x) => x.id)).toContain(b.id)
		expect(holderSide.upcoming.find((x) => x.id === b.id)).toMatchObject(stored)
		const strangers = (await (
			await bookings.loader({ request: get('/bookings', cookies.stranger), params: {}, context: {} })
		).json()) as { upcoming: unknown[] }
		expect(strangers.upcoming).toEqual([])
		const dash = (await (
			await dashboard.loader({ request: get('/provider', cookies.amina), params: {}, context: {} })
		).json()) as { requests: Listed[] }
		expect(dash.requests.map((x) => x.id)).toContain(b.id)
		expect(dash.requests.find((x) => x.id === b.id)).toMatchObject(stored)
		expect(await statusOf(dashboard.loader({ request: get('/provider', cookies.sam), params: {}, context: {} }))).toBe(
			403,
		)
		await acceptBooking(users.amina, b.id)
	})
})

describe('the calendar feed', () => {
	it('serves the person’s sessions at a secret address, which can be replaced', async () => {
		const page = (await (
			await calendar.loader({ request: get('/calendar', cookies.amina), params: {}, context: {} })
		).json()) as { feedUrl: string }
		const file = page.feedUrl.split('/').at(-1)!
		const response = (await feed.loader({
			request: get(`/calendar/feed/${file}`, ''),
			params: { file },
			context: {},
		})) as Response
		expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
		const ics = await response.text()
		expect(ics).toContain('BEGIN:VCALENDAR')
		expect(ics).toMatch(/SUMMARY:Personal care at home with Sam Taylor/)
		expect(ics).toContain('STATUS:CONFIRMED')
		await calendar.action({ request: await post('/calendar', cookies.amina, {}), params: {}, context: {} })
		expect(
			await statusOf(feed.loader({ request: get(`/calendar/feed/${file}`, ''), params: { file }, context: {} })),
		).toBe(404)
	})
})

describe('the test clock', () => {
	it('does not exist unless TEST_CLOCK is set', async () => {
		expect(await statusOf(clock.loader({ request: get('/dev/clock', ''), params: {}, context: {} }))).toBe(404)
		const request = new Request('http://localhost/dev/clock', {
			method: 'POST',
			body: JSON.stringify({ advanceMinutes: 60 }),
		})
		expect(await statusOf(clock.action({ request, params: {}, context: {} }))).toBe(404)
	})
})

describe('the overlap warning', () => {
	it('warns before sending when the holder already has a session at that time, and still sends it', async () => {
		const other = addLocalDays(day, 3)
		// Someone with money of their own: the tests above spent Sam's.
		const funderId = (await db.prisma.funder.findFirstOrThrow()).id
		const kim = await createHolder(db.prisma, { funderId, displayName: 'Kim Lee' })
		await allocateOnce({ funderId, holderId: kim.holder.id, staffUserId: users.staff.id, amountEach: 10_000 })
		const cookie = await cookieFor(kim.user!.id)
		const bob = await createProviderWithService(db.prisma, { provider: { name: 'Bob Hoist' } })
		await createBookingRecord(db.prisma, {
			holderId: kim.holder.id,
			providerId: bob.provider.id,
			serviceId: bob.service.id,
			status: 'ACCEPTED',
			startsAt: localInstant(other, 10 * 60),
			minutes: 120,
		})
		const overlapping = await replyOf(
			(await act(cookie, form({ holderId: kim.holder.id, date: other, start: '11:00' }))) as Response,
		)
		expect(overlapping.result?.error, JSON.stringify(overlapping)).toBeUndefined()
		expect(overlapping.quote?.overlaps).toEqual([
			'You already have a session with Bob Hoist from 10:00 to 12:00 on that day.',
		])
		// Starting as the other ends is no overlap.
		const after = await replyOf(
			(await act(cookie, form({ holderId: kim.holder.id, date: other, start: '12:00' }))) as Response,
		)
		expect(after.quote?.overlaps).toEqual([])
		// A warning, not a refusal.
		const sent = (await act(
			cookie,
			form({
				holderId: kim.holder.id,
				date: other,
				start: '11:00',
				intent: 'send',
				idempotencyKey: randomUUID(),
				quotedFor: overlapping.quotedFor!,
			}),
		)) as Response
		expect(sent.status).toBe(302)
	})
})
