/**
 * The search interface: one set of types and one `SearchEngine` contract, implemented by the embedded engine
 * (PostgreSQL full text search + pg_trgm in the app's own database, search/embedded/) and by the Meilisearch
 * adapter (search/meilisearch/). Pure types and constants: no I/O, safe anywhere.
 */

export const providerKinds = ['PERSONAL_ASSISTANT', 'USER_LED_ORGANISATION', 'COMMUNITY_SERVICE'] as const
export type ProviderKindCode = (typeof providerKinds)[number]

/** How a service is delivered and charged: an hour of support, a session or class, a fixed-price package. */
export const serviceTypes = ['hourly', 'session', 'fixed'] as const
export type ServiceType = (typeof serviceTypes)[number]

export const credentialKinds = ['BACKGROUND_CHECK', 'REGISTRATION', 'FIRST_AID', 'TRAINING', 'INSURANCE'] as const
export type CredentialKindCode = (typeof credentialKinds)[number]

export const priceUnits = ['PER_HOUR', 'PER_SESSION', 'FIXED'] as const
export type PriceUnitCode = (typeof priceUnits)[number]

/** Weekdays as AvailabilitySlot numbers them: 0 = Monday … 6 = Sunday. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof weekdays)[number]

/** Parts of the day (local time): morning 06–12, afternoon 12–17, evening 17–22, night 22–06. */
export const partsOfDay = ['morning', 'afternoon', 'evening', 'night'] as const
export type PartOfDay = (typeof partsOfDay)[number]

export type ServiceSummary = {
	title: string
	categorySlug: string
	priceUnit: PriceUnitCode
	pricePence: number
	currency: string
	/** For group sessions: the most people at once. */
	maxGroupSize: number | null
}

export type WeeklySlot = { weekday: number; startMinute: number; endMinute: number }

/**
 * What an engine stores for one published provider. Built from the database by
 * app/domain/search/documents.server.ts; the engine keeps it whole so a results page needs no other query.
 */
export type SearchDocument = {
	id: string
	slug: string
	kind: ProviderKindCode
	/** "Personal assistant": searchable, so "personal assistant" finds PAs. */
	kindLabel: string
	name: string
	headline: string
	bio: string
	town: string
	postcodeDistrict: string
	lat: number
	lng: number
	/** Category slugs (what they help with) and their names (searchable). */
	categories: string[]
	categoryNames: string[]
	/** Active services, cheapest first. */
	services: ServiceSummary[]
	serviceTypes: ServiceType[]
	languages: string[]
	accessibility: string[]
	/** Kinds of credential that are current (not expired) when the document was built. */
	credentials: CredentialKindCode[]
	credentialTitles: string[]
	/** The weekly pattern, and time off from now on (ISO strings), for "next available". */
	availability: WeeklySlot[]
	timeOff: Array<{ startsAt: string; endsAt: string }>
	/** Derived from availability, for filters and facets: "mon", "morning", "mon-morning". */
	days: Weekday[]
	partsOfDay: PartOfDay[]
	slots: string[]
	acceptsGroupBookings: boolean
	/** The cheapest active service, in pence: what "From £14.00 an hour" shows and price filters use. */
	priceFrom: number | null
	priceFromUnit: PriceUnitCode | null
	currency: string
	ratingAverage: number | null
	reviewCount: number
	coverRadiusKm: number
	updatedAt: string
}

export type SearchFilters = {
	/** Any of these kinds. */
	kinds?: ProviderKindCode[]
	/** Helps with any of these categories. */
	categories?: string[]
	/** Offers any of these service types. */
	serviceTypes?: ServiceType[]
	/** The cheapest service ("from" price) is in this range, in pence, inclusive. */
	priceMinPence?: number
	priceMaxPence?: number
	/** Speaks any of these languages. */
	languages?: string[]
	/** Has every one of these accessibility features. */
	accessibility?: string[]
	/** Holds a current credential of every one of these kinds. */
	credentials?: CredentialKindCode[]
	/** Usually available on any of these days … */
	days?: Weekday[]
	/** … at any of these parts of the day (with days: on one of those days at one of those times). */
	partsOfDay?: PartOfDay[]
	/** Takes group bookings (true), or only those who do not (false). */
	acceptsGroupBookings?: boolean
}

