import type { AccountKind, LedgerAccount } from '#app/generated/prisma/client.ts'
import { type Db, inTransaction, isUniqueViolation, lockName, type Tx } from '#app/utils/transaction.server.ts'
import { ledgerTransaction, toLedgerError } from './db.server.ts'
import { LedgerError } from './errors.ts'
import { isCurrencyCode } from './money.ts'

export type OpenAccountInput = {
	kind: AccountKind
	/** Three-letter code, e.g. GBP. Every transfer into or out of the account must be in it. */
	currency: string
	/** Plain English, e.g. "Amina Shah: budget". */
	name: string
	holderId?: string | null
	providerId?: string | null
	funderId?: string | null
	/**
	 * Accounts with the same key also have their totals kept summed, by kind and transfer reason
	 * (LedgerSummaryTotal, ADR 036). Set once, here; never changed.
	 */
	summaryKey?: string | null
	/** The balance (credits − debits) can never go below zero, counting money held. */
	debitsMustNotExceedCredits?: boolean
	/** The reverse: more can never be paid in than has been paid out. */
	creditsMustNotExceedDebits?: boolean
}

/**
 * The flags each kind of account gets from the ensure… helpers.
 * Holder, provider and fee accounts hold real money owed to someone, so they can never go below zero.
 * A funder's source is debit-normal (it pays out); it may take back no more than it paid out.
 * Clearing accounts are transit points between the ledger and the outside world (card payments,
 * bank payouts) and are left unflagged so money can pass through them in either order.
 */
export const DEFAULT_FLAGS: Record<
	AccountKind,
	{ debitsMustNotExceedCredits: boolean; creditsMustNotExceedDebits: boolean }
> = {
	FUNDER_SOURCE: { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: true },
	HOLDER_BUDGET: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false },
	HOLDER_HELD: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false },
	PROVIDER_PAYABLE: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false },
	PLATFORM_FEES: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false },
	PLATFORM_CLEARING: { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false },
	CARD_TOPUP_CLEARING: { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false },
	PAYOUT_CLEARING: { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false },
	COMMISSION_HELD: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false },
}

function checkAccountInput(input: OpenAccountInput): void {
	if (!isCurrencyCode(input.currency)) {
		throw new LedgerError('INVALID_TRANSFER', 'The currency must be a three-letter code such as GBP.')
	}
	if (input.name.trim() === '') throw new LedgerError('INVALID_TRANSFER', 'Give the account a name.')
	if (input.debitsMustNotExceedCredits && input.creditsMustNotExceedDebits) {
		throw new LedgerError('INVALID_TRANSFER', 'An account can limit its debits or its credits, not both.')
	}
	const owner: Partial<Record<AccountKind, keyof OpenAccountInput>> = {
		HOLDER_BUDGET: 'holderId',
		HOLDER_HELD: 'holderId',
		PROVIDER_PAYABLE: 'providerId',
		FUNDER_SOURCE: 'funderId',
	}
	const needs = owner[input.kind]
	if (needs && !input[needs]) {
		throw new LedgerError('INVALID_TRANSFER', `A ${input.kind} account needs a ${needs}.`)
	}
}

/**
 * Opens a new account. Low level: it always creates one. Most callers want the ensure… helpers, which
 * return the existing account when there is one.
 */
export async function openAccount(db: Db, input: OpenAccountInput): Promise<LedgerAccount> {
	checkAccountInput(input)
	try {
		return await db.ledgerAccount.create({
			data: {
				kind: input.kind,
				currency: input.currency,
				name: input.name.trim(),
				holderId: input.holderId ?? null,
				providerId: input.providerId ?? null,
				funderId: input.funderId ?? null,
				summaryKey: input.summaryKey ?? null,
				debitsMustNotExceedCredits: input.debitsMustNotExceedCredits ?? false,
				creditsMustNotExceedDebits: input.creditsMustNotExceedDebits ?? false,
			},
		})
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new LedgerError('ACCOUNT_EXISTS', `This ${input.kind} account already exists in ${input.currency}.`, {
				cause: error,
			})
		}
		throw toLedgerError(error)
	}
}

type AccountSpec = Omit<OpenAccountInput, 'debitsMustNotExceedCredits' | 'creditsMustNotExceedDebits'>

/**
 * Finds the one account of this kind for this owner and currency, or opens it. Safe under concurrency:
 * callers for the same account queue on an advisory lock, then the later ones find the first one's row.
 * (LedgerAccount's unique index covers holder accounts only: its NULL holderId makes the others distinct.)
 */
