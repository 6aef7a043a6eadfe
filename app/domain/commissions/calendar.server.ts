/**
 * The sessions of group activities in a person's calendar and feed (issue 9): for each member's side (the holder, or
 * someone acting for them with a live delegation) once their pledge was taken, and for the provider's owner. Each
 * session is one entry, "for" the members this person is on the side of, linking to the activity's page.
 */
import type { CalendarEntry } from '#app/domain/bookings/queries.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { holderSideWhere } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { sessionStatusLabels } from './rules.ts'

export async function groupSessionEntries(
	user: Pick<SessionUser, 'id'>,
	from: Date,
	to: Date,
	now: Date,
): Promise<CalendarEntry[]> {
	const mySide = holderSideWhere(user.id, now)
	const where = {
		startsAt: { lt: to },
		endsAt: { gt: from },
		status: { not: 'REFUNDED' },
		commission: {
			status: { in: ['FUNDED', 'COMPLETED'] },
			OR: [{ provider: { ownerId: user.id } }, { pledges: { some: { status: 'POSTED', holder: mySide } } }],
		},
	} satisfies Prisma.CommissionSessionWhereInput
	// Prisma asks for each relation below even when no session matched (a query each, `… IN (NULL)`), and most
	// calendars hold no group session: one cheap look first (issue 14).
	if (!(await prisma.commissionSession.findFirst({ where, select: { id: true } }))) return []
	const sessions = await prisma.commissionSession.findMany({
		where,
		orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
		take: 1000,
		select: {
			id: true,
			number: true,
			startsAt: true,
			endsAt: true,
			status: true,
			commission: {
				select: {
					id: true,
					title: true,
					sessionCount: true,
					provider: { select: { name: true, ownerId: true } },
					pledges: {
						where: { status: 'POSTED', holder: mySide },
						select: { holder: { select: { displayName: true } } },
					},
				},
			},
		},
	})
	return sessions.map((s) => {
		const c = s.commission
		const forNames = [...new Set(c.pledges.map((p) => p.holder.displayName))]
		const isProvider = c.provider?.ownerId === user.id && forNames.length === 0
		return {
			id: `group-${s.id}`,
			href: `/commissions/${c.id}`,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			status: s.status,
			statusText: sessionStatusLabels[s.status],
			title: `${c.title} (group, session ${s.number} of ${c.sessionCount})`,
			with: isProvider ? 'the group' : `${c.provider?.name ?? 'the provider'} (for ${forNames.join(', ')})`,
			role: isProvider ? 'provider' : 'holder',
		}
	})
}
