/**
 * Trusted reviews through their loaders and actions, with real Requests against a real database: who may review,
 * once, within 14 days of a delivered session; double-blind visibility both ways and by the passing of time; the
 * provider's one reply; reports; moderation scoped to the moderator's funder; removal that leaves a line and
 * updates the provider's cached rating and the search outbox.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { publishDueReviews } from '#app/domain/reviews/rating.server.ts'
import { reviewStateForBooking } from '#app/domain/reviews/reviews.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { now, setClockOffset } from '#app/utils/clock.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import * as feedbackRoute from '#app/routes/bookings.$bookingId_.feedback.tsx'
import * as reviewRoute from '#app/routes/bookings.$bookingId_.review.tsx'
import * as moderationList from '#app/routes/moderation.reviews.tsx'
import * as moderationDecide from '#app/routes/moderation.reviews_.$reviewId.tsx'
import * as profileRoute from '#app/routes/providers.$slug.tsx'
import * as replyRoute from '#app/routes/reviews.$reviewId.reply.tsx'
import * as reportRoute from '#app/routes/reviews.$reviewId.report.tsx'
import {
	createBookingRecord,
	createFunder,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
} from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'

const DAY = 86_400_000
const HOUR = 3_600_000

let db: TestDb
const ids = {} as Record<
	'funder' | 'otherFunder' | 'sam' | 'margaret' | 'stranger' | 'amina' | 'aminaService' | 'other' | 'otherService',
	string
>
const users = {} as Record<
	'sam' | 'carer' | 'broker' | 'staff' | 'otherStaff' | 'admin' | 'amina' | 'otherOwner' | 'stranger',
	string
>
const cookies = {} as Record<keyof typeof users, string>
let aminaSlug: string

async function sessionUser(userId: string): Promise<SessionUser> {
	return db.prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: { id: true, email: true, name: true, roles: true, funderId: true },
	})
}

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	const p = db.prisma
	ids.funder = (await createFunder(p, { name: 'Leicester City Council' })).id
	ids.otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	users.staff = (
		await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: ids.funder, name: 'Priya Patel' })
	).id
	users.otherStaff = (await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: ids.otherFunder })).id
	users.admin = (await createUserWithRoles(p, { roles: ['ADMIN'], name: 'Alex Morgan' })).id
	users.carer = (await createUserWithRoles(p, { roles: ['REPRESENTATIVE'], name: 'Grace Okafor' })).id
	users.broker = (await createUserWithRoles(p, { roles: ['BROKER'] })).id
	const sam = await createHolder(p, { funderId: ids.funder, displayName: 'Sam Taylor' })
	ids.sam = sam.holder.id
	users.sam = sam.user!.id
	ids.margaret = (await createHolder(p, { funderId: ids.funder, displayName: 'Margaret Okafor', user: null })).holder.id
	const stranger = await createHolder(p, { funderId: ids.otherFunder, displayName: 'Someone Else' })
	ids.stranger = stranger.holder.id
	users.stranger = stranger.user!.id
	await p.delegation.create({
		data: {
			holderId: ids.margaret,
			delegateId: users.carer,
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY', 'REVIEW'],
		},
	})
	await p.delegation.create({
		data: { holderId: ids.sam, delegateId: users.broker, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
	})
	const amina = await createProviderWithService(p, { provider: { name: 'Amina Shah' }, owner: { name: 'Amina Shah' } })
	ids.amina = amina.provider.id
	ids.aminaService = amina.service.id
	users.amina = amina.owner.id
	aminaSlug = amina.provider.slug
	const other = await createProviderWithService(p, { provider: { name: 'Other Provider' } })
	ids.other = other.provider.id
	ids.otherService = other.service.id
	users.otherOwner = other.owner.id
	for (const key of Object.keys(users) as (keyof typeof users)[]) cookies[key] = await cookieFor(users[key])
})

afterEach(() => {
	setClockOffset(0)
})

afterAll(async () => {
	setClockOffset(0)
	await db?.cleanup()
})

// ───────────────────────────── Helpers ─────────────────────────────

let slot = 0
/** A delivered booking with Amina (or another provider), each at its own time so one-to-one sessions never clash. */
async function booking(
	options: {
		holder?: 'sam' | 'margaret' | 'stranger'
		provider?: 'amina' | 'other'
		status?: 'CONFIRMED' | 'RESOLVED' | 'ACCEPTED' | 'DELIVERED'
		confirmedDaysAgo?: number
	} = {},
) {
	slot += 1
	const status = options.status ?? 'CONFIRMED'
	const past = status !== 'ACCEPTED'
	const confirmedDaysAgo = options.confirmedDaysAgo ?? 1
	const startsAt = past
		? new Date(Date.now() - confirmedDaysAgo * DAY - 3 * HOUR - slot * 3 * HOUR)
		: new Date(Date.now() + DAY + slot * 3 * HOUR)
	const holderId = ids[options.holder ?? 'sam']
	const provider = options.provider ?? 'amina'
	return createBookingRecord(db.prisma, {
		holderId,
		providerId: provider === 'amina' ? ids.amina : ids.other,
		serviceId: provider === 'amina' ? ids.aminaService : ids.otherService,
		bookedById: options.holder === 'margaret' ? users.carer : undefined,
		status,
		startsAt,
		overrides:
			status === 'CONFIRMED' || status === 'RESOLVED'
				? { confirmedAt: new Date(Date.now() - confirmedDaysAgo * DAY) }
				: {},
	})
}

