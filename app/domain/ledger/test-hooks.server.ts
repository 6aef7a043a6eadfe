import type { Tx } from './db.server.ts'

/**
 * Seams for the ledger's own fault tests. Never set outside tests: production code leaves them empty.
 */
export const ledgerTestHooks: {
	/** Called inside the transaction after each transfer of a batch is written (rows, entries, balances). */
	afterTransferWritten?: (tx: Tx, index: number) => Promise<void>
	/** Skip the in-code balance checks, so the database's CHECK constraints are the only guard. */
	skipBalanceChecks?: boolean
	/** Called when the ledger retries its own transaction (deadlock, serialization failure, lost key race). */
	onRetry?: (error: unknown) => void
} = {}
