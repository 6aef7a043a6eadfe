/**
 * Rights and limits, generated (issue 10, "Proof": "a broker with each combination of rights and limits"). The
 * kinds of person are covered by authorisation-matrix.test.ts; this file GENERATES the brokers:
 *
 * - one broker per non-empty subset of the five rights a holder can tick (VIEW, BOOK, PAY, PLAN, REVIEW: 31 brokers),
 *   with no spending limits, each driven through every cell in CELLS below (8 GETs, 7 POSTs);
 * - one broker per subset that holds BOOK (16) × each of three limit settings (48 brokers): a per-booking limit 1p
 *   below the price; a monthly limit already used up (by an earlier request of theirs this month); limits exactly at
 *   the price (per booking = price, this month's room = price). These are driven through the BOOK cells only
 *   (check the price, send the request), the cells their limits can change.
 *
 * Each broker is made the way a real one is: Sam invites them (inviteHelper) and they accept (acceptInvitation). Each
 * request is a real Request to the route's loader or action (read from app/routes), with the broker's session and a
 * CSRF token. Each broker gets fresh targets of their own (a requested booking to cancel, a delivered session to
 * confirm and pay, a confirmed one to review, a free hour to book), so an allowed write can be checked by its effect.
 *
 * The expected answer of every cell comes from `expected()` below: a small specification written from ADR 020 and
 * 024 (the ticked rights, with BOOK, PAY and PLAN bringing VIEW; the limits; "a booking above the limits, or by someone
 * who may only suggest, waits as a proposal, nothing held"), not from the app's rights code. A refused request (400,
 * 403, 404) must leave the database as it was (the fingerprint of tests/setup/fuzz.ts); a booking that waits as a
 * proposal must write no Booking and nothing in the ledger.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptBooking, markDelivered, requestBooking } from '#app/domain/bookings/bookings.server.ts'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import { acceptInvitation, inviteHelper } from '#app/domain/people/consent.server.ts'
import { startPlan } from '#app/domain/plans/plans.server.ts'
import { addLocalDays, localDate, localInstant, startOfDay } from '#app/utils/dates.ts'
import { createBookingRecord, createUserWithRoles } from '#tests/db-utils.ts'
import { answerOf, changedTables, csrfPair, fingerprinter, loadRoutes, routePath } from '#tests/setup/fuzz.ts'
import { cookieFor } from '#tests/setup/requests.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { allocateOnce, closeTestDb, openWorld, sessionUser } from '#tests/setup/domain.ts'

// ───────────────────────────── What is generated ─────────────────────────────

type Right = 'VIEW' | 'BOOK' | 'PAY' | 'PLAN' | 'REVIEW'
const RIGHTS: Right[] = ['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW']

/** Every non-empty subset of RIGHTS, as the holder could tick them: 31. */
const SUBSETS: Right[][] = Array.from({ length: 2 ** RIGHTS.length - 1 }, (_, i) =>
	RIGHTS.filter((_, bit) => ((i + 1) >> bit) & 1),
)

/** One hour with Amina: £16.50, and Sam's funder takes no platform fee. */
const PRICE = 1_650

type Limits = {
	name: string
	perBooking: number | null
	perMonth: number | null
	/** What this broker already asked to spend for Sam this calendar month, before the test's request. */
	usedThisMonth: number
}
const NO_LIMITS: Limits = { name: 'no limits', perBooking: null, perMonth: null, usedThisMonth: 0 }
const LIMIT_VARIANTS: Limits[] = [
	{ name: 'a per-booking limit 1p below the price', perBooking: PRICE - 1, perMonth: null, usedThisMonth: 0 },
	{ name: 'a monthly limit already used up', perBooking: null, perMonth: 5_000, usedThisMonth: 5_000 },
	{ name: 'limits exactly at the price', perBooking: PRICE, perMonth: 2_000 + PRICE, usedThisMonth: 2_000 },
]

type Broker = { rights: Right[]; limits: Limits; cells: readonly Cell[] }

const CELLS = [
	'GET holder page',
	'GET money',
	'GET helpers page',
	'GET trail',
	'GET plan',
	'GET plan step',
	'GET booking',
	'GET review page',
	'POST check the price',
	'POST send the booking',
	'POST cancel a booking',
	'POST confirm and pay',
	'POST write a review',
	'POST write the plan',
	'POST invite a helper',
] as const
type Cell = (typeof CELLS)[number]
const BOOK_CELLS: Cell[] = ['POST check the price', 'POST send the booking']

