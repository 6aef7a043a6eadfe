/**
 * The search and compare pages' loaders, called with real Requests against a real database and the engine the
 * app would use (the embedded engine unless MEILI_URL is set).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { enqueueProviderSync } from '#app/domain/providers/outbox.server.ts'
import { getSearchEngine, outboxDeps, reindexAll, setSearchEngine } from '#app/domain/search/engine.server.ts'
import { priceGuidesForServices } from '#app/domain/search/fair-price.server.ts'
import { plainText } from '#app/domain/search/marked-text.ts'
import { parseSearchParams, toQueryString } from '#app/domain/search/params.ts'
import type { SearchPageData } from '#app/domain/search/search-page.server.ts'
import type { CompareData } from '#app/domain/search/compare.server.ts'
import { loader as compareLoader } from '#app/routes/compare.tsx'
import { loader as searchLoader } from '#app/routes/search.tsx'
import { setDb } from '#app/utils/db.server.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { drainOutbox } from '#search/outbox-worker.ts'
import { fixtures } from '#search/testing/fixtures.ts'
import type { SearchDocument } from '#search/types.ts'
import { insertProviders } from '#tests/search-db-fixtures.ts'

let db: TestDb

/** Seven more personal assistants in Leicester, so Leicester has enough prices for guidance. */
const extraPrices = [1300, 1350, 1400, 1450, 1600, 1750, 1800]
const extraNames = [
	'Amara Okafor',
	'Ben Fletcher',
	'Chloe Walsh',
	'Dev Mistry',
	'Ellie Grant',
	'Farah Khan',
	'Grace Reid',
]
const extras: SearchDocument[] = extraNames.map((name, i) => {
	const base = fixtures.find((f) => f.id === 'tom')!
	const id = `extra${i}`
	return {
		...base,
		id,
		slug: id,
		name,
		headline: 'Friendly help at home',
		bio: 'Support at home and out and about.',
		postcodeDistrict: 'LE3',
		lat: 52.63 + i * 0.002,
		lng: -1.16,
		languages: ['English'],
		credentials: [],
		availability: [],
		services: [{ ...base.services[0]!, title: 'Personal care at home', pricePence: extraPrices[i]! }],
		ratingAverage: null,
		reviewCount: 0,
	}
})

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	setSearchEngine(undefined)
	await insertProviders(db.prisma, [...fixtures, ...extras])
	await reindexAll(db.prisma, getSearchEngine())
})
afterAll(async () => {
	setSearchEngine(undefined)
	await db.cleanup()
})

async function searchPage(query: string): Promise<{ status: number; data: SearchPageData }> {
	const response = await searchLoader({
		request: new Request(`http://localhost/search${query}`),
		params: {},
		context: {},
	})
	return { status: response.status, data: (await response.json()) as SearchPageData }
}

async function comparePage(query: string): Promise<CompareData> {
	const response = await compareLoader({
		request: new Request(`http://localhost/compare${query}`),
		params: {},
		context: {},
	})
	expect(response.status).toBe(200)
	return (await response.json()) as CompareData
}

const names = (d: SearchPageData) => d.results.map((r) => plainText(r.name))
/** The matched runs of a result's marked text (odd places). */
const matched = (runs: string[] | null) => (runs ?? []).filter((_, i) => i % 2 === 1)
const facet = (d: SearchPageData, group: string) =>
	Object.fromEntries(
		d.facets
			.find((g) => g.name === group)!
			.options.filter((o) => o.count > 0)
			.map((o) => [o.value, o.count]),
	)

