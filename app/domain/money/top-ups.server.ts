/**
 * Top-ups: a holder (or someone with the PAY right) adds their own money to the budget by card, through a Stripe
 * Checkout Session. The budget is credited only when Stripe's signed payment_intent.succeeded webhook arrives
 * (stripe-webhooks.server.ts), once: the ledger transfer's key is "topup:<top-up id>", and the top-up row is
 * locked and checked in the same transaction.
 */
import { ensurePlatformAccounts, formatMoney, type Initiator, transfer } from '#app/domain/ledger/ledger.server.ts'
import type { TopUp } from '#app/generated/prisma/client.ts'
import { InitiatorRole } from '#app/generated/prisma/enums.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getStripe, type Stripe } from '#app/utils/stripe.server.ts'
import { inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { MoneyError } from './errors.ts'
import { holderAccounts } from './holder-money.server.ts'
import { IDEMPOTENCY_KEY } from './idempotency.server.ts'
import { TOP_UP_LIMITS } from './top-up-limits.ts'

export { TOP_UP_LIMITS }

/** The ledger transfer's idempotency key for a top-up, and the Checkout Session's: one stable id for both. */
export function topUpKey(topUpId: string): string {
	return `topup:${topUpId}`
}

export type StartTopUpInput = {
	holderId: string
	amount: number
	/** Generated when the form was shown: sending it twice starts one top-up. */
	idempotencyKey: string
	initiator: Initiator
	/** This site's origin, for Stripe's return links: "https://budget.example". */
	origin: string
}

/** Records the top-up and opens a Stripe Checkout Session for it. Returns the page to send the person to. */
export async function startTopUp(input: StartTopUpInput): Promise<{ topUp: TopUp; checkoutUrl: string }> {
	const stripe = getStripe()
	if (!stripe) throw new MoneyError('STRIPE_OFF', 'Card top-ups are not available on this service.')
	if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
		throw new MoneyError('INVALID', 'This form is out of date. Reload the page and try again.')
	}
	if (!Number.isSafeInteger(input.amount) || input.amount < TOP_UP_LIMITS.min || input.amount > TOP_UP_LIMITS.max) {
		throw new MoneyError('INVALID', 'Enter an amount from £1.00 to £5,000.00.', { field: 'amount' })
	}
	const id = `topup_${input.idempotencyKey}`
	const topUp = await inTransaction(prisma, async (tx) => {
		await lockName(tx, `top-up:${id}`)
		const existing = await tx.topUp.findUnique({ where: { id } })
		if (existing) {
			if (existing.holderId !== input.holderId || existing.amountPence !== input.amount) {
				throw new MoneyError(
					'IDEMPOTENCY_CONFLICT',
					'This form was already sent with a different amount. Reload the page to start again.',
				)
			}
			return existing
		}
		const { currency } = await holderAccounts(tx, input.holderId)
		const created = await tx.topUp.create({
			data: { id, holderId: input.holderId, amountPence: input.amount, currency },
		})
		await tx.auditLog.create({
			data: {
				actorId: input.initiator.userId ?? null,
				holderId: input.holderId,
				action: 'top-up-started',
				entityType: 'TopUp',
				entityId: id,
				detail: { amount: input.amount, currency },
			},
		})
		return created
	})
	if (topUp.status !== 'STARTED')
		throw new MoneyError('WRONG_STATE', 'This top-up has already been paid. Reload the page to start another.')

	const page = `${input.origin}/holders/${encodeURIComponent(input.holderId)}/top-up`
	let session: Stripe.Checkout.Session
	try {
		session = await stripe.client.checkout.sessions.create(
			{
				mode: 'payment',
				client_reference_id: topUp.id,
				line_items: [
					{
						quantity: 1,
						price_data: {
							currency: topUp.currency.toLowerCase(),
							unit_amount: topUp.amountPence,
							product_data: { name: 'Top-up of your personal budget' },
						},
					},
				],
				metadata: { topUpId: topUp.id },
				payment_intent_data: {
					description: 'Budget Market top-up',
					metadata: {
						topUpId: topUp.id,
						holderId: topUp.holderId,
						initiatorRole: input.initiator.role,
						initiatorUserId: input.initiator.userId ?? '',
					},
				},
				success_url: `${page}?${new URLSearchParams({ topUp: topUp.id })}`,
				cancel_url: `${page}?${new URLSearchParams({ cancelled: topUp.id })}`,
			},
			{ idempotencyKey: topUpKey(topUp.id) },
		)
	} catch (error) {
		throw new MoneyError(
			'STRIPE_ERROR',
			'We could not reach the card payment service. Nothing has been taken. Try again in a few minutes.',
			{
				cause: error,
			},
		)
	}
	if (!session.url)
		throw new MoneyError(
			'STRIPE_ERROR',
			'The card payment service did not give us a payment page. Nothing has been taken.',
		)
	return { topUp, checkoutUrl: session.url }
}

