import { createHmac, timingSafeEqual } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { LRUCache } from 'lru-cache'
import { getEnv, publicOrigin, sessionSecret } from './env.server.ts'
import { pooledRandom } from './random.server.ts'
import { withoutBidiControls } from './text.ts'

/**
 * CSRF protection by the synchronizer-token pattern (OWASP): each browser gets a random id in a signed,
 * HTTP-only cookie; every form carries HMAC(secret, id); every action checks it. SameSite=Lax cookies are
 * a second line of defence. See docs/decisions/005-sign-in-sessions-and-csrf.md.
 */
const csrfCookie = createCookie('bm_csrf', {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: getEnv().NODE_ENV === 'production',
	secrets: [sessionSecret()],
})

export const CSRF_FIELD = 'csrf'

function tokenFor(browserId: string): string {
	return createHmac('sha256', sessionSecret()).update(`csrf:${browserId}`).digest('base64url')
}

async function readBrowserId(request: Request): Promise<string | null> {
	const value: unknown = await csrfCookie.parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.length >= 16 ? value : null
}

/** The token for this browser, and a Set-Cookie header when the browser had no id yet. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
	const existing = await readBrowserId(request)
	if (existing) return { token: tokenFor(existing), setCookie: null }
	const id = pooledRandom(24, 'base64url')
	return { token: tokenFor(id), setCookie: await csrfCookie.serialize(id) }
}

/** Tokens of browsers seen lately, by their signed cookie value: checking a signature costs more than a cached page. */
const knownTokens = new LRUCache<string, string>({ max: 10_000 })

/**
 * The same for a raw Cookie header, for the public page cache (server/page-cache.ts), which serves pages before Remix
 * sees the request: this browser's token, or a new browser id with its Set-Cookie header and the `bm_csrf=…` pair to
 * add to the request's own Cookie header (so the page Remix renders carries the same token and sets no cookie).
 */
export async function csrfForCookieHeader(
	cookieHeader: string | undefined,
): Promise<{ token: string; setCookie: string | null; cookiePair: string | null }> {
	const raw = /(?:^|;\s*)bm_csrf=([^;]*)/.exec(cookieHeader ?? '')?.[1]
	const known = raw ? knownTokens.get(raw) : undefined
	if (known) return { token: known, setCookie: null, cookiePair: null }
	const value: unknown = await csrfCookie.parse(cookieHeader ?? null)
	if (typeof value === 'string' && value.length >= 16) {
		const token = tokenFor(value)
		// Only a cookie whose signature was just checked is remembered, by its exact signed value.
		if (raw) knownTokens.set(raw, token)
		return { token, setCookie: null, cookiePair: null }
	}
	const id = pooledRandom(24, 'base64url')
	const setCookie = await csrfCookie.serialize(id)
	return { token: tokenFor(id), setCookie, cookiePair: setCookie.split(';')[0] ?? null }
}

/** The largest form body (not a file upload) any action reads: well above any form's fields, far below harm. */
export const FORM_MAX_BYTES = 256 * 1024

/**
 * The one way actions read their body: a form (URL-encoded, or multipart where a route allows it), or a clear 4xx.
 * A JSON or text body is 415, a body over FORM_MAX_BYTES 413, a malformed one 400, never a 500. The Express server
 * refuses oversized bodies before they are read (server/index.ts); this guards every other way in.
 */
export async function readForm(request: Request, options: { multipart?: boolean } = {}): Promise<FormData> {
	const type = (request.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase()
	const allowed = ['application/x-www-form-urlencoded', ...(options.multipart ? ['multipart/form-data'] : [])]
	if (!type || !allowed.includes(type)) {
		throw new Response('Send this form from its page: the request was not a web form.', {
			status: 415,
			statusText: 'Unsupported Media Type',
		})
	}
	const length = Number(request.headers.get('Content-Length') ?? '0')
	if (type === 'application/x-www-form-urlencoded' && length > FORM_MAX_BYTES) throw tooLarge()
	if (type === 'application/x-www-form-urlencoded') {
		const text = await request.text()
		if (Buffer.byteLength(text) > FORM_MAX_BYTES) throw tooLarge()
		return toFormData(new URLSearchParams(text))
	}
	let multipart: FormData
	try {
		multipart = await request.formData()
	} catch {
		throw new Response('The form could not be read. Go back, reload the page and try again.', { status: 400 })
	}
	return toFormData(multipart)
}

/**
 * A copy of the fields with bidirectional controls (see app/utils/text.ts) and NUL bytes removed from every text value:
 * PostgreSQL text cannot hold a NUL, so one in a field made any query using it fail with a 500.
 */
function toFormData(fields: Iterable<[string, FormDataEntryValue]>): FormData {
	const formData = new FormData()
	for (const [key, value] of fields) {
		formData.append(key, typeof value === 'string' ? withoutBidiControls(value).replaceAll('\u0000', '') : value)
	}
	return formData
}

function tooLarge(): Response {
	return new Response('This form is too large to send. Shorten what you wrote and try again.', {
		status: 413,
		statusText: 'Payload Too Large',
	})
}

/**
 * A form sent by a browser from another site is refused even with a token (a second check besides the token): the
 * Origin header, when the browser sends one, must be this app's own (the request's, or the configured public origin).
 */
function checkOrigin(request: Request): void {
	const origin = request.headers.get('Origin')
	if (!origin || origin === 'null') return
	if (origin === new URL(request.url).origin || origin === publicOrigin()) return
	throw new Response('This form was sent from another website, so it was refused. Use the form on this site.', {
		status: 403,
		statusText: 'Forbidden',
	})
}

/** Throws 403 unless the form carries this browser's token and comes from this site. */
export async function validateCsrf(formData: FormData, request: Request): Promise<void> {
	checkOrigin(request)
	const browserId = await readBrowserId(request)
	const sent = formData.get(CSRF_FIELD)
	if (!browserId || typeof sent !== 'string' || sent.length === 0) throw csrfFailure()
	const expected = Buffer.from(tokenFor(browserId))
	const actual = Buffer.from(sent)
	if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw csrfFailure()
}

function csrfFailure(): Response {
	return new Response('This form has expired. Go back, reload the page and try again.', {
		status: 403,
		statusText: 'Form expired',
	})
}
