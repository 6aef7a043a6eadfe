import type { Db } from '#app/utils/transaction.server.ts'
import { type Balance, balanceOf } from './balance.ts'
import { LedgerError } from './errors.ts'

export type AccountBalance = Balance & {
	accountId: string
	currency: string
	debitsPending: bigint
	debitsPosted: bigint
	creditsPending: bigint
	creditsPosted: bigint
}

/**
 * An account's balances in minor units (BigInt), from its cached totals, which every transfer updates in
 * the same transaction as its entries.
 *
 * For a holder's budget (credit-normal, flagged debitsMustNotExceedCredits):
 * - posted    = creditsPosted − debitsPosted (money really there),
 * - pending   = debitsPending (money on hold for bookings and pledges not yet paid),
 * - available = posted − debitsPending (what can still be spent or reserved; never below zero).
 * Debit-normal accounts (a funder's source, card top-ups in transit) are the mirror image;
 * see `balanceOf` in balance.ts. The four raw totals are returned too.
 */
export async function getBalance(db: Db, accountId: string): Promise<AccountBalance> {
	const account = await db.ledgerAccount.findUnique({ where: { id: accountId } })
	if (!account) throw new LedgerError('ACCOUNT_NOT_FOUND', 'We could not find that account.')
	return {
		accountId: account.id,
		currency: account.currency,
		debitsPending: account.debitsPending,
		debitsPosted: account.debitsPosted,
		creditsPending: account.creditsPending,
		creditsPosted: account.creditsPosted,
		...balanceOf(account),
	}
}
