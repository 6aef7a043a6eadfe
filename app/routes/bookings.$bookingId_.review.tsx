import { getFormProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionAnswers, Stars } from '#app/components/reviews/review-ui.tsx'
import { Button, CsrfInput, FormErrorSummary, RadioFormField, TextareaFormField } from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { dayTimeText, formatDay } from '#app/utils/dates.ts'
import { getReviewPage, writeReview } from '#app/domain/reviews/reviews.server.ts'
import { questionLabels } from '#app/domain/reviews/rules.ts'
import { answerOptions, REVIEW_BODY, reviewSchema, starOptions } from '#app/domain/reviews/schemas.ts'
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
	const navigation = useNavigation()
	const [form, fields] = useConformForm(reviewSchema, { id: 'review', lastResult: actionData?.result })
	const session = `${booking.serviceTitle} with ${booking.provider.name} on ${formatDay(booking.startsAt)}`
	const review = state.review
	return (
		<div className="max-w-3xl">
			<p>
				<Link to={`/providers/${booking.provider.slug}`} className={linkClass}>
					See {booking.provider.name}’s profile
				</Link>
			</p>
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
				<section aria-labelledby="your-review-heading" className="mt-6">
					<h2 id="your-review-heading" className="text-2xl font-bold">
						The review
					</h2>
					{review.status === 'REMOVED' ? (
						<p className="mt-2 italic">This review was removed by a moderator: {review.removedReason}</p>
					) : (
						<>
							<p className="mt-2">
								Overall: <Stars value={review.rating} />
							</p>
							<QuestionAnswers review={review} />
							<p className="mt-3 whitespace-pre-line">{review.body}</p>
							<p className="mt-2 text-gray-700">
								{review.isPublic
									? 'This review is on the provider’s profile.'
									: `Shown on the profile from ${dayTimeText(review.visibleFrom)}, or sooner if ${booking.provider.name} writes about the booking.`}
							</p>
							{review.providerReply ? (
								<p className="mt-2 bg-gray-50 p-2">
									<span className="font-semibold">Reply from {booking.provider.name}:</span> {review.providerReply}
								</p>
							) : null}
						</>
					)}
				</section>
			) : state.canReview ? (
				<div className="mt-6">
					<p>
						You can review this session until {dayTimeText(state.windowClosesAt ?? booking.startsAt)}.{' '}
						{booking.provider.name} cannot read your review until they have written about the booking too, or until that
						time. A review cannot be changed once it is sent.
					</p>
					<div className="mt-6">
						<FormErrorSummary
							form={form}
							fields={[fields.rating, fields.reliable, fields.respectful, fields.didWhatAgreed, fields.body]}
						/>
						<Form method="post" {...getFormProps(form)}>
							<CsrfInput />
							<RadioFormField
								field={fields.rating}
								legend="Overall, how many stars do you give?"
								options={starOptions}
							/>
							{(['reliable', 'respectful', 'didWhatAgreed'] as const).map((q) => (
								<RadioFormField key={q} field={fields[q]} legend={questionLabels[q]} options={answerOptions} />
							))}
							<TextareaFormField
								field={fields.body}
								label="Your review"
								hint={`What was good, and what could be better? From ${REVIEW_BODY.min} to ${REVIEW_BODY.max.toLocaleString('en-GB')} characters. Your first name and the first letter of your last name are shown with it.`}
								rows={6}
							/>
							<Button type="submit" disabled={navigation.state === 'submitting'}>
								Send the review
							</Button>
						</Form>
					</div>
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

			<section aria-labelledby="feedback-heading" className="mt-8">
				<h2 id="feedback-heading" className="text-2xl font-bold">
					What {booking.provider.name} wrote about the booking
				</h2>
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
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
