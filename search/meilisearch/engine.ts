/**
 * The Meilisearch adapter, used when MEILI_URL (and MEILI_KEY) are set. It creates and configures its index,
 * and waits for every write task, failing loudly when a task fails (the outbox then retries it).
 *
 * Behaviour is kept the same as the embedded engine's (search/contract.test.ts checks both):
 * - matchingStrategy "all" (search/search.ts drops words from the right itself when nothing matches all words);
 * - typo sizes 5 and 9 (Meilisearch's defaults, set explicitly), the same stop words;
 * - "sort" first in the ranking rules, so an explicit sort (price, rating, distance) orders all results,
 *   then Meilisearch's relevance rules;
 * - facet counts over all results; total = the sum of the kind facet (every document has exactly one kind),
 *   which stays exact beyond pagination.maxTotalHits;
 * - the synonyms of search/synonyms.ts as the `synonyms` setting, and its abbreviations in
 *   `typoTolerance.disableOnWords` (no typos); a query ending in an abbreviation gets a trailing space, which
 *   tells Meilisearch the last word is complete (no prefix), as the embedded engine treats abbreviations.
 */
import { Meilisearch, type Index, type Task } from 'meilisearch'
import { distanceKm } from '../geo.ts'
import { abbreviations, isAbbreviation, meiliSynonyms } from '../synonyms.ts'
import { crop, queryWords, stopWords } from '../text.ts'
import {
	DEFAULT_PER_PAGE,
	facetNames,
	MAX_PER_PAGE,
	MAX_RESULTS_WINDOW,
	type EngineStats,
	type FacetCounts,
	type Highlighted,
	type SearchDocument,
	type SearchEngine,
	type SearchFilters,
	type SearchHit,
	type SearchRequest,
	type SearchResponse,
} from '../types.ts'

export type MeiliEngineOptions = {
	url: string
	apiKey?: string
	/** Default "providers". */
	indexUid?: string
	/** How long to wait for one write task (bulk loads take longer than the client's 5 s default). */
	taskTimeoutMs?: number
}

type MeiliDocument = Omit<SearchDocument, 'ratingAverage' | 'priceFrom'> & {
	// Left out when unknown: Meilisearch sorts documents without the field last, whichever the direction.
	ratingAverage?: number
	priceFrom?: number
	_geo: { lat: number; lng: number }
	serviceTitles: string[]
}

const PRE = '\u0002'
const POST = '\u0003'

export const meiliSettings = {
	searchableAttributes: [
		'name',
		'kindLabel',
		'serviceTitles',
		'categoryNames',
		'town',
		'postcodeDistrict',
		'headline',
		'languages',
		'credentialTitles',
		'accessibility',
		'bio',
	],
	filterableAttributes: [
		'kind',
		'categories',
		'serviceTypes',
		'priceFrom',
		'languages',
		'accessibility',
		'credentials',
		'days',
		'partsOfDay',
		'slots',
		'acceptsGroupBookings',
		'_geo',
	],
	sortableAttributes: ['priceFrom', 'ratingAverage', 'reviewCount', 'name', '_geo'],
	rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
	stopWords: [...stopWords],
	typoTolerance: {
		enabled: true,
		minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
		disableOnWords: [...abbreviations],
	},
	synonyms: meiliSynonyms(),
	faceting: { maxValuesPerFacet: 200 },
	pagination: { maxTotalHits: MAX_RESULTS_WINDOW },
	displayedAttributes: ['*'],
}

