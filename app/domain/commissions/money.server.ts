/**
 * The commissions domain's one door to money: the only file in app/domain/commissions that calls the ledger or
 * the money modules. Every function takes the caller's transaction (`tx`), so the ledger rows and the
 * commission's own rows commit or roll back together. Amounts are whole pence (numbers).
 *
 * The money path (docs/decisions/015-collective-commissioning.md):
 *  1. pledge: holder budget → the commission's account (COMMISSION_HELD), PENDING, for agreedMax, against the
 *     member's budget line (reserveForSpending: ring-fence and balance checks under the holder's lock);
 *  2. confirm: every hold POSTED for its final share + fee (the rest released), in ONE linked createTransfers call;
 *  3. fail / withdraw / cancel before confirmation: VOID_PENDING, in one linked call;
 *  4. a session confirmed: commission account → provider payable (the session's price) and → platform fees
 *     (the session's fees), linked, then a payout starts (payouts.server.ts startPayout);
 *  5. the provider cancels, or funder staff refund a disputed session: commission account → each member's
 *     budget (REFUND), one linked call.
 *
 * Idempotency keys are derived from stable ids (the hold's transfer id, the session id, the pledge id), so a
 * retried step, or two jobs doing the same step, move money once.
 */
import {
	checkLedger,
	createTransfers,
	ensurePlatformAccounts,
	ensureProviderPayableAccount,
	formatMoney,
	getBalance,
	type Initiator,
	openCommissionAccount,
	type TransferInput,
} from '#app/domain/ledger/ledger.server.ts'
import { toNumber } from '#app/domain/money/amounts.ts'
import { isMoneyError } from '#app/domain/money/errors.ts'
import { holderAccounts, lineForCategory, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { sendPayout, startPayout } from '#app/domain/money/payouts.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'
import { inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { CommissionError } from './errors.ts'
import { MAX_PAYING } from './limits.ts'

export { formatMoney, inTransaction, lockName, lockRow, type Initiator, type Tx }

/** The holder's budget currency (their funder's). */
export async function holderCurrencyIn(tx: Tx, holderId: string): Promise<string> {
	return (await holderAccounts(tx, holderId)).currency
}

/** The budget line of the holder's agreed plan for this category, or null. */
export function defaultLine(tx: Tx, holderId: string, categorySlug: string | null): Promise<string | null> {
	return categorySlug ? lineForCategory(holderId, categorySlug, tx) : Promise.resolve(null)
}

/** Opens the commission's own account. Call once, under the commission's row lock, and store the id. */
export async function openAccountFor(tx: Tx, commission: { title: string; currency: string }): Promise<string> {
	return (await openCommissionAccount(tx, commission)).id
}

export type HoldPledgeInput = {
	holderId: string
	pledgeId: string
	accountId: string
	amount: number
	budgetLineId: string | null
	requestKey: string
	description: string
	initiator: Initiator
}

/** Step 1: holds the pledge from the holder's budget into the commission's account. Returns the hold's id. */
export async function holdPledge(tx: Tx, input: HoldPledgeInput): Promise<string> {
	try {
		const hold = await reserveForSpending(tx, {
			holderId: input.holderId,
			amount: input.amount,
			budgetLineId: input.budgetLineId,
			idempotencyKey: `pledge-hold:${input.requestKey}`,
			description: input.description,
			initiator: input.initiator,
			pledgeId: input.pledgeId,
			reason: 'PLEDGE',
			creditAccountId: input.accountId,
		})
		return hold.id
	} catch (error) {
		if (isMoneyError(error, 'INSUFFICIENT_FUNDS'))
			throw new CommissionError('NOT_ENOUGH_MONEY', error.message, { cause: error })
		if (isMoneyError(error, 'RING_FENCED'))
			throw new CommissionError('RING_FENCED', error.message, { field: 'budgetLineId', cause: error })
		if (isMoneyError(error, 'INVALID'))
			throw new CommissionError('INVALID', error.message, { field: error.field, cause: error })
		throw error
	}
}

export type PostPledge = { pledgeId: string; holdTransferId: string; amount: number; description: string }

/** Step 2: posts every pledge for its final amount, all or none, in one linked ledger call. */
export async function postPledges(tx: Tx, pledges: PostPledge[], initiator: Initiator): Promise<void> {
	if (pledges.length === 0) return
	if (pledges.length > MAX_PAYING)
		throw new CommissionError('INVALID', `A commission can have at most ${MAX_PAYING} paying members.`)
	await createTransfers(
		tx,
		pledges.map((p): TransferInput => ({
			phase: 'POST_PENDING',
			pendingId: p.holdTransferId,
			amount: p.amount,
			idempotencyKey: `pledge-post:${p.holdTransferId}`,
			description: p.description,
			initiator,
			pledgeId: p.pledgeId,
		})),
	)
}

export type VoidPledge = { pledgeId: string; holdTransferId: string; description: string }

/** Step 3: releases holds, all or none, in one linked ledger call. */
export async function voidPledges(tx: Tx, pledges: VoidPledge[], initiator: Initiator): Promise<void> {
	if (pledges.length === 0) return
	await createTransfers(
		tx,
		pledges.map((p): TransferInput => ({
			phase: 'VOID_PENDING',
			pendingId: p.holdTransferId,
			idempotencyKey: `pledge-void:${p.holdTransferId}`,
			description: p.description,
			initiator,
			pledgeId: p.pledgeId,
		})),
	)
}

export type PaySessionInput = {
	sessionId: string
	accountId: string
	providerId: string
	currency: string
	price: number
	fee: number
	description: string
	initiator: Initiator
}

/**
 * Step 4: pays a session from the commission's account: the price to the provider, the fees to the platform
 * (linked), and starts the provider's payout. Returns the payout's id (send it after the transaction commits).
 */
export async function paySession(tx: Tx, input: PaySessionInput): Promise<string | null> {
	const payable = await ensureProviderPayableAccount(tx, input.providerId, input.currency)
	const { fees } = await ensurePlatformAccounts(tx, input.currency)
	const batch: TransferInput[] = []
	if (input.price > 0) {
		batch.push({
			phase: 'SINGLE',
			debitAccountId: input.accountId,
			creditAccountId: payable.id,
			amount: input.price,
			currency: input.currency,
			reason: 'BOOKING',
			idempotencyKey: `commission-session:${input.sessionId}:provider`,
			description: input.description,
			initiator: input.initiator,
		})
	}
	if (input.fee > 0) {
		batch.push({
			phase: 'SINGLE',
			debitAccountId: input.accountId,
			creditAccountId: fees.id,
			amount: input.fee,
			currency: input.currency,
			reason: 'FEE',
			idempotencyKey: `commission-session:${input.sessionId}:fee`,
			description: `${formatMoney(input.fee, input.currency)} platform fees: ${input.description}`,
			initiator: input.initiator,
		})
	}
	if (batch.length > 0) await createTransfers(tx, batch)
	if (input.price <= 0) return null
	const payout = await startPayout(tx, {
		providerId: input.providerId,
		amount: input.price,
		currency: input.currency,
		sourceKey: `commission-session:${input.sessionId}`,
		initiator: { role: 'SYSTEM' },
	})
	return payout.id
}

export type Refund = {
	pledgeId: string
	holderId: string
	budgetLineId: string | null
	amount: number
	description: string
}

/**
 * Step 5: pays money back from the commission's account to members' budgets, all or none, one linked call.
 * `key` names the occasion ("cancel", "session:<id>"), so each refund happens once.
 */
export async function refundMembers(
	tx: Tx,
	input: { accountId: string; currency: string; key: string; refunds: Refund[]; initiator: Initiator },
): Promise<void> {
	const batch: TransferInput[] = []
	for (const r of input.refunds) {
		if (r.amount <= 0) continue
		const { budgetId } = await holderAccounts(tx, r.holderId)
		batch.push({
			phase: 'SINGLE',
			debitAccountId: input.accountId,
			creditAccountId: budgetId,
			amount: r.amount,
			currency: input.currency,
			reason: 'REFUND',
			idempotencyKey: `commission-refund:${input.key}:${r.pledgeId}`,
			description: r.description,
			initiator: input.initiator,
			onBehalfOfHolderId: r.holderId,
			budgetLineId: r.budgetLineId,
			pledgeId: r.pledgeId,
		})
	}
	if (batch.length > 0) await createTransfers(tx, batch)
}

/** refundMembers for a commission's pledges: each pledge's `amount` back to its member's budget, described by `describe`. */
export async function refundPledges(
	tx: Tx,
	c: { accountId: string | null; currency: string },
	input: {
		key: string
		refunds: Array<{ p: { id: string; holderId: string; budgetLineId: string | null }; amount: number }>
		describe: (amount: number) => string
		initiator: Initiator
	},
): Promise<void> {
	await refundMembers(tx, {
		accountId: c.accountId!,
		currency: c.currency.trim(),
		key: input.key,
		refunds: input.refunds.map(({ p, amount }) => ({
			pledgeId: p.id,
			holderId: p.holderId,
			budgetLineId: p.budgetLineId,
			amount,
			description: input.describe(amount),
		})),
		initiator: input.initiator,
	})
}

/** Payouts go straight to Stripe when it is configured; if that fails the scheduled job tries again. */
export async function sendPayoutsSoon(payoutIds: Array<string | null>): Promise<void> {
	if (!isStripeEnabled()) return
	for (const id of payoutIds) {
		if (!id) continue
		try {
			await sendPayout(id)
		} catch (error) {
			console.warn(
				`Payout ${id} will be retried by the scheduled job: ${error instanceof Error ? error.message : String(error)}`,
			)
		}
	}
}

// ───────────────────────────── Reading ─────────────────────────────

/** What the commission's account holds now (posted), in pence. */
export async function accountHolds(db: PrismaClient | Tx, accountId: string | null): Promise<number> {
	if (!accountId) return 0
	return toNumber((await getBalance(db, accountId)).posted)
}

export type MoneyMovement = {
	id: string
	at: Date
	description: string
	amount: number
	phase: 'SINGLE' | 'PENDING' | 'POST_PENDING' | 'VOID_PENDING' | 'EXPIRE_PENDING'
	pledgeId: string | null
}

/** A plain history of the group's money: every movement into or out of the commission's account, oldest first. */
export async function moneyHistory(db: PrismaClient | Tx, accountId: string | null): Promise<MoneyMovement[]> {
	if (!accountId) return []
	const rows = await db.ledgerTransfer.findMany({
		where: {
			OR: [{ debitAccountId: accountId }, { creditAccountId: accountId }, { pending: { creditAccountId: accountId } }],
		},
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, createdAt: true, description: true, amount: true, phase: true, pledgeId: true },
	})
	return rows.map((r) => ({
		id: r.id,
		at: r.createdAt,
		description: r.description,
		amount: toNumber(r.amount),
		phase: r.phase,
		pledgeId: r.pledgeId,
	}))
}

/** For tests and the ledger check script. */
export { checkLedger }
