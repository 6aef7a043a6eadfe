/**
 * Pledging, all or nothing: pledge, withdraw, confirm, fail at the deadline, and the provider's cancellation.
 * Every change is one transaction that first locks the commission's row (access.server.ts states the lock order),
 * moves money only through money.server.ts, and writes its notifications and audit rows in the same transaction.
 *
 *   pledge(user, PledgeInput, now)                       → Pledge (HELD): agreedMax held from the holder's budget
 *   withdrawPledge(user, { commissionId, holderId }, now) → Pledge (VOIDED), before confirmation only
 *   confirmCommission(user | SYSTEM, commissionId, now)   → Commission (FUNDED): every pledge posted in one linked call
 *   settleAtDeadline(commissionId, now)                   → 'confirmed' | 'failed' | null (the deadline job; exactly once)
 *   cancelByProvider(user, commissionId, reason, now)     → Commission (CANCELLED): holds voided or undelivered sessions refunded
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import { platformFee } from '#app/domain/money/fees.ts'
import { type Commission, type Pledge, Prisma } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { addLocalDays, localDate, localInstant, localMinute, shortDayText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import {
	type ActingUser,
	audit,
	factsOf,
	fullFactsOf,
	initiatorFor,
	type LockedCommission,
	lockCommission,
	notifySides,
	partyFor,
	refuse,
	sideUserIds,
	SYSTEM,
	termsOf,
} from './access.server.ts'
import { CommissionError } from './errors.ts'
import { MAX_PAYING } from './limits.ts'
import {
	defaultLine,
	formatMoney,
	holderCurrencyIn,
	holdPledge,
	inTransaction,
	openAccountFor,
	postPledges,
	refundPledges,
	type Tx,
	voidPledges,
} from './money.server.ts'
import { atDeadline, refusal } from './rules.ts'
import { parseInput, type PledgeInput, PledgeSchema } from './schemas.ts'
import { finalShares, pledgeShare, refundFor, withFee } from './shares.ts'

type User = Exclude<ActingUser, { system: true }>

const money = (c: { currency: string }, pence: number) => formatMoney(pence, c.currency.trim())
const link = (c: { id: string }) => `/commissions/${c.id}`

/** Runs a change to one commission in a transaction that holds its row lock. */
export async function changeCommission<T>(
	commissionId: string,
	fn: (tx: Tx, c: LockedCommission) => Promise<T>,
): Promise<T> {
	return inTransaction(prisma, async (tx) => fn(tx, await lockCommission(tx, commissionId)))
}

// ───────────────────────────── Pledging ─────────────────────────────

/**
 * Pledges for a holder (the user themself, or someone they have the PAY right for): holds the share shown now plus
 * its platform fee (agreedMax) from the holder's budget, against a budget line, into the commission's account.
 * Refuses a closed or full commission, not enough money, a ring-fenced line. Idempotent on `idempotencyKey`.
 */
