/**
 * Representatives recorded by a funder (docs/decisions/025-representatives-and-organisation-staff.md). For a holder who
 * cannot manage alone, staff of that holder's own funder record a representative (someone with an account, or an
 * invitation by email) with the rights the holder's plan allows and the reason. Both see it: the holder's helpers page
 * says "recorded by Leicester City Council because …", and the funder's page lists them. Each change is one
 * transaction with its trail entry.
 *
 *   representativesPage(user, holderId, now)
 *   recordRepresentative / changeRepresentative / withdrawRepresentative
 */
import { randomBytes } from 'node:crypto'
import { notify, queueEmail } from '#app/domain/notifications/notify.server.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import type { SessionUser } from './auth.server.ts'
import { INVITE_DAYS, normaliseRights, rightsSentence } from './consent.ts'
import { ConsentError, delegationAudit, endDelegation, requireListKeeper, tokenHash } from './consent.server.ts'
import { liveDelegationWhere } from './rights.server.ts'

const DAY = 86_400_000

export async function representativesPage(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const holder = await requireListKeeper(user, holderId, 'representatives', { now })
	const [delegations, invites] = await Promise.all([
		prisma.delegation.findMany({
			where: { holderId, viaId: null, ...liveDelegationWhere(now) },
			select: {
				id: true,
				kind: true,
				rights: true,
				consentNote: true,
				consentGivenAt: true,
				delegate: { select: { name: true, email: true } },
				recordedBy: { select: { name: true } },
				organisation: { select: { name: true } },
			},
			orderBy: { consentGivenAt: 'asc' },
		}),
		prisma.helperInvite.findMany({
			where: { holderId, reason: { not: null }, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
			select: { id: true, email: true, rights: true, reason: true, expiresAt: true },
			orderBy: { createdAt: 'asc' },
		}),
	])
	return { holder, delegations, invites }
}

function checkAllowed(rights: DelegatedRight[], allowed: DelegatedRight[]): DelegatedRight[] {
	const chosen = normaliseRights(rights)
	const outside = chosen.filter((r) => !allowed.includes(r))
	if (outside.length > 0) {
		throw new ConsentError(
			'INVALID',
			`Without an agreed support plan, a representative can only ${rightsSentence(allowed, 'their')}.`,
			{ field: 'rights' },
		)
	}
	return chosen
}

export type RecordInput = { email: string; rights: DelegatedRight[]; reason: string }

/**
 * Records a representative: an existing account by its email gets the rights at once; anyone else is emailed an
 * invitation (the same link as a holder's), and accepting it records them. Returns which happened.
 */
export async function recordRepresentative(
	user: SessionUser,
	holderId: string,
	input: RecordInput,
	now: Date = clockNow(),
): Promise<{ recorded: 'now' | 'invited'; delegationId?: string; token?: string }> {
	const email = input.email.trim().toLowerCase()
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'representatives', { db: tx, now })
		const rights = checkAllowed(input.rights, holder.recordable)
		const person = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, roles: true } })
		if (person) {
			if (person.id === holder.userId) {
				throw new ConsentError('INVALID', `That is ${holder.displayName}’s own account.`, { field: 'email' })
			}
			const existing = await tx.delegation.findFirst({
				where: { holderId, delegateId: person.id, ...liveDelegationWhere(now) },
				select: { id: true },
			})
			if (existing) {
				throw new ConsentError(
					'INVALID',
					`${person.name} already acts for ${holder.displayName}. Change what they can do in the list below.`,
					{ field: 'email' },
				)
			}
			const terms = {
				kind: 'REPRESENTATIVE' as const,
				rights,
				consentNote: input.reason,
				recordedById: user.id,
				consentGivenAt: now,
				revokedAt: null,
				expiresAt: null,
				perBookingLimitPence: null,
				perMonthLimitPence: null,
				organisationId: null,
				viaId: null,
			}
			const d = await tx.delegation.upsert({
				where: { holderId_delegateId: { holderId, delegateId: person.id } },
				create: { holderId, delegateId: person.id, ...terms },
				update: terms,
			})
			if (!person.roles.includes('REPRESENTATIVE')) {
				await tx.user.update({ where: { id: person.id }, data: { roles: { push: 'REPRESENTATIVE' } } })
			}
			await audit(tx, {
				actorId: user.id,
				holderId,
				action: 'REPRESENTATIVE_RECORDED',
				entityType: 'Delegation',
				entityId: d.id,
				detail: { as: 'FUNDER', delegate: person.name, rights, reason: input.reason, funder: holder.funderName },
			})
			await notify(tx, {
				userIds: [person.id],
				title: `${holder.funderName} recorded you as ${holder.displayName}’s representative`,
				body: `You can now ${rightsSentence(rights, 'their')} for ${holder.displayName}. The reason recorded: ${input.reason}`,
				link: `/holders/${holderId}`,
			})
			await notify(tx, {
				userIds: [holder.userId],
				title: `${holder.funderName} recorded ${person.name} as your representative`,
				body: `${person.name} can now ${rightsSentence(rights, 'your')} for you, because: ${input.reason}. You can see it, and stop it, on the page of people who act for you.`,
				link: `/holders/${holderId}/helpers`,
			})
			return { recorded: 'now' as const, delegationId: d.id }
		}
		const token = randomBytes(32).toString('base64url')
		const expiresAt = new Date(now.getTime() + INVITE_DAYS * DAY)
		const invite = await tx.helperInvite.create({
			data: {
				holderId,
				email,
				kind: 'REPRESENTATIVE',
				rights,
				reason: input.reason,
				tokenHash: tokenHash(token),
				invitedById: user.id,
				expiresAt,
				createdAt: now,
			},
		})
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'REPRESENTATIVE_INVITED',
			entityType: 'HelperInvite',
			entityId: invite.id,
			detail: { as: 'FUNDER', email, rights, reason: input.reason, funder: holder.funderName },
		})
		const link = `${publicOrigin()}/helpers/accept/${token}`
		await queueEmail(tx, {
			to: email,
			subject: `${holder.funderName} asks you to be ${holder.displayName}’s representative`,
			body: [
				`${user.name} of ${holder.funderName} has recorded you as the representative of ${holder.displayName} on Budget Market, because: ${input.reason}`,
				`You would be able to ${rightsSentence(rights, 'their')}.`,
				`To accept, open this link and sign in, or create an account with this email address (${email}):`,
				link,
				`The link works once, until ${dayText(expiresAt)}. If you were not expecting this, ignore this email.`,
			].join('\n\n'),
		})
		return { recorded: 'invited' as const, token }
	})
}

