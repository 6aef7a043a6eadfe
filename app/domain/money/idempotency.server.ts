import { randomUUID } from 'node:crypto'

/**
 * Forms that move money carry an idempotency key generated when the form is shown (a hidden field), so sending
 * the form twice (a double click, a retry after a time-out) has one effect. Every id the action derives from it
 * (the allocation, the top-up, the ledger transfers) is stable across retries.
 */
export function newIdempotencyKey(): string {
	return randomUUID()
}

/** What a key may look like: a UUID from newIdempotencyKey, or any stable id of 16 to 100 safe characters. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/
