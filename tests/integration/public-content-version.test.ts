/**
 * The public content version that tells every web process to drop its cached public pages (ADR 027): it moves with
 * every committed write that queues a provider for search, never with a rolled-back one, and again when the search
 * worker has sent the change to the index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueProviderSync, publicContentVersion } from '#app/domain/providers/outbox.server.ts'
import { outboxStore } from '#app/domain/search/outbox-store.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
})
afterAll(async () => {
	await db?.cleanup()
})

const version = async () => BigInt(await publicContentVersion(db.prisma))

describe('the public content version', () => {
	it('moves by one with each committed outbox write and not with a rolled-back one', async () => {
		const { provider } = await createProviderWithService(db.prisma)
		const start = await version()
		await db.prisma.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: provider.id }, data: { headline: 'A new headline' } })
			await enqueueProviderSync(tx, provider.id)
		})
		expect(await version()).toBe(start + 1n)
		await expect(
			db.prisma.$transaction(async (tx) => {
				await tx.provider.update({ where: { id: provider.id }, data: { headline: 'Never saved' } })
				await enqueueProviderSync(tx, provider.id)
				throw new Error('rolled back')
			}),
		).rejects.toThrow('rolled back')
		expect(await version()).toBe(start + 1n)
	})

	it('moves again when the search worker marks the rows sent', async () => {
		const { provider } = await createProviderWithService(db.prisma)
		await db.prisma.$transaction((tx) => enqueueProviderSync(tx, provider.id))
		const before = await version()
		const store = outboxStore(db.prisma)
		const rows = await store.pending(100)
		expect(rows.length).toBeGreaterThan(0)
		await store.markProcessed(rows.map((r) => r.id))
		expect(await version()).toBe(before + 1n)
		expect(await store.pending(100)).toEqual([])
	})
})
