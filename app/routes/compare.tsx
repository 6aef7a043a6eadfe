import { SaveToShortlist } from '#app/components/helping/save-to-shortlist.tsx'
import { shortlistChoices } from '#app/domain/helping/workspace.server.ts'
import { actingFor } from '#app/utils/acting.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Rating } from '#app/components/rating.tsx'
import { loadCompare, type CompareColumn } from '#app/domain/search/compare.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{
		title: data?.columns.length
			? `Compare ${data.columns.map((c) => c.name).join(', ')} | Budget Market`
			: 'Compare providers | Budget Market',
	},
]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const [data, shortlist] = await Promise.all([
		loadCompare(new URL(request.url)),
		actingFor(request, user).then((a) => shortlistChoices(user, a?.id ?? null)),
	])
	return json({ ...data, shortlist })
}

const list = (items: string[], empty: string): ReactNode =>
	items.length ? (
		<ul className="list-disc pl-5">
			{items.map((i) => (
				<li key={i}>{i}</li>
			))}
		</ul>
	) : (
		empty
	)

const rows: Array<{ label: string; cell: (c: CompareColumn) => ReactNode; show?: (cs: CompareColumn[]) => boolean }> = [
	{ label: 'Kind', cell: (c) => c.kind },
	{ label: 'Where', cell: (c) => c.where },
	{ label: 'Distance', cell: (c) => c.distance ?? 'Not known', show: (cs) => cs.some((c) => c.distance) },
	{
		label: 'Prices',
		cell: (c) =>
			c.services.length ? (
				<ul className="space-y-2">
					{c.services.map((s, i) => (
						<li key={i}>
							<span className="font-semibold">{s.title}</span>: {s.price}
							{s.guide ? (
								<span className="block text-sm text-gray-800">
									{s.guide}
									{s.position ? `. This price is ${s.position}.` : '.'}
								</span>
							) : null}
						</li>
					))}
				</ul>
			) : (
				'No services listed yet'
			),
	},
	{ label: 'Reviews', cell: (c) => <Rating average={c.rating.average} count={c.rating.count} /> },
	{ label: 'Checks and credentials', cell: (c) => list(c.credentials, 'None listed') },
	{ label: 'Languages', cell: (c) => c.languages.join(', ') || 'Not stated' },
	{ label: 'Accessibility', cell: (c) => list(c.accessibility, 'Not stated') },
	{ label: 'Usual availability', cell: (c) => c.usualAvailability },
	{ label: 'Next available', cell: (c) => c.nextAvailable },
	{ label: 'Group bookings', cell: (c) => c.groupBookings },
	{ label: 'Cancellation', cell: (c) => c.cancellation },
]

export default function Compare() {
	const { columns, messages, near, shortlist } = useLoaderData<typeof loader>()
	return (
		<div>
			<p>
				<Link to="/search" className="text-brand-700 underline">
					Back to search
				</Link>
			</p>
			<h1 className="mt-4 text-3xl font-bold">Compare providers</h1>
			{messages.length > 0 ? (
				<div role="status" className="mt-4 border-l-4 border-amber-600 bg-amber-50 p-3">
					{messages.map((m) => (
						<p key={m}>{m}</p>
					))}
				</div>
			) : null}
			{columns.length > 0 ? (
				<div className="mt-6 overflow-x-auto">
					<table className="stacked-table stacked-table-head w-full border-collapse text-left align-top">
						<caption className="sr-only">
							{columns.map((c) => c.name).join(', ')} side by side{near ? `, with distances from ${near}` : ''}
						</caption>
						<thead>
							<tr>
								<td className="w-40" />
								{columns.map((c) => (
									<th key={c.id} scope="col" className="border-b-2 border-gray-800 p-2 align-bottom text-lg">
										<Link to={`/providers/${c.slug}`} className="text-brand-700 underline">
											{c.name}
										</Link>
										<SaveToShortlist
											providerId={c.id}
											providerName={c.name}
											holders={shortlist.holders}
											actingId={shortlist.actingId}
										/>
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{rows
								.filter((r) => !r.show || r.show(columns))
								.map((r) => (
									<tr key={r.label} className="border-b border-gray-300">
										<th scope="row" className="p-2 align-top font-semibold">
											{r.label}
										</th>
										{columns.map((c) => (
											<td key={c.id} className="p-2 align-top" data-label={c.name}>
												{r.cell(c)}
											</td>
										))}
									</tr>
								))}
						</tbody>
					</table>
				</div>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
