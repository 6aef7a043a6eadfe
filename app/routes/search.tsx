import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation, useNavigationType, useSubmit } from '@remix-run/react'
import { Fragment, useEffect, useRef, type ReactNode } from 'react'
import { GroupActivities } from '#app/components/commissions/group-activities.tsx'
import { SaveToShortlist, ShortlistForm } from '#app/components/helping/save-to-shortlist.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Rating } from '#app/components/rating.tsx'
import { ErrorSummary } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { listOpenCommissions } from '#app/domain/commissions/commissions.server.ts'
import { knownTown } from '#app/domain/commissions/groups.server.ts'
import { shortlistChoices } from '#app/domain/helping/workspace.server.ts'
import {
	DEFAULT_RADIUS_KM,
	penceToPounds,
	searchHref,
	withoutFilters,
	type SearchPageParams,
} from '#app/domain/search/params.ts'
import { plainText, type MarkedText } from '#app/domain/search/marked-text.ts'
import { loadSearchPage, type FacetGroup, type ResultView } from '#app/domain/search/search-page.server.ts'
import { actingFor } from '#app/utils/acting.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const q = data?.params.q
	const where = data?.place ? ` near ${data.place.name}` : ''
	return [
		{
			title: q || where ? `${q || 'Support'}${where}: search results | Budget Market` : 'Find support | Budget Market',
		},
		{
			name: 'description',
			content: 'Search personal assistants, user-led organisations and community services, with honest prices.',
		},
	]
}

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const data = await loadSearchPage(url)
	// A malformed link still gets a page: the valid parts are searched and the rest explained.
	const malformed = data.errors.some((e) => !['near', 'sort', 'lastPage'].includes(e.field))
	const town = knownTown(url.searchParams.get('near'))
	const groupActivities = { town, cards: await listOpenCommissions({ town, take: 3 }) }
	// A carer or broker may save results to a shortlist for someone they help (ADR 024).
	const user = await getUser(request)
	const shortlist = await shortlistChoices(user, user ? ((await actingFor(request, user))?.id ?? null) : null)
	return json({ ...data, groupActivities, shortlist }, { status: malformed ? 400 : 200 })
}

/** "" is the default: best match for words, else nearest for a place, else highest rated. */
const sortLabels: Record<string, string> = {
	'': 'Best match',
	distance: 'Distance, nearest first',
	'price-asc': 'Price, lowest first',
	'price-desc': 'Price, highest first',
	rating: 'Rating, highest first',
}

const fieldIds: Record<string, string> = {
	q: 'search-q',
	near: 'search-near',
	radius: 'search-radius',
	min: 'search-min',
	max: 'search-max',
	sort: 'search-sort',
}