export const sorts = ['relevance', 'price-asc', 'price-desc', 'rating', 'distance'] as const
export type SearchSort = (typeof sorts)[number]

export type GeoPoint = { lat: number; lng: number }

export type SearchRequest = {
	/** What the person typed. Empty: everything that passes the filters. */
	q?: string
	filters?: SearchFilters
	/** A point to measure distance from, optionally limited to a radius. */
	geo?: GeoPoint & { radiusKm?: number }
	/** Default: relevance when there are words, else distance when there is a point, else rating. */
	sort?: SearchSort
	/** 1-based. */
	page?: number
	/** Results per page (default 20, at most 50); 0 for counts and facets only. */
	perPage?: number
	/** Compute facet counts (default true). */
	facets?: boolean
}

export const facetNames = [
	'kind',
	'categories',
	'serviceTypes',
	'languages',
	'accessibility',
	'credentials',
	'days',
	'partsOfDay',
	'acceptsGroupBookings',
] as const
export type FacetName = (typeof facetNames)[number]
/** For each facet, how many of the results (all pages) have each value. Values with no results are left out. */
export type FacetCounts = Record<FacetName, Record<string, number>>

/** A piece of text split into the parts that matched the query and the parts that did not. */
export type Highlighted = Array<{ text: string; match: boolean }>

export type SearchHit = {
	document: SearchDocument
	/** Kilometres from the request's point, when it had one. */
	distanceKm: number | null
	highlights: {
		name: Highlighted
		headline: Highlighted
		town: Highlighted
		/** A short extract of the bio around the first match. */
		bio: Highlighted
		/** One per document.services entry, same order. */
		services: Highlighted[]
	}
}

export type SearchResponse = {
	hits: SearchHit[]
	/** How many results in all (exact for the embedded engine; Meilisearch's exhaustive count with paging). */
	total: number
	page: number
	perPage: number
	pageCount: number
	facets: FacetCounts
	/** Lowest and highest "from" price among all results, in pence. */
	priceRange: { min: number; max: number } | null
	/**
	 * When nothing matched every word, the words that did match (the last words are dropped one at a time,
	 * like Meilisearch's "last" matching strategy). Null when every word matched.
	 */
	matchedQuery: string | null
	/** The words used after normalising: what highlighting and "you searched for" show. */
	queryWords: string[]
	tookMs: number
}

export type EngineStats = {
	engine: 'embedded' | 'meilisearch'
	documents: number
	/** Distinct words known for typo matching (embedded), or the index's field distribution size. */
	words: number | null
	/** Meilisearch: whether the index is still processing tasks. */
	indexing: boolean
}

/**
 * The one contract both engines meet. `search` here is the raw engine call that matches every word;
 * search/search.ts adds the "drop the last word" fallback on top, identically for both.
 */
export interface SearchEngine {
	readonly name: 'embedded' | 'meilisearch'
	/** Create and configure whatever the engine needs; safe to call more than once. */
	setup(): Promise<void>
	/** Add or replace documents, waiting until they are searchable. */
	upsert(documents: SearchDocument[]): Promise<void>
	/** Remove documents by provider id, waiting until they are gone. Unknown ids are ignored. */
	delete(ids: string[]): Promise<void>
	/** Remove every document. */
	clear(): Promise<void>
	/** The ids of every document in the index (for a rebuild to remove what should no longer be there). */
	listIds(): Promise<string[]>
	search(request: SearchRequest): Promise<SearchResponse>
	stats(): Promise<EngineStats>
	/** Release connections the engine opened itself. */
	close?(): Promise<void>
}

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 50
/** Deep paging costs more than it helps; both engines stop here. */
export const MAX_RESULTS_WINDOW = 1000
