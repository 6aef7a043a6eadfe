import type { Tx } from '#app/utils/transaction.server.ts'

/**
 * Seams for the ledger's own fault tests. Never set outside tests: production code leaves them empty.
 */
export const ledgerTestHooks: {
	/** Called inside the transaction after a batch's transfer rows are written, before their entries and balances. */
	afterTransfersWritten?: (tx: Tx) => Promise<void>
	/** Skip the in-code balance checks, so the database's CHECK constraints are the only guard. */
	skipBalanceChecks?: boolean
	/** Called when the ledger retries its own transaction (deadlock, serialization failure, lost key race). */
	onRetry?: (error: unknown) => void
} = {}
