/**
 * Keeping search in step with the database: every write that changes what search shows about a provider
 * (profile, publish/unpublish, delete, services and prices, credentials, availability and time off, reviews)
 * calls `enqueueProviderSync` inside the same transaction. The search worker (search/outbox-worker.ts) drains
 * the rows in order and rebuilds the provider's document from the database, so a rolled-back write never
 * reaches search and a committed one always does.
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
}

/** The same for several providers at once (a category rename, a bulk import). */
export async function enqueueProvidersSync(tx: Db, providerIds: string[], op: SearchOp = 'UPSERT'): Promise<void> {
	if (providerIds.length === 0) return
	await tx.searchOutbox.createMany({ data: providerIds.map((providerId) => ({ providerId, op })) })
}