/** A delegation the funder recorded for this holder, locked; the holder's own choices are not the funder's to change. */
async function recordedDelegation(tx: Tx, holderId: string, delegationId: string) {
	const found = await tx.delegation.findFirst({
		where: { id: delegationId, holderId, recordedById: { not: null }, viaId: null },
		select: { id: true },
	})
	if (!found || !(await lockRow(tx, 'Delegation', found.id))) {
		throw new ConsentError('NOT_FOUND', 'We could not find a representative your council recorded.')
	}
	return tx.delegation.findUniqueOrThrow({
		where: { id: found.id },
		include: { delegate: { select: { id: true, name: true } } },
	})
}

export async function changeRepresentative(
	user: SessionUser,
	holderId: string,
	delegationId: string,
	input: { rights: DelegatedRight[]; reason: string },
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'representatives', { db: tx, now })
		const rights = checkAllowed(input.rights, holder.recordable)
		const d = await recordedDelegation(tx, holderId, delegationId)
		if (d.revokedAt) throw new ConsentError('WRONG_STATE', `${d.delegate.name} is no longer a representative.`)
		await tx.delegation.update({
			where: { id: d.id },
			data: { rights, consentNote: input.reason, recordedById: user.id },
		})
		await delegationAudit(tx, { actorId: user.id, holderId }, 'RIGHTS_CHANGED', d, {
			as: 'FUNDER',
			reason: input.reason,
			before: { rights: d.rights },
			after: { rights },
		})
		await notify(tx, {
			userIds: [d.delegate.id, holder.userId],
			title: `${holder.funderName} changed what ${d.delegate.name} can do for ${holder.displayName}`,
			body: `${d.delegate.name} can now ${rightsSentence(rights, 'their')} for ${holder.displayName}. The reason recorded: ${input.reason}`,
			link: `/holders/${holderId}`,
		})
	})
}

export async function withdrawRepresentative(
	user: SessionUser,
	holderId: string,
	delegationId: string,
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'representatives', { db: tx, now })
		const d = await recordedDelegation(tx, holderId, delegationId)
		if (d.revokedAt) return
		const detail = { as: 'FUNDER', before: { rights: d.rights } }
		await endDelegation(tx, { actorId: user.id, holderId, detail }, d, now)
		await notify(tx, {
			userIds: [d.delegate.id, holder.userId],
			title: `${d.delegate.name} no longer acts for ${holder.displayName}`,
			body: `${holder.funderName} withdrew ${d.delegate.name}’s rights to act for ${holder.displayName} on Budget Market.`,
			link: '/account',
		})
	})
}