export default function SearchPage() {
	const data = useLoaderData<typeof loader>()
	const { params, place, total, results } = data
	const navigation = useNavigation()
	const submit = useSubmit()
	const formRef = useRef<HTMLFormElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>()
	const searching = navigation.state === 'loading' && navigation.location.pathname === '/search'

	// Keep every field in step with the URL (back and forward, links that drop a filter), but never change the one
	// under the person's fingers. Fields stay uncontrolled so the form works the same without JavaScript.
	const search = useLocation().search
	const navigationType = useNavigationType()
	useEffect(() => {
		const form = formRef.current
		if (!form) return
		for (const el of Array.from(form.elements)) {
			// Back and forward restore everything; other changes leave the focused field alone.
			if (el === document.activeElement && navigationType !== 'POP') continue
			if (el instanceof HTMLInputElement) {
				if (el.type === 'checkbox') el.checked = el.defaultChecked
				else el.value = el.defaultValue
			} else if (el instanceof HTMLSelectElement && el.dataset.current !== undefined) {
				el.value = el.dataset.current
			}
		}
	}, [search, navigationType])
	useEffect(() => () => clearTimeout(timer.current), [])

	// With JavaScript: results follow typing (after a short pause) and each filter change.
	const submitSoon = (delay: number) => {
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			const form = formRef.current
			if (!form) return
			// The same URL a person would share: empty fields and defaults left out.
			const fd = new FormData(form)
			const clean = new URLSearchParams()
			for (const [key, value] of fd) {
				if (typeof value !== 'string' || value.trim() === '' || key === 'page') continue
				if (key === 'radius' && (!fd.get('near') || value === String(DEFAULT_RADIUS_KM))) continue
				clean.append(key, value)
			}
			submit(clean, { method: 'get', action: '/search', replace: true, preventScrollReset: true })
		}, delay)
	}

	const status = `${total} ${total === 1 ? 'result' : 'results'}`
	const summary = [params.q ? `for “${params.q}”` : null, place ? `within ${params.radius} km of ${place.name}` : null]
		.filter(Boolean)
		.join(' ')

	return (
		<div>
			<h1 className="text-3xl font-bold">Find support</h1>
			{data.errors.length > 0 ? <ProblemSummary errors={data.errors} /> : null}

			<Form
				ref={formRef}
				id="search-form"
				method="get"
				action="/search"
				className="mt-4"
				onChange={(e) => {
					const target = e.target as HTMLInputElement
					// The compare boxes sit among the results but belong to the compare form.
					if (target.form !== formRef.current) return
					if (target.name === 'q') submitSoon(250)
					else if (target.type === 'checkbox' || target.tagName === 'SELECT') submitSoon(0)
				}}
			>
				<div role="search" aria-label="Providers" className="flex flex-wrap items-end gap-4">
					<div className="min-w-0 flex-1 basis-64">
						<label htmlFor="search-q" className="block font-semibold">
							What are you looking for?
						</label>
						<p id="search-q-hint" className="text-gray-700">
							For example: personal assistant, seated exercise, or a name
						</p>
						<input
							id="search-q"
							type="search"
							name="q"
							defaultValue={params.q}
							maxLength={200}
							autoComplete="off"
							aria-describedby="search-q-hint"
							className="mt-1 block w-full rounded border-2 border-gray-800 px-3 py-2"
						/>
					</div>
					<div className="basis-48">
						<label htmlFor="search-near" className="block font-semibold">
							Near (town or postcode)
						</label>
						<input
							id="search-near"
							name="near"
							defaultValue={params.near}
							maxLength={80}
							autoComplete="postal-code"
							aria-invalid={data.errors.some((e) => e.field === 'near') || undefined}
							className="mt-1 block w-full rounded border-2 border-gray-800 px-3 py-2 aria-[invalid=true]:border-red-700"
						/>
					</div>
					<div>
						<label htmlFor="search-radius" className="block font-semibold">
							Within
						</label>
						<select
							id="search-radius"
							name="radius"
							defaultValue={String(params.radius)}
							data-current={String(params.radius)}
							className="mt-1 block rounded border-2 border-gray-800 bg-white px-3 py-2"
						>
							{data.radiusOptions.map((r) => (
								<option key={r} value={r}>
									{r} km
								</option>
							))}
						</select>
					</div>
					<button type="submit" className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
						Search
					</button>
				</div>
				{data.placeSuggestions.length > 0 ? (
					<p className="mt-2">
						Did you mean{' '}
						{data.placeSuggestions.map((s, i) => (
							<Fragment key={s.href}>
								{i > 0 ? ' or ' : null}
								<Link to={s.href} className="text-brand-700 underline">
									{s.label}
								</Link>
							</Fragment>
						))}
						?
					</p>
				) : null}

				<div className="mt-6 grid gap-8 md:grid-cols-[17rem_1fr]">
					<FiltersDisclosure
						activeFilters={data.activeFilters}
						open={data.errors.some((e) => e.field === 'min' || e.field === 'max')}
					>
						<Filters data={data} />
					</FiltersDisclosure>
					<Section headingId="results-heading" title="Results" className="min-w-0" headingClassName="sr-only">
						<div className="flex flex-wrap items-end justify-between gap-3">
							<div>
								<p role="status" className="text-xl font-bold">
									{status}
								</p>
								{summary ? <p className="text-gray-800">{summary}</p> : null}
							</div>
							<div className="flex items-end gap-2">
								<div>
									<label htmlFor="search-sort" className="block font-semibold">
										Sort by
									</label>
									<select
										id="search-sort"
										name="sort"
										defaultValue={params.sort === 'relevance' ? '' : (params.sort ?? '')}
										data-current={params.sort === 'relevance' ? '' : (params.sort ?? '')}
										className="mt-1 block rounded border-2 border-gray-800 bg-white px-3 py-2"
									>
										{Object.entries(sortLabels).map(([value, label]) => (
											<option key={value} value={value}>
												{label}
											</option>
										))}
									</select>
								</div>
								<button
									type="submit"
									className="rounded border-2 border-brand-700 px-3 py-2 font-semibold text-brand-700"
								>
									Sort
								</button>
							</div>
						</div>
						{data.matchedQuery ? (
							<p className="mt-3 border-l-4 border-amber-600 bg-amber-50 p-3">
								No provider matched every word of “{params.q}”, so these match “{data.matchedQuery}”.
							</p>
						) : null}
						{data.empty ? <EmptyResults empty={data.empty} /> : null}

						{/* Each card's classes are set once here: a page has twenty cards (issue 14). */}
						<ul
							aria-label="Search results"
							aria-busy={searching || undefined}
							className="mt-4 space-y-4 *:rounded *:border *:border-gray-300 *:p-4"
						>
							{results.map((r) => (
								<Result key={r.id} result={r} shortlist={data.shortlist} />
							))}
						</ul>

						{results.length > 0 ? (
							<div className="mt-4 rounded bg-brand-50 p-3">
								<p>Tick up to three providers, then compare their prices, checks and availability side by side.</p>
								<button
									type="submit"
									form="compare-form"
									className="mt-2 rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
								>
									Compare ticked providers
								</button>
							</div>
						) : null}

						{data.links.prev || data.links.next ? (
							<nav aria-label="Pages of results" className="mt-6 flex flex-wrap items-center gap-4">
								{data.links.prev ? (
									<Link to={data.links.prev} rel="prev" className="text-brand-700 underline">
										Previous page
									</Link>
								) : null}
								<span>
									Page {data.page} of {data.pageCount}
								</span>
								{data.links.next ? (
									<Link to={data.links.next} rel="next" className="text-brand-700 underline">
										Next page
									</Link>
								) : null}
							</nav>
						) : null}
					</Section>
				</div>
			</Form>
			{data.shortlist.holders.length > 0
				? results.map((r) => <ShortlistForm key={r.id} formId={`shortlist-${r.id}`} providerId={r.id} />)
				: null}
			<form id="compare-form" method="get" action="/compare">
				{place ? <input type="hidden" name="near" value={place.name} /> : null}
			</form>
			<GroupActivities
				id="group-activities"
				heading={data.groupActivities.town ? `Group activities near ${data.groupActivities.town}` : 'Group activities'}
				cards={data.groupActivities.cards}
				showProvider
			/>
			{data.groupActivities.cards.length > 0 ? (
				<p className="mt-2">
					<Link
						to={`/groups?town=${encodeURIComponent(data.groupActivities.town ?? '')}`}
						className="text-brand-700 underline"
					>
						See every group activity{data.groupActivities.town ? ` near ${data.groupActivities.town}` : ''}
					</Link>
				</p>
			) : null}
		</div>
	)
}

