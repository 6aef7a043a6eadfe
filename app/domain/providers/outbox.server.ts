/**
 * Keeping search in step with the database: every write that changes what search shows about a provider
 * (profile, publish/unpublish, delete, services and prices, credentials, availability and time off, reviews)
 * calls `enqueueProviderSync` inside the same transaction. The search worker (search/outbox-worker.ts) drains
 * the rows in order and rebuilds the provider's document from the database, so a rolled-back write never
 * reaches search and a committed one always does.
 *
 * The same transaction bumps the public content version (one row), which tells every web process that its cached
 * public pages are out of date (server/page-cache.ts, docs/decisions/027-public-page-cache.md).
 *
 *   await prisma.$transaction(async (tx) => {
 *     await tx.service.update({ where: { id }, data: { pricePence } })
 *     await enqueueProviderSync(tx, providerId)
 *   })
 */
import type { SearchOp } from '#app/generated/prisma/enums.ts'
import type { Db } from '#app/utils/transaction.server.ts'

/**
 * Records that search must refresh this provider. 'UPSERT' (the default) rebuilds the document from the database,
 * which also removes it when the provider is unpublished or deleted; 'DELETE' removes it outright.
 */
export async function enqueueProviderSync(tx: Db, providerId: string, op: SearchOp = 'UPSERT'): Promise<void> {
	await tx.searchOutbox.create({ data: { providerId, op } })
	await bumpPublicContentVersion(tx)
}

/** The same for several providers at once (a category rename, a bulk import). */
export async function enqueueProvidersSync(tx: Db, providerIds: string[], op: SearchOp = 'UPSERT'): Promise<void> {
	if (providerIds.length === 0) return
	await tx.searchOutbox.createMany({ data: providerIds.map((providerId) => ({ providerId, op })) })
	await bumpPublicContentVersion(tx)
}

/**
 * Moves the public content version on, when this transaction commits (its row lock holds other writers until then,
 * so each commit is one step, seen in order). Only writes that change a public page take it: rare next to reads.
 * The search worker bumps it again once search shows the change (app/domain/search/outbox-store.server.ts), since
 * the search page reads the index, not the tables.
 */
export function bumpPublicContentVersion(tx: Db) {
	return tx.$executeRaw`INSERT INTO "PublicContentVersion" (id, version) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET version = "PublicContentVersion".version + 1`
}

/** The public content version as committed now: it only grows, by one for each transaction that changed a page. */
export async function publicContentVersion(db: Db): Promise<string> {
	const rows = await db.$queryRaw<Array<{ version: bigint }>>`SELECT version FROM "PublicContentVersion" WHERE id = 1`
	return String(rows[0]?.version ?? 0n)
}
