import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionAnswers, ReviewSection, Stars } from '#app/components/reviews/review-ui.tsx'
import { PostForm, RadioFormField, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { decideOnReview, getModerationReview } from '#app/domain/reviews/moderation.server.ts'
import { MODERATION_REASON, moderationSchema } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Decide on a reported review | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	const { page } = await userPage(request, (user, at) => getModerationReview(reviewId, user, at))
	return json(page)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	return submitPageForm(request, {
		page: (user, at) => getModerationReview(reviewId, user, at),
		schema: moderationSchema,
		change: (decision, user) => decideOnReview({ reviewId, user, decision, now: now() }),
		redirectTo: ({ decision }) => `/moderation/reviews?decided=${decision}`,
	})
}

export default function DecideOnReview() {
	const { review, openReports, closedReports, canDecide } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(moderationSchema, { id: 'moderate', lastResult: actionData?.result })
	return (
		<div className="max-w-3xl">
			<LinkLine to="/moderation/reviews">Back to reported reviews</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Decide on a reported review</h1>
			<ReviewSection review={review}>
				<p className="text-gray-700">
					{review.funderName}.{' '}
					<Link to={`/providers/${review.provider.slug}#review-${review.id}`} className={linkClass}>
						See it on {review.provider.name}’s profile
					</Link>
				</p>
				<p className="mt-2">
					Overall: <Stars value={review.rating} />
				</p>
				<QuestionAnswers review={review} />
				<p className="mt-3 whitespace-pre-line">{review.body}</p>
				{review.providerReply ? (
					<p className="mt-2 bg-gray-50 p-2">
						<span className="font-semibold">Reply from {review.provider.name}:</span> {review.providerReply}
					</p>
				) : null}
				{review.status === 'REMOVED' ? (
					<p className="mt-2 font-semibold">
						Removed{review.removedBy ? ` by ${review.removedBy}` : ''}
						{review.removedAt ? ` on ${dayTimeText(review.removedAt)}` : ''}: {review.removedReason}
					</p>
				) : null}
			</ReviewSection>

			<Section headingId="reports-heading" title="Open reports" className="mt-6" headingClassName="text-xl font-bold">
				{openReports.length === 0 ? <p className="mt-2">None.</p> : null}
				<ul className="mt-2 list-disc space-y-1 pl-6">
					{openReports.map((r) => (
						<li key={r.id}>
							“{r.reason}” ({r.reporter}, {dayTimeText(r.createdAt)})
						</li>
					))}
				</ul>
				{closedReports.length > 0 ? (
					<>
						<h3 className="mt-4 font-bold">Earlier reports</h3>
						<ul className="mt-1 list-disc space-y-1 pl-6">
							{closedReports.map((r) => (
								<li key={r.id}>
									“{r.reason}”: {r.outcome}
									{r.resolvedAt ? ` (${dayTimeText(r.resolvedAt)})` : ''}
								</li>
							))}
						</ul>
					</>
				) : null}
			</Section>

			{canDecide ? (
				<div className="mt-6">
					<PostForm form={form} fields={[fields.decision, fields.reason]}>
						<RadioFormField
							field={fields.decision}
							legend="What do you decide?"
							options={[
								{ value: 'KEEP', label: 'Keep the review and close the reports' },
								{ value: 'REMOVE', label: 'Remove the review' },
							]}
						/>
						<TextareaFormField
							field={fields.reason}
							label="Your reason"
							hint={`From ${MODERATION_REASON.min} to ${MODERATION_REASON.max} characters. If you remove the review, everyone sees this in its place: “This review was removed by a moderator: …”. We also tell the person who wrote it.`}
							rows={3}
						/>
						<SubmitButton>Save the decision</SubmitButton>
					</PostForm>
				</div>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
