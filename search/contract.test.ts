/**
 * The search contract: the behaviour every engine must have. It runs against the embedded engine always, and
 * against Meilisearch when MEILI_URL (and MEILI_KEY) are set. Documents are search/testing/fixtures.ts.
 */
import crypto from 'node:crypto'
import { Meilisearch } from 'meilisearch'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDb } from '#tests/setup/test-db.ts'
import { createEmbeddedEngine } from './embedded/engine.ts'
import { distanceKm } from './geo.ts'
import { createMeiliEngine } from './meilisearch/engine.ts'
import { search } from './search.ts'
import { prismaRunner } from './sql.ts'
import { fixtureById, fixtures, places } from './testing/fixtures.ts'
import { marked, plain } from './text.ts'
import type { SearchEngine, SearchRequest, SearchResponse } from './types.ts'

const meiliUrl = process.env.MEILI_URL
if (!meiliUrl) {
	console.log('Search contract: Meilisearch skipped (set MEILI_URL, and MEILI_KEY if it needs one, to run it too).')
}

type Target = { name: string; skip: boolean; open: () => Promise<{ engine: SearchEngine; close: () => Promise<void> }> }

const targets: Target[] = [
	{
		name: 'embedded',
		skip: false,
		async open() {
			const db = await createTestDb()
			return { engine: createEmbeddedEngine({ sql: prismaRunner(db.prisma) }), close: db.cleanup }
		},
	},
	{
		name: 'meilisearch',
		skip: !meiliUrl,
		async open() {
			const indexUid = `contract_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`
			const engine = createMeiliEngine({ url: meiliUrl!, apiKey: process.env.MEILI_KEY, indexUid })
			const client = new Meilisearch({ host: meiliUrl!, apiKey: process.env.MEILI_KEY })
			return {
				engine,
				close: async () => {
					await client.deleteIndex(indexUid).waitTask()
				},
			}
		},
	},
]

const ids = (r: SearchResponse) => r.hits.map((h) => h.document.id)
const sorted = (list: string[]) => [...list].sort()

