import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const messages: Record<number, { title: string; body: string }> = {
	400: { title: 'Something in the request was not right', body: 'Go back and check what you entered.' },
	403: {
		title: 'You do not have permission to see this',
		body: 'If you act for someone, ask them to give you this right from their account.',
	},
	404: { title: 'Page not found', body: 'If you typed the web address, check it is correct.' },
	429: { title: 'Too many attempts', body: 'Wait a few minutes and try again.' },
	503: {
		title: 'The service is briefly unavailable',
		body: 'The service is briefly unavailable, please try again in a minute.',
	},
}

/** One error page for the whole site, with a plain-English message for each status. No stack traces. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	let status = 500
	let detail: string | null = null
	if (isRouteErrorResponse(error)) {
		status = error.status
		if (status === 403 && typeof error.data === 'string' && error.data.startsWith('This form has expired')) {
			detail = error.data
		}
	}
	return <ErrorPage status={status} detail={detail} />
}

/** The error page's content for a status: its title, what to do, and the ways on. */
export function ErrorPage({ status, detail = null }: { status: number; detail?: string | null }) {
	const message = messages[status] ?? {
		title: 'Sorry, there is a problem with the service',
		body: 'Try again later. Nothing you entered has been lost if it was saved before this page.',
	}
	return (
		<div className="mx-auto max-w-3xl py-8">
			<h1 className="text-3xl font-bold">{message.title}</h1>
			<p className="mt-4">{detail ?? message.body}</p>
			<p className="mt-4">
				<Link to="/" className="text-brand-700 underline">
					Go to the home page
				</Link>{' '}
				or{' '}
				<Link to="/providers" className="text-brand-700 underline">
					find support
				</Link>
				.
			</p>
			<p className="mt-6 text-sm text-gray-700">Error code: {status}</p>
		</div>
	)
}
