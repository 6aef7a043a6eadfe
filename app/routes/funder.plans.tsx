import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { funderPlansPage } from '#app/domain/plans/plans.server.ts'
import { reviewState, STATUS_WORDS } from '#app/domain/plans/rules.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Plans and reviews | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json(await orErrorPage(() => funderPlansPage(user)))
}

const DAY = 86_400_000

export default function FunderPlansPage() {
	const { waiting, reviews, noBudget, noBudgetCount, today } = useLoaderData<typeof loader>()
	const todayDate = new Date(today)
	return (
		<div className="max-w-4xl">
			<LinkLine to="/funder">Back to budgets</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Plans and reviews</h1>
			<p className="mt-2">
				You agree each plan once, or send back one question. After that, people spend inside their plan without asking.
			</p>

			<Section headingId="waiting-heading" title={<>Plans waiting for you ({waiting.length})</>} className="mt-8">
				{waiting.length === 0 ? <p className="mt-2">No plan is waiting.</p> : null}
				<ul className="mt-2 space-y-2">
					{waiting.map((p) => (
						<li key={p.id}>
							<Link to={`/funder/holders/${p.holder.id}`} className={linkClass}>
								{p.holder.displayName}
							</Link>
							: version {p.version}, {STATUS_WORDS[p.status].toLowerCase()}
							{p.submittedAt
								? `, sent ${formatDay(p.submittedAt)} (${Math.max(0, Math.floor((todayDate.getTime() - new Date(p.submittedAt).getTime()) / DAY))} days ago)`
								: ''}
						</li>
					))}
				</ul>
			</Section>

			<Section headingId="reviews-heading" title={<>Reviews due and overdue ({reviews.length})</>} className="mt-8">
				{reviews.length === 0 ? <p className="mt-2">No review is due in the next two weeks.</p> : null}
				<ul className="mt-2 space-y-2">
					{reviews.map((r) => (
						<li key={r.id}>
							<Link to={`/funder/holders/${r.plan.holder.id}`} className={linkClass}>
								{r.plan.holder.displayName}
							</Link>
							: {reviewState(new Date(r.dueOn), todayDate) === 'overdue' ? 'overdue since' : 'due on'}{' '}
							{formatDay(r.dueOn)}
							{r.requestedBy ? ` (asked for by ${r.requestedBy === 'funder' ? 'you' : 'them'})` : ''}
						</li>
					))}
				</ul>
			</Section>

			<Section headingId="budget-heading" title={<>People without a budget yet ({noBudgetCount})</>} className="mt-8">
				<p className="mt-2">Tell each person their budget first, so they can plan knowing their money.</p>
				<ul className="mt-2 space-y-1">
					{noBudget.map((h) => (
						<li key={h.id}>
							<Link to={`/funder/holders/${h.id}`} className={linkClass}>
								Set the budget<span className="sr-only"> for</span>
								<span aria-hidden="true">:</span> {h.displayName}
							</Link>
						</li>
					))}
				</ul>
				{noBudgetCount > noBudget.length ? <p className="mt-2">And {noBudgetCount - noBudget.length} more.</p> : null}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
