/**
 * The embedded engine's in-memory inverted index. Pure (no I/O): the engine (./engine.ts) feeds it documents from
 * the database table that is the store of record, and asks it for the ids of the hits.
 *
 * - Every document version gets an internal number; an update adds a new number and kills the old one (a "live"
 *   bitmap), like Lucene. The engine rebuilds the index when too much of it is dead.
 * - Words: posting lists (internal numbers, with a bit per field the word is in: A name, B kind/categories/
 *   services/town/district, C headline/languages/credentials/accessibility, D bio). The lexicon is grouped by first
 *   letter, so typo candidates are read from one group and checked with search/text.ts's rules.
 * - Filters and facets: one bitmap per facet value (Uint32Array, one bit per document). Facet counts are
 *   popcount(results AND value): about a millisecond for all of them over 100,000 documents.
 * - Geo: latitude and longitude arrays; a bounding box check, then haversine.
 * - Ranking: the explicit sort, then fewer typos, then field weight, then rating and reviews; the top of the list is
 *   chosen with a bounded heap, so only the requested page is ever sorted.
 * - Synonyms (search/synonyms.ts), as Meilisearch applies them: a query word, or two or three neighbouring query
 *   words, also match their synonyms, exactly (no typo, no prefix), counting as an exact match. A synonym of several
 *   words is a phrase: the index keeps a posting list for each such phrase (its words side by side in one field,
 *   found when a document is added), under the phrase's words joined by a space. Abbreviations never get typos or
 *   a prefix.
 */
import { boundingBox, EARTH_RADIUS_KM } from '../geo.ts'
import { isAbbreviation, synonymPhrases, synonymSpans } from '../synonyms.ts'
import { allowedTypos, prefixTypoDistance, tokenize, typoDistance, type WordMatch } from '../text.ts'
import {
	facetNames,
	type FacetCounts,
	type SearchDocument,
	type SearchFilters,
	type SearchRequest,
	type SearchSort,
} from '../types.ts'

const FIELD_A = 1
const FIELD_B = 2
const FIELD_C = 4
const FIELD_D = 8

/** Most typo variants kept for one query word (the closest first). */
const MAX_TERMS_PER_WORD = 50

type Posting = { docs: Uint32Array; fields: Uint8Array; length: number }

/** Synonyms of several words, by their first word: the phrases the index keeps posting lists for. */
const phrasesByFirstWord = new Map<string, string[][]>()
for (const phrase of synonymPhrases()) {
	const list = phrasesByFirstWord.get(phrase[0]!)
	if (list) list.push(phrase)
	else phrasesByFirstWord.set(phrase[0]!, [phrase])
}

/** Facets the index keeps bitmaps for: the reported ones, plus day-and-time pairs for filtering. */
const bitmapFacets = [...facetNames, 'slots'] as const
type BitmapFacet = (typeof bitmapFacets)[number]

/** The fields of a document the index needs (the rest stays in the database). */
export function documentFields(d: SearchDocument) {
	const join = (...values: Array<string | string[]>) => tokenize(values.flat().join(' ')).join(' ')
	return {
		id: d.id,
		a: join(d.name),
		b: join(
			d.kindLabel,
			d.categoryNames,
			d.services.map((s) => s.title),
			d.town,
			d.postcodeDistrict,
		),
		c: join(d.headline, d.languages, d.credentialTitles, d.accessibility),
		d: join(d.bio),
		facets: {
			kind: [d.kind],
			categories: d.categories,
			serviceTypes: d.serviceTypes,
			languages: d.languages,
			accessibility: d.accessibility,
			credentials: d.credentials,
			days: d.days,
			partsOfDay: d.partsOfDay,
			acceptsGroupBookings: [String(d.acceptsGroupBookings)],
			slots: d.slots,
		} satisfies Record<BitmapFacet, string[]>,
		lat: d.lat,
		lng: d.lng,
		priceFrom: d.priceFrom,
		ratingAverage: d.ratingAverage,
		reviewCount: d.reviewCount,
	}
}
export type IndexFields = ReturnType<typeof documentFields>

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
	return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

