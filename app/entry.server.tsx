import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { NonceProvider } from '#app/utils/nonce-provider.ts'
import { hadOutage, isOutageError, markOutage, outageDataResponse, outagePage } from '#app/utils/outage.server.ts'

const ABORT_DELAY = 5_000
/** The splat route (app/routes/$.tsx): an address no other route matches, which has no loader to say 404. */
const NOT_FOUND_ROUTE = 'routes/$'

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	// The database could not be reached while loading this page: a 503 page, not the 500 error page.
	if (hadOutage(loadContext)) return outagePage(responseHeaders)
	// An address no route matches: the page says so, and so does the status (unless something failed on the way).
	const leaf = remixContext.staticHandlerContext.matches.at(-1)
	if (responseStatusCode === 200 && leaf?.route.id === NOT_FOUND_ROUTE) responseStatusCode = 404
	const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
	const app = (
		<NonceProvider value={nonce}>
			<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
		</NonceProvider>
	)
	// No loader deferred anything (no page of this app does): nothing would arrive after the shell, so the page is
	// rendered to one string and sent in one write, which costs far less than streaming it in pieces (issue 14,
	// docs/decisions/028-pages-in-one-write-and-pooled-random-bytes.md). A render error throws here as it would reject
	// below, and Remix renders the error page.
	if (!remixContext.staticHandlerContext.activeDeferreds) {
		// The streaming renderer starts a page whose root is <html> with a doctype; this one does not.
		const html = renderToString(app)
		const page = html.startsWith('<html') ? `<!DOCTYPE html>${html}` : html
		responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
		return new Response(page, { headers: responseHeaders, status: responseStatusCode })
	}
	// Bots and no-JavaScript clients get the whole page at once; browsers get it streamed as soon as the shell is ready.
	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(app, {
			nonce,
			[waitForAll ? 'onAllReady' : 'onShellReady']() {
				shellRendered = true
				const body = new PassThrough()
				const stream = createReadableStreamFromReadable(body)
				responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
				resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }))
				pipe(body)
			},
			onShellError(error: unknown) {
				reject(error)
			},
			onError(error: unknown) {
				responseStatusCode = 500
				// Errors after the shell are logged; before it, onShellError rejects and Remix renders the error page.
				if (shellRendered) console.error(error)
			},
		})
		setTimeout(abort, ABORT_DELAY)
	})
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
	if (request.signal.aborted) return
	// A request the router itself refused (data asked of a route with no loader, a method no route takes): the visitor
	// gets the 4xx, and it is no fault of the server's to log with a stack.
	if (isRouteErrorResponse(error) && error.status < 500) return
	if (isOutageError(error)) {
		markOutage(context)
		// One line, not a stack: every request fails the same way until the database is back.
		console.warn(`Database unavailable (answered 503): ${request.method} ${new URL(request.url).pathname}`)
		return
	}
	console.error(error)
}

/** A page's data fetched by the browser: the same 503 in an outage (see app/utils/outage.server.ts). */
export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
	return hadOutage(context) ? outageDataResponse() : response
}
