/**
 * The broker's and carer's workspace (issue 10, ADR 024), through the domain on a real database: the people a helper
 * supports with what waits for them; acting for one of them only while the rights last; shortlists saved, sent and
 * answered; bookings above a helper's limit, or from a helper who may only suggest, waiting as proposals that hold
 * nothing until the holder approves (once, even when retried) or declines them, on the site or by the emailed link;
 * every step on the holder's trail.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quoteBooking, requestBooking, type BookingRequestInput } from '#app/domain/bookings/request.server.ts'
import { BookingError } from '#app/domain/bookings/errors.ts'
import { HelpingError } from '#app/domain/helping/errors.ts'
import {
	approveProposal,
	declineProposal,
	proposalByToken,
	proposalPage,
	proposalsBy,
	proposalsWaitingFor,
	proposeBooking,
	withdrawProposal,
} from '#app/domain/helping/proposals.server.ts'
import {
	answerShortlist,
	removeFromShortlist,
	saveToShortlist,
	sendShortlist,
	shortlistPage,
	shortlistsBy,
	shortlistsFor,
} from '#app/domain/helping/shortlists.server.ts'
import { actingTarget, helpingPage } from '#app/domain/helping/workspace.server.ts'
import { action as helpingAction } from '#app/routes/helping.tsx'
import { action as answerAction, loader as answerLoader } from '#app/routes/proposals.answer.$token.tsx'
import { actingFor } from '#app/utils/acting.server.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { acceptInvitation, changeHelper, inviteHelper, withdrawHelper } from '#app/domain/people/consent.server.ts'
import { getHome, placesPerson } from '#app/domain/people/home.server.ts'
import { trailRows } from '#app/domain/people/trail.server.ts'
import { addLocalDays, localDate } from '#app/utils/dates.ts'
import { createProviderWithService } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { bookingRequest, closeTestDb, openWorld, refusal } from '#tests/setup/domain.ts'

let db: TestDb
const people = {} as Record<'sam' | 'daniel' | 'grace' | 'stranger' | 'staff', SessionUser>
const ids = {} as Record<'sam' | 'care' | 'amina' | 'bo' | 'danielDelegation' | 'graceDelegation', string>
const day = addLocalDays(localDate(new Date()), 7)

const booking = (overrides: Partial<BookingRequestInput> = {}) =>
	bookingRequest({ serviceId: ids.care, holderId: ids.sam, date: day, minutes: 60, ...overrides })

const refused = (promise: Promise<unknown>) => refusal(promise, HelpingError, BookingError)

/** Sam's /home: it reads what helpers sent only when its one query of the holder says something waits (issue 14). */
const samsHome = async () => getHome(people.sam, await placesPerson(people.sam))

async function invited(email: string, who: SessionUser, extra: Partial<Parameters<typeof inviteHelper>[2]> = {}) {
	const { token } = await inviteHelper(people.sam, ids.sam, {
		email,
		kind: 'BROKER',
		rights: ['VIEW', 'BOOK'],
		perBooking: null,
		perMonth: null,
		endsOn: null,
		...extra,
	})
	return (await acceptInvitation(who, token)).delegationId
}

const counts = async () => ({
	bookings: await db.prisma.booking.count({ where: { holderId: ids.sam } }),
	transfers: await db.prisma.ledgerTransfer.count(),
})

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	const p = db.prisma
	people.staff = world.staff
	people.daniel = await world.person({ roles: [], name: 'Daniel Price', email: 'daniel@example.test' })
	people.grace = await world.person({ roles: [], name: 'Grace Okafor', email: 'grace@example.test' })
	people.stranger = await world.person({ roles: ['BROKER'], name: 'A Stranger' })
	const sam = await world.fundedHolder({ planPence: 600_000, fundedPence: 100_000 })
	ids.sam = sam.id
	people.sam = sam.person
	const amina = await world.amina({
		service: { pricePence: 1_500, priceUnit: 'PER_HOUR', title: 'Personal care at home' },
	})
	const bo = await createProviderWithService(p, { owner: { name: 'Bo Lee' }, provider: { name: 'Bo Lee' } })
	ids.care = amina.service.id
	ids.amina = amina.provider.id
	ids.bo = bo.provider.id
	// Daniel, a broker, may book up to £25 a booking; Grace, a carer, may only see and suggest.
	ids.danielDelegation = await invited('daniel@example.test', people.daniel, { perBooking: 2_500 })
	ids.graceDelegation = await invited('grace@example.test', people.grace, { kind: 'REPRESENTATIVE', rights: ['VIEW'] })
	people.daniel.roles = ['BROKER']
	people.grace.roles = ['REPRESENTATIVE']
})

