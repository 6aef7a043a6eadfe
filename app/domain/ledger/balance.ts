/**
 * Balances from an account's four cached totals. Pure: no database.
 */

export type AccountTotals = {
	kind: string
	debitsMustNotExceedCredits: boolean
	creditsMustNotExceedDebits: boolean
	debitsPending: bigint
	debitsPosted: bigint
	creditsPending: bigint
	creditsPosted: bigint
}

/** Kinds whose balance grows with debits: money goes out of them (a funder's source, card top-ups in transit). */
const DEBIT_NORMAL_KINDS = new Set(['FUNDER_SOURCE', 'CARD_TOPUP_CLEARING'])

/**
 * Balances in minor units (BigInt), seen from the account's own side.
 *
 * Credit-normal accounts (holder budget and held, provider payable, platform fees and clearing, payouts):
 * - posted    = creditsPosted − debitsPosted: money that is really there;
 * - pending   = debitsPending: money on hold, reserved for payments not yet made;
 * - available = posted − debitsPending: what can still be spent or reserved. For an account flagged
 *   debitsMustNotExceedCredits this never goes below zero. Money on hold coming in (creditsPending) is
 *   not available until it is posted.
 *
 * Debit-normal accounts (FUNDER_SOURCE, CARD_TOPUP_CLEARING, or any account flagged
 * creditsMustNotExceedDebits) are the mirror image: posted = debitsPosted − creditsPosted,
 * pending = creditsPending, available = posted − creditsPending.
 */
export type Balance = {
	available: bigint
	pending: bigint
	posted: bigint
	normal: 'credit' | 'debit'
}

export function normalSide(account: Pick<AccountTotals, 'kind' | 'creditsMustNotExceedDebits'>): 'credit' | 'debit' {
	return account.creditsMustNotExceedDebits || DEBIT_NORMAL_KINDS.has(account.kind) ? 'debit' : 'credit'
}

export function balanceOf(account: AccountTotals): Balance {
	if (normalSide(account) === 'debit') {
		const posted = account.debitsPosted - account.creditsPosted
		return { posted, pending: account.creditsPending, available: posted - account.creditsPending, normal: 'debit' }
	}
	const posted = account.creditsPosted - account.debitsPosted
	return { posted, pending: account.debitsPending, available: posted - account.debitsPending, normal: 'credit' }
}

/** What a debit may still take from an account flagged debitsMustNotExceedCredits (credits − all debits). */
export function spendable(account: AccountTotals): bigint {
	return account.creditsPosted - account.debitsPosted - account.debitsPending
}

/** What a credit may still put into an account flagged creditsMustNotExceedDebits (debits − all credits). */
export function returnable(account: AccountTotals): bigint {
	return account.debitsPosted - account.creditsPosted - account.creditsPending
}