async function ensureAccountIn(tx: Tx, spec: AccountSpec): Promise<LedgerAccount> {
	const holderId = spec.holderId ?? null
	const providerId = spec.providerId ?? null
	const funderId = spec.funderId ?? null
	await lockName(
		tx,
		`ledger-account:${spec.kind}:${holderId ?? ''}:${providerId ?? ''}:${funderId ?? ''}:${spec.currency}`,
	)
	const existing = await tx.ledgerAccount.findFirst({
		where: { kind: spec.kind, currency: spec.currency, holderId, providerId, funderId },
		orderBy: { createdAt: 'asc' },
	})
	if (existing) return existing
	return openAccount(tx, { ...spec, ...DEFAULT_FLAGS[spec.kind] })
}

async function ensureAccounts<K extends string>(
	db: Db,
	specs: Record<K, AccountSpec>,
): Promise<Record<K, LedgerAccount>> {
	return inTransaction(
		db,
		async (tx) => {
			const result = {} as Record<K, LedgerAccount>
			for (const key of Object.keys(specs) as K[]) result[key] = await ensureAccountIn(tx, specs[key])
			return result
		},
		ledgerTransaction((error) => isUniqueViolation(error)),
	)
}

/** The funder's source account, in the funder's currency: allocations are paid out of it. */
export async function ensureFunderSourceAccount(db: Db, funderId: string): Promise<LedgerAccount> {
	const funder = await db.funder.findUnique({ where: { id: funderId }, select: { name: true, currency: true } })
	if (!funder) throw new LedgerError('NOT_FOUND', 'We could not find that funder.')
	const { source } = await ensureAccounts(db, {
		source: { kind: 'FUNDER_SOURCE', currency: funder.currency, funderId, name: `${funder.name}: budgets allocated` },
	})
	return source
}

/** The summary key of every holder account of one funder: the funder's overview reads their totals by it (ADR 036). */
export function funderSummaryKey(funderId: string): string {
	return `funder:${funderId}`
}

/**
 * The holder's two accounts, in their funder's currency: `budget` (what they can spend; can never go below
 * zero, counting money on hold) and `held` (money set aside for bookings and pledges). Both carry their funder's
 * summary key, so the funder's totals are kept with every transfer.
 */
export async function ensureHolderAccounts(
	db: Db,
	holderId: string,
): Promise<{ budget: LedgerAccount; held: LedgerAccount }> {
	const holder = await db.budgetHolder.findUnique({
		where: { id: holderId },
		select: { displayName: true, funderId: true, funder: { select: { currency: true } } },
	})
	if (!holder) throw new LedgerError('NOT_FOUND', 'We could not find that budget holder.')
	const currency = holder.funder.currency
	const summaryKey = funderSummaryKey(holder.funderId)
	return ensureAccounts(db, {
		budget: { kind: 'HOLDER_BUDGET', currency, holderId, summaryKey, name: `${holder.displayName}: budget` },
		held: {
			kind: 'HOLDER_HELD',
			currency,
			holderId,
			summaryKey,
			name: `${holder.displayName}: held for bookings and pledges`,
		},
	})
}

/** What the platform owes a provider in one currency, before it is paid out. */
export async function ensureProviderPayableAccount(
	db: Db,
	providerId: string,
	currency: string,
): Promise<LedgerAccount> {
	const provider = await db.provider.findUnique({ where: { id: providerId }, select: { name: true } })
	if (!provider) throw new LedgerError('NOT_FOUND', 'We could not find that provider.')
	const { payable } = await ensureAccounts(db, {
		payable: { kind: 'PROVIDER_PAYABLE', currency, providerId, name: `${provider.name}: owed (${currency})` },
	})
	return payable
}

/** The platform's own accounts in one currency. */
export async function ensurePlatformAccounts(
	db: Db,
	currency: string,
): Promise<{ clearing: LedgerAccount; fees: LedgerAccount; cardTopUps: LedgerAccount; payouts: LedgerAccount }> {
	return ensureAccounts(db, {
		clearing: { kind: 'PLATFORM_CLEARING', currency, name: `Platform clearing (${currency})` },
		fees: { kind: 'PLATFORM_FEES', currency, name: `Platform fees (${currency})` },
		cardTopUps: { kind: 'CARD_TOPUP_CLEARING', currency, name: `Card top-ups in transit (${currency})` },
		payouts: { kind: 'PAYOUT_CLEARING', currency, name: `Payouts in transit (${currency})` },
	})
}

/**
 * A commission's own account (COMMISSION_HELD): pledges are held into it and posted at confirmation, and each
 * session is paid out of it; it can never go below zero. One per commission: the commission row points at it
 * (Commission.accountId), so callers open it once, under the commission's row lock, and store its id.
 */
export async function openCommissionAccount(
	db: Db,
	input: { title: string; currency: string },
): Promise<LedgerAccount> {
	return openAccount(db, {
		kind: 'COMMISSION_HELD',
		currency: input.currency,
		name: `Group commission: ${input.title}`.slice(0, 200),
		...DEFAULT_FLAGS.COMMISSION_HELD,
	})
}