export async function pledge(user: User, input: PledgeInput, now: Date = clockNow()): Promise<Pledge> {
	const data = parseInput(PledgeSchema, input)
	return inTransaction(prisma, async (tx) => {
		const earlier = await tx.pledge.findUnique({ where: { idempotencyKey: data.idempotencyKey } })
		if (earlier) {
			if (earlier.commissionId !== data.commissionId || earlier.holderId !== data.holderId) {
				throw new CommissionError(
					'INVALID',
					'This form was already used for another pledge. Reload the page and try again.',
				)
			}
			return earlier
		}
		const c = await lockCommission(tx, data.commissionId)
		const party = await partyFor(tx, user, c, data.holderId, now)
		refuse(refusal('pledge', factsOf(c), party, now, 1 + data.companions))
		if (c.pledges.length >= MAX_PAYING) throw new CommissionError('FULL', 'This commission is full.')
		const currency = c.currency.trim()
		if ((await holderCurrencyIn(tx, data.holderId)) !== currency) {
			throw new CommissionError('INVALID', `This commission is paid in ${currency}, which this budget is not in.`)
		}
		const holder = await tx.budgetHolder.findUniqueOrThrow({
			where: { id: data.holderId },
			select: { displayName: true, funder: { select: { platformFeeBps: true } } },
		})
		const share = pledgeShare(termsOf(c), c.pledges.length)
		const feeBps = holder.funder.platformFeeBps
		const { fee, total } = withFee(share, feeBps)
		const budgetLineId =
			data.budgetLineId === undefined
				? await defaultLine(tx, data.holderId, c.service?.categorySlug ?? null)
				: data.budgetLineId
		let accountId = c.accountId
		if (!accountId) {
			accountId = await openAccountFor(tx, { title: c.title, currency })
			await tx.commission.update({ where: { id: c.id }, data: { accountId } })
		}
		const fields = {
			agreedMaxPence: total,
			sharePence: share,
			feeBps,
			feePence: fee,
			postedPence: null,
			refundedPence: 0,
			companions: data.companions,
			budgetLineId,
			pledgedById: user.id,
			status: 'HELD' as const,
			holdTransferId: null,
			idempotencyKey: data.idempotencyKey,
			resolvedAt: null,
		}
		// A holder who withdrew may pledge again: the same row, a new hold.
		const row = party.pledge
			? await tx.pledge.update({
					where: { commissionId_holderId: { commissionId: c.id, holderId: data.holderId } },
					data: fields,
				})
			: await tx.pledge.create({ data: { ...fields, commissionId: c.id, holderId: data.holderId } })
		const holdTransferId = await holdPledge(tx, {
			holderId: data.holderId,
			pledgeId: row.id,
			accountId,
			amount: total,
			budgetLineId,
			requestKey: data.idempotencyKey,
			description: `${money(c, total)} set aside for “${c.title}” with ${c.provider?.name ?? 'the provider'}: taken only if it goes ahead`,
			initiator: await initiatorFor(tx, user, data.holderId, now),
		})
		const saved = await tx.pledge.update({ where: { id: row.id }, data: { holdTransferId } })
		await tx.groupMember.upsert({
			where: { groupId_holderId: { groupId: c.groupId, holderId: data.holderId } },
			create: { groupId: c.groupId, holderId: data.holderId, addedById: user.id },
			update: {},
		})
		const paying = c.pledges.length + 1
		await notify(tx, {
			userIds: await sideUserIds(tx, [data.holderId], now),
			except: user.id,
			title: `${user.name} pledged for “${c.title}”`,
			body: `${money(c, total)} is set aside from ${holder.displayName}’s budget. Nothing is taken unless ${c.minPledgers} people pledge by ${shortDayText(c.deadline)}, and never more than this.`,
			link: link(c),
		})
		await notify(tx, {
			userIds: [c.provider?.ownerId],
			title: `A new pledge for “${c.title}”`,
			body: `${paying} of at least ${c.minPledgers} people have pledged.${paying >= c.minPledgers && paying - 1 < c.minPledgers ? ' The minimum is reached: you can confirm it now.' : ''}`,
			link: link(c),
			email: paying === c.minPledgers,
		})
		await audit(tx, {
			actor: user,
			action: 'PLEDGED',
			entityType: 'Pledge',
			entityId: saved.id,
			holderId: data.holderId,
			detail: { agreedMaxPence: total, companions: data.companions },
		})
		return saved
	})
}

/** Withdraws a held pledge (before confirmation only): the hold is released at once. Withdrawing twice is fine. */
export async function withdrawPledge(
	user: User,
	input: { commissionId: string; holderId: string },
	now: Date = clockNow(),
): Promise<Pledge> {
	return changeCommission(input.commissionId, async (tx, c) => {
		const party = await partyFor(tx, user, c, input.holderId, now)
		const current = await tx.pledge.findUnique({
			where: { commissionId_holderId: { commissionId: c.id, holderId: input.holderId } },
		})
		if (current?.status === 'VOIDED' && party.holderRights.has('PAY')) return current
		refuse(refusal('withdraw', factsOf(c), party, now))
		const p = current!
		await voidPledges(
			tx,
			[
				{
					pledgeId: p.id,
					holdTransferId: p.holdTransferId!,
					description: `${money(c, p.agreedMaxPence)} released: pledge for “${c.title}” withdrawn`,
				},
			],
			await initiatorFor(tx, user, input.holderId, now),
		)
		const saved = await tx.pledge.update({ where: { id: p.id }, data: { status: 'VOIDED', resolvedAt: now } })
		await notify(tx, {
			userIds: await sideUserIds(tx, [input.holderId], now),
			except: user.id,
			title: `Pledge for “${c.title}” withdrawn`,
			body: `${money(c, p.agreedMaxPence)} is back in the budget.`,
			link: link(c),
		})
		await notify(tx, {
			userIds: [c.provider?.ownerId],
			title: `A pledge for “${c.title}” was withdrawn`,
			body: `${c.pledges.length - 1} of at least ${c.minPledgers} people have pledged.`,
			link: link(c),
			email: false,
		})
		await audit(tx, {
			actor: user,
			action: 'PLEDGE_WITHDRAWN',
			entityType: 'Pledge',
			entityId: p.id,
			holderId: input.holderId,
		})
		return saved
	})
}