const BROKERS: Broker[] = [
	...SUBSETS.map((rights) => ({ rights, limits: NO_LIMITS, cells: CELLS })),
	...LIMIT_VARIANTS.flatMap((limits) =>
		SUBSETS.filter((rights) => rights.includes('BOOK')).map((rights) => ({ rights, limits, cells: BOOK_CELLS })),
	),
]

// ───────────────────────────── The specification ─────────────────────────────

/**
 * What each cell must answer, from the rights ticked and the limits (ADR 020, 024), independent of the app's code:
 * - booking, paying and planning each bring VIEW with them;
 * - someone with any right over Sam knows he exists, so a page they may not use is refused with 403; the holder's
 *   bookings are known only with VIEW, BOOK or PAY (without them a booking is 404);
 * - the helpers page and the trail are Sam's (and his funder's): every helper is refused (403);
 * - a price is given to anyone who may see Sam's bookings (otherwise the form answers 400, "choose someone you can
 *   book for"); with BOOK and within both limits (a limit may be met exactly) the request is sent; with only the
 *   right to suggest (VIEW) or over a limit it waits as Sam's proposal.
 */
function expected(ticked: Right[], limits: Limits): Record<Cell, string> {
	const has = new Set(ticked)
	if (has.has('BOOK') || has.has('PAY') || has.has('PLAN')) has.add('VIEW')
	const seesBookings = has.has('VIEW') || has.has('BOOK') || has.has('PAY')
	const withinLimits =
		(limits.perBooking === null || PRICE <= limits.perBooking) &&
		(limits.perMonth === null || limits.usedThisMonth + PRICE <= limits.perMonth)
	const booking = !seesBookings
		? 'refused'
		: !has.has('BOOK')
			? 'waits: suggested'
			: withinLimits
				? 'requested'
				: 'waits: over a limit'
	const or403 = (right: Right, ok: string) => (has.has(right) ? ok : '403')
	const onBooking = (right: Right, ok: string) => (has.has(right) ? ok : seesBookings ? '403' : '404')
	return {
		'GET holder page': or403('VIEW', '200'),
		'GET money': or403('VIEW', '200'),
		'GET helpers page': '403',
		'GET trail': '403',
		'GET plan': or403('PLAN', '200'),
		'GET plan step': or403('PLAN', '200'),
		'GET booking': seesBookings ? '200' : '404',
		'GET review page': or403('REVIEW', '200'),
		'POST check the price':
			booking === 'refused' ? '400' : `200 £16.50 ${booking === 'requested' ? 'can be sent' : booking}`,
		'POST send the booking': booking === 'refused' ? '400' : `302 ${booking}`,
		'POST cancel a booking': onBooking('BOOK', '302 cancelled'),
		'POST confirm and pay': onBooking('PAY', '302 confirmed and paid'),
		'POST write a review': or403('REVIEW', '302 review written'),
		'POST write the plan': or403('PLAN', '302 plan saved'),
		'POST invite a helper': '403',
	}
}

// ───────────────────────────── The world ─────────────────────────────

let db: TestDb
let fingerprint: () => Promise<Record<string, string>>
let csrf: { token: string; cookie: string }
const routes = new Map((await loadRoutes()).map((r) => [r.id, r.module]))
const w = {} as {
	sam: SessionUser
	amina: SessionUser
	holderId: string
	providerId: string
	providerSlug: string
	serviceId: string
}
const realNow = new Date()
const today = localDate(realNow)

/**
 * A free hour at Amina's for each booking the test makes: 9:00 to 16:00 on days from a week ahead, or (for sessions
 * already delivered) from five days back; records written directly (confirmed sessions) take any hour from two to
 * four days back, as one-to-one sessions may not overlap.
 */
const counters = { future: 0, past: 0, record: 0 }
function nextSlot(when: 'future' | 'past'): { date: string; startMinute: number } {
	const n = counters[when]++
	const days = Math.floor(n / 8)
	return { date: addLocalDays(today, when === 'past' ? -(5 + days) : 8 + days), startMinute: (9 + (n % 8)) * 60 }
}
function nextRecordStart(): Date {
	const n = counters.record++
	// From two days back: a record is confirmed an hour after it ends, so one at 23:00 yesterday was not yet
	// confirmed (its review not yet open) when the test ran between midnight and 1:00.
	return localInstant(addLocalDays(today, -(2 + Math.floor(n / 24))), (n % 24) * 60)
}

