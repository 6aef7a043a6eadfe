import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Rating } from '#app/components/rating.tsx'
import { listProviders } from '#app/domain/providers/directory.server.ts'
import { formatPrice, providerKindLabels } from '#app/domain/providers/labels.ts'

export const meta: MetaFunction = () => [{ title: 'Find support | Budget Market' }]

const QuerySchema = z.object({
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	q: z.string().trim().max(200).catch('').default(''),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const { page, q } = QuerySchema.parse({
		page: url.searchParams.get('page') ?? undefined,
		q: url.searchParams.get('q') ?? undefined,
	})
	const result = await listProviders(page, q)
	if (page > result.pageCount) throw new Response('Not found', { status: 404 })
	return json({ ...result, page, q })
}

export default function Directory() {
	const { providers, total, page, pageCount, q } = useLoaderData<typeof loader>()
	const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`
	return (
		<div>
			<h1 className="text-3xl font-bold">Find support</h1>
			<Form method="get" role="search" className="mt-4 flex max-w-2xl flex-wrap items-end gap-3">
				<div className="min-w-0 flex-1">
					<label htmlFor="directory-q" className="block font-semibold">
						Name, town or service
					</label>
					<input
						id="directory-q"
						type="search"
						name="q"
						defaultValue={q}
						className="mt-1 block w-full rounded border-2 border-gray-800 px-3 py-2"
					/>
				</div>
				<button type="submit" className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
					Search
				</button>
			</Form>
			<p className="mt-4" role="status">
				{total} {total === 1 ? 'provider' : 'providers'}
				{q ? ` matching “${q}”` : ''}. Page {page} of {pageCount}.
			</p>
			{total === 0 ? (
				<p className="mt-2">
					Try fewer words, or{' '}
					<Link to="/providers" className="text-brand-700 underline">
						see all providers
					</Link>
					.
				</p>
			) : null}
			<ul aria-label="Providers" className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
				{providers.map((p) => {
					const from = p.services[0]
					return (
						<li key={p.slug} className="py-4">
							<h2 className="text-xl font-bold">
								<Link to={`/providers/${p.slug}`} className="text-brand-700 underline">
									{p.name}
								</Link>
							</h2>
							<p className="text-gray-800">
								{providerKindLabels[p.kind]} in {p.town}
							</p>
							<p className="mt-1">{p.headline}</p>
							<p className="mt-1 flex flex-wrap gap-x-6">
								{from ? <span>From {formatPrice(from.pricePence, from.priceUnit, from.currency)}</span> : null}
								<Rating average={p.ratingAverage} count={p.reviewCount} />
							</p>
						</li>
					)
				})}
			</ul>
			<nav aria-label="Pages" className="mt-6 flex gap-4">
				{page > 1 ? (
					<Link to={pageLink(page - 1)} className="text-brand-700 underline" rel="prev">
						Previous page
					</Link>
				) : null}
				{page < pageCount ? (
					<Link to={pageLink(page + 1)} className="text-brand-700 underline" rel="next">
						Next page
					</Link>
				) : null}
			</nav>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
