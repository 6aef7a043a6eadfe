import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { funderProblems } from '#app/domain/bookings/queries.server.ts'
import { sessionText, shortDayText } from '#app/utils/dates.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'

export const meta: MetaFunction = () => [{ title: 'Problems to settle | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	return json({ problems: await funderProblems(funderId) })
}

export default function FunderProblems() {
	const { problems } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<LinkLine to="/funder">Back to budgets</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Problems to settle</h1>
			<p className="mt-2">
				Sessions where someone reported a problem. The money stays held until the holder and the provider agree, or you
				decide how much the provider is paid.
			</p>
			{problems.length === 0 ? <p className="mt-4">No open problems.</p> : null}
			<ul aria-label="Problems to settle" className="mt-4 space-y-3">
				{problems.map((b) => (
					<li key={b.id} className="rounded border border-gray-300 p-3">
						<LinkLine to={`/bookings/${b.id}`} className="font-semibold">
							{b.holder.displayName} and {b.provider.name}: {b.service.title}
						</LinkLine>
						<p>
							{sessionText(b.startsAt, b.endsAt)}, {formatMoney(b.totalPence, b.currency)} held
						</p>
						{b.problems[0] ? (
							<p className="mt-1">
								Reported on {shortDayText(b.problems[0].createdAt)}: “{b.problems[0].description}”
							</p>
						) : null}
					</li>
				))}
			</ul>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
