import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ReviewHeading, Stars } from '#app/components/reviews/review-ui.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { dayTimeText, formatDay } from '#app/utils/dates.ts'
import { listOpenReports } from '#app/domain/reviews/moderation.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reported reviews | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const { scope, items } = await orErrorPage(() => listOpenReports(user, now()))
	const url = new URL(request.url)
	const decided = url.searchParams.get('decided')
	return json({
		allFunders: scope.kind === 'all',
		items,
		decided: decided === 'KEEP' || decided === 'REMOVE' ? decided : null,
	})
}

export default function ModerateReviews() {
	const { allFunders, items, decided } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Reported reviews</h1>
			{decided ? (
				<Notice>
					<p>
						{decided === 'REMOVE'
							? 'The review was removed. Its profile now says so, with your reason.'
							: 'The review was kept and its reports closed.'}
					</p>
				</Notice>
			) : null}
			<p className="mt-2">
				{allFunders
					? 'Reviews that people have reported, from every funder.'
					: 'Reviews that people have reported, written for people who hold a budget from your council.'}{' '}
				Keep a review that follows the rules, or remove it with a reason. When you remove a review, the profile says so
				and shows your reason. So write the reason for everyone to read.
			</p>
			{items.length === 0 ? <p className="mt-6 font-semibold">There are no open reports.</p> : null}
			<ul className="mt-6 space-y-6" aria-label="Reported reviews">
				{items.map((item) => (
					<li key={item.id} className="rounded border-2 border-gray-300 p-4">
						<h2 className="text-xl font-bold">
							<ReviewHeading review={item} />
						</h2>
						<p className="text-gray-700">{item.funderName}</p>
						<p className="mt-2">
							<Stars value={item.rating} />
						</p>
						<p className="mt-1 whitespace-pre-line">{item.body}</p>
						<h3 className="mt-3 font-bold">
							{item.reports.length} open {item.reports.length === 1 ? 'report' : 'reports'}
						</h3>
						<ul className="mt-1 list-disc space-y-1 pl-6">
							{item.reports.map((r) => (
								<li key={r.id}>
									“{r.reason}” ({r.reporter}, {dayTimeText(r.createdAt)})
								</li>
							))}
						</ul>
						<LinkLine to={`/moderation/reviews/${item.id}`} className="mt-3">
							Keep or remove the review of {item.provider.name} from {item.author}, {formatDay(item.createdAt)}
						</LinkLine>
					</li>
				))}
			</ul>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
