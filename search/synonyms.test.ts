import { describe, expect, test } from 'vitest'
import { isAbbreviation, meiliSynonyms, synonymProblems, synonymSpans, synonymsOf } from './synonyms.ts'
import { highlight, marked, queryWords } from './text.ts'

describe('synonyms', () => {
	test('keep to what both engines can do: no stop words, keys of at most three words, within Meilisearch’s limits', () => {
		expect(synonymProblems()).toEqual([])
	})

	test('are multi-way within a group, and one-way where listed so', () => {
		expect(synonymsOf(['pa'])).toContainEqual(['personal', 'assistant'])
		expect(synonymsOf(['personal', 'assistant'])).toContainEqual(['pa'])
		expect(synonymsOf(['sitter'])).toContainEqual(['respite'])
		expect(synonymsOf(['get', 'up'])).toEqual([['personal', 'care']])
		expect(synonymsOf(['personal', 'care'])).not.toContainEqual(['get', 'up'])
		expect(meiliSynonyms()['occupational therapy']).toContain('ot')
	})

	test('find runs of one to three neighbouring query words, after the stop words are left out', () => {
		const words = queryWords('someone to help me get up in Leicester')
		expect(words).toEqual(['help', 'get', 'up', 'leicester'])
		expect(synonymSpans(words).map((s) => [s.start, s.end])).toEqual([[1, 3]])
	})

	test('know the abbreviations', () => {
		expect(['pa', 'ot', 'ld', 'asd'].every(isAbbreviation)).toBe(true)
		expect(isAbbreviation('pay')).toBe(false)
	})

	test('highlight a phrase only where its words stand side by side', () => {
		const parts = highlight('A personal assistant who is personal and an assistant', () => false, [
			['personal', 'assistant'],
		])
		expect(marked(parts)).toEqual(['personal', 'assistant'])
		expect(parts[1]).toEqual({ text: 'personal', match: true })
	})
})
