/**
 * HTTP-level protections, applied by server/index.ts before Remix sees a request (issue 13, docs/security.md):
 * - `urlGuard`: an address with a NUL byte (%00) is refused with 400 before any route sees it: PostgreSQL text
 *   cannot hold one, so a NUL in a path param or query value made every query that used it fail with a 500 (found
 *   by tests/integration/fuzz.test.ts). No page's address ever has one.
 * - `bodyLimit`: a body larger than its route allows is refused with 413 before a byte is read; one with no length
 *   (chunked) with 411, since browsers always send the length of a form.
 * - `securityHeaders`: Content-Security-Policy with a per-request nonce for Remix's inline scripts, no framing,
 *   nosniff, a strict referrer policy, HSTS when the public origin is https, and `Cache-Control: no-store` on pages
 *   for signed-in people. Written by hand behind this one function (helmet is not installed); swapping is one line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { PHOTO_MAX_BYTES } from '#app/domain/providers/profile-schemas.ts'
import { FORM_MAX_BYTES } from '#app/utils/csrf.server.ts'
import { pooledRandom } from '#app/utils/random.server.ts'

/** The refusal for a request's address (path and query, as sent), or null when it may be routed. */
export function urlRefusal(url: string): { status: 400; message: string } | null {
	if (/%00|\u0000/i.test(url))
		return { status: 400, message: 'This address has a character no page uses. Check the link and try again.' }
	return null
}

export function urlGuard() {
	return (req: Request, res: Response, next: NextFunction) => {
		const refusal = urlRefusal(req.originalUrl)
		if (!refusal) return next()
		res.status(refusal.status).type('text/plain').send(refusal.message)
	}
}

/** The largest body each kind of request may send, in bytes. */
export function bodyLimitFor(path: string): number {
	if (path === '/login' || path === '/signup') return 16 * 1024
	if (/^\/provider\/profiles\/[^/]+\/photo\/?$/.test(path)) return PHOTO_MAX_BYTES + 64 * 1024
	if (path === '/webhooks/stripe') return 1024 * 1024
	return FORM_MAX_BYTES
}

/** The refusal for a request's body, or null when it may be read. */
export function bodyRefusal(
	method: string,
	path: string,
	headers: { 'content-length'?: string; 'transfer-encoding'?: string },
): { status: 411 | 413; message: string } | null {
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null
	const length = headers['content-length']
	if (length === undefined) {
		return headers['transfer-encoding']
			? { status: 411, message: 'Send the length of what you send (Content-Length).' }
			: null
	}
	if (!/^\d+$/.test(length) || Number(length) > bodyLimitFor(path)) {
		return { status: 413, message: 'What you sent is too large. Shorten it, or send a smaller file, and try again.' }
	}
	return null
}

export function bodyLimit() {
	return (req: Request, res: Response, next: NextFunction) => {
		const refusal = bodyRefusal(req.method, req.path, req.headers)
		if (!refusal) return next()
		res.status(refusal.status).set('Connection', 'close').type('text/plain').send(refusal.message)
	}
}

const NONCE_SLOT = '\u0000'
const [policyBefore, policyAfter] = [
	"default-src 'self'",
	`script-src 'self' 'nonce-${NONCE_SLOT}'`,
	// Inline style attributes only (no inline <style>), and the app's own stylesheet.
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self'",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	// Card top-ups continue on Stripe's hosted checkout after the form is sent.
	"form-action 'self' https://checkout.stripe.com",
	"frame-ancestors 'none'",
]
	.join('; ')
	.split(NONCE_SLOT) as [string, string]

/** The policy for one response (joined once; each response only puts its nonce in). */
export function contentSecurityPolicy(nonce: string): string {
	return `${policyBefore}${nonce}${policyAfter}`
}

/** The headers every response gets, but the policy (whose nonce changes with each response). */
function fixedHeaders(https: boolean): Array<[string, string]> {
	return [
		['X-Frame-Options', 'DENY'],
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin'],
		['Cross-Origin-Opener-Policy', 'same-origin'],
		...(https ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]] : []),
	]
}

/**
 * Sets the security headers on a response and returns its CSP nonce. Plain Node types, so the page cache's answer
 * before Express (server/page-cache.ts) sets exactly what the Express middleware below sets.
 */
export function securityHeadersSetter(options: { publicOrigin: string }) {
	const fixed = fixedHeaders(options.publicOrigin.startsWith('https://'))
	return (req: IncomingMessage, res: ServerResponse, path: string): string => {
		const nonce = pooledRandom(16, 'base64')
		res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
		for (const [name, value] of fixed) res.setHeader(name, value)
		// Pages for signed-in people hold their money and messages: never kept by a shared or back/forward cache.
		if (/(?:^|;\s*)bm_session=/.test(req.headers.cookie ?? '') && !path.startsWith('/build/')) {
			res.setHeader('Cache-Control', 'no-store')
		}
		return nonce
	}
}

/** The headers every response gets; `cspNonce` is then in res.locals for the Remix load context. */
export function securityHeaders(options: { publicOrigin: string }) {
	const set = securityHeadersSetter(options)
	return (req: Request, res: Response, next: NextFunction) => {
		res.locals.cspNonce = set(req, res, req.path)
		next()
	}
}
