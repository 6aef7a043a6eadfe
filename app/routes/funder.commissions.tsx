import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { funderCommissions } from '#app/domain/commissions/provider-side.server.ts'
import { commissionStatusLabels } from '#app/domain/commissions/rules.ts'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { dayText } from '#app/utils/dates.ts'

export const meta: MetaFunction = () => [{ title: 'Group activities your holders formed | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	return json({ rows: await funderCommissions(funderId) })
}

export default function FunderCommissions() {
	const { rows } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-4xl">
			<LinkLine to="/funder">Back to budgets</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Group activities your holders formed</h1>
			<p className="mt-2 max-w-3xl">
				People you fund can pool part of their budgets to buy something together. Their money is set aside when they
				pledge, taken only if enough people join by the deadline, and paid to the provider one session at a time. The
				money columns count only the people you fund.
			</p>
			{rows.length === 0 ? <p className="mt-4">None yet.</p> : null}
			<ul aria-label="Group activities" className="mt-4 space-y-3">
				{rows.map((c) => {
					const m = (n: number) => formatMoney(n, c.currency)
					return (
						<li key={c.id} className="rounded border border-gray-300 p-3">
							<LinkLine to={`/commissions/${c.id}`} className="font-semibold">
								{c.title}
							</LinkLine>
							<p>
								{c.providerName ? `With ${c.providerName}. ` : ''}
								{commissionStatusLabels[c.status]}.
								{c.status === 'OPEN' ? ` Pledges until ${dayText(new Date(c.deadline))}.` : ''}
							</p>
							<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
								<dt className="font-semibold">People</dt>
								<dd>
									{c.paying} of {c.min} needed; {c.yours} funded by you
								</dd>
								<dt className="font-semibold">Set aside now</dt>
								<dd>{m(c.heldPence)}</dd>
								<dt className="font-semibold">Taken for the group</dt>
								<dd>{m(c.takenPence)}</dd>
								<dt className="font-semibold">Given back</dt>
								<dd>{m(c.returnedPence)}</dd>
							</dl>
						</li>
					)
				})}
			</ul>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
