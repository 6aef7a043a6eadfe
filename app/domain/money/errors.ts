import { DomainError } from '#app/utils/errors.ts'

/**
 * The money domain's own refusals (the ledger's are LedgerError); see DomainError for message, field and status.
 */
export type MoneyErrorCode =
	| 'NOT_FOUND'
	| 'INVALID'
	/** The same idempotency key was used before for something else. */
	| 'IDEMPOTENCY_CONFLICT'
	/** A ring-fenced budget line protects this money. */
	| 'RING_FENCED'
	/** Not enough money available. */
	| 'INSUFFICIENT_FUNDS'
	/** Stripe is not configured on this service. */
	| 'STRIPE_OFF'
	/** Stripe refused or could not be reached. */
	| 'STRIPE_ERROR'
	/** The thing is in a state where this cannot be done (a payout already paid, say). */
	| 'WRONG_STATE'

/**
 * What the money pages answer: a refusal is shown on the form (400) whatever its code, except something that is
 * not there (404) and Stripe failing us (502).
 */
const STATUS: Record<MoneyErrorCode, number> = {
	NOT_FOUND: 404,
	INVALID: 400,
	IDEMPOTENCY_CONFLICT: 400,
	RING_FENCED: 400,
	INSUFFICIENT_FUNDS: 400,
	STRIPE_OFF: 400,
	STRIPE_ERROR: 502,
	WRONG_STATE: 400,
}

export class MoneyError extends DomainError<MoneyErrorCode> {
	override name = 'MoneyError'

	constructor(code: MoneyErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
		super(STATUS, code, message, options)
	}
}

export function isMoneyError(error: unknown, code?: MoneyErrorCode): error is MoneyError {
	return error instanceof MoneyError && (code === undefined || error.code === code)
}
