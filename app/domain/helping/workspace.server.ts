/**
 * The broker's and carer's workspace (ADR 024): the people they support, each with their balance, next sessions,
 * what is waiting for the helper (proposals answered or waiting, shortlists answered) and their plan lines at a
 * glance; and "acting for" one of them, which the site then shows on every page and uses to preselect the person in
 * booking forms. Every query is scoped to the helper's live delegations, read again on every request: rights the
 * holder withdrew or that ended show nothing and let the helper act for nobody.
 */
import { getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { actingForCard, holdersActingFor, liveDelegationWhere } from '#app/domain/people/rights.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { HelpingError } from './errors.ts'
import { proposalsBy } from './proposals.server.ts'
import { shortlistsBy, suggestableHolders } from './shortlists.server.ts'

/**
 * The holder this person may act for now, by a live delegation (not as the holder themself), or null. What the
 * "Acting for" banner and the booking forms trust; read on every request.
 */
export async function actingTarget(
	user: Pick<SessionUser, 'id'>,
	holderId: string | null,
	now: Date = clockNow(),
): Promise<{ id: string; displayName: string } | null> {
	if (!holderId || holderId.length > 100) return null
	const d = await prisma.delegation.findFirst({
		where: { holderId, delegateId: user.id, ...liveDelegationWhere(now), holder: { userId: { not: user.id } } },
		select: { holder: { select: { id: true, displayName: true } } },
	})
	return d?.holder ?? null
}

/** Starts acting for a holder: only one this person has a live delegation from. */
export async function requireActingTarget(user: Pick<SessionUser, 'id'>, holderId: string, now: Date = clockNow()) {
	const target = await actingTarget(user, holderId, now)
	if (!target) throw new HelpingError('NOT_FOUND', 'Choose someone you help.', { field: 'holderId' })
	return target
}

/** Everything /helping shows. */
export async function helpingPage(user: SessionUser, now: Date = clockNow()) {
	const delegations = await holdersActingFor(user.id, now)
	const holderIds = delegations.map((d) => d.holder.id)
	const [proposals, shortlists] = await Promise.all([proposalsBy(user.id, holderIds), shortlistsBy(user.id, holderIds)])
	const people = await Promise.all(
		delegations.map(async (d) => {
			const holderId = d.holder.id
			const sees = d.rights.some((r) => r === 'VIEW' || r === 'BOOK' || r === 'PAY')
			const [money, nextSessions] = sees
				? await Promise.all([
						getHolderMoney(holderId, now),
						prisma.booking.findMany({
							where: { holderId, status: { in: ['REQUESTED', 'ACCEPTED'] }, startsAt: { gt: now } },
							orderBy: { startsAt: 'asc' },
							take: 3,
							select: {
								id: true,
								status: true,
								startsAt: true,
								endsAt: true,
								provider: { select: { name: true } },
								service: { select: { title: true } },
							},
						}),
					])
				: [null, []]
			const mine = (x: { holderId: string }) => x.holderId === holderId
			return {
				...actingForCard(d),
				currency: money?.currency ?? 'GBP',
				available: money?.available ?? null,
				held: money?.held ?? null,
				nextSessions,
				lines: money?.plan?.lines.map((l) => ({ id: l.id, name: l.name, amount: l.amount, left: l.left })) ?? [],
				waiting: {
					proposals: proposals.filter((p) => mine(p) && p.status === 'WAITING'),
					answeredProposals: proposals.filter((p) => mine(p) && (p.status === 'APPROVED' || p.status === 'DECLINED')),
					shortlistsAnswered: shortlists.filter(
						(s) => mine(s) && ['CHOSEN', 'MORE_WANTED', 'HELPER_CHOOSES'].includes(s.status),
					),
					shortlistsOpen: shortlists.filter((s) => mine(s) && (s.status === 'DRAFT' || s.status === 'SENT')),
				},
			}
		}),
	)
	return { people }
}

/** For "Save to shortlist": the people this person may suggest support for, and who they act for now. */
export async function shortlistChoices(user: Pick<SessionUser, 'id'> | null, actingId: string | null) {
	if (!user) return { holders: [], actingId: null }
	const holders = await suggestableHolders(prisma, user.id, clockNow())
	return { holders: holders.map((h) => ({ id: h.id, displayName: h.displayName })), actingId }
}
