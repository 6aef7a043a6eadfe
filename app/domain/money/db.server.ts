/**
 * Transactions for the money domain. Every write that moves money is one database transaction: the ledger rows
 * (through the ledger module, given the transaction client) and our own rows (instalments, top-ups, payouts,
 * audit) commit or roll back together.
 */
import type { LedgerDb } from '#app/domain/ledger/ledger.server.ts'
import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'

export type MoneyDb = LedgerDb
export type Tx = Prisma.TransactionClient

const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 60_000 }
const MAX_ATTEMPTS = 4

/** A transaction client is the client without $connect/$disconnect (Prisma's ITX deny list); it still has $transaction. */
function ownsTransactions(db: MoneyDb): db is PrismaClient {
	return typeof (db as { $connect?: unknown }).$connect === 'function'
}

function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error)
	let text = `${error.message} ${(error as { code?: unknown }).code ?? ''}`
	if (error.cause !== undefined && error.cause !== error) text += ` ${errorText(error.cause)}`
	return text
}

/** A deadlock or serialization failure: the transaction can simply be run again. */
export function isWriteConflict(error: unknown): boolean {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') return true
	return /\b(40001|40P01)\b|deadlock detected|could not serialize access/i.test(errorText(error))
}

export function isUniqueViolation(error: unknown): boolean {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return true
	return /\b23505\b|unique constraint/i.test(errorText(error))
}

/**
 * Runs `fn` in the caller's transaction when `db` is one, otherwise in a new transaction, run again (a few times)
 * after a deadlock or serialization failure.
 */
export async function inTransaction<T>(db: MoneyDb, fn: (tx: Tx) => Promise<T>): Promise<T> {
	if (!ownsTransactions(db)) return fn(db)
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(fn, TRANSACTION_OPTIONS)
		} catch (error) {
			if (attempt >= MAX_ATTEMPTS || !isWriteConflict(error)) throw error
		}
	}
}

/** A transaction-scoped advisory lock: everyone working on `name` queues behind whoever holds it. */
export async function lockName(tx: Tx, name: string): Promise<void> {
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}::text, 0))`
}

/** A bigint (or the string some drivers return for it) as a number, refusing values too large to be exact. */
export function toNumber(value: bigint | number | string | null | undefined): number {
	if (value === null || value === undefined) return 0
	const n = typeof value === 'number' ? value : Number(value)
	if (!Number.isSafeInteger(n)) throw new RangeError(`${String(value)} is too large to handle as a number of pence`)
	return n
}
