import type { Highlighted } from '#search/types.ts'

/**
 * Highlighted text as the search page sends it to the browser: plain and matched runs in turn, starting with a plain
 * one (empty when the text starts with a match), so `["Cheerful ", "personal", " ", "assistant", " in Bristol"]`
 * marks "personal" and "assistant". The page's hydration data holds every result's name, headline, bio extract and
 * service titles; as `{ text, match }` objects they were a fifth of a search page (issue 14).
 */
export type MarkedText = string[]

export function toMarkedText(parts: Highlighted): MarkedText {
	const runs: MarkedText = ['']
	for (const p of parts) {
		if (!p.text) continue
		// Odd places hold matches: a part of the same kind as the last run joins it.
		if (p.match === (runs.length % 2 === 0)) runs[runs.length - 1] += p.text
		else runs.push(p.text)
	}
	return runs
}

/** The text without its marks. */
export function plainText(runs: MarkedText): string {
	return runs.join('')
}

/** True when some of the text matched the search. */
export function hasMatch(runs: MarkedText): boolean {
	return runs.some((run, i) => i % 2 === 1 && run !== '')
}
