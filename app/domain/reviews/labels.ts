/** How the review pages and messages name people. Pure: safe in the browser. Dates come from app/utils/dates.ts. */

/** "Sam T.": a first name and initial, the way reviews name their authors in public. */
export function shortName(displayName: string): string {
	const [first, ...rest] = displayName.trim().split(/\s+/)
	const last = rest.at(-1)
	return last ? `${first} ${last.charAt(0)}.` : (first ?? '')
}