type Reply = { result: { status: string; error: Record<string, string[]>; initialValue: Record<string, unknown> } }

const goodReview = {
	rating: '4',
	reliable: '5',
	respectful: '4',
	didWhatAgreed: '3',
	body: 'Amina was on time and kind, and helped me get to the shops.',
}
const goodFeedback = { rating: '5', body: 'Clear arrangements and a warm welcome every time.' }

const review = {
	load: (bookingId: string, cookie: string) =>
		reviewRoute.loader({ request: get(`/bookings/${bookingId}/review`, cookie), params: { bookingId }, context: {} }),
	send: async (bookingId: string, cookie: string, fields: Record<string, string> = goodReview, withCsrf = true) =>
		responseOf(
			reviewRoute.action({
				request: await post(`/bookings/${bookingId}/review`, cookie, fields, withCsrf),
				params: { bookingId },
				context: {},
			}),
		),
}
const feedback = {
	load: (bookingId: string, cookie: string) =>
		feedbackRoute.loader({
			request: get(`/bookings/${bookingId}/feedback`, cookie),
			params: { bookingId },
			context: {},
		}),
	send: async (bookingId: string, cookie: string, fields: Record<string, string> = goodFeedback) =>
		responseOf(
			feedbackRoute.action({
				request: await post(`/bookings/${bookingId}/feedback`, cookie, fields),
				params: { bookingId },
				context: {},
			}),
		),
}
const reply = {
	load: (reviewId: string, cookie: string) =>
		replyRoute.loader({ request: get(`/reviews/${reviewId}/reply`, cookie), params: { reviewId }, context: {} }),
	send: async (reviewId: string, cookie: string, text: string) =>
		responseOf(
			replyRoute.action({
				request: await post(`/reviews/${reviewId}/reply`, cookie, { reply: text }),
				params: { reviewId },
				context: {},
			}),
		),
}
const report = {
	load: (reviewId: string, cookie: string) =>
		reportRoute.loader({ request: get(`/reviews/${reviewId}/report`, cookie), params: { reviewId }, context: {} }),
	send: async (reviewId: string, cookie: string, reason: string) =>
		responseOf(
			reportRoute.action({
				request: await post(`/reviews/${reviewId}/report`, cookie, { reason }),
				params: { reviewId },
				context: {},
			}),
		),
}
const moderation = {
	list: (cookie: string) =>
		moderationList.loader({ request: get('/moderation/reviews', cookie), params: {}, context: {} }),
	load: (reviewId: string, cookie: string) =>
		moderationDecide.loader({
			request: get(`/moderation/reviews/${reviewId}`, cookie),
			params: { reviewId },
			context: {},
		}),
	decide: async (reviewId: string, cookie: string, fields: Record<string, string>) =>
		responseOf(
			moderationDecide.action({
				request: await post(`/moderation/reviews/${reviewId}`, cookie, fields),
				params: { reviewId },
				context: {},
			}),
		),
}

type ProfileData = {
	provider: {
		ratingAverage: number | null
		reviewCount: number
		removedCount: number
		questionAverages: Record<'reliable' | 'respectful' | 'didWhatAgreed', number | null>
		reviews: {
			id: string
			status: string
			body: string | null
			removedReason: string | null
			providerReply: string | null
			canReply: boolean
			canReport: boolean
		}[]
	}
}
async function profile(cookie = ''): Promise<ProfileData['provider']> {
	const response = (await profileRoute.loader({
		request: get(`/providers/${aminaSlug}`, cookie),
		params: { slug: aminaSlug },
		context: {},
	})) as Response
	return ((await response.json()) as ProfileData).provider
}

type PageState = {
	state: {
		canReview: boolean
		canGiveFeedback: boolean
		reviewWritten: boolean
		feedbackWritten: boolean
		windowClosesAt: string | null
		window: string
		review: { id: string; body: string | null; rating: number; isPublic: boolean } | null
		feedback: { id: string; body: string } | null
	}
}
async function stateOf(promise: Promise<unknown>): Promise<PageState['state']> {
	const response = (await promise) as Response
	return ((await response.json()) as PageState).state
}

const outboxRows = (providerId: string) => db.prisma.searchOutbox.count({ where: { providerId } })
const notificationsOf = (userId: string) =>
	db.prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })

