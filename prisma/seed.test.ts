import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkLedger, getBalance } from '#app/domain/ledger/ledger.server.ts'
import { verifyPassword } from '#app/domain/people/password.server.ts'
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { type Role } from '#app/generated/prisma/enums.ts'
import { categories } from '#app/domain/reference/categories.ts'
import { towns } from '#app/domain/reference/towns.ts'
import {
	buildUser,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
	TEST_PASSWORD,
} from '#tests/db-utils.ts'
import { createTestDb, testDbKind, type TestDb } from '#tests/setup/test-db.ts'
import { MemoryIndex } from '#search/embedded/memory-index.ts'
import { queryWords, tokenize } from '#search/text.ts'
import { DEFAULT_NOW, DEMO_PASSWORD, demoAccounts, seed, seedIfEmpty, type SeedSummary } from './seed.ts'
import { demoIds, demoInstalmentPence } from './seed/demo.ts'
import {
	addHolders,
	createContext,
	generateHolder,
	generateProvider,
	type GeneratorContext,
	type ProviderBundle,
} from './seed/generate.ts'
import { GENERATED_EMAIL } from './seed/demo-funder-view.ts'
import { bookingTotalPence, formatPounds } from './seed/money.ts'
import { funderSpecs } from './seed/places.ts'
import { createRandom, deriveSeed } from './seed/random.ts'
import { providerSlugBase, SlugRegistry, slugify } from './seed/slug.ts'

// ───────────────────────────── Pure helpers ─────────────────────────────

describe('the seeded random generator', () => {
	it('gives the same sequence for the same seed and another for another seed', () => {
		const draw = (seed: number) => {
			const rng = createRandom(seed)
			return Array.from({ length: 20 }, () => rng.next())
		}
		expect(draw(42)).toEqual(draw(42))
		expect(draw(42)).not.toEqual(draw(43))
		for (const value of draw(7)) {
			expect(value).toBeGreaterThanOrEqual(0)
			expect(value).toBeLessThan(1)
		}
	})

	it('derives different seeds for different parts, even when their text runs together', () => {
		expect(deriveSeed(1, 'provider', 17)).toBe(deriveSeed(1, 'provider', 17))
		expect(deriveSeed('ab', 'c')).not.toBe(deriveSeed('a', 'bc'))
		expect(deriveSeed(1, 'provider', 17)).not.toBe(deriveSeed(1, 'provider', 18))
		expect(deriveSeed(1, 'provider', 17)).not.toBe(deriveSeed(2, 'provider', 17))
	})

	it('draws whole numbers across the whole range, both ends included', () => {
		const rng = createRandom(1)
		const seen = new Set<number>()
		for (let i = 0; i < 2000; i++) {
			const n = rng.int(3, 9)
			expect(Number.isInteger(n)).toBe(true)
			seen.add(n)
		}
		expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9])
		expect(() => rng.int(5, 4)).toThrow(/min ≤ max/)
	})

	it('picks in proportion to the weights', () => {
		const rng = createRandom(2)
		const counts = { a: 0, b: 0, c: 0 }
		for (let i = 0; i < 20_000; i++)
			counts[
				rng.weighted([
					['a', 70],
					['b', 10],
					['c', 20],
				] as const)
			] += 1
		expect(counts.a / 20_000).toBeCloseTo(0.7, 1)
		expect(counts.b / 20_000).toBeCloseTo(0.1, 1)
		expect(counts.c / 20_000).toBeCloseTo(0.2, 1)
	})

	it('rounds prices to whole steps inside the range', () => {
		const rng = createRandom(3)
		for (let i = 0; i < 500; i++) {
			const price = rng.step(1300, 2000, 25)
			expect(price).toBeGreaterThanOrEqual(1300)
			expect(price).toBeLessThanOrEqual(2000)
			expect((price - 1300) % 25).toBe(0)
		}
	})

	it('samples distinct items and shuffles without losing any', () => {
		const rng = createRandom(4)
		const items = ['a', 'b', 'c', 'd', 'e']
		const sample = rng.sample(items, 3)
		expect(new Set(sample).size).toBe(3)
		expect(rng.shuffle(items).sort()).toEqual(items)
		expect(rng.sample(items, 9)).toHaveLength(5)
	})
})

describe('slugs', () => {
	it('makes readable slugs without accents or punctuation', () => {
		expect(slugify("Ciaran O'Neill")).toBe('ciaran-oneill')
		expect(slugify('Paweł Wójcik')).toBe('pawel-wojcik')
		expect(slugify('Arts & Crafts Café')).toBe('arts-and-crafts-cafe')
		expect(providerSlugBase('Amina Shah', 'Leicester')).toBe('amina-shah-leicester')
		expect(providerSlugBase('Leicester Centre for Integrated Living', 'Leicester')).toBe(
			'leicester-centre-for-integrated-living',
		)
		expect(providerSlugBase('Newark-on-Trent Short Breaks', 'Newark-on-Trent')).toBe('newark-on-trent-short-breaks')
	})

	it('adds a number when a slug is taken', () => {
		const slugs = new SlugRegistry(['amina-shah-leicester-2'])
		expect(slugs.take('amina-shah-leicester')).toBe('amina-shah-leicester')
		expect(slugs.take('amina-shah-leicester')).toBe('amina-shah-leicester-3')
		expect(slugs.take('amina-shah-leicester')).toBe('amina-shah-leicester-4')
		expect(slugs.take('zoe-moore-hull')).toBe('zoe-moore-hull')
	})
})

