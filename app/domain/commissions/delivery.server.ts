/**
 * Delivering a confirmed commission, session by session, like a booking:
 *
 *   markSessionDelivered(user, sessionId, now)                 → the provider says it happened; auto-confirm time set
 *   confirmSession(user | SYSTEM, { sessionId, holderId }, now) → a member (or someone with PAY for them), or the job:
 *                                                                  the provider is paid this session's share at once
 *   reportSessionProblem(user, { sessionId, holderId, description }, now) → this session's money waits for funder staff
 *   resolveSessionProblem(user, { sessionId, outcome: 'PAY' | 'REFUND', note }, now) → staff of a member's funder decide
 *
 * Problems, the simplest honest version (ADR 015): any member's report holds that one session's payment (the
 * other sessions carry on); staff of any member's funder (or an admin) then either pay the provider the session
 * in full or refund every member their part of it. No partial settlements.
 *
 * Auto-confirmation: after the longest `autoConfirmHours` among the members' funders, so no member gets less time
 * to report a problem than their funder promises.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { CommissionSession } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { sessionText, shortDayText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import {
	type ActingUser,
	audit,
	initiatorFor,
	type LockedCommission,
	lockCommission,
	partyFor,
	refuse,
	sideUserIds,
} from './access.server.ts'
import { CommissionError } from './errors.ts'
import { formatMoney, inTransaction, paySession, refundPledges, sendPayoutsSoon, type Tx } from './money.server.ts'
import { sessionRefusal } from './rules.ts'
import { refundFor, sessionPayment } from './shares.ts'

type User = Exclude<ActingUser, { system: true }>

/** Locks the session's commission (then reads the session): the same lock order as every other change. */
async function changeSession<T>(
	sessionId: string,
	fn: (tx: Tx, c: LockedCommission, s: CommissionSession) => Promise<T>,
): Promise<T> {
	const found = await prisma.commissionSession.findUnique({ where: { id: sessionId }, select: { commissionId: true } })
	if (!found) throw new CommissionError('NOT_FOUND', 'We could not find that session.')
	return inTransaction(prisma, async (tx) => {
		const c = await lockCommission(tx, found.commissionId)
		const s = await tx.commissionSession.findUniqueOrThrow({ where: { id: sessionId } })
		return fn(tx, c, s)
	})
}

const money = (c: { currency: string }, pence: number) => formatMoney(pence, c.currency.trim())
const link = (c: { id: string }) => `/commissions/${c.id}`

/** The members' money as the shares module sees it: every pledge that was posted, in pledge order. */
function membersOf(c: LockedCommission) {
	return c.pledges
		.filter((p) => p.postedPence !== null)
		.map((p) => ({ p, money: { share: p.sharePence, fee: p.feePence } }))
}

async function tellMembers(tx: Tx, c: LockedCommission, actor: ActingUser, title: string, body: string, now: Date) {
	await notify(tx, {
		userIds: await sideUserIds(
			tx,
			c.pledges.map((p) => p.holderId),
			now,
		),
		except: actor.id,
		title,
		body,
		link: link(c),
	})
}

/** The provider marks a session delivered (after it ended). Unless someone reports a problem, it is confirmed later. */
export async function markSessionDelivered(
	user: User,
	sessionId: string,
	now: Date = clockNow(),
): Promise<CommissionSession> {
	return changeSession(sessionId, async (tx, c, s) => {
		if (s.status === 'DELIVERED') return s
		refuse(sessionRefusal('markDelivered', c.status, s, await partyFor(tx, user, c, null, now), now))
		const hoursUsed = c.pledges.length > 0 ? Math.max(...c.pledges.map((p) => p.holder.funder.autoConfirmHours)) : 48
		const saved = await tx.commissionSession.update({
			where: { id: s.id },
			data: { status: 'DELIVERED', deliveredAt: now, autoConfirmAt: new Date(now.getTime() + hoursUsed * 3_600_000) },
		})
		await tellMembers(
			tx,
			c,
			user,
			`${c.provider?.name ?? 'The provider'} says session ${s.number} of “${c.title}” happened`,
			`Session ${s.number} (${sessionText(s.startsAt, s.endsAt)}): confirm it, or report a problem. If nobody does, it is confirmed automatically and paid ${hoursUsed} hours after being marked delivered.`,
			now,
		)
		await audit(tx, { actor: user, action: 'SESSION_DELIVERED', entityType: 'CommissionSession', entityId: s.id })
		return saved
	})
}

