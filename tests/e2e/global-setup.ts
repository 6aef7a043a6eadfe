import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer()
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address()
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}

let child: ChildProcess | undefined
let dataDir: string | undefined

/**
 * Starts the built app exactly as `npm start` does (server/index.ts on build/), on a fresh embedded database in a
 * temporary folder, so the browser journeys see a newcomer's first run: migrations applied, demo data seeded.
 */
export async function setup(project: TestProject) {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	const port = await freePort()
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-e2e-'))
	// The embedded default, whatever this shell has configured.
	const { DATABASE_URL: _ignored, MEILI_URL: _meili, ...inherited } = process.env
	child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...inherited,
			NODE_ENV: 'production',
			PORT: String(port),
			PGLITE_DIR: path.join(dataDir, 'pglite'),
			PHOTO_DIR: path.join(dataDir, 'photos'),
			SEED_ON_START: 'true',
			// Lets the booking journeys live through a session (POST /dev/clock); see app/utils/clock.server.ts.
			TEST_CLOCK: 'true',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
	const baseUrl = `http://localhost:${port}`
	const deadline = Date.now() + 180_000
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`)
		if (output.includes('is ready at')) break
		await new Promise((r) => setTimeout(r, 200))
	}
	if (!output.includes('is ready at')) throw new Error(`The server did not start in 3 minutes:\n${output}`)
	project.provide('baseUrl', baseUrl)
}

export async function teardown() {
	if (child && child.exitCode === null) {
		const exited = new Promise((r) => child?.once('exit', r))
		child.kill('SIGTERM')
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
		if (child.exitCode === null) child.kill('SIGKILL')
	}
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
