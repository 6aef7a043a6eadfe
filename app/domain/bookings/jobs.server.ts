/**
 * Bookings' scheduled job (run every minute by app/jobs/scheduler.server.ts), safe on several servers at once:
 * each change locks the booking and is idempotent.
 */
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { confirmBooking } from './changes.server.ts'
import { change, event, SYSTEM, tellHolderSide, tellProvider } from './locking.server.ts'
import { sessionText } from '#app/utils/dates.ts'

export type BookingJobsReport = { confirmed: number; expired: number; failed: string[] }

/**
 * For the scheduled job, safe on several servers at once (each change locks the booking and is idempotent):
 *  - sessions marked delivered whose time to report a problem has passed are confirmed and paid;
 *  - requests nobody answered before the session time are cancelled (nothing was held).
 */
export async function runBookingJobs(now: Date = clockNow(), limit = 200): Promise<BookingJobsReport> {
	const report: BookingJobsReport = { confirmed: 0, expired: 0, failed: [] }
	const due = await prisma.booking.findMany({
		where: { status: 'DELIVERED', autoConfirmAt: { lte: now } },
		orderBy: { autoConfirmAt: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of due) {
		try {
			const b = await confirmBooking(SYSTEM, id, now)
			if (b.status === 'CONFIRMED') report.confirmed += 1
		} catch (error) {
			report.failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
		}
	}
	const unanswered = await prisma.booking.findMany({
		where: { status: 'REQUESTED', startsAt: { lte: now } },
		orderBy: { startsAt: 'asc' },
		take: limit,
		select: { id: true },
	})
	for (const { id } of unanswered) {
		try {
			const changed = await change(id, async (tx, b) => {
				if (b.status !== 'REQUESTED' || b.startsAt.getTime() > now.getTime()) return false
				await tx.booking.update({
					where: { id: b.id },
					data: {
						status: 'CANCELLED',
						cancelledAt: now,
						cancelReason: 'The provider did not answer before the session time.',
					},
				})
				await event(tx, b, SYSTEM, 'EXPIRED', 'The provider did not answer before the session time.')
				const body = `The request for “${b.service.title}” on ${sessionText(b.startsAt, b.endsAt)} was not answered in time, so it was cancelled. Nothing was taken from the budget.`
				await tellHolderSide(tx, b, SYSTEM, `No answer from ${b.provider.name}`, body, now)
				await tellProvider(tx, b, SYSTEM, `A booking request ran out`, body)
				return true
			})
			if (changed) report.expired += 1
		} catch (error) {
			report.failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
		}
	}
	return report
}
