/**
 * A holder's statement, worked out from the ledger's own entries. Pure: no database.
 *
 * A holder has two ledger accounts: the budget (what they can spend) and held (set aside for bookings and
 * pledges). What people see is three figures, each derived from the entries on those two accounts:
 * - available = budget posted − budget's outgoing holds;
 * - held      = budget's outgoing holds + what is posted in the held account;
 * - money in and out = posted entries on either account (a move between the two is neither).
 * So for each transfer: moneyIn − moneyOut = availableChange + heldChange, and the statement of all time adds
 * up to the balances (tested in money-statements.test.ts against the ledger's cached balances).
 */
import type { InitiatorRole, TransferPhase, TransferReason } from '#app/generated/prisma/enums.ts'

/** A holder's two accounts; null for one not opened yet (nothing moves through it). */
export type HolderAccountIds = { budgetId: string | null; heldId: string | null }

export type StatementEntry = { accountId: string; phase: 'PENDING' | 'POSTED'; amount: bigint }

export type StatementTransfer = {
	id: string
	createdAt: Date
	phase: TransferPhase
	reason: TransferReason
	description: string
	currency: string
	debitAccountId: string
	creditAccountId: string
	budgetLineId: string | null
	lineName: string | null
	initiatorRole: InitiatorRole
	initiatorName: string | null
	/** The transfer's entries on the holder's two accounts (others are ignored). */
	entries: StatementEntry[]
}

export type Effects = { moneyIn: bigint; moneyOut: bigint; availableChange: bigint; heldChange: bigint }

export function effectsOf(
	t: Pick<StatementTransfer, 'debitAccountId' | 'entries'>,
	accounts: HolderAccountIds,
): Effects {
	let budgetPosted = 0n
	let budgetOutgoingHolds = 0n
	let heldPosted = 0n
	for (const e of t.entries) {
		if (e.accountId === accounts.budgetId) {
			if (e.phase === 'POSTED') budgetPosted += e.amount
			// Pending entries on the debit side are the budget's own outgoing holds: −amount when made, +amount when resolved.
			else if (t.debitAccountId === accounts.budgetId) budgetOutgoingHolds -= e.amount
		} else if (e.accountId === accounts.heldId && e.phase === 'POSTED') {
			heldPosted += e.amount
		}
	}
	const posted = budgetPosted + heldPosted
	return {
		moneyIn: posted > 0n ? posted : 0n,
		moneyOut: posted < 0n ? -posted : 0n,
		availableChange: budgetPosted - budgetOutgoingHolds,
		heldChange: budgetOutgoingHolds + heldPosted,
	}
}

export type StatementKind = 'in' | 'out' | 'held' | 'released' | 'none'

export type StatementRow = Effects & {
	id: string
	createdAt: Date
	kind: StatementKind
	phase: TransferPhase
	reason: TransferReason
	description: string
	currency: string
	budgetLineId: string | null
	lineName: string | null
	initiatorRole: InitiatorRole
	initiatorName: string | null
}

export function statementRow(t: StatementTransfer, accounts: HolderAccountIds): StatementRow {
	const effects = effectsOf(t, accounts)
	const kind: StatementKind =
		effects.moneyIn > 0n
			? 'in'
			: effects.moneyOut > 0n
				? 'out'
				: effects.heldChange > 0n
					? 'held'
					: effects.heldChange < 0n
						? 'released'
						: 'none'
	return {
		...effects,
		id: t.id,
		createdAt: t.createdAt,
		kind,
		phase: t.phase,
		reason: t.reason,
		description: t.description,
		currency: t.currency,
		budgetLineId: t.budgetLineId,
		lineName: t.lineName,
		initiatorRole: t.initiatorRole,
		initiatorName: t.initiatorName,
	}
}

export type StatementTotals = { moneyIn: bigint; moneyOut: bigint; heldChange: bigint; availableChange: bigint }

export function totalsOf(rows: readonly Effects[]): StatementTotals {
	const totals = { moneyIn: 0n, moneyOut: 0n, heldChange: 0n, availableChange: 0n }
	for (const r of rows) {
		totals.moneyIn += r.moneyIn
		totals.moneyOut += r.moneyOut
		totals.heldChange += r.heldChange
		totals.availableChange += r.availableChange
	}
	return totals
}