describe('booking prices', () => {
	it('charges hourly prices by the minute, rounded to the penny, and others once', () => {
		expect(bookingTotalPence('PER_HOUR', 1650, 90)).toBe(2475)
		expect(bookingTotalPence('PER_HOUR', 1325, 50)).toBe(1104)
		expect(bookingTotalPence('PER_SESSION', 500, 60)).toBe(500)
		expect(bookingTotalPence('FIXED', 35_000, 240)).toBe(35_000)
		expect(() => bookingTotalPence('PER_HOUR', 1650, 0)).toThrow(/length/)
		expect(formatPounds(240_000)).toBe('£2,400')
		expect(formatPounds(1650)).toBe('£16.50')
	})
})

describe('the towns', () => {
	it('lists at least 50 real UK towns with coordinates in the UK and valid postcode districts', () => {
		expect(towns.length).toBeGreaterThanOrEqual(50)
		expect(new Set(towns.map((t) => t.name)).size).toBe(towns.length)
		for (const town of towns) {
			expect(town.lat, town.name).toBeGreaterThan(49.8)
			expect(town.lat, town.name).toBeLessThan(60.9)
			expect(town.lng, town.name).toBeGreaterThan(-8.7)
			expect(town.lng, town.name).toBeLessThan(1.8)
			for (const district of town.districts) expect(district, town.name).toMatch(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/)
		}
		const leicester = towns.find((t) => t.name === 'Leicester')
		expect(leicester).toMatchObject({ lat: 52.6369, lng: -1.1398 })
		expect(leicester?.districts).toContain('LE1')
		for (const name of [
			'Nottingham',
			'Derby',
			'Sheffield',
			'Leeds',
			'Manchester',
			'Birmingham',
			'Bristol',
			'Norwich',
			'Plymouth',
			'Cardiff',
			'Glasgow',
			'Edinburgh',
			'Belfast',
			'York',
			'Exeter',
			'Brighton',
		]) {
			expect(
				towns.some((t) => t.name === name),
				name,
			).toBe(true)
		}
	})

	it('has a home town on the list for every UK funder', () => {
		for (const funder of funderSpecs) {
			for (const name of funder.towns)
				expect(
					towns.some((t) => t.name === name),
					name,
				).toBe(true)
		}
	})
})

// ───────────────────────────── The generator, without a database ─────────────────────────────

const now = DEFAULT_NOW

function contextWithHolders(randomSeed: number, holders: number): GeneratorContext {
	const ctx = createContext({
		randomSeed,
		now,
		passwordHash: 'hash',
		staffByFunder: new Map([['leicester-city', 'staff']]),
	})
	addHolders(
		ctx,
		Array.from({ length: holders }, (_, i) => generateHolder(ctx, i + 1).ref),
	)
	return ctx
}

function generateMany(ctx: GeneratorContext, count: number): ProviderBundle[] {
	return Array.from({ length: count }, (_, i) => generateProvider(ctx, i + 1))
}

