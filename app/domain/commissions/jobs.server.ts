/**
 * The commissions' scheduled work, safe on several servers at once (each change locks the commission's row and
 * is idempotent):
 *  - commissions whose pledge deadline passed are confirmed (minimum reached) or fail (every pledge voided,
 *    exactly once, each member told their money is back);
 *  - sessions marked delivered whose time to report a problem has passed are confirmed and paid.
 *
 *   runCommissionJobs(now, limit) → { confirmed, failed, sessionsConfirmed, errors }
 *   expireDueCommissions(now, limit) → the first half alone
 */
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { SYSTEM } from './access.server.ts'
import { confirmSession } from './delivery.server.ts'
import { settleAtDeadline } from './pledges.server.ts'

export type CommissionJobsReport = { confirmed: number; failed: number; sessionsConfirmed: number; errors: string[] }

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export async function expireDueCommissions(now: Date = clockNow(), limit = 100): Promise<CommissionJobsReport> {
	const report: CommissionJobsReport = { confirmed: 0, failed: 0, sessionsConfirmed: 0, errors: [] }
	const due = await prisma.commission.findMany({
		where: { status: 'OPEN', deadline: { lte: now } },
		orderBy: { deadline: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of due) {
		try {
			const outcome = await settleAtDeadline(id, now)
			if (outcome === 'confirmed') report.confirmed += 1
			if (outcome === 'failed') report.failed += 1
		} catch (error) {
			report.errors.push(`${id}: ${message(error)}`)
		}
	}
	return report
}

export async function runCommissionJobs(now: Date = clockNow(), limit = 100): Promise<CommissionJobsReport> {
	const report = await expireDueCommissions(now, limit)
	const sessions = await prisma.commissionSession.findMany({
		where: { status: 'DELIVERED', autoConfirmAt: { lte: now } },
		orderBy: { autoConfirmAt: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of sessions) {
		try {
			const s = await confirmSession(SYSTEM, { sessionId: id, holderId: null }, now)
			if (s.status === 'CONFIRMED') report.sessionsConfirmed += 1
		} catch (error) {
			report.errors.push(`session ${id}: ${message(error)}`)
		}
	}
	return report
}
