/**
 * The one toolkit for transactions and locks. Every domain opens its transactions, takes its locks and reads the
 * database's refusals here; what differs between domains (how often to retry, on what, how long to wait) is an
 * option each states where it calls `inTransaction`.
 *
 * - `Db` is what a domain function takes when it can run on its own or inside a caller's transaction: the app's
 *   PrismaClient, or a transaction client from the caller's `inTransaction(db, (tx) => …)`.
 * - Given a PrismaClient, `inTransaction` opens a new transaction (READ COMMITTED, the default) and runs it again
 *   after a deadlock or serialization failure (and after whatever `retryable` accepts), a few times at most.
 * - Given a transaction client, it runs `fn` inside that transaction, so everything commits or rolls back together;
 *   the caller's transaction decides the retries. Locks are then held until the caller commits: keep it short.
 */
import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'

export type Tx = Prisma.TransactionClient
export type Db = PrismaClient | Tx

export type TransactionOptions = {
	/** How many times a new transaction is tried in all (default 4). */
	attempts?: number
	/** How long to wait for a connection, in ms (default 60 s: embedded PGlite runs one transaction at a time). */
	maxWait?: number
	/** How long the transaction may run, in ms (default 60 s). */
	timeout?: number
	/** The isolation level of a new transaction (default READ COMMITTED); a caller's transaction keeps its own. */
	isolationLevel?: Prisma.TransactionIsolationLevel
	/** Errors, besides write conflicts, after which the transaction is run again (a lost unique-key race, say). */
	retryable?: (error: unknown) => boolean
	/** Called before each retry, with the error that caused it. */
	onRetry?: (error: unknown) => void
}

const DEFAULTS = { attempts: 4, maxWait: 60_000, timeout: 60_000 }

/** A transaction client is the client without $connect/$disconnect (Prisma's ITX deny list). */
export function ownsTransactions(db: Db): db is PrismaClient {
	return typeof (db as { $connect?: unknown }).$connect === 'function'
}

/**
 * Runs `fn` in a transaction: the caller's if `db` is a transaction client, otherwise a new one, run again after a
 * write conflict or an error `options.retryable` accepts, up to `options.attempts` times in all.
 */
export async function inTransaction<T>(
	db: Db,
	fn: (tx: Tx) => Promise<T>,
	options: TransactionOptions = {},
): Promise<T> {
	if (!ownsTransactions(db)) return fn(db)
	const attempts = options.attempts ?? DEFAULTS.attempts
	const settings = {
		maxWait: options.maxWait ?? DEFAULTS.maxWait,
		timeout: options.timeout ?? DEFAULTS.timeout,
		...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
	}
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(fn, settings)
		} catch (error) {
			if (attempt >= attempts || !(isWriteConflict(error) || options.retryable?.(error))) throw error
			options.onRetry?.(error)
		}
	}
}

// ───────────────────────────────────────────── Locks ─────────────────────────────────────────────

/**
 * Takes a transaction-scoped advisory lock on `name`, so everyone working on the same name (an idempotency key, a
 * holder's spending, an account to create) queues behind whoever holds it and then sees their committed rows.
 * Released when the transaction ends.
 */
export async function lockName(tx: Tx, name: string): Promise<void> {
	// $executeRaw: the function returns void, which some drivers cannot decode as a result column.
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}::text, 0))`
}

/** lockName for several names in one round trip, taken in the order given (sort them first). */
export async function lockNames(tx: Tx, names: string[]): Promise<void> {
	if (names.length === 0) return
	if (names.length === 1) return lockName(tx, names[0]!)
	await tx.$executeRaw`
		SELECT pg_advisory_xact_lock(hashtextextended(n, 0))
		FROM unnest(${names}::text[]) WITH ORDINALITY AS u(n, i)
		ORDER BY i`
}

/**
 * Locks one row (`SELECT … FOR UPDATE`) until the transaction ends, so writers of the same row go one after the
 * other and each sees what the one before wrote. Returns false when there is no such row.
 */
export async function lockRow(tx: Tx, table: Prisma.ModelName, id: string): Promise<boolean> {
	// A model name is one of a fixed set (no @@map in the schema), so it is safe to splice in as an identifier.
	const rows = await tx.$queryRaw<{ id: string }[]>(
		Prisma.sql`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} FOR UPDATE`,
	)
	return rows.length > 0
}

// ───────────────────────────────────── Errors from the database ─────────────────────────────────────

/** The Prisma error code (P2002, P2034…) of a known request error. */
export function prismaCode(error: unknown): string | undefined {
	return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined
}

/**
 * Everything an error says about itself, to search for PostgreSQL's codes and constraint names: its message, its
 * code, Prisma's meta and, in turn, its causes (driver adapters wrap the database's error).
 */
export function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error)
	let text = error.message
	const code = (error as { code?: unknown }).code
	if (code !== undefined && code !== null) text += ` ${String(code)}`
	const meta = (error as { meta?: unknown }).meta
	if (meta !== undefined) {
		try {
			text += ' ' + JSON.stringify(meta, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
		} catch {
			// Meta that cannot be serialised adds nothing.
		}
	}
	if (error.cause !== undefined && error.cause !== error) text += ` ${errorText(error.cause)}`
	return text
}

/** A deadlock or serialization failure: the transaction can simply be run again. */
export function isWriteConflict(error: unknown): boolean {
	if (prismaCode(error) === 'P2034') return true
	return /\b(40001|40P01)\b|deadlock detected|could not serialize access/i.test(errorText(error))
}

/** A unique-constraint violation, optionally on a given column. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
	const text = errorText(error)
	const unique = prismaCode(error) === 'P2002' || /\b23505\b|unique constraint/i.test(text)
	return unique && (column === undefined || text.includes(column))
}
