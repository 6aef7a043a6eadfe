/**
 * Several web server processes on one database (issue 14: WEB_CONCURRENCY, server/cluster.ts). Each process has
 * its own embedded engine (an in-memory index) and its own outbox worker; only one of them drains a given outbox
 * row (the lease), yet every process's index must show the change, because each follows the SearchDocument table
 * by `seq`. On PostgreSQL each "process" here has its own connection pool; on PGlite they share the one database.
 */
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { enqueueProviderSync } from '#app/domain/providers/outbox.server.ts'
import { loadSearchDocuments } from '#app/domain/search/documents.server.ts'
import { outboxStore } from '#app/domain/search/outbox-store.server.ts'
import { openDb } from '#app/utils/db.server.ts'
import { createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, testDbKind, type TestDb } from '#tests/setup/test-db.ts'
import { createEmbeddedEngine, type EmbeddedEngine } from './embedded/engine.ts'
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.ts'
import { search } from './search.ts'
import { prismaRunner, type SqlRunner } from './sql.ts'
import { fixtures } from './testing/fixtures.ts'

type Proc = { name: string; prisma: PrismaClient; engine: EmbeddedEngine; worker?: OutboxWorker }

let db: TestDb
let second: PrismaClient | undefined
let procs: Proc[]

beforeAll(async () => {
	db = await createTestDb()
	// A second process has its own pool on PostgreSQL; PGlite can only be opened once, so both share it there.
	if (db.target.kind === 'postgres') second = openDb(db.target).prisma
	procs = [
		{ name: 'process A', prisma: db.prisma, engine: createEmbeddedEngine({ sql: prismaRunner(db.prisma) }) },
		{
			name: 'process B',
			prisma: second ?? db.prisma,
			engine: createEmbeddedEngine({ sql: prismaRunner(second ?? db.prisma) }),
		},
	]
})
afterAll(async () => {
	await Promise.all(procs.map((p) => p.worker?.stop()))
	await second?.$disconnect()
	await db.cleanup()
})
beforeEach(async () => {
	await Promise.all(procs.map((p) => p.worker?.stop()))
	for (const p of procs) p.worker = undefined
	await db.prisma.searchOutbox.deleteMany({})
	await procs[0]!.engine.clear()
})

function startWorkers() {
	for (const [i, p] of procs.entries()) {
		p.worker = startOutboxWorker(
			{
				store: outboxStore(p.prisma),
				engine: p.engine,
				load: (ids) => loadSearchDocuments(p.prisma, ids),
				holder: `test-${i}`,
			},
			{ intervalMs: 100 },
		)
	}
}

async function names(p: Proc, q: string): Promise<string[]> {
	const r = await search(p.engine, { q })
	return r.hits.map((h) => h.document.name).sort()
}

/** Waits until every process finds exactly `expected` for `q`; returns how long that took. */
async function untilEveryProcessFinds(q: string, expected: string[], timeoutMs = 10_000): Promise<number> {
	const started = Date.now()
	for (;;) {
		const found = await Promise.all(procs.map((p) => names(p, q)))
		if (found.every((f) => JSON.stringify(f) === JSON.stringify(expected))) return Date.now() - started
		if (Date.now() - started > timeoutMs) {
			throw new Error(`Not every process finds ${JSON.stringify(expected)}: ${JSON.stringify(found)}`)
		}
		await new Promise((r) => setTimeout(r, 50))
	}
}

/** Waits until no outbox row waits to be sent; returns every row. */
async function untilOutboxDrained(timeoutMs = 10_000) {
	const started = Date.now()
	for (;;) {
		const rows = await db.prisma.searchOutbox.findMany({ select: { processedAt: true, attempts: true } })
		if (rows.every((r) => r.processedAt !== null)) return rows
		if (Date.now() - started > timeoutMs) throw new Error(`The outbox was not drained: ${JSON.stringify(rows)}`)
		await new Promise((r) => setTimeout(r, 50))
	}
}

describe('search with several processes on one database', () => {
	test('a change drained by one process is found by every process, and each outbox row is sent once', async () => {
		startWorkers()
		const created = await createProviderWithService(db.prisma, { provider: { name: 'Ngozi Okafor' } })
		await enqueueProviderSync(db.prisma, created.provider.id)
		await untilEveryProcessFinds('Ngozi', ['Ngozi Okafor'])

		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: created.provider.id }, data: { name: 'Ngozi Adeyemi' } })
			await enqueueProviderSync(tx, created.provider.id)
		})
		await untilEveryProcessFinds('Adeyemi', ['Ngozi Adeyemi'])
		await untilEveryProcessFinds('Okafor', [])

		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: created.provider.id }, data: { published: false } })
			await enqueueProviderSync(tx, created.provider.id)
		})
		await untilEveryProcessFinds('Ngozi', [])

		// The drainer marks its rows processed just after it writes the documents the other processes already read.
		const rows = await untilOutboxDrained()
		expect(rows).toHaveLength(3)
		expect(rows.every((r) => r.processedAt !== null && r.attempts === 0)).toBe(true)
	})

	test('a process started later loads what the others wrote', async () => {
		startWorkers()
		const created = await createProviderWithService(db.prisma, { provider: { name: 'Oluwaseun Bello' } })
		await enqueueProviderSync(db.prisma, created.provider.id)
		await untilEveryProcessFinds('Oluwaseun', ['Oluwaseun Bello'])
		const late = createEmbeddedEngine({ sql: prismaRunner(second ?? db.prisma) })
		const r = await search(late, { q: 'Oluwaseun' })
		expect(r.hits.map((h) => h.document.name)).toEqual(['Oluwaseun Bello'])
	})
})

/** A SqlRunner on one pg connection, so a test can hold a transaction open across engine calls. */
function clientRunner(client: pg.Client): SqlRunner {
	return {
		query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
		execute: async (sql: string, params: unknown[] = []) => {
			await client.query(sql, params)
		},
	}
}

describe.skipIf(testDbKind() !== 'postgres')('writers committing out of order (PostgreSQL)', () => {
	test('a follower never skips a document whose write committed after a later one', async () => {
		if (db.target.kind !== 'postgres') return
		const slow = new pg.Client({ connectionString: db.target.url })
		await slow.connect()
		try {
			const writerA = createEmbeddedEngine({ sql: clientRunner(slow) })
			const writerB = procs[1]!.engine
			const follower = createEmbeddedEngine({ sql: prismaRunner(db.prisma), followMs: 0 })
			await follower.refresh()
			const [first, later] = [fixtures[0]!, fixtures[1]!]

			// A takes a seq and has not committed yet; B writes after it.
			await slow.query('BEGIN')
			await writerA.upsert([first])
			const bDone = writerB.upsert([later])
			await Promise.race([bDone, new Promise((r) => setTimeout(r, 500))])
			// The follower reads now: it must not move past A's seq while A may still commit.
			await follower.refresh()
			await slow.query('COMMIT')
			await bDone
			await follower.refresh()

			const ids = async (q: string) => (await follower.search({ q })).hits.map((h) => h.document.id)
			expect(await ids(first.name)).toContain(first.id)
			expect(await ids(later.name)).toContain(later.id)
		} finally {
			await slow.query('ROLLBACK').catch(() => undefined)
			await slow.end()
		}
	})
})