// ───────────────────────────── Confirming or failing ─────────────────────────────

/** The sessions' times: weekly from the first, at the same local time (so across a clock change too). */
export function sessionTimes(
	c: Pick<Commission, 'firstSessionAt' | 'sessionCount' | 'sessionMinutes'>,
): Array<{ startsAt: Date; endsAt: Date }> {
	if (!c.firstSessionAt) return []
	const day = localDate(c.firstSessionAt)
	const minute = localMinute(c.firstSessionAt)
	return Array.from({ length: c.sessionCount }, (_, i) => {
		const startsAt = localInstant(addLocalDays(day, 7 * i), minute)
		return { startsAt, endsAt: new Date(startsAt.getTime() + c.sessionMinutes * 60_000) }
	})
}

async function confirmLocked(tx: Tx, user: ActingUser, c: LockedCommission, now: Date): Promise<Commission> {
	if (!c.firstSessionAt)
		throw new CommissionError('WRONG_STATE', 'This commission has no schedule yet, so it cannot be confirmed.')
	const held = c.pledges.filter((p) => p.status === 'HELD')
	const shares = finalShares(termsOf(c), held.length)
	const finals = held.map((p, i) => {
		const share = shares[i]!
		const fee = platformFee(share, p.feeBps)
		if (share + fee > p.agreedMaxPence) throw new Error(`Pledge ${p.id}: the final share is above what was agreed`)
		return { p, share, fee, total: share + fee }
	})
	const initiator = await initiatorFor(tx, user, null, now)
	await postPledges(
		tx,
		finals.map((f) => ({
			pledgeId: f.p.id,
			holdTransferId: f.p.holdTransferId!,
			amount: f.total,
			description: `${money(c, f.total)} paid into the group’s money for “${c.title}” with ${c.provider?.name ?? 'the provider'}${f.total < f.p.agreedMaxPence ? ` (${money(c, f.p.agreedMaxPence - f.total)} of the amount set aside released)` : ''}`,
		})),
		initiator,
	)
	// Every pledge's row in one statement (500 updates one by one would take longer than the ledger call).
	if (finals.length > 0) {
		const values = Prisma.join(
			finals.map((f) => Prisma.sql`(${f.p.id}, ${f.share}::int, ${f.fee}::int, ${f.total}::int)`),
		)
		await tx.$executeRaw`
			UPDATE "Pledge" AS p SET "status" = 'POSTED'::"PledgeStatus", "sharePence" = v.share, "feePence" = v.fee, "postedPence" = v.total, "resolvedAt" = ${now}
			FROM (VALUES ${values}) AS v(id, share, fee, total)
			WHERE p."id" = v.id`
	}
	await tx.commissionSession.createMany({
		data: sessionTimes(c).map((t, i) => ({ commissionId: c.id, number: i + 1, ...t })),
	})
	const saved = await tx.commission.update({ where: { id: c.id }, data: { status: 'FUNDED', confirmedAt: now } })
	await notifySides(
		tx,
		finals.map((f) => ({
			holderId: f.p.holderId,
			except: user.id,
			title: `“${c.title}” is going ahead`,
			body: `${held.length} people pledged. ${money(c, f.total)} was taken from ${f.p.holder.displayName}’s budget${f.total < f.p.agreedMaxPence ? `, less than the ${money(c, f.p.agreedMaxPence)} set aside: the rest is back in the budget` : ''}. The group’s money pays ${c.provider?.name ?? 'the provider'} one session at a time, as each is delivered.`,
			link: link(c),
		})),
		now,
	)
	await notify(tx, {
		userIds: [c.provider?.ownerId],
		except: user.id,
		title: `“${c.title}” is confirmed`,
		body: `${held.length} people pledged. You are paid each session’s share as soon as it is confirmed.`,
		link: link(c),
	})
	await audit(tx, {
		actor: user,
		action: user.system ? 'COMMISSION_CONFIRMED_AT_DEADLINE' : 'COMMISSION_CONFIRMED',
		entityType: 'Commission',
		entityId: c.id,
		detail: { pledges: held.length },
	})
	return saved
}

