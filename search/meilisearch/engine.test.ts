/**
 * The Meilisearch adapter's translations, checked without a server (the contract suite checks behaviour against a
 * real Meilisearch when MEILI_URL is set).
 */
import { describe, expect, test } from 'vitest'
import { marked, plain } from '../text.ts'
import { meiliFilter, meiliQuery, meiliSettings, meiliSort, parseFormatted } from './engine.ts'

describe('Meilisearch adapter', () => {
	test('writes filters with the same meaning as the embedded engine: any of, all of, ranges, day and time pairs, radius', () => {
		expect(
			meiliFilter(
				{
					kinds: ['PERSONAL_ASSISTANT'],
					languages: ['Polish', 'Scottish "Gaelic"'],
					accessibility: ['step-free', 'hearing-loop'],
					priceMinPence: 1200,
					priceMaxPence: 1800,
					days: ['mon', 'tue'],
					partsOfDay: ['evening'],
					acceptsGroupBookings: true,
				},
				{ lat: 52.6, lng: -1.1, radiusKm: 15 },
			),
		).toEqual([
			'kind IN ["PERSONAL_ASSISTANT"]',
			'priceFrom >= 1200',
			'priceFrom <= 1800',
			'languages IN ["Polish", "Scottish \\"Gaelic\\""]',
			'accessibility = "step-free"',
			'accessibility = "hearing-loop"',
			'slots IN ["mon-evening", "tue-evening"]',
			'acceptsGroupBookings = true',
			'_geoRadius(52.6, -1.1, 15000)',
		])
	})

	test('sorts by price, rating or distance, and leaves relevance to the ranking rules', () => {
		expect(meiliSort('price-asc', null)).toEqual(['priceFrom:asc'])
		expect(meiliSort('rating', null)).toEqual(['ratingAverage:desc', 'reviewCount:desc'])
		expect(meiliSort('distance', { lat: 52.6, lng: -1.1 })).toEqual(['_geoPoint(52.6, -1.1):asc'])
		expect(meiliSort('relevance', null)).toEqual([])
	})

	test('configures typo sizes, stop words and "sort" first in the ranking rules', () => {
		expect(meiliSettings.typoTolerance.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 })
		expect(meiliSettings.rankingRules[0]).toBe('sort')
		expect(meiliSettings.stopWords).toContain('near')
		expect(meiliSettings.filterableAttributes).toEqual(
			expect.arrayContaining(['_geo', 'slots', 'credentials', 'priceFrom']),
		)
	})

	test('turns highlighted strings into matched and unmatched parts', () => {
		const parts = parseFormatted('Care in \u0002Leic\u0003ester and \u0002Lough\u0003borough', 'unused')
		expect(plain(parts)).toBe('Care in Leicester and Loughborough')
		// Prefix matches are widened to the whole word, as the embedded engine marks them.
		expect(marked(parts)).toEqual(['Leicester', 'Loughborough'])
		expect(parseFormatted(undefined, 'Plain')).toEqual([{ text: 'Plain', match: false }])
	})

	test('sends the shared synonyms both ways, and abbreviations without typos or a prefix', () => {
		expect(meiliSettings.synonyms.pa).toContain('personal assistant')
		expect(meiliSettings.synonyms['personal assistant']).toContain('pa')
		expect(meiliSettings.synonyms['get up']).toEqual(['personal care'])
		expect(meiliSettings.synonyms['personal care']).not.toContain('get up')
		expect(meiliSettings.typoTolerance.disableOnWords).toEqual(expect.arrayContaining(['pa', 'ot', 'asd']))
		// A trailing space tells Meilisearch the last word is complete, so "pa" is not a prefix of "pay".
		expect(meiliQuery(['leicester', 'pa'])).toBe('leicester pa ')
		expect(meiliQuery(['pa', 'leicester'])).toBe('pa leicester')
		expect(meiliQuery([])).toBe('')
	})
})
