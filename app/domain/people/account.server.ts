import { prisma } from '#app/utils/db.server.ts'
import { Role } from '#app/generated/prisma/enums.ts'
import type { SessionUser } from './auth.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { KNOWN_TO_FUNDER } from './join-requests.server.ts'
import { holdersActingFor, liveDelegationWhere } from './rights.server.ts'

/** What "my account" shows, for each role this person has. Every query is scoped to this person. */
export async function getAccountOverview(user: SessionUser) {
	const has = (r: Role) => user.roles.includes(r)
	const [holder, actingFor, providers, funder, admin] = await Promise.all([
		has(Role.HOLDER)
			? prisma.budgetHolder.findUnique({
					where: { userId: user.id },
					select: { id: true, displayName: true, funder: { select: { name: true } } },
				})
			: null,
		has(Role.REPRESENTATIVE) || has(Role.BROKER) ? holdersActingFor(user.id) : Promise.resolve([]),
		listOwnProviders(user.id, has(Role.PROVIDER)),
		has(Role.FUNDER_STAFF) && user.funderId
			? prisma.funder.findUnique({
					where: { id: user.funderId },
					select: {
						name: true,
						currency: true,
						_count: { select: { holders: { where: KNOWN_TO_FUNDER } } },
						holders: {
							where: KNOWN_TO_FUNDER,
							select: { id: true, displayName: true },
							orderBy: { displayName: 'asc' },
							take: 50,
						},
					},
				})
			: null,
		has(Role.ADMIN)
			? Promise.all([prisma.user.count(), prisma.provider.count(), prisma.budgetHolder.count()]).then(
					([users, providers, holders]) => ({ users, providers, holders }),
				)
			: null,
	])
	return { holder, actingFor, providers, funder, admin }
}

/** A holder's page: who they are, their plan and its lines. Callers check rights first (requireHolderRight). */
export async function getHolderSummary(holderId: string) {
	return prisma.budgetHolder.findUnique({
		where: { id: holderId },
		select: {
			id: true,
			displayName: true,
			town: true,
			joinRequestedAt: true,
			joinDeclinedAt: true,
			userId: true,
			funderId: true,
			funder: { select: { name: true, currency: true } },
			plans: {
				where: { status: 'AGREED' },
				orderBy: { startsOn: 'desc' },
				take: 1,
				select: {
					id: true,
					outcomes: true,
					startsOn: true,
					endsOn: true,
					agreedAt: true,
					lines: { select: { id: true, name: true, amountPence: true, ringFenced: true }, orderBy: { name: 'asc' } },
				},
			},
			delegations: {
				// An organisation's staff copies are not listed one by one (ADR 025).
				where: { ...liveDelegationWhere(clockNow()), viaId: null },
				select: { kind: true, rights: true, delegate: { select: { name: true } } },
			},
		},
	})
}

async function listOwnProviders(userId: string, isProvider: boolean) {
	if (!isProvider) return []
	return prisma.provider.findMany({
		where: { ownerId: userId, deletedAt: null },
		select: { slug: true, name: true, kind: true, published: true, _count: { select: { services: true } } },
		orderBy: { name: 'asc' },
	})
}
