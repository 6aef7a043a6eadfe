/**
 * The public page cache (issue 14, docs/decisions/027-public-page-cache.md): the pages anyone may see without
 * signing in (home, search, the directory, a provider's profile) are kept, in each web process, as rendered HTML and
 * served again without Remix, React or the database.
 *
 * - Only anonymous GET/HEAD requests of those pages (no session or acting-for cookie), with no query parameter the page
 *   does not read, are served from or stored in the cache; only a 200 HTML answer that sets no cookie of its own is
 *   stored. Everything else passes through untouched.
 * - A page holds two things per visitor: the CSP nonce (fresh for every response) and the CSRF token of the visitor's
 *   browser (ADR 005). The stored page is a template with both cut out; each answer puts in the nonce the security
 *   headers just chose and the visitor's own token (a new browser gets a new id and its cookie, as Remix would do).
 * - `ETag` is a weak tag of the template and the visitor's token, `Cache-Control: private, no-cache`: a browser keeps
 *   its copy and asks again, and gets a 304 while nothing changed. A 304 carries no CSP header: the browser keeps the
 *   policy stored with its copy, whose nonce matches that copy's scripts. These pages answer 304 with the cache off too.
 * - Invalidation: every change that the search outbox records bumps a version row in the same transaction
 *   (app/domain/providers/outbox.server.ts), and again once search shows it. Each process reads that version at most
 *   every `checkMs` and drops all its pages when it moved; a page rendered across a change is not stored. A page is
 *   also dropped after `ttlMs`, for what the outbox does not track (group activities' places left).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'
import { LRUCache } from 'lru-cache'
import { publicContentVersion } from '#app/domain/providers/outbox.server.ts'
import { csrfForCookieHeader } from '#app/utils/csrf.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv, publicOrigin } from '#app/utils/env.server.ts'
import { securityHeadersSetter, urlRefusal } from './http-security.ts'

/** The query parameters each cached page reads (app/domain/search/params.ts, app/routes/providers._index.tsx). */
const searchParams = new Set([
	'q',
	'near',
	'radius',
	'min',
	'max',
	'sort',
	'page',
	'kind',
	'category',
	'type',
	'lang',
	'access',
	'cred',
	'day',
	'time',
	'group',
])
const directoryParams = new Set(['q', 'page'])
const none = new Set<string>()

function acceptedParams(path: string): Set<string> | null {
	if (path === '/') return none
	if (path === '/search') return searchParams
	if (path === '/providers') return directoryParams
	if (/^\/providers\/[a-z0-9-]{1,200}$/.test(path)) return none
	return null
}

/** Cookies that make a request someone's: it is never served from, nor stored in, the cache. */
const PERSONAL_COOKIE = /(?:^|;\s*)(?:bm_session|bm_acting)=/

/**
 * The cache key of a request, or null when it must not touch the cache: not GET/HEAD, signed in (or acting for
 * someone), with credentials, not one of the public pages, or with a query parameter the page does not read.
 */
export function cacheKey(request: {
	method: string
	path: string
	url: string
	headers: { cookie?: string; authorization?: string }
}): string | null {
	if (request.method !== 'GET' && request.method !== 'HEAD') return null
	if (PERSONAL_COOKIE.test(request.headers.cookie ?? '') || request.headers.authorization) return null
	const accepted = acceptedParams(request.path)
	if (!accepted) return null
	const q = request.url.indexOf('?')
	if (q >= 0) {
		for (const name of new URLSearchParams(request.url.slice(q + 1)).keys()) if (!accepted.has(name)) return null
	}
	return request.url
}

/** A page with its per-visitor parts cut out: `parts` (UTF-8 bytes) around the places where `slots` go. */
export type PageTemplate = { parts: Buffer[]; slots: Array<'nonce' | 'csrf'>; tag: string; bytes: number }

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function hash(text: string): string {
	return createHash('sha1').update(text).digest('base64url')
}

