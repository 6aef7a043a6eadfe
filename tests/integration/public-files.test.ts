/**
 * server/public-files.ts: files in public/ are served as express.static serves them, and any other address goes on
 * to the app without a file-system look-up (issue 14).
 */
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publicFiles } from '../../server/public-files.ts'

let baseUrl = ''
let close: () => void = () => {}
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-public-'))

beforeAll(async () => {
	fs.writeFileSync(path.join(root, 'robots.txt'), 'User-agent: *\n')
	fs.mkdirSync(path.join(root, 'icons'))
	fs.writeFileSync(path.join(root, 'icons', 'a b.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
	const app = express()
	app.use(publicFiles(root, { maxAge: '1h' }))
	app.all('*', (req, res) => res.status(404).type('text/plain').send(`app: ${req.path}`))
	const server = app.listen(0)
	await new Promise((r) => server.once('listening', r))
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => {
	close()
	fs.rmSync(root, { recursive: true, force: true })
})

describe('public files', () => {
	it('serves a file at the top of public/, with its caching', async () => {
		const response = await fetch(`${baseUrl}/robots.txt`)
		expect(response.status).toBe(200)
		expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
		expect(await response.text()).toBe('User-agent: *\n')
	})

	it('serves a file in a folder of public/, its name percent-encoded', async () => {
		const response = await fetch(`${baseUrl}/icons/a%20b.svg`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toContain('image/svg+xml')
	})

	it('lets every other address through to the app', async () => {
		for (const address of ['/', '/providers/ann', '/icons/missing.svg', '/robots.txt/x', '/robots']) {
			const response = await fetch(`${baseUrl}${address}`)
			expect(response.status, address).toBe(404)
			expect(await response.text(), address).toMatch(/^app: /)
		}
	})

	it('refuses to leave public/', async () => {
		const response = await fetch(`${baseUrl}/icons/..%2f..%2fetc%2fpasswd`)
		expect(response.status).not.toBe(200)
	})
})
