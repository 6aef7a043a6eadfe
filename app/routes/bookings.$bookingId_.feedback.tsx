import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionAnswers, Stars } from '#app/components/reviews/review-ui.tsx'
import { PostForm, RadioFormField, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { shortName } from '#app/domain/reviews/labels.ts'
import { dayTimeText, formatDay } from '#app/utils/dates.ts'
import { getFeedbackPage, writeFeedback } from '#app/domain/reviews/reviews.server.ts'
import { feedbackSchema, REVIEW_BODY, starOptions } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Rate a booking | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const bookingId = params.bookingId ?? ''
	const { page } = await userPage(request, (user, at) => getFeedbackPage(bookingId, user, at))
	const url = new URL(request.url)
	return json({ ...page, written: url.searchParams.has('written') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const bookingId = params.bookingId ?? ''
	return submitPageForm(request, {
		page: (user, at) => getFeedbackPage(bookingId, user, at),
		schema: feedbackSchema,
		change: (feedback, user) => writeFeedback({ bookingId, user, feedback, now: now() }),
		redirectTo: () => `/bookings/${encodeURIComponent(bookingId)}/feedback?written=1`,
	})
}

export default function BookingFeedback() {
	const { booking, state, written } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(feedbackSchema, { id: 'feedback', lastResult: actionData?.result })
	const holder = shortName(booking.holderName)
	const closes = dayTimeText(state.windowClosesAt ?? booking.startsAt)
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/providers/${booking.provider.slug}`}>See your profile</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">How did the booking go?</h1>
			<p className="mt-2 text-lg">
				{booking.serviceTitle} for {booking.holderName} on {formatDay(booking.startsAt)}.
			</p>

			{written && state.feedback ? (
				<Notice>
					<p className="font-semibold">Thank you. What you wrote has been saved.</p>
					<p>
						{state.review
							? `${holder} had already reviewed the session, so you can now read each other’s words.`
							: `${holder} can read it once they have reviewed the session too, or from ${dayTimeText(state.feedback.visibleFrom)}.`}
					</p>
				</Notice>
			) : null}

			{state.feedback ? (
				<Section headingId="your-feedback-heading" title="What you wrote" className="mt-6">
					<p className="mt-2">
						<Stars value={state.feedback.rating} />
					</p>
					<p className="mt-2 whitespace-pre-line">{state.feedback.body}</p>
				</Section>
			) : state.canGiveFeedback ? (
				<div className="mt-6">
					<p>
						Rate the booking experience: were the arrangements clear, was the home safe to work in, were you treated
						with respect? You can write until {closes}. {holder} cannot read it until they have reviewed the session
						too, or until that time. It cannot be changed once it is sent.
					</p>
					<div className="mt-6">
						<PostForm form={form} fields={[fields.rating, fields.body]}>
							<RadioFormField
								field={fields.rating}
								legend="How many stars do you give the booking?"
								options={starOptions}
							/>
							<TextareaFormField
								field={fields.body}
								label="What was the booking like?"
								hint={`From ${REVIEW_BODY.min} to ${REVIEW_BODY.max.toLocaleString('en-GB')} characters.`}
								rows={6}
							/>
							<SubmitButton>Send</SubmitButton>
						</PostForm>
					</div>
				</div>
			) : state.window === 'not-delivered' ? (
				<p className="mt-6">
					You can rate the booking once the session has been confirmed as delivered. You then have 14 days.
				</p>
			) : (
				<p className="mt-6">The time to rate this booking ended on {closes}.</p>
			)}

			<Section headingId="review-heading" title={<>{holder}’s review</>} className="mt-8">
				{state.review ? (
					state.review.status === 'REMOVED' ? (
						<p className="mt-2 italic">This review was removed by a moderator: {state.review.removedReason}</p>
					) : (
						<>
							<p className="mt-2">
								Overall: <Stars value={state.review.rating} />
							</p>
							<QuestionAnswers review={state.review} />
							<p className="mt-3 whitespace-pre-line">{state.review.body}</p>
							{state.review.providerReply ? (
								<p className="mt-2 bg-gray-50 p-2">
									<span className="font-semibold">Your reply:</span> {state.review.providerReply}
								</p>
							) : (
								<LinkLine to={`/reviews/${state.review.id}/reply`} className="mt-2">
									Reply publicly to this review
								</LinkLine>
							)}
						</>
					)
				) : state.reviewWritten ? (
					<p className="mt-2">
						{holder} has reviewed the session. You can read the review once you have written about the booking, or from{' '}
						{closes}.
					</p>
				) : (
					<p className="mt-2">{holder} has not reviewed the session.</p>
				)}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
