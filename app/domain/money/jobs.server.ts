/**
 * Money's scheduled jobs, run every minute by the scheduler (app/jobs/scheduler.server.ts). Each is idempotent
 * and safe on several servers at once (row locks, advisory locks and ledger idempotency keys):
 *  - pay the allocation instalments that are due, each exactly once;
 *  - release holds whose time ran out (the ledger's expirePendingTransfers);
 *  - send payouts that are waiting or in transit through Stripe Connect (when Stripe is configured).
 */
import { expirePendingTransfers } from '#app/domain/ledger/ledger.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export { payDueInstalments } from './allocations.server.ts'
export { sendDuePayouts } from './payouts.server.ts'

/** Releases every hold whose expiry has passed as of `now`; returns how many. */
export async function releaseExpiredHolds(now: Date): Promise<number> {
	return (await expirePendingTransfers(prisma, now)).length
}
