/**
 * The search page's URL: every search is a GET with its words, place, filters, sort and page in the query string,
 * so results can be shared and bookmarked. Parsed with zod; a value that is not valid is left out with a message
 * saying how to fix it (the page never fails on a bad link). Pure: server and browser.
 */
import { z } from 'zod'
import {
	credentialKinds,
	MAX_RESULTS_WINDOW,
	partsOfDay,
	providerKinds,
	serviceTypes,
	sorts,
	weekdays,
	type CredentialKindCode,
	type PartOfDay,
	type ProviderKindCode,
	type SearchSort,
	type ServiceType,
	type Weekday,
} from '#search/types.ts'

export const PER_PAGE = 20
export const radiusOptions = [2, 5, 10, 15, 25, 50, 100] as const
export const DEFAULT_RADIUS_KM = 15

/**
 * URL spellings of the data model's codes: ?kind=personal-assistant, ?cred=first-aid. Look them up with Object.hasOwn:
 * `?kind=constructor` found Object's own `constructor` and answered 500 (tests/integration/fuzz.test.ts).
 */
const slug = (code: string) => code.toLowerCase().replace(/_/g, '-')
export const kindSlugs = Object.fromEntries(providerKinds.map((k) => [slug(k), k])) as Record<string, ProviderKindCode>
export const credentialSlugs = Object.fromEntries(credentialKinds.map((k) => [slug(k), k])) as Record<
	string,
	CredentialKindCode
>
export const toSlug = slug

export type SearchPageParams = {
	q: string
	near: string
	radius: number
	kinds: ProviderKindCode[]
	categories: string[]
	types: ServiceType[]
	/** Pence. */
	min: number | null
	max: number | null
	languages: string[]
	access: string[]
	creds: CredentialKindCode[]
	days: Weekday[]
	times: PartOfDay[]
	group: boolean
	sort: SearchSort | null
	page: number
}

export type ParamError = { field: string; message: string }

export const emptyParams: SearchPageParams = {
	q: '',
	near: '',
	radius: DEFAULT_RADIUS_KM,
	kinds: [],
	categories: [],
	types: [],
	min: null,
	max: null,
	languages: [],
	access: [],
	creds: [],
	days: [],
	times: [],
	group: false,
	sort: null,
	page: 1,
}

/** The same search with every filter cleared: the words, the place, its radius and the order kept; back to page 1. */
export function withoutFilters(p: SearchPageParams): SearchPageParams {
	return { ...emptyParams, q: p.q, near: p.near, radius: p.radius, sort: p.sort }
}

const text = (max: number, message: string) => z.string().trim().max(max, message)
const pounds = (message: string) =>
	z
		.string()
		.trim()
		.transform((v) => v.replace(/^£/, ''))
		.pipe(z.string().regex(/^\d{1,5}(\.\d{1,2})?$/, message))
		.transform((v) => Math.round(Number(v) * 100))