afterAll(() => closeTestDb(db))

describe('the workspace', () => {
	it('lists the people a helper supports with their money and plan lines, and acts for them only while rights last', async () => {
		const { people: list } = await helpingPage(people.daniel)
		expect(list).toHaveLength(1)
		expect(list[0]).toMatchObject({ displayName: 'Sam Taylor', available: 100_000, kind: 'BROKER' })
		expect(list[0]!.lines.map((l) => l.name)).toEqual(['Personal care'])
		expect(await actingTarget(people.daniel, ids.sam)).toEqual({ id: ids.sam, displayName: 'Sam Taylor' })
		// Nobody acts for themself, or for someone who gave them nothing.
		expect(await actingTarget(people.sam, ids.sam)).toBeNull()
		expect(await actingTarget(people.stranger, ids.sam)).toBeNull()
		expect(await helpingPage(people.stranger)).toEqual({ people: [] })
	})
})

describe('shortlists', () => {
	let shortlistId: string

	it('saves providers with a note to one open list, and only for someone the helper may suggest for', async () => {
		shortlistId = (await saveToShortlist(people.daniel, { holderId: ids.sam, providerId: ids.amina, note: 'Near you' }))
			.shortlistId
		const again = await saveToShortlist(people.daniel, { holderId: ids.sam, providerId: ids.bo, note: null })
		expect(again.shortlistId).toBe(shortlistId)
		await saveToShortlist(people.daniel, { holderId: ids.sam, providerId: ids.amina, note: 'Near you, speaks Urdu' })
		const page = await shortlistPage(people.daniel, shortlistId)
		expect(page.items.map((i) => [i.name, i.note])).toEqual([
			['Amina Shah', 'Near you, speaks Urdu'],
			['Bo Lee', null],
		])
		expect(page.canSend).toBe(true)
		expect(
			await refused(saveToShortlist(people.stranger, { holderId: ids.sam, providerId: ids.amina, note: null })),
		).toMatchObject({ status: 404 })
		// The holder sees nothing until it is sent; strangers never.
		await expect(shortlistPage(people.sam, shortlistId)).rejects.toMatchObject({ status: 404 })
		await expect(shortlistPage(people.stranger, shortlistId)).rejects.toMatchObject({ status: 404 })
	})

	it('sends it to the holder, who chooses one; the helper is told and the trail says so', async () => {
		const page = await shortlistPage(people.daniel, shortlistId)
		await removeFromShortlist(people.daniel, shortlistId, page.items[1]!.id)
		await saveToShortlist(people.daniel, { holderId: ids.sam, providerId: ids.bo, note: 'Has a hoist' })
		await sendShortlist(people.daniel, shortlistId)
		const told = await db.prisma.notification.findFirstOrThrow({
			where: { userId: people.sam.id, link: `/shortlists/${shortlistId}` },
		})
		expect(told.title).toBe('Daniel Price sent you a shortlist to choose from')
		expect(await db.prisma.emailOutbox.count({ where: { to: people.sam.email, subject: told.title } })).toBe(1)
		// The helper cannot change it while it waits, nor answer it.
		expect(await refused(removeFromShortlist(people.daniel, shortlistId, page.items[0]!.id))).toMatchObject({
			code: 'WRONG_STATE',
		})
		const holderView = await shortlistPage(people.sam, shortlistId)
		expect(holderView.canAnswer).toBe(true)
		expect(
			await refused(answerShortlist(people.daniel, shortlistId, { answer: 'helper-chooses', note: null })),
		).toMatchObject({ status: 403 })
		const amina = holderView.items.find((i) => i.name === 'Amina Shah')!
		await answerShortlist(people.sam, shortlistId, { answer: 'choose', itemId: amina.id, note: 'Tuesdays please' })
		expect(await refused(answerShortlist(people.sam, shortlistId, { answer: 'more', note: null }))).toMatchObject({
			code: 'WRONG_STATE',
		})
		const answered = await shortlistPage(people.daniel, shortlistId)
		expect(answered).toMatchObject({ status: 'CHOSEN', chosen: 'Amina Shah', answerNote: 'Tuesdays please' })
		expect(
			(
				await db.prisma.notification.findFirstOrThrow({
					where: { userId: people.daniel.id, link: `/shortlists/${shortlistId}` },
				})
			).body,
		).toBe('Sam Taylor chose Amina Shah. They said: Tuesdays please')
		const { people: list } = await helpingPage(people.daniel)
		expect(list[0]!.waiting.shortlistsAnswered.map((s) => s.id)).toEqual([shortlistId])
		expect((await shortlistsFor(ids.sam)).map((s) => s.id)).toEqual([shortlistId])
		expect((await samsHome()).shortlists).toEqual(await shortlistsFor(ids.sam))
		// The lists read names and providers in two queries (issue 14); each entry is the shortlist's own page.
		expect(await shortlistsFor(ids.sam)).toEqual([await shortlistPage(people.sam, shortlistId)])
		expect((await shortlistsBy(people.daniel.id, [ids.sam])).find((s) => s.id === shortlistId)).toEqual(
			await shortlistPage(people.daniel, shortlistId),
		)
		expect((await shortlistsFor(ids.sam))[0]?.items.map((i) => [i.name, i.note])).toEqual([
			['Amina Shah', expect.anything()],
			['Bo Lee', 'Has a hoist'],
		])
		const sentences = (await trailRows(people.sam, ids.sam)).rows.map((r) => r.sentence)
		expect(sentences).toContain('You chose Amina Shah from Daniel Price’s shortlist')
		expect(sentences).toContain('Daniel Price (broker) sent you a shortlist: Amina Shah, Bo Lee')
		expect(sentences).toContain('Daniel Price (broker) saved Amina Shah to a shortlist for you')
	})

	it('lets the holder ask for more, or ask the helper to choose', async () => {
		const { shortlistId: second } = await saveToShortlist(people.grace, {
			holderId: ids.sam,
			providerId: ids.bo,
			note: null,
		})
		await sendShortlist(people.grace, second)
		await answerShortlist(people.sam, second, { answer: 'more', note: 'Someone nearer' })
		expect((await shortlistPage(people.grace, second)).canEdit).toBe(true)
		await saveToShortlist(people.grace, { holderId: ids.sam, providerId: ids.amina, note: 'Nearer' })
		await sendShortlist(people.grace, second)
		await answerShortlist(people.sam, second, { answer: 'helper-chooses', note: null })
		expect((await shortlistPage(people.grace, second)).status).toBe('HELPER_CHOOSES')
		const sentences = (await trailRows(people.sam, ids.sam)).rows.map((r) => r.sentence)
		expect(sentences).toContain('You asked Grace Okafor to choose for you')
		expect(sentences).toContain('You asked Grace Okafor for more choices')
	})
})

