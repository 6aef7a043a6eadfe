/**
 * The ledger's transaction policy and its reading of database refusals, on the shared toolkit in
 * `#app/utils/transaction.server.ts`.
 *
 * Every ledger function takes `db: Db`: the app's PrismaClient, or a transaction client from the caller's own
 * `inTransaction(prisma, (tx) => …)`.
 *
 * - Given a PrismaClient, the ledger opens its own transaction (READ COMMITTED, row locks) and retries it on a
 *   deadlock or a lost idempotency race.
 * - Given a transaction client, it runs inside the caller's transaction, so the ledger rows commit or roll back
 *   with the caller's own writes (a booking and its hold, say). Row and key locks are then held until the caller
 *   commits: keep such transactions short. A LedgerError thrown before anything is written leaves the caller's
 *   transaction usable; one mapped from a database error (a CHECK constraint) means PostgreSQL has aborted it, so
 *   the caller must let it roll back. Use READ COMMITTED (the default).
 */
import { errorText, prismaCode, type TransactionOptions } from '#app/utils/transaction.server.ts'
import { LedgerError, type LedgerErrorCode } from './errors.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'

/** How the ledger runs its own transactions: up to 4 attempts, 60 s each, and the fault tests hear of each retry. */
export function ledgerTransaction(retryable?: (error: unknown) => boolean): TransactionOptions {
	return {
		attempts: 4,
		maxWait: 60_000,
		timeout: 60_000,
		retryable,
		onRetry: (error) => ledgerTestHooks.onRetry?.(error),
	}
}

const CHECK_CONSTRAINTS: Record<string, { code: LedgerErrorCode; message: string }> = {
	ledger_account_debits_within_credits: {
		code: 'INSUFFICIENT_FUNDS',
		message: 'There is not enough money available to do this.',
	},
	ledger_account_credits_within_debits: {
		code: 'CREDIT_LIMIT_EXCEEDED',
		message: 'This would pay back more into the account than has been paid out of it.',
	},
	ledger_account_debits_pending_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'This would release more money than is held.',
	},
	ledger_account_credits_pending_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'This would release more money than is held.',
	},
	ledger_account_debits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_account_credits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_reason_total_debits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_reason_total_credits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_summary_total_debits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_summary_total_credits_posted_not_negative: {
		code: 'INVALID_TRANSFER',
		message: 'An account balance cannot go below zero in this way.',
	},
	ledger_transfer_amount_positive: { code: 'INVALID_TRANSFER', message: 'The amount must be more than zero.' },
	ledger_transfer_accounts_differ: {
		code: 'SAME_ACCOUNT',
		message: 'Money cannot be moved from an account into itself.',
	},
}

/**
 * Turns a database refusal the ledger knows about (a CHECK constraint, a missing referenced row) into a
 * LedgerError with a plain-English message. Anything else is returned unchanged.
 */
export function toLedgerError(error: unknown, index?: number): unknown {
	if (error instanceof LedgerError) return error
	const text = errorText(error)
	for (const [name, mapped] of Object.entries(CHECK_CONSTRAINTS)) {
		if (text.includes(name)) return new LedgerError(mapped.code, mapped.message, { index, cause: error })
	}
	if (prismaCode(error) === 'P2003' || /\b23503\b|foreign key constraint/i.test(text)) {
		return new LedgerError(
			'INVALID_REFERENCE',
			'A person, holder, budget line or account named in this request does not exist.',
			{ index, cause: error },
		)
	}
	return error
}
