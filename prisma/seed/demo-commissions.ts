/**
 * The demo group activities (issue 9), made through the commissions domain exactly as the pages make them, so every
 * penny goes through the ledger: an open one a pledge short of its minimum (Sam, holder@demo.test, can make it go
 * ahead), one confirmed with two sessions delivered and paid and one to come, and one that failed at its deadline
 * with every pledge returned. Ravi (holder2@demo.test) and Joan (holder3@demo.test) pledged to each. The Leicester
 * seated exercise group also asks providers for a quote, so Amina (provider@demo.test) and the Leicester Centre for
 * Integrated Living (org@demo.test) have a group's request to answer.
 */
import { randomUUID } from 'node:crypto'
import {
	confirmCommission,
	confirmSession,
	createOffer,
	markSessionDelivered,
	pledge,
	requestQuotes,
	settleAtDeadline,
} from '#app/domain/commissions/commissions.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { usingClient } from '#app/utils/db.server.ts'
import { addDays, addMinutes, dateOnly } from './dates.ts'
import { demoIds } from './demo.ts'

const HOUR = 3_600_000

export type DemoCommissions = { open: string; confirmed: string; failed: string; quoteRequest: string }

async function sessionUser(prisma: PrismaClient, id: string): Promise<SessionUser> {
	const u = await prisma.user.findUniqueOrThrow({ where: { id } })
	return { id: u.id, email: u.email, name: u.name, roles: u.roles, funderId: u.funderId }
}

export async function seedDemoCommissions(prisma: PrismaClient, now: Date): Promise<DemoCommissions> {
	return usingClient(prisma, async () => {
		const [amina, org, sam, ravi, joan] = await Promise.all(
			[
				demoIds.users.provider,
				demoIds.users.org,
				demoIds.users.holder,
				demoIds.users.holder2,
				demoIds.users.holder3,
			].map((id) => sessionUser(prisma, id)),
		)
		const members = [
			{ user: ravi!, holderId: demoIds.holders.ravi },
			{ user: joan!, holderId: demoIds.holders.joan },
		]
		const pledgeAll = async (commissionId: string, at: Date) => {
			for (const [k, m] of members.entries())
				await pledge(
					m.user,
					{ commissionId, holderId: m.holderId, idempotencyKey: randomUUID() },
					addMinutes(at, k * 90),
				)
		}
		const day = (n: number, minute = 10 * 60) => addMinutes(addDays(dateOnly(now), n), minute)

		// Open, one pledge short: three people needed, two pledged.
		const open = await createOffer(
			amina!,
			{
				providerId: demoIds.providers.pa,
				serviceId: 'svc_demo_pa_2',
				title: 'Walk and talk group, Fridays 11:00',
				description:
					'A gentle walk round Abbey Park and a cup of tea after, with Amina. Four Fridays, about an hour and a half each. ' +
					'Wheelchair users welcome: the route is flat and step-free.',
				pricingMode: 'PER_PLACE',
				pricePence: 3_600,
				minPeople: 3,
				maxPeople: 8,
				firstSessionAt: day(24, 11 * 60),
				sessionCount: 4,
				sessionMinutes: 90,
				deadline: day(17, 23 * 60 + 59),
				cancellationTerms:
					'You can withdraw your pledge until the group goes ahead. If I cancel, you get back your share of every walk not done.',
				cancellationCutoffHours: 48,
				companionsAllowed: true,
			},
			day(-3),
		)
		await pledgeAll(open.id, day(-2))

		// Confirmed: two sessions delivered and paid, one to come.
		const offeredAt = day(-30)
		const confirmed = await createOffer(
			org!,
			{
				providerId: demoIds.providers.org,
				serviceId: 'svc_demo_org_3',
				title: 'Employing a PA: a three-week course',
				description:
					'Three friendly sessions for people who employ, or want to employ, their own personal assistants: ' +
					'contracts, rotas, holiday cover and payroll, led by disabled people who do it themselves.',
				pricingMode: 'SPLIT_TOTAL',
				pricePence: 18_000,
				minPeople: 2,
				maxPeople: 10,
				firstSessionAt: day(-13, 14 * 60),
				sessionCount: 3,
				sessionMinutes: 120,
				deadline: day(-20, 23 * 60 + 59),
				cancellationTerms: 'If we cancel, you get back your share of every session not delivered.',
				cancellationCutoffHours: 48,
				companionsAllowed: true,
			},
			offeredAt,
		)
		await pledgeAll(confirmed.id, day(-28))
		await confirmCommission(org!, confirmed.id, day(-25))
		const sessions = await prisma.commissionSession.findMany({
			where: { commissionId: confirmed.id },
			orderBy: { number: 'asc' },
		})
		for (const s of sessions.slice(0, 2)) {
			const ended = new Date(s.endsAt.getTime() + HOUR)
			await markSessionDelivered(org!, s.id, ended)
			await confirmSession(members[0]!.user, { sessionId: s.id, holderId: members[0]!.holderId }, ended)
		}

		// Failed: four people needed, two pledged by the deadline; both pledges returned.
		const failed = await createOffer(
			org!,
			{
				providerId: demoIds.providers.org,
				serviceId: 'svc_demo_org_3',
				title: 'Saturday art club',
				description: 'Six Saturday mornings of painting and drawing at the centre, materials included.',
				pricingMode: 'PER_PLACE',
				pricePence: 4_000,
				minPeople: 4,
				maxPeople: 12,
				firstSessionAt: day(4),
				sessionCount: 6,
				sessionMinutes: 120,
				deadline: day(-3, 23 * 60 + 59),
				cancellationTerms: 'If we cancel, you get back your share of every session not delivered.',
				cancellationCutoffHours: 48,
			},
			day(-20),
		)
		await pledgeAll(failed.id, day(-12))
		await settleAtDeadline(failed.id, day(-2, 0))

		// A group around a need asks for quotes: the providers in Leicester see it on their dashboards.
		const request = await requestQuotes(sam!, {
			groupId: 'group_leicester_exercise',
			title: 'Saturday swimming for wheelchair users',
			need:
				'Some of us would like a swimming session on Saturday mornings at a pool with a hoist and a changing place. ' +
				'About six people, some with a carer.',
			town: 'Leicester',
			when: 'Saturday mornings',
			providerIds: [demoIds.providers.org],
		})
		return { open: open.id, confirmed: confirmed.id, failed: failed.id, quoteRequest: request.id }
	})
}