/** Cuts the nonce and the CSRF token out of a rendered page. */
export function toTemplate(html: string, nonce: string, csrfToken: string): PageTemplate {
	const pieces = html.split(new RegExp(`(${[nonce, csrfToken].filter(Boolean).map(escapeRegExp).join('|')})`))
	const texts: string[] = []
	const slots: Array<'nonce' | 'csrf'> = []
	pieces.forEach((piece, i) => {
		if (i % 2 === 0) texts.push(piece)
		else slots.push(piece === nonce ? 'nonce' : 'csrf')
	})
	const parts = texts.map((t) => Buffer.from(t, 'utf8'))
	return {
		parts,
		slots,
		tag: hash(`${texts.join('\u0000')}|${slots.join(',')}`),
		bytes: parts.reduce((sum, p) => sum + p.length, 0),
	}
}

/** The page for one response, in pieces: the fixed parts with this response's nonce and this visitor's token between. */
export function fillPieces(template: PageTemplate, nonce: string, csrfToken: string): Buffer[] {
	const n = Buffer.from(nonce)
	const c = Buffer.from(csrfToken)
	const all: Buffer[] = []
	template.parts.forEach((part, i) => {
		if (i > 0) all.push(template.slots[i - 1] === 'nonce' ? n : c)
		all.push(part)
	})
	return all
}

/** The page for one response as one buffer. */
export function fill(template: PageTemplate, nonce: string, csrfToken: string): Buffer {
	return Buffer.concat(fillPieces(template, nonce, csrfToken))
}

/**
 * The page gzipped without compressing it again for each answer: each fixed part is deflated once when the page is
 * kept (ending byte-aligned, `Z_SYNC_FLUSH`), and each answer puts its nonce and token between them as stored
 * (uncompressed) deflate blocks, then an empty final block and the gzip trailer (CRC-32 and length of the whole page).
 * Any gzip reader sees one ordinary stream (RFC 1951 3.2.4, RFC 1952).
 */
export function deflateParts(parts: Buffer[]): GzipParts {
	return {
		deflated: parts.map((part) => deflateRawSync(part, { finishFlush: constants.Z_SYNC_FLUSH })),
		// Node 20's crc32 answers 0 for some empty buffers instead of the running value: empty parts get 0 themselves.
		crcs: parts.map((part) => (part.length > 0 ? crc32(part) : 0)),
		shifts: parts.map((part) => crcShift(part.length)),
	}
}

/**
 * Each fixed part deflated, and its CRC-32 and length shift kept too, so that an answer combines the parts' CRCs
 * instead of reading the whole page again (a CRC over a search page's 90 KB cost about as much as writing it).
 */
export type GzipParts = { deflated: Buffer[]; crcs: number[]; shifts: number[] }

const CRC_POLY = 0xedb88320

/** a(x)·b(x) modulo the CRC-32 polynomial, bits reflected (zlib's multmodp). */
function multModP(a: number, b: number): number {
	let product = 0
	for (let m = 0x80000000; m !== 0; m >>>= 1) {
		if (a & m) product ^= b
		b = b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1
	}
	return product >>> 0
}

/** x^(2^n) modulo the polynomial, for n = 0..31. */
const X2N: number[] = [0x40000000]
for (let n = 1; n < 32; n++) X2N.push(multModP(X2N[n - 1]!, X2N[n - 1]!))

/** x^(8·bytes) modulo the polynomial: what carries a CRC past `bytes` more bytes (zlib's x2nmodp(bytes, 3)). */
export function crcShift(bytes: number): number {
	let p = 0x80000000
	for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k % 32]!, p)
	return p
}

