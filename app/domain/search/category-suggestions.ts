/**
 * When a search finds nothing, the kinds of support nearest to what was typed: the query's words and their
 * synonyms (search/synonyms.ts) against each category's name and description (app/domain/reference/categories.ts),
 * allowing typos by the engines' rules. Pure: the search page counts what each suggestion would find.
 */
import { categories as referenceCategories } from '#app/domain/reference/categories.ts'
import { isAbbreviation, synonymSpans } from '#search/synonyms.ts'
import { allowedTypos, queryWords, tokenize, typoDistance } from '#search/text.ts'

export type CategoryWords = { slug: string; name: string; description: string }

/** Words that say nothing about a kind of support, so they never make a category "near". */
const vague = new Set([
	'help',
	'support',
	'people',
	'you',
	'your',
	'so',
	'do',
	'be',
	'get',
	'care',
	'home',
	'day',
	'services',
	'service',
])

/**
 * Up to `limit` categories nearest to the query, best first. A word in the category's name counts more than one in
 * its description; a query word and its synonyms count once, by their best match.
 */
export function nearestCategories(
	q: string,
	list: readonly CategoryWords[] = referenceCategories,
	limit = 3,
): CategoryWords[] {
	const words = queryWords(q)
	if (words.length === 0) return []
	// Each query word stands for itself and for the words of its synonyms (a synonym of several words stands for
	// each of the query words it replaces).
	const alternatives = words.map((w) => new Set([w]))
	for (const span of synonymSpans(words)) {
		for (let i = span.start; i < span.end; i++)
			for (const s of span.synonyms) for (const w of s) alternatives[i]!.add(w)
	}
	const matches = (query: string, word: string) => {
		if (query === word) return true
		if (isAbbreviation(query) || query[0] !== word[0]) return false
		const k = allowedTypos(query)
		return k > 0 && typoDistance(query, word, k) <= k
	}
	const scored = list.map((c, order) => {
		const name = tokenize(c.name).filter((w) => !vague.has(w))
		const description = tokenize(c.description).filter((w) => !vague.has(w))
		let score = 0
		for (const alts of alternatives) {
			let best = 0
			for (const a of alts) {
				if (vague.has(a)) continue
				if (name.some((w) => matches(a, w))) best = Math.max(best, 3)
				else if (description.some((w) => matches(a, w))) best = Math.max(best, 1)
			}
			score += best
		}
		return { c, score, order }
	})
	return scored
		.filter((s) => s.score > 0)
		.sort((a, b) => b.score - a.score || a.order - b.order)
		.slice(0, limit)
		.map((s) => s.c)
}