const token = z
	.string()
	.trim()
	.min(1)
	.max(60)
	.regex(/^[\p{L}\p{N} '’()-]+$/u)

const fieldSchemas = {
	q: text(200, 'Enter 200 characters or fewer in the search box'),
	near: text(80, 'Enter a town or postcode of 80 characters or fewer'),
	radius: z.coerce
		.number()
		.int()
		.refine((v) => (radiusOptions as readonly number[]).includes(v), 'Choose a distance from the list'),
	min: pounds('Enter the lowest price in pounds, like 12 or 12.50'),
	max: pounds('Enter the highest price in pounds, like 20 or 20.50'),
	sort: z.enum(sorts, { message: 'Choose how to sort from the list' }),
	page: z.coerce
		.number({ message: 'Page must be a number' })
		.int('Page must be a whole number')
		.min(1, 'Page must be 1 or more')
		.max(
			Math.floor(MAX_RESULTS_WINDOW / PER_PAGE),
			`Only the first ${MAX_RESULTS_WINDOW} results can be shown: add words or filters to narrow the search`,
		),
}

function many<T extends string>(
	values: string[],
	parse: (v: string) => T | null,
	describe: string,
	field: string,
	errors: ParamError[],
): T[] {
	const out: T[] = []
	for (const raw of values.slice(0, 30)) {
		const value = parse(raw)
		if (value === null) errors.push({ field, message: `“${raw.slice(0, 40)}” is not ${describe}, so it was left out` })
		else if (!out.includes(value)) out.push(value)
	}
	return out
}

const oneOf =
	<T extends string>(allowed: readonly T[]) =>
	(v: string): T | null =>
		(allowed as readonly string[]).includes(v) ? (v as T) : null

export function parseSearchParams(search: URLSearchParams): { params: SearchPageParams; errors: ParamError[] } {
	const errors: ParamError[] = []
	const one = <K extends keyof typeof fieldSchemas>(key: K, name: string = key) => {
		const raw = search.get(name)
		if (raw === null || raw.trim() === '') return undefined
		const parsed = fieldSchemas[key].safeParse(raw)
		if (parsed.success) return parsed.data as z.output<(typeof fieldSchemas)[K]>
		errors.push({ field: name, message: parsed.error.issues[0]?.message ?? `Check the ${name}` })
		return undefined
	}
	const params: SearchPageParams = {
		...emptyParams,
		q: one('q') ?? '',
		near: one('near') ?? '',
		radius: one('radius') ?? DEFAULT_RADIUS_KM,
		kinds: many(
			search.getAll('kind'),
			(v) => (Object.hasOwn(kindSlugs, v) ? kindSlugs[v]! : null),
			'a kind of provider',
			'kind',
			errors,
		),
		categories: many(
			search.getAll('category'),
			(v) => (/^[a-z0-9-]{1,60}$/.test(v) ? v : null),
			'a category',
			'category',
			errors,
		),
		types: many(search.getAll('type'), oneOf(serviceTypes), 'a type of service', 'type', errors),
		min: one('min') ?? null,
		max: one('max') ?? null,
		languages: many(
			search.getAll('lang'),
			(v) => (token.safeParse(v).success ? v.trim() : null),
			'a language',
			'lang',
			errors,
		),
		access: many(
			search.getAll('access'),
			(v) => (/^[a-z0-9-]{1,60}$/.test(v) ? v : null),
			'an accessibility feature',
			'access',
			errors,
		),
		creds: many(
			search.getAll('cred'),
			(v) => (Object.hasOwn(credentialSlugs, v) ? credentialSlugs[v]! : null),
			'a kind of check or credential',
			'cred',
			errors,
		),
		days: many(search.getAll('day'), oneOf(weekdays), 'a day of the week', 'day', errors),
		times: many(search.getAll('time'), oneOf(partsOfDay), 'a time of day', 'time', errors),
		group: search.get('group') === 'yes',
		sort: one('sort') ?? null,
		page: one('page') ?? 1,
	}
	if (params.min !== null && params.max !== null && params.min > params.max) {
		errors.push({ field: 'max', message: 'The highest price must be more than the lowest price' })
		params.max = null
	}
	return { params, errors }
}

/** The query string for these parameters (defaults left out), for links and the form. */
export function toQueryString(p: SearchPageParams): string {
	const s = new URLSearchParams()
	if (p.q) s.set('q', p.q)
	if (p.near) s.set('near', p.near)
	if (p.near && p.radius !== DEFAULT_RADIUS_KM) s.set('radius', String(p.radius))
	for (const k of p.kinds) s.append('kind', slug(k))
	for (const c of p.categories) s.append('category', c)
	for (const t of p.types) s.append('type', t)
	if (p.min !== null) s.set('min', penceToPounds(p.min))
	if (p.max !== null) s.set('max', penceToPounds(p.max))
	for (const l of p.languages) s.append('lang', l)
	for (const a of p.access) s.append('access', a)
	for (const c of p.creds) s.append('cred', slug(c))
	for (const d of p.days) s.append('day', d)
	for (const t of p.times) s.append('time', t)
	if (p.group) s.set('group', 'yes')
	if (p.sort) s.set('sort', p.sort)
	if (p.page > 1) s.set('page', String(p.page))
	const qs = s.toString()
	return qs ? `?${qs}` : ''
}

export function searchHref(p: SearchPageParams): string {
	return `/search${toQueryString(p)}`
}

/** 1250 → "12.50", 1200 → "12". */
export function penceToPounds(pence: number): string {
	return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2)
}

/** How many filters are on (for "Clear all filters"). */
export function activeFilterCount(p: SearchPageParams): number {
	return (
		p.kinds.length +
		p.categories.length +
		p.types.length +
		(p.min !== null ? 1 : 0) +
		(p.max !== null ? 1 : 0) +
		p.languages.length +
		p.access.length +
		p.creds.length +
		p.days.length +
		p.times.length +
		(p.group ? 1 : 0)
	)
}