/** The CRC-32 of A then B, from A's CRC, B's CRC and B's shift (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, shiftB: number): number {
	return (multModP(shiftB, crcA) ^ crcB) >>> 0
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
// BFINAL=1, BTYPE=00 (stored), length 0.
const FINAL_EMPTY_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff])

function storedBlock(data: Buffer): Buffer[] {
	if (data.length === 0) return []
	const head = Buffer.alloc(5)
	head[0] = 0 // BFINAL=0, BTYPE=00; the stream is byte-aligned after each sync-flushed part
	head.writeUInt16LE(data.length, 1)
	head.writeUInt16LE(~data.length & 0xffff, 3)
	return [head, data]
}

/** The gzipped page for one response, in pieces (see above). */
export function fillGzipPieces(template: PageTemplate, gzip: GzipParts, nonce: string, csrfToken: string): Buffer[] {
	const n = Buffer.from(nonce)
	const c = Buffer.from(csrfToken)
	const all: Buffer[] = [GZIP_HEADER]
	let crc = 0
	let length = 0
	template.parts.forEach((part, i) => {
		if (i > 0) {
			const slot = template.slots[i - 1] === 'nonce' ? n : c
			all.push(...storedBlock(slot))
			// A nonce or token is short: read it, carrying on from the CRC so far.
			if (slot.length > 0) crc = crc32(slot, crc)
			length += slot.length
		}
		all.push(gzip.deflated[i] as Buffer)
		if (part.length > 0) crc = crc32Combine(crc, gzip.crcs[i]!, gzip.shifts[i]!)
		length += part.length
	})
	const trailer = Buffer.alloc(8)
	trailer.writeUInt32LE(crc >>> 0, 0)
	trailer.writeUInt32LE(length >>> 0, 4)
	all.push(FINAL_EMPTY_BLOCK, trailer)
	return all
}

/** The gzipped page for one response as one buffer. */
export function fillGzip(template: PageTemplate, gzip: GzipParts, nonce: string, csrfToken: string): Buffer {
	return Buffer.concat(fillGzipPieces(template, gzip, nonce, csrfToken))
}

/**
 * Sends a body given in pieces without copying them into one buffer (a search page is 100 KiB: a copy for each
 * answer made most of its garbage collection): the socket is corked while they are written, so they leave in one
 * system call, as one buffer would.
 */
function sendPieces(res: ServerResponse, pieces: Buffer[], head: boolean) {
	let length = 0
	for (const piece of pieces) length += piece.length
	res.setHeader('Content-Length', length)
	if (head) return void res.end()
	res.cork()
	for (const piece of pieces) if (piece.length > 0) res.write(piece)
	res.end()
	res.uncork()
}

/** True when the request's Accept-Encoding allows gzip (present, and not q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
	const value = Array.isArray(header) ? header.join(',') : (header ?? '')
	return value.split(',').some((item) => {
		const [name, ...params] = item.trim().toLowerCase().split(';')
		if (name?.trim() !== 'gzip' && name?.trim() !== '*') return false
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
		return !q || Number(q.slice(2)) > 0
	})
}

/** The page's validator: the same content for the same browser (its token is in the page) gives the same tag. */
export function etagFor(template: PageTemplate, csrfToken: string): string {
	return `W/"${template.tag}.${hash(csrfToken).slice(0, 10)}"`
}

/** True when an If-None-Match header names this tag (weak comparison, RFC 9110 13.1.2). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false
	const bare = etag.replace(/^W\//, '')
	return ifNoneMatch.split(',').some((t) => {
		const tag = t.trim()
		return tag === '*' || tag.replace(/^W\//, '') === bare
	})
}

type Entry = { template: PageTemplate; gzip: GzipParts; contentType: string; storedAt: number; bytes: number }

export type VisitorCsrf = { token: string; setCookie: string | null; cookiePair: string | null }

export type PageCacheOptions = {
	/** Bytes of pages kept (0: none, but ETag/304 still work). */
	maxBytes: number
	/** The content version is read from the database at most this often (ms); 0 asks on every request. */
	checkMs: number
	/** A page is kept at most this long (ms). */
	ttlMs: number
	/** The committed public content version (app/domain/providers/outbox.server.ts). */
	contentVersion: () => Promise<string>
	/** The visitor's CSRF token from their Cookie header, or a new one (app/utils/csrf.server.ts). */
	csrf: (cookieHeader: string | undefined) => Promise<VisitorCsrf>
	/** Sets the security headers and returns the nonce (server/http-security.ts); without it, no answer before Express. */
	securityHeaders?: (req: IncomingMessage, res: ServerResponse, path: string) => string
	now?: () => number
}

const CACHE_CONTROL = 'private, no-cache'

/** The request's Cookie header with its `bm_csrf` replaced by the new browser id's. */
function withCsrfCookie(header: string | undefined, pair: string): string {
	const name = pair.slice(0, pair.indexOf('=') + 1)
	const kept = (header ?? '').split(/;\s*/).filter((c) => c && !c.startsWith(name))
	return [...kept, pair].join('; ')
}