/** What was wrong with the link, each problem linking to its filter. It does not take focus: results follow typing. */
function ProblemSummary({ errors }: { errors: Array<{ field: string; message: string }> }) {
	const fieldErrors: Record<string, string[]> = {}
	for (const e of errors) (fieldErrors[e.field] ??= []).push(e.message)
	return (
		<div className="mt-4">
			<ErrorSummary
				fieldErrors={fieldErrors}
				fieldIds={fieldIds}
				title="There is a problem with this search"
				autoFocus={false}
			/>
		</div>
	)
}

/**
 * Phone first (issue 12): on a narrow screen the results come first and the filters wait behind a "Filters" button,
 * a native disclosure that works without JavaScript and tells screen readers whether it is open. On a wide screen
 * the button is hidden and the filters sit beside the results: CSS shows the closed disclosure's content there, and
 * with JavaScript the disclosure is opened too, so the accessibility tree matches what is seen.
 */
function FiltersDisclosure({
	activeFilters,
	open,
	children,
}: {
	activeFilters: number
	open: boolean
	children: ReactNode
}) {
	const ref = useRef<HTMLDetailsElement>(null)
	useEffect(() => {
		const details = ref.current
		if (!details) return
		const wide = window.matchMedia('(width >= 48rem)')
		const sync = () => {
			if (wide.matches) details.open = true
		}
		sync()
		wide.addEventListener('change', sync)
		return () => wide.removeEventListener('change', sync)
	}, [])
	return (
		<details ref={ref} open={open || undefined} className="md:[&::details-content]:[content-visibility:visible]">
			<summary className="inline-block cursor-pointer rounded border-2 border-brand-700 px-4 py-2 font-semibold text-brand-700 md:hidden">
				Filters
				{activeFilters > 0 ? ` (${activeFilters} chosen)` : null}
			</summary>
			<div className="mt-4 md:mt-0">{children}</div>
		</details>
	)
}

