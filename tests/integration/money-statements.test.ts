/**
 * Statements match the ledger's entries and balances, whatever happens: a property test (fast-check) runs random
 * sequences of allocations, top-ups, holds, payments with and without fees, releases, expiries and refunds
 * through the money domain and the ledger, then checks the holder's statement, balances, spending by line and
 * CSV against the entries themselves.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	checkLedger,
	ensurePlatformAccounts,
	ensureProviderPayableAccount,
	expirePendingTransfers,
	getBalance,
	transfer,
	voidPending,
} from '#app/domain/ledger/ledger.server.ts'
import { getHolderMoney, holderAccounts, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold } from '#app/domain/money/payouts.server.ts'
import { getStatement, statementCsv } from '#app/domain/money/statements.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
let funderId: string
let staffId: string
let providerId: string

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	funderId = (await createFunder(db.prisma, { name: 'Leicester City Council' })).id
	staffId = (await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId })).id
	providerId = (await createProviderWithService(db.prisma, { provider: { name: 'Amina Shah' } })).provider.id
})

afterAll(async () => {
	await db?.cleanup()
})

type Op =
	| { kind: 'allocate'; amount: number }
	| { kind: 'topUp'; amount: number }
	| { kind: 'hold'; amount: number; line: number; expires: boolean }
	| { kind: 'pay'; which: number; percent: number; fee: number }
	| { kind: 'release'; which: number }
	| { kind: 'expire' }
	| { kind: 'refund'; amount: number; line: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ kind: fc.constant('allocate' as const), amount: fc.integer({ min: 1, max: 50_000 }) }),
	fc.record({ kind: fc.constant('topUp' as const), amount: fc.integer({ min: 100, max: 10_000 }) }),
	fc.record({
		kind: fc.constant('hold' as const),
		amount: fc.integer({ min: 1, max: 20_000 }),
		line: fc.integer({ min: -1, max: 2 }),
		expires: fc.boolean(),
	}),
	fc.record({
		kind: fc.constant('pay' as const),
		which: fc.nat(),
		percent: fc.integer({ min: 1, max: 100 }),
		fee: fc.integer({ min: 0, max: 300 }),
	}),
	fc.record({ kind: fc.constant('release' as const), which: fc.nat() }),
	fc.record({ kind: fc.constant('expire' as const) }),
	fc.record({
		kind: fc.constant('refund' as const),
		amount: fc.integer({ min: 1, max: 3_000 }),
		line: fc.integer({ min: -1, max: 2 }),
	}),
)

const system = { role: 'SYSTEM' } as const

async function run(ops: Op[]) {
	const { holder, plan } = await createHolder(db.prisma, {
		funderId,
		user: null,
		plan: {
			lines: [
				{ name: 'Personal care', amountPence: 600_000, ringFenced: true },
				{ name: 'Getting out', amountPence: 200_000 },
				{ name: 'Short breaks', amountPence: 100_000 },
			],
		},
	})
	const lines = plan!.lines
	const lineId = (i: number) => (i < 0 ? null : (lines[i % lines.length]?.id ?? null))
	const accounts = await holderAccounts(db.prisma, holder.id)
	const open: string[] = []
	let clock = Date.now()
	for (const op of ops) {
		try {
			switch (op.kind) {
				case 'allocate':
					await allocateOnce({ funderId, holderId: holder.id, staffUserId: staffId, amountEach: op.amount })
					break
				case 'topUp': {
					const { cardTopUps } = await ensurePlatformAccounts(db.prisma, 'GBP')
					await transfer(db.prisma, {
						idempotencyKey: randomUUID(),
						debitAccountId: cardTopUps.id,
						creditAccountId: accounts.budgetId,
						amount: op.amount,
						reason: 'TOP_UP',
						description: `£${(op.amount / 100).toFixed(2)} added by card (top-up)`,
						initiator: { role: 'HOLDER' },
						onBehalfOfHolderId: holder.id,
					})
					break
				}
				case 'hold': {
					const made = await reserveForSpending(db.prisma, {
						holderId: holder.id,
						amount: op.amount,
						budgetLineId: lineId(op.line),
						idempotencyKey: randomUUID(),
						description: `£${(op.amount / 100).toFixed(2)} set aside for a session with Amina Shah`,
						initiator: system,
						timeoutSeconds: op.expires ? 60 : null,
					})
					open.push(made.id)
					break
				}
				case 'pay': {
					const holdId = open.splice(op.which % Math.max(1, open.length), 1)[0]
					if (!holdId) break
					const hold = await db.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: holdId } })
					const held = Number(hold.amount)
					const fee = Math.min(op.fee, held - 1)
					const price = Math.max(1, Math.floor(((held - fee) * op.percent) / 100))
					await payFromHold(db.prisma, {
						holdTransferId: holdId,
						providerId,
						price,
						feeShown: fee,
						idempotencyKey: randomUUID(),
						description: `£${(price / 100).toFixed(2)} paid to Amina Shah for a session`,
						initiator: system,
					})
					break
				}
				case 'release': {
					const holdId = open.splice(op.which % Math.max(1, open.length), 1)[0]
					if (holdId)
						await voidPending(db.prisma, {
							idempotencyKey: randomUUID(),
							pendingId: holdId,
							description: 'Booking cancelled: money released',
							initiator: system,
						})
					break
				}
				case 'expire':
					clock += 3_600_000
					for (const expired of await expirePendingTransfers(db.prisma, new Date(clock))) {
						const index = open.indexOf(expired.pendingId ?? '')
						if (index >= 0) open.splice(index, 1)
					}
					break
				case 'refund': {
					const payable = await ensureProviderPayableAccount(db.prisma, providerId, 'GBP')
					await transfer(db.prisma, {
						idempotencyKey: randomUUID(),
						debitAccountId: payable.id,
						creditAccountId: accounts.budgetId,
						amount: op.amount,
						reason: 'REFUND',
						description: `£${(op.amount / 100).toFixed(2)} refunded by Amina Shah`,
						initiator: { role: 'PROVIDER' },
						onBehalfOfHolderId: holder.id,
						budgetLineId: lineId(op.line),
					})
					break
				}
			}
		} catch (error) {
			// Refusals (not enough money, ring-fenced, the provider owed too little to refund) are part of the game;
			// anything else is a failure.
			const code = (error as { code?: string }).code
			if (!['INSUFFICIENT_FUNDS', 'RING_FENCED'].includes(code ?? '')) throw error
		}
	}
	return { holder, accounts }
}

async function expectStatementMatchesLedger(holderId: string, accounts: { budgetId: string; heldId: string }) {
	const statement = await getStatement(holderId, {}, 1)
	const all =
		statement.count <= 50
			? statement.rows
			: (
					await Promise.all(Array.from({ length: statement.pageCount }, (_, i) => getStatement(holderId, {}, i + 1)))
				).flatMap((s) => s.rows)
	const budget = await getBalance(db.prisma, accounts.budgetId)
	const held = await getBalance(db.prisma, accounts.heldId)
	const heldNow = Number(budget.pending + held.posted)

	// Totals of the statement = the balances the ledger keeps.
	expect(statement.totals.moneyIn - statement.totals.moneyOut).toBe(Number(budget.posted + held.posted))
	expect(statement.totals.heldChange).toBe(heldNow)
	// Each row = the transfer's own posted entries on the holder's accounts.
	const entrySums = await db.prisma.$queryRaw<{ transferId: string; posted: bigint }[]>`
		SELECT "transferId", SUM("amount") FILTER (WHERE "phase" = 'POSTED')::bigint AS "posted"
		FROM "LedgerEntry" WHERE "accountId" IN (${accounts.budgetId}, ${accounts.heldId}) GROUP BY 1`
	const byTransfer = new Map(entrySums.map((r) => [r.transferId, Number(r.posted ?? 0n)]))
	expect(all.length).toBe(byTransfer.size)
	for (const row of all) {
		expect(row.moneyIn - row.moneyOut).toBe(byTransfer.get(row.id))
		expect(row.description).toMatch(/^(£[\d,]+\.\d\d |Booking cancelled)/)
	}
	// The page's figures agree with each other.
	const money = (await getHolderMoney(holderId))!
	expect(money.available).toBe(Number(budget.available))
	expect(money.held).toBe(heldNow)
	expect(money.allocated + money.toppedUp - money.spent - money.other).toBe(money.available + money.held)
	const byLine = (money.plan?.lines ?? []).reduce((sum, l) => sum + l.spent, 0) + money.unassigned.spent
	expect(byLine).toBe(money.spent)
	// The CSV has every row, with the same amounts.
	const csv = (await statementCsv(holderId, {}))
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.slice(1)
	expect(csv).toHaveLength(all.length)
}

describe('statements', () => {
	it('match the entries and the balances after any sequence of money movements', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
				const { holder, accounts } = await run([{ kind: 'allocate', amount: 40_000 }, ...ops])
				await expectStatementMatchesLedger(holder.id, accounts)
			}),
			{ numRuns: 12 },
		)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('read as plain sentences, newest first, with who did it and which line it was for', async () => {
		const { holder } = await run([
			{ kind: 'allocate', amount: 240_000 },
			{ kind: 'hold', amount: 6_000, line: 0, expires: false },
			{ kind: 'pay', which: 0, percent: 100, fee: 0 },
		])
		const { rows } = await getStatement(holder.id, {}, 1)
		expect(rows.map((r) => [r.description, r.category, r.kind])).toEqual([
			['£60.00 paid to Amina Shah for a session', 'Personal care', 'out'],
			['£60.00 set aside is now used to pay', 'Personal care', 'none'],
			['£60.00 set aside for a session with Amina Shah', 'Personal care', 'held'],
			['£2,400.00 from Leicester City Council: your personal budget', 'Budget from your funder', 'in'],
		])
		expect(rows.at(-1)?.by).toMatch(/ \(funder\)$/)
	})
})