/** A top-up of this holder, for the page Stripe sends people back to. */
export async function getTopUp(holderId: string, topUpId: string) {
	return prisma.topUp.findFirst({
		where: { id: topUpId, holderId },
		select: { id: true, amountPence: true, currency: true, status: true, createdAt: true },
	})
}

function initiatorFrom(metadata: Stripe.Metadata | null | undefined): Initiator {
	const role = metadata?.initiatorRole
	const userId = metadata?.initiatorUserId
	if (role && role in InitiatorRole) return { role: role as InitiatorRole, userId: userId || null }
	return { role: 'SYSTEM' }
}

async function lockTopUp(tx: Tx, id: string): Promise<TopUp | null> {
	return (await lockRow(tx, 'TopUp', id)) ? tx.topUp.findUnique({ where: { id } }) : null
}

export type TopUpOutcome = 'credited' | 'already-credited' | 'not-ours' | 'refused'

/**
 * payment_intent.succeeded: credits the holder's budget with what Stripe received, once. Runs inside the webhook's
 * transaction (with the event's dedup row). A payment in another currency than the account is not credited: it is
 * recorded for a person to refund.
 */
export async function creditTopUpIn(tx: Tx, intent: Stripe.PaymentIntent): Promise<TopUpOutcome> {
	const topUpId = intent.metadata?.topUpId
	if (!topUpId) return 'not-ours'
	const topUp = await lockTopUp(tx, topUpId)
	if (!topUp) return 'not-ours'
	if (topUp.status === 'SUCCEEDED') return 'already-credited'
	const currency = intent.currency.toUpperCase()
	const received = intent.amount_received > 0 ? intent.amount_received : intent.amount
	const accounts = await holderAccounts(tx, topUp.holderId)
	if (
		currency !== accounts.currency ||
		currency !== topUp.currency ||
		!Number.isSafeInteger(received) ||
		received <= 0
	) {
		await tx.topUp.update({ where: { id: topUp.id }, data: { status: 'FAILED', stripePaymentIntentId: intent.id } })
		await tx.auditLog.create({
			data: {
				holderId: topUp.holderId,
				action: 'top-up-refused',
				entityType: 'TopUp',
				entityId: topUp.id,
				detail: {
					reason: 'currency or amount does not match the account',
					currency,
					received,
					expected: topUp.currency,
				},
			},
		})
		return 'refused'
	}
	const { cardTopUps } = await ensurePlatformAccounts(tx, currency)
	const credited = await transfer(tx, {
		idempotencyKey: topUpKey(topUp.id),
		debitAccountId: cardTopUps.id,
		creditAccountId: accounts.budgetId,
		amount: received,
		currency,
		reason: 'TOP_UP',
		description: `${formatMoney(received, currency)} added by card (top-up)`,
		initiator: initiatorFrom(intent.metadata),
		onBehalfOfHolderId: topUp.holderId,
	})
	await tx.topUp.update({
		where: { id: topUp.id },
		data: { status: 'SUCCEEDED', transferId: credited.id, stripePaymentIntentId: intent.id },
	})
	await tx.auditLog.create({
		data: {
			holderId: topUp.holderId,
			action: 'top-up-credited',
			entityType: 'TopUp',
			entityId: topUp.id,
			detail: { paymentIntent: intent.id, received, requested: topUp.amountPence, transferId: credited.id },
		},
	})
	return 'credited'
}

/** payment_intent.payment_failed: the top-up did not go through (unless a later attempt already succeeded). */
export async function failTopUpIn(tx: Tx, intent: Stripe.PaymentIntent): Promise<TopUpOutcome> {
	const topUpId = intent.metadata?.topUpId
	if (!topUpId) return 'not-ours'
	const topUp = await lockTopUp(tx, topUpId)
	if (!topUp) return 'not-ours'
	if (topUp.status !== 'STARTED') return topUp.status === 'SUCCEEDED' ? 'already-credited' : 'refused'
	await tx.topUp.update({ where: { id: topUp.id }, data: { status: 'FAILED', stripePaymentIntentId: intent.id } })
	return 'refused'
}
