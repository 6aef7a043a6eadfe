import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { BackToProfile, ReviewContent } from '#app/components/reviews/review-ui.tsx'
import { PostForm, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { formatDay } from '#app/utils/dates.ts'
import { getReplyPage, replyToReview } from '#app/domain/reviews/public.server.ts'
import { REPLY_BODY, replySchema } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reply to a review | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	const { page } = await userPage(request, (user, at) => getReplyPage(reviewId, user, at))
	return json(page)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	return submitPageForm(request, {
		page: (user, at) => getReplyPage(reviewId, user, at),
		schema: replySchema,
		change: ({ reply }, user) => replyToReview({ reviewId, user, reply, now: now() }),
		redirectTo: ({ slug }) => `/providers/${slug}#review-${reviewId}`,
	})
}

export default function ReplyToReview() {
	const { review, canReply } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(replySchema, { id: 'reply', lastResult: actionData?.result })
	return (
		<div className="max-w-3xl">
			<BackToProfile provider={review.provider} />
			<h1 className="mt-2 text-3xl font-bold">Reply to a review</h1>
			<Section
				headingId="review-heading"
				title={
					<>
						From {review.author}, {formatDay(review.createdAt)}
					</>
				}
				className="mt-4 border-l-4 border-gray-300 pl-4"
				headingClassName="text-xl font-bold"
			>
				<ReviewContent review={review} />
			</Section>
			{review.providerReply ? (
				<Section headingId="reply-heading" title="Your reply" className="mt-6" headingClassName="text-xl font-bold">
					<p className="mt-2 whitespace-pre-line">{review.providerReply}</p>
					<p className="mt-2">You can reply to a review once. A reply cannot be changed.</p>
				</Section>
			) : canReply ? (
				<div className="mt-6">
					<p>
						Your reply is shown publicly under the review, for everyone to read. You can reply once, and a reply cannot
						be changed or taken back, so keep it calm and polite. You cannot change or hide the review itself; if it
						breaks the rules, report it.
					</p>
					<div className="mt-6">
						<PostForm form={form} fields={[fields.reply]}>
							<TextareaFormField
								field={fields.reply}
								label="Your public reply"
								hint={`From ${REPLY_BODY.min} to ${REPLY_BODY.max.toLocaleString('en-GB')} characters.`}
								rows={6}
							/>
							<SubmitButton>Publish the reply</SubmitButton>
						</PostForm>
					</div>
				</div>
			) : (
				<p className="mt-6">This review cannot be replied to.</p>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
