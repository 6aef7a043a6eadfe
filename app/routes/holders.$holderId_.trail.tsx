import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { TRAIL_PAGE_SIZE, trailRows } from '#app/domain/people/trail.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Done in ${data.holder.displayName}’s name | Budget Market` : 'Trail | Budget Market' },
]

const QuerySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const { page } = QuerySchema.parse({ page: new URL(request.url).searchParams.get('page') ?? undefined })
	const trail = await orErrorPage(() => trailRows(user, params.holderId ?? '', { page }))
	return json({ ...trail, page, pageCount: Math.max(1, Math.ceil(trail.total / TRAIL_PAGE_SIZE)) })
}

export default function TrailPage() {
	const { holder, rows, page, pageCount } = useLoaderData<typeof loader>()
	const [search] = useSearchParams()
	const whose = holder.isSelf ? 'your' : `${holder.displayName}’s`
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/holders/${holder.id}`}>Back to {whose} budget and plan</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">
				{holder.isSelf ? 'Everything done in your name' : `Everything done in ${holder.displayName}’s name`}
			</h1>
			<p className="mt-2">
				Who did what, and when: bookings, cancellations, confirmed sessions, payments, pledges, and who was given or
				lost the right to act for {holder.isSelf ? 'you' : holder.displayName}. Newest first.
			</p>
			<p className="mt-2">
				<a href={`/holders/${holder.id}/trail.csv`} className={linkClass} download>
					Download the whole trail (CSV spreadsheet)
				</a>
				{holder.isSelf ? (
					<>
						{' · '}
						<Link to={`/holders/${holder.id}/helpers`} className={linkClass}>
							Choose who acts for you
						</Link>
					</>
				) : null}
			</p>
			{rows.length === 0 ? <p className="mt-6">Nothing yet.</p> : null}
			<ol className="mt-6 space-y-3">
				{rows.map((r) => (
					<li key={r.id} className="border-b border-gray-300 pb-3">
						<p className="text-gray-700">{dayTimeText(r.at)}</p>
						<p className="break-words">
							{r.sentence}.{r.right ? <span className="text-gray-700"> (Right used: {r.right}.)</span> : null}
						</p>
					</li>
				))}
			</ol>
			<Pagination page={page} pageCount={pageCount} search={search} label="Pages of the trail" />
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