function requestFor(slot: { date: string; startMinute: number }) {
	return {
		serviceId: w.serviceId,
		holderId: w.holderId,
		...slot,
		minutes: 60,
		weeks: 1,
		budgetLineId: null,
		note: null,
		idempotencyKey: randomUUID(),
	}
}

beforeAll(async () => {
	const world = await openWorld({ platformFeeBps: 0 }, { name: 'Priya Patel' })
	db = world.db
	const p = db.prisma
	const sam = await world.fundedHolder({ planPence: 2_000_000 })
	const amina = await world.amina({ service: { pricePence: PRICE } }, { from: 9 * 60, to: 17 * 60 })
	Object.assign(w, {
		sam: sam.person,
		amina: amina.person,
		holderId: sam.id,
		providerId: amina.provider.id,
		providerSlug: amina.provider.slug,
		serviceId: amina.service.id,
	})
	await allocateOnce({
		funderId: world.funderId,
		holderId: sam.id,
		staffUserId: world.staff.id,
		amountEach: 1_000_000,
		firstOn: startOfDay(realNow),
	})
	// Sam's agreed plan is being changed: a working draft that a helper with PLAN may write in.
	await startPlan(w.sam, sam.id, { reason: 'More help in the mornings.' })
	fingerprint = await fingerprinter(p)
	csrf = await csrfPair()
})

afterAll(() => closeTestDb(db))

// ───────────────────────────── One broker ─────────────────────────────

let brokerCount = 0

/** A broker Sam invited with these rights and limits, who accepted; with what they already asked for this month. */
async function makeBroker(rights: Right[], limits: Limits): Promise<{ user: SessionUser; cookie: string }> {
	const n = ++brokerCount
	const email = `broker.${n}@example.test`
	const user = sessionUser(await createUserWithRoles(db.prisma, { roles: [], name: `Broker ${n}`, email }))
	const { token } = await inviteHelper(w.sam, w.holderId, {
		email,
		kind: 'BROKER',
		rights,
		perBooking: limits.perBooking,
		perMonth: limits.perMonth,
		endsOn: null,
	})
	await acceptInvitation(user, token)
	if (limits.usedThisMonth > 0) {
		await createBookingRecord(db.prisma, {
			holderId: w.holderId,
			providerId: w.providerId,
			serviceId: w.serviceId,
			bookedById: user.id,
			totalPence: limits.usedThisMonth,
			startsAt: nextRecordStart(),
			minutes: 60,
		})
	}
	return { user, cookie: await cookieFor(user.id) }
}

/** Fresh things of Sam's for this broker to act on (a free hour only, for the BOOK cells alone). */
async function makeTargets(all: boolean) {
	if (!all) return { toCancel: '', delivered: '', toReview: '', toBook: nextSlot('future') }
	const toCancel = (await requestBooking(w.sam, requestFor(nextSlot('future')))).bookings[0]!.id
	// Requested and accepted a month ago for a day last week, then delivered: waiting for the holder's side to confirm.
	const then = new Date(realNow.getTime() - 30 * 86_400_000)
	const slot = nextSlot('past')
	const requested = (await requestBooking(w.sam, requestFor(slot), then)).bookings[0]!
	await acceptBooking(w.amina, requested.id, then)
	await markDelivered(w.amina, requested.id, new Date(requested.endsAt.getTime() + 600_000))
	const toReview = await createBookingRecord(db.prisma, {
		holderId: w.holderId,
		providerId: w.providerId,
		serviceId: w.serviceId,
		startsAt: nextRecordStart(),
		minutes: 60,
	})
	return { toCancel, delivered: requested.id, toReview: toReview.id, toBook: nextSlot('future') }
}

type Sent = { status: number; location: string | null; body: unknown; wrote: string[]; changed: string[] }

