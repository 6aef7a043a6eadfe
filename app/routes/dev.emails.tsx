import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { clockText, dayText } from '#app/utils/dates.ts'
import { isEmailSendingEnabled } from '#app/domain/notifications/email-sender.server.ts'
import { recentEmails } from '#app/domain/notifications/notify.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { devPagesEnabled } from '#app/utils/env.server.ts'

export const meta: MetaFunction = () => [{ title: 'Emails that would be sent | Budget Market' }]

/**
 * The embedded default has no mailer: the emails the app would send wait in the outbox, and this page shows them.
 * Only in demo mode, never in production on a real database, and only to signed-in people. With SMTP_URL set, the
 * sender (app/domain/notifications/email-sender.server.ts) sends them, and this page shows what was sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	if (!devPagesEnabled()) throw new Response('Not found', { status: 404 })
	// Each person sees the emails sent to them; admins see the whole outbox.
	const user = await requireUser(request)
	const emails = await recentEmails(100, user.roles.includes('ADMIN') ? undefined : user.email)
	return json({
		sending: isEmailSendingEnabled(),
		emails: emails.map((e) => ({ ...e, at: `${dayText(e.createdAt)} at ${clockText(e.createdAt)}` })),
	})
}

export default function DevEmails() {
	const { emails, sending } = useLoaderData<typeof loader>()
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
						<p>
							<span className="font-semibold">To:</span> {e.to}
						</p>
						<p>
							<span className="font-semibold">Subject:</span> {e.subject}
						</p>
						<p className="mt-1 whitespace-pre-line">
							<LinkedText text={e.body} />
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

/** An address of this site in an email (absolute, or a path after a space) becomes a link that opens it here. */
const ADDRESS = /(https?:\/\/[^\s]+|(?<=^|\s)\/[A-Za-z0-9\-._~/?=&%]+)/g

function LinkedText({ text }: { text: string }) {
	const parts = text.split(ADDRESS)
	return (
		<>
			{parts.map((part, i) => {
				if (i % 2 === 0) return part
				let href = part
				try {
					if (/^https?:/.test(part)) {
						const url = new URL(part)
						href = `${url.pathname}${url.search}`
					}
				} catch {
					return part
				}
				return (
					<a key={i} href={href} className={linkClass}>
						{part}
					</a>
				)
			})}
		</>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
