import { redirect } from '@remix-run/node'
import { getSessionUser, type SessionUser } from '#app/domain/people/auth.server.ts'
import { homePathOf } from '#app/domain/people/home.server.ts'
import { getSignedInBySession, type SignedIn } from '#app/domain/people/signed-in.server.ts'
import type { Role } from '#app/generated/prisma/enums.ts'
import { clearSessionCookie, readSessionId, redirectToSignIn } from './session.server.ts'

/**
 * One read of the signed-in person per page request (ADR 037). Remix runs the root loader and the page's loader side
 * by side and, with patches/@remix-run+server-runtime, hands them the same Request; both ask who is signed in. A GET
 * or HEAD only reads, so the answer is the same for both: the first caller's promise is kept with the request (and
 * goes with it). A POST is never shared: its action may change the person (a new name, notifications read) before
 * the loaders run, and Remix gives those loaders a request of their own. A failed read is not kept.
 */
const signedInReads = new WeakMap<Request, Promise<SignedIn | null>>()

async function readSignedIn(request: Request): Promise<SignedIn | null> {
	const sessionId = await readSessionId(request)
	if (!sessionId) return null
	return getSignedInBySession(sessionId)
}

function sharesReads(request: Request): boolean {
	return request.method === 'GET' || request.method === 'HEAD'
}

/**
 * The signed-in person, or null: from the root loader's read when this GET already has one (Remix starts the root's
 * loader first), else by the lighter query of the person alone (a client-side navigation's `?_data=` request runs one
 * loader, with nothing to share).
 */
export async function getUser(request: Request): Promise<SessionUser | null> {
	const kept = sharesReads(request) ? signedInReads.get(request) : undefined
	if (kept) return (await kept)?.user ?? null
	const sessionId = await readSessionId(request)
	if (!sessionId) return null
	return getSessionUser(sessionId)
}

/**
 * The signed-in person with their unread count and their places (as placesPerson), read in one query (issue 14), or
 * null: for the root loader, and shared with the page's loader on the same GET request.
 */
export function getSignedIn(request: Request): Promise<SignedIn | null> {
	if (!sharesReads(request)) return readSignedIn(request)
	const kept = signedInReads.get(request)
	if (kept) return kept
	const read = readSignedIn(request)
	signedInReads.set(request, read)
	// Callers already waiting on a failed read share its error; later ones read again.
	read.catch(() => signedInReads.delete(request))
	return read
}

/** The signed-in person; anyone else is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
	return (await getUser(request)) ?? (await sendToSignIn(request))
}

/** requireUser with the person's places (as placesPerson) read in the same query, for pages that need both (issue 14). */
export async function requireSignedIn(request: Request): Promise<SignedIn> {
	return (await getSignedIn(request)) ?? (await sendToSignIn(request))
}

async function sendToSignIn(request: Request): Promise<never> {
	// A stale cookie is cleared on the way to the sign-in page.
	if (await readSessionId(request)) {
		const url = new URL(request.url)
		throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`, {
			headers: { 'Set-Cookie': await clearSessionCookie() },
		})
	}
	return redirectToSignIn(request)
}

/** The signed-in person with one of these roles; 403 otherwise. */
export async function requireRole(request: Request, roles: Role[]): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!roles.some((r) => user.roles.includes(r))) {
		throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
	}
	return user
}

/** Signed-in people are sent to their home; for the sign-in and sign-up pages. */
export async function requireAnonymous(request: Request): Promise<void> {
	const user = await getUser(request)
	if (user) throw redirect(await homePathOf(user))
}

/** The caller's address, as the HTTP server saw it (Express, honouring TRUST_PROXY); see server/index.ts. */
export function clientIp(context: unknown): string {
	const ip = (context as { clientIp?: unknown } | undefined)?.clientIp
	return typeof ip === 'string' && ip.length > 0 ? ip : 'unknown'
}