/** A GET or a form POST to a route as this broker; for POSTs, the tables it changed. */
async function send(
	cookie: string,
	routeId: string,
	params: Record<string, string>,
	fields?: Record<string, string>,
): Promise<Sent> {
	const module = routes.get(routeId)
	if (!module) throw new Error(`No route ${routeId}`)
	const url = `http://localhost${routePath(routeId, params)}`
	const headers = { Cookie: [cookie, csrf.cookie].join('; ') }
	const request = fields
		? new Request(url, {
				method: 'POST',
				body: new URLSearchParams({ ...fields, csrf: csrf.token }),
				headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
			})
		: new Request(url, { headers })
	const before = fields ? await fingerprint() : null
	let body: unknown = null
	const fn = fields ? module.action! : module.loader!
	const answer = await answerOf(async () => {
		const result = await fn({ request, params, context: { clientIp: '10.14.0.1' } })
		if (result instanceof Response && result.headers.get('Content-Type')?.includes('json')) {
			body = await result.clone().json()
		}
		return result
	})
	if (answer.status >= 500) throw new Error(`${routeId}: ${answer.status} ${String(answer.error)}`)
	const changed = before ? changedTables(before, await fingerprint()) : []
	const refused = answer.status >= 400
	return { status: answer.status, location: answer.location, body, wrote: refused ? changed : [], changed }
}

