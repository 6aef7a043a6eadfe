import type { InitiatorRole, LedgerTransfer, TransferReason } from '#app/generated/prisma/client.ts'

/** Who asked for a transfer: a signed-in person in a role, or the system (a scheduled job, a webhook). */
export type Initiator = { userId?: string | null; role: InitiatorRole }

type TransferCommon = {
	/** Unique per intended transfer. A retry with the same key and payload returns the first result. */
	idempotencyKey: string
	/** Plain English, shown on statements: "£56.00 paid to Amina Shah for 4 hours on 3 March". */
	description: string
	initiator: Initiator
	/** The holder whose money this is, when someone acts for them. */
	onBehalfOfHolderId?: string | null
	budgetLineId?: string | null
	bookingId?: string | null
	pledgeId?: string | null
	/** Optional: when given, both accounts must hold this currency. */
	currency?: string | null
}

/** Moves money at once. */
export type SingleTransferInput = TransferCommon & {
	phase: 'SINGLE'
	debitAccountId: string
	creditAccountId: string
	/** Positive whole number of minor units (pence, cents). */
	amount: bigint | number
	reason: TransferReason
}

/** Reserves money: it leaves the debit account's available balance but is not posted until resolved. */
export type PendingTransferInput = TransferCommon & {
	phase: 'PENDING'
	debitAccountId: string
	creditAccountId: string
	amount: bigint | number
	reason: TransferReason
	/** After this many seconds the scheduled job releases the hold (EXPIRE_PENDING). None: no time limit. */
	timeoutSeconds?: number | null
}

/**
 * Resolves a pending transfer, once. POST_PENDING pays `amount` (default: all of it; less releases the rest);
 * VOID_PENDING releases all of it. The accounts and currency come from the pending transfer: if given they
 * must match it. The reason defaults to the pending transfer's.
 */
export type ResolvePendingInput = TransferCommon & {
	phase: 'POST_PENDING' | 'VOID_PENDING'
	pendingId: string
	debitAccountId?: string | null
	creditAccountId?: string | null
	amount?: bigint | number | null
	reason?: TransferReason | null
}

export type TransferInput = SingleTransferInput | PendingTransferInput | ResolvePendingInput

/** A transfer as stored, and whether this call made it (false) or found it from an earlier call (true). */
export type TransferOutcome = LedgerTransfer & { replayed: boolean }