function Filters({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
	const { params } = data
	const groups = data.facets as FacetGroup[]
	const byName = (name: string) => groups.find((g) => g.name === name)
	return (
		<section aria-labelledby="filters-heading">
			<div className="flex items-baseline justify-between">
				{/* On a phone the "Filters" button above already says it: the heading stays for screen readers. */}
				<h2 id="filters-heading" className="text-2xl font-bold max-md:sr-only">
					Filters
				</h2>
				{data.activeFilters > 0 ? (
					<Link to={searchHref(withoutFilters(params as SearchPageParams))} className="text-brand-700 underline">
						Clear filters
					</Link>
				) : null}
			</div>
			<p className="text-gray-700">The number by each choice is how many results it gives.</p>
			{['kind', 'category', 'type'].map((name) => (
				<FacetFieldset key={name} group={byName(name)} />
			))}
			<fieldset className="mt-4">
				<legend className="font-semibold">Price (the lowest price they list)</legend>
				{data.priceRange ? (
					<p className="text-gray-700">
						Results range from £{penceToPounds(data.priceRange.min)} to £{penceToPounds(data.priceRange.max)}.
					</p>
				) : null}
				<div className="mt-1 flex gap-3">
					<div>
						<label htmlFor="search-min" className="block">
							From £
						</label>
						<input
							id="search-min"
							name="min"
							inputMode="decimal"
							defaultValue={params.min === null ? '' : penceToPounds(params.min)}
							className="mt-1 block w-24 rounded border-2 border-gray-800 px-2 py-1"
						/>
					</div>
					<div>
						<label htmlFor="search-max" className="block">
							To £
						</label>
						<input
							id="search-max"
							name="max"
							inputMode="decimal"
							defaultValue={params.max === null ? '' : penceToPounds(params.max)}
							className="mt-1 block w-24 rounded border-2 border-gray-800 px-2 py-1"
						/>
					</div>
				</div>
			</fieldset>
			{['lang', 'access', 'cred', 'day', 'time', 'group'].map((name) => (
				<FacetFieldset key={name} group={byName(name)} />
			))}
			<button type="submit" className="mt-4 rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
				Apply filters
			</button>
		</section>
	)
}

/** Other searches to try, each with how many results it finds. */
function LinkedCounts({
	heading,
	links,
}: {
	heading: string
	links: { href: string; label: string; count: number }[]
}) {
	return (
		<>
			<h4 className="mt-3 font-bold">{heading}</h4>
			<ul className="mt-1 space-y-1">
				{links.map((s) => (
					<li key={s.href}>
						<Link to={s.href} className="text-brand-700 underline">
							{s.label}
						</Link>{' '}
						({s.count} {s.count === 1 ? 'result' : 'results'})
					</li>
				))}
			</ul>
		</>
	)
}

function FacetFieldset({ group }: { group: FacetGroup | undefined }) {
	if (!group || group.options.length === 0) return null
	return (
		<fieldset className="mt-4">
			<legend className="font-semibold">{group.legend}</legend>
			{/* Each option's classes are set once here: the filters have about seventy options (issue 14). */}
			<ul className="mt-1 space-y-1 *:flex *:items-start *:gap-2 [&_input]:mt-1.5 [&_input]:h-5 [&_input]:w-5 [&_label>span]:text-gray-700">
				{group.options.map((o) => {
					const id = `f-${group.name}-${o.value.replace(/[^a-zA-Z0-9-]/g, '_')}`
					return (
						<li key={o.value}>
							<input type="checkbox" id={id} name={group.name} value={o.value} defaultChecked={o.checked} />
							<label htmlFor={id} className={o.count === 0 && !o.checked ? 'text-gray-700' : undefined}>
								{`${o.label} `}
								<span>{`(${o.count})`}</span>
							</label>
						</li>
					)
				})}
			</ul>
		</fieldset>
	)
}

/** Text with what matched the search marked (app/tailwind.css styles `mark`). */
function Marked({ runs }: { runs: MarkedText }) {
	return (
		<>
			{runs.map((run, i) =>
				i % 2 === 1 ? <mark key={i}>{run}</mark> : run ? <Fragment key={i}>{run}</Fragment> : null,
			)}
		</>
	)
}

type ShortlistChoices = { holders: Array<{ id: string; displayName: string }>; actingId: string | null }

function Result({ result: r, shortlist }: { result: ResultView; shortlist: ShortlistChoices }) {
	const headingId = `result-${r.id}`
	const plainName = plainText(r.name)
	// Text is given as one string where it can be: React marks each join of two text pieces with <!-- -->.
	return (
		<li>
			<article aria-labelledby={headingId}>
				<h3 id={headingId} className="text-xl font-bold">
					<Link to={`/providers/${r.slug}`} className="text-brand-700 underline">
						<Marked runs={r.name} />
					</Link>
				</h3>
				<p className="text-gray-800">
					{`${r.kind} in ${r.town} (${r.postcodeDistrict})${r.distance ? `, ${r.distance} away` : ''}`}
				</p>
				<p className="mt-1">
					<Marked runs={r.headline} />
				</p>
				{r.bio ? (
					<p className="mt-1 text-gray-800">
						<Marked runs={r.bio} />
					</p>
				) : null}
				{r.services.length > 0 ? (
					<ul aria-label={`Services from ${plainName}`} className="mt-2 space-y-1">
						{r.services.map((s, i) => (
							<li key={i}>
								<span className="font-semibold">
									<Marked runs={s.title} />
								</span>
								{`: ${s.price}`}
								{s.guide ? (
									<span className="block text-sm text-gray-800">
										{`${s.guide}.${s.position ? ` This price is ${s.position}.` : ''}`}
									</span>
								) : null}
							</li>
						))}
						{r.moreServices > 0 ? (
							<li className="text-gray-800">
								{`and ${r.moreServices} more ${r.moreServices === 1 ? 'service' : 'services'}`}
							</li>
						) : null}
					</ul>
				) : (
					<p className="mt-2">No services listed yet.</p>
				)}
				<dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr] [&>dt]:font-semibold">
					<dt>Reviews</dt>
					<dd>
						<Rating average={r.ratingAverage} count={r.reviewCount} />
					</dd>
					<dt>Checks</dt>
					<dd>{r.credentials.length ? r.credentials.join(', ') : 'None listed'}</dd>
					<dt>Languages</dt>
					<dd>{r.languages.length ? r.languages.join(', ') : 'Not stated'}</dd>
					<dt>Next available</dt>
					<dd>{r.nextAvailable}</dd>
					{r.acceptsGroupBookings ? (
						<>
							<dt>Groups</dt>
							<dd>Takes group bookings</dd>
						</>
					) : null}
				</dl>
				<div className="mt-3 flex items-center gap-2">
					<input
						type="checkbox"
						id={`compare-${r.id}`}
						name="ids"
						value={r.id}
						form="compare-form"
						className="h-5 w-5"
					/>
					<label htmlFor={`compare-${r.id}`}>
						Compare <span className="sr-only">{plainName}</span>
					</label>
				</div>
				<SaveToShortlist
					providerId={r.id}
					providerName={plainName}
					holders={shortlist.holders}
					actingId={shortlist.actingId}
					formId={`shortlist-${r.id}`}
				/>
			</article>
		</li>
	)
}

type SuggestionLink = { label: string; href: string; count: number }

function EmptyResults({
	empty,
}: {
	empty: { reasons: string[]; suggestions: SuggestionLink[]; categories: SuggestionLink[] }
}) {
	return (
		<div className="mt-4 rounded border-2 border-gray-300 p-4">
			<h3 className="text-xl font-bold">No providers found</h3>
			{empty.reasons.length > 0 ? (
				<ul className="mt-2 list-disc pl-6">
					{empty.reasons.map((reason) => (
						<li key={reason}>{reason}</li>
					))}
				</ul>
			) : null}
			{empty.suggestions.length > 0 ? (
				<LinkedCounts heading="Try widening your search" links={empty.suggestions} />
			) : (
				<p className="mt-2">
					Check the spelling, use fewer words, or{' '}
					<Link to="/search" className="text-brand-700 underline">
						start a new search
					</Link>
					.
				</p>
			)}
			{empty.categories.length > 0 ? (
				<LinkedCounts heading="Kinds of support that may be what you need" links={empty.categories} />
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
