import { DomainError } from '#app/utils/errors.ts'

/**
 * The ledger's one error type (see DomainError). `message` is plain English, safe to show to the person who asked;
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

/**
 * No page answers with a LedgerError directly (the domains that call the ledger turn its refusals into their own),
 * but should one reach a route it is a refusal of the request: 400, or 409 when the money moved on meanwhile.
 * Nothing here is a 404 page: a missing account or hold is the caller's mistake, not a page that is not there.
 */
const STATUS: Record<LedgerErrorCode, number> = {
	INVALID_TRANSFER: 400,
	ACCOUNT_NOT_FOUND: 400,
	SAME_ACCOUNT: 400,
	CURRENCY_MISMATCH: 400,
	INSUFFICIENT_FUNDS: 400,
	CREDIT_LIMIT_EXCEEDED: 400,
	PENDING_NOT_FOUND: 400,
	NOT_PENDING: 409,
	PENDING_ALREADY_RESOLVED: 409,
	PENDING_EXPIRED: 409,
	POST_EXCEEDS_PENDING: 400,
	IDEMPOTENCY_CONFLICT: 409,
	INVALID_REFERENCE: 400,
	NOT_FOUND: 400,
	ACCOUNT_EXISTS: 409,
}

export class LedgerError extends DomainError<LedgerErrorCode> {
	override name = 'LedgerError'
	/** For a linked batch: the position (from 0) of the transfer that failed, when known. */
	readonly index: number | undefined

	constructor(code: LedgerErrorCode, message: string, options: { index?: number; cause?: unknown } = {}) {
		super(STATUS, code, message, { cause: options.cause })
		this.index = options.index
	}
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
	return error instanceof LedgerError && (code === undefined || error.code === code)
}
