import type { SessionUser } from '#app/domain/people/auth.server.ts'
import type { Initiator } from '#app/domain/ledger/ledger.server.ts'
import { findHolderWithLiveDelegations } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import type { Db } from '#app/utils/transaction.server.ts'
import { MoneyError } from './errors.ts'

/**
 * Who is acting for a holder, as the ledger records it: the holder themself, their representative or broker (by
 * the delegation they hold), the funder's staff, or an admin. Callers check the right first (requireHolderRight).
 */
export async function initiatorForHolder(
	user: SessionUser,
	holderId: string,
	db: Db = prisma,
	now = clockNow(),
): Promise<Initiator> {
	const holder = await findHolderWithLiveDelegations(db, holderId, user.id, now)
	if (holder?.userId === user.id) return { userId: user.id, role: 'HOLDER' }
	const delegation = holder?.delegations[0]
	if (delegation) return { userId: user.id, role: delegation.kind === 'BROKER' ? 'BROKER' : 'REPRESENTATIVE' }
	if (user.roles.includes('FUNDER_STAFF') && user.funderId === holder?.funderId)
		return { userId: user.id, role: 'FUNDER' }
	if (user.roles.includes('ADMIN')) return { userId: user.id, role: 'ADMIN' }
	throw new MoneyError('NOT_FOUND', 'You cannot act for this person.')
}