export function createMeiliEngine(options: MeiliEngineOptions): SearchEngine {
	const client = new Meilisearch({ host: options.url, apiKey: options.apiKey })
	const uid = options.indexUid ?? 'providers'
	const index: Index<MeiliDocument> = client.index<MeiliDocument>(uid)
	const timeout = options.taskTimeoutMs ?? 120_000

	async function done(promise: ReturnType<Index['addDocuments']>, what: string, tolerate?: string): Promise<Task> {
		const task = await promise.waitTask({ timeout, interval: 50 })
		if (task.status !== 'succeeded' && !(tolerate && task.error?.code === tolerate)) {
			throw new Error(`Meilisearch could not ${what}: ${task.error?.message ?? task.status}`)
		}
		return task
	}

	return {
		name: 'meilisearch',
		async setup() {
			await done(client.createIndex(uid, { primaryKey: 'id' }), `create the index ${uid}`, 'index_already_exists')
			await done(index.updateSettings(meiliSettings), 'update the index settings')
		},
		async upsert(documents) {
			for (let start = 0; start < documents.length; start += 5000) {
				const batch = documents.slice(start, start + 5000).map(toMeili)
				await done(index.addDocuments(batch, { primaryKey: 'id' }), 'index documents')
			}
		},
		async delete(ids) {
			if (ids.length === 0) return
			await done(index.deleteDocuments(ids), 'delete documents')
		},
		async clear() {
			await done(index.deleteAllDocuments(), 'delete every document')
		},
		async listIds() {
			const ids: string[] = []
			for (let offset = 0; ; offset += 10_000) {
				const page = await index.getDocuments({ fields: ['id'], limit: 10_000, offset })
				ids.push(...page.results.map((d) => String(d.id)))
				if (page.results.length < 10_000) return ids
			}
		},
		async search(request: SearchRequest): Promise<SearchResponse> {
			const started = performance.now()
			const words = queryWords(request.q)
			// perPage 0: counts and facets only.
			const perPage =
				request.perPage === 0 ? 0 : Math.min(MAX_PER_PAGE, Math.max(1, request.perPage ?? DEFAULT_PER_PAGE))
			const maxPage = perPage ? Math.max(1, Math.floor(MAX_RESULTS_WINDOW / perPage)) : 1
			const page = Math.min(maxPage, Math.max(1, request.page ?? 1))
			const geo = request.geo ?? null
			const sortName = request.sort ?? (words.length ? 'relevance' : geo ? 'distance' : 'rating')
			const wantFacets = request.facets !== false
			const response = await index.search(meiliQuery(words), {
				filter: meiliFilter(request.filters ?? {}, geo),
				sort: meiliSort(sortName, geo),
				facets: wantFacets ? [...facetNames, 'priceFrom'] : ['kind', 'priceFrom'],
				page,
				hitsPerPage: perPage,
				matchingStrategy: 'all',
				attributesToHighlight: ['name', 'headline', 'town', 'bio', 'serviceTitles'],
				highlightPreTag: PRE,
				highlightPostTag: POST,
			})
			const distribution = response.facetDistribution ?? {}
			const facets = Object.fromEntries(facetNames.map((f) => [f, { ...(distribution[f] ?? {}) }])) as FacetCounts
			const total = Object.values(distribution.kind ?? {}).reduce((a, b) => a + b, 0)
			const stats = response.facetStats?.priceFrom
			const hits: SearchHit[] = response.hits.map((hit) => {
				const { _formatted: f, ...raw } = hit
				const document = fromMeili(raw as MeiliDocument)
				return {
					document,
					distanceKm: geo ? distanceKm(geo, document) : null,
					highlights: {
						name: parseFormatted(f?.name, document.name),
						headline: parseFormatted(f?.headline, document.headline),
						town: parseFormatted(f?.town, document.town),
						bio: crop(parseFormatted(f?.bio, document.bio)),
						services: document.services.map((s, i) => parseFormatted(f?.serviceTitles?.[i], s.title)),
					},
				}
			})
			const window = Math.min(total, MAX_RESULTS_WINDOW)
			return {
				hits,
				total,
				page,
				perPage,
				pageCount: perPage ? Math.max(1, Math.ceil(window / perPage)) : 1,
				facets: wantFacets ? facets : emptyFacetCounts(),
				priceRange: stats ? { min: stats.min, max: stats.max } : null,
				matchedQuery: null,
				queryWords: words,
				tookMs: performance.now() - started,
			}
		},
		async stats(): Promise<EngineStats> {
			const s = await index.getStats()
			return { engine: 'meilisearch', documents: s.numberOfDocuments, words: null, indexing: s.isIndexing }
		},
		async close() {
			// The client keeps no connections open between requests.
		},
	}
}

function emptyFacetCounts(): FacetCounts {
	return Object.fromEntries(facetNames.map((f) => [f, {}])) as FacetCounts
}

function toMeili(d: SearchDocument): MeiliDocument {
	const { ratingAverage, priceFrom, ...rest } = d
	return {
		...rest,
		...(ratingAverage === null ? {} : { ratingAverage }),
		...(priceFrom === null ? {} : { priceFrom }),
		_geo: { lat: d.lat, lng: d.lng },
		serviceTitles: d.services.map((s) => s.title),
	}
}

function fromMeili(m: MeiliDocument): SearchDocument {
	const { _geo: _g, serviceTitles: _s, ratingAverage, priceFrom, ...rest } = m
	return { ...rest, ratingAverage: ratingAverage ?? null, priceFrom: priceFrom ?? null }
}

