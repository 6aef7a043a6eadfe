import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { getAdminHome } from '#app/domain/people/home.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Admin | Budget Market' }]

/** The admin's home (issue 12): every admin place, each with what waits there. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['ADMIN'])
	return json(await getAdminHome())
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export default function AdminHome() {
	const d = useLoaderData<typeof loader>()
	const places = [
		{
			to: '/admin/funders',
			label: 'Funders and schemes',
			about: `${plural(d.funders, 'funder', 'funders')}. Add a council or scheme, or change its fee.`,
		},
		{
			to: '/admin/payouts',
			label: 'Payouts to providers',
			about: [
				d.payoutsWaiting === 0
					? 'No payout is waiting.'
					: `${plural(d.payoutsWaiting, 'payout is', 'payouts are')} waiting.`,
				d.payoutsFailed === 0
					? ''
					: `${plural(d.payoutsFailed, 'payout', 'payouts')} failed: try again or mark as paid.`,
			]
				.filter(Boolean)
				.join(' '),
		},
		{
			to: '/admin/emails',
			label: 'Emails not sent',
			about:
				d.emailsFailed === 0
					? 'Every email has gone.'
					: `${plural(d.emailsFailed, 'email', 'emails')} could not be sent.`,
		},
		{
			to: '/moderation/reviews',
			label: 'Reported reviews',
			about:
				d.reportsOpen === 0
					? 'No review waits for a decision.'
					: `${plural(d.reportsOpen, 'report waits', 'reports wait')} for a decision.`,
		},
	]
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Admin</h1>
			<p className="mt-2">
				{plural(d.people, 'person', 'people')} use Budget Market: {plural(d.holders, 'budget holder', 'budget holders')}{' '}
				and {plural(d.providers, 'provider', 'providers')}.
			</p>
			<ul aria-label="Admin places" className="mt-6 space-y-4">
				{places.map((p) => (
					<li key={p.to}>
						<Link to={p.to} className={`${linkClass} text-lg font-semibold`}>
							{p.label}
						</Link>
						<p>{p.about}</p>
					</li>
				))}
			</ul>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
