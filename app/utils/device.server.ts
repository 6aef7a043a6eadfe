import { randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import type { Device } from '#app/domain/people/auth.server.ts'
import { getEnv, sessionSecret } from './env.server.ts'

/**
 * The device cookie (OWASP's "device cookies" against lock-outs, ADR 016): a signed, HTTP-only note of the accounts
 * this browser has signed in to. Its sign-in attempts for those accounts are throttled on their own, so guesses
 * from elsewhere never keep the owner out.
 */
const deviceCookie = createCookie('bm_device', {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: getEnv().NODE_ENV === 'production',
	secrets: [sessionSecret()],
	maxAge: 365 * 24 * 60 * 60,
})

const MAX_ACCOUNTS = 5

export async function readDevice(request: Request): Promise<Device | null> {
	const value: unknown = await deviceCookie.parse(request.headers.get('Cookie'))
	if (!value || typeof value !== 'object') return null
	const { id, emails } = value as { id?: unknown; emails?: unknown }
	if (typeof id !== 'string' || id.length < 16 || !Array.isArray(emails)) return null
	return { id, emails: emails.filter((e): e is string => typeof e === 'string').slice(0, MAX_ACCOUNTS) }
}

/** The Set-Cookie header that adds this account to the browser's device cookie. */
export function rememberDevice(device: Device | null, email: string): Promise<string> {
	const normalised = email.trim().toLowerCase()
	const id = device?.id ?? randomBytes(18).toString('base64url')
	const emails = [normalised, ...(device?.emails ?? []).filter((e) => e !== normalised)].slice(0, MAX_ACCOUNTS)
	return deviceCookie.serialize({ id, emails })
}