describe('the search page', () => {
	test('"personal asistant leicster" lists personal assistants in Leicester with fair-price guidance', async () => {
		const { status, data } = await searchPage('?q=personal+asistant+leicster')
		expect(status).toBe(200)
		expect(data.errors).toEqual([])
		expect(data.total).toBe(9)
		expect(new Set(data.results.map((r) => `${r.kind} in ${r.town}`))).toEqual(
			new Set(['Personal assistant in Leicester']),
		)
		const priya = data.results.find((r) => r.slug === 'priya')!
		expect(priya.services.map((s) => s.price)).toEqual(['£14.00 an hour', '£15.00 an hour'])
		expect(priya.services[1]!.guide).toBe(
			'Typical for personal care from a personal assistant near Leicester: £14–£17 an hour',
		)
		expect(priya.services[1]!.position).toBe('usual')
		expect(priya.credentials).toEqual(['Background check', 'First aid'])
		expect(priya.languages).toEqual(['English', 'Gujarati'])
		expect(priya.reviewCount).toBe(12)
		expect(priya.nextAvailable).toMatch(/^(Today|Tomorrow|Monday|Wednesday)/)
		expect(priya.town).toBe('Leicester')
	})

	test('a result carries its bio extract only when the bio matched the words, and marks what matched', async () => {
		const { data } = await searchPage('?q=demntia')
		expect(names(data)).toEqual(['Priya Patel'])
		expect(matched(data.results[0]!.bio)).toEqual(['dementia'])
		expect(data.results[0]!.name).toEqual(['Priya Patel'])

		const byName = await searchPage('?q=priya')
		expect(byName.data.results[0]!.name).toEqual(['', 'Priya', ' Patel'])

		const noWords = await searchPage('?kind=personal-assistant')
		expect(noWords.data.total).toBeGreaterThan(0)
		expect(noWords.data.results.every((r) => r.bio === null && matched(r.headline).length === 0)).toBe(true)
		// Only chosen options say so: the others leave `checked` out.
		expect(noWords.data.facets.flatMap((g) => g.options.filter((o) => o.checked).map((o) => o.value))).toEqual([
			'personal-assistant',
		])
		expect(noWords.data.facets.every((g) => g.options.every((o) => o.checked ?? true))).toBe(true)
	})

	test('combining filters narrows the results and changes the facet counts', async () => {
		const pas = await searchPage('?q=leicester&kind=personal-assistant')
		expect(pas.data.total).toBe(9)
		expect(facet(pas.data, 'lang')).toEqual({ English: 9, Gujarati: 1, Polish: 1 })
		expect(facet(pas.data, 'cred')).toEqual({ 'background-check': 2, 'first-aid': 1 })

		const polish = await searchPage('?q=leicester&kind=personal-assistant&cred=background-check')
		expect(names(polish.data).sort()).toEqual(['Priya Patel', 'Tom Baker'])
		expect(facet(polish.data, 'lang')).toEqual({ English: 2, Gujarati: 1, Polish: 1 })

		const both = await searchPage('?q=leicester&kind=personal-assistant&cred=background-check&lang=Polish')
		expect(names(both.data)).toEqual(['Tom Baker'])
		// Languages are "any of": their counts ignore the language choice, so adding Gujarati would add Priya.
		expect(facet(both.data, 'lang')).toEqual({ English: 2, Gujarati: 1, Polish: 1 })
		// Kinds are counted without the kind filter: other kinds show what choosing them would add.
		const kinds = await searchPage('?q=leicester&kind=personal-assistant')
		expect(facet(kinds.data, 'kind')).toEqual({
			'personal-assistant': 9,
			'user-led-organisation': 1,
			'community-service': 1,
		})
	})

	test('the URL holds the whole search, so a shared link gives the same results', async () => {
		const query = '?q=care&near=Leicester&radius=25&type=hourly&max=17&sort=price-asc'
		const first = await searchPage(query)
		const again = await searchPage(query)
		expect(first.data.total).toBeGreaterThan(0)
		expect(again.data.results.map((r) => r.id)).toEqual(first.data.results.map((r) => r.id))
		const prices = first.data.results.map((r) => Number(r.services[0]!.price.replace(/[^\d.]/g, '')))
		expect(prices).toEqual([...prices].sort((a, b) => a - b))
		expect(prices.every((p) => p <= 17)).toBe(true)
		const { params } = parseSearchParams(new URL(`http://x/search${query}`).searchParams)
		expect(toQueryString(params)).toBe(query)
	})

	test('near a town or postcode district: within the radius, nearest first, with distances', async () => {
		const { data } = await searchPage('?near=LE1&radius=5')
		expect(data.place).toMatchObject({ name: 'LE1', kind: 'district' })
		expect(data.total).toBe(11)
		expect(data.results.every((r) => r.distance && /^\d/.test(r.distance))).toBe(true)
		expect(data.results[0]!.slug).toBe('lcil')
		const wider = await searchPage('?near=Leicester&radius=25')
		expect(wider.data.results.map((r) => r.town)).toContain('Loughborough')
	})

	test('a misspelt place gets a clear message and a suggestion, not a crash', async () => {
		const { status, data } = await searchPage('?near=Leicster')
		expect(status).toBe(200)
		expect(data.errors.map((e) => e.message)).toEqual([
			'We could not find “Leicster”. Check the spelling, or enter a nearby town or a postcode district such as LE1',
		])
		expect(data.placeSuggestions[0]).toEqual({ label: 'Leicester', href: '/search?near=Leicester' })
	})

	test('bad values in the URL are explained and left out; the rest still searches', async () => {
		const { status, data } = await searchPage(
			'?min=abc&kind=wizard&kind=personal-assistant&page=0&sort=cheapest&radius=7',
		)
		expect(status).toBe(400)
		expect(data.errors.map((e) => e.message).sort()).toEqual(
			[
				'Choose a distance from the list',
				'Choose how to sort from the list',
				'Enter the lowest price in pounds, like 12 or 12.50',
				'Page must be 1 or more',
				'“wizard” is not a kind of provider, so it was left out',
			].sort(),
		)
		expect(data.total).toBe(12)
		expect(data.params.kinds).toEqual(['PERSONAL_ASSISTANT'])
	})

	test('a page past the end shows the last page and says so', async () => {
		const { status, data } = await searchPage('?kind=personal-assistant&page=9')
		expect(status).toBe(200)
		expect(data.page).toBe(1)
		expect(data.results).toHaveLength(12)
		expect(data.errors.map((e) => e.message)).toEqual(['There is only 1 page of results, so this is the last one'])
	})

	test('no results explain why and suggest how to widen the search', async () => {
		const { data } = await searchPage('?q=leicester&lang=Somali&near=Leicester&radius=2')
		expect(data.total).toBe(0)
		expect(data.empty!.reasons).toEqual([
			'No provider matched all of “leicester”, even allowing for spelling mistakes.',
			'Only providers within 2 km of Leicester were included.',
			'One filter was on; each one narrows the results.',
		])
		const labels = data.empty!.suggestions.map((s) => s.label)
		expect(labels).toContain('Remove the filter “Speaks Somali”')
		const drop = data.empty!.suggestions.find((s) => s.label === 'Remove the filter “Speaks Somali”')!
		expect(drop.count).toBeGreaterThan(0)
		expect(drop.href).toBe('/search?q=leicester&near=Leicester&radius=2')
	})

	test('an empty search suggests the nearest kinds of support, through the words people use for them', async () => {
		// "medicines" is in no profile, but personal care is help with taking medicines.
		const { data } = await searchPage('?q=medicines')
		expect(data.total).toBe(0)
		expect(data.empty!.categories).toEqual([
			{ label: 'Personal care', href: '/search?category=personal-care', count: 11 },
		])
		// "Visually impaired" is said for blind and partially sighted people: sensory support, kept to the place.
		const { data: sight } = await searchPage('?q=visually+impaired&near=Manchester')
		expect(sight.total).toBe(0)
		expect(sight.empty!.categories).toEqual([
			{ label: 'Sensory support', href: '/search?near=Manchester&category=sensory-support', count: 1 },
		])
		// Words that say nothing about support suggest no category.
		const { data: none } = await searchPage('?q=zzyzx')
		expect(none.empty!.categories).toEqual([])
	})

	test('"PA Leicester" lists the personal assistants in Leicester', async () => {
		const { data } = await searchPage('?q=PA+Leicester')
		expect(data.total).toBe(9)
		expect(data.results.every((r) => r.kind === 'Personal assistant' && r.town === 'Leicester')).toBe(true)
	})

	test('a profile that is unpublished disappears from search', async () => {
		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: 'daniel' }, data: { published: false } })
			await enqueueProviderSync(tx, 'daniel')
		})
		await drainOutbox(outboxDeps(db.prisma, getSearchEngine()))
		const { data } = await searchPage('?q=Daniel+Wright')
		expect(data.total).toBe(0)
		const { data: all } = await searchPage('?kind=personal-assistant')
		expect(all.total).toBe(11)
		expect(names(all)).not.toContain('Daniel Wright')
	})
})

