/**
 * `npm start` with WEB_CONCURRENCY (issue 14, server/cluster.ts): the built server as a primary and two workers on
 * one PostgreSQL database. A profile change drained into search by whichever worker holds the outbox lease is found
 * through every worker, and SIGTERM to the primary stops the workers. On the embedded database, several processes
 * are refused with a message. Needs the app built (npm run build); the cluster runs on PostgreSQL only.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { enqueueProviderSync } from '#app/domain/providers/outbox.server.ts'
import { FOLLOW_MS } from '#search/embedded/engine.ts'
import { startAppProcess, type AppProcess } from '#bench/server-process.ts'
import { createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, testDbKind, type TestDb } from '#tests/setup/test-db.ts'

/** One GET on a connection of its own, so the primary hands it to the next worker in turn. */
function getOnNewConnection(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
				let body = ''
				res.setEncoding('utf8')
				res.on('data', (chunk: string) => (body += chunk))
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
			})
			.on('error', reject)
	})
}

function childrenOf(pid: number): number[] {
	const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
	return text ? text.split(/\s+/).map(Number) : []
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}

test('several processes are refused on the embedded database, with the reason', async () => {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: { ...process.env, WEB_CONCURRENCY: '2', DATABASE_URL: '', PGLITE_DIR: 'memory://', NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr.on('data', (d: Buffer) => (output += d.toString()))
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
	expect(code).toBe(1)
	expect(output).toContain('WEB_CONCURRENCY=2 needs DATABASE_URL')
})

describe.skipIf(testDbKind() !== 'postgres' || !fs.existsSync('build/index.js'))('two processes on PostgreSQL', () => {
	let db: TestDb
	let app: AppProcess

	beforeAll(async () => {
		db = await createTestDb()
		if (db.target.kind !== 'postgres') throw new Error('PostgreSQL expected')
		await createProviderWithService(db.prisma, { provider: { name: 'Precious Mensah' } })
		app = await startAppProcess({
			DATABASE_URL: db.target.url,
			SEED_ON_START: 'false',
			SESSION_SECRET: 'cluster-test-secret-0123456789',
			WEB_CONCURRENCY: '2',
		})
	}, 300_000)
	afterAll(async () => {
		await app?.stop()
		await db?.cleanup()
	})

	test('every worker finds a change that one of them drained, and SIGTERM stops them all', async () => {
		const primary = app.child.pid!
		const workers = childrenOf(primary)
		expect(workers).toHaveLength(2)

		const provider = await db.prisma.provider.findFirstOrThrow({ where: { name: 'Precious Mensah' } })
		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: provider.id }, data: { name: 'Precious Boateng' } })
			await enqueueProviderSync(tx, provider.id)
		})
		// Each request its own address, so no page cache answers for the search index.
		let n = 0
		const find = () => getOnNewConnection(`${app.baseUrl}/search?q=Boateng&n=${++n}`)
		const started = Date.now()
		while (!(await find()).body.includes('Precious Boateng')) {
			if (Date.now() - started > 15_000) throw new Error('The change never reached search')
			await new Promise((r) => setTimeout(r, 200))
		}
		// The other worker reads the shared table at most FOLLOW_MS after its last look (plus a read already under way
		// when the change committed): within a few seconds ten new connections (round robin: both workers) must each
		// find it.
		const deadline = Date.now() + 5_000 + FOLLOW_MS
		let answers = await Promise.all(Array.from({ length: 10 }, find))
		while (!answers.every((a) => a.body.includes('Precious Boateng')) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, FOLLOW_MS))
			answers = await Promise.all(Array.from({ length: 10 }, find))
		}
		for (const a of answers) {
			expect(a.status).toBe(200)
			expect(a.body).toContain('Precious Boateng')
		}
		const outbox = await db.prisma.searchOutbox.findMany({ where: { providerId: provider.id } })
		expect(outbox.every((r) => r.processedAt !== null)).toBe(true)

		const exited = new Promise<number | null>((resolve) => app.child.once('exit', resolve))
		app.child.kill('SIGTERM')
		expect(await exited).toBe(0)
		expect(workers.filter(alive)).toEqual([])
	}, 120_000)
})
