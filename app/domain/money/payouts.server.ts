/**
 * Paying providers.
 *
 * The money path (every step through the ledger module):
 *   1. a booking's hold: holder budget → holder held (PENDING; reserveForSpending in holder-money.server.ts);
 *   2. delivery confirmed: payFromHold posts the hold (for the price plus the fee that was shown, releasing any
 *      rest), pays held → provider payable (price) and held → platform fees (fee), and starts the payout, all in
 *      one transaction;
 *   3. startPayout: provider payable → payouts in transit (PENDING), plus a Payout row (AWAITING_PAYOUT);
 *   4. sendPayout (after the transaction commits; the scheduled job retries): a Stripe Connect transfer from the
 *      platform to the provider's connected account, idempotency key "payout:<ledger transfer id>"; when Stripe
 *      accepts it the pending transfer is posted and the payout is PAID. Without Stripe keys the payout waits, and an
 *      admin marks it paid (markPayoutPaid), which posts it the same way.
 * Payouts are free: the provider receives the whole price.
 */
import {
	createTransfers,
	ensurePlatformAccounts,
	ensureProviderPayableAccount,
	formatMoney,
	type Initiator,
	postPending,
	reserve,
	type TransferInput,
	type TransferOutcome,
} from '#app/domain/ledger/ledger.server.ts'
import type { Payout } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getStripe, type Stripe } from '#app/utils/stripe.server.ts'
import { type Db, inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { MoneyError } from './errors.ts'

// ───────────────────────────── Starting a payout ─────────────────────────────

export type StartPayoutInput = {
	providerId: string
	/** Minor units; the provider receives all of it (payouts are free). */
	amount: number
	currency: string
	/**
	 * A stable id for what this pays, unique per payout: the booking id for a booking. The ledger key is
	 * "payout:<sourceKey>", so calling again with the same sourceKey (a retry) returns the same payout.
	 */
	sourceKey: string
	initiator: Initiator
	bookingId?: string | null
	/** Plain English for the provider's records; default "£56.00 payout to Amina Shah". */
	description?: string
}

/**
 * Records a payout: moves the amount from what the platform owes the provider into "payouts in transit" (a pending
 * transfer) and creates the Payout row, in one transaction (the caller's, when `db` is a transaction client).
 * Idempotent on sourceKey. Call sendPayout(payout.id) after the transaction commits.
 */
export async function startPayout(db: Db, input: StartPayoutInput): Promise<Payout> {
	if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
		throw new MoneyError('INVALID', 'A payout must be a whole number of pence, more than zero.')
	}
	if (input.sourceKey.trim() === '') throw new MoneyError('INVALID', 'A payout needs a sourceKey.')
	return inTransaction(db, async (tx) => {
		const provider = await tx.provider.findUnique({ where: { id: input.providerId }, select: { id: true, name: true } })
		if (!provider) throw new MoneyError('NOT_FOUND', 'We could not find that provider.')
		const payable = await ensureProviderPayableAccount(tx, provider.id, input.currency)
		const { payouts } = await ensurePlatformAccounts(tx, input.currency)
		const hold = await reserve(tx, {
			idempotencyKey: `payout:${input.sourceKey}`,
			debitAccountId: payable.id,
			creditAccountId: payouts.id,
			amount: input.amount,
			currency: input.currency,
			reason: 'PAYOUT',
			description: input.description ?? `${formatMoney(input.amount, input.currency)} payout to ${provider.name}`,
			initiator: input.initiator,
			bookingId: input.bookingId ?? null,
		})
		const existing = await tx.payout.findUnique({ where: { transferId: hold.id } })
		if (existing) return existing
		return tx.payout.create({
			data: { providerId: provider.id, amountPence: input.amount, currency: input.currency, transferId: hold.id },
		})
	})
}

