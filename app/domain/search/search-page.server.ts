/**
 * Everything the search page shows, from its URL: results with prices, fair-price guidance, next availability
 * and distance; facet counts for each filter; and, when nothing is found, why and what to widen.
 * The route only parses nothing itself: it passes the URL here and renders the result.
 */
import { credentialKindLabels, formatPrice, humanise, providerKindLabels } from '#app/domain/providers/labels.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDistance } from '#search/geo.ts'
import {
	credentialKinds,
	partsOfDay,
	providerKinds,
	serviceTypes,
	weekdays,
	type FacetCounts,
	type SearchFilters,
	type SearchRequest,
	type SearchResponse,
} from '#search/types.ts'
import { describeNextAvailability, nextAvailability, partOfDayLabels, weekdayLabels } from './availability.ts'
import { nearestCategories } from './category-suggestions.ts'
import { searchProviders } from './engine.server.ts'
import { comparePrice, priceComparisonLabels } from './fair-price.ts'
import { guideKey, priceGuidesFor, type GuideKey } from './fair-price.server.ts'
import {
	activeFilterCount,
	emptyParams,
	parseSearchParams,
	PER_PAGE,
	radiusOptions,
	searchHref,
	toSlug,
	type ParamError,
	type SearchPageParams,
} from './params.ts'
import { hasMatch, toMarkedText, type MarkedText } from './marked-text.ts'
import { findPlace, type Place } from './places.server.ts'

export const serviceTypeLabels = {
	hourly: 'Hourly support',
	session: 'Sessions and classes',
	fixed: 'Fixed-price packages',
} as const

let categoryCache: { at: number; list: Array<{ slug: string; name: string }> } | undefined

/** Category slugs and names (cached for a minute: they change only with a deployment). */
export async function listCategories(): Promise<Array<{ slug: string; name: string }>> {
	if (categoryCache && Date.now() - categoryCache.at < 60_000) return categoryCache.list
	const list = await prisma.category.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true } })
	categoryCache = { at: Date.now(), list }
	return list
}

export function toFilters(p: SearchPageParams): SearchFilters {
	return {
		...(p.kinds.length ? { kinds: p.kinds } : {}),
		...(p.categories.length ? { categories: p.categories } : {}),
		...(p.types.length ? { serviceTypes: p.types } : {}),
		...(p.min !== null ? { priceMinPence: p.min } : {}),
		...(p.max !== null ? { priceMaxPence: p.max } : {}),
		...(p.languages.length ? { languages: p.languages } : {}),
		...(p.access.length ? { accessibility: p.access } : {}),
		...(p.creds.length ? { credentials: p.creds } : {}),
		...(p.days.length ? { days: p.days } : {}),
		...(p.times.length ? { partsOfDay: p.times } : {}),
		...(p.group ? { acceptsGroupBookings: true } : {}),
	}
}

function toRequest(p: SearchPageParams, place: Place | null, overrides: Partial<SearchRequest> = {}): SearchRequest {
	const sort = p.sort === 'distance' && !place ? null : p.sort
	return {
		q: p.q,
		filters: toFilters(p),
		...(place ? { geo: { lat: place.lat, lng: place.lng, radiusKm: p.radius } } : {}),
		...(sort ? { sort } : {}),
		page: p.page,
		perPage: PER_PAGE,
		...overrides,
	}
}

/** `checked` only where true: the page's hydration data holds every option of every group. */
export type FacetOption = { value: string; label: string; count: number; checked?: true }
export type FacetGroup = { name: string; legend: string; options: FacetOption[] }

/** Facet groups where choosing more values widens the search (any of): counted without their own filter. */
const anyOfGroups = [
	['kinds', 'kind'],
	['categories', 'categories'],
	['types', 'serviceTypes'],
	['languages', 'languages'],
	['days', 'days'],
	['times', 'partsOfDay'],
] as const

