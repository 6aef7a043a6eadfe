/**
 * The money domain's own refusals (the ledger's are LedgerError). `message` is plain English, safe to show to the
 * person who asked; `field` names the form field it is about, when there is one.
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

export class MoneyError extends Error {
	override name = 'MoneyError'
	readonly code: MoneyErrorCode
	readonly field: string | undefined

	constructor(code: MoneyErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause })
		this.code = code
		this.field = options.field
	}
}

export function isMoneyError(error: unknown, code?: MoneyErrorCode): error is MoneyError {
	return error instanceof MoneyError && (code === undefined || error.code === code)
}