export type IndexHits = {
	total: number
	facets: FacetCounts
	priceRange: { min: number; max: number } | null
	/** The requested page: provider ids, with distance when the request had a point. */
	page: Array<{ id: string; distanceKm: number | null }>
	/** The query words' matches, and the one-word synonyms found in the index (for highlighting). */
	matches: WordMatch[]
	/** Synonyms of several words found in the index, each as its words (highlighted only side by side). */
	phrases: string[][]
}

export class MemoryIndex {
	/** Internal number → provider id (null once dead). */
	private ids: Array<string | null> = []
	private byId = new Map<string, number>()
	private words = 32 // capacity of every bitmap, in 32-bit words
	private live = new Uint32Array(32)
	private deadCount = 0
	private lat = new Float64Array(1024)
	private lng = new Float64Array(1024)
	private price = new Float64Array(1024)
	private rating = new Float64Array(1024)
	private reviews = new Float64Array(1024)
	private facetBits = new Map<BitmapFacet, Map<string, Uint32Array>>()
	private postings = new Map<string, Posting>()
	private lexicon = new Map<string, string[]>()
	/** Bitmaps of frequent words (built on first use, rebuilt when their posting list grew). */
	private dense = new Map<string, { bits: Uint32Array; length: number }>()
	// Scratch space reused by every search (searches run synchronously, one at a time).
	private scratch = {
		key1: new Float64Array(1024),
		key2: new Float64Array(1024),
		best: new Float64Array(1024),
		exact: new Uint32Array(1024),
		dist: new Float64Array(1024),
		cands: new Int32Array(1024),
	}

	get size(): number {
		return this.byId.size
	}
	get dead(): number {
		return this.deadCount
	}
	get wordCount(): number {
		return this.postings.size
	}
	/** Every indexed word (for the benchmark's typo experiment); the synonym phrases are left out. */
	terms(): string[] {
		return [...this.postings.keys()].filter((t) => !t.includes(' '))
	}
	has(id: string): boolean {
		return this.byId.has(id)
	}

	private grow(n: number) {
		if (n < this.lat.length) return
		let cap = this.lat.length
		while (cap <= n) cap *= 2
		const growF = (a: Float64Array) => {
			const b = new Float64Array(cap)
			b.set(a)
			return b
		}
		this.lat = growF(this.lat)
		this.lng = growF(this.lng)
		this.price = growF(this.price)
		this.rating = growF(this.rating)
		this.reviews = growF(this.reviews)
		this.scratch = {
			key1: new Float64Array(cap),
			key2: new Float64Array(cap),
			best: new Float64Array(cap),
			exact: new Uint32Array(cap),
			dist: new Float64Array(cap),
			cands: new Int32Array(cap),
		}
		const words = Math.ceil(cap / 32)
		const growB = (a: Uint32Array) => {
			const b = new Uint32Array(words)
			b.set(a)
			return b
		}
		this.live = growB(this.live)
		for (const values of this.facetBits.values()) for (const [v, bits] of values) values.set(v, growB(bits))
		this.words = words
	}

	/** Adds a document, replacing any earlier version of it. */
	add(doc: IndexFields): void {
		this.remove(doc.id)
		const n = this.ids.length
		this.grow(n)
		this.ids.push(doc.id)
		this.byId.set(doc.id, n)
		this.live[n >>> 5]! |= 1 << (n & 31)
		this.lat[n] = doc.lat
		this.lng[n] = doc.lng
		this.price[n] = doc.priceFrom ?? NaN
		this.rating[n] = doc.ratingAverage ?? NaN
		this.reviews[n] = doc.reviewCount
		for (const facet of bitmapFacets) {
			let values = this.facetBits.get(facet)
			if (!values) this.facetBits.set(facet, (values = new Map()))
			for (const v of doc.facets[facet]) {
				let bits = values.get(v)
				if (!bits) values.set(v, (bits = new Uint32Array(this.words)))
				bits[n >>> 5]! |= 1 << (n & 31)
			}
		}
		const fields = new Map<string, number>()
		const mark = (text: string, bit: number) => {
			if (!text) return
			const tokens = text.split(' ')
			for (let i = 0; i < tokens.length; i++) {
				const t = tokens[i]!
				fields.set(t, (fields.get(t) ?? 0) | bit)
				// Synonym phrases starting here, their words side by side: a posting under "word word".
				const phrases = phrasesByFirstWord.get(t)
				if (!phrases) continue
				for (const phrase of phrases) {
					if (i + phrase.length > tokens.length) continue
					let k = 1
					while (k < phrase.length && tokens[i + k] === phrase[k]) k++
					if (k < phrase.length) continue
					const key = phrase.join(' ')
					fields.set(key, (fields.get(key) ?? 0) | bit)
				}
			}
		}
		mark(doc.a, FIELD_A)
		mark(doc.b, FIELD_B)
		mark(doc.c, FIELD_C)
		mark(doc.d, FIELD_D)
		for (const [term, mask] of fields) {
			let p = this.postings.get(term)
			if (!p) {
				this.postings.set(term, (p = { docs: new Uint32Array(4), fields: new Uint8Array(4), length: 0 }))
				// Phrases are found through synonyms only, never as typo or prefix candidates.
				if (!term.includes(' ')) {
					const head = term[0]!
					const group = this.lexicon.get(head)
					if (group) group.push(term)
					else this.lexicon.set(head, [term])
				}
			}
			if (p.length === p.docs.length) {
				const docs = new Uint32Array(p.docs.length * 2)
				docs.set(p.docs)
				const f = new Uint8Array(p.docs.length * 2)
				f.set(p.fields)
				p.docs = docs
				p.fields = f
			}
			p.docs[p.length] = n
			p.fields[p.length] = mask
			p.length += 1
		}
	}

