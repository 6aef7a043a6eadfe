/**
 * Remix's answers, through Express or without it (issue 14, docs/decisions/031-remix-pages-without-express.md).
 *
 * A GET or HEAD that Express would only have passed along its middleware to Remix (not a static file, the health
 * check, a page the public page cache handles, nor an address Express refuses) is answered by `answer`, a plain Node
 * handler, with what Express and `@remix-run/express` did for it:
 * - the security headers (the `securityHeadersSetter` the Express middleware uses) and the same `compression`
 *   middleware, on the same response, in the same order;
 * - the same web `Request`, made by the Express adapter's own `createRemixRequest`, given a view of the request whose
 *   `protocol`, `hostname`, `ip` and `get` are Express's own, with this app's `trust proxy` setting (TRUST_PROXY);
 * - the answer written as the adapter writes it (status and reason, each header added as Express's `res.append`
 *   does, the body through `writeReadableStreamToWritable`);
 * - an error goes to Express's own error handler and its 500 page, through `fail`.
 * Everything else goes through Express as before, to `viaExpress`: the adapter's request handler, sharing this one's
 * routes (one set per process, not two).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js'
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import type { Express, NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { urlRefusal } from './http-security.ts'
import { cacheKey } from './page-cache.ts'

/** Characters after which Express's address parser (parseurl) reads an address otherwise than a split at `?` does. */
const UNUSUAL_URL = /[\t\n\f\r #\u00a0\ufeff]/

/**
 * The path of a request that Express would have passed straight to Remix, or null when Express must answer it: not
 * GET or HEAD (bodies and their limits), an address Express reads otherwise or refuses (a NUL; a malformed
 * percent-escape, 400), `/build/…` or another file of public/, `/healthz`, or a page of the public page cache.
 */
export function remixOnlyPath(req: IncomingMessage, publicFile: (path: string) => boolean): string | null {
	const method = req.method ?? ''
	if (method !== 'GET' && method !== 'HEAD') return null
	const url = req.url ?? ''
	if (url[0] !== '/' || UNUSUAL_URL.test(url) || urlRefusal(url)) return null
	const q = url.indexOf('?')
	const path = q >= 0 ? url.slice(0, q) : url
	try {
		// Express decodes the path to match `*` and answers one that does not decode with its 400 page.
		decodeURIComponent(path)
	} catch {
		return null
	}
	// Express's mounts and routes ignore case and a trailing slash.
	if (/^\/build(?:\/|$)/i.test(path) || /^\/healthz\/?$/i.test(path) || publicFile(path)) return null
	if (cacheKey({ method, path, url, headers: req.headers }) !== null) return null
	return path
}

/** Express's `res.append` then `res.set` for one header: a charset added to a text Content-Type that has none. */
function appendHeader(res: ServerResponse, name: string, value: string) {
	const previous = res.getHeader(name)
	const isType = name.toLowerCase() === 'content-type'
	if (previous) {
		if (isType) throw new TypeError('Content-Type cannot be set to an Array')
		res.setHeader(name, (Array.isArray(previous) ? [...previous, value] : [previous, value]).map(String))
		return
	}
	const charset = isType && !/;\s*charset\s*=/.test(value) && /^text\/|^application\/(javascript|json)/.test(value)
	res.setHeader(name, charset ? `${value}; charset=utf-8` : value)
}

/** `@remix-run/express`'s sendRemixResponse on a plain response: Express's res.status and res.append, by hand. */
async function send(res: ServerResponse, response: Response) {
	res.statusMessage = response.statusText
	res.statusCode = response.status
	for (const [name, value] of response.headers.entries()) appendHeader(res, name, value)
	if (response.headers.get('Content-Type')?.match(/text\/event-stream/i)) res.flushHeaders()
	if (response.body) await writeReadableStreamToWritable(response.body, res)
	else res.end()
}

export type RemixHandlerOptions = {
	/**
	 * The Express app: its request prototype reads its settings (trust proxy) for the visitor's address and host, and
	 * its error handler answers a failure (mount `remixFailures()` first on it).
	 */
	app: Express
	build: ServerBuild
	/** Sets the security headers and returns the response's CSP nonce (server/http-security.ts). */
	securityHeaders: (req: IncomingMessage, res: ServerResponse, path: string) => string
}

const FAILURE = Symbol('remix answer failed')
type Failed = IncomingMessage & { [FAILURE]?: unknown }

/**
 * The first middleware of the Express app: a request whose answer failed without Express is handed on to Express's
 * error handler (its 500 page, or closing a response already begun), as the adapter's `next(error)` did.
 */
export function remixFailures() {
	return (req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void) => next((req as Failed)[FAILURE])
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

export function remixHandler(options: RemixHandlerOptions) {
	const handleRequest = createRequestHandler(options.build, options.build.mode)
	const compress = compression() as unknown as NodeMiddleware
	const expressRequest = options.app.request
	const noop = () => {}

	/** What `@remix-run/express`'s createRequestHandler does, with this handler's routes. */
	async function viaExpress(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
		try {
			const request = createRemixRequest(req, res)
			const clientIp = req.ip ?? req.socket.remoteAddress ?? 'unknown'
			const response = await handleRequest(request, { clientIp, cspNonce: res.locals.cspNonce as string })
			await sendRemixResponse(res, response)
		} catch (error) {
			next(error)
		}
	}

	/** A request `remixOnlyPath` gave a path for, answered without Express. */
	function answer(req: IncomingMessage, res: ServerResponse, path: string) {
		const cspNonce = options.securityHeaders(req, res, path)
		compress(req, res, noop)
		// Express's own getters (protocol, hostname, ip, get) read this request, with this app's settings.
		const view = Object.create(expressRequest, {
			headers: { value: req.headers },
			socket: { value: req.socket },
			connection: { value: req.socket },
			method: { value: req.method },
			url: { value: req.url },
			originalUrl: { value: req.url },
		}) as ExpressRequest
		const respond = async () => {
			const request = createRemixRequest(view, res as ExpressResponse)
			const clientIp = view.ip ?? req.socket.remoteAddress ?? 'unknown'
			await send(res, await handleRequest(request, { clientIp, cspNonce }))
		}
		respond().catch((error: unknown) => {
			;(req as Failed)[FAILURE] = error ?? new Error('The answer failed')
			options.app(req, res)
		})
	}

	return { answer, viaExpress }
}
