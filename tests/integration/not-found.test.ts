/**
 * The app's own 404 page (app/routes/$.tsx), through the built app's Remix handler: an address no route matches is
 * answered 404 with the helpful page although the route has no loader (issue 14), its data is refused without a
 * logged error, and a page that is there keeps its 200. Needs `npm run build` (npm test builds first).
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'

let handler: (request: Request, context?: Record<string, unknown>) => Promise<Response>
const context = { clientIp: '127.0.0.1', cspNonce: 'test-nonce' }

beforeAll(async () => {
	const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
	handler = createRequestHandler(build, 'production')
})

const get = (address: string, method = 'GET') => handler(new Request(`http://localhost${address}`, { method }), context)

describe('the 404 page', () => {
	it('answers an address no route matches with 404 and the page that says so, at any depth', async () => {
		for (const address of ['/no-such-page', '/a/b/c?x=1', '/providers/x/y/z/w']) {
			const response = await get(address)
			expect(response.status, address).toBe(404)
			const html = await response.text()
			expect(html).toContain('<h1 class="text-3xl font-bold">Page not found</h1>')
			expect(html).toContain('Error code: <!-- -->404')
			expect(html).toContain('href="/providers">find support</a>')
		}
	})

	it('answers a HEAD request for it with 404 and no body', async () => {
		const response = await get('/no-such-page', 'HEAD')
		expect(response.status).toBe(404)
		expect(await response.text()).toBe('')
	})

	it('refuses a request for the data of a route with no loader with a 400, and logs nothing', async () => {
		// The setup file fails the test on any console.error.
		const response = await get('/no-such-page?_data=routes%2F%24')
		expect(response.status).toBe(400)
	})

	it('keeps a page that is there at 200', async () => {
		const response = await get('/login')
		expect(response.status).toBe(200)
		expect(await response.text()).toContain('Sign in')
	})
})
