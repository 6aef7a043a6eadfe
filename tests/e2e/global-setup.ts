import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
	export interface ProvidedContext {
		/** One server per e2e worker (see e2eBaseUrl in browser.ts). */
		baseUrls: string[]
	}
}

/** How many e2e files run at once, each against its own server: vitest.config.ts reads this too. */
export const E2E_SERVERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2))

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer()
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address()
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}

type Running = { child: ChildProcess; dataDir: string }
const running: Running[] = []

/**
 * Starts the built app exactly as `npm start` does (build/server/start.js, compiled from
 * server/index.ts, on build/), on a fresh embedded database in a
 * temporary folder, so the browser journeys see a newcomer's first run: migrations applied, demo data seeded.
 */
async function startServer(): Promise<string> {
	const port = await freePort()
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-e2e-'))
	// The embedded default, whatever this shell has configured.
	const { DATABASE_URL: _ignored, MEILI_URL: _meili, ...inherited } = process.env
	const child = spawn(process.execPath, ['build/server/start.js'], {
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
	running.push({ child, dataDir })
	let output = ''
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
	const deadline = Date.now() + 300_000
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`)
		if (output.includes('is ready at')) return `http://localhost:${port}`
		await new Promise((r) => setTimeout(r, 200))
	}
	throw new Error(`The server did not start in 5 minutes:\n${output}`)
}

/**
 * One server per e2e worker, each with its own database and clock, so files running at the same time never see each
 * other's changes (a file moving the test clock, say); files on one worker run one after another, as before.
 */
export async function setup(project: TestProject) {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	const baseUrls = await Promise.all(Array.from({ length: E2E_SERVERS }, () => startServer()))
	project.provide('baseUrls', baseUrls)
}

export async function teardown() {
	await Promise.all(
		running.map(async ({ child, dataDir }) => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r))
				child.kill('SIGTERM')
				await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
				if (child.exitCode === null) child.kill('SIGKILL')
			}
			fs.rmSync(dataDir, { recursive: true, force: true })
		}),
	)
}
