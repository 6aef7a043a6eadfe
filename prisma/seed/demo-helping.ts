/**
 * The broker's workspace for the demo (ADR 024): Daniel Price, Sam Taylor's broker, has sent Sam a shortlist of two
 * providers, and suggested four hours of personal care with Amina Shah, above the £50 a booking Sam lets him spend,
 * which waits for Sam's yes. Made through the domain modules, as the app makes them.
 */
import { freeStarts, nextFreeDays } from '#app/domain/bookings/availability.ts'
import { loadProviderTime } from '#app/domain/bookings/bookings.server.ts'
import { proposeBooking } from '#app/domain/helping/proposals.server.ts'
import { saveToShortlist, sendShortlist } from '#app/domain/helping/shortlists.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { addLocalDays, localDate } from '#app/utils/dates.ts'
import { usingClient } from '#app/utils/db.server.ts'
import { demoIds } from './demo.ts'

async function sessionUser(prisma: PrismaClient, id: string): Promise<SessionUser> {
	const u = await prisma.user.findUniqueOrThrow({ where: { id } })
	return { id: u.id, email: u.email, name: u.name, roles: u.roles, funderId: u.funderId }
}

export async function seedDemoHelping(prisma: PrismaClient, now: Date): Promise<{ proposal: string | null }> {
	return usingClient(prisma, async () => {
		const daniel = await sessionUser(prisma, demoIds.users.broker)
		const sam = demoIds.holders.sam
		const { shortlistId } = await saveToShortlist(
			daniel,
			{ holderId: sam, providerId: demoIds.providers.pa, note: 'Speaks Urdu, drives, has eight years’ experience.' },
			now,
		)
		await saveToShortlist(
			daniel,
			{ holderId: sam, providerId: demoIds.providers.org, note: 'Run by disabled people; good for planning too.' },
			now,
		)
		await sendShortlist(daniel, shortlistId, now)

		const minutes = 240
		const time = await loadProviderTime(prisma, demoIds.providers.pa, now, new Date(now.getTime() + 60 * 86_400_000))
		const wanted = { id: 'svc_demo_pa_1', groupSize: null }
		const day = nextFreeDays(time, wanted, addLocalDays(localDate(now), 1), minutes, now, 8)[6]
		const start = day ? freeStarts(time, wanted, day.date, minutes, now)[0] : undefined
		if (!day || start === undefined) return { proposal: null }
		const { proposalId } = await proposeBooking(
			daniel,
			{
				serviceId: 'svc_demo_pa_1',
				holderId: sam,
				date: day.date,
				startMinute: start,
				minutes,
				weeks: 1,
				budgetLineId: undefined,
				note: 'Sam would like a longer morning before the hospital appointment.',
				idempotencyKey: 'demo-proposal-sam-long-morning',
			},
			now,
		)
		return { proposal: proposalId }
	})
}
