/**
 * server/remix-handler.ts: a page answered without Express gets what Express and `@remix-run/express` gave it: the
 * same web Request (address, host and protocol under each `trust proxy` setting), the same visitor address, the same
 * status, headers and body, and Express's own 500 page when the answer fails (issue 14, ADR 031). Each request is sent
 * to two servers sharing one Express app: one through Express (`viaExpress`), one without it (`answer`).
 */
import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { afterAll, describe, expect, it } from 'vitest'
import { securityHeaders, securityHeadersSetter } from '../../server/http-security.ts'
import { remixFailures, remixHandler, remixOnlyPath } from '../../server/remix-handler.ts'

/** A build of one page for every address: its loader returns what it was given; the entry answers it as JSON, with two cookies. */
const build = {
	mode: 'production',
	future: {},
	isSpaMode: false,
	publicPath: '/build/',
	assetsBuildDirectory: 'public/build',
	assets: { version: 'test', url: '/build/manifest.js', entry: { module: '', imports: [] }, routes: {} },
	routes: {
		root: { id: 'root', path: '', module: { default: () => null } },
		page: {
			id: 'page',
			parentId: 'root',
			path: '*',
			module: {
				default: () => null,
				loader: ({ request, context }: { request: Request; context: Record<string, unknown> }) => ({
					url: request.url,
					clientIp: context.clientIp,
					nonceGiven: typeof context.cspNonce === 'string' && context.cspNonce.length > 0,
				}),
			},
		},
	},
	entry: {
		module: {
			default: (
				_request: Request,
				status: number,
				headers: Headers,
				context: { staticHandlerContext: { loaderData: Record<string, unknown> } },
			) => {
				headers.set('Content-Type', 'text/html')
				headers.append('Set-Cookie', 'a=1; Path=/')
				headers.append('Set-Cookie', 'b=2; Path=/')
				const body = JSON.stringify(context.staticHandlerContext.loaderData.page).padEnd(2000, ' ')
				return new Response(body, { status, headers })
			},
		},
	},
} as unknown as ServerBuild

const closers: Array<() => void> = []
afterAll(() => closers.forEach((close) => close()))

async function listen(handler: http.RequestListener): Promise<number> {
	const server = http.createServer(handler).listen(0, '127.0.0.1')
	await new Promise((r) => server.once('listening', r))
	closers.push(() => server.close())
	return (server.address() as AddressInfo).port
}

/** The same app served through Express and without it; `trust` is the app's `trust proxy` setting. */
async function servers(trust: string | number | undefined) {
	const app = express()
	app.disable('x-powered-by')
	if (trust !== undefined) app.set('trust proxy', trust)
	app.use(remixFailures())
	app.use(securityHeaders({ publicOrigin: 'http://localhost' }))
	app.use(compression())
	const remix = remixHandler({
		app,
		build,
		securityHeaders: securityHeadersSetter({ publicOrigin: 'http://localhost' }),
	})
	app.all('*', (req, res, next) => void remix.viaExpress(req, res, next))
	const viaExpress = await listen(app)
	const withoutExpress = await listen((req, res) => remix.answer(req, res, (req.url ?? '/').split('?')[0] ?? '/'))
	return { viaExpress, withoutExpress }
}

type Answer = { status: number; message: string; headers: Record<string, string | string[] | undefined>; body: string }

