/**
 * The public page cache (server/page-cache.ts, ADR 027) in front of a stand-in for Remix, over real HTTP on a free
 * port: what is kept, for whom, the per-response nonce and per-browser CSRF token, ETag/304, and invalidation.
 * The whole app behind it is tested in tests/e2e/page-cache.test.ts.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32, gunzipSync } from 'node:zlib'
import express from 'express'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { securityHeaders, securityHeadersSetter } from '../../server/http-security.ts'
import {
	acceptsGzip,
	cacheKey,
	crc32Combine,
	crcShift,
	deflateParts,
	etagFor,
	fill,
	fillGzip,
	matches,
	pageCache,
	toTemplate,
	type PageCache,
} from '../../server/page-cache.ts'

const get = (url: string) => ({ method: 'GET', path: url.split('?')[0] ?? url, url, headers: {} })

describe('which requests may use the cache', () => {
	it('takes anonymous GET and HEAD requests of the public pages', () => {
		for (const url of [
			'/',
			'/search?q=cleaner&near=Leicester&kind=pa&kind=org',
			'/providers?page=2',
			'/providers/amy-b-1',
		])
			expect(cacheKey(get(url))).toBe(url)
		expect(cacheKey({ ...get('/'), method: 'HEAD' })).toBe('/')
	})

	it('refuses signed-in people, someone acting for another, other methods, other pages and unknown parameters', () => {
		expect(cacheKey({ ...get('/'), headers: { cookie: 'bm_csrf=x; bm_session=abc' } })).toBeNull()
		expect(cacheKey({ ...get('/'), headers: { cookie: 'bm_acting=abc' } })).toBeNull()
		expect(cacheKey({ ...get('/'), headers: { authorization: 'Basic x' } })).toBeNull()
		expect(cacheKey({ ...get('/'), method: 'POST' })).toBeNull()
		for (const url of [
			'/?x=1',
			'/search?q=a&_data=routes%2Fsearch',
			'/search?utm_source=mail',
			'/providers?sort=price',
			'/providers/amy/book',
			'/providers/Amy',
			'/home',
			'/login',
			'/compare?ids=a',
		])
			expect(cacheKey(get(url)), url).toBeNull()
		expect(cacheKey({ ...get('/'), headers: { cookie: 'bm_csrf=x; theme=dark' } })).toBe('/')
	})
})

describe('templates', () => {
	it('cuts out the nonce and the token and puts new ones back', () => {
		const html = '<script nonce="N1">{"csrfToken":"T1"}</script><p>N1 T1</p>'
		const t = toTemplate(html, 'N1', 'T1')
		expect(t.slots).toEqual(['nonce', 'csrf', 'nonce', 'csrf'])
		expect(fill(t, 'N2', 'T2').toString()).toBe('<script nonce="N2">{"csrfToken":"T2"}</script><p>N2 T2</p>')
		expect(fill(t, 'N1', 'T1').toString()).toBe(html)
	})

	it('tags the same content the same for one browser, differently for another browser or other content', () => {
		const a = toTemplate('<p nonce="N1">x T1</p>', 'N1', 'T1')
		const b = toTemplate('<p nonce="N9">x T9</p>', 'N9', 'T9')
		const c = toTemplate('<p nonce="N1">y T1</p>', 'N1', 'T1')
		expect(etagFor(a, 'T1')).toBe(etagFor(b, 'T1'))
		expect(etagFor(a, 'T1')).not.toBe(etagFor(a, 'T2'))
		expect(etagFor(a, 'T1')).not.toBe(etagFor(c, 'T1'))
		expect(etagFor(a, 'T1')).toMatch(/^W\/"/)
	})

	it("gzips a page from its parts deflated once and this answer's nonce and token, readable by any gzip reader", () => {
		const big = 'x'.repeat(70_000) + 'y'.repeat(5000)
		for (const html of [
			'<script nonce="N1">{"csrfToken":"T1"}</script><p>N1 T1</p>',
			'N1 starts and T1 ends: T1',
			`<p>${big} N1 ${big}</p>`,
			'nothing to fill',
		]) {
			const t = toTemplate(html, 'N1', 'T1')
			const zipped = fillGzip(t, deflateParts(t.parts), 'nonce-two', 'token-two-longer-than-before')
			expect(gunzipSync(zipped).toString(), html.slice(0, 40)).toBe(
				fill(t, 'nonce-two', 'token-two-longer-than-before').toString(),
			)
		}
	})

	it("combines CRC-32s as zlib's crc32_combine does: the CRC of A then B from A's, B's and B's length", () => {
		const a = Buffer.from('<p>the fixed part before a slot</p>'.repeat(50))
		for (const b of [Buffer.from('x'), Buffer.from('ab'), Buffer.alloc(70_001, 'y'), Buffer.from('token-'.repeat(9))]) {
			expect(crc32Combine(crc32(a), crc32(b), crcShift(b.length))).toBe(crc32(Buffer.concat([a, b])))
			expect(crc32Combine(0, crc32(b), crcShift(b.length))).toBe(crc32(b))
		}
		expect(crc32Combine(crc32(a), 0, crcShift(0))).toBe(crc32(a))
	})

	it('reads Accept-Encoding: gzip unless refused with q=0', () => {
		expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true)
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true)
		expect(acceptsGzip('*')).toBe(true)
		expect(acceptsGzip('gzip;q=0')).toBe(false)
		expect(acceptsGzip('identity')).toBe(false)
		expect(acceptsGzip(undefined)).toBe(false)
	})

	it('compares If-None-Match weakly, in a list or as *', () => {
		expect(matches('W/"a.b"', 'W/"a.b"')).toBe(true)
		expect(matches('"x", "a.b"', 'W/"a.b"')).toBe(true)
		expect(matches('*', 'W/"a.b"')).toBe(true)
		expect(matches('W/"a.c"', 'W/"a.b"')).toBe(false)
		expect(matches(undefined, 'W/"a.b"')).toBe(false)
	})
})

// A stand-in for Remix: the page shows the request's nonce, the browser's token (from its bm_csrf cookie, or a new one
// with a cookie, as the root loader does) and the content of the moment; /providers/gone answers 404 and /providers/who
// sets a cookie of its own.
let content = 'first'
let renders = 0
let version = 1
let versionFails = false
let renderDelay: Promise<void> | null = null
let mints = 0
let throughExpress = 0
let base = ''
let close = () => {}
let cache: PageCache
const options = { maxBytes: 1024 * 1024, checkMs: 0, ttlMs: 60_000 }

function tokenOf(cookie: string | undefined): string | null {
	return /(?:^|;\s*)bm_csrf=([^;]+)/.exec(cookie ?? '')?.[1] ?? null
}

/** The stand-in app; `beforeExpress` listens as server/index.ts does, answering kept pages before Express. */
function startApp(opts: typeof options, beforeExpress = false) {
	const app = express()
	app.use((_req, _res, next) => {
		throughExpress++
		next()
	})
	app.use(securityHeaders({ publicOrigin: 'http://localhost' }))
	cache = pageCache({
		...opts,
		securityHeaders: securityHeadersSetter({ publicOrigin: 'http://localhost' }),
		contentVersion: () => (versionFails ? Promise.reject(new Error('down')) : Promise.resolve(String(version))),
		csrf: (cookie) => {
			const id = tokenOf(cookie)
			if (id) return Promise.resolve({ token: `tok-${id}`, setCookie: null, cookiePair: null })
			const fresh = `id${++mints}`
			return Promise.resolve({
				token: `tok-${fresh}`,
				setCookie: `bm_csrf=${fresh}; Path=/`,
				cookiePair: `bm_csrf=${fresh}`,
			})
		},
	})
	app.use(cache)
	app.get('*', async (req, res) => {
		renders++
		const shown = content
		if (renderDelay) await renderDelay
		const id = tokenOf(req.headers.cookie)
		if (!id) res.append('Set-Cookie', 'bm_csrf=fromremix; Path=/')
		if (req.path === '/providers/who') res.append('Set-Cookie', 'seen=1')
		const nonce = String(res.locals.cspNonce)
		res.status(req.path === '/providers/gone' ? 404 : 200).type('text/html')
		res.write(`<html><script nonce="${nonce}">window.ctx={"csrfToken":"tok-${id ?? 'fromremix'}"}</script>`)
		res.end(`<p>${shown} at ${req.originalUrl}</p></html>`)
	})
	const server = beforeExpress
		? http
				.createServer((req, res) => {
					const answered = cache.answerBeforeExpress(req, res)
					if (answered === false) return void app(req, res)
					void answered.then((done) => done || app(req, res))
				})
				.listen(0)
		: app.listen(0)
	return new Promise<void>((resolve) =>
		server.once('listening', () => {
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
			close = () => server.close()
			resolve()
		}),
	)
}

