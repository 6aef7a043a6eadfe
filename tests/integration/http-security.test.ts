/**
 * The Express-level protections of server/index.ts (server/http-security.ts), over real HTTP on a free port: body
 * limits refuse before reading, and every response carries the security headers (issue 13, docs/security.md).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pooledRandom } from '#app/utils/random.server.ts'
import { bodyLimit, securityHeaders, urlGuard } from '../../server/http-security.ts'

let baseUrl = ''
let bytesRead = 0
let close: () => void = () => {}

beforeAll(async () => {
	const app = express()
	app.use(securityHeaders({ publicOrigin: 'https://budget.example.org' }))
	app.use(urlGuard())
	app.use(bodyLimit())
	app.all('*', (req, res) => {
		req.on('data', (chunk: Buffer) => (bytesRead += chunk.length))
		req.on('end', () => res.type('text/html').send(`<p>${String(res.locals.cspNonce)}</p>`))
	})
	const server = app.listen(0)
	await new Promise((r) => server.once('listening', r))
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

describe('request size limits', () => {
	it('refuses a 100 MB form with 413 before reading it', async () => {
		bytesRead = 0
		// Announce 100 MB and send the first megabyte, as a client streaming a huge form would.
		const status = await new Promise<number>((resolve, reject) => {
			const request = http.request(`${baseUrl}/holders/x`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(100 * 1024 * 1024) },
			})
			request.on('response', (response) => resolve(response.statusCode ?? 0))
			request.on('error', reject)
			request.write(Buffer.alloc(1024 * 1024, 'a'))
		})
		expect(status).toBe(413)
		expect(bytesRead).toBe(0)
	})

	it('lets sign-in read no more than 16 KB', async () => {
		const big = new URLSearchParams({ email: 'a@example.test', password: 'x'.repeat(60 * 1024) })
		const response = await fetch(`${baseUrl}/login`, { method: 'POST', body: big })
		expect(response.status).toBe(413)
		const small = await fetch(`${baseUrl}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email: 'a@example.test' }),
		})
		expect(small.status).toBe(200)
	})
})

describe('addresses', () => {
	it('refuses an address with a NUL byte in its path or query with 400 (PostgreSQL cannot hold one: it was a 500)', async () => {
		for (const path of ['/holders/%00', '/funder?q=a%00b', '/provider/profiles/x%00/services']) {
			const response = await fetch(`${baseUrl}${path}`)
			expect(response.status).toBe(400)
			expect(await response.text()).toMatch(/character no page uses/)
		}
		expect((await fetch(`${baseUrl}/holders/abc?q=%2500`)).status).toBe(200)
	})
})

describe('security headers', () => {
	it('sends a nonce-based CSP that forbids framing, with nosniff, a referrer policy and HSTS on https', async () => {
		const response = await fetch(`${baseUrl}/`)
		const csp = response.headers.get('Content-Security-Policy') ?? ''
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeTruthy()
		expect(await response.text()).toContain(nonce)
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
		expect(response.headers.get('X-Frame-Options')).toBe('DENY')
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
		expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/)
		const again = await fetch(`${baseUrl}/`)
		expect(again.headers.get('Content-Security-Policy')).not.toContain(nonce)
	})

	it('keeps pages for signed-in people out of every cache', async () => {
		expect(
			(await fetch(`${baseUrl}/account`, { headers: { Cookie: 'bm_session=abc' } })).headers.get('Cache-Control'),
		).toBe('no-store')
		expect((await fetch(`${baseUrl}/`)).headers.get('Cache-Control')).toBeNull()
	})
})

describe('random values for every response (CSP nonces, new browsers’ CSRF ids)', () => {
	it('hands out each pooled random byte once, across refills of the pool, in the asked length', () => {
		const seen = new Set<string>()
		// 16 bytes each: 1,000 values use about four pools of 4 KiB.
		for (let i = 0; i < 1000; i++) {
			const value = pooledRandom(16, 'base64')
			expect(Buffer.from(value, 'base64')).toHaveLength(16)
			seen.add(value)
		}
		expect(seen.size).toBe(1000)
		expect(Buffer.from(pooledRandom(24, 'base64url'), 'base64url')).toHaveLength(24)
		expect(Buffer.from(pooledRandom(5000, 'base64url'), 'base64url')).toHaveLength(5000)
	})
})