async function payLocked(
	tx: Tx,
	user: ActingUser,
	c: LockedCommission,
	s: CommissionSession,
	now: Date,
	how: string,
): Promise<{ session: CommissionSession; payoutId: string | null }> {
	const members = membersOf(c)
	const { price, fee } = sessionPayment(
		members.map((m) => m.money),
		c.sessionCount,
		s.number - 1,
	)
	const payoutId = await paySession(tx, {
		sessionId: s.id,
		accountId: c.accountId!,
		providerId: c.providerId!,
		currency: c.currency.trim(),
		price,
		fee,
		description: `${money(c, price)} paid to ${c.provider?.name ?? 'the provider'} for session ${s.number} of “${c.title}” on ${shortDayText(s.startsAt)}`,
		initiator: await initiatorFor(tx, user, null, now),
	})
	const session = await tx.commissionSession.update({
		where: { id: s.id },
		data: {
			status: 'CONFIRMED',
			confirmedAt: now,
			confirmedById: user.system ? null : user.id,
			paidPence: price,
			feePence: fee,
			autoConfirmAt: null,
		},
	})
	await notify(tx, {
		userIds: [c.provider?.ownerId],
		except: user.id,
		title: `Payment on its way for session ${s.number} of “${c.title}”`,
		body: `${money(c, price)} for the session on ${shortDayText(s.startsAt)} has been paid from the group’s money (${how}). The payout has started.`,
		link: link(c),
	})
	await completeIfDone(tx, user, c, now)
	return { session, payoutId }
}

/** Every session paid or refunded: the commission is COMPLETED. */
async function completeIfDone(tx: Tx, user: ActingUser, c: LockedCommission, now: Date): Promise<void> {
	const open = await tx.commissionSession.count({
		where: { commissionId: c.id, status: { notIn: ['CONFIRMED', 'REFUNDED'] } },
	})
	if (open > 0 || c.status !== 'FUNDED') return
	await tx.commission.update({ where: { id: c.id }, data: { status: 'COMPLETED', completedAt: now } })
	await tellMembers(
		tx,
		c,
		user,
		`“${c.title}” is complete`,
		'Every session has been delivered and paid. You can review the provider from the commission’s page.',
		now,
	)
	await audit(tx, { actor: user, action: 'COMMISSION_COMPLETED', entityType: 'Commission', entityId: c.id })
}

/**
 * A member (or someone with PAY for them; `holderId` says which member) confirms a session that started, or the
 * job confirms a delivered one after the auto-confirm time (user SYSTEM): the provider is paid this session's
 * share of the group's money at once, with the platform fees, and the payout starts. Confirming twice is fine.
 */
export async function confirmSession(
	user: ActingUser,
	input: { sessionId: string; holderId: string | null },
	now: Date = clockNow(),
): Promise<CommissionSession> {
	const result = await changeSession(input.sessionId, async (tx, c, s) => {
		if (s.status === 'CONFIRMED') return { session: s, payoutId: null }
		if (user.system) {
			if (s.status !== 'DELIVERED' || !s.autoConfirmAt || s.autoConfirmAt.getTime() > now.getTime())
				return { session: s, payoutId: null }
		} else {
			refuse(sessionRefusal('confirmSession', c.status, s, await partyFor(tx, user, c, input.holderId, now), now))
		}
		return payLocked(
			tx,
			user,
			c,
			s,
			now,
			user.system ? 'confirmed automatically, as no problem was reported' : `confirmed by ${user.name}`,
		)
	})
	void sendPayoutsSoon([result.payoutId])
	return result.session
}

