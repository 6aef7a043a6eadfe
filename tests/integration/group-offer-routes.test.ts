/**
 * The provider's and the funder's group pages (issue 9) through their loaders and actions, with real Requests on a
 * real database: a provider offers a group activity from their dashboard (bad input answered by its field, another
 * provider's profile refused) and it shows on their profile; a group's request reaches the provider by a working
 * link, the provider answers it with a quote and revises it, the group chooses it and it becomes an offer people can
 * pledge to; the dashboard lists both; the funder sees the commissions its holders formed. Ledger checked after each.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
	chooseQuote,
	confirmCommission,
	createOffer,
	pledge,
	requestQuotes,
	startGroup,
} from '#app/domain/commissions/commissions.server.ts'
import { commissionInclude, factsOf } from '#app/domain/commissions/access.server.ts'
import { placesLeft } from '#app/domain/commissions/rules.ts'
import { checkLedger } from '#app/domain/ledger/ledger.server.ts'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import * as bookingsPage from '#app/routes/bookings._index.tsx'
import * as funderCommissions from '#app/routes/funder.commissions.tsx'
import * as offerPage from '#app/routes/provider.group-offers.new.tsx'
import * as quotePage from '#app/routes/provider.quote-requests.$requestId.tsx'
import * as dashboard from '#app/routes/provider._index.tsx'
import * as profile from '#app/routes/providers.$slug.tsx'
import { addLocalDays, localDate } from '#app/utils/dates.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { sessionUser, openTestDb, closeTestDb, allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
const DAY = 86_400_000
type Name = 'ann' | 'amina' | 'bo' | 'staff' | 'otherStaff'
const users = {} as Record<Name, SessionUser>
const cookies = {} as Record<Name, string>
let annHolder = ''
let amina = { providerId: '', serviceId: '', slug: '' }
let boProviderId = ''

type Reply = { result?: { error?: Record<string, string[] | null> } }
const json = async <T>(value: unknown) => (await (value as Response).json()) as T
const inDays = (n: number) => addLocalDays(localDate(new Date()), n)

beforeAll(async () => {
	db = await openTestDb()
	const p = db.prisma
	const funder = await createFunder(p, { name: 'Leicester City Council' })
	const otherFunder = await createFunder(p, { name: 'Bristol City Council' })
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder.id })
	const otherStaff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: otherFunder.id })
	const ann = await createHolder(p, {
		funderId: funder.id,
		displayName: 'Ann Archer',
		town: 'Leicester',
		plan: { lines: [{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 200_000 }] },
	})
	await allocateOnce({ funderId: funder.id, holderId: ann.holder.id, staffUserId: staff.id, amountEach: 50_000 })
	annHolder = ann.holder.id
	const a = await createProviderWithService(p, { owner: { name: 'Amina Shah' }, provider: { name: 'Amina Shah' } })
	amina = { providerId: a.provider.id, serviceId: a.service.id, slug: a.provider.slug }
	const bo = await createProviderWithService(p, {
		owner: { name: 'Bo Lee' },
		provider: { name: 'Bo Lee', town: 'Bristol' },
	})
	boProviderId = bo.provider.id
	users.ann = sessionUser(ann.user!)
	users.amina = sessionUser(a.owner)
	users.bo = sessionUser(bo.owner)
	users.staff = sessionUser(staff)
	users.otherStaff = sessionUser(otherStaff)
	for (const key of Object.keys(users) as Name[]) cookies[key] = await cookieFor(users[key].id)
})

afterEach(async () => {
	expect(await checkLedger(db.prisma)).toEqual([])
})

afterAll(() => closeTestDb(db))

const offerFields = (over: Record<string, string> = {}) => ({
	providerId: amina.providerId,
	serviceId: amina.serviceId,
	title: 'Seated yoga, Tuesdays 10:00',
	description: 'Gentle seated yoga in the community hall. Step-free.',
	pricingMode: 'PER_PLACE',
	price: '12.50',
	firstDay: inDays(21),
	firstTime: '10:00',
	sessionCount: '8',
	sessionMinutes: '60',
	minPeople: '2',
	maxPeople: '10',
	deadline: inDays(14),
	cancellationTerms: 'Cancel up to two days before a session and your share comes back.',
	cancellationCutoffHours: '48',
	companionsAllowed: 'on',
	...over,
})
const postOffer = async (cookie: string, fields: Record<string, string>) =>
	responseOf(
		offerPage.action({ request: await post('/provider/group-offers/new', cookie, fields), params: {}, context: {} }),
	)

describe('offering a group activity', () => {
	it('shows the form with the provider’s own profiles and services, to providers only', async () => {
		const data = await json<{ providers: Array<{ id: string; services: Array<{ id: string }> }> }>(
			await offerPage.loader({ request: get('/provider/group-offers/new', cookies.amina), params: {}, context: {} }),
		)
		expect(data.providers.map((p) => p.id)).toEqual([amina.providerId])
		expect(data.providers[0]!.services.map((s) => s.id)).toEqual([amina.serviceId])
		expect(
			await statusOf(
				offerPage.loader({ request: get('/provider/group-offers/new', cookies.ann), params: {}, context: {} }),
			),
		).toBe(403)
	})

	it('answers bad input by its field and creates nothing', async () => {
		const bad = await postOffer(cookies.amina, offerFields({ price: 'lots', title: '' }))
		expect(bad.status).toBe(400)
		const errors = (await json<Reply>(bad)).result?.error
		expect(errors).toMatchObject({
			price: ['Enter a price in pounds and pence, like 60.00'],
			title: ['Enter a title, like “Seated yoga, Tuesdays 10:00”'],
		})
		// The checks across fields run once every field reads well.
		const late = await postOffer(cookies.amina, offerFields({ deadline: inDays(30), minPeople: '5', maxPeople: '3' }))
		expect((await json<Reply>(late)).result?.error).toEqual({
			deadline: ['The last day to pledge must be before the day of the first session'],
			maxPeople: ['The most people must be at least the fewest people'],
		})
		expect(await db.prisma.commission.count()).toBe(0)
	})

	it('refuses an offer in another provider’s name', async () => {
		expect((await postOffer(cookies.amina, offerFields({ providerId: boProviderId }))).status).toBe(403)
		expect((await postOffer(cookies.ann, offerFields())).status).toBe(403)
		expect(await db.prisma.commission.count()).toBe(0)
	})

	it('opens the offer for pledges and shows it on the provider’s profile with the share and places left', async () => {
		const made = await postOffer(cookies.amina, offerFields())
		expect(made.status).toBe(302)
		const id = /^\/commissions\/([^?]+)\?done=offered$/.exec(made.headers.get('Location') ?? '')?.[1] ?? ''
		const c = await db.prisma.commission.findUniqueOrThrow({ where: { id } })
		expect(c).toMatchObject({
			status: 'OPEN',
			pricingMode: 'PER_PLACE',
			placePricePence: 1_250,
			minPledgers: 2,
			maxPledgers: 10,
			sessionCount: 8,
			sessionMinutes: 60,
			companionsAllowed: true,
			providerId: amina.providerId,
			serviceId: amina.serviceId,
		})
		expect(c.deadline.getTime()).toBeLessThan(c.firstSessionAt!.getTime())
		const shown = await json<{ groupActivities: Array<{ id: string; shareNow: number; placesLeft: number }> }>(
			await profile.loader({ request: get(`/providers/${amina.slug}`, ''), params: { slug: amina.slug }, context: {} }),
		)
		expect(shown.groupActivities).toEqual([expect.objectContaining({ id, shareNow: 1_250, placesLeft: 10 })])
		const board = await json<{ groupWork: { commissions: Array<{ id: string; paying: number }> } }>(
			await dashboard.loader({ request: get('/provider', cookies.amina), params: {}, context: {} }),
		)
		expect(board.groupWork.commissions).toEqual([expect.objectContaining({ id, paying: 0 })])
	})
})

describe('answering a group’s request with a quote', () => {
	let requestId = ''
	const url = () => `/provider/quote-requests/${requestId}`
	const load = async (cookie: string) =>
		quotePage.loader({ request: get(url(), cookie), params: { requestId }, context: {} })
	const answer = async (cookie: string, fields: Record<string, string>) =>
		responseOf(quotePage.action({ request: await post(url(), cookie, fields), params: { requestId }, context: {} }))
	const quoteFields = (over: Record<string, string> = {}) => ({
		providerId: amina.providerId,
		serviceId: '',
		pricingMode: 'SPLIT_TOTAL',
		price: '480.00',
		firstDay: inDays(28),
		firstTime: '11:00',
		sessionCount: '6',
		sessionMinutes: '90',
		minPeople: '3',
		maxPeople: '',
		message: 'I can book the pool with a hoist on Saturdays.',
		...over,
	})

	it('tells the provider by a link to the request, which they can read and others cannot', async () => {
		const group = await startGroup(users.ann, {
			name: 'Saturday swimming',
			description: 'Wheelchair users in Leicester.',
			town: 'Leicester',
		})
		const request = await requestQuotes(users.ann, {
			groupId: group.id,
			title: 'Saturday swimming',
			need: 'A pool with a hoist for six of us.',
			when: 'Saturday mornings',
			providerIds: [amina.providerId],
		})
		requestId = request.id
		const note = await db.prisma.notification.findFirstOrThrow({ where: { userId: users.amina.id } })
		expect(note.link).toBe(url())
		const data = await json<{ view: { title: string; need: string; providers: Array<{ canAnswer: boolean }> } }>(
			await load(cookies.amina),
		)
		expect(data.view).toMatchObject({ title: 'Saturday swimming', need: 'A pool with a hoist for six of us.' })
		expect(data.view.providers).toEqual([expect.objectContaining({ quote: null, canAnswer: true })])
		// Bo is in Bristol and was not asked: the Leicester request is not his to read. A holder is not a provider.
		expect(await statusOf(load(cookies.bo))).toBe(404)
		expect(await statusOf(load(cookies.ann))).toBe(403)
		expect(await statusOf(load(''))).toBe(302)
		const board = await json<{ groupWork: { requests: Array<{ id: string }> } }>(
			await dashboard.loader({ request: get('/provider', cookies.amina), params: {}, context: {} }),
		)
		expect(board.groupWork.requests.map((r) => r.id)).toEqual([requestId])
	})

	it('sends a quote, refuses bad input by its field, and revises the same quote while it is on offer', async () => {
		const bad = await answer(cookies.amina, quoteFields({ sessionMinutes: '5', message: '' }))
		expect(bad.status).toBe(400)
		expect((await json<Reply>(bad)).result?.error).toMatchObject({
			sessionMinutes: ['Enter how many minutes a session lasts of at least 15'],
			message: ['Enter a message to the group'],
		})
		expect((await answer(cookies.bo, quoteFields({ providerId: boProviderId }))).status).toBe(404)
		expect(await db.prisma.commissionQuote.count()).toBe(0)

		const sent = await answer(cookies.amina, quoteFields())
		expect(sent.headers.get('Location')).toBe(`${url()}?done=sent`)
		const revised = await answer(cookies.amina, quoteFields({ price: '420.00', minPeople: '4' }))
		expect(revised.status).toBe(302)
		const quotes = await db.prisma.commissionQuote.findMany({ where: { requestId } })
		expect(quotes).toEqual([
			expect.objectContaining({ pricingMode: 'SPLIT_TOTAL', pricePence: 42_000, minPeople: 4, maxPeople: null }),
		])
		expect(quotes[0]!.sessionMinutes).toBe(90)
		const told = await db.prisma.notification.findMany({
			where: { userId: users.ann.id },
			orderBy: { createdAt: 'asc' },
		})
		expect(told.map((n) => n.link)).toContain(
			`/groups/${(await db.prisma.commissionRequest.findUniqueOrThrow({ where: { id: requestId } })).groupId}#quotes`,
		)
	})

	it('once the group chooses it, shows the offer it became, people can pledge, and the quote is closed', async () => {
		const quote = await db.prisma.commissionQuote.findFirstOrThrow({ where: { requestId } })
		const commission = await chooseQuote(users.ann, {
			quoteId: quote.id,
			deadline: new Date(Date.now() + 10 * DAY),
		})
		expect(commission).toMatchObject({ status: 'OPEN', targetPence: 42_000, minPledgers: 4, quoteId: quote.id })
		const held = await pledge(users.ann, {
			commissionId: commission.id,
			holderId: annHolder,
			idempotencyKey: randomUUID(),
		})
		expect(held.status).toBe('HELD')
		const data = await json<{
			view: { providers: Array<{ canAnswer: boolean; quote: { status: string; commissionId: string } }> }
		}>(await load(cookies.amina))
		expect(data.view.providers[0]).toMatchObject({
			canAnswer: false,
			quote: { status: 'CHOSEN', commissionId: commission.id },
		})
		const again = await answer(cookies.amina, quoteFields())
		expect(again.status).toBe(409)
		expect((await db.prisma.commissionQuote.findUniqueOrThrow({ where: { id: quote.id } })).pricePence).toBe(42_000)
	})
})

describe('the funder’s view of group activities', () => {
	const load = async (cookie: string) =>
		funderCommissions.loader({ request: get('/funder/commissions', cookie), params: {}, context: {} })

	it('lists the commissions its holders formed, with their money, and nothing of other funders', async () => {
		const rows = (
			await json<{ rows: Array<{ title: string; paying: number; yours: number; heldPence: number }> }>(
				await load(cookies.staff),
			)
		).rows
		const swim = rows.find((r) => r.title === 'Saturday swimming')
		expect(swim).toMatchObject({ paying: 1, yours: 1 })
		// Ann's share of £420 among at least 4, plus her funder's fee, is set aside.
		expect(swim!.heldPence).toBeGreaterThanOrEqual(10_500)
		expect(rows.some((r) => r.title === 'Seated yoga, Tuesdays 10:00')).toBe(false)
		expect((await json<{ rows: unknown[] }>(await load(cookies.otherStaff))).rows).toEqual([])
		expect(await statusOf(load(cookies.ann))).toBe(403)
	})
})

describe('a confirmed group activity as one group booking', () => {
	it('shows in the member’s bookings and on the provider’s dashboard with its next session', async () => {
		const first = new Date(Date.now() + 5 * DAY)
		const c = await createOffer(users.amina, {
			providerId: amina.providerId,
			title: 'Chair pilates, Mondays',
			description: 'Gentle pilates, seated.',
			pricingMode: 'PER_PLACE',
			pricePence: 2_000,
			minPeople: 1,
			maxPeople: 4,
			firstSessionAt: first,
			sessionCount: 2,
			sessionMinutes: 60,
			deadline: new Date(first.getTime() - DAY),
			cancellationTerms: 'Your share of every session not delivered comes back.',
		})
		const before = await json<{ groups: unknown[] }>(
			await bookingsPage.loader({ request: get('/bookings', cookies.ann), params: {}, context: {} }),
		)
		expect(before.groups).toEqual([])
		await pledge(users.ann, { commissionId: c.id, holderId: annHolder, idempotencyKey: randomUUID() })
		await confirmCommission(users.amina, c.id)
		const after = await json<{ groups: Array<{ id: string; forNames: string[]; nextSession: { number: number } }> }>(
			await bookingsPage.loader({ request: get('/bookings', cookies.ann), params: {}, context: {} }),
		)
		expect(after.groups).toEqual([
			expect.objectContaining({
				id: c.id,
				forNames: ['Ann Archer'],
				sessionsDone: 0,
				nextSession: expect.objectContaining({ number: 1 }),
			}),
		])
		const board = await json<{
			groupWork: {
				commissions: Array<{
					id: string
					status: string
					nextSession: { number: number } | null
					paying: number
					placesLeft: number | null
				}>
			}
		}>(await dashboard.loader({ request: get('/provider', cookies.amina), params: {}, context: {} }))
		expect(board.groupWork.commissions.find((x) => x.id === c.id)).toMatchObject({
			status: 'FUNDED',
			nextSession: { number: 1 },
		})
		// The card reads only what it shows (issue 14): the same figures as the commission read whole.
		const facts = factsOf(
			await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id }, include: commissionInclude }),
		)
		expect(facts.paying).toBe(1)
		expect(board.groupWork.commissions.find((x) => x.id === c.id)).toMatchObject({
			title: 'Chair pilates, Mondays',
			paying: facts.paying,
			min: 1,
			placesLeft: placesLeft(facts),
			sessionCount: 2,
		})
		// Bo, another provider, and someone else's bookings do not show it.
		const stranger = await json<{ groups: unknown[] }>(
			await bookingsPage.loader({ request: get('/bookings', cookies.bo), params: {}, context: {} }),
		)
		expect(stranger.groups).toEqual([])
	})
})
