import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ReviewForm, WrittenReview } from '#app/components/reviews/review-ui.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { getGroupReviewPage, writeGroupReview } from '#app/domain/reviews/group-reviews.server.ts'
import { reviewSchema } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{
		title: data ? `Review ${data.activity.provider.name} | Budget Market` : 'Review a group activity | Budget Market',
	},
]

function ids(params: LoaderFunctionArgs['params']) {
	return { commissionId: params.commissionId ?? '', holderId: params.holderId ?? '' }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { commissionId, holderId } = ids(params)
	const { page } = await userPage(request, (user, at) => getGroupReviewPage(commissionId, holderId, user, at))
	return json({ ...page, written: new URL(request.url).searchParams.has('written') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { commissionId, holderId } = ids(params)
	return submitPageForm(request, {
		page: (user, at) => getGroupReviewPage(commissionId, holderId, user, at),
		schema: reviewSchema,
		change: (review, user) => writeGroupReview({ commissionId, holderId, user, review, now: now() }),
		redirectTo: () =>
			`/commissions/${encodeURIComponent(commissionId)}/review/${encodeURIComponent(holderId)}?written=1`,
	})
}

export default function ReviewGroupActivity() {
	const { activity, holderName, review, canReview, window, windowClosesAt, written } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const provider = activity.provider
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/commissions/${activity.id}`}>Back to {activity.title}</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Review {provider.name}</h1>
			<p className="mt-2 text-lg">
				The group activity “{activity.title}”, for {holderName}.
			</p>

			{written && review ? (
				<Notice>
					<p className="font-semibold">Thank you. Your review is on {provider.name}’s profile now.</p>
				</Notice>
			) : null}

			{review ? (
				<WrittenReview
					review={review}
					providerName={provider.name}
					whereShown={
						<Link to={`/providers/${provider.slug}#review-${review.id}`} className={linkClass}>
							See it on {provider.name}’s profile
						</Link>
					}
				/>
			) : canReview ? (
				<div className="mt-6">
					<p>
						Tell other people how the activity went. Your review goes on {provider.name}’s profile as soon as you send
						it, and counts in their rating.{' '}
						{windowClosesAt ? `You can write it until ${dayTimeText(windowClosesAt)}. ` : ''}A review cannot be changed
						once it is sent.
					</p>
					<ReviewForm lastResult={actionData?.result} />
				</div>
			) : window === 'not-delivered' ? (
				<p className="mt-6">
					You can review this group activity once its first session has happened and been confirmed as delivered.
				</p>
			) : (
				<p className="mt-6">
					The time to review this group activity ended
					{windowClosesAt ? ` on ${dayTimeText(windowClosesAt)}` : ''}. Reviews can be written until 14 days after its
					last session.
				</p>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