/** A review on its own booking, made visible by the provider writing too. */
async function visibleReview(options: { holder?: 'sam' | 'margaret'; rating?: string; body?: string } = {}) {
	const b = await booking({ holder: options.holder })
	const cookie = options.holder === 'margaret' ? cookies.carer : cookies.sam
	expect(
		(
			await review.send(b.id, cookie, {
				...goodReview,
				rating: options.rating ?? goodReview.rating,
				body: options.body ?? goodReview.body,
			})
		).status,
	).toBe(302)
	expect((await feedback.send(b.id, cookies.amina)).status).toBe(302)
	return db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } })
}

// ───────────────────────────── Writing a review ─────────────────────────────

describe('writing a review', () => {
	it('lets the holder review a delivered session once, hidden from the provider until the window closes', async () => {
		const b = await booking()
		const before = await stateOf(review.load(b.id, cookies.sam))
		expect(before).toMatchObject({
			canReview: true,
			reviewWritten: false,
			feedbackWritten: false,
			window: 'open',
			review: null,
			feedback: null,
		})
		const outboxBefore = await outboxRows(ids.amina)

		const response = await review.send(b.id, cookies.sam)
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/bookings/${b.id}/review?written=1`)
		const saved = await db.prisma.review.findMany({ where: { bookingId: b.id } })
		expect(saved).toHaveLength(1)
		expect(saved[0]).toMatchObject({
			authorId: users.sam,
			holderId: ids.sam,
			providerId: ids.amina,
			rating: 4,
			reliable: 5,
			respectful: 4,
			didWhatAgreed: 3,
			body: goodReview.body,
			status: 'PUBLISHED',
			visibleFrom: new Date(b.confirmedAt!.getTime() + 14 * DAY),
		})
		// Not visible yet: nothing about the rating changes, and the provider is told only that a review exists.
		expect(
			await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina }, select: { reviewCount: true } }),
		).toEqual({ reviewCount: 0 })
		expect(await outboxRows(ids.amina)).toBe(outboxBefore)
		const told = await notificationsOf(users.amina)
		expect(told.filter((n) => /^Sam T\. has reviewed the session on /.test(n.title))).toHaveLength(1)
		expect(told.filter((n) => n.title === 'A new review is on your profile')).toHaveLength(0)
		expect(told.map((n) => n.body).join(' ')).not.toContain(goodReview.body)

		const after = await stateOf(review.load(b.id, cookies.sam))
		expect(after).toMatchObject({
			canReview: false,
			reviewWritten: true,
			review: { body: goodReview.body, isPublic: false },
		})
	})

	it('makes one review of a double submission, and refuses a different second review with a clear message', async () => {
		const b = await booking()
		const [first, second] = await Promise.all([review.send(b.id, cookies.sam), review.send(b.id, cookies.sam)])
		expect(first.status).toBe(302)
		expect(second.status).toBe(302)
		expect(await db.prisma.review.count({ where: { bookingId: b.id } })).toBe(1)

		const again = await review.send(b.id, cookies.sam, {
			...goodReview,
			rating: '1',
			body: 'Actually I changed my mind about all of it.',
		})
		expect(again.status).toBe(409)
		expect(((await again.json()) as Reply).result.error['']).toEqual([
			'This session has already been reviewed. Each booking can be reviewed once, and a review cannot be changed.',
		])
		expect(await db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({
			rating: 4,
			body: goodReview.body,
		})
	})

	it('refuses a session that has not been delivered yet', async () => {
		for (const status of ['ACCEPTED', 'DELIVERED'] as const) {
			const b = await booking({ status })
			expect(await stateOf(review.load(b.id, cookies.sam))).toMatchObject({
				canReview: false,
				window: 'not-delivered',
				windowClosesAt: null,
			})
			const response = await review.send(b.id, cookies.sam)
			expect(response.status).toBe(400)
			expect(((await response.json()) as Reply).result.error['']).toEqual([
				'You can review this session once the session has happened and been confirmed as delivered.',
			])
			expect(await db.prisma.review.count({ where: { bookingId: b.id } })).toBe(0)
		}
	})

	it('accepts a resolved session, and refuses one confirmed more than 14 days ago', async () => {
		const resolved = await booking({ status: 'RESOLVED' })
		expect((await review.send(resolved.id, cookies.sam)).status).toBe(302)

		const old = await booking({ confirmedDaysAgo: 15 })
		expect(await stateOf(review.load(old.id, cookies.sam))).toMatchObject({ canReview: false, window: 'closed' })
		const response = await review.send(old.id, cookies.sam)
		expect(response.status).toBe(400)
		expect(((await response.json()) as Reply).result.error['']?.[0]).toMatch(
			/^The time to review this session ended on .+ You can only do this within 14 days of the session being confirmed\.$/,
		)
		expect(await db.prisma.review.count({ where: { bookingId: old.id } })).toBe(0)
	})

	it('says what is wrong with each answer, keeping what was typed, and saves nothing', async () => {
		const b = await booking()
		const response = await review.send(b.id, cookies.sam, { rating: '4', reliable: '9', body: 'Too short' })
		expect(response.status).toBe(400)
		const { result } = (await response.json()) as Reply
		expect(result.error).toEqual({
			reliable: ['Answer “Were they reliable?” with 1 to 5'],
			respectful: ['Answer “Were they respectful?” with 1 to 5'],
			didWhatAgreed: ['Answer “Did they do what was agreed?” with 1 to 5'],
			body: ['Your review must be at least 10 characters'],
		})
		expect(result.initialValue).toMatchObject({ rating: '4', reliable: '9', body: 'Too short' })
		expect(await db.prisma.review.count({ where: { bookingId: b.id } })).toBe(0)
	})

	it('lets a representative with the REVIEW right review for the holder', async () => {
		const b = await booking({ holder: 'margaret' })
		expect(await statusOf(review.load(b.id, cookies.carer))).toBe(200)
		expect((await review.send(b.id, cookies.carer)).status).toBe(302)
		expect(await db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({
			authorId: users.carer,
			holderId: ids.margaret,
		})
	})

	it('refuses everyone else: 403 for those who can see the booking, 404 for those who cannot, and writes nothing', async () => {
		const b = await booking()
		// Can see the booking but may not review: the broker (VIEW and BOOK only), the funder's staff, an admin, the provider.
		for (const who of ['broker', 'staff', 'admin', 'amina'] as const) {
			expect(await statusOf(review.load(b.id, cookies[who])), who).toBe(403)
			expect((await review.send(b.id, cookies[who])).status, who).toBe(403)
		}
		// Has nothing to do with it.
		for (const who of ['otherStaff', 'stranger', 'carer', 'otherOwner'] as const) {
			expect(await statusOf(review.load(b.id, cookies[who])), who).toBe(404)
			expect((await review.send(b.id, cookies[who])).status, who).toBe(404)
		}
		expect(await statusOf(review.load('no-such-booking', cookies.sam))).toBe(404)
		// Signed out: to the sign-in page. Without the form's CSRF token: refused.
		expect(await statusOf(review.load(b.id, ''))).toBe(302)
		expect((await review.send(b.id, '')).status).toBe(302)
		expect((await review.send(b.id, cookies.sam, goodReview, false)).status).toBe(403)
		expect(await db.prisma.review.count({ where: { bookingId: b.id } })).toBe(0)
	})
})

// ───────────────────────────── Double-blind ─────────────────────────────

describe('double-blind', () => {
	it('hides the holder’s review from the provider everywhere until the provider writes too, then shows both', async () => {
		const b = await booking()
		expect((await review.send(b.id, cookies.sam)).status).toBe(302)
		const written = await db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } })

		// The provider knows a review exists, but not what it says: not on the feedback page, the booking state,
		// the profile, the reply page or the report page.
		const providerState = await stateOf(feedback.load(b.id, cookies.amina))
		expect(providerState).toMatchObject({ canGiveFeedback: true, reviewWritten: true, review: null })
		const forBookingPage = await reviewStateForBooking(b.id, await sessionUser(users.amina), now())
		expect(forBookingPage).toMatchObject({
			canReview: false,
			canGiveFeedback: true,
			reviewWritten: true,
			feedbackWritten: false,
			review: null,
			feedback: null,
		})
		expect((await profile(cookies.amina)).reviews.map((r) => r.id)).not.toContain(written.id)
		expect(await statusOf(reply.load(written.id, cookies.amina))).toBe(404)
		expect(await statusOf(report.load(written.id, cookies.amina))).toBe(404)
		expect((await reply.send(written.id, cookies.amina, 'Thank you so much for this kind review.')).status).toBe(404)

		const outboxBefore = await outboxRows(ids.amina)
		const response = await feedback.send(b.id, cookies.amina)
		expect(response.status).toBe(302)
		const [reviewNow, feedbackNow] = await Promise.all([
			db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } }),
			db.prisma.providerFeedback.findUniqueOrThrow({ where: { bookingId: b.id } }),
		])
		expect(reviewNow.visibleFrom.getTime()).toBeLessThanOrEqual(Date.now())
		expect(feedbackNow.visibleFrom.getTime()).toBe(reviewNow.visibleFrom.getTime())
		expect(feedbackNow).toMatchObject({ authorId: users.amina, rating: 5, body: goodFeedback.body })
		// Now visible: on the profile, in the cached rating, in the search outbox; the provider is told.
		expect((await profile()).reviews.map((r) => r.id)).toContain(written.id)
		expect(await outboxRows(ids.amina)).toBeGreaterThan(outboxBefore)
		expect(
			(await notificationsOf(users.amina)).filter((n) => n.link === `/providers/${aminaSlug}#review-${written.id}`),
		).toMatchObject([{ title: 'A new review is on your profile' }])
		expect(await stateOf(feedback.load(b.id, cookies.amina))).toMatchObject({
			canGiveFeedback: false,
			review: { id: written.id, body: goodReview.body },
		})
		expect(await stateOf(review.load(b.id, cookies.sam))).toMatchObject({ feedback: { body: goodFeedback.body } })
	})

	it('hides the provider’s feedback from the holder until the holder writes too', async () => {
		const b = await booking()
		expect((await feedback.send(b.id, cookies.amina)).status).toBe(302)
		const hidden = await db.prisma.providerFeedback.findUniqueOrThrow({ where: { bookingId: b.id } })
		expect(hidden.visibleFrom).toEqual(new Date(b.confirmedAt!.getTime() + 14 * DAY))
		expect(await stateOf(review.load(b.id, cookies.sam))).toMatchObject({
			canReview: true,
			feedbackWritten: true,
			feedback: null,
		})
		// The holder's side is told that the provider has written, not what.
		const told = (await notificationsOf(users.sam)).filter((n) => n.link === `/bookings/${b.id}/review`)
		expect(told).toHaveLength(1)
		expect(told[0]?.title).toMatch(/^Amina Shah has written about the session on /)
		expect(told[0]?.body).not.toContain(goodFeedback.body)
		// A second, different feedback is refused; the same one again is a retry.
		expect((await feedback.send(b.id, cookies.amina)).status).toBe(302)
		expect(
			(await feedback.send(b.id, cookies.amina, { rating: '1', body: 'Something quite different to say.' })).status,
		).toBe(409)

		expect((await review.send(b.id, cookies.sam)).status).toBe(302)
		const state = await stateOf(review.load(b.id, cookies.sam))
		expect(state).toMatchObject({
			reviewWritten: true,
			feedbackWritten: true,
			feedback: { body: goodFeedback.body },
			review: { isPublic: true },
		})
	})

	it('shows both when the two sides write at the same moment (the booking row is locked)', async () => {
		const b = await booking()
		const [r, f] = await Promise.all([review.send(b.id, cookies.sam), feedback.send(b.id, cookies.amina)])
		expect([r.status, f.status]).toEqual([302, 302])
		const [written, given] = await Promise.all([
			db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } }),
			db.prisma.providerFeedback.findUniqueOrThrow({ where: { bookingId: b.id } }),
		])
		expect(written.visibleFrom.getTime()).toBeLessThanOrEqual(Date.now())
		expect(given.visibleFrom.getTime()).toBeLessThanOrEqual(Date.now())
		expect((await profile()).reviews.map((x) => x.id)).toContain(written.id)
	})

	it('tells the booking page exactly what each person may do and read', async () => {
		const b = await booking()
		const holderState = await reviewStateForBooking(b.id, await sessionUser(users.sam), now())
		expect(holderState).toEqual({
			canReview: true,
			canGiveFeedback: false,
			reviewWritten: false,
			feedbackWritten: false,
			windowClosesAt: new Date(b.confirmedAt!.getTime() + 14 * DAY),
			review: null,
			feedback: null,
		})
		expect(await reviewStateForBooking(b.id, await sessionUser(users.broker), now())).toMatchObject({
			canReview: false,
			canGiveFeedback: false,
		})
		expect(await reviewStateForBooking(b.id, await sessionUser(users.amina), now())).toMatchObject({
			canReview: false,
			canGiveFeedback: true,
		})
		expect(await reviewStateForBooking(b.id, await sessionUser(users.otherStaff), now())).toBeNull()
		expect((await review.send(b.id, cookies.sam)).status).toBe(302)
		const afterReview = await reviewStateForBooking(b.id, await sessionUser(users.sam), now())
		expect(afterReview).toMatchObject({
			canReview: false,
			reviewWritten: true,
			review: { rating: 4, body: goodReview.body, isPublic: false },
		})
		// The funder's staff oversee the holder's side, so they read the holder's review, not the provider's feedback early.
		expect(await reviewStateForBooking(b.id, await sessionUser(users.staff), now())).toMatchObject({
			canReview: false,
			review: { body: goodReview.body },
		})
	})

	it('keeps the feedback page for the booking’s provider only', async () => {
		const b = await booking()
		for (const who of ['sam', 'broker', 'staff'] as const) {
			expect(await statusOf(feedback.load(b.id, cookies[who])), who).toBe(403)
			expect((await feedback.send(b.id, cookies[who])).status, who).toBe(403)
		}
		for (const who of ['otherOwner', 'stranger', 'otherStaff'] as const) {
			expect(await statusOf(feedback.load(b.id, cookies[who])), who).toBe(404)
			expect((await feedback.send(b.id, cookies[who])).status, who).toBe(404)
		}
		expect(await db.prisma.providerFeedback.count({ where: { bookingId: b.id } })).toBe(0)
		expect(await reviewStateForBooking(b.id, await sessionUser(users.stranger), now())).toBeNull()
	})
})