	remove(id: string): void {
		const n = this.byId.get(id)
		if (n === undefined) return
		this.byId.delete(id)
		this.ids[n] = null
		this.live[n >>> 5]! &= ~(1 << (n & 31))
		this.deadCount += 1
	}

	/** The indexed words each query word stands for, by the typo and prefix rules (abbreviations: whole words only). */
	resolve(words: string[]): WordMatch[] {
		return words.map((word, i) => {
			const abbreviation = isAbbreviation(word)
			const last = i === words.length - 1 && !abbreviation
			const k = abbreviation ? 0 : allowedTypos(word)
			const scored: Array<{ term: string; d: number }> = []
			const exact: string[] = this.postings.has(word) ? [word] : []
			for (const c of this.lexicon.get(word[0]!) ?? []) {
				if (c === word) continue
				if (last && c.startsWith(word)) continue // the prefix covers it
				if (k === 0) continue
				if (c.length < word.length - k || (!last && c.length > word.length + k)) continue
				const d = last ? prefixTypoDistance(word, c, k) : typoDistance(word, c, k)
				if (d <= k) scored.push({ term: c, d })
			}
			if (k === 2 && !abbreviation) {
				// A typo on the first letter counts as two, so only exact variants of the rest are allowed.
				for (const v of firstLetterVariants(word)) if (this.postings.has(v)) scored.push({ term: v, d: 2 })
			}
			scored.sort((a, b) => a.d - b.d || a.term.localeCompare(b.term))
			return {
				word,
				terms: [...exact, ...scored.slice(0, MAX_TERMS_PER_WORD).map((s) => s.term)],
				prefix: last ? word : null,
			}
		})
	}

	/** Every term a match covers: its terms, and for a prefix every indexed word that begins with it. */
	private termsOf(m: WordMatch): { exact: string[]; typo: string[] } {
		const exact: string[] = []
		const typo: string[] = []
		if (m.prefix) {
			for (const c of this.lexicon.get(m.prefix[0]!) ?? []) if (c.startsWith(m.prefix)) exact.push(c)
		} else if (this.postings.has(m.word)) exact.push(m.word)
		for (const t of m.terms) if (t !== m.word && !(m.prefix && t.startsWith(m.prefix))) typo.push(t)
		return { exact, typo }
	}

