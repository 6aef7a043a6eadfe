/**
 * "Acting for" (ADR 024): which person a carer or broker is working for right now, kept in a signed, httpOnly
 * cookie holding only the holder's id. The cookie is never trusted on its own: every request asks the domain
 * (actingTarget) whether this person still has a live delegation from that holder, so rights withdrawn or ended
 * make the banner and the preselection vanish on the very next page.
 */
import { createCookie } from '@remix-run/node'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { actingTarget } from '#app/domain/helping/workspace.server.ts'
import { getEnv, sessionSecret } from './env.server.ts'

export const actingCookie = createCookie('bm_acting', {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure: getEnv().NODE_ENV === 'production',
	secrets: [sessionSecret()],
	maxAge: 12 * 60 * 60,
})

async function readActingId(request: Request): Promise<string | null> {
	const value: unknown = await actingCookie.parse(request.headers.get('Cookie')).catch(() => null)
	return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null
}

/** The holder this person is acting for on this request, checked against their rights now; null for none. */
export async function actingFor(request: Request, user: Pick<SessionUser, 'id'> | null) {
	if (!user) return null
	return actingTarget(user, await readActingId(request))
}

/** Whether the request carries an acting cookie at all (to clear one that no longer holds). */
export async function hasActingCookie(request: Request): Promise<boolean> {
	return (await readActingId(request)) !== null
}

export function commitActing(holderId: string): Promise<string> {
	return actingCookie.serialize(holderId)
}

export function clearActing(): Promise<string> {
	return actingCookie.serialize('', { maxAge: 0 })
}