export type PayFromHoldInput = {
	/** The booking's hold: a pending transfer from the holder's budget to their held account. */
	holdTransferId: string
	providerId: string
	/** What the provider charges, in minor units. */
	price: number
	/**
	 * The platform fee exactly as it was shown before the booking was made (stored as Booking.feePence). Never
	 * recomputed here, so a fee rate changed since cannot change it. 0 when there is none.
	 */
	feeShown: number
	/** Stable per payment, e.g. "booking:<id>". Keys "<key>:post", ":provider", ":fee", and the payout's. */
	idempotencyKey: string
	/** Plain English for the statement: "£56.00 paid to Amina Shah for 4 hours on 3 March". */
	description: string
	/** Default: "£1.40 platform fee: <description>". */
	feeDescription?: string
	initiator: Initiator
	bookingId?: string | null
	/** Start the provider's payout in the same transaction (default true). */
	startPayout?: boolean
}

export type PayFromHoldResult = { transfers: TransferOutcome[]; payout: Payout | null }

/**
 * Delivery confirmed: pays the provider from a hold, in one transaction. Posts the hold for price + fee (the rest
 * is released back to the budget), moves the price to the provider and the fee to the platform, and starts the
 * payout. The budget line, booking and holder of the hold are carried onto every transfer. Idempotent on the key.
 */
export async function payFromHold(db: Db, input: PayFromHoldInput): Promise<PayFromHoldResult> {
	const { price, feeShown } = input
	if (!Number.isSafeInteger(price) || price <= 0)
		throw new MoneyError('INVALID', 'The price must be a whole number of pence, more than zero.')
	if (!Number.isSafeInteger(feeShown) || feeShown < 0)
		throw new MoneyError('INVALID', 'The fee must be a whole number of pence, 0 or more.')
	return inTransaction(db, async (tx) => {
		const hold = await tx.ledgerTransfer.findUnique({
			where: { id: input.holdTransferId },
			select: {
				id: true,
				phase: true,
				amount: true,
				currency: true,
				budgetLineId: true,
				onBehalfOfId: true,
				bookingId: true,
				creditAccount: { select: { id: true, kind: true } },
			},
		})
		if (!hold || hold.phase !== 'PENDING' || hold.creditAccount.kind !== 'HOLDER_HELD') {
			throw new MoneyError('NOT_FOUND', 'We could not find the money held for this booking.')
		}
		const currency = hold.currency.trim()
		const total = BigInt(price + feeShown)
		if (total > hold.amount) {
			throw new MoneyError(
				'INVALID',
				`${formatMoney(total, currency)} is more than the ${formatMoney(hold.amount, currency)} held for this booking.`,
			)
		}
		const payable = await ensureProviderPayableAccount(tx, input.providerId, currency)
		const { fees } = await ensurePlatformAccounts(tx, currency)
		const common = {
			initiator: input.initiator,
			onBehalfOfHolderId: hold.onBehalfOfId,
			budgetLineId: hold.budgetLineId,
			bookingId: input.bookingId ?? hold.bookingId,
			currency,
		}
		const batch: TransferInput[] = [
			{
				...common,
				phase: 'POST_PENDING',
				pendingId: hold.id,
				amount: total,
				idempotencyKey: `${input.idempotencyKey}:post`,
				// Says one thing once: the next row says who was paid (issue 12).
				description: `${formatMoney(total, currency)} set aside is now used to pay`,
			},
			{
				...common,
				phase: 'SINGLE',
				debitAccountId: hold.creditAccount.id,
				creditAccountId: payable.id,
				amount: price,
				reason: 'BOOKING',
				idempotencyKey: `${input.idempotencyKey}:provider`,
				description: input.description,
			},
		]
		if (feeShown > 0) {
			batch.push({
				...common,
				phase: 'SINGLE',
				debitAccountId: hold.creditAccount.id,
				creditAccountId: fees.id,
				amount: feeShown,
				reason: 'FEE',
				idempotencyKey: `${input.idempotencyKey}:fee`,
				description: input.feeDescription ?? `${formatMoney(feeShown, currency)} platform fee: ${input.description}`,
			})
		}
		const transfers = await createTransfers(tx, batch)
		const payout =
			input.startPayout === false
				? null
				: await startPayout(tx, {
						providerId: input.providerId,
						amount: price,
						currency,
						sourceKey: input.idempotencyKey,
						initiator: { role: 'SYSTEM' },
						bookingId: input.bookingId ?? hold.bookingId,
					})
		return { transfers, payout }
	})
}

