/**
 * Staying in sync: writes add outbox rows in their transaction; the worker drains them into the engine in order,
 * retries failures, and hidden or deleted profiles leave the index.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { enqueueProviderSync } from '#app/domain/providers/outbox.server.ts'
import { loadSearchDocuments } from '#app/domain/search/documents.server.ts'
import { reindexAll } from '#app/domain/search/engine.server.ts'
import { outboxStore } from '#app/domain/search/outbox-store.server.ts'
import { createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { createEmbeddedEngine } from './embedded/engine.ts'
import { drainOutbox, startOutboxWorker, type OutboxDeps } from './outbox-worker.ts'
import { search } from './search.ts'
import { prismaRunner } from './sql.ts'
import type { SearchDocument, SearchEngine } from './types.ts'

let db: TestDb
let engine: SearchEngine

beforeAll(async () => {
	db = await createTestDb()
	engine = createEmbeddedEngine({ sql: prismaRunner(db.prisma) })
})
afterAll(async () => {
	await db.cleanup()
})
beforeEach(async () => {
	await db.prisma.searchOutbox.deleteMany({})
	await engine.clear()
})

function deps(overrides: Partial<OutboxDeps> = {}): OutboxDeps {
	return { store: outboxStore(db.prisma), engine, load: (ids) => loadSearchDocuments(db.prisma, ids), ...overrides }
}

async function names(q: string): Promise<string[]> {
	const r = await search(engine, { q })
	return r.hits.map((h) => h.document.name).sort()
}

/** A new provider, saved with its outbox row as the app would. */
async function newProvider(name: string, town = 'Leicester') {
	const created = await createProviderWithService(db.prisma, { provider: { name, town } })
	await enqueueProviderSync(db.prisma, created.provider.id)
	return created.provider
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
	const started = Date.now()
	while (Date.now() - started < timeoutMs) {
		if (await check()) return Date.now() - started
		await new Promise((r) => setTimeout(r, 50))
	}
	throw new Error(`Not true within ${timeoutMs} ms`)
}