async function facetGroups(p: SearchPageParams, place: Place | null, result: SearchResponse): Promise<FacetGroup[]> {
	const counts: FacetCounts = { ...result.facets }
	// For an any-of group with choices made, count as if that group were not chosen, so the other values
	// show how many they would add.
	await Promise.all(
		anyOfGroups
			.filter(([param]) => p[param].length > 0)
			.map(async ([param, facet]) => {
				const without = await searchProviders(toRequest({ ...p, [param]: [] }, place, { page: 1, perPage: 0 }))
				counts[facet] = without.facets[facet]
			}),
	)
	const categories = await listCategories()
	const option = (value: string, label: string, count: number | undefined, checked: boolean): FacetOption => ({
		value,
		label,
		count: count ?? 0,
		...(checked ? { checked } : {}),
	})
	const byCount = (values: string[], facet: Record<string, number>, chosen: string[]) =>
		[...new Set([...values, ...chosen])].sort((a, b) => (facet[b] ?? 0) - (facet[a] ?? 0) || a.localeCompare(b))
	return [
		{
			name: 'kind',
			legend: 'Kind of provider',
			options: providerKinds.map((k) => option(toSlug(k), providerKindLabels[k], counts.kind[k], p.kinds.includes(k))),
		},
		{
			name: 'category',
			legend: 'What you need help with',
			options: categories.map((c) => option(c.slug, c.name, counts.categories[c.slug], p.categories.includes(c.slug))),
		},
		{
			name: 'type',
			legend: 'Type of service',
			options: serviceTypes.map((t) => option(t, serviceTypeLabels[t], counts.serviceTypes[t], p.types.includes(t))),
		},
		{
			name: 'lang',
			legend: 'Speaks',
			options: byCount(Object.keys(counts.languages), counts.languages, p.languages).map((l) =>
				option(l, l, counts.languages[l], p.languages.includes(l)),
			),
		},
		{
			name: 'access',
			legend: 'Accessibility (has all of)',
			options: byCount(Object.keys(counts.accessibility), counts.accessibility, p.access).map((a) =>
				option(a, humanise(a), counts.accessibility[a], p.access.includes(a)),
			),
		},
		{
			name: 'cred',
			legend: 'Checks and credentials (has all of)',
			options: credentialKinds.map((c) =>
				option(toSlug(c), credentialKindLabels[c], counts.credentials[c], p.creds.includes(c)),
			),
		},
		{
			name: 'day',
			legend: 'Usually available on',
			options: weekdays.map((d) => option(d, weekdayLabels[d], counts.days[d], p.days.includes(d))),
		},
		{
			name: 'time',
			legend: 'At this time of day',
			options: partsOfDay.map((t) => option(t, partOfDayLabels[t], counts.partsOfDay[t], p.times.includes(t))),
		},
		{
			name: 'group',
			legend: 'Group bookings',
			options: [option('yes', 'Takes group bookings', counts.acceptsGroupBookings.true, p.group)],
		},
	]
}

/**
 * One result as the page shows it, and no more: Remix sends the loader's data with the page for hydration, so a field
 * here that no component reads is sent twenty times a page (issue 14).
 */
export type ResultView = {
	id: string
	slug: string
	/** The name with what matched marked (its plain text is the provider's name). */
	name: MarkedText
	kind: string
	town: string
	postcodeDistrict: string
	distance: string | null
	headline: MarkedText
	/** An extract of the bio around what matched; null when nothing in it matched (the page shows it only then). */
	bio: MarkedText | null
	services: Array<{ title: MarkedText; price: string; guide: string | null; position: string | null }>
	moreServices: number
	ratingAverage: number | null
	reviewCount: number
	credentials: string[]
	languages: string[]
	nextAvailable: string
	acceptsGroupBookings: boolean
}

export type Suggestion = { label: string; href: string; count: number }

export type SearchPageData = {
	params: SearchPageParams
	errors: ParamError[]
	place: { name: string; kind: 'town' | 'district'; town: string } | null
	placeSuggestions: Array<{ label: string; href: string }>
	total: number
	page: number
	pageCount: number
	results: ResultView[]
	facets: FacetGroup[]
	priceRange: { min: number; max: number } | null
	matchedQuery: string | null
	/**
	 * When nothing was found: what was asked for, searches that would find something, and the kinds of support
	 * nearest to the words (through their synonyms), each with how many it finds.
	 */
	empty: { reasons: string[]; suggestions: Suggestion[]; categories: Suggestion[] } | null
	activeFilters: number
	radiusOptions: readonly number[]
	links: { prev: string | null; next: string | null }
}