// ───────────────────────────── Sending a payout ─────────────────────────────

/** The Stripe idempotency key of a payout: derived from its ledger transfer id. */
export function payoutStripeKey(payout: Pick<Payout, 'transferId'>): string {
	return `payout:${payout.transferId}`
}

function isTransient(error: unknown): boolean {
	const e = error as { type?: string; statusCode?: number }
	if (e.type === 'StripeConnectionError' || e.type === 'StripeAPIError' || e.type === 'StripeRateLimitError')
		return true
	return e.statusCode === undefined || e.statusCode >= 500 || e.statusCode === 409 || e.statusCode === 429
}

function stripeReason(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error)
	return `Stripe did not accept the payout: ${message}`.slice(0, 500)
}

async function lockPayout(tx: Tx, payoutId: string) {
	if (!(await lockRow(tx, 'Payout', payoutId))) throw new MoneyError('NOT_FOUND', 'We could not find that payout.')
	return tx.payout.findUniqueOrThrow({
		where: { id: payoutId },
		include: { provider: { select: { name: true, stripeAccountId: true } } },
	})
}

/** Stripe accepted the transfer: post the pending ledger transfer and mark the payout paid. Once. */
async function completeWithStripe(payoutId: string, stripeTransferId: string, now: Date): Promise<Payout> {
	return inTransaction(prisma, async (tx) => {
		const payout = await lockPayout(tx, payoutId)
		if (payout.status === 'PAID') return payout
		await postPending(tx, {
			idempotencyKey: `payout-paid:${payout.transferId}`,
			pendingId: payout.transferId,
			description: `${formatMoney(payout.amountPence, payout.currency)} paid out to ${payout.provider.name} through Stripe`,
			initiator: { role: 'SYSTEM' },
		})
		return tx.payout.update({
			where: { id: payout.id },
			data: { status: 'PAID', stripeTransferId, paidAt: now, failureReason: null },
		})
	})
}

/**
 * Sends a payout through Stripe Connect, if Stripe is configured and the provider has a connected account. Never
 * throws for a Stripe problem: a refusal marks the payout FAILED with the reason (an admin can try again or mark
 * it paid); an outage leaves it IN_TRANSIT for the job to retry with the same idempotency key. Before sending a
 * payout that may already have reached Stripe (IN_TRANSIT), it looks for a transfer with its transfer group, so
 * even a retry after Stripe's 24-hour idempotency window never pays twice.
 */
export async function sendPayout(payoutId: string, now = clockNow()): Promise<Payout> {
	const stripe = getStripe()
	const payout = await prisma.payout.findUnique({
		where: { id: payoutId },
		include: { provider: { select: { name: true, stripeAccountId: true } } },
	})
	if (!payout) throw new MoneyError('NOT_FOUND', 'We could not find that payout.')
	if (payout.status === 'PAID' || payout.status === 'FAILED' || !stripe) return payout
	const destination = payout.provider.stripeAccountId
	if (!destination) {
		return prisma.payout.update({
			where: { id: payout.id },
			data: { failureReason: 'Waiting for the provider to set up payouts with Stripe.' },
		})
	}
	const transferGroup = `payout_${payout.id}`
	try {
		if (payout.status === 'IN_TRANSIT') {
			const found = await stripe.client.transfers.list({ transfer_group: transferGroup, limit: 1 })
			const earlier = found.data[0]
			if (earlier) return completeWithStripe(payout.id, earlier.id, now)
		} else {
			await prisma.payout.updateMany({
				where: { id: payout.id, status: 'AWAITING_PAYOUT' },
				data: { status: 'IN_TRANSIT' },
			})
		}
		const sent: Stripe.Transfer = await stripe.client.transfers.create(
			{
				amount: payout.amountPence,
				currency: payout.currency.toLowerCase(),
				destination,
				transfer_group: transferGroup,
				description: `Budget Market payout to ${payout.provider.name}`,
				metadata: { payoutId: payout.id, ledgerTransferId: payout.transferId },
			},
			{ idempotencyKey: payoutStripeKey(payout) },
		)
		return await completeWithStripe(payout.id, sent.id, now)
	} catch (error) {
		if (error instanceof MoneyError || !(error as { type?: string }).type?.startsWith('Stripe')) throw error
		const transient = isTransient(error)
		return prisma.payout.update({
			where: { id: payout.id },
			data: transient
				? { status: 'IN_TRANSIT', failureReason: 'Stripe could not be reached. We will try again shortly.' }
				: { status: 'FAILED', failureReason: stripeReason(error) },
		})
	}
}

