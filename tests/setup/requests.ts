/**
 * Calling loaders and actions as the browser would, for integration tests: a signed-in cookie, GET and POST
 * requests (with a valid CSRF token unless told otherwise), and the status or Response a route answered with,
 * whether it returned it or threw it.
 */
import { createSession } from '#app/domain/people/auth.server.ts'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { commitSessionId } from '#app/utils/session.server.ts'

/** The Cookie header value of a new session for this user. */
export async function cookieFor(userId: string): Promise<string> {
	const session = await createSession(userId, 'vitest')
	return (await commitSessionId(session.id)).split(';')[0] ?? ''
}

export function get(url: string, cookie: string): Request {
	return new Request(`http://localhost${url}`, { headers: { Cookie: cookie } })
}

/** A form POST, with the CSRF field and cookie a page would have given (leave them out with withCsrf=false). */
export async function post(
	url: string,
	cookie: string,
	fields: Record<string, string>,
	withCsrf = true,
): Promise<Request> {
	const body = new URLSearchParams(fields)
	let cookieHeader = cookie
	if (withCsrf) {
		const { token, setCookie } = await getCsrfToken(new Request('http://localhost/'))
		body.set('csrf', token)
		cookieHeader = [cookie, setCookie?.split(';')[0]].filter(Boolean).join('; ')
	}
	return new Request(`http://localhost${url}`, {
		method: 'POST',
		body,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader },
	})
}

/** The HTTP status a loader or action answered with: its Response's, a thrown Response's, or 200 for data. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
	try {
		const result = await promise
		return result instanceof Response ? result.status : 200
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status
		throw thrown
	}
}

/** The Response a loader or action answered with, returned or thrown. */
export async function responseOf(promise: Promise<unknown>): Promise<Response> {
	try {
		const result = await promise
		if (!(result instanceof Response)) throw new Error('Expected a Response')
		return result
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

/**
 * Calls a route's loader or action as Remix would, with this request (or the promise of one, as `post` gives) and
 * these URL params, and no load context.
 */
export async function callRoute<Args extends { request: Request; params: object; context: unknown }, Result>(
	handler: (args: Args) => Result,
	request: Request | Promise<Request>,
	params: Args['params'] = {},
): Promise<Awaited<Result>> {
	return await handler({ request: await request, params, context: {} } as Args)
}
