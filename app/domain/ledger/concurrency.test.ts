import { afterEach, beforeEach, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import {
	ensureFunderSourceAccount,
	ensureHolderAccounts,
	ensureProviderPayableAccount,
	funderSummaryKey,
} from './accounts.server.ts'
import { getBalance } from './balances.server.ts'
import { checkLedger } from './check.server.ts'
import { LedgerError } from './errors.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'
import { reserve, transfer } from './transfers.server.ts'
import { testDbKind } from '#tests/setup/test-db.ts'
import {
	fundedHolder,
	key,
	makeFunder,
	makeHolder,
	makeProvider,
	system,
	withTestDb,
} from '#tests/setup/ledger-test-utils.ts'

// On real PostgreSQL these requests really run at once, on separate connections, and meet at the row locks.
// On PGlite (one connection) they queue: the test still runs and asserts the same outcome.
let prisma: PrismaClient
withTestDb((db) => (prisma = db.prisma))

// Locks are always taken in the same order, so no request should ever need a deadlock retry.
let retries: unknown[] = []
beforeEach(() => {
	retries = []
	ledgerTestHooks.onRetry = (error) => retries.push(error)
})
afterEach(() => {
	ledgerTestHooks.onRetry = undefined
	expect(retries).toEqual([])
})

test(`50 simultaneous £20 reservations against £200 available: exactly 10 succeed (${testDbKind()})`, async () => {
	const { budget } = await fundedHolder(prisma, 20000)
	const provider = await makeProvider(prisma, 'Amina Shah')
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')

	const results = await Promise.allSettled(
		Array.from({ length: 50 }, (_, i) =>
			reserve(prisma, {
				idempotencyKey: key(`rush-${i}`),
				debitAccountId: budget.id,
				creditAccountId: payable.id,
				amount: 2000,
				reason: 'BOOKING',
				description: `£20.00 held for session ${i + 1} with Amina Shah`,
				initiator: { role: 'HOLDER' },
			}),
		),
	)

	const succeeded = results.filter((r) => r.status === 'fulfilled')
	const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
	expect(succeeded).toHaveLength(10)
	expect(failed).toHaveLength(40)
	for (const error of failed) {
		expect(error).toBeInstanceOf(LedgerError)
		expect((error as LedgerError).code).toBe('INSUFFICIENT_FUNDS')
		expect((error as LedgerError).message).toBe('There is not enough money available: £0.00 available, £20.00 needed.')
	}
	expect(await getBalance(prisma, budget.id)).toMatchObject({ posted: 20000n, pending: 20000n, available: 0n })
	expect(await getBalance(prisma, payable.id)).toMatchObject({ creditsPending: 20000n })
	expect(await prisma.ledgerTransfer.count({ where: { debitAccountId: budget.id, phase: 'PENDING' } })).toBe(10)
	expect(await checkLedger(prisma)).toEqual([])
})

test('transfers crossing in opposite directions at once do not deadlock', async () => {
	const a = await fundedHolder(prisma, 100000)
	const b = await fundedHolder(prisma, 100000)
	const move = (from: string, to: string, i: number) =>
		transfer(prisma, {
			idempotencyKey: key(`cross-${i}`),
			debitAccountId: from,
			creditAccountId: to,
			amount: 100 + i,
			reason: 'CORRECTION',
			description: `Correction ${i}`,
			initiator: { role: 'ADMIN' },
		})
	const results = await Promise.all(
		Array.from({ length: 40 }, (_, i) =>
			i % 2 === 0 ? move(a.budget.id, b.budget.id, i) : move(b.budget.id, a.budget.id, i),
		),
	)
	expect(results).toHaveLength(40)
	// Evens go a → b, odds b → a: net to b = Σ(100+i, even i) − Σ(100+i, odd i) = −20.
	expect(await getBalance(prisma, a.budget.id)).toMatchObject({ posted: 100020n })
	expect(await getBalance(prisma, b.budget.id)).toMatchObject({ posted: 99980n })
	expect(await checkLedger(prisma)).toEqual([])
})

test('simultaneous retries of one linked request write it once', async () => {
	const s = await fundedHolder(prisma, 10000)
	const provider = await makeProvider(prisma)
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
	const { createTransfers } = await import('./transfers.server.ts')
	const batch = [
		{
			idempotencyKey: key('pay'),
			phase: 'SINGLE' as const,
			debitAccountId: s.budget.id,
			creditAccountId: payable.id,
			amount: 3000,
			reason: 'BOOKING' as const,
			description: '£30.00 paid',
			initiator: system,
		},
		{
			idempotencyKey: key('pay'),
			phase: 'PENDING' as const,
			debitAccountId: s.budget.id,
			creditAccountId: payable.id,
			amount: 2000,
			reason: 'BOOKING' as const,
			description: '£20.00 held',
			initiator: system,
		},
	]
	const results = await Promise.all(Array.from({ length: 10 }, () => createTransfers(prisma, batch)))
	expect(new Set(results.map((r) => r.map((t) => t.id).join()))).toHaveProperty('size', 1)
	expect(results.filter((r) => !r[0]!.replayed)).toHaveLength(1)
	expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 7000n, pending: 2000n, available: 5000n })
	expect(await checkLedger(prisma)).toEqual([])
})