describe('proposals', () => {
	it('keeps refusing a direct request above the limit, but prices it as one needing the holder’s yes', async () => {
		// 2 hours at £15 is £30, above Daniel's £25 a booking.
		const quote = await quoteBooking(db.prisma, people.daniel, booking({ minutes: 120 }))
		expect(quote.approval).toMatchObject({ reason: 'OVER_LIMIT' })
		expect(quote.approval!.message).toContain('up to £25.00 on one booking')
		expect(await refused(requestBooking(people.daniel, booking({ minutes: 120 })))).toMatchObject({ status: 403 })
		expect((await quoteBooking(db.prisma, people.daniel, booking({ minutes: 60 }))).approval).toBeNull()
		expect((await quoteBooking(db.prisma, people.grace, booking())).approval).toMatchObject({ reason: 'SUGGEST_ONLY' })
		expect((await quoteBooking(db.prisma, people.sam, booking({ minutes: 600 }))).approval).toBeNull()
	})

	it('waits for the holder holding nothing, and the holder’s yes sends the booking once, however often retried', async () => {
		const before = await counts()
		const moneyBefore = await getHolderMoney(ids.sam)
		const input = booking({ minutes: 120, startMinute: 13 * 60 })
		const { proposalId, token, replayed } = await proposeBooking(people.daniel, input)
		expect(replayed).toBe(false)
		expect((await proposeBooking(people.daniel, input)).proposalId).toBe(proposalId)
		// Nothing asked of the provider, nothing held.
		expect(await counts()).toEqual(before)
		const moneyAfter = await getHolderMoney(ids.sam)
		expect([moneyAfter!.available, moneyAfter!.held]).toEqual([moneyBefore!.available, moneyBefore!.held])
		// The holder is told on the site and by an email with a link that answers it.
		const email = await db.prisma.emailOutbox.findFirstOrThrow({
			where: { to: people.sam.email, subject: 'Daniel Price asks you to approve a booking' },
		})
		expect(email.body).toContain(`/proposals/answer/${token}`)
		expect((await proposalsWaitingFor(ids.sam)).map((p) => p.id)).toEqual([proposalId])
		expect((await samsHome()).proposals).toEqual(await proposalsWaitingFor(ids.sam))
		// The lists read their names in one query (issue 14); each entry is the proposal's own page, names and all.
		expect(await proposalsWaitingFor(ids.sam)).toEqual([await proposalPage(people.sam, proposalId)])
		expect((await proposalsBy(people.daniel.id, [ids.sam])).find((p) => p.id === proposalId)).toEqual(
			await proposalPage(people.daniel, proposalId),
		)
		expect(await proposalPage(people.sam, proposalId)).toMatchObject({ proposedBy: 'Daniel Price' })
		// Only the holder answers; the helper sees it, strangers learn nothing.
		expect((await proposalPage(people.daniel, proposalId)).canAnswer).toBe(false)
		expect(await refused(approveProposal(people.daniel, proposalId))).toMatchObject({ status: 403 })
		expect(await refused(approveProposal(people.stranger, proposalId))).toMatchObject({ status: 404 })
		await expect(proposalPage(people.stranger, proposalId)).rejects.toMatchObject({ status: 404 })
		expect(await counts()).toEqual(before)

		const first = await approveProposal(people.sam, proposalId)
		expect(first.replayed).toBe(false)
		const again = await approveProposal(people.sam, proposalId)
		expect(again).toEqual({ bookingId: first.bookingId, replayed: true })
		expect((await counts()).bookings).toBe(before.bookings + 1)
		const made = await db.prisma.booking.findUniqueOrThrow({ where: { id: first.bookingId } })
		expect(made).toMatchObject({ status: 'REQUESTED', bookedById: people.sam.id, totalPence: 3_000 })
		const provider = await db.prisma.notification.findFirstOrThrow({
			where: { link: `/bookings/${made.id}`, title: 'New booking request from Sam Taylor' },
		})
		expect(provider.body).toContain('Daniel Price (broker) suggested it.')
		// The emailed link was for this proposal: it works no more.
		expect(await proposalByToken(people.sam, token!)).toBeNull()
		const sentences = (await trailRows(people.sam, ids.sam)).rows.map((r) => r.sentence)
		expect(
			sentences.some((s) =>
				/^Daniel Price \(broker\) asked you to approve 2 hours with Amina Shah on .*, above their limit, for £30\.00$/.test(
					s,
				),
			),
		).toBe(true)
		expect(sentences.some((s) => /^You approved the booking Daniel Price suggested with Amina Shah on /.test(s))).toBe(
			true,
		)
		expect(
			sentences.some((s) => /^You booked 2 hours with Amina Shah for you on .*, as Daniel Price suggested$/.test(s)),
		).toBe(true)
		expect(
			(
				await db.prisma.notification.findFirstOrThrow({
					where: { userId: people.daniel.id, link: `/bookings/${made.id}` },
				})
			).title,
		).toBe('Sam Taylor said yes to your booking')
	})

	it('answers from the emailed link only for the holder signed in, and only once', async () => {
		const { proposalId, token } = await proposeBooking(people.grace, booking({ startMinute: 16 * 60 }))
		await expect(proposalByToken(people.grace, token!)).rejects.toMatchObject({ status: 404 })
		expect(await refused(declineProposal(people.sam, proposalId, { token: 'not-the-token' }))).toMatchObject({
			status: 404,
		})
		expect((await proposalByToken(people.sam, token!))?.id).toBe(proposalId)
		const before = await counts()
		await declineProposal(people.sam, proposalId, { token, reason: 'Not that day' })
		expect(await proposalByToken(people.sam, token!)).toBeNull()
		expect(await refused(approveProposal(people.sam, proposalId))).toMatchObject({ code: 'WRONG_STATE' })
		expect(await counts()).toEqual(before)
		expect((await proposalPage(people.grace, proposalId)).declineReason).toBe('Not that day')
		const sentences = (await trailRows(people.sam, ids.sam)).rows.map((r) => r.sentence)
		expect(sentences.some((s) => /^You declined the booking Grace Okafor suggested with Amina Shah on /.test(s))).toBe(
			true,
		)
		expect(
			sentences.some((s) =>
				/^Grace Okafor \(carer or representative\) asked you to approve 1 hour with Amina Shah/.test(s),
			),
		).toBe(true)
	})

	it('answers from the emailed link’s page once, for the holder signed in; anyone else is told nothing', async () => {
		const { proposalId, token } = await proposeBooking(people.daniel, booking({ minutes: 120, startMinute: 17 * 60 }))
		const url = `/proposals/answer/${token}`
		const sam = await cookieFor(people.sam.id)
		const signedOut = await responseOf(answerLoader({ request: get(url, ''), params: { token: token! }, context: {} }))
		expect(signedOut.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
		const asDaniel = await cookieFor(people.daniel.id)
		expect(await statusOf(answerLoader({ request: get(url, asDaniel), params: { token: token! }, context: {} }))).toBe(
			404,
		)
		expect(
			await statusOf(
				answerAction({
					request: await post(url, asDaniel, { intent: 'approve' }),
					params: { token: token! },
					context: {},
				}),
			),
		).toBe(404)
		expect(await statusOf(answerLoader({ request: get(url, sam), params: { token: token! }, context: {} }))).toBe(200)
		const yes = await responseOf(
			answerAction({ request: await post(url, sam, { intent: 'approve' }), params: { token: token! }, context: {} }),
		)
		expect(yes.status).toBe(302)
		const { bookingId } = await db.prisma.bookingProposal.findUniqueOrThrow({ where: { id: proposalId } })
		expect(yes.headers.get('Location')).toBe(`/bookings/${bookingId}?sent=1`)
		// Used: the link works no more.
		expect(
			await statusOf(
				answerAction({ request: await post(url, sam, { intent: 'decline' }), params: { token: token! }, context: {} }),
			),
		).toBe(404)
		expect((await proposalPage(people.sam, proposalId)).status).toBe('APPROVED')
	})

	it('says clearly when the money is short on approval, changing nothing, and the proposal still waits', async () => {
		const { proposalId } = await proposeBooking(people.daniel, booking({ minutes: 180, date: addLocalDays(day, 1) }))
		// Sam then books most of the budget themself: the £45 is no longer free.
		const hour = await quoteBooking(db.prisma, people.sam, booking({ date: addLocalDays(day, 2), startMinute: 8 * 60 }))
		const perHour = hour.totalPence
		const hours = Math.floor((hour.afterPence + perHour) / perHour)
		const weekly = Math.min(12, Math.floor(hours / 12))
		await requestBooking(
			people.sam,
			booking({ minutes: 60 * weekly, weeks: 12, date: addLocalDays(day, 2), startMinute: 8 * 60 }),
		)
		const rest = Math.floor(
			(await quoteBooking(db.prisma, people.sam, booking({ date: addLocalDays(day, 3), startMinute: 8 * 60 })))
				.afterPence / perHour,
		)
		if (rest > 0) {
			await requestBooking(people.sam, booking({ minutes: 60 * rest, date: addLocalDays(day, 3), startMinute: 8 * 60 }))
		}
		const before = await counts()
		const short = await refused(approveProposal(people.sam, proposalId))
		expect(short.code).toBe('NOT_ENOUGH_MONEY')
		expect(short.message).toContain('There is not enough money in Sam Taylor’s budget')
		expect(short.message).toContain('Nothing was booked and the suggestion still waits')
		expect(await counts()).toEqual(before)
		expect((await proposalPage(people.sam, proposalId)).status).toBe('WAITING')
		await withdrawProposal(people.daniel, proposalId)
		expect((await proposalPage(people.sam, proposalId)).status).toBe('WITHDRAWN')
	})

	it('keeps "Acting for" in a signed cookie that counts only while the rights last', async () => {
		const daniel = await cookieFor(people.daniel.id)
		const acted = await responseOf(
			helpingAction({
				request: await post('/helping', daniel, { intent: 'act', holderId: ids.sam }),
				params: {},
				context: {},
			}),
		)
		expect(acted.status).toBe(302)
		const acting = acted.headers.get('Set-Cookie')!.split(';')[0]!
		expect(acting).toMatch(/^bm_acting=/)
		const request = get('/search', `${daniel}; ${acting}`)
		expect(await actingFor(request, people.daniel)).toEqual({ id: ids.sam, displayName: 'Sam Taylor' })
		// The cookie is no key: someone else's browser with it acts for nobody, and a forged one is ignored.
		expect(await actingFor(request, people.stranger)).toBeNull()
		expect(
			await actingFor(get('/search', `bm_acting=${encodeURIComponent(btoa(JSON.stringify(ids.sam)))}`), people.daniel),
		).toBeNull()
		// Nobody may act for someone who gave them nothing.
		const stranger = await cookieFor(people.stranger.id)
		expect(
			await statusOf(
				helpingAction({
					request: await post('/helping', stranger, { intent: 'act', holderId: ids.sam }),
					params: {},
					context: {},
				}),
			),
		).toBe(404)
		const waiting = { holderId: ids.sam, proposedById: people.daniel.id, status: 'WAITING' as const }
		// Sam's money is all asked for by now, so this suggestion is written as proposeBooking leaves one waiting.
		await db.prisma.bookingProposal.create({
			data: {
				holderId: ids.sam,
				proposedById: people.daniel.id,
				serviceId: ids.care,
				date: addLocalDays(day, 5),
				startMinute: 9 * 60,
				minutes: 180,
				totalPence: 4_500,
				currency: 'GBP',
				reason: 'OVER_LIMIT',
				idempotencyKey: randomUUID(),
				tokenHash: randomUUID(),
			},
		})
		expect(await db.prisma.bookingProposal.count({ where: waiting })).toBeGreaterThan(0)
		await withdrawHelper(people.sam, ids.sam, ids.danielDelegation)
		expect(await actingFor(request, people.daniel)).toBeNull()
		// Daniel's suggestions still waiting ended with his rights: Sam is not left to answer them.
		expect(await db.prisma.bookingProposal.count({ where: waiting })).toBe(0)
		const ended = await db.prisma.bookingProposal.findFirstOrThrow({
			where: { holderId: ids.sam, proposedById: people.daniel.id, status: 'WITHDRAWN' },
		})
		expect(await refused(approveProposal(people.sam, ended.id))).toMatchObject({ code: 'WRONG_STATE' })
	})

	it('refuses a helper whose rights were withdrawn: no proposal, no shortlist, nothing to act for', async () => {
		await changeHelper(people.sam, ids.sam, ids.graceDelegation, {
			rights: ['REVIEW'],
			perBooking: null,
			perMonth: null,
			endsOn: null,
		})
		expect(await refused(proposeBooking(people.grace, booking({ startMinute: 9 * 60 })))).toMatchObject({ status: 404 })
		expect(await actingTarget(people.daniel, ids.sam)).toBeNull()
		expect(await refused(proposeBooking(people.daniel, booking({ startMinute: 9 * 60 })))).toMatchObject({
			status: 404,
		})
		expect(
			await refused(saveToShortlist(people.daniel, { holderId: ids.sam, providerId: ids.amina, note: null })),
		).toMatchObject({ status: 404 })
		expect((await helpingPage(people.daniel)).people).toEqual([])
	})
})