export type PayoutRunReport = { paid: number; failed: number; waiting: number }

/** For the scheduled job: sends every payout that is waiting or in transit, for providers with a Stripe account. */
export async function sendDuePayouts(now = clockNow(), options: { limit?: number } = {}): Promise<PayoutRunReport> {
	const report: PayoutRunReport = { paid: 0, failed: 0, waiting: 0 }
	if (!getStripe()) return report
	const due = await prisma.payout.findMany({
		where: { status: { in: ['AWAITING_PAYOUT', 'IN_TRANSIT'] }, provider: { stripeAccountId: { not: null } } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		take: options.limit ?? 100,
		select: { id: true },
	})
	for (const { id } of due) {
		const result = await sendPayout(id, now)
		if (result.status === 'PAID') report.paid += 1
		else if (result.status === 'FAILED') report.failed += 1
		else report.waiting += 1
	}
	return report
}

// ───────────────────────────── Admin: without Stripe, or after a failure ─────────────────────────────

/**
 * An admin records that a payout was made outside Stripe (the embedded default has no Stripe keys): posts the
 * pending ledger transfer and marks the payout PAID, once. A payout being sent through Stripe cannot be marked.
 */
export async function markPayoutPaid(input: {
	payoutId: string
	adminUserId: string
	note?: string | null
	now?: Date
}): Promise<Payout> {
	const now = input.now ?? clockNow()
	return inTransaction(prisma, async (tx) => {
		const payout = await lockPayout(tx, input.payoutId)
		if (payout.status === 'PAID') return payout
		if (payout.status === 'IN_TRANSIT') {
			throw new MoneyError(
				'WRONG_STATE',
				'This payout is being sent through Stripe. Wait for Stripe to finish before marking it paid.',
			)
		}
		const note = input.note?.trim()
		await postPending(tx, {
			idempotencyKey: `payout-paid:${payout.transferId}`,
			pendingId: payout.transferId,
			description:
				`${formatMoney(payout.amountPence, payout.currency)} paid out to ${payout.provider.name}, recorded by an administrator${note ? ` (${note})` : ''}`.slice(
					0,
					500,
				),
			initiator: { role: 'ADMIN', userId: input.adminUserId },
		})
		await tx.auditLog.create({
			data: {
				actorId: input.adminUserId,
				action: 'payout-marked-paid',
				entityType: 'Payout',
				entityId: payout.id,
				detail: { note: note ?? null, previousStatus: payout.status, failureReason: payout.failureReason },
			},
		})
		return tx.payout.update({ where: { id: payout.id }, data: { status: 'PAID', paidAt: now, failureReason: null } })
	})
}

/** An admin asks for a failed payout to be sent again through Stripe. */
export async function retryPayout(input: { payoutId: string; adminUserId: string; now?: Date }): Promise<Payout> {
	if (!getStripe())
		throw new MoneyError(
			'STRIPE_OFF',
			'Stripe is not set up on this service: mark the payout paid once you have paid it.',
		)
	await inTransaction(prisma, async (tx) => {
		const payout = await lockPayout(tx, input.payoutId)
		if (payout.status !== 'FAILED') return
		await tx.payout.update({ where: { id: payout.id }, data: { status: 'AWAITING_PAYOUT', failureReason: null } })
		await tx.auditLog.create({
			data: { actorId: input.adminUserId, action: 'payout-retried', entityType: 'Payout', entityId: payout.id },
		})
	})
	return sendPayout(input.payoutId, input.now)
}

// ───────────────────────────── Stripe Connect ─────────────────────────────

/**
 * Starts (or continues) a provider's Stripe Connect onboarding: makes their Express connected account once
 * (idempotency key "connect-account:<provider id>") and returns Stripe's onboarding page for it.
 */
export async function startConnectOnboarding(input: {
	providerId: string
	ownerId: string
	ownerEmail: string
	origin: string
}): Promise<string> {
	const stripe = getStripe()
	if (!stripe) throw new MoneyError('STRIPE_OFF', 'Payouts through Stripe are not available on this service.')
	const provider = await prisma.provider.findFirst({
		where: { id: input.providerId, ownerId: input.ownerId, deletedAt: null },
		select: { id: true, name: true, stripeAccountId: true },
	})
	if (!provider) throw new MoneyError('NOT_FOUND', 'We could not find that profile.')
	try {
		let accountId = provider.stripeAccountId
		if (!accountId) {
			const account = await stripe.client.accounts.create(
				{
					type: 'express',
					email: input.ownerEmail,
					business_profile: { name: provider.name },
					capabilities: { transfers: { requested: true } },
					metadata: { providerId: provider.id },
				},
				{ idempotencyKey: `connect-account:${provider.id}` },
			)
			const saved = await prisma.provider.updateMany({
				where: { id: provider.id, stripeAccountId: null },
				data: { stripeAccountId: account.id },
			})
			accountId =
				saved.count === 1
					? account.id
					: (await prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).stripeAccountId
			await prisma.auditLog.create({
				data: {
					actorId: input.ownerId,
					action: 'stripe-account-created',
					entityType: 'Provider',
					entityId: provider.id,
					detail: { accountId },
				},
			})
		}
		const back = `${input.origin}/provider/money`
		const link = await stripe.client.accountLinks.create({
			account: accountId ?? '',
			type: 'account_onboarding',
			refresh_url: `${back}?onboarding=again`,
			return_url: `${back}?onboarding=done`,
		})
		return link.url
	} catch (error) {
		throw new MoneyError(
			'STRIPE_ERROR',
			'We could not reach Stripe to set up your payouts. Try again in a few minutes.',
			{ cause: error },
		)
	}
}

export type ConnectStatus = { detailsSubmitted: boolean; payoutsEnabled: boolean } | null

/** What Stripe says about a connected account; null when Stripe is off or cannot be reached. */
export async function connectStatus(stripeAccountId: string): Promise<ConnectStatus> {
	const stripe = getStripe()
	if (!stripe) return null
	try {
		// Shown on a page: answer within a few seconds or not at all.
		const account = await stripe.client.accounts.retrieve(stripeAccountId, {}, { timeout: 4_000, maxNetworkRetries: 0 })
		return { detailsSubmitted: Boolean(account.details_submitted), payoutsEnabled: Boolean(account.payouts_enabled) }
	} catch {
		return null
	}
}

/**
 * account.updated: when a provider's connected account can receive payouts, their failed payouts are queued again
 * (the job sends them).
 */
export async function connectAccountUpdatedIn(tx: Tx, account: Stripe.Account): Promise<string> {
	const provider = await tx.provider.findUnique({ where: { stripeAccountId: account.id }, select: { id: true } })
	if (!provider) return 'not-ours'
	if (!account.payouts_enabled) return 'not-ready'
	await lockName(tx, `provider-payouts:${provider.id}`)
	const { count } = await tx.payout.updateMany({
		where: { providerId: provider.id, status: 'FAILED' },
		data: { status: 'AWAITING_PAYOUT', failureReason: null },
	})
	return count > 0 ? 'payouts-released' : 'ready'
}