describe('search outbox', () => {
	test('a profile edit shows up in search within a few seconds of saving', async () => {
		const provider = await newProvider('Agnieszka Nowak')
		const worker = startOutboxWorker(deps(), { intervalMs: 200 })
		try {
			await worker.idle()
			expect(await names('Agnieszka')).toEqual(['Agnieszka Nowak'])

			await db.prisma.$transaction(async (tx) => {
				await tx.provider.update({
					where: { id: provider.id },
					data: { name: 'Agnieszka Kowalska', headline: 'Now also speaking Ukrainian' },
				})
				await enqueueProviderSync(tx, provider.id)
			})
			const ms = await until(async () => (await names('Kowalska')).length === 1, 5000)
			expect(ms).toBeLessThan(5000)
			expect(await names('Nowak')).toEqual([])
			expect(await names('ukrainian')).toEqual(['Agnieszka Kowalska'])
		} finally {
			await worker.stop()
		}
	})

	test('price and availability changes reach the document', async () => {
		const provider = await newProvider('Bilal Hussain')
		await drainOutbox(deps())
		await db.prisma.$transaction(async (tx) => {
			await tx.service.updateMany({ where: { providerId: provider.id }, data: { pricePence: 1234 } })
			await tx.availabilitySlot.create({
				data: { providerId: provider.id, weekday: 5, startMinute: 600, endMinute: 840 },
			})
			await enqueueProviderSync(tx, provider.id)
		})
		await drainOutbox(deps())
		const r = await search(engine, { q: 'Bilal', filters: { days: ['sat'], partsOfDay: ['morning'] } })
		expect(r.hits.map((h) => h.document.priceFrom)).toEqual([1234])
	})

	test('a write that rolls back leaves nothing in the outbox', async () => {
		const provider = await newProvider('Carys Evans')
		await drainOutbox(deps())
		await expect(
			db.prisma.$transaction(async (tx) => {
				await tx.provider.update({ where: { id: provider.id }, data: { name: 'Carys Rolled-Back' } })
				await enqueueProviderSync(tx, provider.id)
				throw new Error('the save failed')
			}),
		).rejects.toThrow('the save failed')
		expect(await db.prisma.searchOutbox.count({ where: { processedAt: null } })).toBe(0)
		expect(await names('Carys')).toEqual(['Carys Evans'])
	})

	test('unpublished and deleted profiles leave the index and never appear', async () => {
		const hidden = await newProvider('Dafydd Hidden')
		const deleted = await newProvider('Dafydd Deleted')
		await newProvider('Dafydd Shown')
		await drainOutbox(deps())
		expect(await names('Dafydd')).toEqual(['Dafydd Deleted', 'Dafydd Hidden', 'Dafydd Shown'])

		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: hidden.id }, data: { published: false } })
			await enqueueProviderSync(tx, hidden.id)
			await tx.provider.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } })
			await enqueueProviderSync(tx, deleted.id)
		})
		await drainOutbox(deps())
		expect(await names('Dafydd')).toEqual(['Dafydd Shown'])

		// A full rebuild leaves them out too.
		await reindexAll(db.prisma, engine)
		expect(await names('Dafydd')).toEqual(['Dafydd Shown'])
		// An explicit DELETE removes a provider whatever the database says.
		const shown = await db.prisma.provider.findFirstOrThrow({ where: { name: 'Dafydd Shown' } })
		await enqueueProviderSync(db.prisma, shown.id, 'DELETE')
		await drainOutbox(deps())
		expect(await names('Dafydd')).toEqual([])
	})

	test('a failing engine write is retried, and the outbox drains in order', async () => {
		const a = await newProvider('Eilidh First')
		const b = await newProvider('Eilidh Second')
		const c = await newProvider('Eilidh Third')
		let failuresLeft = 2
		const sent: string[] = []
		const flaky: SearchEngine = {
			...engine,
			async upsert(documents: SearchDocument[]) {
				if (failuresLeft > 0) {
					failuresLeft -= 1
					throw new Error('engine unavailable')
				}
				sent.push(...documents.map((d) => d.name))
				await engine.upsert(documents)
			},
		}
		const first = await drainOutbox(deps({ engine: flaky }), { batchSize: 1 })
		expect(first.error?.message).toBe('engine unavailable')
		expect(first.processed).toBe(0)
		const rows = await db.prisma.searchOutbox.findMany({ orderBy: { id: 'asc' } })
		expect(rows.map((r) => [r.providerId, r.attempts, r.lastError, r.processedAt])).toEqual([
			[a.id, 1, 'engine unavailable', null],
			[b.id, 0, null, null],
			[c.id, 0, null, null],
		])
		expect(await names('Eilidh')).toEqual([])

		// The worker keeps retrying with a growing delay until the engine is back.
		const errors: number[] = []
		const worker = startOutboxWorker(deps({ engine: flaky }), {
			intervalMs: 20,
			batchSize: 1,
			onError: (_e, n) => errors.push(n),
		})
		try {
			await worker.idle()
		} finally {
			await worker.stop()
		}
		expect(errors).toEqual([1])
		expect(sent).toEqual(['Eilidh First', 'Eilidh Second', 'Eilidh Third'])
		const done = await db.prisma.searchOutbox.findMany({ orderBy: { id: 'asc' } })
		expect(done.every((r) => r.processedAt !== null && r.lastError === null)).toBe(true)
		expect(done[0]!.attempts).toBe(2)
		const times = done.map((r) => r.processedAt!.getTime())
		expect(times).toEqual([...times].sort((x, y) => x - y))
		expect(await names('Eilidh')).toEqual(['Eilidh First', 'Eilidh Second', 'Eilidh Third'])
	})

	test('after the engine was down for a while, everything queued meanwhile is indexed exactly once', async () => {
		const before = [await newProvider('Morwenna Early'), await newProvider('Morwenna Earlier')]
		let down = true
		let failedCalls = 0
		const indexed = new Map<string, number>()
		const outage: SearchEngine = {
			...engine,
			async upsert(documents: SearchDocument[]) {
				if (down) {
					failedCalls += 1
					throw new Error('connect ECONNREFUSED 127.0.0.1:7700')
				}
				for (const d of documents) indexed.set(d.id, (indexed.get(d.id) ?? 0) + 1)
				await engine.upsert(documents)
			},
		}
		const errors: number[] = []
		const worker = startOutboxWorker(deps({ engine: outage }), {
			intervalMs: 20,
			maxBackoffMs: 160,
			batchSize: 5,
			onError: (_e, n) => errors.push(n),
		})
		try {
			// Writes keep coming while the engine is down: each is queued, none is lost or sent early.
			const during = []
			for (let i = 0; i < 18; i++) {
				during.push(await newProvider(`Morwenna During ${String(i).padStart(2, '0')}`))
				await new Promise((r) => setTimeout(r, 40))
			}
			expect(indexed.size).toBe(0)
			expect(await names('Morwenna')).toEqual([])
			const waiting = await db.prisma.searchOutbox.count({ where: { processedAt: null } })
			expect(waiting).toBe(20)
			down = false
			await worker.idle()
			const everyone = [...before, ...during]
			expect(failedCalls).toBeGreaterThan(3)
			// Growing waits: the attempts in a row were counted up, not restarted at each poll.
			expect(errors).toEqual(Array.from({ length: errors.length }, (_, i) => i + 1))
			expect([...indexed.keys()].sort()).toEqual(everyone.map((p) => p.id).sort())
			expect([...indexed.values()].every((n) => n === 1)).toBe(true)
			expect(await names('Morwenna')).toEqual(everyone.map((p) => p.name).sort())
			const rows = await db.prisma.searchOutbox.findMany({ orderBy: { id: 'asc' } })
			expect(rows.every((r) => r.processedAt !== null)).toBe(true)
			expect(rows[0]!.attempts).toBe(failedCalls)
		} finally {
			await worker.stop()
		}
	})

	test('only one process drains at a time', async () => {
		await newProvider('Fiona Lease')
		await db.prisma.searchWorkerLease.create({
			data: { name: 'search-outbox', holder: 'another-process', expiresAt: new Date(Date.now() + 60_000) },
		})
		try {
			const busy = await drainOutbox(deps())
			expect(busy).toEqual({ processed: 0, error: null, busy: true })
			expect(await names('Fiona')).toEqual([])
			// An expired lease is taken over.
			await db.prisma.searchWorkerLease.update({
				where: { name: 'search-outbox' },
				data: { expiresAt: new Date(Date.now() - 1000) },
			})
			const result = await drainOutbox(deps())
			expect(result.processed).toBe(1)
			expect(await names('Fiona')).toEqual(['Fiona Lease'])
		} finally {
			await db.prisma.searchWorkerLease.deleteMany({})
		}
	})

	test('a rebuild covers providers written without the outbox (seeded data) and settles older rows', async () => {
		const seeded = await createProviderWithService(db.prisma, { provider: { name: 'Gethin Seeded' } })
		await enqueueProviderSync(db.prisma, seeded.provider.id)
		const summary = await reindexAll(db.prisma, engine)
		expect(summary.documents).toBeGreaterThanOrEqual(1)
		expect(await names('Seeded')).toEqual(['Gethin Seeded'])
		expect(await db.prisma.searchOutbox.count({ where: { processedAt: null } })).toBe(0)
		expect(await db.prisma.searchPlace.findUnique({ where: { key: 'leicester' } })).toMatchObject({
			kind: 'town',
			name: 'Leicester',
		})
	})
})