describe('fair-price guidance for a profile', () => {
	test('says what is typical nearby for each service and where its price sits', async () => {
		const services = await db.prisma.service.findMany({
			where: { providerId: { in: ['tom', 'extra0'] } },
			orderBy: { pricePence: 'asc' },
		})
		const guides = await priceGuidesForServices(db.prisma, { town: 'Leicester', kind: 'PERSONAL_ASSISTANT' }, services)
		const cheap = services.find((s) => s.providerId === 'extra0')!
		const tom = services.find((s) => s.providerId === 'tom')!
		expect(guides[tom.id]).toMatchObject({
			sentence: 'Typical for personal care from a personal assistant near Leicester: £14–£17 an hour',
			position: 'typical',
		})
		expect(guides[cheap.id]!.position).toBe('below')
		expect(guides[cheap.id]!.positionLabel).toBe('lower than most')
		expect(guides[tom.id]!.detail).toMatch(/^Middle price £15; listed prices run from £13 to £18 \(\d+ listed\)\.$/)
	})
})

describe('the compare page', () => {
	test('shows up to three providers side by side with prices, checks, rating, languages, availability and distance', async () => {
		const data = await comparePage('?ids=priya&ids=tom&ids=sarah&near=Leicester')
		expect(data.messages).toEqual([])
		expect(data.columns.map((c) => c.name)).toEqual(['Priya Patel', 'Tom Baker', 'Sarah Jones'])
		const [priya, tom, sarah] = data.columns
		expect(priya!.services.map((s) => s.price)).toEqual(['£14.00 an hour', '£15.00 an hour'])
		expect(tom!.services[0]!.guide).toBe(
			'Typical for personal care from a personal assistant near Leicester: £14–£17 an hour',
		)
		expect(tom!.services[0]!.position).toBe('usual')
		expect(priya!.credentials[0]).toBe('Enhanced DBS check (Background check), checked by Budget Market')
		expect(priya!.languages).toEqual(['English', 'Gujarati'])
		expect(priya!.rating).toEqual({ average: 4.8, count: 12 })
		expect(priya!.usualAvailability).toBe('Monday morning; Wednesday evening')
		expect(sarah!.distance).toMatch(/^1[56] km from Leicester$/)
	})

	test('more than three are cut to three with a message; unknown or hidden ones are explained', async () => {
		const many = await comparePage('?ids=priya,tom,sarah,margaret')
		expect(many.columns).toHaveLength(3)
		expect(many.messages).toEqual(['You can compare up to 3 providers at a time. These are the first 3 you chose.'])
		const missing = await comparePage('?ids=priya,nobody')
		expect(missing.columns.map((c) => c.name)).toEqual(['Priya Patel'])
		expect(missing.messages).toEqual(['One of the providers you chose is no longer listed, so it is not shown.'])
		const bad = await comparePage('?ids=%3Cscript%3E')
		expect(bad.columns).toEqual([])
		expect(bad.messages).toEqual(['That link has a provider id we do not recognise'])
		const none = await comparePage('')
		expect(none.messages).toEqual(['Choose up to three providers from the search results to compare them here.'])
	})
})