describe('the provider generator', () => {
	it('gives the same providers for the same seed, and different ones for another seed', () => {
		const a = generateMany(contextWithHolders(1, 40), 50)
		const b = generateMany(contextWithHolders(1, 40), 50)
		const c = generateMany(contextWithHolders(2, 40), 50)
		expect(a).toEqual(b)
		expect(c.map((p) => p.provider.name)).not.toEqual(a.map((p) => p.provider.name))
	})

	it('keeps each provider’s identity and prices whatever the number of holders', () => {
		const few = generateMany(contextWithHolders(5, 10), 30)
		const many = generateMany(contextWithHolders(5, 500), 30)
		const identity = (p: ProviderBundle) => ({
			slug: p.provider.slug,
			name: p.provider.name,
			town: p.provider.town,
			lat: p.provider.lat,
			services: p.services.map((s) => [s.title, s.pricePence, s.priceUnit]),
		})
		expect(many.map(identity)).toEqual(few.map(identity))
	})

	it('makes plausible providers: the right mix of kinds, UK prices and about 5% unpublished', () => {
		const bundles = generateMany(contextWithHolders(9, 400), 2000)
		const share = (kind: string) => bundles.filter((b) => b.provider.kind === kind).length / bundles.length
		expect(share('PERSONAL_ASSISTANT')).toBeGreaterThan(0.65)
		expect(share('PERSONAL_ASSISTANT')).toBeLessThan(0.75)
		expect(share('USER_LED_ORGANISATION')).toBeGreaterThan(0.07)
		expect(share('USER_LED_ORGANISATION')).toBeLessThan(0.13)
		expect(share('COMMUNITY_SERVICE')).toBeGreaterThan(0.16)
		expect(share('COMMUNITY_SERVICE')).toBeLessThan(0.24)
		const unpublished = bundles.filter((b) => b.provider.published === false).length / bundles.length
		expect(unpublished).toBeGreaterThan(0.02)
		expect(unpublished).toBeLessThan(0.09)

		const services = bundles.flatMap((b) => b.services.map((s) => ({ ...s, kind: b.provider.kind })))
		for (const s of services) {
			expect(Number.isInteger(s.pricePence)).toBe(true)
			if (s.kind === 'PERSONAL_ASSISTANT') {
				expect(s.priceUnit).toBe('PER_HOUR')
				expect(s.pricePence).toBeGreaterThanOrEqual(1250)
				expect(s.pricePence).toBeLessThanOrEqual(2000)
			}
			if (s.kind === 'USER_LED_ORGANISATION' && s.categorySlug === 'brokerage-and-planning') {
				expect(s.priceUnit).toBe('FIXED')
				expect(s.pricePence).toBeGreaterThanOrEqual(15_000)
				expect(s.pricePence).toBeLessThanOrEqual(60_000)
			}
			if (
				s.kind === 'COMMUNITY_SERVICE' &&
				['fitness-and-wellbeing', 'arts-and-creativity', 'getting-out'].includes(s.categorySlug)
			) {
				expect(s.priceUnit).toBe('PER_SESSION')
				expect(s.pricePence).toBeGreaterThanOrEqual(400)
				expect(s.pricePence).toBeLessThanOrEqual(1200)
				expect(s.durationMinutes).toBeGreaterThan(0)
			}
		}
		expect(services.some((s) => s.maxGroupSize && s.maxGroupSize > 1)).toBe(true)
		expect(bundles.some((b) => b.provider.acceptsGroupBookings)).toBe(true)
		for (const b of bundles) {
			expect((b.provider.languages as string[])[0]).toBe('English')
			expect(b.services.length).toBeGreaterThan(0)
			expect(b.slots.length).toBeGreaterThan(0)
			for (const slot of b.slots) {
				expect(slot.weekday).toBeGreaterThanOrEqual(0)
				expect(slot.weekday).toBeLessThanOrEqual(6)
				expect(slot.startMinute).toBeLessThan(slot.endMinute)
				expect(slot.endMinute).toBeLessThanOrEqual(24 * 60)
			}
		}
		const languages = new Set(bundles.flatMap((b) => b.provider.languages as string[]))
		for (const language of [
			'Welsh',
			'Polish',
			'Urdu',
			'Punjabi',
			'Gujarati',
			'Bengali',
			'Arabic',
			'BSL',
			'Somali',
			'Romanian',
		]) {
			expect(languages, language).toContain(language)
		}
		const kinds = new Set(bundles.flatMap((b) => b.credentials.map((c) => c.kind)))
		expect([...kinds].sort()).toEqual(['BACKGROUND_CHECK', 'FIRST_AID', 'INSURANCE', 'REGISTRATION', 'TRAINING'])
	})

	it('covers the support people buy with personal budgets: every category, and common searches find someone', () => {
		const bundles = generateMany(contextWithHolders(13, 200), 1500)
		const used = new Set(bundles.flatMap((b) => b.services.map((s) => s.categorySlug)))
		expect(categories.filter((c) => !used.has(c.slug)).map((c) => c.slug)).toEqual([])
		// The embedded engine's index over the generated profiles, searched as the page would.
		const names = new Map<string, string>(categories.map((c) => [c.slug, c.name]))
		const kindLabels = {
			PERSONAL_ASSISTANT: 'Personal assistant',
			USER_LED_ORGANISATION: 'User-led organisation',
			COMMUNITY_SERVICE: 'Community service',
		}
		const index = new MemoryIndex()
		for (const b of bundles) {
			const p = b.provider
			const join = (...values: string[]) => tokenize(values.join(' ')).join(' ')
			index.add({
				id: p.id!,
				a: join(p.name),
				b: join(kindLabels[p.kind], ...b.services.map((s) => `${names.get(s.categorySlug)} ${s.title}`), p.town),
				c: join(p.headline ?? ''),
				d: join(p.bio ?? ''),
				facets: {
					kind: [p.kind],
					categories: [],
					serviceTypes: [],
					languages: [],
					accessibility: [],
					credentials: [],
					days: [],
					partsOfDay: [],
					acceptsGroupBookings: [],
					slots: [],
				},
				lat: p.lat,
				lng: p.lng,
				priceFrom: null,
				ratingAverage: null,
				reviewCount: 0,
			})
		}
		const searches = [
			'PA',
			'carer',
			'support worker',
			'sitter',
			'respite',
			'short breaks',
			'someone to help me get up',
			'cleaner',
			'home help',
			'befriender',
			'company',
			'day centre',
			'day opportunities',
			'gardening',
			'handyman',
			'taxi',
			'lifts',
			'swimming',
			'gym',
			'exercise',
			'cooking',
			'meals',
			'shopping',
			'hoist',
			'dementia',
			'memory',
			'learning disability',
			'autism',
			'mental health',
			'peer support',
			'advocate',
			'brokerage',
			'support planning',
			'payroll',
			'OT',
			'physio',
			'massage',
			'counselling',
			'art classes',
			'music',
			'drama',
			'holiday',
			'night sitting',
			'waking night',
			'live-in care',
			'job coach',
			'volunteering',
			'telecare',
			'personal alarm',
			'equipment',
			'adaptations',
			'BSL',
			'transport',
			'personal care',
		]
		const empty = searches.filter((q) => index.search({}, queryWords(q), 0, 1).total === 0)
		expect(empty).toEqual([])
	})

	it('builds past bookings priced from the service, reviews for about 60% of them, and the cached rating', () => {
		const bundles = generateMany(contextWithHolders(11, 300), 1000)
		const bookings = bundles.flatMap((b) => b.bookings)
		const reviews = bundles.flatMap((b) => b.reviews)
		expect(bookings.length).toBeGreaterThan(1000)
		expect(reviews.length / bookings.length).toBeGreaterThan(0.55)
		expect(reviews.length / bookings.length).toBeLessThan(0.65)
		for (const b of bundles) {
			for (const booking of b.bookings) {
				const service = b.services.find((s) => s.id === booking.serviceId)
				const minutes = (new Date(booking.endsAt).getTime() - new Date(booking.startsAt).getTime()) / 60_000
				expect(booking.status).toBe('CONFIRMED')
				expect(new Date(booking.endsAt).getTime()).toBeLessThan(now.getTime())
				expect(booking.unitPricePence).toBe(service?.pricePence)
				expect(booking.totalPence).toBe(bookingTotalPence(booking.priceUnit, booking.unitPricePence, minutes))
			}
			const published = b.reviews.filter((r) => r.status === 'PUBLISHED')
			expect(b.provider.reviewCount).toBe(published.length)
			const average = published.length
				? Math.round((published.reduce((sum, r) => sum + r.rating, 0) / published.length) * 100) / 100
				: null
			expect(b.provider.ratingAverage).toBe(average)
			for (const r of b.reviews) expect(new Date(r.visibleFrom).getTime()).toBeLessThan(now.getTime())
		}
		const ratings = reviews.map((r) => r.rating)
		const fives = ratings.filter((r) => r === 5).length / ratings.length
		expect(fives).toBeGreaterThan(0.4)
		expect(fives).toBeLessThan(0.65)
		expect(ratings.filter((r) => r <= 2).length).toBeGreaterThan(0)
		expect(reviews.some((r) => r.providerReply)).toBe(true)
		expect(reviews.filter((r) => r.status === 'REMOVED').every((r) => r.removedReason)).toBe(true)
	})
})