// ───────────────────────────── Replies and reports ─────────────────────────────

describe('the provider’s reply', () => {
	it('is once, public, tells the holder, and cannot be changed', async () => {
		const r = await visibleReview()
		expect(await statusOf(reply.load(r.id, cookies.amina))).toBe(200)
		expect((await profile(cookies.amina)).reviews.find((x) => x.id === r.id)).toMatchObject({
			canReply: true,
			canReport: true,
		})

		const text = 'Thank you, Sam. It was a pleasure to help.'
		const response = await reply.send(r.id, cookies.amina, text)
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/providers/${aminaSlug}#review-${r.id}`)
		const after = await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })
		expect(after).toMatchObject({ providerReply: text, rating: r.rating, body: r.body, status: 'PUBLISHED' })
		expect(after.repliedAt).not.toBeNull()
		expect(
			(await notificationsOf(users.sam)).filter(
				(n) => n.title === 'Amina Shah replied to your review' && n.link === `/providers/${aminaSlug}#review-${r.id}`,
			),
		).toHaveLength(1)
		const shown = (await profile()).reviews.find((x) => x.id === r.id)
		expect(shown).toMatchObject({ providerReply: text, canReply: false })

		// The same reply again is a retry; a different one is refused.
		expect((await reply.send(r.id, cookies.amina, text)).status).toBe(302)
		const second = await reply.send(r.id, cookies.amina, 'On second thoughts, here is something else.')
		expect(second.status).toBe(409)
		expect(((await second.json()) as Reply).result.error['']).toEqual([
			'You have already replied to this review. You can reply once, and a reply cannot be changed.',
		])
		expect((await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).providerReply).toBe(text)
	})

	it('is only for the reviewed provider', async () => {
		const r = await visibleReview()
		for (const who of ['sam', 'otherOwner', 'admin'] as const) {
			expect(await statusOf(reply.load(r.id, cookies[who])), who).toBe(403)
			expect((await reply.send(r.id, cookies[who], 'A reply from someone who may not reply.')).status, who).toBe(403)
		}
		expect(await statusOf(reply.load('no-such-review', cookies.amina))).toBe(404)
		expect((await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).providerReply).toBeNull()
	})
})

