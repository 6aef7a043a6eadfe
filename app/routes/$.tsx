import { ErrorPage, GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

/**
 * Any address no other route matches: a helpful 404 page. It has no loader: the server sets its status to 404
 * (app/entry.server.tsx), and a link to it followed in the browser shows it without asking the server for data
 * (issue 14: a loader that threw a 404 response cost a loader call, a Response and the error path on every request).
 */
export default function NotFound() {
	return <ErrorPage status={404} />
}

export const ErrorBoundary = GeneralErrorBoundary
