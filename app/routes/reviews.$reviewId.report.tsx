import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { BackToProfile, Stars } from '#app/components/reviews/review-ui.tsx'
import { Button, CsrfInput, ErrorSummary, TextareaField } from '#app/components/ui/forms.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { formatDay } from '#app/utils/dates.ts'
import { getReportPage, reportReview } from '#app/domain/reviews/public.server.ts'
import { REPORT_REASON, reportSchema } from '#app/domain/reviews/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { attempt, orErrorPage, replyWithError } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Report a review | Budget Market' }]

async function pageFor(request: Request, reviewId: string) {
	const user = await requireUser(request)
	return { user, page: await orErrorPage(() => getReportPage(reviewId, user, now())) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await pageFor(request, params.reviewId ?? '')
	return json({ ...page, sent: new URL(request.url).searchParams.has('sent') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const reviewId = params.reviewId ?? ''
	const { user } = await pageFor(request, reviewId)
	const submission = parseWithZod(formData, { schema: reportSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	const outcome = await attempt(() => reportReview({ reviewId, user, reason: submission.value.reason, now: now() }))
	if (!outcome.ok) return json({ result: replyWithError(submission, outcome.error) }, { status: outcome.error.status })
	return redirect(`/reviews/${encodeURIComponent(reviewId)}/report?sent=1`)
}

export default function ReportReview() {
	const { review, alreadyReported, sent } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'report',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
	})
	return (
		<div className="max-w-3xl">
			<BackToProfile provider={review.provider} />
			<h1 className="mt-2 text-3xl font-bold">Report a review</h1>
			{sent ? (
				<Notice>
					<p className="font-semibold">Thank you. Your report has been sent to the moderators.</p>
					<p>
						They will decide whether to keep the review or remove it. A removed review is never hidden silently: the profile says that it
						was removed, and why.
					</p>
				</Notice>
			) : null}
			<section aria-labelledby="review-heading" className="mt-4 border-l-4 border-gray-300 pl-4">
				<h2 id="review-heading" className="text-xl font-bold">
					Review of {review.provider.name} from {review.author}, {formatDay(review.createdAt)}
				</h2>
				{review.status === 'REMOVED' ? (
					<p className="mt-2 italic">This review was removed by a moderator: {review.removedReason}</p>
				) : (
					<>
						<p className="mt-2">
							<Stars value={review.rating} />
						</p>
						<p className="mt-2 whitespace-pre-line">{review.body}</p>
					</>
				)}
			</section>
			{review.status === 'REMOVED' ? (
				<p className="mt-6">A moderator has already removed this review.</p>
			) : alreadyReported ? (
				sent ? null : <p className="mt-6">You have reported this review. The moderators will look at it.</p>
			) : (
				<div className="mt-6">
					<p>
						Report a review that breaks the rules: for example it is abusive, shares someone’s private details, is about something else,
						or was not written by the person who booked. Moderators at the council or at Budget Market read every report.
					</p>
					<div className="mt-6">
						<ErrorSummary formErrors={form.errors} fieldErrors={{ reason: fields.reason.errors }} fieldIds={{ reason: fields.reason.id }} />
						<Form method="post" {...getFormProps(form)}>
							<CsrfInput />
							<TextareaField
								label="What is wrong with this review?"
								hint={`From ${REPORT_REASON.min} to ${REPORT_REASON.max.toLocaleString('en-GB')} characters. Only the moderators see this.`}
								errors={fields.reason.errors}
								textareaProps={{ ...getTextareaProps(fields.reason), id: fields.reason.id, rows: 4 }}
							/>
							<Button type="submit" disabled={navigation.state === 'submitting'}>
								Send the report
							</Button>
						</Form>
					</div>
				</div>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
