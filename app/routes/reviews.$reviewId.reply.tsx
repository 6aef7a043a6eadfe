import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { BackToProfile, QuestionAnswers, Stars } from '#app/components/reviews/review-ui.tsx'
import { Button, CsrfInput, ErrorSummary, TextareaField } from '#app/components/ui/forms.tsx'
import { formatDay } from '#app/utils/dates.ts'
import { getReplyPage, replyToReview } from '#app/domain/reviews/public.server.ts'
import { REPLY_BODY, replySchema } from '#app/domain/reviews/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { attempt, orErrorPage, replyWithError } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reply to a review | Budget Market' }]

async function pageFor(request: Request, reviewId: string) {
	const user = await requireUser(request)
	return { user, page: await orErrorPage(() => getReplyPage(reviewId, user, now())) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await pageFor(request, params.reviewId ?? '')
	return json(page)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const reviewId = params.reviewId ?? ''
	const { user } = await pageFor(request, reviewId)
	const submission = parseWithZod(formData, { schema: replySchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	const outcome = await attempt(() => replyToReview({ reviewId, user, reply: submission.value.reply, now: now() }))
	if (!outcome.ok) return json({ result: replyWithError(submission, outcome.error) }, { status: outcome.error.status })
	return redirect(`/providers/${outcome.value.slug}#review-${reviewId}`)
}

export default function ReplyToReview() {
	const { review, canReply } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'reply',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
	})
	return (
		<div className="max-w-3xl">
			<BackToProfile provider={review.provider} />
			<h1 className="mt-2 text-3xl font-bold">Reply to a review</h1>
			<section aria-labelledby="review-heading" className="mt-4 border-l-4 border-gray-300 pl-4">
				<h2 id="review-heading" className="text-xl font-bold">
					From {review.author}, {formatDay(review.createdAt)}
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
					</>
				)}
			</section>
			{review.providerReply ? (
				<section aria-labelledby="reply-heading" className="mt-6">
					<h2 id="reply-heading" className="text-xl font-bold">
						Your reply
					</h2>
					<p className="mt-2 whitespace-pre-line">{review.providerReply}</p>
					<p className="mt-2">You can reply to a review once. A reply cannot be changed.</p>
				</section>
			) : canReply ? (
				<div className="mt-6">
					<p>
						Your reply is shown publicly under the review, for everyone to read. You can reply once, and a reply cannot be changed or
						taken back, so keep it calm and polite. You cannot change or hide the review itself; if it breaks the rules, report it.
					</p>
					<div className="mt-6">
						<ErrorSummary formErrors={form.errors} fieldErrors={{ reply: fields.reply.errors }} fieldIds={{ reply: fields.reply.id }} />
						<Form method="post" {...getFormProps(form)}>
							<CsrfInput />
							<TextareaField
								label="Your public reply"
								hint={`From ${REPLY_BODY.min} to ${REPLY_BODY.max.toLocaleString('en-GB')} characters.`}
								errors={fields.reply.errors}
								textareaProps={{ ...getTextareaProps(fields.reply), id: fields.reply.id, rows: 6 }}
							/>
							<Button type="submit" disabled={navigation.state === 'submitting'}>
								Publish the reply
							</Button>
						</Form>
					</div>
				</div>
			) : (
				<p className="mt-6">This review cannot be replied to.</p>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
