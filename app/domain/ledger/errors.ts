/**
 * The ledger's one error type. `message` is plain English, safe to show to the person who asked;
 * `code` is for the code that catches it.
 */
export type LedgerErrorCode =
	/** The request itself is malformed: amount not a positive whole number, no description, and so on. */
	| 'INVALID_TRANSFER'
	| 'ACCOUNT_NOT_FOUND'
	| 'SAME_ACCOUNT'
	| 'CURRENCY_MISMATCH'
	/** A debit would take an account flagged debitsMustNotExceedCredits below zero. */
	| 'INSUFFICIENT_FUNDS'
	/** A credit would take an account flagged creditsMustNotExceedDebits past what it has paid out. */
	| 'CREDIT_LIMIT_EXCEEDED'
	| 'PENDING_NOT_FOUND'
	/** The transfer a post or void points to is not a pending transfer. */
	| 'NOT_PENDING'
	| 'PENDING_ALREADY_RESOLVED'
	/** The hold timed out: it can be released but no longer paid. */
	| 'PENDING_EXPIRED'
	| 'POST_EXCEEDS_PENDING'
	/** The idempotency key was used before for a different request. */
	| 'IDEMPOTENCY_CONFLICT'
	/** A person, holder, budget line, funder or provider the request names does not exist. */
	| 'INVALID_REFERENCE'
	| 'NOT_FOUND'
	| 'ACCOUNT_EXISTS'

export class LedgerError extends Error {
	override name = 'LedgerError'
	readonly code: LedgerErrorCode
	/** For a linked batch: the position (from 0) of the transfer that failed, when known. */
	readonly index: number | undefined

	constructor(code: LedgerErrorCode, message: string, options: { index?: number; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause })
		this.code = code
		this.index = options.index
	}
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
	return error instanceof LedgerError && (code === undefined || error.code === code)
}
