/**
 * When the database cannot be reached (restarted, failing over, out of connections), a page is not broken: the
 * service is briefly unavailable. Such requests answer 503 with `Retry-After` and a plain-English page instead of
 * the 500 error page (issue 13). Nothing else changes: the database client reconnects by itself on the next
 * request once the database is back, so the app recovers without a restart.
 *
 * How it is wired (app/entry.server.tsx): Remix calls `handleError` with the original error before it hides it
 * behind "Unexpected Server Error"; `handleError` marks the request's load context when the error is an outage;
 * `handleRequest` (a page) then answers with `outagePage()`, and `handleDataRequest` (a page's data fetched by the
 * browser) with `outageDataResponse()`, which the error boundary shows as the 503 message.
 * Resource routes (CSV exports, photos, the calendar feed, the Stripe webhook) still answer 500 in an outage.
 */

export const OUTAGE_TITLE = 'The service is briefly unavailable'
export const OUTAGE_MESSAGE = 'The service is briefly unavailable, please try again in a minute.'
/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 30

/** PostgreSQL's codes for a connection that is gone or not yet accepted (class 08, 57P01–57P03, 53300). */
const POSTGRES_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300'])
/** Node's socket errors. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'])
/** Prisma's: can't reach the server, timed out reaching it, server closed the connection, no connection in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024'])
/** The driver adapter's error kinds (@prisma/driver-adapter-utils). */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])
/** Messages of the pg driver's errors that carry no code. */
const MESSAGES = [
	/Connection terminated/i,
	/timeout exceeded when trying to connect/i,
	/Can't reach database server/i,
	/Client has encountered a connection error/i,
]

type Loose = {
	code?: unknown
	originalCode?: unknown
	kind?: unknown
	message?: unknown
	cause?: unknown
	meta?: { driverAdapterError?: unknown }
}

function looksLikeOutage(value: Loose): boolean {
	const codes = [value.code, value.originalCode].filter((c): c is string => typeof c === 'string')
	if (codes.some((c) => POSTGRES_CODES.has(c) || SOCKET_CODES.has(c) || PRISMA_CODES.has(c))) return true
	if (typeof value.kind === 'string' && ADAPTER_KINDS.has(value.kind)) return true
	// The message is read only on errors with no database code of their own (a constraint error's message could
	// quote anything a person typed).
	const hasPostgresCode = codes.some((c) => /^[0-9A-Z]{5}$/.test(c) && !c.startsWith('P'))
	return !hasPostgresCode && typeof value.message === 'string' && MESSAGES.some((m) => m.test(value.message as string))
}

/** True when the error (or anything it wraps) says the database could not be reached or dropped the connection. */
export function isOutageError(error: unknown): boolean {
	const seen = new Set<unknown>()
	const queue: unknown[] = [error]
	while (queue.length) {
		const value = queue.shift()
		if (!value || typeof value !== 'object' || seen.has(value)) continue
		seen.add(value)
		const loose = value as Loose
		if (looksLikeOutage(loose)) return true
		queue.push(loose.cause, loose.meta?.driverAdapterError)
	}
	return false
}

const outageRequests = new WeakSet<object>()

/** Remembers that this request (its load context) failed because of an outage. */
export function markOutage(context: unknown): void {
	if (context && typeof context === 'object') outageRequests.add(context)
}

export function hadOutage(context: unknown): boolean {
	return !!context && typeof context === 'object' && outageRequests.has(context)
}

function outageHeaders(contentType: string, headers?: Headers): Headers {
	const result = new Headers(headers)
	result.set('Content-Type', contentType)
	result.set('Retry-After', String(RETRY_AFTER_SECONDS))
	result.set('Cache-Control', 'no-store')
	result.delete('Set-Cookie')
	return result
}

/** The whole 503 page: self-contained (no scripts, no styles to fetch), so it needs nothing the outage took away. */
export function outagePage(headers?: Headers): Response {
	const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${OUTAGE_TITLE} – Budget Market</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>${OUTAGE_TITLE}</h1>
<p>${OUTAGE_MESSAGE}</p>
<p>Nothing you saved before this page has been lost. If you were sending a form, check whether it went through
before sending it again.</p>
<p><a href="/">Go to the home page</a></p>
<p>Error code: 503</p>
</main>
</body>
</html>
`
	return new Response(html, {
		status: 503,
		statusText: 'Service Unavailable',
		headers: outageHeaders('text/html; charset=utf-8', headers),
	})
}

/** A page's data request in an outage: a caught 503 for the error boundary, which shows OUTAGE_MESSAGE. */
export function outageDataResponse(): Response {
	const headers = outageHeaders('application/json; charset=utf-8')
	// Remix's browser code treats X-Remix-Catch as a thrown Response: the route's error boundary gets status 503.
	headers.set('X-Remix-Catch', 'yes')
	return new Response(JSON.stringify(OUTAGE_MESSAGE), { status: 503, statusText: 'Service Unavailable', headers })
}
