import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

// Any address no other route matches: a helpful 404 page.
export async function loader() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return <GeneralErrorBoundary />
}

export const ErrorBoundary = GeneralErrorBoundary