// ───────────────────────────── Seeding a real database ─────────────────────────────

const expectedRoles: Record<(typeof demoAccounts)[number]['email'], Role[]> = {
	'holder@demo.test': ['HOLDER'],
	'holder2@demo.test': ['HOLDER'],
	'holder3@demo.test': ['HOLDER'],
	'holder4@demo.test': ['HOLDER'],
	'carer@demo.test': ['REPRESENTATIVE'],
	'provider@demo.test': ['PROVIDER'],
	'org@demo.test': ['PROVIDER'],
	'broker@demo.test': ['BROKER'],
	'funder@demo.test': ['FUNDER_STAFF'],
	'admin@demo.test': ['ADMIN'],
}

/** What a visitor sees of the providers, in id order: enough to tell two seeded databases apart. */
async function providerSnapshot(prisma: PrismaClient) {
	return prisma.provider.findMany({
		orderBy: { id: 'asc' },
		select: {
			id: true,
			slug: true,
			name: true,
			kind: true,
			town: true,
			lat: true,
			lng: true,
			languages: true,
			ratingAverage: true,
			reviewCount: true,
			services: { orderBy: { id: 'asc' }, select: { title: true, pricePence: true, priceUnit: true } },
		},
	})
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`
}

describe('seeding 300 providers', () => {
	let db: TestDb
	let summary: SeedSummary | null
	let elapsed: number

	beforeAll(async () => {
		db = await createTestDb()
		const started = performance.now()
		summary = await seedIfEmpty(db.prisma, { providers: 300 })
		elapsed = performance.now() - started
		console.log(`Seeded 300 providers (${db.target.kind}) in ${seconds(elapsed)}`)
	})
	afterAll(() => db?.cleanup())

	it('makes at least 300 providers across at least 50 towns, with services, holders and reviews', async () => {
		expect(summary).not.toBeNull()
		const { prisma } = db
		expect(await prisma.provider.count()).toBeGreaterThanOrEqual(300)
		const townCount = (await prisma.provider.groupBy({ by: ['town'] })).length
		expect(townCount).toBeGreaterThanOrEqual(50)
		expect(summary?.towns).toBe(townCount)
		expect(await prisma.category.count()).toBe(categories.length)
		expect(await prisma.service.count()).toBeGreaterThan(300)
		expect(await prisma.credential.count()).toBeGreaterThan(300)
		expect(await prisma.availabilitySlot.count()).toBeGreaterThan(300)
		expect(await prisma.budgetHolder.count()).toBeGreaterThanOrEqual(60)
		expect(await prisma.review.count()).toBeGreaterThan(100)
		expect(await prisma.review.count({ where: { status: 'REMOVED' } })).toBeGreaterThanOrEqual(1)
		expect(await prisma.provider.count({ where: { published: false } })).toBeGreaterThan(0)
		const schemes = await prisma.funder.findMany({ select: { scheme: true, currency: true } })
		expect(new Set(schemes.map((f) => f.scheme))).toEqual(
			new Set(['UK_DIRECT_PAYMENT', 'UK_PERSONAL_BUDGET', 'AU_NDIS', 'IT_PIANO_PERSONALIZZATO']),
		)
		expect(new Set(schemes.map((f) => f.currency))).toEqual(new Set(['GBP', 'AUD', 'EUR']))
		// Search reindexes from the tables: the seed writes no outbox rows.
		expect(await prisma.searchOutbox.count()).toBe(0)
	})

	it('creates every demo account with its roles and the demo password', async () => {
		for (const account of demoAccounts) {
			const user = await db.prisma.user.findUnique({ where: { email: account.email } })
			expect(user, account.email).not.toBeNull()
			expect(user?.name).toBe(account.name)
			expect(user?.roles).toEqual(expectedRoles[account.email])
			expect(await verifyPassword(DEMO_PASSWORD, user?.passwordHash ?? '')).toBe(true)
		}
		const funderStaff = await db.prisma.user.findUniqueOrThrow({
			where: { email: 'funder@demo.test' },
			include: { funder: true },
		})
		expect(funderStaff.funder?.name).toBe('Leicester City Council')
		// Generated users share the one hash of the demo password.
		const someHolder = await db.prisma.user.findFirstOrThrow({
			where: { email: { endsWith: '@holders.example.test' } },
		})
		expect(someHolder.passwordHash).toBe(funderStaff.passwordHash)
	})

	it('gives the demo holder an agreed plan with budget lines, and a broker who may view and book', async () => {
		const holder = await db.prisma.budgetHolder.findFirstOrThrow({
			where: { user: { email: 'holder@demo.test' } },
			include: {
				funder: true,
				plans: { include: { lines: { orderBy: { id: 'asc' } } } },
				delegations: { include: { delegate: true } },
			},
		})
		expect(holder.town).toBe('Leicester')
		expect(holder.funder.name).toBe('Leicester City Council')
		expect(holder.plans).toHaveLength(1)
		expect(holder.plans[0]?.status).toBe('AGREED')
		expect(holder.plans[0]?.lines.map((l) => [l.name, l.categorySlug, l.amountPence])).toEqual([
			['Personal care', 'personal-care', 600_000],
			['Getting out', 'getting-out', 120_000],
			['Short breaks', 'short-breaks', 90_000],
		])
		expect(holder.delegations.map((d) => [d.delegate.email, d.kind, d.rights])).toEqual([
			['broker@demo.test', 'BROKER', ['VIEW', 'BOOK']],
		])
	})

	it('lets the carer act for Margaret Okafor, who does not sign in herself', async () => {
		const delegation = await db.prisma.delegation.findFirstOrThrow({
			where: { delegate: { email: 'carer@demo.test' } },
			include: { holder: { include: { plans: { include: { lines: true, reviews: true } } } } },
		})
		expect(delegation.kind).toBe('REPRESENTATIVE')
		expect(delegation.rights).toEqual(['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'])
		expect(delegation.holder.displayName).toBe('Margaret Okafor')
		expect(delegation.holder.userId).toBeNull()
		expect(delegation.holder.plans[0]?.status).toBe('AGREED')
		expect(delegation.holder.plans[0]?.lines.length).toBeGreaterThanOrEqual(2)
		// Her review is done (with ratings, issue 11) and the next one is scheduled.
		expect(delegation.holder.plans[0]?.reviews.filter((r) => r.completedAt)).toHaveLength(1)
		expect(delegation.holder.plans[0]?.reviews.filter((r) => !r.completedAt)).toHaveLength(1)
	})

	it('gives the demo providers services, credentials, availability and reviews', async () => {
		const pa = await db.prisma.provider.findFirstOrThrow({
			where: { owner: { email: 'provider@demo.test' } },
			include: { services: true, credentials: true, availability: true, reviews: true },
		})
		expect(pa).toMatchObject({
			kind: 'PERSONAL_ASSISTANT',
			name: 'Amina Shah',
			slug: 'amina-shah-leicester',
			town: 'Leicester',
			published: true,
		})
		expect(pa.services.length).toBeGreaterThanOrEqual(2)
		expect(pa.credentials.map((c) => c.kind)).toContain('BACKGROUND_CHECK')
		expect(pa.credentials.find((c) => c.kind === 'BACKGROUND_CHECK')?.expiresOn).not.toBeNull()
		expect(pa.availability.length).toBeGreaterThan(0)
		expect(pa.reviews.length).toBeGreaterThan(0)

		const org = await db.prisma.provider.findFirstOrThrow({
			where: { owner: { email: 'org@demo.test' } },
			include: { services: true },
		})
		expect(org.kind).toBe('USER_LED_ORGANISATION')
		expect(org.town).toBe('Leicester')
		const orgCategories = org.services.map((s) => s.categorySlug)
		expect(orgCategories).toContain('brokerage-and-planning')
		expect(orgCategories).toContain('peer-support')
	})

	it('keeps every provider’s cached review count and average equal to its published reviews', async () => {
		const rows = await db.prisma.$queryRaw<
			{ id: string; reviewCount: number; ratingAverage: number | null; published: bigint; average: number | null }[]
		>`
			SELECT p."id", p."reviewCount", p."ratingAverage",
				COUNT(r."id") FILTER (WHERE r."status" = 'PUBLISHED') AS "published",
				ROUND(AVG(r."rating") FILTER (WHERE r."status" = 'PUBLISHED'), 2)::float8 AS "average"
			FROM "Provider" p LEFT JOIN "Review" r ON r."providerId" = p."id"
			GROUP BY p."id"`
		expect(rows.length).toBeGreaterThanOrEqual(300)
		const wrong = rows.filter((r) => r.reviewCount !== Number(r.published) || r.ratingAverage !== r.average)
		expect(wrong).toEqual([])
		// Reviews belong to confirmed bookings by the holder who wrote them.
		const mismatched = await db.prisma.$queryRaw<{ n: bigint }[]>`
			SELECT COUNT(*) AS "n" FROM "Review" r JOIN "Booking" b ON b."id" = r."bookingId"
			WHERE b."status" <> 'CONFIRMED' OR b."holderId" <> r."holderId" OR b."providerId" <> r."providerId"`
		expect(Number(mismatched[0]?.n)).toBe(0)
	})

	it('funds the demo holders through the ledger only, with an allocation paid in instalments', async () => {
		const { prisma } = db
		// The generated past bookings are history only: the money in is the two first instalments (the demo
		// accounts' own bookings, below, then spend from them).
		const transfers = await prisma.ledgerTransfer.findMany({
			where: { reason: 'ALLOCATION' },
			orderBy: { idempotencyKey: 'asc' },
		})
		// The funder's view (ADR 023): each generated Leicester holder is funded the same way, so the council's figures
		// are about enough people to be shown.
		const forView = transfers.filter((t) => t.idempotencyKey.startsWith('seed:allocation_view_'))
		const generatedInLeicester = await prisma.budgetHolder.count({
			where: {
				funderId: 'funder_leicester-city',
				joinRequestedAt: null,
				user: { email: { endsWith: GENERATED_EMAIL } },
			},
		})
		expect(generatedInLeicester).toBeGreaterThanOrEqual(5)
		expect(forView).toHaveLength(generatedInLeicester)
		expect(transfers.filter((t) => !forView.includes(t)).map((t) => [t.reason, t.phase, Number(t.amount)])).toEqual([
			['ALLOCATION', 'SINGLE', demoInstalmentPence.joan],
			['ALLOCATION', 'SINGLE', demoInstalmentPence.margaret],
			['ALLOCATION', 'SINGLE', demoInstalmentPence.ravi],
			['ALLOCATION', 'SINGLE', demoInstalmentPence.sam],
		])
		// Every other movement is a booking's or a group activity's (its pledges, sessions and their payouts).
		const commissionAccounts = (await prisma.commission.findMany({ select: { accountId: true } }))
			.map((c) => c.accountId)
			.filter((id): id is string => id !== null)
		const loose = await prisma.ledgerTransfer.findMany({
			where: {
				bookingId: null,
				reason: { not: 'ALLOCATION' },
				debitAccountId: { notIn: commissionAccounts },
				creditAccountId: { notIn: commissionAccounts },
			},
			select: { reason: true },
		})
		expect(loose.map((t) => t.reason).filter((r) => r !== 'PAYOUT')).toEqual([])
		expect(await checkLedger(prisma)).toEqual([])

		const allocation = await prisma.allocation.findUniqueOrThrow({
			where: { id: demoIds.allocations.sam },
			include: { instalments: { orderBy: { dueOn: 'asc' } } },
		})
		expect(allocation).toMatchObject({ schedule: 'INSTALMENTS', intervalDays: 28, currency: 'GBP' })
		expect(allocation.instalments.map((i) => i.status)).toEqual(['PAID', 'SCHEDULED', 'SCHEDULED'])
		const paid = transfers.find((t) => t.onBehalfOfId === demoIds.holders.sam)
		expect(allocation.instalments[0]?.transferId).toBe(paid?.id)
		expect(allocation.instalments.every((i) => i.amountPence === 240_000)).toBe(true)
		const days = (allocation.instalments[1]!.dueOn.getTime() - allocation.instalments[0]!.dueOn.getTime()) / 86_400_000
		expect(days).toBe(28)
	})

	it('gives the demo accounts bookings in every state, paid and held through the ledger, at times the providers are free', async () => {
		const { prisma } = db
		const bookings = await prisma.booking.findMany({
			where: {
				id: {
					in: [
						'booking_demo_margaret_exercise',
						'booking_demo_sam_care',
						'booking_demo_sam_out',
						'booking_demo_sam_request',
					],
				},
			},
			orderBy: { id: 'asc' },
			include: { service: { select: { title: true } } },
		})
		expect(bookings.map((b) => [b.id, b.status, b.service.title, b.totalPence])).toEqual([
			['booking_demo_margaret_exercise', 'ACCEPTED', 'Seated exercise class', 500],
			['booking_demo_sam_care', 'ACCEPTED', 'Personal care at home', 3_300],
			['booking_demo_sam_out', 'CONFIRMED', 'Getting out and about', 4_500],
			['booking_demo_sam_request', 'REQUESTED', 'Personal care at home', 3_300],
		])
		const [exercise, care, out, request] = bookings
		expect(out!.endsAt.getTime()).toBeLessThan(DEFAULT_NOW.getTime())
		expect(out!.confirmedAt!.getTime()).toBeGreaterThan(DEFAULT_NOW.getTime() - 14 * 86_400_000)
		for (const b of [care!, request!, exercise!]) expect(b.startsAt.getTime()).toBeGreaterThan(DEFAULT_NOW.getTime())
		expect(request!.holdTransferId).toBeNull()

		// Sam: £2,400.00 in, £45.00 paid to Amina, £33.00 held for the accepted session.
		const budget = await prisma.ledgerAccount.findFirstOrThrow({
			where: { kind: 'HOLDER_BUDGET', holderId: demoIds.holders.sam },
		})
		const balance = await getBalance(prisma, budget.id)
		expect(balance.posted).toBe(240_000n - 4_500n)
		expect(balance.available).toBe(240_000n - 4_500n - 3_300n)
		const margaret = await prisma.ledgerAccount.findFirstOrThrow({
			where: { kind: 'HOLDER_BUDGET', holderId: demoIds.holders.margaret },
		})
		expect((await getBalance(prisma, margaret.id)).available).toBe(BigInt(demoInstalmentPence.margaret - 500))
		const payouts = await prisma.payout.findMany({ where: { providerId: demoIds.providers.pa } })
		expect(payouts.map((p) => [p.amountPence, p.status])).toEqual([[4_500, 'AWAITING_PAYOUT']])
		expect(await checkLedger(prisma)).toEqual([])
	})

	it('makes groups and one open commission with no pledges and a deadline after now', async () => {
		expect(await db.prisma.group.count()).toBeGreaterThanOrEqual(2)
		const commission = await db.prisma.commission.findUniqueOrThrow({
			where: { id: demoIds.commission },
			include: { pledges: true, group: { include: { members: true } } },
		})
		expect(commission.status).toBe('OPEN')
		expect(commission.title).toBe('Weekly seated exercise class in Leicester')
		expect(commission.pledges).toEqual([])
		expect(commission.deadline.getTime()).toBeGreaterThan(DEFAULT_NOW.getTime())
		expect(commission.targetPence).toBeGreaterThan(0)
		expect(commission.minPledgers).toBeGreaterThan(1)
		expect(commission.group.members.length).toBeGreaterThanOrEqual(2)
	})

	it('makes demo group activities through the ledger: one a pledge short, one delivered and paid, one failed and returned', async () => {
		const { prisma } = db
		const { open, confirmed, failed, quoteRequest } = summary!.demoCommissions
		const pledges = async (commissionId: string) =>
			prisma.pledge.findMany({ where: { commissionId }, orderBy: { holderId: 'asc' } })
		const openRow = await prisma.commission.findUniqueOrThrow({ where: { id: open } })
		expect(openRow).toMatchObject({ status: 'OPEN', providerId: demoIds.providers.pa, minPledgers: 3 })
		expect((await pledges(open)).map((p) => p.status)).toEqual(['HELD', 'HELD'])
		expect(openRow.deadline.getTime()).toBeGreaterThan(DEFAULT_NOW.getTime())

		const done = await prisma.commission.findUniqueOrThrow({
			where: { id: confirmed },
			include: { sessions: { orderBy: { number: 'asc' } } },
		})
		expect(done.status).toBe('FUNDED')
		expect(done.sessions.map((s) => s.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'SCHEDULED'])
		expect(done.sessions.every((s, i) => i === 2 || (s.paidPence ?? 0) > 0)).toBe(true)
		expect(done.sessions[2]!.startsAt.getTime()).toBeGreaterThan(DEFAULT_NOW.getTime())
		expect((await pledges(confirmed)).map((p) => [p.status, p.sharePence])).toEqual([
			['POSTED', 9_000],
			['POSTED', 9_000],
		])
		expect(await prisma.payout.count({ where: { providerId: demoIds.providers.org } })).toBe(2)

		expect((await prisma.commission.findUniqueOrThrow({ where: { id: failed } })).status).toBe('FAILED')
		expect((await pledges(failed)).map((p) => [p.status, p.postedPence])).toEqual([
			['VOIDED', null],
			['VOIDED', null],
		])
		// Ravi and Joan each pledged to all three: what is held now is the open one only; the failed one came back.
		for (const holderId of [demoIds.holders.ravi, demoIds.holders.joan]) {
			const budget = await prisma.ledgerAccount.findFirstOrThrow({ where: { kind: 'HOLDER_BUDGET', holderId } })
			const balance = await getBalance(prisma, budget.id)
			const taken = (await prisma.pledge.findFirstOrThrow({ where: { commissionId: confirmed, holderId } }))
				.postedPence!
			const held = (await prisma.pledge.findFirstOrThrow({ where: { commissionId: open, holderId } })).agreedMaxPence
			expect(balance.posted).toBe(BigInt(150_000 - taken))
			expect(balance.available).toBe(BigInt(150_000 - taken - held))
		}
		expect(await prisma.commissionRequest.findUniqueOrThrow({ where: { id: quoteRequest } })).toMatchObject({
			status: 'OPEN',
			town: 'Leicester',
			groupId: 'group_leicester_exercise',
		})
		expect(await checkLedger(prisma)).toEqual([])
	})

	it('does nothing when asked to seed a database that already has users', async () => {
		const users = await db.prisma.user.count()
		expect(await seedIfEmpty(db.prisma, { providers: 300 })).toBeNull()
		expect(await db.prisma.user.count()).toBe(users)
	})

	it('gives identical data for the same seed in another fresh database, and other data for another seed', async () => {
		const again = await createTestDb()
		const other = await createTestDb()
		try {
			await seed(again.prisma, { providers: 300 })
			expect(await providerSnapshot(again.prisma)).toEqual(await providerSnapshot(db.prisma))
			const reviews = (prisma: PrismaClient) =>
				prisma.review.findMany({
					orderBy: { id: 'asc' },
					select: { id: true, rating: true, body: true, createdAt: true },
				})
			expect(await reviews(again.prisma)).toEqual(await reviews(db.prisma))

			await seed(other.prisma, { providers: 300, randomSeed: 12345 })
			const names = async (prisma: PrismaClient) => (await providerSnapshot(prisma)).map((p) => p.name)
			expect(await names(other.prisma)).not.toEqual(await names(db.prisma))
		} finally {
			await again.cleanup()
			await other.cleanup()
		}
	}, 300_000)
})

describe('the test-data builders in tests/db-utils.ts', () => {
	let db: TestDb
	beforeAll(async () => {
		db = await createTestDb()
	})
	afterAll(() => db?.cleanup())

	it('builds users with unique emails and creates them with a password that verifies', async () => {
		const emails = new Set(Array.from({ length: 50 }, () => buildUser().email))
		expect(emails.size).toBe(50)
		const user = await createUserWithRoles(db.prisma, { roles: ['BROKER'], email: 'Someone@Example.test' })
		expect(user.email).toBe('someone@example.test')
		expect(user.roles).toEqual(['BROKER'])
		expect(await verifyPassword(TEST_PASSWORD, user.passwordHash)).toBe(true)
	})

	it('creates a provider with a service in the town it is given, and its owner', async () => {
		const { owner, provider, service } = await createProviderWithService(db.prisma, {
			provider: { name: 'Rhian Prosser', town: 'Cardiff' },
		})
		expect(owner.roles).toEqual(['PROVIDER'])
		expect(provider).toMatchObject({
			name: 'Rhian Prosser',
			town: 'Cardiff',
			postcodeDistrict: 'CF10',
			lat: 51.4816,
			ownerId: owner.id,
			published: true,
		})
		expect(provider.slug).toMatch(/^rhian-prosser-cardiff-/)
		expect(service).toMatchObject({ providerId: provider.id, priceUnit: 'PER_HOUR', pricePence: 1500, active: true })
		const second = await createProviderWithService(db.prisma, {
			ownerId: owner.id,
			service: { title: 'Getting out', categorySlug: 'getting-out' },
		})
		expect(second.owner.id).toBe(owner.id)
		expect(second.service.title).toBe('Getting out')
	})

	it('creates a holder with a sign-in and an agreed plan, or without a sign-in', async () => {
		const funder = await db.prisma.funder.create({
			data: { name: 'Test Council', scheme: 'UK_DIRECT_PAYMENT', currency: 'GBP' },
		})
		const withUser = await createHolder(db.prisma, {
			funderId: funder.id,
			displayName: 'Jo Bloggs',
			plan: { lines: [{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 500_000 }] },
		})
		expect(withUser.user?.name).toBe('Jo Bloggs')
		expect(withUser.user?.roles).toEqual(['HOLDER'])
		expect(withUser.holder.userId).toBe(withUser.user?.id)
		expect(withUser.plan?.status).toBe('AGREED')
		expect(withUser.plan?.lines.map((l) => l.amountPence)).toEqual([500_000])

		const withoutUser = await createHolder(db.prisma, { funderId: funder.id, user: null })
		expect(withoutUser.user).toBeNull()
		expect(withoutUser.holder.userId).toBeNull()
		expect(withoutUser.plan).toBeNull()
	})
})

describe('seeding 10,000 providers', () => {
	// A question of scale, so of production's PostgreSQL: the embedded default seeds 300. On PGlite it runs only when no
	// PostgreSQL run is configured (npm test runs every file on both when TEST_DATABASE_URL is set, as CI does).
	const onPostgresInstead = testDbKind() === 'pglite' && process.env.POSTGRES_RUN === 'yes'
	it.skipIf(onPostgresInstead)(
		'finishes with unique slugs and consistent cached ratings (and prints how long it took)',
		async () => {
			const db = await createTestDb()
			try {
				const started = performance.now()
				const summary = await seed(db.prisma, { providers: 10_000 })
				const elapsed = performance.now() - started
				console.log(
					`Seeded 10,000 providers (${db.target.kind}) in ${seconds(elapsed)}: ${JSON.stringify({ ...summary, funded: undefined })}`,
				)
				expect(summary.providers).toBe(10_003)
				expect(await db.prisma.provider.count()).toBe(10_003)
				const slugs = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(DISTINCT "slug") AS "n" FROM "Provider"`
				expect(Number(slugs[0]?.n)).toBe(10_003)
				const wrong = await db.prisma.$queryRaw<{ n: bigint }[]>`
				SELECT COUNT(*) AS "n" FROM "Provider" p
				WHERE p."reviewCount" <> (SELECT COUNT(*) FROM "Review" r WHERE r."providerId" = p."id" AND r."status" = 'PUBLISHED')`
				expect(Number(wrong[0]?.n)).toBe(0)
				expect(await db.prisma.budgetHolder.count()).toBe(summary.holders)
				expect(summary.holders).toBeGreaterThanOrEqual(2000)
			} finally {
				await db.cleanup()
			}
		},
		900_000,
	)
})
