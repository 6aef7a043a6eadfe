import { describe, expect, test } from 'vitest'
import {
	allowedTypos,
	crop,
	highlight,
	marked,
	plain,
	prefixTypoDistance,
	queryWords,
	tokenize,
	tokenMatcher,
	typoDistance,
} from './text.ts'

describe('words', () => {
	test('cuts text into lower-case words without accents or apostrophes', () => {
		expect(tokenize("Zoë O'Neill, Stoke-on-Trent LE1")).toEqual(['zoe', 'oneill', 'stoke', 'on', 'trent', 'le1'])
	})

	test('leaves stop words out of queries and keeps at most ten words', () => {
		expect(queryWords('a personal assistant near Leicester')).toEqual(['personal', 'assistant', 'leicester'])
		expect(queryWords('one two three four five six seven eight nine ten eleven')).toHaveLength(10)
		expect(queryWords('   ')).toEqual([])
	})
})

describe('typo rules', () => {
	test('no typos under 5 letters, one for 5 to 8, two for 9 or more', () => {
		expect([4, 5, 8, 9, 12].map((n) => allowedTypos('x'.repeat(n)))).toEqual([0, 1, 1, 2, 2])
	})

	test('counts insertions, deletions, substitutions and swaps as one typo each', () => {
		expect(typoDistance('demntia', 'dementia')).toBe(1)
		expect(typoDistance('demetnia', 'dementia')).toBe(1)
		expect(typoDistance('dementai', 'dementia')).toBe(1)
		expect(typoDistance('dimentia', 'dementia')).toBe(1)
		expect(typoDistance('dmntia', 'dementia')).toBe(2)
	})

	test('counts a typo on the first letter as two', () => {
		expect(typoDistance('xementia', 'dementia')).toBe(2)
		expect(typoDistance('eicester', 'leicester')).toBe(2)
	})

	test('measures the last word against the beginning of longer words', () => {
		expect(prefixTypoDistance('leice', 'leicester')).toBe(0)
		expect(prefixTypoDistance('leics', 'leicester')).toBe(1)
		expect(prefixTypoDistance('leicst', 'leicester')).toBe(1)
		expect(prefixTypoDistance('thomas', 'thompson')).toBe(1)
		expect(prefixTypoDistance('zzz', 'leicester')).toBeGreaterThan(2)
	})
})

describe('highlighting', () => {
	const isMatch = tokenMatcher([
		{ word: 'demntia', terms: ['demntia', 'dementia'], prefix: null },
		{ word: 'lei', terms: ['lei'], prefix: 'lei' },
	])

	test('marks matched words, typo matches and prefix matches, keeping the original text', () => {
		const parts = highlight('Dementia support in Leicester.', isMatch)
		expect(plain(parts)).toBe('Dementia support in Leicester.')
		expect(marked(parts)).toEqual(['Dementia', 'Leicester'])
	})

	test('crops long text around the first match', () => {
		const text = `${'word '.repeat(40)}dementia ${'more '.repeat(40)}`.trim()
		const parts = crop(highlight(text, isMatch), 10)
		expect(marked(parts)).toEqual(['dementia'])
		expect(plain(parts).startsWith('…')).toBe(true)
		expect(plain(parts).endsWith('…')).toBe(true)
		expect(
			plain(parts)
				.split(/\s+/)
				.filter((w) => w !== '…').length,
		).toBeLessThanOrEqual(10)
	})
})
