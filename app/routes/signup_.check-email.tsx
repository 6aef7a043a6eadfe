import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { isEmailSendingEnabled } from '#app/domain/notifications/email-sender.server.ts'
import { CONFIRMATION_HOURS } from '#app/domain/people/sign-up.server.ts'
import { devPagesEnabled } from '#app/utils/env.server.ts'
import { readSignUpEmail } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Check your email | Budget Market' }]

/** After the sign-up form, whatever was typed: the email says whether it is a new account or an existing one. */
export async function loader({ request }: LoaderFunctionArgs) {
	return json({
		email: await readSignUpEmail(request),
		// The embedded demo has no mailer: say where its emails can be read.
		demoOutbox: devPagesEnabled() && !isEmailSendingEnabled(),
	})
}

export default function CheckEmail() {
	const { email, demoOutbox } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-2xl">
			<h1 className="text-3xl font-bold">Check your email</h1>
			<p className="mt-4">
				We have sent an email to {email ? <strong>{email}</strong> : 'the address you gave'}. Open the link in it to
				finish creating your account. The link works for {CONFIRMATION_HOURS} hours.
			</p>
			<p className="mt-2">
				If you already have an account with this address, the email says so and has a link to sign in instead.
			</p>
			{demoOutbox ? (
				<p className="mt-4">
					This demonstration sends no real email.{' '}
					<Link to="/dev/emails" className={linkClass}>
						Read the email here
					</Link>
				</p>
			) : null}
			<p className="mt-4">
				No email after a few minutes? Look in your junk folder, or{' '}
				<Link to="/signup" className={linkClass}>
					sign up again
				</Link>{' '}
				with the right address.
			</p>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
