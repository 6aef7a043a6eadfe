/**
 * Words: how both engines cut text into words, which query words may have typos, and how matches are
 * highlighted. The rules follow Meilisearch's defaults so the two engines behave alike:
 * - one typo for words of 5 to 8 letters, two for 9 or more, none for shorter words;
 * - a typo is an insertion, deletion, substitution or swap of two neighbouring letters (Damerau-Levenshtein);
 *   a typo on the first letter counts as two;
 * - the last query word also matches as a prefix (search as you type).
 * Pure: no I/O.
 */
import type { Highlighted } from './types.ts'

/** Lower case, accents removed, apostrophes dropped ("O'Neill" → "oneill"), anything else not a letter or digit splits. */
export function normalise(text: string): string {
	// Plain ASCII (most text) needs no Unicode decomposition.
	if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase().replace(/['`]/g, '')
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’‘`]/g, '')
}

export function tokenize(text: string): string[] {
	return normalise(text)
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0)
}

/**
 * Words that carry no meaning in a search for support ("a personal assistant near Leicester"). They are left out
 * of queries (not of documents), so they never stop a profile from matching. Meilisearch gets the same list.
 */
export const stopWords: readonly string[] = [
	'a',
	'an',
	'and',
	'the',
	'of',
	'in',
	'near',
	'around',
	'for',
	'with',
	'to',
	'at',
	'by',
	'on',
	'or',
	'from',
	'who',
	'me',
	'my',
	'i',
	'is',
	'are',
	'can',
	'some',
	'someone',
]
const stopSet = new Set(stopWords)

/** At most this many words of a query are used (Meilisearch uses 10). */
export const MAX_QUERY_WORDS = 10

/** The words of a query that count: normalised, stop words left out, at most MAX_QUERY_WORDS. */
export function queryWords(q: string | undefined): string[] {
	if (!q) return []
	return tokenize(q)
		.filter((w) => !stopSet.has(w))
		.slice(0, MAX_QUERY_WORDS)
}

/** How many typos a query word may have: none under 5 letters, one for 5 to 8, two for 9 or more. */
export function allowedTypos(word: string): 0 | 1 | 2 {
	if (word.length >= 9) return 2
	if (word.length >= 5) return 1
	return 0
}

/**
 * Damerau-Levenshtein distance (optimal string alignment), plus one when the first letters differ (a typo on
 * the first letter counts as two, as in Meilisearch). Stops early and returns `limit + 1` once it is over `limit`.
 */
export function typoDistance(a: string, b: string, limit = 2): number {
	if (a === b) return 0
	const extra = a[0] === b[0] ? 0 : 1
	const budget = limit - extra
	if (budget < 0) return limit + 1
	const d = osa(a, b, budget)
	return d > budget ? limit + 1 : d + extra
}

/** The smallest typo distance between `q` and any beginning of `word` (for the last, still-being-typed word). */
export function prefixTypoDistance(q: string, word: string, limit = 2): number {
	let best = limit + 1
	const from = Math.max(1, q.length - limit)
	const to = Math.min(word.length, q.length + limit)
	for (let k = from; k <= to; k++) {
		const d = typoDistance(q, word.slice(0, k), limit)
		if (d < best) best = d
		if (best === 0) break
	}
	return best
}

function osa(a: string, b: string, limit: number): number {
	const n = a.length
	const m = b.length
	if (Math.abs(n - m) > limit) return limit + 1
	let prev2 = new Array<number>(m + 1).fill(0)
	let prev = Array.from({ length: m + 1 }, (_, j) => j)
	let cur = new Array<number>(m + 1).fill(0)
	for (let i = 1; i <= n; i++) {
		cur[0] = i
		let rowMin = cur[0]
		for (let j = 1; j <= m; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1
			let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1)
			cur[j] = v
			if (v < rowMin) rowMin = v
		}
		if (rowMin > limit) return limit + 1
		;[prev2, prev, cur] = [prev, cur, prev2]
	}
	return prev[m]!
}

/**
 * What a query matches, word by word: each query word with the indexed words it stands for (itself, its typo
 * variants and, for the last word, what it begins). Engines build this; highlighting and ranking use it.
 */
export type WordMatch = {
	word: string
	/** Indexed words that match exactly or within the typo rules. */
	terms: string[]
	/** Set for the last word: any indexed word beginning with this matches. */
	prefix: string | null
}

/** True when `token` (already normalised) matches one of the query words. */
export function tokenMatcher(matches: WordMatch[]): (token: string) => boolean {
	const exact = new Set<string>()
	const prefixes: string[] = []
	for (const m of matches) {
		for (const t of m.terms) exact.add(t)
		if (m.prefix) prefixes.push(m.prefix)
	}
	return (token) => exact.has(token) || prefixes.some((p) => token.startsWith(p))
}

const wordRun = /[\p{L}\p{N}'’]+/gu

/**
 * Splits text into matched and unmatched parts, keeping the original spelling and spacing. `phrases` (each as its
 * normalised words) are marked only where their words stand side by side, in order (synonyms of several words).
 */
export function highlight(
	text: string,
	isMatch: (token: string) => boolean,
	phrases: readonly (readonly string[])[] = [],
): Highlighted {
	if (!text) return []
	const runs: Array<{ start: number; token: string; match: boolean }> = []
	const words: Array<{ word: string; run: number }> = []
	for (const m of text.matchAll(wordRun)) {
		const tokens = tokenize(m[0])
		for (const word of tokens) words.push({ word, run: runs.length })
		runs.push({ start: m.index, token: m[0], match: tokens.length > 0 && tokens.every(isMatch) })
	}
	if (phrases.length) {
		for (let i = 0; i < words.length; i++) {
			for (const phrase of phrases) {
				if (phrase[0] !== words[i]!.word || i + phrase.length > words.length) continue
				if (!phrase.every((w, k) => words[i + k]!.word === w)) continue
				for (let k = 0; k < phrase.length; k++) runs[words[i + k]!.run]!.match = true
			}
		}
	}
	const parts: Highlighted = []
	let last = 0
	const push = (t: string, match: boolean) => {
		if (!t) return
		const prev = parts.at(-1)
		if (prev && prev.match === match) prev.text += t
		else parts.push({ text: t, match })
	}
	for (const run of runs) {
		push(text.slice(last, run.start), false)
		push(run.token, run.match)
		last = run.start + run.token.length
	}
	push(text.slice(last), false)
	return parts
}

/** About `words` words of text around the first match, with "…" where it was cut. */
export function crop(parts: Highlighted, words = 24): Highlighted {
	const tokens: Array<{ text: string; match: boolean }> = []
	for (const p of parts) {
		for (const piece of p.text.split(/(\s+)/)) if (piece) tokens.push({ text: piece, match: p.match })
	}
	const wordIdx = tokens.map((t, i) => (/\S/.test(t.text) ? i : -1)).filter((i) => i >= 0)
	if (wordIdx.length <= words) return parts
	const firstMatch = wordIdx.findIndex((i) => tokens[i]!.match)
	const startWord = firstMatch <= words / 3 ? 0 : Math.min(firstMatch - Math.floor(words / 3), wordIdx.length - words)
	const from = wordIdx[startWord]!
	const to = wordIdx[Math.min(startWord + words, wordIdx.length) - 1]!
	const out: Highlighted = []
	const push = (text: string, match: boolean) => {
		const prev = out.at(-1)
		if (prev && prev.match === match) prev.text += text
		else out.push({ text, match })
	}
	if (from > 0) push('…', false)
	for (let i = from; i <= to; i++) push(tokens[i]!.text, tokens[i]!.match)
	if (to < tokens.length - 1) push('…', false)
	return out
}

/** Plain text of a highlighted value (for tests and titles). */
export function plain(parts: Highlighted): string {
	return parts.map((p) => p.text).join('')
}

/** The matched words of a highlighted value, in order. */
export function marked(parts: Highlighted): string[] {
	return parts.filter((p) => p.match).map((p) => p.text)
}