describe('reporting a review', () => {
	it('lets anyone signed in report a public review with a reason, once while it is open', async () => {
		const r = await visibleReview()
		expect(await statusOf(report.load(r.id, ''))).toBe(302)
		const short = await report.send(r.id, cookies.stranger, 'Rude')
		expect(short.status).toBe(400)
		const { result } = (await short.json()) as Reply
		expect(result.error.reason).toEqual(['What is wrong with this review must be at least 10 characters'])
		expect(result.initialValue.reason).toBe('Rude')

		const sent = await report.send(r.id, cookies.stranger, 'This review names someone’s address.')
		expect(sent.status).toBe(302)
		expect(sent.headers.get('Location')).toBe(`/reviews/${r.id}/report?sent=1`)
		expect((await report.send(r.id, cookies.stranger, 'This review names someone’s address.')).status).toBe(302)
		const reports = await db.prisma.reviewReport.findMany({ where: { reviewId: r.id } })
		expect(reports).toHaveLength(1)
		expect(reports[0]).toMatchObject({
			reporterId: users.stranger,
			reason: 'This review names someone’s address.',
			resolvedAt: null,
		})
		const page = (await ((await report.load(r.id, cookies.stranger)) as Response).json()) as {
			alreadyReported: boolean
		}
		expect(page.alreadyReported).toBe(true)
	})
})

