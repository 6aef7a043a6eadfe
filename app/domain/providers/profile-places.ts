/**
 * Where a provider is: a town from our list of real UK towns (app/domain/reference/towns.ts, with each centre's
 * coordinates and its postcode districts) and the first half of their postcode. Choosing a known town gives the
 * profile its coordinates without any geocoding service. Pure: no I/O, used by the server and the browser.
 */
import { towns, type Town } from '#app/domain/reference/towns.ts'

export type KnownTown = Pick<Town, 'name' | 'districts' | 'lat' | 'lng'>

/** Town names in alphabetical order, for the list the town field suggests from. */
export const townNames: readonly string[] = towns.map((t) => t.name).sort((a, b) => a.localeCompare(b, 'en-GB'))

/** "Newcastle-upon-Tyne", "newcastle upon tyne " → "newcastleupontyne". */
function key(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
}

const byKey = new Map(towns.map((t) => [key(t.name), t]))

/** The town with this name (ignoring case, spaces, hyphens and accents), or null. */
export function findTown(text: string): KnownTown | null {
	const k = key(text)
	return k ? (byKey.get(k) ?? null) : null
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
function distance(a: string, b: string): number {
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
		Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	)
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
			d[i]![j] = best
		}
	}
	return d[a.length]![b.length]!
}

/** Up to three towns the person may have meant: close spellings, or towns whose name starts with what they typed. */
export function townSuggestions(text: string): string[] {
	const k = key(text)
	if (k.length < 3) return []
	const scored: Array<{ name: string; score: number }> = []
	for (const t of towns) {
		const tk = key(t.name)
		const d = distance(k, tk)
		if (tk.startsWith(k)) scored.push({ name: t.name, score: 0 })
		else if (d <= Math.max(1, Math.floor(k.length / 4))) scored.push({ name: t.name, score: d })
	}
	return scored
		.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
		.slice(0, 3)
		.map((s) => s.name)
}

/** "le4", " LE4 5WW" → "LE4" (the outward code); null when it does not look like the start of a UK postcode. */
export function normaliseDistrict(text: string): string | null {
	const compact = text.trim().toUpperCase().replace(/\s+/g, ' ')
	const match = /^([A-Z]{1,2}\d[A-Z\d]?)(?: ?\d[A-Z]{2})?$/.exec(compact)
	return match ? match[1]! : null
}

/** The letters a postcode starts with: "LE4" → "LE", "B13" → "B". */
export function postcodeArea(district: string): string {
	return /^[A-Z]+/.exec(district.toUpperCase())?.[0] ?? ''
}

/** A district fits a town when it is in one of the postcode areas the town's districts are in. */
export function districtFitsTown(district: string, town: KnownTown): boolean {
	const area = postcodeArea(district)
	return town.districts.some((d) => postcodeArea(d) === area)
}

/** "LE" or "LE or NG": how the town's postcodes start, for error messages. */
export function townAreas(town: KnownTown): string {
	const areas = [...new Set(town.districts.map(postcodeArea))]
	return areas.join(' or ')
}
