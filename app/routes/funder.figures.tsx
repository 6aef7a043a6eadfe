import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FigureSection } from '#app/components/funders/figure-table.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { getFunderView } from '#app/domain/funders/overview.server.ts'
import { FEWEST_PEOPLE } from '#app/domain/funders/privacy.ts'
import { figureWords, TABLE_IDS } from '#app/domain/funders/tables.ts'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.view.funder.name}: how it is going | Budget Market` : 'How it is going | Budget Market' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const view = await getFunderView(funderId)
	if (!view) throw new Response('Not found', { status: 404 })
	return json({ view })
}

export default function FunderFigures() {
	const { view } = useLoaderData<typeof loader>()
	const { funder, tables } = view
	const currency = funder.currency
	return (
		<div>
			<LinkLine to="/funder">Back to budgets</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{funder.name}: how it is going</h1>
			<p className="mt-2 max-w-3xl">
				Figures about all {figureWords(view.people, 'people', currency)} you fund, from the money on their accounts and
				what they booked. To keep people private, a figure about fewer than {FEWEST_PEOPLE} people is not shown: you see
				“fewer than {FEWEST_PEOPLE}” instead, and sometimes another figure is “hidden” so the first cannot be worked
				out. Each person’s own figures are on{' '}
				<Link to="/funder" className={linkClass}>
					your list of people
				</Link>
				.
			</p>
			{TABLE_IDS.map((id) => (
				<FigureSection key={id} table={tables[id]} currency={currency} csvHref={`/funder/figures.csv?table=${id}`}>
					{id === 'choice' ? (
						<p className="mt-2 max-w-3xl">
							{view.chosenDirectlyPercent === null
								? 'The share chosen directly cannot be shown yet.'
								: `${view.chosenDirectlyPercent}% of spending was with providers people chose themselves or with someone they asked to help.`}{' '}
							This is a sign of how personal the support is.
						</p>
					) : null}
					{id === 'groups' ? (
						<LinkLine to="/funder/commissions" className="mt-2">
							See each group activity and its money
						</LinkLine>
					) : null}
				</FigureSection>
			))}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