const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('Content-Security-Policy') ?? '')?.[1]

describe.each([
	['through Express', false],
	['answered before Express', true],
])('serving pages from the cache (%s)', (_name, beforeExpress) => {
	beforeAll(() => startApp(options, beforeExpress))
	afterAll(() => close())
	beforeEach(() => {
		content = 'first'
		version++
	})

	it('renders an anonymous page once and then serves it with a fresh nonce in header and body', async () => {
		const first = await fetch(`${base}/providers/amy`)
		expect(first.headers.get('X-Cache')).toBe('miss')
		const firstBody = await first.text()
		const rendersAfterFirst = renders
		const expressBefore = throughExpress
		const second = await fetch(`${base}/providers/amy`)
		const third = await fetch(`${base}/providers/amy`)
		expect(renders).toBe(rendersAfterFirst)
		// Listening as server/index.ts does, a kept page never reaches Express.
		expect(throughExpress - expressBefore).toBe(beforeExpress ? 0 : 2)
		for (const [r, body] of [
			[second, await second.text()],
			[third, await third.text()],
		] as const) {
			expect(r.status).toBe(200)
			expect(r.headers.get('X-Cache')).toBe('hit')
			expect(r.headers.get('Age')).toMatch(/^\d+$/)
			expect(r.headers.get('Cache-Control')).toBe('private, no-cache')
			expect(r.headers.get('Content-Type')).toMatch(/^text\/html/)
			expect(r.headers.get('X-Frame-Options')).toBe('DENY')
			// fetch asks for gzip, as browsers do: the kept page is sent gzipped, with this answer's nonce inside.
			expect(r.headers.get('Content-Encoding')).toBe('gzip')
			expect(body).toContain(`nonce="${nonceOf(r)}"`)
			expect(body).toContain('first at /providers/amy')
		}
		expect(nonceOf(second)).not.toBe(nonceOf(third))
		expect(nonceOf(first)).not.toBe(nonceOf(second))
		expect(firstBody).toContain(`nonce="${nonceOf(first)}"`)
	})

	it("gives each browser its own CSRF token: a returning browser's, or a new one with its cookie", async () => {
		await fetch(`${base}/`, { headers: { Cookie: 'bm_csrf=alice' } })
		const bob = await fetch(`${base}/`, { headers: { Cookie: 'bm_csrf=bob' } })
		expect(bob.headers.get('X-Cache')).toBe('hit')
		expect(bob.headers.get('Set-Cookie')).toBeNull()
		const bobBody = await bob.text()
		expect(bobBody).toContain('"csrfToken":"tok-bob"')
		expect(bobBody).not.toContain('alice')
		const newcomer = await fetch(`${base}/`)
		const cookie = newcomer.headers.get('Set-Cookie') ?? ''
		expect(cookie).toMatch(/^bm_csrf=id\d+; Path=\/$/)
		expect(await newcomer.text()).toContain(`"csrfToken":"tok-${/bm_csrf=([^;]+)/.exec(cookie)?.[1]}"`)
	})

	it('sends a kept page whole, with its length, to a client that does not take gzip, and only headers to HEAD', async () => {
		const raw = (method: string) =>
			new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
				const req = http.request(`${base}/providers/plain`, { method, headers: { Cookie: 'bm_csrf=bob' } }, (res) => {
					const chunks: Buffer[] = []
					res.on('data', (c: Buffer) => chunks.push(c))
					res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
				})
				req.on('error', reject)
				req.end()
			})
		const first = await raw('GET')
		const hit = await raw('GET')
		expect(hit.headers['x-cache']).toBe('hit')
		expect(hit.headers['content-encoding']).toBeUndefined()
		const nonce = /'nonce-([^']+)'/.exec(String(hit.headers['content-security-policy']))?.[1] ?? ''
		expect(hit.body).toBe(first.body.replaceAll(/nonce="[^"]+"/g, `nonce="${nonce}"`))
		expect(Number(hit.headers['content-length'])).toBe(Buffer.byteLength(hit.body))
		const head = await raw('HEAD')
		expect(head.headers['x-cache']).toBe('hit')
		expect(head.headers['content-length']).toBe(hit.headers['content-length'])
		expect(head.body).toBe('')
	})

	it('stores the first page of a new browser without its cookie: the cache, not the page, gives the cookie', async () => {
		const newcomer = await fetch(`${base}/providers?page=3`)
		expect(newcomer.headers.get('X-Cache')).toBe('miss')
		expect(newcomer.headers.getSetCookie()).toHaveLength(1)
		expect(newcomer.headers.get('Set-Cookie')).toMatch(/^bm_csrf=id\d+/)
		expect((await fetch(`${base}/providers?page=3`)).headers.get('X-Cache')).toBe('hit')
	})

	it('never serves or keeps a page for someone signed in', async () => {
		await fetch(`${base}/search?q=tea`)
		const before = renders
		const signedIn = await fetch(`${base}/search?q=tea`, { headers: { Cookie: 'bm_session=s1; bm_csrf=bob' } })
		expect(signedIn.headers.get('X-Cache')).toBeNull()
		expect(signedIn.headers.get('Cache-Control')).toBe('no-store')
		expect(signedIn.headers.get('ETag')).toBeNull()
		expect(renders).toBe(before + 1)
	})

	it('keeps no error page, no page that sets its own cookie, and no page with a parameter it does not read', async () => {
		for (const path of ['/providers/gone', '/providers/who', '/search?q=tea&x=1']) {
			await fetch(`${base}${path}`, { headers: { Cookie: 'bm_csrf=bob' } })
			const before = renders
			const again = await fetch(`${base}${path}`, { headers: { Cookie: 'bm_csrf=bob' } })
			expect(again.headers.get('X-Cache'), path).not.toBe('hit')
			expect(renders, path).toBe(before + 1)
		}
		expect((await fetch(`${base}/providers/who`)).headers.getSetCookie()).toContain('seen=1')
	})

	it('answers If-None-Match with 304 and no CSP (the browser keeps the policy that matches its copy)', async () => {
		const first = await fetch(`${base}/providers/amy`, { headers: { Cookie: 'bm_csrf=bob' } })
		const etag = first.headers.get('ETag') ?? ''
		expect(etag).toMatch(/^W\//)
		const again = await fetch(`${base}/providers/amy`, { headers: { Cookie: 'bm_csrf=bob', 'If-None-Match': etag } })
		expect(again.status).toBe(304)
		expect(again.headers.get('Content-Security-Policy')).toBeNull()
		expect(again.headers.get('ETag')).toBe(etag)
		expect(again.headers.get('X-Frame-Options')).toBe('DENY')
		expect(await again.text()).toBe('')
		// Another browser (or one whose cookie was lost) has another token in its page: a whole new page.
		const other = await fetch(`${base}/providers/amy`, { headers: { Cookie: 'bm_csrf=eve', 'If-None-Match': etag } })
		expect(other.status).toBe(200)
		content = 'second'
		version++
		const changed = await fetch(`${base}/providers/amy`, { headers: { Cookie: 'bm_csrf=bob', 'If-None-Match': etag } })
		expect(changed.status).toBe(200)
		expect(await changed.text()).toContain('second')
	})

	it('drops every page when the content version moves', async () => {
		await fetch(`${base}/`)
		expect((await fetch(`${base}/`)).headers.get('X-Cache')).toBe('hit')
		content = 'second'
		expect(await (await fetch(`${base}/`)).text()).toContain('first') // the version has not moved
		version++
		const after = await fetch(`${base}/`)
		expect(after.headers.get('X-Cache')).toBe('miss')
		expect(await after.text()).toContain('second')
		expect(cache.stats().pages).toBe(1)
	})

	it('does not keep a page whose rendering began before the version moved', async () => {
		let release = () => {}
		renderDelay = new Promise((r) => (release = r))
		const slow = fetch(`${base}/search?q=slow`)
		await new Promise((r) => setTimeout(r, 50))
		content = 'second'
		version++
		renderDelay = null
		await fetch(`${base}/providers/other`) // another request sees the new version
		release()
		expect(await (await slow).text()).toContain('first')
		const next = await fetch(`${base}/search?q=slow`)
		expect(next.headers.get('X-Cache')).toBe('miss')
		expect(await next.text()).toContain('second')
	})

	it('serves and keeps nothing while the version cannot be read', async () => {
		versionFails = true
		try {
			await fetch(`${base}/providers/down`)
			const again = await fetch(`${base}/providers/down`)
			expect(again.status).toBe(200)
			expect(again.headers.get('X-Cache')).toBe('miss')
			expect(cache.stats().pages).toBe(0)
		} finally {
			versionFails = false
		}
	})
})

describe('with the cache off', () => {
	beforeAll(() => startApp({ ...options, maxBytes: 0 }))
	afterAll(() => close())

	it('still tags pages and answers 304, rendering every time', async () => {
		const first = await fetch(`${base}/providers/amy`, { headers: { Cookie: 'bm_csrf=bob' } })
		expect(first.headers.get('X-Cache')).toBe('off')
		const before = renders
		const again = await fetch(`${base}/providers/amy`, {
			headers: { Cookie: 'bm_csrf=bob', 'If-None-Match': first.headers.get('ETag') ?? '' },
		})
		expect(again.status).toBe(304)
		expect(again.headers.get('Content-Security-Policy')).toBeNull()
		expect(renders).toBe(before + 1)
		expect(cache.stats()).toEqual({ pages: 0, bytes: 0 })
	})
})