/** All the search page needs, from its URL. */
export async function loadSearchPage(url: URL, now: Date = clockNow()): Promise<SearchPageData> {
	const { params, errors } = parseSearchParams(url.searchParams)
	let place: Place | null = null
	const placeSuggestions: Array<{ label: string; href: string }> = []
	if (params.near) {
		const lookup = await findPlace(prisma, params.near)
		if (lookup.found) place = lookup.found
		else {
			errors.push({
				field: 'near',
				message: `We could not find “${params.near}”. Check the spelling, or enter a nearby town or a postcode district such as LE1`,
			})
			for (const s of lookup.suggestions) {
				placeSuggestions.push({
					label: s.kind === 'district' && s.town ? `${s.name} (${s.town})` : s.name,
					href: searchHref({ ...params, near: s.name, page: 1 }),
				})
			}
		}
	}
	if (params.sort === 'distance' && !place) {
		errors.push({ field: 'sort', message: 'Enter a town or postcode to sort by distance' })
	}
	let result = await searchProviders(toRequest(params, place))
	if (result.total > 0 && params.page > result.pageCount) {
		// An old or edited link past the last page: show the last page and say so.
		errors.push({
			field: 'lastPage',
			message: `There ${result.pageCount === 1 ? 'is only 1 page' : `are only ${result.pageCount} pages`} of results, so this is the last one`,
		})
		params.page = result.pageCount
		result = await searchProviders(toRequest(params, place))
	}
	const [facets, guides] = await Promise.all([facetGroups(params, place, result), guidesFor(result)])
	const results: ResultView[] = result.hits.map((hit) => {
		const d = hit.document
		const shown = d.services.slice(0, 3)
		const bio = toMarkedText(hit.highlights.bio)
		return {
			id: d.id,
			slug: d.slug,
			name: toMarkedText(hit.highlights.name),
			kind: providerKindLabels[d.kind],
			town: d.town,
			postcodeDistrict: d.postcodeDistrict,
			distance: hit.distanceKm === null ? null : formatDistance(hit.distanceKm),
			headline: toMarkedText(hit.highlights.headline),
			bio: hasMatch(bio) ? bio : null,
			services: shown.map((s, i) => {
				const guide = guides.get(
					guideKey({
						town: d.town,
						kind: d.kind,
						categorySlug: s.categorySlug,
						priceUnit: s.priceUnit,
						currency: s.currency,
					}),
				)
				return {
					title: hit.highlights.services[i] ? toMarkedText(hit.highlights.services[i]) : [s.title],
					price: formatPrice(s.pricePence, s.priceUnit, s.currency),
					guide: guide?.sentence ?? null,
					position: guide ? priceComparisonLabels[comparePrice(s.pricePence, guide)] : null,
				}
			}),
			moreServices: Math.max(0, d.services.length - shown.length),
			ratingAverage: d.ratingAverage,
			reviewCount: d.reviewCount,
			credentials: [...new Set(d.credentials.map((c) => credentialKindLabels[c]))],
			languages: d.languages,
			nextAvailable: describeNextAvailability(nextAvailability(d.availability, d.timeOff, now)),
			acceptsGroupBookings: d.acceptsGroupBookings,
		}
	})

	const pageCount = result.pageCount
	return {
		params,
		errors,
		place: place ? { name: place.name, kind: place.kind, town: place.town } : null,
		placeSuggestions,
		total: result.total,
		page: result.page,
		pageCount,
		results,
		facets,
		priceRange: result.priceRange,
		matchedQuery: result.matchedQuery,
		empty: result.total === 0 ? await explainEmpty(params, place) : null,
		activeFilters: activeFilterCount(params),
		radiusOptions,
		links: {
			prev: result.page > 1 ? searchHref({ ...params, page: result.page - 1 }) : null,
			next: result.page < pageCount ? searchHref({ ...params, page: result.page + 1 }) : null,
		},
	}
}

async function guidesFor(result: SearchResponse) {
	const keys: GuideKey[] = []
	for (const hit of result.hits) {
		const d = hit.document
		for (const s of d.services.slice(0, 3)) {
			keys.push({
				town: d.town,
				kind: d.kind,
				categorySlug: s.categorySlug,
				priceUnit: s.priceUnit,
				currency: s.currency,
			})
		}
	}
	const categories = await listCategories()
	return priceGuidesFor(prisma, keys, Object.fromEntries(categories.map((c) => [c.slug, c.name])))
}