/** Drives each of the broker's cells and words what happened in the specification's terms. */
async function observe(broker: Broker, cookie: string, user: SessionUser): Promise<Record<string, string>> {
	const t = await makeTargets(broker.cells.length > BOOK_CELLS.length)
	const holder = { holderId: w.holderId }
	const got: Record<string, string> = {}
	const writes: string[] = []
	const run = async (cell: Cell, go: () => Promise<Sent>, effect?: (s: Sent) => Promise<string>) => {
		if (!broker.cells.includes(cell)) return
		const s = await go()
		if (s.wrote.length) writes.push(`${cell} (${s.status}) wrote to ${s.wrote.join(', ')}`)
		got[cell] = s.status < 400 && effect ? `${s.status} ${await effect(s)}` : String(s.status)
	}
	const status = async (bookingId: string) =>
		(await db.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status

	await run('GET holder page', () => send(cookie, 'holders.$holderId', holder))
	await run('GET money', () => send(cookie, 'holders.$holderId_.money', holder))
	await run('GET helpers page', () => send(cookie, 'holders.$holderId_.helpers', holder))
	await run('GET trail', () => send(cookie, 'holders.$holderId_.trail', holder))
	await run('GET plan', () => send(cookie, 'holders.$holderId_.plan', holder))
	await run('GET plan step', () => send(cookie, 'holders.$holderId_.plan_.$step', { ...holder, step: 'what-matters' }))
	await run('GET booking', () => send(cookie, 'bookings.$bookingId', { bookingId: t.toCancel }))
	await run('GET review page', () => send(cookie, 'bookings.$bookingId_.review', { bookingId: t.toReview }))

	const form = {
		serviceId: w.serviceId,
		holderId: w.holderId,
		date: t.toBook.date,
		start: `${String(t.toBook.startMinute / 60).padStart(2, '0')}:00`,
		minutes: '60',
		weeks: '1',
		budgetLineId: 'none',
	}
	let quotedFor = ''
	await run(
		'POST check the price',
		() => send(cookie, 'providers.$slug_.book', { slug: w.providerSlug }, { ...form, intent: 'check' }),
		async (s) => {
			const body = s.body as { quote: { total: string; approval: string | null } | null; quotedFor: string | null }
			quotedFor = body.quotedFor ?? ''
			const approval = body.quote?.approval ?? null
			const outcome =
				approval === null
					? 'can be sent'
					: /can suggest support/.test(approval)
						? 'waits: suggested'
						: /lets you spend/.test(approval)
							? 'waits: over a limit'
							: `waits: ${approval}`
			return `${body.quote?.total ?? '(no quote)'} ${outcome}${s.changed.length ? ` (wrote ${s.changed.join(', ')})` : ''}`
		},
	)
	await run(
		'POST send the booking',
		() =>
			send(
				cookie,
				'providers.$slug_.book',
				{ slug: w.providerSlug },
				{ ...form, intent: 'send', idempotencyKey: randomUUID(), quotedFor },
			),
		async (s) => {
			const ledger = s.changed.filter((table) => table.startsWith('Ledger'))
			const booked = await db.prisma.booking.findMany({ where: { bookedById: user.id, holderId: w.holderId } })
			const fresh = booked.filter(
				(b) => b.startsAt.getTime() === localInstant(t.toBook.date, t.toBook.startMinute).getTime(),
			)
			const proposal = await db.prisma.bookingProposal.findFirst({ where: { proposedById: user.id } })
			if (s.location?.startsWith('/bookings/')) {
				const ok = fresh.length === 1 && fresh[0]!.status === 'REQUESTED' && s.location.includes(fresh[0]!.id)
				return ok && !proposal ? 'requested' : `booking? ${s.location} ${JSON.stringify(fresh)}`
			}
			if (s.location?.startsWith('/proposals/')) {
				const bad = [
					fresh.length ? 'a Booking was written' : null,
					ledger.length ? `the ledger changed (${ledger.join(', ')})` : null,
					proposal?.status !== 'WAITING' || !s.location.includes(proposal.id) ? 'no waiting proposal' : null,
				].filter(Boolean)
				if (bad.length) return `proposal, but ${bad.join('; ')}`
				return proposal!.reason === 'SUGGEST_ONLY' ? 'waits: suggested' : 'waits: over a limit'
			}
			return `to ${s.location}`
		},
	)
	await run(
		'POST cancel a booking',
		() => send(cookie, 'bookings.$bookingId', { bookingId: t.toCancel }, { intent: 'cancel', reason: 'Not now.' }),
		async () => ((await status(t.toCancel)) === 'CANCELLED' ? 'cancelled' : `still ${await status(t.toCancel)}`),
	)
	await run(
		'POST confirm and pay',
		() => send(cookie, 'bookings.$bookingId', { bookingId: t.delivered }, { intent: 'confirm' }),
		async () => {
			const payout = await db.prisma.ledgerTransfer.count({ where: { bookingId: t.delivered, reason: 'PAYOUT' } })
			const now = await status(t.delivered)
			return now === 'CONFIRMED' && payout === 1 ? 'confirmed and paid' : `${now}, ${payout} payouts`
		},
	)
	await run(
		'POST write a review',
		() =>
			send(
				cookie,
				'bookings.$bookingId_.review',
				{ bookingId: t.toReview },
				{
					rating: '5',
					reliable: '5',
					respectful: '4',
					didWhatAgreed: '5',
					body: 'Kind, on time and did what we agreed.',
				},
			),
		async () => {
			const review = await db.prisma.review.findUnique({ where: { bookingId: t.toReview } })
			return review?.authorId === user.id ? 'review written' : `review by ${review?.authorId ?? 'nobody'}`
		},
	)
	const words = `What matters, written by ${user.name}.`
	await run(
		'POST write the plan',
		() => send(cookie, 'holders.$holderId_.plan_.$step', { ...holder, step: 'what-matters' }, { whatMatters: words }),
		async () => {
			const draft = await db.prisma.supportPlan.findFirst({ where: { holderId: w.holderId, status: 'DRAFT' } })
			return draft?.whatMatters === words ? 'plan saved' : `plan says ${draft?.whatMatters ?? '(no draft)'}`
		},
	)
	await run('POST invite a helper', () =>
		send(cookie, 'holders.$holderId_.helpers', holder, {
			intent: 'invite',
			email: `friend.of.${user.id}@example.test`,
			kind: 'BROKER',
			rights: 'VIEW',
		}),
	)
	if (writes.length) got['refused but wrote'] = writes.join('; ')
	return got
}

describe('every combination of rights and limits a holder can give a broker', () => {
	it('generates 31 subsets of the five rights and 48 brokers with limits', () => {
		expect(SUBSETS).toHaveLength(31)
		expect(new Set(SUBSETS.map((s) => s.join())).size).toBe(31)
		expect(BROKERS).toHaveLength(31 + 16 * 3)
	})

	for (const broker of BROKERS) {
		it(`a broker who may ${broker.rights.join(' + ')}, ${broker.limits.name}`, async () => {
			const { user, cookie } = await makeBroker(broker.rights, broker.limits)
			const stored = await db.prisma.delegation.findFirstOrThrow({ where: { delegateId: user.id } })
			const spec = expected(broker.rights, broker.limits)
			// What Sam gave is what was stored (with VIEW brought by BOOK, PAY or PLAN), with the limits.
			expect({
				rights: [...stored.rights].sort(),
				perBooking: stored.perBookingLimitPence,
				perMonth: stored.perMonthLimitPence,
			}).toEqual({
				rights: RIGHTS.filter(
					(r) =>
						broker.rights.includes(r) ||
						(r === 'VIEW' && broker.rights.some((x) => x === 'BOOK' || x === 'PAY' || x === 'PLAN')),
				).sort(),
				perBooking: broker.limits.perBooking,
				perMonth: broker.limits.perMonth,
			})
			const want = Object.fromEntries(broker.cells.map((cell) => [cell, spec[cell]]))
			expect(await observe(broker, cookie, user)).toEqual(want)
		})
	}
})