/**
 * Confirms a commission that reached its minimum (the provider, or SYSTEM at the deadline): every pledge is posted
 * for its final share (≤ what its member agreed; the rest released) in one linked ledger call, all or none, and
 * the sessions are made. Confirming twice is fine.
 */
export async function confirmCommission(
	user: ActingUser,
	commissionId: string,
	now: Date = clockNow(),
): Promise<Commission> {
	return changeCommission(commissionId, async (tx, c) => {
		if (c.status === 'FUNDED') return c
		refuse(refusal('confirm', fullFactsOf(c), await partyFor(tx, user, c, null, now), now))
		return confirmLocked(tx, user, c, now)
	})
}

async function voidAll(tx: Tx, c: LockedCommission, why: string, now: Date): Promise<LockedCommission['pledges']> {
	const held = c.pledges.filter((p) => p.status === 'HELD')
	await voidPledges(
		tx,
		held.map((p) => ({
			pledgeId: p.id,
			holdTransferId: p.holdTransferId!,
			description: `${money(c, p.agreedMaxPence)} released: ${why}`,
		})),
		{ role: 'SYSTEM' },
	)
	await tx.pledge.updateMany({
		where: { id: { in: held.map((p) => p.id) } },
		data: { status: 'VOIDED', resolvedAt: now },
	})
	return held
}

async function failLocked(tx: Tx, c: LockedCommission, now: Date): Promise<Commission> {
	const held = await voidAll(tx, c, `“${c.title}” did not get enough pledges by the deadline`, now)
	const saved = await tx.commission.update({ where: { id: c.id }, data: { status: 'FAILED', failedAt: now } })
	// Enough people, but someone who pledged early withdrew: the shares would be more than some of the rest agreed.
	const enoughPeople = held.length >= c.minPledgers
	const why = enoughPeople
		? held.length === 1
			? 'Someone withdrew, so the one person who pledged by the deadline would have paid more than they agreed.'
			: `Someone withdrew, so the ${held.length} people who pledged by the deadline would each have paid more than some of them agreed.`
		: `Only ${held.length} of the ${c.minPledgers} people needed pledged by the deadline.`
	await notifySides(
		tx,
		held.map((p) => ({
			holderId: p.holderId,
			title: `“${c.title}” is not going ahead: your money is back`,
			body: `${why} The ${money(c, p.agreedMaxPence)} set aside is back in ${p.holder.displayName}’s budget; nothing was taken.`,
			link: link(c),
		})),
		now,
	)
	await notify(tx, {
		userIds: [c.provider?.ownerId],
		title: enoughPeople ? `“${c.title}” could not go ahead` : `“${c.title}” did not reach its minimum`,
		body: enoughPeople
			? `${why} It will not go ahead.`
			: `${held.length} of the ${c.minPledgers} people needed pledged by the deadline, so it will not go ahead.`,
		link: link(c),
	})
	await audit(tx, {
		actor: SYSTEM,
		action: 'COMMISSION_FAILED',
		entityType: 'Commission',
		entityId: c.id,
		detail: { voided: held.length },
	})
	return saved
}

/**
 * For the deadline job. At or after the deadline an OPEN commission is confirmed (minimum reached: as
 * confirmCommission, by SYSTEM) or fails (below it: every pledge voided in one linked call, each member told their
 * money is back). Exactly once: the row lock makes a second job wait, then find it no longer OPEN and do nothing.
 * Returns what happened, or null when there was nothing to do.
 */