export type PageCache = ((req: Request, res: Response, next: NextFunction) => void) & {
	/** Answers a kept page before Express; false or a promise of false when Express must answer. */
	answerBeforeExpress(req: IncomingMessage, res: ServerResponse): Promise<boolean> | false
	/** Pages kept now, and their bytes (for tests and benchmarks). */
	stats(): { pages: number; bytes: number }
}

export function pageCache(options: PageCacheOptions): PageCache {
	const now = options.now ?? Date.now
	const store =
		options.maxBytes > 0
			? new LRUCache<string, Entry>({
					maxSize: options.maxBytes,
					// One page may take at most a quarter of the cache, so a huge one cannot empty it.
					maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 4)),
					sizeCalculation: (e) => e.bytes,
					ttl: options.ttlMs,
				})
			: null

	// What this process knows of the content version; `generation` counts the times its pages were dropped.
	let version: string | null = null
	let checkedAt = -Infinity
	let generation = 0
	let checking: Promise<void> | null = null

	function drop() {
		generation++
		store?.clear()
	}

	/** Brings `version` up to date when it is older than checkMs; on a database error nothing is served or kept. */
	function checkVersion(): Promise<void> | null {
		if (now() - checkedAt < options.checkMs && version !== null) return null
		checking ??= options
			.contentVersion()
			.then(
				(v) => {
					if (v !== version) {
						version = v
						drop()
					}
					checkedAt = now()
				},
				() => {
					version = null
					drop()
				},
			)
			.finally(() => {
				checking = null
			})
		return checking
	}

	const middleware = (req: Request, res: Response, next: NextFunction) => {
		const key = cacheKey({ method: req.method, path: req.path, url: req.originalUrl, headers: req.headers })
		if (key === null) return next()
		const pending = checkVersion()
		const go = () => {
			const csrf = options.csrf(req.headers.cookie)
			void csrf.then((visitor) => serve(key, visitor, req, res, next), next)
		}
		if (pending) void pending.then(go)
		else go()
	}

	function serve(key: string, visitor: VisitorCsrf, req: Request, res: Response, next: NextFunction) {
		const nonce = String(res.locals.cspNonce ?? '')
		const entry = version !== null ? store?.get(key) : undefined
		if (visitor.setCookie) res.append('Set-Cookie', visitor.setCookie)
		if (entry) return answerHit(entry, visitor, nonce, req, res)
		// A miss: Remix renders the page with this visitor's token (a new browser's id is put in the request, so the
		// page sets no cookie of its own), and the answer is held back until complete to be kept and tagged.
		if (visitor.cookiePair) req.headers.cookie = withCsrfCookie(req.headers.cookie, visitor.cookiePair)
		const startedIn = generation
		const chunks: Buffer[] = []
		const write = res.write.bind(res) as (chunk: unknown) => boolean
		const end = res.end.bind(res) as (chunk?: unknown) => Response
		const collect = (chunk: unknown, encoding?: unknown) => {
			if (chunk === undefined || chunk === null || typeof chunk === 'function') return
			chunks.push(
				typeof chunk === 'string'
					? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
					: Buffer.from(chunk as Uint8Array),
			)
		}
		res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
			collect(chunk, encoding)
			const cb = [encoding, callback].find((f) => typeof f === 'function') as (() => void) | undefined
			cb?.()
			return true
		}) as Response['write']
		res.end = ((chunk?: unknown, encoding?: unknown) => {
			collect(chunk, encoding)
			res.write = write as Response['write']
			res.end = end as Response['end']
			const body = Buffer.concat(chunks)
			const contentType = String(res.getHeader('Content-Type') ?? '')
			// Set-Cookie from the page itself (anything but the CSRF cookie added above) makes it someone's.
			const ownCookies = ([] as string[])
				.concat((res.getHeader('Set-Cookie') as string[] | string | undefined) ?? [])
				.filter((c) => c !== visitor.setCookie)
			if (res.statusCode !== 200 || !contentType.startsWith('text/html') || ownCookies.length > 0) return end(body)
			const template = toTemplate(body.toString('utf8'), nonce, visitor.token)
			const etag = etagFor(template, visitor.token)
			res.set({ ETag: etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Cookie', 'X-Cache': store ? 'miss' : 'off' })
			if (store && req.method === 'GET' && generation === startedIn && version !== null) {
				const gzip = deflateParts(template.parts)
				const bytes = template.bytes + gzip.deflated.reduce((sum, d) => sum + d.length, 0) + 144 * template.parts.length
				store.set(key, { template, gzip, contentType, storedAt: now(), bytes })
			}
			if (matches(req.headers['if-none-match'], etag)) return notModified(res, end)
			return end(body)
		}) as Response['end']
		next()
	}

	/** A kept page for this visitor: plain setHeader calls, so it serves Express and bare Node responses alike. */
	function answerHit(entry: Entry, visitor: VisitorCsrf, nonce: string, req: IncomingMessage, res: ServerResponse) {
		const etag = etagFor(entry.template, visitor.token)
		res.setHeader('ETag', etag)
		res.setHeader('Cache-Control', CACHE_CONTROL)
		res.setHeader('Vary', 'Cookie, Accept-Encoding')
		res.setHeader('X-Cache', 'hit')
		res.setHeader('Age', String(Math.floor((now() - entry.storedAt) / 1000)))
		if (matches(req.headers['if-none-match'], etag)) return notModified(res)
		const gzip = acceptsGzip(req.headers['accept-encoding'])
		const pieces = gzip
			? fillGzipPieces(entry.template, entry.gzip, nonce, visitor.token)
			: fillPieces(entry.template, nonce, visitor.token)
		res.statusCode = 200
		res.setHeader('Content-Type', entry.contentType)
		if (gzip) res.setHeader('Content-Encoding', 'gzip')
		sendPieces(res, pieces, req.method === 'HEAD')
	}

	function notModified(res: ServerResponse, end: (chunk?: unknown) => unknown = res.end.bind(res)) {
		// The browser keeps the policy stored with its copy: a new nonce here would no longer match that copy's scripts.
		res.removeHeader('Content-Security-Policy')
		res.removeHeader('Content-Type')
		res.removeHeader('Content-Length')
		res.statusCode = 304
		end()
	}

	/**
	 * The answer before Express (server/index.ts): a kept page is sent with the same security headers the Express
	 * middleware sets, without Express's routing, compression or Remix. False (at once, when the request is not one
	 * the cache may answer) sends the request on to Express, which renders it and keeps it.
	 */
	function answerBeforeExpress(req: IncomingMessage, res: ServerResponse): Promise<boolean> | false {
		const setSecurityHeaders = options.securityHeaders
		if (!store || !setSecurityHeaders) return false
		const url = req.url ?? '/'
		const q = url.indexOf('?')
		const path = q >= 0 ? url.slice(0, q) : url
		if (urlRefusal(url)) return false
		const key = cacheKey({ method: req.method ?? '', path, url, headers: req.headers })
		if (key === null) return false
		// A page not kept while the version is fresh goes straight on to be rendered.
		if (version !== null && now() - checkedAt < options.checkMs && !store.has(key)) return false
		return (async () => {
			await checkVersion()
			const entry = version !== null ? store.get(key) : undefined
			if (!entry) return false
			const visitor = await options.csrf(req.headers.cookie)
			const nonce = setSecurityHeaders(req, res, path)
			if (visitor.setCookie) res.setHeader('Set-Cookie', [visitor.setCookie])
			answerHit(entry, visitor, nonce, req, res)
			return true
		})()
	}

	return Object.assign(middleware, {
		answerBeforeExpress,
		stats: () => ({ pages: store?.size ?? 0, bytes: store?.calculatedSize ?? 0 }),
	})
}

/** The cache as the server runs it: sized and timed by PAGE_CACHE_* (app/utils/env.server.ts), on the app's database. */
export function publicPageCache(): PageCache {
	const env = getEnv()
	return pageCache({
		maxBytes: env.PAGE_CACHE_MAX_BYTES ?? 4 * 1024 * 1024,
		checkMs: env.PAGE_CACHE_CHECK_MS ?? 1000,
		ttlMs: env.PAGE_CACHE_TTL_MS ?? 60_000,
		contentVersion: () => publicContentVersion(getDb().prisma),
		csrf: csrfForCookieHeader,
		securityHeaders: securityHeadersSetter({ publicOrigin: publicOrigin() }),
	})
}
