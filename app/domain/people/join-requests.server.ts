/**
 * People who signed themselves up as a funder's budget holder (ADR 016). Anyone can say "Leicester City Council funds
 * me"; until the council's staff confirm it, the person is left out of the council's lists and cannot be given a
 * budget, so a stranger cannot appear among a council's holders or receive its money.
 *
 *   listJoinRequests(funderId)            → the people waiting, oldest first
 *   answerJoinRequest(staff, input, now?) → confirm (they become one of the funder's holders) or decline
 *
 * Both sides are told: the person by notification and email, the funder's staff see the list on /funder/join-requests.
 */
import { z } from 'zod'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { DomainError } from '#app/utils/errors.ts'
import { inTransaction, lockRow } from '#app/utils/transaction.server.ts'

/** A holder the funder knows: not waiting for confirmation and not declined. Every funder list filters by this. */
export const KNOWN_TO_FUNDER = { joinRequestedAt: null } satisfies Prisma.BudgetHolderWhereInput

/** Waiting for this funder: asked, not answered, and the person has confirmed their email (so it is not a typo). */
const WAITING = (funderId: string) =>
	({
		funderId,
		joinRequestedAt: { not: null },
		joinDeclinedAt: null,
		user: { emailConfirmedAt: { not: null } },
	}) satisfies Prisma.BudgetHolderWhereInput

export type JoinRequestErrorCode = 'NOT_FOUND' | 'ALREADY_ANSWERED'

const STATUS: Record<JoinRequestErrorCode, number> = { NOT_FOUND: 404, ALREADY_ANSWERED: 409 }

export class JoinRequestError extends DomainError<JoinRequestErrorCode> {
	override name = 'JoinRequestError'

	constructor(code: JoinRequestErrorCode, message: string) {
		super(STATUS, code, message)
	}
}

export const AnswerJoinRequestSchema = z.object({
	intent: z.enum(['confirm', 'decline'], { message: 'Choose whether this person is one of yours' }),
	holderId: z.string({ required_error: 'Choose a person' }).trim().min(1, 'Choose a person').max(100),
})
export type AnswerJoinRequestInput = z.infer<typeof AnswerJoinRequestSchema>

export type JoinRequest = { holderId: string; name: string; email: string | null; town: string | null; askedAt: Date }

/** The people waiting for this funder to confirm them, oldest first. */
export async function listJoinRequests(funderId: string): Promise<JoinRequest[]> {
	const rows = await prisma.budgetHolder.findMany({
		where: WAITING(funderId),
		orderBy: [{ joinRequestedAt: 'asc' }, { id: 'asc' }],
		take: 200,
		select: { id: true, displayName: true, town: true, joinRequestedAt: true, user: { select: { email: true } } },
	})
	return rows.map((r) => ({
		holderId: r.id,
		name: r.displayName,
		email: r.user?.email ?? null,
		town: r.town,
		askedAt: r.joinRequestedAt!,
	}))
}

/** How many people are waiting, for the funder's overview. */
export function countJoinRequests(funderId: string): Promise<number> {
	return prisma.budgetHolder.count({ where: WAITING(funderId) })
}

/**
 * Funder staff answer a request. Sending the same answer again (a double click, a retried request) changes nothing
 * and is not an error; a different answer after the first is refused.
 */
export async function answerJoinRequest(
	staff: { id: string; funderId: string },
	input: AnswerJoinRequestInput,
	now: Date = clockNow(),
): Promise<{ outcome: 'confirmed' | 'declined'; name: string; changed: boolean }> {
	const outcome = input.intent === 'confirm' ? 'confirmed' : 'declined'
	return inTransaction(prisma, async (tx) => {
		const found = await tx.budgetHolder.findFirst({
			where: { id: input.holderId, funderId: staff.funderId },
			select: { id: true },
		})
		if (!found)
			throw new JoinRequestError('NOT_FOUND', 'We could not find that person among the people asking to join.')
		await lockRow(tx, 'BudgetHolder', found.id)
		const holder = await tx.budgetHolder.findUniqueOrThrow({
			where: { id: found.id },
			select: {
				id: true,
				displayName: true,
				userId: true,
				joinRequestedAt: true,
				joinDeclinedAt: true,
				funder: { select: { name: true } },
			},
		})
		const current = holder.joinDeclinedAt ? 'declined' : holder.joinRequestedAt ? 'waiting' : 'confirmed'
		if (current === outcome) return { outcome, name: holder.displayName, changed: false }
		if (current !== 'waiting') {
			throw new JoinRequestError(
				'ALREADY_ANSWERED',
				`${holder.displayName} was already ${current === 'confirmed' ? 'confirmed' : 'declined'}.`,
			)
		}
		await tx.budgetHolder.update({
			where: { id: holder.id },
			data: outcome === 'confirmed' ? { joinRequestedAt: null } : { joinDeclinedAt: now },
		})
		await audit(tx, {
			actorId: staff.id,
			holderId: holder.id,
			action: outcome === 'confirmed' ? 'JOIN_CONFIRMED' : 'JOIN_DECLINED',
			entityType: 'BudgetHolder',
			entityId: holder.id,
		})
		await notify(tx, {
			userIds: [holder.userId],
			title:
				outcome === 'confirmed'
					? `${holder.funder.name} confirmed you fund your support through them`
					: `${holder.funder.name} could not find you among the people they fund`,
			body:
				outcome === 'confirmed'
					? 'They can now give you your personal budget here. You will be told when money arrives.'
					: 'If you think this is a mistake, contact them. You can still search for support and join groups.',
			link: '/account',
		})
		return { outcome, name: holder.displayName, changed: true }
	})
}
