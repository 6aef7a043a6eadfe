import { describe, expect, test } from 'vitest'
import { nearestCategories } from './category-suggestions.ts'

const slugs = (q: string) => nearestCategories(q).map((c) => c.slug)

describe('the nearest kinds of support to a search', () => {
	test('match the words of a category’s name and description, allowing typos', () => {
		expect(slugs('medicines')[0]).toBe('personal-care')
		expect(slugs('gardning')[0]).toBe('gardening-and-odd-jobs')
	})

	test('use the synonyms people say', () => {
		expect(slugs('physio')[0]).toBe('therapies')
		expect(slugs('visually impaired')[0]).toBe('sensory-support')
		expect(slugs('handyman')[0]).toBe('gardening-and-odd-jobs')
		expect(slugs('lonely')[0]).toBe('befriending')
	})

	test('find nothing for words that say nothing about support', () => {
		expect(slugs('zzyzx')).toEqual([])
		expect(slugs('help')).toEqual([])
		expect(slugs('')).toEqual([])
	})
})