export async function settleAtDeadline(
	commissionId: string,
	now: Date = clockNow(),
): Promise<'confirmed' | 'failed' | null> {
	return changeCommission(commissionId, async (tx, c) => {
		const due = atDeadline(fullFactsOf(c), now)
		if (due === 'confirm') return (await confirmLocked(tx, SYSTEM, c, now), 'confirmed')
		if (due === 'fail') return (await failLocked(tx, c, now), 'failed')
		return null
	})
}

// ───────────────────────────── The provider cancels ─────────────────────────────

/**
 * The provider cancels. Before confirmation every hold is released. After it, every member gets back their share
 * (and fee) of each session not yet paid, automatically, in one linked call; those sessions are REFUNDED.
 */
export async function cancelByProvider(
	user: User,
	commissionId: string,
	reason: string,
	now: Date = clockNow(),
): Promise<Commission> {
	const why = reason.trim()
	if (why === '')
		throw new CommissionError('INVALID', 'Say why you are cancelling: the members will see it.', { field: 'reason' })
	return changeCommission(commissionId, async (tx, c) => {
		if (c.status === 'CANCELLED') return c
		refuse(refusal('cancel', factsOf(c), await partyFor(tx, user, c, null, now), now))
		const told: Array<{ holderId: string; body: string }> = []
		if (c.status === 'OPEN') {
			const held = await voidAll(tx, c, `${c.provider?.name ?? 'The provider'} cancelled “${c.title}”`, now)
			for (const p of held)
				told.push({
					holderId: p.holderId,
					body: `The ${money(c, p.agreedMaxPence)} set aside is back in ${p.holder.displayName}’s budget; nothing was taken.`,
				})
		} else {
			const sessions = await tx.commissionSession.findMany({
				where: { commissionId: c.id },
				orderBy: { number: 'asc' },
			})
			const unpaid = sessions.filter((s) => s.status !== 'CONFIRMED' && s.status !== 'REFUNDED')
			const indexes = unpaid.map((s) => s.number - 1)
			const posted = c.pledges.filter((p) => p.status === 'POSTED')
			const refunds = posted.map((p) => ({
				p,
				amount: refundFor({ share: p.sharePence, fee: p.feePence }, c.sessionCount, indexes),
			}))
			await refundPledges(tx, c, {
				key: `cancel:${c.id}`,
				refunds,
				describe: (amount) =>
					`${money(c, amount)} refunded: ${c.provider?.name ?? 'the provider'} cancelled ${indexes.length} ${indexes.length === 1 ? 'session' : 'sessions'} of “${c.title}”`,
				initiator: { userId: user.id, role: 'PROVIDER' },
			})
			for (const { p, amount } of refunds) {
				const refunded = p.refundedPence + amount
				await tx.pledge.update({
					where: { id: p.id },
					data: { refundedPence: refunded, status: refunded === p.postedPence ? 'REFUNDED' : 'POSTED' },
				})
				told.push({
					holderId: p.holderId,
					body: `${money(c, amount)} for the ${indexes.length} ${indexes.length === 1 ? 'session' : 'sessions'} not delivered is back in ${p.holder.displayName}’s budget.`,
				})
			}
			await tx.commissionSession.updateMany({
				where: { id: { in: unpaid.map((s) => s.id) } },
				data: { status: 'REFUNDED', resolution: `Cancelled by the provider: ${why}`, resolvedAt: now },
			})
		}
		const saved = await tx.commission.update({
			where: { id: c.id },
			data: { status: 'CANCELLED', cancelledAt: now, cancelReason: why },
		})
		for (const t of told) {
			await notify(tx, {
				userIds: await sideUserIds(tx, [t.holderId], now),
				title: `${c.provider?.name ?? 'The provider'} cancelled “${c.title}”`,
				body: `${t.body} They said: “${why.slice(0, 300)}”`,
				link: link(c),
			})
		}
		await audit(tx, {
			actor: user,
			action: 'COMMISSION_CANCELLED',
			entityType: 'Commission',
			entityId: c.id,
			detail: { reason: why, members: told.length },
		})
		return saved
	})
}
