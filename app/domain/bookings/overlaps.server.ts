/**
 * The holder's own bookings that a new booking would overlap: any that can still happen or was had (LIVE_STATUSES:
 * not cancelled, not declined), with any provider. Scoped by holder in the query; the caller has already checked the
 * right to book for them (priceRequest).
 */
import { prisma } from '#app/utils/db.server.ts'
import { type Overlap, overlapWarnings, type Session } from './overlaps.ts'
import { LIVE_STATUSES } from './rules.ts'

export async function overlappingBookings(holderId: string, sessions: readonly Session[]): Promise<Overlap[]> {
	if (sessions.length === 0) return []
	const rows = await prisma.booking.findMany({
		where: {
			holderId,
			status: { in: LIVE_STATUSES },
			OR: sessions.map((s) => ({ startsAt: { lt: s.endsAt }, endsAt: { gt: s.startsAt } })),
		},
		orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
		select: { id: true, startsAt: true, endsAt: true, provider: { select: { name: true } } },
	})
	return rows.map((r) => ({ bookingId: r.id, providerName: r.provider.name, startsAt: r.startsAt, endsAt: r.endsAt }))
}

/** What the booking page says before sending: one warning per overlapping booking, or none. */
export async function overlapWarningsFor(holderId: string, sessions: readonly Session[]): Promise<string[]> {
	return overlapWarnings(await overlappingBookings(holderId, sessions), sessions)
}
