/**
 * The search outbox worker's door to the database (search/outbox-worker.ts's OutboxStore), on the SearchOutbox
 * rows that writes add in their own transaction (app/domain/providers/outbox.server.ts) and the SearchWorkerLease
 * row that lets one process at a time drain them.
 */
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { bumpPublicContentVersion } from '#app/domain/providers/outbox.server.ts'
import type { OutboxStore } from '#search/outbox-worker.ts'

/** The lease's row name; a lease expires if its holder dies, so another process takes over. */
const LEASE = 'search-outbox'

export function outboxStore(prisma: PrismaClient): OutboxStore {
	return {
		async takeLease(holder, seconds) {
			const rows = await prisma.$queryRawUnsafe<Array<{ holder: string }>>(
				`INSERT INTO "SearchWorkerLease" (name, holder, "expiresAt")
				 VALUES ($1, $2, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3))
				 ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
				 WHERE "SearchWorkerLease"."expiresAt" < (now() AT TIME ZONE 'UTC') OR "SearchWorkerLease".holder = EXCLUDED.holder
				 RETURNING holder`,
				LEASE,
				holder,
				seconds,
			)
			return rows.length > 0
		},
		async releaseLease(holder) {
			await prisma.$executeRawUnsafe(`DELETE FROM "SearchWorkerLease" WHERE name = $1 AND holder = $2`, LEASE, holder)
		},
		pending(limit) {
			return prisma.searchOutbox.findMany({
				where: { processedAt: null },
				orderBy: { id: 'asc' },
				take: limit,
				select: { id: true, providerId: true, op: true },
			})
		},
		async markFailed(ids, message) {
			await prisma.searchOutbox.updateMany({
				where: { id: { in: ids } },
				data: { attempts: { increment: 1 }, lastError: message },
			})
		},
		async markProcessed(ids) {
			// Search now shows these changes: cached public pages (search results among them) are out of date again.
			await prisma.$transaction([
				prisma.searchOutbox.updateMany({
					where: { id: { in: ids } },
					data: { processedAt: new Date(), lastError: null },
				}),
				bumpPublicContentVersion(prisma),
			])
		},
	}
}
