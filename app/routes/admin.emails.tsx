import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { EmailHeading } from '#app/components/emails.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { ErrorLine, Notice } from '#app/components/ui/notice.tsx'
import { RetryEmailSchema } from '#app/domain/notifications/email-rules.ts'
import { emailProblems, isEmailSendingEnabled, retryEmail } from '#app/domain/notifications/email-sender.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Emails not sent | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['ADMIN'])
	const { failed, retrying, waiting } = await emailProblems()
	const shown = (e: (typeof failed)[number]) => ({
		id: e.id,
		to: e.to,
		subject: e.subject,
		attempts: e.attempts,
		lastError: e.lastError,
		written: dayTimeText(e.createdAt),
		nextTry: dayTimeText(e.nextAttemptAt),
		failed: e.failedAt ? dayTimeText(e.failedAt) : null,
	})
	return json({ sending: isEmailSendingEnabled(), waiting, failed: failed.map(shown), retrying: retrying.map(shown) })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	await requireRole(request, ['ADMIN'])
	const parsed = parseSubmission(formData, RetryEmailSchema)
	if (!parsed.ok) return json({ emailId: null, error: 'Choose an email to try again.' }, { status: 400 })
	const { emailId } = parsed.value
	const outcome = await attempt(() => retryEmail(emailId))
	if (!outcome.ok) return json({ emailId, error: outcome.error.message }, { status: outcome.error.status })
	return redirect(`/admin/emails?${new URLSearchParams({ retried: emailId })}`)
}

type Shown = ReturnType<typeof useLoaderData<typeof loader>>['failed'][number]

function EmailList({
	emails,
	label,
	kind,
	error,
	busy,
}: {
	emails: Shown[]
	label: string
	kind: 'failed' | 'retrying'
	error: { emailId: string | null; error: string } | undefined
	busy: boolean
}) {
	return (
		<ul aria-label={label} className="mt-2 space-y-3">
			{emails.map((e) => (
				<li key={e.id} className="rounded border border-gray-300 p-3">
					<EmailHeading to={e.to} subject={e.subject} />
					<p>
						<span className="font-semibold">What went wrong:</span> {e.lastError ?? 'Not known'}
					</p>
					<p className="text-sm text-gray-700">
						Written {e.written}. Tried {e.attempts} {e.attempts === 1 ? 'time' : 'times'}.{' '}
						{kind === 'failed' ? `Given up ${e.failed ?? ''}.` : `Next try ${e.nextTry}.`}
					</p>
					{error?.emailId === e.id ? <ErrorLine className="mt-2">{error.error}</ErrorLine> : null}
					<PostButton intent="retry" hidden={{ emailId: e.id }} disabled={busy} className="mt-2">
						{kind === 'failed' ? 'Try again' : 'Try now'}
						<span className="sr-only">: email to {e.to}</span>
					</PostButton>
				</li>
			))}
		</ul>
	)
}

export default function AdminEmails() {
	const { sending, waiting, failed, retrying } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const [params] = useSearchParams()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Emails not sent</h1>
			{params.get('retried') ? (
				<Notice>
					<p>The email will be sent again within a minute.</p>
				</Notice>
			) : null}
			{actionData && actionData.emailId === null ? <ErrorLine className="mt-2">{actionData.error}</ErrorLine> : null}
			<p className="mt-2">
				{sending
					? `Emails are sent through the mail server. ${waiting} ${waiting === 1 ? 'email is' : 'emails are'} waiting to be sent. When sending fails, we try again later, waiting longer each time. After several tries we give up, and the email is listed here.`
					: 'No mail server is set up on this service (SMTP_URL), so emails are not sent. They wait in the outbox.'}
			</p>

			<Section headingId="failed-heading" title={<>Could not be sent ({failed.length})</>} className="mt-6">
				{failed.length === 0 ? (
					<p className="mt-2">No email has failed.</p>
				) : (
					<EmailList
						emails={failed}
						label="Emails that could not be sent"
						kind="failed"
						error={actionData}
						busy={busy}
					/>
				)}
			</Section>

			<Section headingId="retrying-heading" title={<>Waiting to be tried again ({retrying.length})</>} className="mt-8">
				{retrying.length === 0 ? (
					<p className="mt-2">No email is waiting to be tried again.</p>
				) : (
					<EmailList
						emails={retrying}
						label="Emails waiting to be tried again"
						kind="retrying"
						error={actionData}
						busy={busy}
					/>
				)}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