// ───────────────────────────── Moderation ─────────────────────────────

describe('moderation', () => {
	it('is for funder staff (their own funder’s holders) and admins; everyone else is refused and nothing changes', async () => {
		const r = await visibleReview()
		expect((await report.send(r.id, cookies.stranger, 'I do not think this person ever met her.')).status).toBe(302)

		for (const who of ['sam', 'broker', 'amina', 'carer'] as const) {
			expect(await statusOf(moderation.list(cookies[who])), who).toBe(403)
			expect(await statusOf(moderation.load(r.id, cookies[who])), who).toBe(403)
		}
		// Staff of another funder see nothing of it and may not decide on it.
		const theirs = (await ((await moderation.list(cookies.otherStaff)) as Response).json()) as {
			items: { id: string }[]
		}
		expect(theirs.items.map((i) => i.id)).not.toContain(r.id)
		expect(await statusOf(moderation.load(r.id, cookies.otherStaff))).toBe(403)
		const refused = await moderation.decide(r.id, cookies.otherStaff, {
			decision: 'REMOVE',
			reason: 'Removed by the wrong council.',
		})
		expect(refused.status).toBe(403)
		expect(await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
			status: 'PUBLISHED',
			removedReason: null,
		})
		expect(await db.prisma.reviewReport.count({ where: { reviewId: r.id, resolvedAt: null } })).toBe(1)

		// The holder's own funder's staff and admins see it.
		for (const who of ['staff', 'admin'] as const) {
			const list = (await ((await moderation.list(cookies[who])) as Response).json()) as {
				items: { id: string; reports: { reason: string }[] }[]
			}
			expect(
				list.items.find((i) => i.id === r.id)?.reports.map((x) => x.reason),
				who,
			).toEqual(['I do not think this person ever met her.'])
		}
	})

	it('keeps a review by closing its reports with an outcome', async () => {
		const r = await visibleReview()
		expect((await report.send(r.id, cookies.stranger, 'I simply disagree with this review.')).status).toBe(302)
		const empty = await moderation.decide(r.id, cookies.staff, {})
		expect(empty.status).toBe(400)
		expect(((await empty.json()) as Reply).result.error).toEqual({
			decision: ['Choose whether to keep the review or remove it'],
			reason: ['Enter the reason for your decision'],
		})
		const response = await moderation.decide(r.id, cookies.staff, {
			decision: 'KEEP',
			reason: 'It is an honest account of the session.',
		})
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/moderation/reviews?decided=KEEP')
		expect(await db.prisma.reviewReport.findFirstOrThrow({ where: { reviewId: r.id } })).toMatchObject({
			outcome: 'Kept: It is an honest account of the session.',
		})
		expect(await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'PUBLISHED' })
		expect(
			(await notificationsOf(users.stranger)).filter(
				(n) => n.title === 'A moderator looked at the review you reported',
			),
		).toHaveLength(1)
	})

	it('removes a review with a reason: it leaves a line, is counted, and the rating, outbox and author are updated', async () => {
		const kept = await visibleReview({ rating: '5', body: 'Wonderful support, always on time and cheerful.' })
		const removed = await visibleReview({ rating: '1', body: 'A review with a private phone number 07700 900123.' })
		const before = await db.prisma.provider.findUniqueOrThrow({
			where: { id: ids.amina },
			select: { ratingAverage: true, reviewCount: true },
		})
		const counted = await db.prisma.review.findMany({
			where: { providerId: ids.amina, status: 'PUBLISHED', visibleFrom: { lte: new Date() } },
			select: { rating: true },
		})
		expect(before.reviewCount).toBe(counted.length)
		expect(counted.map((c) => c.rating)).toContain(5)
		expect((await report.send(removed.id, cookies.stranger, 'It shares a private phone number.')).status).toBe(302)
		const outboxBefore = await outboxRows(ids.amina)

		const reason = 'It shared someone’s private phone number.'
		const response = await moderation.decide(removed.id, cookies.admin, { decision: 'REMOVE', reason })
		expect(response.status).toBe(302)
		expect(await db.prisma.review.findUniqueOrThrow({ where: { id: removed.id } })).toMatchObject({
			status: 'REMOVED',
			removedReason: reason,
			removedById: users.admin,
		})
		expect(await db.prisma.reviewReport.findFirstOrThrow({ where: { reviewId: removed.id } })).toMatchObject({
			outcome: `Removed: ${reason}`,
		})

		const after = await db.prisma.provider.findUniqueOrThrow({
			where: { id: ids.amina },
			select: { ratingAverage: true, reviewCount: true },
		})
		const remaining = counted.map((c) => c.rating)
		remaining.splice(remaining.indexOf(1), 1)
		expect(after.reviewCount).toBe(before.reviewCount - 1)
		expect(after.ratingAverage).toBe(Math.round((remaining.reduce((a, b) => a + b, 0) / remaining.length) * 100) / 100)
		expect(await outboxRows(ids.amina)).toBe(outboxBefore + 1)
		const told = (await notificationsOf(users.sam)).filter(
			(n) => n.title === 'A moderator removed your review of Amina Shah',
		)
		expect(told).toHaveLength(1)
		expect(told[0]?.body).toContain(reason)

		// The profile keeps a line saying it was removed and why, and counts it; nobody can reply to or report it now.
		const shown = await profile()
		expect(shown.reviews.find((x) => x.id === removed.id)).toMatchObject({
			status: 'REMOVED',
			body: null,
			removedReason: reason,
			canReply: false,
			canReport: false,
		})
		expect(shown.reviews.find((x) => x.id === kept.id)).toMatchObject({ status: 'PUBLISHED' })
		expect(shown.removedCount).toBe(1)
		expect(shown.reviewCount).toBe(after.reviewCount)
		expect((await reply.send(removed.id, cookies.amina, 'A reply to a removed review.')).status).toBe(400)
		expect((await report.send(removed.id, cookies.sam, 'Reporting it once more for luck.')).status).toBe(400)
		// The same removal again changes nothing; a review cannot be removed twice for different reasons.
		expect((await moderation.decide(removed.id, cookies.admin, { decision: 'REMOVE', reason })).status).toBe(302)
		expect(await outboxRows(ids.amina)).toBe(outboxBefore + 1)
		expect(
			(
				await moderation.decide(removed.id, cookies.staff, {
					decision: 'REMOVE',
					reason: 'A different reason this time.',
				})
			).status,
		).toBe(409)
		expect(
			(await moderation.decide(removed.id, cookies.staff, { decision: 'KEEP', reason: 'Bringing it back after all.' }))
				.status,
		).toBe(400)
		expect(await db.prisma.review.findUniqueOrThrow({ where: { id: removed.id } })).toMatchObject({
			status: 'REMOVED',
			removedReason: reason,
		})
	})

	it('does not let a moderator decide on reviews of a provider they own', async () => {
		const r = await visibleReview()
		await db.prisma.user.update({ where: { id: users.amina }, data: { roles: ['PROVIDER', 'ADMIN'] } })
		try {
			expect(await statusOf(moderation.load(r.id, cookies.amina))).toBe(403)
			expect(
				(
					await moderation.decide(r.id, cookies.amina, {
						decision: 'REMOVE',
						reason: 'I would rather not have this one.',
					})
				).status,
			).toBe(403)
			expect(await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'PUBLISHED' })
		} finally {
			await db.prisma.user.update({ where: { id: users.amina }, data: { roles: ['PROVIDER'] } })
		}
	})
})

