import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { LedgerError, type LedgerErrorCode } from './errors.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'

/**
 * What every ledger function takes as `db`: the app's PrismaClient, or a transaction client from the
 * caller's own `prisma.$transaction(async (tx) => …)`.
 *
 * - Given a PrismaClient, the ledger opens its own transaction (READ COMMITTED, row locks) and retries it
 *   on a deadlock or a lost idempotency race.
 * - Given a transaction client, it runs inside the caller's transaction, so the ledger rows commit or roll
 *   back with the caller's own writes (a booking and its hold, say). Row and key locks are then held until
 *   the caller commits: keep such transactions short. A LedgerError thrown before anything is written
 *   leaves the caller's transaction usable; one mapped from a database error (a CHECK constraint) means
 *   PostgreSQL has aborted it, so the caller must let it roll back. Use READ COMMITTED (the default).
 */
export type LedgerDb = PrismaClient | Prisma.TransactionClient
export type Tx = Prisma.TransactionClient

/** A transaction client is the client without $connect/$disconnect (Prisma's ITX deny list). */
function ownsTransactions(db: LedgerDb): db is PrismaClient {
	return typeof (db as { $connect?: unknown }).$connect === 'function'
}

const TRANSACTION_OPTIONS = {
	// Embedded PGlite runs one transaction at a time, so under load a transaction may wait its turn.
	maxWait: 60_000,
	timeout: 60_000,
}
const MAX_ATTEMPTS = 4

/**
 * Runs `fn` in a transaction: the caller's if `db` is a transaction client, otherwise a new one that is
 * retried (a few times) when PostgreSQL reports a deadlock or serialization failure, or when
 * `retryable(error)` says so.
 */
export async function inTransaction<T>(
	db: LedgerDb,
	fn: (tx: Tx) => Promise<T>,
	retryable: (error: unknown) => boolean = () => false,
): Promise<T> {
	if (!ownsTransactions(db)) return fn(db)
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(fn, TRANSACTION_OPTIONS)
		} catch (error) {
			if (attempt >= MAX_ATTEMPTS || !(isWriteConflict(error) || retryable(error))) throw error
			ledgerTestHooks.onRetry?.(error)
		}
	}
}

/**
 * Takes a transaction-scoped advisory lock on `name`, so everyone working on the same name (an idempotency
 * key, an account to create) queues behind whoever holds it, and sees their committed rows.
 * Released when the transaction ends.
 */
export async function lockName(tx: Tx, name: string): Promise<void> {
	// $executeRaw: the function returns void, which some drivers cannot decode as a result column.
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}::text, 0))`
}

/** lockName for several names in one round trip, taken in the order given (sort them first). */
export async function lockNames(tx: Tx, names: string[]): Promise<void> {
	if (names.length === 1) return lockName(tx, names[0]!)
	await tx.$executeRaw`
		SELECT pg_advisory_xact_lock(hashtextextended(n, 0))
		FROM unnest(${names}::text[]) WITH ORDINALITY AS u(n, i)
		ORDER BY i`
}

// ───────────────────────────── Errors from the database ─────────────────────────────

function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error)
	let text = error.message
	const meta = (error as { meta?: unknown }).meta
	if (meta !== undefined) {
		try {
			text += ' ' + JSON.stringify(meta, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
		} catch {
			// Meta that cannot be serialised adds nothing.
		}
	}
	if (error.cause !== undefined && error.cause !== error) text += ' ' + errorText(error.cause)
	return text
}

function prismaCode(error: unknown): string | undefined {
	return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined
}

export function isWriteConflict(error: unknown): boolean {
	if (prismaCode(error) === 'P2034') return true
	const text = errorText(error)
	return /\b(40001|40P01)\b/.test(text) || /deadlock detected|could not serialize access/i.test(text)
}

/** A unique-constraint violation, optionally on a given column. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
	const text = errorText(error)
	const unique = prismaCode(error) === 'P2002' || /\b23505\b|unique constraint/i.test(text)
	return unique && (column === undefined || text.includes(column))
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
