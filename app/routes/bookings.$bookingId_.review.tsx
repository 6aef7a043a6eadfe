import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ReviewForm, Stars, WrittenReview } from '#app/components/reviews/review-ui.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { dayTimeText, formatDay } from '#app/utils/dates.ts'
import { getReviewPage, writeReview } from '#app/domain/reviews/reviews.server.ts'
import { reviewSchema } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Review ${data.booking.provider.name} | Budget Market` : 'Review a session | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const bookingId = params.bookingId ?? ''
	const { page } = await userPage(request, (user, at) => getReviewPage(bookingId, user, at))
	const url = new URL(request.url)
	return json({ ...page, written: url.searchParams.has('written') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const bookingId = params.bookingId ?? ''
	return submitPageForm(request, {
		page: (user, at) => getReviewPage(bookingId, user, at),
		schema: reviewSchema,
		change: (review, user) => writeReview({ bookingId, user, review, now: now() }),
		redirectTo: () => `/bookings/${encodeURIComponent(bookingId)}/review?written=1`,
	})
}

export default function ReviewBooking() {
	const { booking, state, written } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const session = `${booking.serviceTitle} with ${booking.provider.name} on ${formatDay(booking.startsAt)}`
	const review = state.review
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/providers/${booking.provider.slug}`}>See {booking.provider.name}’s profile</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Review {booking.provider.name}</h1>
			<p className="mt-2 text-lg">
				{session}, for {booking.holderName}.
			</p>

			{written && review ? (
				<Notice>
					<p className="font-semibold">Thank you. Your review has been saved.</p>
					<p>
						{review.isPublic
							? `${booking.provider.name} had already written about the booking, so your review is now on their profile and you can read what they wrote below.`
							: `It will be on ${booking.provider.name}’s profile once they have written about the booking too, or from ${dayTimeText(review.visibleFrom)}, whichever is sooner. Until then they cannot read it.`}
					</p>
				</Notice>
			) : null}

			{review ? (
				<WrittenReview
					review={review}
					providerName={booking.provider.name}
					whereShown={
						review.isPublic
							? 'This review is on the provider’s profile.'
							: `Shown on the profile from ${dayTimeText(review.visibleFrom)}, or sooner if ${booking.provider.name} writes about the booking.`
					}
				/>
			) : state.canReview ? (
				<div className="mt-6">
					<p>
						You can review this session until {dayTimeText(state.windowClosesAt ?? booking.startsAt)}.{' '}
						{booking.provider.name} cannot read your review until they have written about the booking too, or until that
						time. A review cannot be changed once it is sent.
					</p>
					<ReviewForm lastResult={actionData?.result} />
				</div>
			) : state.window === 'not-delivered' ? (
				<p className="mt-6">
					You can review this session once it has happened and been confirmed as delivered. You then have 14 days to
					write the review.
				</p>
			) : (
				<p className="mt-6">
					The time to review this session ended on {dayTimeText(state.windowClosesAt ?? booking.startsAt)}. Reviews can
					be written for 14 days after a session is confirmed.
				</p>
			)}

			<Section
				headingId="feedback-heading"
				title={<>What {booking.provider.name} wrote about the booking</>}
				className="mt-8"
			>
				{state.feedback ? (
					<>
						<p className="mt-2">
							<Stars value={state.feedback.rating} />
						</p>
						<p className="mt-2 whitespace-pre-line">{state.feedback.body}</p>
					</>
				) : state.feedbackWritten ? (
					<p className="mt-2">
						{booking.provider.name} has written about the booking. You can read it once you have written your review, or
						from {dayTimeText(state.windowClosesAt ?? booking.startsAt)}.
					</p>
				) : (
					<p className="mt-2">{booking.provider.name} has not written about the booking.</p>
				)}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