// ───────────────────────────── The profile and the rating cache ─────────────────────────────

describe('the profile and the cached rating', () => {
	it('shows the averages of the three questions and keeps the cache equal to the published, visible reviews', async () => {
		const shown = await profile()
		const rows = await db.prisma.review.findMany({
			where: { providerId: ids.amina, status: 'PUBLISHED', visibleFrom: { lte: new Date() } },
			select: { rating: true, reliable: true, respectful: true, didWhatAgreed: true },
		})
		expect(rows.length).toBeGreaterThan(2)
		const avg = (xs: number[], d: number) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10 ** d) / 10 ** d
		expect(shown.reviewCount).toBe(rows.length)
		expect(shown.ratingAverage).toBe(
			avg(
				rows.map((r) => r.rating),
				2,
			),
		)
		expect(shown.questionAverages).toEqual({
			reliable: avg(
				rows.map((r) => r.reliable),
				1,
			),
			respectful: avg(
				rows.map((r) => r.respectful),
				1,
			),
			didWhatAgreed: avg(
				rows.map((r) => r.didWhatAgreed),
				1,
			),
		})
		// Hidden reviews (written first, window still open) are not on the profile.
		const hidden = await db.prisma.review.findMany({
			where: { providerId: ids.amina, visibleFrom: { gt: new Date() } },
			select: { id: true },
		})
		expect(hidden.length).toBeGreaterThan(0)
		const shownIds = new Set(shown.reviews.map((r) => r.id))
		for (const h of hidden) expect(shownIds.has(h.id)).toBe(false)
	})
})