function get(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
	return new Promise((resolve, reject) => {
		// Both servers are asked for the same host (their ports differ).
		const sent = { host: 'app.example:3000', ...headers }
		const req = http.request({ host: '127.0.0.1', port, path, headers: sent, agent: false }, (res) => {
			const chunks: Buffer[] = []
			res.on('data', (c: Buffer) => chunks.push(c))
			res.on('end', () => {
				const { date: _date, 'content-security-policy': csp, ...rest } = res.headers
				resolve({
					status: res.statusCode ?? 0,
					message: res.statusMessage ?? '',
					headers: { ...rest, 'content-security-policy': String(csp).replace(/'nonce-[^']+'/, 'nonce') },
					body: Buffer.concat(chunks).toString('latin1'),
				})
			})
		})
		req.on('error', reject)
		req.end()
	})
}

const requests: Array<[string, Record<string, string>]> = [
	['/x', {}],
	['/x?y=1&index=2', { host: 'example.org:8080' }],
	['/caf%C3%A9', { host: '[::1]:3000', cookie: 'bm_session=a' }],
	[
		'/x',
		{ 'x-forwarded-for': '203.0.113.7', 'x-forwarded-host': 'shop.example.org:8443', 'x-forwarded-proto': 'https' },
	],
	['/x', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 127.0.0.1' }],
	[
		'/x',
		{
			'x-forwarded-for': '203.0.113.7',
			'x-forwarded-host': 'a.example, b.example',
			'x-forwarded-proto': 'https, http',
		},
	],
	['/x', { 'x-forwarded-host': 'a.example', 'accept-encoding': 'gzip' }],
	['/x', { 'accept-encoding': 'gzip, deflate, br' }],
]

describe('a page answered without Express', () => {
	for (const trust of [undefined, 'loopback', 1, '10.0.0.0/8']) {
		it(`gets the request, address and answer it got through Express (trust proxy ${trust ?? 'off'})`, async () => {
			const { viaExpress, withoutExpress } = await servers(trust)
			for (const [path, headers] of requests) {
				const before = await get(viaExpress, path, headers)
				const after = await get(withoutExpress, path, headers)
				expect(after, `${path} ${JSON.stringify(headers)}`).toEqual(before)
				expect(before.status).toBe(200)
			}
			// The loader saw the address and host Express's settings give (here, what the proxy said only when trusted).
			const forwarded = await get(withoutExpress, '/x', requests[3]![1])
			const seen = JSON.parse(forwarded.body.trim()) as { url: string; clientIp: string; nonceGiven: boolean }
			expect(seen.nonceGiven).toBe(true)
			if (trust === 'loopback' || trust === 1) {
				expect(seen.url).toBe('https://shop.example.org:8443/x')
				expect(seen.clientIp).toBe('203.0.113.7')
			} else {
				expect(seen.url).toBe('http://app.example:8443/x')
				expect(seen.clientIp).toBe('127.0.0.1')
			}
		})
	}

	it("answers a request whose address cannot be made with Express's own 500 page", async () => {
		const { viaExpress, withoutExpress } = await servers(undefined)
		const before = await get(viaExpress, '/x', { host: 'bad host' })
		const after = await get(withoutExpress, '/x', { host: 'bad host' })
		// Express's page shows the stack outside production (here, NODE_ENV=test): its frames (and length) differ.
		const withoutStack = (a: Answer) => ({
			...a,
			headers: { ...a.headers, 'content-length': undefined },
			body: a.body.replace(/<pre>[\s\S]*<\/pre>/, '<pre></pre>'),
		})
		expect(before.status).toBe(500)
		expect(before.body).toContain('TypeError: Invalid URL')
		expect(after.body).toContain('TypeError: Invalid URL')
		expect(withoutStack(after)).toEqual(withoutStack(before))
	})
})

describe('which requests skip Express', () => {
	const files = (path: string) => path.split('/')[1] === 'robots.txt'
	const pathOf = (method: string, url: string, headers: Record<string, string> = {}) =>
		remixOnlyPath({ method, url, headers } as unknown as IncomingMessage, files)

	it('takes a GET or HEAD that Express would only have passed on to Remix', () => {
		expect(pathOf('GET', '/no-such-page')).toBe('/no-such-page')
		expect(pathOf('HEAD', '/no/such/page/?x=1')).toBe('/no/such/page/')
		expect(pathOf('GET', '/login?redirectTo=%2Fbookings')).toBe('/login')
		expect(pathOf('GET', '/?_data=root')).toBe('/')
		expect(pathOf('GET', '/providers/ann?utm_source=x')).toBe('/providers/ann')
		expect(pathOf('GET', '/providers/ann', { cookie: 'bm_session=x' })).toBe('/providers/ann')
		expect(pathOf('GET', '/builder')).toBe('/builder')
		expect(pathOf('GET', '/healthzz')).toBe('/healthzz')
	})

	it('leaves to Express bodies, refusals, files, the health check and the public page cache', () => {
		for (const [method, url] of [
			['POST', '/no-such-page'],
			['OPTIONS', '/no-such-page'],
			['GET', '/a%00b'],
			['GET', '/%E0%A4'],
			['GET', '/a#b'],
			['GET', 'http://example.org/x'],
			['GET', '/build/nope.js'],
			['GET', '/BUILD'],
			['GET', '/robots.txt'],
			['GET', '/healthz'],
			['HEAD', '/HEALTHZ/'],
			['GET', '/'],
			['GET', '/providers?page=2'],
			['GET', '/providers/ann'],
			['GET', '/search?q=x'],
		] as const) {
			expect(pathOf(method, url), `${method} ${url}`).toBeNull()
		}
	})
})
