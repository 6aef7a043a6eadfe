/**
 * Transactions for reviews. Each write (a review, feedback, a reply, a report, a moderator's decision) is one
 * transaction with everything it causes: the visibility of the other side, the provider's cached rating, the
 * search outbox row, the notifications and the audit trail commit or roll back together.
 */
import { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'

export type Tx = Prisma.TransactionClient

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 }

function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error)
	let text = `${error.message} ${(error as { code?: unknown }).code ?? ''}`
	if (error.cause !== undefined && error.cause !== error) text += ` ${errorText(error.cause)}`
	return text
}

export function isUniqueViolation(error: unknown): boolean {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return true
	return /\b23505\b|unique constraint/i.test(errorText(error))
}

function isWriteConflict(error: unknown): boolean {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') return true
	return /\b(40001|40P01)\b|deadlock detected|could not serialize access/i.test(errorText(error))
}

/**
 * Runs `fn` in a transaction. A unique violation or a write conflict (two requests racing, such as a double
 * click) runs it once more: the second time it sees what the first one wrote and answers as a retry.
 */
export async function inReviewTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await prisma.$transaction(fn, TRANSACTION_OPTIONS)
		} catch (error) {
			if (attempt >= 3 || !(isUniqueViolation(error) || isWriteConflict(error))) throw error
		}
	}
}

/**
 * Locks the booking's row until the transaction ends, so the review and the provider's feedback of one booking
 * are written one after the other: the second always sees the first (and both become visible together).
 */
export async function lockBooking(tx: Tx, bookingId: string): Promise<boolean> {
	const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Booking" WHERE "id" = ${bookingId} FOR UPDATE`
	return rows.length > 0
}

/** Locks one review's row until the transaction ends (a reply, a report decision). */
export async function lockReview(tx: Tx, reviewId: string): Promise<boolean> {
	const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Review" WHERE "id" = ${reviewId} FOR UPDATE`
	return rows.length > 0
}

/** A transaction-scoped advisory lock: whoever else asks for `name` waits until this transaction ends. */
export async function lockName(tx: Tx, name: string): Promise<void> {
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}::text, 0))`
}
