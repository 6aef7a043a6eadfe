import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Figure } from '#app/components/money/money-ui.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { Cell, Row, RowHead, StackedTable } from '#app/components/ui/table.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import { allocationSummary } from '#app/domain/money/allocations.server.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { feeLabel } from '#app/domain/money/fees.ts'
import { getFunderOverview } from '#app/domain/money/funder-overview.server.ts'
import { countJoinRequests } from '#app/domain/people/join-requests.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.overview.funder.name}: budgets | Budget Market` : 'Budgets | Budget Market' },
]

const QuerySchema = z.object({
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	q: z.string().trim().max(100).catch(''),
	allocated: z.string().max(200).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const url = new URL(request.url)
	const query = QuerySchema.parse({
		page: url.searchParams.get('page') ?? undefined,
		q: url.searchParams.get('q') ?? '',
		allocated: url.searchParams.get('allocated') ?? undefined,
	})
	const overview = await getFunderOverview(funderId, { page: query.page, q: query.q })
	if (!overview) throw new Response('Not found', { status: 404 })
	const [allocated, joinRequests] = await Promise.all([
		query.allocated ? allocationSummary(funderId, query.allocated) : null,
		countJoinRequests(funderId),
	])
	return json({ overview, allocated, joinRequests })
}

/** Each person's amounts, in the order of the table's columns. */
const AMOUNTS = [
	['allocated', 'Allocated so far'],
	['scheduled', 'Scheduled'],
	['spent', 'Spent'],
	['held', 'Held'],
	['unspent', 'Unspent'],
] as const

export default function FunderOverview() {
	const { overview, allocated, joinRequests } = useLoaderData<typeof loader>()
	const location = useLocation()
	const { funder, totals, rows } = overview
	const m = (n: number) => formatMoney(n, funder.currency)
	return (
		<div>
			{allocated ? (
				<Notice>
					<p>
						{allocated.text}{' '}
						<Link to={`/holders/${allocated.holderId}/money`} className={linkClass}>
							See {allocated.holderName}’s money
						</Link>
					</p>
				</Notice>
			) : null}
			<h1 className="text-3xl font-bold">{funder.name}: personal budgets</h1>
			<p className="mt-2">
				Amounts in {funder.currency}. Instalments every {funder.instalmentDays} days unless you choose otherwise.{' '}
				{feeLabel(funder.platformFeeBps)} on bookings.
			</p>
			<p className="mt-3 flex flex-wrap gap-6">
				<Link
					to="/funder/allocate"
					className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
				>
					Give someone a budget
				</Link>
				<Link to="/funder/join-requests" className={`${linkClass} self-center`}>
					{joinRequests === 0
						? 'People asking to join: nobody waiting'
						: `${joinRequests} ${joinRequests === 1 ? 'person is' : 'people are'} asking to join`}
				</Link>
				<Link to="/funder/figures" className={`${linkClass} self-center`}>
					How it is going: spending, plans, reviews and outcomes
				</Link>
				<Link to="/funder/plans" className={`${linkClass} self-center`}>
					Plans and reviews
				</Link>
				<Link to="/funder/commissions" className={`${linkClass} self-center`}>
					Group activities your holders formed
				</Link>
				<a href="/funder/export.csv" className={`${linkClass} self-center`} download>
					Download every movement for audit (CSV)
				</a>
			</p>

			<Section
				headingId="totals-heading"
				title={
					<>
						All {totals.holders} {totals.holders === 1 ? 'person' : 'people'} you fund
					</>
				}
				className="mt-8"
			>
				<dl className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
					<Figure
						label="Allocated so far"
						amount={totals.allocated}
						currency={funder.currency}
						hint={`${m(totals.scheduled)} more scheduled`}
					/>
					<Figure label="Spent" amount={totals.spent} currency={funder.currency} />
					<Figure label="Held for bookings" amount={totals.held} currency={funder.currency} />
					<Figure
						label="Unspent"
						amount={totals.unspent}
						currency={funder.currency}
						hint="Available to the people you fund."
					/>
				</dl>
				{totals.toppedUp > 0 ? (
					<p className="mt-2">People added {m(totals.toppedUp)} of their own money by card.</p>
				) : null}
			</Section>

			<Section headingId="people-heading" title="Each person" className="mt-8">
				<Form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-3">
					<div>
						<label htmlFor="funder-q" className="block font-semibold">
							Name
						</label>
						<input
							id="funder-q"
							type="search"
							name="q"
							defaultValue={overview.q}
							className="mt-1 block rounded border-2 border-gray-800 px-3 py-2"
						/>
					</div>
					<button type="submit" className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
						Find
					</button>
				</Form>
				<p className="mt-3" role="status">
					{overview.matching} {overview.matching === 1 ? 'person' : 'people'}
					{overview.q ? ` matching “${overview.q}”` : ''}. Page {overview.page} of {overview.pageCount}.
				</p>
				<StackedTable
					caption="Budgets allocated, spent, held and unspent for each person"
					minWidth="min-w-[48rem]"
					columns={[
						{ label: 'Person' },
						...AMOUNTS.map(([, label]) => ({ label, numeric: true })),
						{ label: <span className="sr-only">Actions</span> },
					]}
				>
					{rows.map((r) => (
						<Row key={r.id}>
							<RowHead>
								<Link to={`/holders/${r.id}/money`} className={linkClass}>
									{r.displayName}
								</Link>
								{r.town ? <span className="block text-gray-700">{r.town}</span> : null}
							</RowHead>
							{AMOUNTS.map(([key, label]) => (
								<Cell key={key} label={label} numeric>
									{m(r[key])}
								</Cell>
							))}
							<Cell>
								<Link to={`/funder/allocate?holder=${encodeURIComponent(r.id)}`} className={linkClass}>
									Allocate<span className="sr-only"> to {r.displayName}</span>
								</Link>{' '}
								<Link to={`/funder/holders/${r.id}/representatives`} className={linkClass}>
									Representatives<span className="sr-only"> for {r.displayName}</span>
								</Link>
							</Cell>
						</Row>
					))}
				</StackedTable>
				<Pagination
					page={overview.page}
					pageCount={overview.pageCount}
					search={new URLSearchParams(location.search)}
					label="Pages of people"
				/>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