/** A member reports a problem with a session that started: its payment waits for the funder's staff. */
export async function reportSessionProblem(
	user: User,
	input: { sessionId: string; holderId: string; description: string },
	now: Date = clockNow(),
): Promise<CommissionSession> {
	const description = input.description.trim()
	if (description === '') throw new CommissionError('INVALID', 'Say what went wrong.', { field: 'description' })
	return changeSession(input.sessionId, async (tx, c, s) => {
		if (s.status === 'DISPUTED' && s.problemById === user.id) return s
		refuse(sessionRefusal('reportProblem', c.status, s, await partyFor(tx, user, c, input.holderId, now), now))
		const saved = await tx.commissionSession.update({
			where: { id: s.id },
			data: {
				status: 'DISPUTED',
				problem: description.slice(0, 4000),
				problemById: user.id,
				problemAt: now,
				autoConfirmAt: null,
			},
		})
		const funders = [...new Set(c.pledges.map((p) => p.holder.funderId))]
		const staff = await tx.user.findMany({
			where: { funderId: { in: funders }, roles: { has: 'FUNDER_STAFF' } },
			select: { id: true },
		})
		const body = `A problem was reported with session ${s.number} (${shortDayText(s.startsAt)}): “${description.slice(0, 300)}”. Its payment waits until the funder’s staff decide.`
		await notify(tx, {
			userIds: [c.provider?.ownerId, ...staff.map((u) => u.id)],
			except: user.id,
			title: `Problem reported with “${c.title}”`,
			body,
			link: link(c),
		})
		await tellMembers(tx, c, user, `Problem reported with “${c.title}”`, body, now)
		await audit(tx, {
			actor: user,
			action: 'SESSION_PROBLEM_REPORTED',
			entityType: 'CommissionSession',
			entityId: s.id,
			holderId: input.holderId,
		})
		return saved
	})
}

/** Staff of a member's funder (or an admin) settle a disputed session: pay the provider, or refund every member. */
export async function resolveSessionProblem(
	user: User,
	input: { sessionId: string; outcome: 'PAY' | 'REFUND'; note: string },
	now: Date = clockNow(),
): Promise<CommissionSession> {
	const note = input.note.trim()
	if (note === '')
		throw new CommissionError('INVALID', 'Explain the decision: the members and the provider will see it.', {
			field: 'note',
		})
	const result = await changeSession(input.sessionId, async (tx, c, s) => {
		refuse(sessionRefusal('resolveProblem', c.status, s, await partyFor(tx, user, c, null, now), now))
		if (input.outcome === 'PAY') {
			const paid = await payLocked(tx, user, c, s, now, `after a problem, decided by ${user.name}`)
			const session = await tx.commissionSession.update({
				where: { id: s.id },
				data: { resolution: note, resolvedAt: now },
			})
			await tellMembers(
				tx,
				c,
				user,
				`Problem with session ${s.number} settled`,
				`The funder’s staff decided the provider is paid for this session: ${note}`,
				now,
			)
			return { session, payoutId: paid.payoutId }
		}
		const members = membersOf(c)
		const refunds = members.map(({ p, money: m }) => ({ p, amount: refundFor(m, c.sessionCount, [s.number - 1]) }))
		await refundPledges(tx, c, {
			key: `session:${s.id}`,
			refunds,
			describe: (amount) => `${money(c, amount)} refunded for session ${s.number} of “${c.title}” after a problem`,
			initiator: { userId: user.id, role: user.roles.includes('ADMIN') ? 'ADMIN' : 'FUNDER' },
		})
		for (const { p, amount } of refunds)
			await tx.pledge.update({ where: { id: p.id }, data: { refundedPence: p.refundedPence + amount } })
		const session = await tx.commissionSession.update({
			where: { id: s.id },
			data: { status: 'REFUNDED', resolution: note, resolvedAt: now, autoConfirmAt: null },
		})
		await tellMembers(
			tx,
			c,
			user,
			`Problem with session ${s.number} settled: money back`,
			`The funder’s staff decided this session is refunded: ${note}. Each member’s part of it is back in their budget.`,
			now,
		)
		await notify(tx, {
			userIds: [c.provider?.ownerId],
			title: `Session ${s.number} of “${c.title}” refunded`,
			body: `The funder’s staff decided: ${note}`,
			link: link(c),
		})
		await completeIfDone(tx, user, c, now)
		return { session, payoutId: null }
	})
	void sendPayoutsSoon([result.payoutId])
	return result.session
}