/**
 * The query Meilisearch gets: the words (stop words already left out, so neighbouring words are neighbours for
 * multi-word synonyms in both engines), and a trailing space when the last word is an abbreviation, so that it is not
 * matched as a prefix ("pa" must not find "pay").
 */
export function meiliQuery(words: readonly string[]): string {
	const q = words.join(' ')
	return words.length && isAbbreviation(words.at(-1)!) ? `${q} ` : q
}

const quote = (v: string | number | boolean) => (typeof v === 'string' ? JSON.stringify(v) : String(v))
const anyOf = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(', ')}]`
const allOf = (field: string, values: readonly string[]) => values.map((v) => `${field} = ${quote(v)}`)

/** The same filter semantics as the embedded engine, in Meilisearch's filter language. */
export function meiliFilter(f: SearchFilters, geo: SearchRequest['geo'] | null): string[] {
	const out: string[] = []
	if (f.kinds?.length) out.push(anyOf('kind', f.kinds))
	if (f.categories?.length) out.push(anyOf('categories', f.categories))
	if (f.serviceTypes?.length) out.push(anyOf('serviceTypes', f.serviceTypes))
	if (f.priceMinPence !== undefined) out.push(`priceFrom >= ${f.priceMinPence}`)
	if (f.priceMaxPence !== undefined) out.push(`priceFrom <= ${f.priceMaxPence}`)
	if (f.languages?.length) out.push(anyOf('languages', f.languages))
	if (f.accessibility?.length) out.push(...allOf('accessibility', f.accessibility))
	if (f.credentials?.length) out.push(...allOf('credentials', f.credentials))
	if (f.days?.length && f.partsOfDay?.length) {
		out.push(
			anyOf(
				'slots',
				f.days.flatMap((day) => f.partsOfDay!.map((part) => `${day}-${part}`)),
			),
		)
	} else if (f.days?.length) out.push(anyOf('days', f.days))
	else if (f.partsOfDay?.length) out.push(anyOf('partsOfDay', f.partsOfDay))
	if (f.acceptsGroupBookings !== undefined) out.push(`acceptsGroupBookings = ${f.acceptsGroupBookings}`)
	if (geo?.radiusKm !== undefined) out.push(`_geoRadius(${geo.lat}, ${geo.lng}, ${Math.round(geo.radiusKm * 1000)})`)
	return out
}

export function meiliSort(sort: SearchRequest['sort'], geo: SearchRequest['geo'] | null): string[] {
	switch (sort) {
		case 'price-asc':
			return ['priceFrom:asc']
		case 'price-desc':
			return ['priceFrom:desc']
		case 'rating':
			return ['ratingAverage:desc', 'reviewCount:desc']
		case 'distance':
			return geo ? [`_geoPoint(${geo.lat}, ${geo.lng}):asc`] : []
		default:
			return []
	}
}

/**
 * Meilisearch's highlighted string (matches between PRE and POST) as parts; the original when absent. A match
 * that covers part of a word (a prefix match: "<Leic>ester") is widened to the whole word, as the embedded
 * engine marks it.
 */
export function parseFormatted(formatted: unknown, original: string): Highlighted {
	if (typeof formatted !== 'string') return original ? [{ text: original, match: false }] : []
	const parts: Highlighted = []
	for (const [i, piece] of formatted.split(PRE).entries()) {
		if (i === 0) {
			if (piece) parts.push({ text: piece, match: false })
			continue
		}
		const end = piece.indexOf(POST)
		const matched = end < 0 ? piece : piece.slice(0, end)
		const rest = end < 0 ? '' : piece.slice(end + POST.length)
		if (matched) parts.push({ text: matched, match: true })
		if (rest) parts.push({ text: rest, match: false })
	}
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i]!
		if (!part.match) continue
		const next = parts[i + 1]
		const tail = next && !next.match ? /^[\p{L}\p{N}'’]+/u.exec(next.text)?.[0] : undefined
		if (next && tail) {
			part.text += tail
			next.text = next.text.slice(tail.length)
			if (!next.text) parts.splice(i + 1, 1)
		}
		const prev = parts[i - 1]
		const head = prev && !prev.match ? /[\p{L}\p{N}'’]+$/u.exec(prev.text)?.[0] : undefined
		if (prev && head) {
			part.text = head + part.text
			prev.text = prev.text.slice(0, -head.length)
			if (!prev.text) {
				parts.splice(i - 1, 1)
				i -= 1
			}
		}
	}
	return parts
}
