import pg from 'pg'
import { afterEach, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { ensureProviderPayableAccount } from './accounts.server.ts'
import { getBalance } from './balances.server.ts'
import { checkLedger } from './check.server.ts'
import { isLedgerError } from './errors.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'
import { createTransfers } from './transfers.server.ts'
import { testDbKind, type TestDb } from '#tests/setup/test-db.ts'
import { fundedHolder, key, ledgerSnapshot, makeProvider, system, withTestDb } from '#tests/setup/ledger-test-utils.ts'

let db: TestDb
let prisma: PrismaClient
withTestDb((created) => {
	db = created
	prisma = created.prisma
})
afterEach(() => {
	ledgerTestHooks.afterTransfersWritten = undefined
})

/**
 * On PostgreSQL: a second connection kills ours (pg_terminate_backend) while the transaction sits in the middle
 * of writing a linked pair: both transfer rows written, their entries and balances not yet. On PGlite, which has
 * no second connection, the same moment fails by throwing. Either way part of it was already written inside the
 * transaction.
 */
async function dropConnectionMidWrite(): Promise<{ partlyWritten: () => boolean }> {
	let written = false
	if (db.target.kind === 'postgres') {
		const url = db.target.url
		ledgerTestHooks.afterTransfersWritten = async (tx) => {
			const seen = await tx.ledgerTransfer.count({ where: { linkId: { not: null } } })
			written = seen === 2
			const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`
			const killer = new pg.Client({ connectionString: url })
			await killer.connect()
			try {
				await killer.query('SELECT pg_terminate_backend($1)', [pid])
			} finally {
				await killer.end()
			}
		}
	} else {
		ledgerTestHooks.afterTransfersWritten = async (tx) => {
			written = (await tx.ledgerTransfer.count({ where: { linkId: { not: null } } })) === 2
			throw new Error('connection lost')
		}
	}
	return { partlyWritten: () => written }
}

test(`a connection lost in the middle of a linked transfer writes nothing (${testDbKind()})`, async () => {
	const s = await fundedHolder(prisma, 20000)
	const provider = await makeProvider(prisma, 'Amina Shah')
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
	const before = await ledgerSnapshot(prisma)
	const budgetBefore = await getBalance(prisma, s.budget.id)

	// The same £56.00 payment, each time under a new idempotency key.
	const payAmina = () => ({
		idempotencyKey: key('pay'),
		phase: 'SINGLE' as const,
		debitAccountId: s.budget.id,
		creditAccountId: payable.id,
		amount: 5600,
		reason: 'BOOKING' as const,
		description: '£56.00 paid to Amina Shah',
		initiator: system,
	})

	const fault = await dropConnectionMidWrite()
	const error = await createTransfers(prisma, [
		payAmina(),
		{
			idempotencyKey: key('hold'),
			phase: 'PENDING',
			debitAccountId: s.budget.id,
			creditAccountId: payable.id,
			amount: 2000,
			reason: 'BOOKING',
			description: '£20.00 held',
			initiator: system,
		},
	]).then(
		() => null,
		(e: unknown) => e,
	)
	ledgerTestHooks.afterTransfersWritten = undefined

	expect(fault.partlyWritten()).toBe(true)
	expect(error).toBeInstanceOf(Error)
	expect(isLedgerError(error)).toBe(false)
	if (db.target.kind === 'pglite') expect((error as Error).message).toBe('connection lost')
	else expect(String(error)).toMatch(/terminat|connection|closed/i)

	// A new connection sees nothing of it.
	expect(await ledgerSnapshot(prisma)).toEqual(before)
	expect(await getBalance(prisma, s.budget.id)).toEqual(budgetBefore)
	expect(await prisma.ledgerTransfer.count({ where: { linkId: { not: null } } })).toBe(0)
	expect(await checkLedger(prisma)).toEqual([])

	// And the ledger still works afterwards.
	const [paid] = await createTransfers(prisma, [payAmina()])
	expect(paid!.replayed).toBe(false)
	expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 14400n })
})