/** Why nothing was found, and wider searches that would find something (with how many each finds). */
async function explainEmpty(
	p: SearchPageParams,
	place: Place | null,
): Promise<{ reasons: string[]; suggestions: Suggestion[]; categories: Suggestion[] }> {
	const reasons: string[] = []
	if (p.q) reasons.push(`No provider matched all of “${p.q}”, even allowing for spelling mistakes.`)
	if (place) reasons.push(`Only providers within ${p.radius} km of ${place.name} were included.`)
	const filters = activeFilterCount(p)
	if (filters > 0)
		reasons.push(`${filters === 1 ? 'One filter was' : `${filters} filters were`} on; each one narrows the results.`)

	const base: SearchPageParams = { ...p, page: 1 }
	const candidates: Array<{ label: string; params: SearchPageParams }> = []
	if (place) {
		const wider = radiusOptions.find((r) => r > p.radius)
		if (wider)
			candidates.push({
				label: `Search within ${wider} km instead of ${p.radius} km`,
				params: { ...base, radius: wider },
			})
		candidates.push({ label: `Search everywhere, not just near ${place.name}`, params: { ...base, near: '' } })
	}
	const drop = <K extends keyof SearchPageParams>(key: K, value: SearchPageParams[K], label: string) =>
		candidates.push({ label, params: { ...base, [key]: value } })
	for (const k of p.kinds)
		drop(
			'kinds',
			p.kinds.filter((x) => x !== k),
			`Remove the filter “${providerKindLabels[k]}”`,
		)
	const categories = await listCategories()
	for (const c of p.categories)
		drop(
			'categories',
			p.categories.filter((x) => x !== c),
			`Remove the filter “${categories.find((x) => x.slug === c)?.name ?? c}”`,
		)
	for (const t of p.types)
		drop(
			'types',
			p.types.filter((x) => x !== t),
			`Remove the filter “${serviceTypeLabels[t]}”`,
		)
	if (p.min !== null || p.max !== null)
		candidates.push({ label: 'Remove the price limits', params: { ...base, min: null, max: null } })
	for (const l of p.languages)
		drop(
			'languages',
			p.languages.filter((x) => x !== l),
			`Remove the filter “Speaks ${l}”`,
		)
	for (const a of p.access)
		drop(
			'access',
			p.access.filter((x) => x !== a),
			`Remove the filter “${humanise(a)}”`,
		)
	for (const c of p.creds)
		drop(
			'creds',
			p.creds.filter((x) => x !== c),
			`Remove the filter “${credentialKindLabels[c]}”`,
		)
	if (p.days.length) drop('days', [], 'Remove the days')
	if (p.times.length) drop('times', [], 'Remove the times of day')
	if (p.group) drop('group', false, 'Remove the filter “Takes group bookings”')
	if (p.q && filters + (place ? 1 : 0) > 0)
		candidates.push({ label: `Search for “${p.q}” with no filters or place`, params: { ...emptyParams, q: p.q } })
	if (p.q) candidates.push({ label: 'Keep the filters but remove the words', params: { ...base, q: '' } })

	const counted = await Promise.all(
		candidates.slice(0, 8).map(async (c) => {
			const cPlace = c.params.near ? place : null
			const r = await searchProviders(toRequest(c.params, cPlace, { page: 1, perPage: 0, facets: false }))
			return { label: c.label, href: searchHref(c.params), count: r.total }
		}),
	)
	const suggestions = counted.filter((s) => s.count > 0).sort((a, b) => b.count - a.count)
	return { reasons, suggestions, categories: await categorySuggestions(p, place) }
}

/**
 * The kinds of support nearest to the words typed (search/synonyms.ts and the categories' own words), as searches
 * of that category in the same place, without the words or other filters; only those that find someone.
 */
async function categorySuggestions(p: SearchPageParams, place: Place | null): Promise<Suggestion[]> {
	const known = new Map((await listCategories()).map((c) => [c.slug, c.name]))
	const nearest = nearestCategories(p.q).filter((c) => known.has(c.slug))
	const counted = await Promise.all(
		nearest.map(async (c) => {
			const params: SearchPageParams = {
				...emptyParams,
				near: place ? p.near : '',
				radius: p.radius,
				categories: [c.slug],
			}
			const r = await searchProviders(toRequest(params, place, { page: 1, perPage: 0, facets: false }))
			return { label: known.get(c.slug)!, href: searchHref(params), count: r.total }
		}),
	)
	return counted.filter((s) => s.count > 0)
}