// ───────────────────────────── When the window closes (moves the clock: keep last) ─────────────────────────────

describe('when the 14 days pass', () => {
	it('shows what was written first to the other side, closes writing, and publishDueReviews updates the rating once', async () => {
		const b = await booking({ provider: 'other' })
		expect((await review.send(b.id, cookies.sam, { ...goodReview, rating: '2' })).status).toBe(302)
		const written = await db.prisma.review.findUniqueOrThrow({ where: { bookingId: b.id } })
		const onlyFeedback = await booking({ provider: 'other' })
		expect((await feedback.send(onlyFeedback.id, cookies.otherOwner)).status).toBe(302)

		expect(
			await db.prisma.provider.findUniqueOrThrow({
				where: { id: ids.other },
				select: { reviewCount: true, ratingAverage: true },
			}),
		).toEqual({ reviewCount: 0, ratingAverage: null })
		expect(await publishDueReviews(now())).toEqual({ reviewsPublished: 0, providersUpdated: 0 })

		setClockOffset(15 * DAY)
		// The provider now reads the review, and can no longer write; the holder reads the feedback and cannot review.
		expect(await stateOf(feedback.load(b.id, cookies.otherOwner))).toMatchObject({
			canGiveFeedback: false,
			window: 'closed',
			review: { id: written.id, isPublic: true },
		})
		expect((await feedback.send(b.id, cookies.otherOwner)).status).toBe(400)
		expect(await stateOf(review.load(onlyFeedback.id, cookies.sam))).toMatchObject({
			canReview: false,
			window: 'closed',
			feedback: { body: goodFeedback.body },
		})
		expect((await review.send(onlyFeedback.id, cookies.sam)).status).toBe(400)

		// Every review written first and left alone is due now (the other provider's one, and Amina's from above).
		const due = await db.prisma.review.findMany({
			where: { visibleFrom: { gt: new Date(), lte: now() } },
			select: { providerId: true },
		})
		expect(due.filter((d) => d.providerId === ids.other)).toHaveLength(1)
		const outboxBefore = await outboxRows(ids.other)
		const first = await publishDueReviews(now())
		expect(first).toEqual({
			reviewsPublished: due.length,
			providersUpdated: new Set(due.map((d) => d.providerId)).size,
		})
		expect(
			await db.prisma.provider.findUniqueOrThrow({
				where: { id: ids.other },
				select: { reviewCount: true, ratingAverage: true },
			}),
		).toEqual({ reviewCount: 1, ratingAverage: 2 })
		expect(await outboxRows(ids.other)).toBe(outboxBefore + 1)
		const told = await db.prisma.notification.count({
			where: { userId: users.otherOwner, title: 'A new review is on your profile' },
		})
		expect(told).toBe(1)

		// Idempotent: a second run (or another server's) does nothing more.
		expect(await publishDueReviews(now())).toEqual({ reviewsPublished: 0, providersUpdated: 0 })
		expect(await outboxRows(ids.other)).toBe(outboxBefore + 1)
		expect(
			await db.prisma.notification.count({
				where: { userId: users.otherOwner, title: 'A new review is on your profile' },
			}),
		).toBe(1)
	})
})