	search(request: SearchRequest, words: string[], perPage: number, page: number): IndexHits {
		const W = this.words
		const resolved = this.resolve(words)
		const result = this.live.slice(0, W)

		// Words: every word must match (itself, a typo variant, or for the last word a prefix), or a synonym must
		// match in its place; a synonym of two or three neighbouring words stands for all of them.
		const wordTerms = resolved.map((m) => this.termsOf(m))
		const spans = synonymSpans(words).map((span) => ({
			...span,
			terms: span.synonyms.map((s) => s.join(' ')).filter((t) => this.postings.has(t)),
		}))
		if (words.length) {
			const frequent = Math.max(64, this.ids.length >>> 5)
			const union = (terms: string[], into: Uint32Array) => {
				for (const t of terms) {
					const p = this.postings.get(t)!
					if (p.length >= frequent) {
						const d = this.denseBits(t, p)
						for (let w = 0; w < W; w++) into[w]! |= d[w]!
						continue
					}
					for (let j = 0; j < p.length; j++) {
						const n = p.docs[j]!
						into[n >>> 5]! |= 1 << (n & 31)
					}
				}
				return into
			}
			// reach[i]: documents matching the first i words. One word at a time (with its one-word synonyms), or a
			// run of two or three words at once through a synonym of the run.
			const reach: Uint32Array[] = [result]
			for (let end = 1; end <= words.length; end++) {
				const own = wordTerms[end - 1]!
				const single = spans.filter((s) => s.start === end - 1 && s.end === end).flatMap((s) => s.terms)
				const bits = union([...own.exact, ...own.typo, ...single], new Uint32Array(W))
				const prev = reach[end - 1]!
				for (let w = 0; w < W; w++) bits[w]! &= prev[w]!
				for (const span of spans) {
					if (span.end !== end || span.end - span.start < 2 || span.terms.length === 0) continue
					const via = union(span.terms, new Uint32Array(W))
					const from = reach[span.start]!
					for (let w = 0; w < W; w++) bits[w]! |= via[w]! & from[w]!
				}
				reach.push(bits)
			}
			result.set(reach[words.length]!)
		}
		// For ranking, a synonym match counts as an exact match of every word it stands for.
		for (const span of spans) for (let i = span.start; i < span.end; i++) wordTerms[i]!.exact.push(...span.terms)
		const matches = [...resolved]
		const phrases: string[][] = []
		for (const term of new Set(spans.flatMap((s) => s.terms))) {
			if (term.includes(' ')) phrases.push(term.split(' '))
			else matches.push({ word: term, terms: [term], prefix: null })
		}

		// Filters.
		this.applyFilters(result, request.filters ?? {})
		const geo = request.geo ?? null
		const dist = this.scratch.dist
		const needsScan =
			geo !== null || request.filters?.priceMinPence !== undefined || request.filters?.priceMaxPence !== undefined
		if (needsScan) {
			const f = request.filters ?? {}
			const box = geo?.radiusKm !== undefined ? boundingBox(geo, geo.radiusKm) : null
			const cosLat = geo ? Math.cos((geo.lat * Math.PI) / 180) : 0
			this.forEach(result, (n, w, bit) => {
				const price = this.price[n]!
				let keep = true
				if (f.priceMinPence !== undefined && !(price >= f.priceMinPence)) keep = false
				if (f.priceMaxPence !== undefined && !(price <= f.priceMaxPence)) keep = false
				if (keep && geo) {
					const lat = this.lat[n]!
					const lng = this.lng[n]!
					if (box && (lat < box.minLat || lat > box.maxLat || lng < box.minLng || lng > box.maxLng)) keep = false
					else {
						const dLat = ((lat - geo.lat) * Math.PI) / 180
						const dLng = ((lng - geo.lng) * Math.PI) / 180
						const h = Math.sin(dLat / 2) ** 2 + cosLat * Math.cos((lat * Math.PI) / 180) * Math.sin(dLng / 2) ** 2
						const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
						dist[n] = d
						if (geo.radiusKm !== undefined && d > geo.radiusKm) keep = false
					}
				}
				if (!keep) result[w]! &= ~bit
			})
		}

		// Count, facets, price range.
		let total = 0
		for (let w = 0; w < W; w++) if (result[w]) total += popcount(result[w]!)
		const facets = Object.fromEntries(facetNames.map((f) => [f, {}])) as FacetCounts
		if (request.facets !== false && total > 0) {
			for (const facet of facetNames) {
				const out = facets[facet]
				for (const [value, bits] of this.facetBits.get(facet) ?? []) {
					let c = 0
					for (let w = 0; w < W; w++) {
						const x = result[w]! & bits[w]!
						if (x) c += popcount(x)
					}
					if (c > 0) out[value] = c
				}
			}
		}
		// The results as a list of internal numbers (plain loops from here on: this is the hot part).
		const { key1, key2, best, exact, cands } = this.scratch
		let count = 0
		for (let w = 0; w < W; w++) {
			let x = result[w]!
			while (x) {
				const t = x & -x
				cands[count++] = (w << 5) | (31 - Math.clz32(t))
				x ^= t
			}
		}
		const prices = this.price
		let lo = Infinity
		let hi = -Infinity
		for (let i = 0; i < count; i++) {
			const p = prices[cands[i]!]!
			if (p < lo) lo = p
			if (p > hi) hi = p
		}
		const k = Math.min(total, page * perPage)
		if (k === 0)
			return {
				total,
				facets,
				priceRange: total > 0 && Number.isFinite(lo) ? { min: lo, max: hi } : null,
				page: [],
				matches,
				phrases,
			}

		const attr = key2
		for (let i = 0; i < count; i++) {
			const n = cands[i]!
			attr[n] = 0
			exact[n] = 0
		}
		// Relevance: typos (words matched only through a typo variant) and the best field for each word.
		for (let i = 0; i < wordTerms.length; i++) {
			const { exact: ex, typo } = wordTerms[i]!
			const touched: number[] = []
			const bit = 1 << i
			for (let e = 0; e < 2; e++) {
				const isExact = e === 0
				const bonus = isExact ? 0.5 : 0
				for (const t of isExact ? ex : typo) {
					const p = this.postings.get(t)!
					const docs = p.docs
					const fields = p.fields
					for (let j = 0; j < p.length; j++) {
						const n = docs[j]!
						if (!(result[n >>> 5]! & (1 << (n & 31)))) continue
						const f = fields[j]!
						const weight = (f & FIELD_A ? 4 : f & FIELD_B ? 3 : f & FIELD_C ? 2 : 1) + bonus
						const b = best[n]!
						if (b === 0) touched.push(n)
						if (weight > b) best[n] = weight
						if (isExact) exact[n]! |= bit
					}
				}
			}
			for (let j = 0; j < touched.length; j++) {
				const n = touched[j]!
				attr[n]! += best[n]!
				best[n] = 0
			}
		}
		const sort: SearchSort = request.sort ?? (words.length ? 'relevance' : geo ? 'distance' : 'rating')
		const wordsCount = resolved.length
		const ratings = this.rating
		const reviews = this.reviews
		for (let i = 0; i < count; i++) {
			const n = cands[i]!
			const rating = ratings[n]!
			const rated = rating === rating // not NaN
			const r = reviews[n]!
			// Smaller is better: fewer typos, better fields, higher rating, more reviews.
			key2[n] =
				(wordsCount - popcount(exact[n]!)) * 1e7 - attr[n]! * 1e4 - (rated ? rating : 0) * 100 - (r < 99 ? r : 99)
		}
		if (sort === 'relevance') for (let i = 0; i < count; i++) key1[cands[i]!] = 0
		else if (sort === 'price-asc' || sort === 'price-desc') {
			const sign = sort === 'price-asc' ? 1 : -1
			for (let i = 0; i < count; i++) {
				const n = cands[i]!
				const price = prices[n]!
				key1[n] = price === price ? sign * price : Infinity
			}
		} else if (sort === 'rating') {
			for (let i = 0; i < count; i++) {
				const n = cands[i]!
				const rating = ratings[n]!
				const r = reviews[n]!
				key1[n] = rating === rating ? -(rating * 1e9 + (r < 999_999 ? r : 999_999)) : Infinity
			}
		} else for (let i = 0; i < count; i++) key1[cands[i]!] = geo ? dist[cands[i]!]! : 0

		// The top page*perPage, with a bounded max-heap on (key1, key2, n).
		const heap = new Int32Array(k)
		let size = 0
		const worse = (a: number, b: number) => {
			const a1 = key1[a]!
			const b1 = key1[b]!
			if (a1 !== b1) return a1 > b1
			const a2 = key2[a]!
			const b2 = key2[b]!
			return a2 !== b2 ? a2 > b2 : a > b
		}
		let root = -1
		let rootK1 = 0
		let rootK2 = 0
		for (let i = 0; i < count; i++) {
			const n = cands[i]!
			if (size === k) {
				// Most candidates lose to the worst of the kept ones: decide that without a call.
				const a1 = key1[n]!
				if (a1 > rootK1) continue
				if (a1 === rootK1) {
					const a2 = key2[n]!
					if (a2 > rootK2 || (a2 === rootK2 && n > root)) continue
				}
			}
			if (size < k) {
				let j = size++
				heap[j] = n
				while (j > 0) {
					const parent = (j - 1) >> 1
					if (!worse(heap[j]!, heap[parent]!)) break
					const t = heap[j]!
					heap[j] = heap[parent]!
					heap[parent] = t
					j = parent
				}
			} else if (worse(heap[0]!, n)) {
				heap[0] = n
				let j = 0
				for (;;) {
					const l = 2 * j + 1
					const r = l + 1
					let m = j
					if (l < size && worse(heap[l]!, heap[m]!)) m = l
					if (r < size && worse(heap[r]!, heap[m]!)) m = r
					if (m === j) break
					const t = heap[j]!
					heap[j] = heap[m]!
					heap[m] = t
					j = m
				}
			}
			if (size === k) {
				root = heap[0]!
				rootK1 = key1[root]!
				rootK2 = key2[root]!
			}
		}
		const ordered = Array.from(heap.subarray(0, size)).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
		const pageHits = ordered.slice((page - 1) * perPage, page * perPage).map((n) => ({
			id: this.ids[n]!,
			distanceKm: geo ? dist[n]! : null,
		}))
		return {
			total,
			facets,
			priceRange: total > 0 && Number.isFinite(lo) ? { min: lo, max: hi } : null,
			page: pageHits,
			matches,
			phrases,
		}
	}

