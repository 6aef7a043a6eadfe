import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { getEnv, sessionSecret } from './env.server.ts'

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
	const id = randomBytes(24).toString('base64url')
	return { token: tokenFor(id), setCookie: await csrfCookie.serialize(id) }
}

/** Throws 403 unless the form carries this browser's token. */
export async function validateCsrf(formData: FormData, request: Request): Promise<void> {
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
