import { createCookie, redirect } from '@remix-run/node'
import { getEnv, sessionSecret } from './env.server.ts'

export const SESSION_DAYS = 30

/** The session cookie holds only the signed id of a Session row; the row is the truth. */
export const sessionCookie = createCookie('bm_session', {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: getEnv().NODE_ENV === 'production',
	secrets: [sessionSecret()],
	maxAge: SESSION_DAYS * 24 * 60 * 60,
})

/**
 * After the sign-up form: the email just typed, signed, for an hour, so "check your email" can name it (and, in demo
 * mode, /dev/emails can show that address's emails to this browser before the person can sign in).
 */
export const signUpCookie = createCookie('bm_signup', {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: getEnv().NODE_ENV === 'production',
	secrets: [sessionSecret()],
	maxAge: 60 * 60,
})

export async function readSignUpEmail(request: Request): Promise<string | null> {
	const value: unknown = await signUpCookie.parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.includes('@') ? value : null
}

export async function readSessionId(request: Request): Promise<string | null> {
	const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.length > 0 ? value : null
}

export function commitSessionId(sessionId: string): Promise<string> {
	return sessionCookie.serialize(sessionId)
}

export function clearSessionCookie(): Promise<string> {
	return sessionCookie.serialize('', { maxAge: 0 })
}

/**
 * A safe place to send someone after signing in: only paths on this site. Browsers drop TABs and newlines from
 * addresses and read a backslash as a slash, so `/\t/evil.example` would leave the site: any control character,
 * whitespace or backslash is refused, and what is left must parse, against a placeholder origin, to that origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/account'): string {
	if (!to || typeof to !== 'string' || to.length > 2000) return fallback
	if (!to.startsWith('/') || to.startsWith('//') || /[\u0000-\u001f\u007f\\\s]/.test(to)) return fallback
	const base = 'http://same-origin.invalid'
	let url: URL
	try {
		url = new URL(to, base)
	} catch {
		return fallback
	}
	if (url.origin !== base) return fallback
	return `${url.pathname}${url.search}${url.hash}`
}

export function redirectToSignIn(request: Request): never {
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}