for (const target of targets) {
	describe.skipIf(target.skip)(`search contract: ${target.name}`, () => {
		let engine: SearchEngine
		let close: () => Promise<void> = async () => {}
		const find = (request: SearchRequest) => search(engine, { perPage: 50, ...request })
		const idsFor = async (request: SearchRequest) => sorted(ids(await find(request)))

		beforeAll(async () => {
			;({ engine, close } = await target.open())
			await engine.setup()
			await engine.clear()
			await engine.upsert(fixtures)
		})
		afterAll(async () => {
			await close()
		})

		test('indexes every document and reports it in stats', async () => {
			const stats = await engine.stats()
			expect(stats.engine).toBe(target.name)
			expect(stats.documents).toBe(fixtures.length)
		})

		test('lists the ids of every document', async () => {
			expect((await engine.listIds()).sort()).toEqual(fixtures.map((f) => f.id).sort())
		})

		test('"personal asistant leicster" finds the personal assistants in Leicester', async () => {
			const r = await find({ q: 'personal asistant leicster' })
			expect(sorted(ids(r))).toEqual(['priya', 'tom'])
			expect(r.total).toBe(2)
			expect(r.matchedQuery).toBeNull()
			for (const hit of r.hits) {
				expect(hit.document.kind).toBe('PERSONAL_ASSISTANT')
				expect(hit.document.town).toBe('Leicester')
				expect(marked(hit.highlights.town)).toEqual(['Leicester'])
			}
		})

		test('matches names, bios, service titles, towns and categories', async () => {
			expect(await idsFor({ q: 'Thompson' })).toEqual(['margaret'])
			expect(await idsFor({ q: 'vegetarian' })).toEqual(['priya'])
			expect(await idsFor({ q: 'overnight respite' })).toEqual(['margaret'])
			expect(await idsFor({ q: 'Nottingham' })).toEqual(['daniel'])
			expect(await idsFor({ q: 'brokerage' })).toEqual(['lcil'])
			expect(await idsFor({ q: 'wellbeing' })).toEqual(['seated'])
		})

		test('allows one typo in words of 5 to 8 letters', async () => {
			expect(await idsFor({ q: 'demntia' })).toEqual(['priya']) // a letter missing
			expect(await idsFor({ q: 'demetnia' })).toEqual(['priya']) // two letters swapped
			expect(await idsFor({ q: 'bakerr' })).toEqual(['tom']) // a letter added
			expect(await idsFor({ q: 'dmntia' })).toEqual([]) // two typos are too many
		})

		test('allows two typos in words of 9 letters or more', async () => {
			expect(await idsFor({ q: 'Lougborogh' })).toEqual(['sarah'])
			expect(await idsFor({ q: 'Lugborogh' })).toEqual([]) // three typos
		})

		test('allows no typo in words under 5 letters, and counts a first-letter typo as two', async () => {
			expect(await idsFor({ q: 'Ton' })).toEqual([])
			expect(await idsFor({ q: 'bakr' })).toEqual([])
			expect(await idsFor({ q: 'xementia' })).toEqual([])
		})

		test('matches the last word as a prefix, for search as you type', async () => {
			expect(await idsFor({ q: 'leic' })).toEqual(['lcil', 'priya', 'seated', 'tom'])
			expect(await idsFor({ q: 'priy' })).toEqual(['priya'])
			expect(await idsFor({ q: 'seated exer' })).toEqual(['seated'])
			// Only the last word: "exer" in the middle must be a whole word (the raw engine call matches every word).
			expect((await engine.search({ q: 'exer seated' })).total).toBe(0)
		})

		test('when nothing matches every word, drops words from the end and says which matched', async () => {
			const r = await find({ q: 'Priya zzyzx' })
			expect(ids(r)).toEqual(['priya'])
			expect(r.matchedQuery).toBe('priya')
		})

		test('filters by provider kind (any of)', async () => {
			expect(await idsFor({ filters: { kinds: ['USER_LED_ORGANISATION'] } })).toEqual(['deafhub', 'lcil'])
			expect(await idsFor({ filters: { kinds: ['USER_LED_ORGANISATION', 'COMMUNITY_SERVICE'] } })).toEqual([
				'deafhub',
				'lcil',
				'seated',
			])
		})

		test('filters by category and by service type', async () => {
			expect(await idsFor({ filters: { categories: ['personal-care'] } })).toEqual(['daniel', 'priya', 'sarah', 'tom'])
			expect(await idsFor({ filters: { categories: ['respite', 'peer-support'] } })).toEqual(['lcil', 'margaret'])
			expect(await idsFor({ filters: { serviceTypes: ['session'] } })).toEqual(['deafhub', 'lcil', 'seated'])
			expect(await idsFor({ filters: { serviceTypes: ['fixed'] } })).toEqual(['lcil'])
		})

		test('filters by price range on the "from" price, inclusive', async () => {
			expect(await idsFor({ filters: { priceMinPence: 1500, priceMaxPence: 1700 } })).toEqual([
				'margaret',
				'sarah',
				'tom',
			])
			expect(await idsFor({ filters: { priceMaxPence: 500 } })).toEqual(['deafhub', 'lcil'])
		})

		test('filters by language (any of)', async () => {
			expect(await idsFor({ filters: { languages: ['Polish'] } })).toEqual(['tom'])
			expect(await idsFor({ filters: { languages: ['Polish', 'Urdu'] } })).toEqual(['margaret', 'tom'])
		})

		test('filters by accessibility features and credentials (all of)', async () => {
			expect(await idsFor({ filters: { accessibility: ['wheelchair-accessible'] } })).toEqual([
				'deafhub',
				'lcil',
				'seated',
			])
			expect(await idsFor({ filters: { accessibility: ['wheelchair-accessible', 'hearing-loop'] } })).toEqual([
				'deafhub',
				'lcil',
			])
			expect(await idsFor({ filters: { credentials: ['BACKGROUND_CHECK'] } })).toEqual(['margaret', 'priya', 'tom'])
			expect(await idsFor({ filters: { credentials: ['BACKGROUND_CHECK', 'FIRST_AID'] } })).toEqual([
				'margaret',
				'priya',
			])
		})

		test('filters by availability: day, part of day, or both together', async () => {
			expect(await idsFor({ filters: { days: ['mon'] } })).toEqual(['priya', 'sarah'])
			expect(await idsFor({ filters: { partsOfDay: ['evening'] } })).toEqual(['daniel', 'deafhub', 'priya'])
			expect(await idsFor({ filters: { days: ['wed'], partsOfDay: ['evening'] } })).toEqual(['deafhub', 'priya'])
			// Priya works Monday mornings and Wednesday evenings, not Monday evenings.
			expect(await idsFor({ filters: { days: ['mon'], partsOfDay: ['evening'] } })).toEqual([])
		})

		test('filters by whether they take group bookings', async () => {
			expect(await idsFor({ filters: { acceptsGroupBookings: true } })).toEqual(['deafhub', 'lcil', 'seated'])
			expect(await idsFor({ filters: { acceptsGroupBookings: false } })).toEqual([
				'daniel',
				'margaret',
				'priya',
				'sarah',
				'tom',
			])
		})

		test('combines a query with filters', async () => {
			expect(await idsFor({ q: 'personal care', filters: { languages: ['Gujarati'] } })).toEqual(['priya'])
		})

		test('counts facet values over all results, and the counts follow the filters', async () => {
			const all = await find({})
			expect(all.total).toBe(8)
			expect(all.facets.kind).toEqual({ PERSONAL_ASSISTANT: 5, USER_LED_ORGANISATION: 2, COMMUNITY_SERVICE: 1 })
			expect(all.facets.languages).toEqual({ English: 8, Gujarati: 1, Polish: 1, Urdu: 1, BSL: 1 })
			expect(all.facets.accessibility).toEqual({
				'wheelchair-accessible': 3,
				'hearing-loop': 2,
				'step-free': 1,
				'bsl-signing': 1,
			})
			expect(all.facets.acceptsGroupBookings).toEqual({ true: 3, false: 5 })
			expect(all.facets.serviceTypes).toEqual({ hourly: 5, session: 3, fixed: 1 })
			expect(all.facets.days.mon).toBe(2)
			expect(all.facets.partsOfDay.evening).toBe(3)
			expect(all.priceRange).toEqual({ min: 400, max: 1800 })

			const pas = await find({ filters: { kinds: ['PERSONAL_ASSISTANT'] }, perPage: 1 })
			expect(pas.total).toBe(5)
			expect(pas.facets.kind).toEqual({ PERSONAL_ASSISTANT: 5 })
			expect(pas.facets.languages).toEqual({ English: 5, Gujarati: 1, Polish: 1, Urdu: 1 })
			expect(pas.facets.credentials).toEqual({ BACKGROUND_CHECK: 3, FIRST_AID: 2, TRAINING: 2 })
			expect(pas.facets.categories).toEqual({ 'personal-care': 4, 'getting-out': 1, respite: 1 })

			const pasInLeicester = await find({ q: 'leicester', filters: { kinds: ['PERSONAL_ASSISTANT'] } })
			expect(pasInLeicester.facets.languages).toEqual({ English: 2, Gujarati: 1, Polish: 1 })
			expect(pasInLeicester.priceRange).toEqual({ min: 1400, max: 1700 })
		})

		test('finds within a radius of a point and sorts by distance', async () => {
			const r = await find({ geo: { ...places.leicester, radiusKm: 20 }, sort: 'distance' })
			expect(sorted(ids(r))).toEqual(['lcil', 'priya', 'sarah', 'seated', 'tom'])
			const expected = [...r.hits].map((h) => distanceKm(places.leicester, h.document)).sort((a, b) => a - b)
			expect(r.hits.map((h) => h.distanceKm)).toEqual(expected.map((d) => expect.closeTo(d, 2)))
			expect(ids(r)[0]).toBe('lcil')
			expect(ids(r).at(-1)).toBe('sarah')
			const sarah = r.hits.find((h) => h.document.id === 'sarah')!
			expect(sarah.distanceKm).toBeGreaterThan(15)
			expect(sarah.distanceKm).toBeLessThan(17)

			const tight = await find({ geo: { ...places.leicester, radiusKm: 5 } })
			expect(sorted(ids(tight))).toEqual(['lcil', 'priya', 'seated', 'tom'])
			const wide = await find({
				geo: { ...places.leicester, radiusKm: 40 },
				filters: { kinds: ['PERSONAL_ASSISTANT'] },
			})
			expect(sorted(ids(wide))).toEqual(['daniel', 'priya', 'sarah', 'tom'])
			expect(wide.facets.kind).toEqual({ PERSONAL_ASSISTANT: 4 })
		})

		test('sorts by price, both ways, and by rating with unrated providers last', async () => {
			const cheap = await find({ sort: 'price-asc' })
			const prices = cheap.hits.map((h) => h.document.priceFrom!)
			expect(prices).toEqual([...prices].sort((a, b) => a - b))
			expect(ids(cheap)[0]).toBe('deafhub')
			const dear = await find({ sort: 'price-desc' })
			expect(ids(dear)[0]).toBe('daniel')
			const rated = await find({ sort: 'rating' })
			expect(ids(rated).slice(0, 3)).toEqual(['margaret', 'sarah', 'priya'])
			expect(ids(rated).at(-1)).toBe('daniel')
		})

		test('ranks exact matches before typo matches, even in a weaker field', async () => {
			// "football" is in Tom's bio (exact); "Footbal" (one typo away) is in this provider's name.
			await engine.upsert([{ ...fixtureById('daniel'), id: 'club', slug: 'club', name: 'Footbal Friends Club' }])
			try {
				const r = await find({ q: 'football', sort: 'relevance' })
				expect(ids(r)).toEqual(['tom', 'club'])
				expect(marked(r.hits[1]!.highlights.name)).toEqual(['Footbal'])
			} finally {
				await engine.delete(['club'])
			}
		})

		test('pages through results without repeats', async () => {
			const first = await find({ sort: 'rating', perPage: 3, page: 1 })
			const second = await find({ sort: 'rating', perPage: 3, page: 2 })
			const third = await find({ sort: 'rating', perPage: 3, page: 3 })
			expect(first.total).toBe(8)
			expect(first.pageCount).toBe(3)
			expect([first, second, third].map((r) => r.hits.length)).toEqual([3, 3, 2])
			const all = [...ids(first), ...ids(second), ...ids(third)]
			expect(new Set(all).size).toBe(8)
			expect(ids(first)).toEqual(['margaret', 'sarah', 'priya'])
		})

		test('highlights what matched, including typo and prefix matches', async () => {
			const r = await find({ q: 'demntia' })
			const priya = r.hits[0]!
			expect(marked(priya.highlights.bio)).toEqual(['dementia'])
			expect(plain(priya.highlights.name)).toBe('Priya Patel')
			expect(marked(priya.highlights.name)).toEqual([])

			const byName = await find({ q: 'pri' })
			expect(marked(byName.hits[0]!.highlights.name)).toEqual(['Priya'])

			const byService = await find({ q: 'seated exercise' })
			const services = byService.hits[0]!.highlights.services
			expect(services.map(plain)).toEqual(['Seated exercise class'])
			expect(marked(services[0]!)).toEqual(['Seated', 'exercise'])
		})

		test('"PA Leicester" finds the personal assistants in Leicester', async () => {
			const r = await find({ q: 'PA Leicester' })
			expect(sorted(ids(r))).toEqual(['priya', 'tom'])
			expect(r.matchedQuery).toBeNull()
			for (const hit of r.hits) expect(hit.document.kind).toBe('PERSONAL_ASSISTANT')
			// Through a typo in the other word too.
			expect(await idsFor({ q: 'PA Leicster' })).toEqual(['priya', 'tom'])
		})

		test('abbreviations match whole words only: no typo, no prefix ("PA" is not "pay", "spa" or "Patel")', async () => {
			await engine.upsert([
				{
					...fixtureById('seated'),
					id: 'spa',
					slug: 'spa',
					name: 'Riverside Spa Days',
					headline: 'Pay as you go pampering',
					bio: 'Relax with us.',
				},
			])
			try {
				expect(await idsFor({ q: 'pa' })).toEqual(['daniel', 'margaret', 'priya', 'sarah', 'tom'])
				expect(await idsFor({ q: 'leicester pa' })).toEqual(['priya', 'tom'])
				expect(await idsFor({ q: 'spa' })).toEqual(['spa'])
			} finally {
				await engine.delete(['spa'])
			}
		})

		test('a synonym finds the same documents in either direction', async () => {
			// This organisation says "PA" and never "personal assistant".
			const finder = {
				...fixtureById('lcil'),
				id: 'finder',
				slug: 'finder',
				name: 'North Leicester PA Finder',
				headline: 'We find the right PA for you',
				bio: 'Tell us what you need.',
			}
			await engine.upsert([finder])
			try {
				const short = await idsFor({ q: 'pa leicester' })
				expect(short).toEqual(['finder', 'priya', 'tom'])
				expect(await idsFor({ q: 'personal assistant leicester' })).toEqual(short)
				// "sitter" and "short break" are both said for respite.
				expect(await idsFor({ q: 'sitter' })).toEqual(['margaret'])
				expect(await idsFor({ q: 'short break' })).toEqual(['margaret'])
				expect(await idsFor({ q: 'respite' })).toEqual(['margaret'])
			} finally {
				await engine.delete(['finder'])
			}
		})

		test('multi-word synonyms: whole phrases, side by side, and everyday phrases for a kind of support', async () => {
			// "waking night" and "overnight sitting" mean the same; Margaret's headline says the second.
			const r = await find({ q: 'waking night' })
			expect(ids(r)).toEqual(['margaret'])
			expect(marked(r.hits[0]!.highlights.headline)).toEqual(['Overnight', 'sitting'])
			// "Someone to help me get up" reaches the engines as "help get up": "get up" also finds personal care.
			expect(await idsFor({ q: 'someone to help me get up' })).toEqual(['tom'])
			expect(await idsFor({ q: 'get up' })).toEqual(['daniel', 'priya', 'sarah', 'tom'])
		})

		test('synonyms keep typo tolerance, filters, facets and distance working', async () => {
			// A typo still matches the word, but a misspelt word has no synonyms (as in Meilisearch).
			expect(await idsFor({ q: 'carrer' })).toEqual(['margaret', 'tom'])
			expect(await idsFor({ q: 'carer' })).toEqual(['daniel', 'margaret', 'priya', 'sarah', 'tom'])
			expect(await idsFor({ q: 'pa', filters: { languages: ['Polish'] } })).toEqual(['tom'])
			expect(await idsFor({ q: 'pa', geo: { ...places.leicester, radiusKm: 20 } })).toEqual(['priya', 'sarah', 'tom'])
			const r = await find({ q: 'pa', filters: { credentials: ['BACKGROUND_CHECK'] } })
			expect(r.total).toBe(3)
			expect(r.facets.kind).toEqual({ PERSONAL_ASSISTANT: 3 })
			expect(r.facets.languages).toEqual({ English: 3, Gujarati: 1, Polish: 1, Urdu: 1 })
		})

		test('an updated document replaces the old one', async () => {
			const tom = fixtureById('tom')
			await engine.upsert([{ ...tom, name: 'Thomas Baker-Smith' }])
			try {
				expect(await idsFor({ q: 'smith' })).toEqual(['tom'])
				expect(await idsFor({ q: 'Tom' })).toEqual([])
			} finally {
				await engine.upsert([tom])
			}
			expect(await idsFor({ q: 'Tom' })).toEqual(['tom'])
		})

		test('a deleted document is never returned', async () => {
			await engine.delete(['daniel'])
			try {
				expect(await idsFor({ q: 'Daniel' })).toEqual([])
				expect((await find({})).total).toBe(7)
				expect((await find({})).facets.kind.PERSONAL_ASSISTANT).toBe(4)
			} finally {
				await engine.upsert([fixtureById('daniel')])
			}
		})
	})
}
