/**
 * Bookings' one door to money. Every figure a booking reads from the holder's budget and every hold, payment and
 * release it makes goes through here to app/domain/money (and, to release a hold, the ledger's voidPending). No
 * other file in app/domain/bookings imports app/domain/money or app/domain/ledger, and the idempotency keys of a
 * booking's transfers are written only here:
 *  - `booking:<id>:hold`         accept: the price plus the fee shown, held from the budget;
 *  - `booking:<id>`              confirm: the hold paid to the provider;
 *  - `booking:<id>:late-cancel`  cancel late: the provider's charge paid from the hold;
 *  - `booking:<id>:settle`       a problem settled with some money paid;
 *  - `booking:<id>:release`      cancel in time, or a problem settled with nothing paid: the hold released.
 */
import { formatMoney, type Initiator, voidPending } from '#app/domain/ledger/ledger.server.ts'
import { holdDescription, paymentDescription, releaseDescription } from '#app/domain/money/descriptions.ts'
import { isMoneyError } from '#app/domain/money/errors.ts'
import { platformFee } from '#app/domain/money/fees.ts'
import {
	agreedPlan,
	availableOf,
	checkRingFence,
	type HolderAccounts,
	holderAccounts,
	reserveForSpending,
} from '#app/domain/money/holder-money.server.ts'
import { payFromHold, sendPayout } from '#app/domain/money/payouts.server.ts'
import { getProviderMoney } from '#app/domain/money/provider-money.server.ts'
import type { Booking } from '#app/generated/prisma/client.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'
import type { Db, Tx } from '#app/utils/transaction.server.ts'
import { BookingError } from './errors.ts'
import { feeFor } from './pricing.ts'
import { shortDayText } from '#app/utils/dates.ts'

export { agreedPlan, formatMoney, getProviderMoney, isMoneyError, platformFee }
export type { Initiator }

/** The holder's agreed plan now in force, with its lines (null: none). */
export type Plan = Awaited<ReturnType<typeof agreedPlan>>

/** What a quote needs from the holder's budget, read once: the accounts, the agreed plan and the money free now. */
export type HolderBudget = { accounts: HolderAccounts; plan: Plan; available: number }

export async function holderBudget(db: Db, holderId: string): Promise<HolderBudget> {
	const accounts = await holderAccounts(db, holderId)
	const plan = await agreedPlan(db, holderId)
	const available = await availableOf(db, accounts.budgetId)
	return { accounts, plan, available }
}

/** The plan's line for a category of support (the first with that category), or null. */
export function lineFor(plan: Plan, categorySlug: string): string | null {
	return plan?.lines.find((l) => l.categorySlug === categorySlug)?.id ?? null
}

/** Refuses (NOT_ENOUGH_MONEY, naming the field) unless `amount` may be spent against `lineId`, ring-fences counted. */
export async function checkSpending(
	db: Db,
	holderId: string,
	budget: HolderBudget,
	amount: number,
	lineId: string | null,
): Promise<void> {
	try {
		await checkRingFence(db as Tx, holderId, budget.accounts, amount, lineId, {
			plan: budget.plan,
			available: budget.available,
		})
	} catch (error) {
		if (isMoneyError(error))
			throw new BookingError('NOT_ENOUGH_MONEY', error.message, { field: error.field ?? undefined })
		throw error
	}
}

/** What the statement says a booking's money was for. */
type BookingForMoney = Pick<
	Booking,
	'id' | 'holderId' | 'providerId' | 'currency' | 'totalPence' | 'feePence' | 'priceUnit' | 'startsAt' | 'endsAt'
> & {
	provider: { name: string }
	service: { title: string }
}

function what(b: BookingForMoney) {
	return {
		currency: b.currency,
		providerName: b.provider.name,
		minutes: b.priceUnit === 'PER_HOUR' ? Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000) : null,
		what: b.priceUnit === 'PER_HOUR' ? null : `“${b.service.title}”`,
		on: b.startsAt,
	}
}

/** Accept: holds the price plus the fee shown from the holder's budget, against the line. Throws a MoneyError if it cannot. */
export async function holdForBooking(tx: Tx, b: BookingForMoney, lineId: string | null, initiator: Initiator) {
	const amount = b.totalPence + b.feePence
	return reserveForSpending(tx, {
		holderId: b.holderId,
		amount,
		budgetLineId: lineId,
		idempotencyKey: `booking:${b.id}:hold`,
		description: holdDescription({ ...what(b), amount }),
		initiator,
		bookingId: b.id,
	})
}

type Held = BookingForMoney & { holdTransferId: string }

/** Confirm: the hold paid to the provider, with exactly the fee shown. Returns the payout started, if any. */
export async function payForSession(tx: Tx, b: Held, initiator: Initiator): Promise<string | null> {
	const paid = await payFromHold(tx, {
		holdTransferId: b.holdTransferId,
		providerId: b.providerId,
		price: b.totalPence,
		feeShown: b.feePence,
		idempotencyKey: `booking:${b.id}`,
		description: paymentDescription({ ...what(b), amount: b.totalPence }),
		initiator,
		bookingId: b.id,
	})
	return paid.payout?.id ?? null
}

/** Cancel late: the provider's charge paid from the hold (no fee), the rest released. Returns the payout started. */
export async function payLateCancellation(
	tx: Tx,
	b: Held,
	charge: number,
	initiator: Initiator,
): Promise<string | null> {
	const paid = await payFromHold(tx, {
		holdTransferId: b.holdTransferId,
		providerId: b.providerId,
		price: charge,
		feeShown: 0,
		idempotencyKey: `booking:${b.id}:late-cancel`,
		description: `${formatMoney(charge, b.currency)} cancellation charge paid to ${b.provider.name} for the session on ${shortDayText(b.startsAt)}, cancelled less than 24 hours before`,
		initiator,
		bookingId: b.id,
	})
	return paid.payout?.id ?? null
}

/** A problem settled with `paidPence` (more than 0) paid to the provider, the fee in proportion, the rest released. */
export async function paySettlement(tx: Tx, b: Held, paidPence: number, initiator: Initiator): Promise<void> {
	await payFromHold(tx, {
		holdTransferId: b.holdTransferId,
		providerId: b.providerId,
		price: paidPence,
		feeShown: feeFor(paidPence, b.totalPence, b.feePence),
		idempotencyKey: `booking:${b.id}:settle`,
		description: `${formatMoney(paidPence, b.currency)} paid to ${b.provider.name} for the session on ${shortDayText(b.startsAt)}, after a problem was settled`,
		initiator,
		bookingId: b.id,
	})
}

/** The whole hold back to the budget; `why` ends the statement line ("released: <why>"). */
export async function releaseHold(tx: Tx, b: Held, why: string, initiator: Initiator): Promise<void> {
	await voidPending(tx, {
		pendingId: b.holdTransferId,
		idempotencyKey: `booking:${b.id}:release`,
		description: releaseDescription({ ...what(b), amount: b.totalPence + b.feePence, why }),
		initiator,
	})
}

/** Payouts go straight to Stripe when it is configured; if that fails the scheduled job tries again. */
export async function sendPayoutSoon(payoutId: string): Promise<void> {
	if (!isStripeEnabled()) return
	try {
		await sendPayout(payoutId)
	} catch (error) {
		console.warn(
			`Payout ${payoutId} will be retried by the scheduled job: ${error instanceof Error ? error.message : String(error)}`,
		)
	}
}