	private denseBits(term: string, p: Posting): Uint32Array {
		const cached = this.dense.get(term)
		if (cached && cached.length === p.length && cached.bits.length === this.words) return cached.bits
		const bits = new Uint32Array(this.words)
		for (let j = 0; j < p.length; j++) {
			const n = p.docs[j]!
			bits[n >>> 5]! |= 1 << (n & 31)
		}
		this.dense.set(term, { bits, length: p.length })
		return bits
	}

	private applyFilters(result: Uint32Array, f: SearchFilters) {
		const anyOf = (facet: BitmapFacet, values: readonly string[] | undefined) => {
			if (!values?.length) return
			const union = new Uint32Array(this.words)
			for (const v of values) {
				const bits = this.facetBits.get(facet)?.get(v)
				if (bits) for (let w = 0; w < this.words; w++) union[w]! |= bits[w]!
			}
			for (let w = 0; w < this.words; w++) result[w]! &= union[w]!
		}
		const allOf = (facet: BitmapFacet, values: readonly string[] | undefined) => {
			for (const v of values ?? []) {
				const bits = this.facetBits.get(facet)?.get(v)
				if (!bits) result.fill(0)
				else for (let w = 0; w < this.words; w++) result[w]! &= bits[w]!
			}
		}
		anyOf('kind', f.kinds)
		anyOf('categories', f.categories)
		anyOf('serviceTypes', f.serviceTypes)
		anyOf('languages', f.languages)
		allOf('accessibility', f.accessibility)
		allOf('credentials', f.credentials)
		if (f.days?.length && f.partsOfDay?.length) {
			anyOf(
				'slots',
				f.days.flatMap((d) => f.partsOfDay!.map((p) => `${d}-${p}`)),
			)
		} else {
			anyOf('days', f.days)
			anyOf('partsOfDay', f.partsOfDay)
		}
		if (f.acceptsGroupBookings !== undefined) anyOf('acceptsGroupBookings', [String(f.acceptsGroupBookings)])
	}

	/** Calls fn for every set bit, in order: the internal number, its word and its bit. */
	private forEach(bits: Uint32Array, fn: (n: number, w: number, bit: number) => void) {
		for (let w = 0; w < bits.length; w++) {
			let x = bits[w]!
			while (x) {
				const t = x & -x
				const b = 31 - Math.clz32(t)
				fn((w << 5) + b, w, t)
				x ^= t
			}
		}
	}
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Words one first-letter typo away (which counts as two typos): substituted, inserted, deleted or swapped. */
function firstLetterVariants(word: string): string[] {
	const rest = word.slice(1)
	const out = new Set<string>()
	for (const c of alphabet) {
		out.add(c + rest)
		out.add(c + word)
	}
	out.add(rest)
	if (word.length > 1) out.add(word[1]! + word[0]! + word.slice(2))
	out.delete(word)
	return [...out]
}
