import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmailHeading } from '#app/components/emails.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { clockText, dayText } from '#app/utils/dates.ts'
import { isEmailSendingEnabled } from '#app/domain/notifications/email-sender.server.ts'
import { recentEmails } from '#app/domain/notifications/notify.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { devPagesEnabled, publicOrigin } from '#app/utils/env.server.ts'
import { readSignUpEmail } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Emails that would be sent | Budget Market' }]

/**
 * The embedded default has no mailer: the emails the app would send wait in the outbox, and this page shows them.
 * Only in demo mode, never in production on a real database, and only to signed-in people. With SMTP_URL set, the
 * sender (app/domain/notifications/email-sender.server.ts) sends them, and this page shows what was sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	if (!devPagesEnabled()) throw new Response('Not found', { status: 404 })
	// Each person sees the emails sent to them; admins see the whole outbox. Someone who has just signed up, and
	// cannot sign in until they open the link, sees the emails to the address this browser typed (a signed cookie).
	const signingUp = await readSignUpEmail(request)
	const user = signingUp ? await getUser(request) : await requireUser(request)
	const to = user ? (user.roles.includes('ADMIN') ? undefined : user.email) : signingUp
	const emails = await recentEmails(100, to ?? undefined)
	return json({
		origin: publicOrigin(),
		sending: isEmailSendingEnabled(),
		emails: emails.map((e) => ({ ...e, at: `${dayText(e.createdAt)} at ${clockText(e.createdAt)}` })),
	})
}

export default function DevEmails() {
	const { emails, sending, origin } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Emails that would be sent</h1>
			<p className="mt-2">
				{sending
					? `Emails are sent through the mail server. Here are the newest ${emails.length}.`
					: `This demonstration has no mail server, so emails wait in the outbox. Here are the newest ${emails.length}. A real service sends them with a mailer.`}
			</p>
			<ul aria-label="Emails, newest first" className="mt-4 space-y-3">
				{emails.map((e) => (
					<li key={e.id} className="rounded border border-gray-300 p-3 [overflow-wrap:anywhere]">
						<EmailHeading to={e.to} subject={e.subject} />
						<p className="mt-1 whitespace-pre-line">
							<EmailText text={e.body} origin={origin} />
						</p>
						<p className="mt-1 text-sm text-gray-700">
							{e.at}
							{e.sentAt ? ', sent' : ', not sent'}
						</p>
					</li>
				))}
			</ul>
		</div>
	)
}

/** An email's text with this site's addresses as links, so a demo user can follow them as from a mail program. */
function EmailText({ text, origin }: { text: string; origin: string }) {
	const parts = text.split(/(https?:\/\/\S+)/)
	return (
		<>
			{parts.map((part, i) =>
				i % 2 === 1 && part.startsWith(`${origin}/`) ? (
					<Link key={i} to={part.slice(origin.length)} className={linkClass}>
						{part}
					</Link>
				) : (
					part
				),
			)}
		</>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
