/**
 * The public page cache (server/page-cache.ts, ADR 027) in the built app, served from this test process on a fresh
 * database: an anonymous visitor's second request is served from the cache with a new nonce, a signed-in person's
 * never is, If-None-Match gives 304, and a change to a provider's price, profile, availability or reviews (through
 * the same domain functions the provider's pages call) shows on the next anonymous request once the process has
 * read the new content version (PAGE_CACHE_CHECK_MS, 1 s by default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateAbout } from '#app/domain/providers/profile.server.ts'
import { addWeeklyRange } from '#app/domain/providers/profile-availability.server.ts'
import { updateService } from '#app/domain/providers/profile-services.server.ts'
import { recomputeProviderRating } from '#app/domain/reviews/rating.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import {
	createBookingRecord,
	createFunder,
	createHolder,
	createProviderWithService,
	TEST_PASSWORD,
	type CreatedProvider,
} from '#tests/db-utils.ts'
import { HttpPerson } from '#tests/setup/http-person.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { serveApp, type AppServer } from './app-server.ts'

let db: TestDb
let server: AppServer
let amy: CreatedProvider
let holderEmail = ''
let holderId = ''

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	const p = db.prisma
	amy = await createProviderWithService(p, { provider: { name: 'Amy Cachetest' } })
	const funder = await createFunder(p)
	const holder = await createHolder(p, { funderId: funder.id, displayName: 'Hana Holder' })
	holderEmail = holder.user?.email ?? ''
	holderId = holder.holder.id
	server = await serveApp()
})

afterAll(async () => {
	await server?.close()
	await db?.cleanup()
})

const profilePath = () => `/providers/${amy.provider.slug}`
const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('Content-Security-Policy') ?? '')?.[1] ?? ''

/** An anonymous GET (no cookies at all, as a first visit or a benchmark): status, headers and page. */
async function anonymous(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.base}${path}`, { headers })
	return { response, html: await response.text() }
}

/** Asks until the anonymous page shows `text` (the change reached this process), and says how long it took. */
async function waitForPage(path: string, text: string | RegExp): Promise<number> {
	const started = Date.now()
	await expect
		.poll(async () => (await anonymous(path)).html, { timeout: 10_000, interval: 100 })
		.toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text)
	return Date.now() - started
}

/** The page is in the cache now: requested until it is a hit, so a later change is proved to replace a cached copy. */
async function cached(path: string): Promise<string> {
	await anonymous(path)
	const { response, html } = await anonymous(path)
	expect(response.headers.get('X-Cache'), path).toBe('hit')
	return html
}

describe('the public page cache in the app', () => {
	it('serves the second anonymous request from the cache with a new nonce in header and body each time', async () => {
		for (const path of ['/', '/providers', '/search?q=personal+care', profilePath()]) {
			const first = await anonymous(path)
			expect(first.response.status, path).toBe(200)
			const second = await anonymous(path)
			const third = await anonymous(path)
			for (const { response, html } of [second, third]) {
				expect(response.headers.get('X-Cache'), path).toBe('hit')
				expect(response.headers.get('Cache-Control')).toBe('private, no-cache')
				expect(response.headers.get('X-Frame-Options')).toBe('DENY')
				const nonce = nonceOf(response)
				expect(nonce).not.toBe('')
				expect(html).toContain(`nonce="${nonce}"`)
			}
			expect(nonceOf(second.response)).not.toBe(nonceOf(third.response))
			expect(second.html).not.toContain(nonceOf(third.response))
		}
		// Each visitor gets the CSRF token of their own browser, with its cookie: no two the same.
		const a = (await anonymous('/')).response.headers.get('Set-Cookie')
		const b = (await anonymous('/')).response.headers.get('Set-Cookie')
		expect(a).toMatch(/^bm_csrf=/)
		expect(a).not.toBe(b)
	})

	it('never serves a signed-in person from the cache, and an anonymous visitor never sees their page', async () => {
		await cached(profilePath())
		const person = new HttpPerson(server.base)
		await person.signIn(holderEmail, TEST_PASSWORD)
		for (const path of ['/', profilePath(), '/search?q=personal+care']) {
			const response = await person.get(path)
			expect(response.status, path).toBe(200)
			expect(response.headers.get('X-Cache'), path).toBeNull()
			expect(response.headers.get('Cache-Control'), path).toBe('no-store')
			const html = await response.text()
			expect(html, path).toContain('Sign out')
		}
		for (const path of ['/', profilePath(), '/search?q=personal+care']) {
			const { response, html } = await anonymous(path)
			expect(response.headers.get('X-Cache'), path).toBe('hit')
			expect(html).not.toContain('Sign out')
			expect(html).not.toContain('Hana Holder')
		}
	})

	it('answers If-None-Match from the same browser with 304, without a CSP for its stored copy', async () => {
		const first = await anonymous(profilePath())
		const cookie = (first.response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''
		const again = await anonymous(profilePath(), { Cookie: cookie })
		expect(again.response.headers.get('X-Cache')).toBe('hit')
		const etag = again.response.headers.get('ETag') ?? ''
		expect(etag).toMatch(/^W\/"/)
		const revalidated = await fetch(`${server.base}${profilePath()}`, {
			headers: { Cookie: cookie, 'If-None-Match': etag },
		})
		expect(revalidated.status).toBe(304)
		expect(revalidated.headers.get('Content-Security-Policy')).toBeNull()
		expect(revalidated.headers.get('X-Content-Type-Options')).toBe('nosniff')
		// Without the cookie the page would hold another token: a whole page, and a new cookie.
		expect((await fetch(`${server.base}${profilePath()}`, { headers: { 'If-None-Match': etag } })).status).toBe(200)
	})

	it('shows a new price on the next anonymous request', async () => {
		const before = await cached(profilePath())
		expect(before).toContain('£15.00')
		const s = amy.service
		await updateService(amy.provider.id, s.id, {
			title: s.title,
			description: s.description,
			categorySlug: s.categorySlug,
			priceUnit: s.priceUnit,
			price: 2345,
		})
		const ms = await waitForPage(profilePath(), '£23.45')
		expect((await anonymous(profilePath())).response.headers.get('X-Cache')).toBe('hit')
		console.log(`A new price reached the cached profile in ${ms} ms`)
		await waitForPage('/providers', 'Amy Cachetest')
	})

	it('shows a changed profile on the profile and the directory', async () => {
		await cached(profilePath())
		await cached('/providers')
		const p = await db.prisma.provider.findUniqueOrThrow({ where: { id: amy.provider.id } })
		await updateAbout(amy.provider.id, {
			name: p.name,
			headline: 'Cached-page test headline: gardening and shopping',
			bio: p.bio,
			town: p.town,
			postcodeDistrict: p.postcodeDistrict,
			lat: p.lat,
			lng: p.lng,
			coverRadiusKm: p.coverRadiusKm,
			languages: p.languages,
			accessibility: p.accessibility,
			acceptsGroupBookings: p.acceptsGroupBookings,
			cancellationPolicy: p.cancellationPolicy,
			lateCancelPercent: p.lateCancelPercent,
		} as Parameters<typeof updateAbout>[1])
		await waitForPage(profilePath(), 'Cached-page test headline')
		await waitForPage('/providers', 'Cached-page test headline')
	})

	it('shows new availability', async () => {
		const before = await cached(profilePath())
		expect(before).not.toMatch(/Sunday<!-- -->: <!-- -->10:00/)
		await addWeeklyRange(amy.provider.id, { weekday: 6, startMinute: 10 * 60, endMinute: 12 * 60 }) // Sunday
		await waitForPage(profilePath(), /Sunday<!-- -->: <!-- -->10:00/)
	})

	it('shows a new review', async () => {
		const before = await cached(profilePath())
		expect(before).not.toContain('Shone through the cache')
		const booking = await createBookingRecord(db.prisma, {
			holderId,
			providerId: amy.provider.id,
			serviceId: amy.service.id,
			status: 'CONFIRMED',
			startsAt: new Date(Date.now() - 3 * 86_400_000),
		})
		const holder = await db.prisma.budgetHolder.findUniqueOrThrow({ where: { id: holderId } })
		await db.prisma.$transaction(async (tx) => {
			await tx.review.create({
				data: {
					bookingId: booking.id,
					providerId: amy.provider.id,
					holderId,
					authorId: holder.userId ?? '',
					rating: 5,
					reliable: 5,
					respectful: 5,
					didWhatAgreed: 5,
					body: 'Shone through the cache: kind and on time.',
					visibleFrom: new Date(Date.now() - 60_000),
				},
			})
			await recomputeProviderRating(tx, amy.provider.id, new Date())
		})
		await waitForPage(profilePath(), 'Shone through the cache')
	})
})
