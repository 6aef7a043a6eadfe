/**
 * What one request's loaders share (issue 14): a page's loaders run side by side (the root's and the page's), and
 * each used to read the signed-in person again. The server runs each Remix request inside `withRequestScope`, and
 * `oncePerRequest` gives every loader of that request the same answer for the same key.
 *
 * Only reads are shared, and only for GET and HEAD requests: a POST's action may change what a later read must see
 * (a new name, notifications marked read), so there every call reads afresh. Outside a request (tests calling a
 * loader directly, scripts) nothing is kept.
 *
 * The server (server/index.ts, bundled on its own) and the app (build/index.js) are two bundles, so the store is
 * found through a global symbol: both must reach the same one.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

type Scope = Map<string, Promise<unknown>>

const key = Symbol.for('budget-market.request-scope')
const globals = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<Scope> }
const storage: AsyncLocalStorage<Scope> = (globals[key] ??= new AsyncLocalStorage<Scope>())

/** Runs `fn` (the handling of one request) with a scope of its own. */
export function withRequestScope<T>(fn: () => T): T {
	return storage.run(new Map(), fn)
}

/** `read()` once per GET or HEAD request and key; a failed read is not kept, so a later caller tries again. */
export function oncePerRequest<T>(request: Request, name: string, read: () => Promise<T>): Promise<T> {
	const scope = storage.getStore()
	if (!scope || (request.method !== 'GET' && request.method !== 'HEAD')) return read()
	const kept = scope.get(name) as Promise<T> | undefined
	if (kept) return kept
	const reading = read()
	scope.set(name, reading)
	reading.catch(() => scope.delete(name))
	return reading
}
