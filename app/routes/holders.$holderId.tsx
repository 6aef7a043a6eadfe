import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanSummary } from '#app/components/plans.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { getHolderSummary } from '#app/domain/people/account.server.ts'
import { delegateKindLabels, rightLabels } from '#app/domain/people/labels.ts'
import { requireHolderRight } from '#app/domain/people/rights.server.ts'
import { holderPlanSummary } from '#app/domain/plans/plans.server.ts'
import { formatMoney } from '#app/domain/ledger/money.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay } from '#app/utils/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.holder.displayName}: budget and plan | Budget Market` : 'Budget and plan | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const rights = await requireHolderRight(user, holderId, 'VIEW')
	const holder = await getHolderSummary(holderId)
	if (!holder) throw new Response('Not found', { status: 404 })
	const isSelf = holder.userId === user.id
	const oversees =
		user.roles.includes('ADMIN') || (user.roles.includes('FUNDER_STAFF') && user.funderId === holder.funderId)
	const planSummary = await holderPlanSummary(holderId)
	const ownStaff = user.roles.includes('FUNDER_STAFF') && user.funderId === holder.funderId
	return json({
		holder,
		yourRights: [...rights],
		isSelf,
		canSeeTrail: isSelf || oversees,
		planSummary,
		canPlan: rights.has('PLAN'),
		ownStaff,
	})
}

export default function HolderPage() {
	const { holder, yourRights, isSelf, canSeeTrail, planSummary, canPlan, ownStaff } = useLoaderData<typeof loader>()
	const plan = holder.plans[0]
	const currency = holder.funder.currency
	return (
		<div>
			<h1 className="text-3xl font-bold">{holder.displayName}: budget and plan</h1>
			{holder.joinDeclinedAt ? (
				<p className="mt-2">
					{holder.funder.name} could not find {holder.displayName} among the people they fund. If this is a mistake,
					contact them. Searching for support and joining groups still work.
				</p>
			) : holder.joinRequestedAt ? (
				<p className="mt-2">
					Waiting for {holder.funder.name} to confirm that they fund this support. They check their own records, and you
					will be told when they answer. Until then no money can be sent here, but searching for support and joining
					groups work as usual.
				</p>
			) : (
				<p className="mt-2">Funded by {holder.funder.name}.</p>
			)}
			{planSummary ? (
				<PlanSummary
					summary={planSummary}
					holderId={holder.id}
					funderName={holder.funder.name}
					you={isSelf ? 'you' : holder.displayName}
					canPlan={canPlan}
				/>
			) : null}
			{ownStaff ? (
				<p className="mt-2">
					<Link to={`/funder/holders/${holder.id}`} className={linkClass}>
						Set the budget, agree the plan and read reviews<span className="sr-only"> for {holder.displayName}</span>
					</Link>
				</p>
			) : null}
			<p className="mt-1">You can {yourRights.map((r) => rightLabels[r]).join(', ')}.</p>
			<ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
				<li>
					<Link to={`/holders/${holder.id}/money`} className={linkClass}>
						Money<span className="sr-only"> of {holder.displayName}</span>
					</Link>
				</li>
				<li>
					<Link to={`/holders/${holder.id}/money#statement-heading`} className={linkClass}>
						Statement<span className="sr-only"> of {holder.displayName}</span>
					</Link>
				</li>
			</ul>

			<Section headingId="plan-heading" title="Support plan" className="mt-8">
				{plan ? (
					<>
						<p className="mt-2">
							Agreed{plan.agreedAt ? ` on ${formatDay(plan.agreedAt)}` : ''}. Runs from {formatDay(plan.startsOn)}
							{plan.endsOn ? ` to ${formatDay(plan.endsOn)}` : ''}.
						</p>
						<h3 className="mt-4 text-lg font-bold">What the plan is for</h3>
						<p className="mt-1 max-w-3xl whitespace-pre-line">{plan.outcomes}</p>
						<table className="mt-4 w-full max-w-xl text-left">
							<caption className="text-left text-lg font-bold">Budget lines</caption>
							<thead>
								<tr className="border-b-2 border-gray-800">
									<th scope="col" className="py-1">
										Line
									</th>
									<th scope="col" className="py-1 text-right">
										Amount for the year
									</th>
								</tr>
							</thead>
							<tbody>
								{plan.lines.map((l) => (
									<tr key={l.id} className="border-b border-gray-300">
										<th scope="row" className="py-1 font-normal">
											{l.name}
											{l.ringFenced ? ' (the funder keeps this money for this only)' : ''}
										</th>
										<td className="py-1 text-right">{formatMoney(l.amountPence, currency)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</>
				) : (
					<p className="mt-2">
						There is no agreed plan yet.{' '}
						{canPlan ? (
							<>
								<Link to={`/holders/${holder.id}/plan`} className={linkClass}>
									{isSelf ? 'Write your plan' : `Write ${holder.displayName}’s plan with them`}
								</Link>
								, a few short pages, saved as you go.
							</>
						) : (
							`${holder.displayName} writes it, with help if they want.`
						)}{' '}
						Support can still be booked now:{' '}
						<Link to="/search" className={linkClass}>
							search for support
						</Link>
						.
					</p>
				)}
			</Section>

			<Section headingId="people-heading" title={<>People who can act for {holder.displayName}</>} className="mt-8">
				{holder.delegations.length === 0 ? (
					<p className="mt-2">
						Nobody acts for {isSelf ? 'you' : holder.displayName} yet. A carer or broker can help with bookings and
						money: ask {holder.funder.name} to add them.
					</p>
				) : null}
				<ul className="mt-2 space-y-1">
					{holder.delegations.map((d) => (
						<li key={d.delegate.name}>
							{d.delegate.name} ({delegateKindLabels[d.kind]}): {d.rights.map((r) => rightLabels[r]).join(', ')}
						</li>
					))}
				</ul>
				{isSelf || canSeeTrail ? (
					<ul className="mt-4 space-y-2">
						{isSelf ? (
							<li>
								<Link to={`/holders/${holder.id}/helpers`} className={linkClass}>
									Invite someone, or change or stop what they can do
								</Link>
							</li>
						) : null}
						{ownStaff ? (
							<li>
								<Link to={`/funder/holders/${holder.id}/representatives`} className={linkClass}>
									Record a representative for {holder.displayName}, or change one
								</Link>
							</li>
						) : null}
						{canSeeTrail ? (
							<li>
								<Link to={`/holders/${holder.id}/trail`} className={linkClass}>
									{isSelf ? 'Everything done in your name' : `Everything done in ${holder.displayName}’s name`}
								</Link>
							</li>
						) : null}
					</ul>
				) : null}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
