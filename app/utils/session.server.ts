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

/** A safe place to send someone after signing in: only paths on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/account'): string {
	if (!to || typeof to !== 'string') return fallback
	if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}

export function redirectToSignIn(request: Request): never {
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}
