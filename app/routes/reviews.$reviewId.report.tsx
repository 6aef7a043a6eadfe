import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { BackToProfile, ReviewSection, Stars } from '#app/components/reviews/review-ui.tsx'
import { PostForm, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { getReportPage, reportReview } from '#app/domain/reviews/public.server.ts'
import { REPORT_REASON, reportSchema } from '#app/domain/reviews/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { submitPageForm, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Report a review | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	const { page } = await userPage(request, (user, at) => getReportPage(reviewId, user, at))
	return json({ ...page, sent: new URL(request.url).searchParams.has('sent') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const reviewId = params.reviewId ?? ''
	return submitPageForm(request, {
		page: (user, at) => getReportPage(reviewId, user, at),
		schema: reportSchema,
		change: ({ reason }, user) => reportReview({ reviewId, user, reason, now: now() }),
		redirectTo: () => `/reviews/${encodeURIComponent(reviewId)}/report?sent=1`,
	})
}

export default function ReportReview() {
	const { review, alreadyReported, sent } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(reportSchema, { id: 'report', lastResult: actionData?.result })
	return (
		<div className="max-w-3xl">
			<BackToProfile provider={review.provider} />
			<h1 className="mt-2 text-3xl font-bold">Report a review</h1>
			{sent ? (
				<Notice>
					<p className="font-semibold">Thank you. Your report has been sent to the moderators.</p>
					<p>
						They will decide whether to keep the review or remove it. If they remove it, the profile says so, and why.
					</p>
				</Notice>
			) : null}
			<ReviewSection review={review}>
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
			</ReviewSection>
			{review.status === 'REMOVED' ? (
				<p className="mt-6">A moderator has already removed this review.</p>
			) : alreadyReported ? (
				sent ? null : (
					<p className="mt-6">You have reported this review. The moderators will look at it.</p>
				)
			) : (
				<div className="mt-6">
					<p>
						Tell us about a review that breaks the rules. For example, it is rude, it gives away someone’s private
						details, or it is about something else. Or the person who booked did not write it. Moderators at the council
						or at Budget Market read every report.
					</p>
					<div className="mt-6">
						<PostForm form={form} fields={[fields.reason]}>
							<TextareaFormField
								field={fields.reason}
								label="What is wrong with this review?"
								hint={`From ${REPORT_REASON.min} to ${REPORT_REASON.max.toLocaleString('en-GB')} characters. Only the moderators see this.`}
								rows={4}
							/>
							<SubmitButton>Send the report</SubmitButton>
						</PostForm>
					</div>
				</div>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