test('many people of one funder paying at once share its summary without deadlocks or lost pennies (ADR 036)', async () => {
	const funder = await makeFunder(prisma)
	const source = await ensureFunderSourceAccount(prisma, funder.id)
	const provider = await makeProvider(prisma)
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
	const people = 20
	const budgets: string[] = []
	for (let i = 0; i < people; i++) {
		const holder = await makeHolder(prisma, funder.id, `Person ${i + 1}`)
		const { budget } = await ensureHolderAccounts(prisma, holder.id)
		budgets.push(budget.id)
		await transfer(prisma, {
			idempotencyKey: key('allocation'),
			debitAccountId: source.id,
			creditAccountId: budget.id,
			amount: 10000,
			reason: 'ALLOCATION',
			description: '£100.00 allocated',
			initiator: system,
		})
	}
	// Each person pays, holds, and passes money to the next person, all at once: transfers between two people of the
	// same funder touch two shards of its summary, in either order.
	await Promise.all(
		budgets.flatMap((budget, i) => [
			transfer(prisma, {
				idempotencyKey: key(`pay-${i}`),
				debitAccountId: budget,
				creditAccountId: payable.id,
				amount: 100 + i,
				reason: 'BOOKING',
				description: 'Paid',
				initiator: system,
			}),
			reserve(prisma, {
				idempotencyKey: key(`hold-${i}`),
				debitAccountId: budget,
				creditAccountId: payable.id,
				amount: 50,
				reason: 'BOOKING',
				description: 'Held',
				initiator: system,
			}),
			transfer(prisma, {
				idempotencyKey: key(`pass-${i}`),
				debitAccountId: budget,
				creditAccountId: budgets[(i + 1) % people]!,
				amount: 10,
				reason: 'CORRECTION',
				description: 'Passed on',
				initiator: { role: 'ADMIN' },
			}),
		]),
	)
	const [sums] = await prisma.$queryRaw<
		{ allocated: bigint; paid: bigint; held: bigint; passedOut: bigint; passedIn: bigint }[]
	>`
		SELECT SUM("creditsPosted") FILTER (WHERE "reason" = 'ALLOCATION')::bigint AS "allocated",
		       SUM("debitsPosted") FILTER (WHERE "reason" = 'BOOKING')::bigint AS "paid",
		       SUM("debitsPending") FILTER (WHERE "reason" = 'BOOKING')::bigint AS "held",
		       SUM("debitsPosted") FILTER (WHERE "reason" = 'CORRECTION')::bigint AS "passedOut",
		       SUM("creditsPosted") FILTER (WHERE "reason" = 'CORRECTION')::bigint AS "passedIn"
		FROM "LedgerSummaryTotal" WHERE "summaryKey" = ${funderSummaryKey(funder.id)}`
	// 100 + 101 + … + 119 paid; 20 × 50 held; 20 × 10 passed each way.
	expect(sums).toEqual({ allocated: 200000n, paid: 2190n, held: 1000n, passedOut: 200n, passedIn: 200n })
	expect(await checkLedger(prisma)).toEqual([])
})
