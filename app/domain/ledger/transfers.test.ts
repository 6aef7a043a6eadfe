import { describe, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { ensureHolderAccounts, ensurePlatformAccounts, ensureProviderPayableAccount } from './accounts.server.ts'
import { getBalance } from './balances.server.ts'
import { checkLedger } from './check.server.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'
import {
	createTransfers,
	expirePendingTransfers,
	postPending,
	reserve,
	transfer,
	voidPending,
} from './transfers.server.ts'
import {
	fundedHolder,
	key,
	ledgerSnapshot,
	makeFunder,
	makeHolder,
	makeProvider,
	refused,
	system,
	withTestDb,
} from '#tests/setup/ledger-test-utils.ts'

let prisma: PrismaClient
withTestDb((db) => (prisma = db.prisma))

async function expectHealthy() {
	expect(await checkLedger(prisma)).toEqual([])
}

/** A funded holder and a provider to pay, both in GBP. */
async function scene(amount = 20000) {
	const holder = await fundedHolder(prisma, amount)
	const provider = await makeProvider(prisma, 'Amina Shah')
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
	return { ...holder, provider, payable }
}

function hold(
	s: { budget: { id: string }; payable: { id: string } },
	amount: number,
	extra: { timeoutSeconds?: number } = {},
) {
	return {
		idempotencyKey: key('hold'),
		debitAccountId: s.budget.id,
		creditAccountId: s.payable.id,
		amount,
		reason: 'BOOKING' as const,
		description: `£${(amount / 100).toFixed(2)} held for 2 hours with Amina Shah on 3 March`,
		initiator: system,
		...extra,
	}
}

describe('allocation', () => {
	test('moves money from the funder source to the holder budget', async () => {
		const { source, budget } = await fundedHolder(prisma, 50000)
		expect(await getBalance(prisma, budget.id)).toMatchObject({
			posted: 50000n,
			pending: 0n,
			available: 50000n,
			normal: 'credit',
		})
		expect(await getBalance(prisma, source.id)).toMatchObject({ posted: 50000n, available: 50000n, normal: 'debit' })
		const [allocation] = await prisma.ledgerTransfer.findMany({ where: { creditAccountId: budget.id } })
		expect(allocation).toMatchObject({
			phase: 'SINGLE',
			reason: 'ALLOCATION',
			amount: 50000n,
			currency: 'GBP',
			initiatorRole: 'SYSTEM',
		})
		const entries = await prisma.ledgerEntry.findMany({
			where: { transferId: allocation!.id },
			orderBy: { amount: 'asc' },
		})
		expect(entries.map((e) => [e.accountId, e.phase, e.amount])).toEqual([
			[source.id, 'POSTED', -50000n],
			[budget.id, 'POSTED', 50000n],
		])
		await expectHealthy()
	})

	test('refuses returning more to a funder than it allocated', async () => {
		const { source, budget, funder } = await fundedHolder(prisma, 1000)
		const platform = await ensurePlatformAccounts(prisma, 'GBP')
		await transfer(prisma, {
			idempotencyKey: key('top-up'),
			debitAccountId: platform.cardTopUps.id,
			creditAccountId: budget.id,
			amount: 5000,
			reason: 'TOP_UP',
			description: '£50.00 added by card',
			initiator: { role: 'HOLDER' },
		})
		const giveBack = (amount: number) =>
			transfer(prisma, {
				idempotencyKey: key('return'),
				debitAccountId: budget.id,
				creditAccountId: source.id,
				amount,
				reason: 'REFUND',
				description: 'Unused budget returned to the council',
				initiator: { role: 'FUNDER' },
			})
		const before = await ledgerSnapshot(prisma)
		const error = await refused(giveBack(1001), 'CREDIT_LIMIT_EXCEEDED')
		expect(error.message).toBe(`${funder.name}: budgets allocated can take back at most £10.00; £10.01 was sent.`)
		expect(await ledgerSnapshot(prisma)).toEqual(before)

		ledgerTestHooks.skipBalanceChecks = true
		try {
			await refused(giveBack(1001), 'CREDIT_LIMIT_EXCEEDED')
		} finally {
			ledgerTestHooks.skipBalanceChecks = false
		}
		expect(await ledgerSnapshot(prisma)).toEqual(before)

		await giveBack(1000)
		expect(await getBalance(prisma, source.id)).toMatchObject({ posted: 0n, available: 0n })
		await expectHealthy()
	})
})

describe('holds', () => {
	test('refuses a reservation without enough money', async () => {
		const s = await scene(1200)
		const before = await ledgerSnapshot(prisma)
		const error = await refused(reserve(prisma, hold(s, 2000)), 'INSUFFICIENT_FUNDS')
		expect(error.message).toBe('There is not enough money available: £12.00 available, £20.00 needed.')
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('a reservation holds money: it is no longer available but still posted', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 5600))
		expect(r).toMatchObject({ phase: 'PENDING', amount: 5600n, replayed: false, timeoutAt: null })
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 20000n, pending: 5600n, available: 14400n })
		expect(await getBalance(prisma, s.payable.id)).toMatchObject({ posted: 0n, creditsPending: 5600n, available: 0n })
		await expectHealthy()
	})

	test('a partial post pays part of the hold and releases the rest', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 8000))
		const post = await postPending(prisma, {
			idempotencyKey: key('pay'),
			pendingId: r.id,
			amount: 5600,
			description: '£56.00 paid to Amina Shah for 4 hours on 3 March',
			initiator: { role: 'HOLDER' },
		})
		expect(post).toMatchObject({
			phase: 'POST_PENDING',
			pendingId: r.id,
			amount: 5600n,
			reason: 'BOOKING',
			debitAccountId: s.budget.id,
			creditAccountId: s.payable.id,
		})
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 14400n, pending: 0n, available: 14400n })
		expect(await getBalance(prisma, s.payable.id)).toMatchObject({ posted: 5600n, creditsPending: 0n })
		const entries = await prisma.ledgerEntry.findMany({ where: { transferId: post.id } })
		expect(
			entries.map((e) => `${e.accountId === s.budget.id ? 'budget' : 'payable'} ${e.phase} ${e.amount}`).sort(),
		).toEqual(['budget PENDING 8000', 'budget POSTED -5600', 'payable PENDING -8000', 'payable POSTED 5600'])
		await expectHealthy()
	})

	test('a post without an amount pays the whole hold', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 3000))
		const post = await postPending(prisma, {
			idempotencyKey: key(),
			pendingId: r.id,
			description: 'Paid in full',
			initiator: system,
		})
		expect(post.amount).toBe(3000n)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 17000n, pending: 0n, available: 17000n })
		await expectHealthy()
	})

	test('refuses to post more than the hold', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 3000))
		const before = await ledgerSnapshot(prisma)
		const error = await refused(
			postPending(prisma, {
				idempotencyKey: key(),
				pendingId: r.id,
				amount: 3001,
				description: 'Too much',
				initiator: system,
			}),
			'POST_EXCEEDS_PENDING',
		)
		expect(error.message).toBe('At most £30.00 can be paid from this hold; £30.01 was asked.')
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('a void releases the whole hold', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 4500))
		const v = await voidPending(prisma, {
			idempotencyKey: key('void'),
			pendingId: r.id,
			description: 'Booking cancelled: £45.00 back in your budget',
			initiator: { role: 'HOLDER' },
		})
		expect(v).toMatchObject({ phase: 'VOID_PENDING', amount: 4500n, pendingId: r.id })
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 20000n, pending: 0n, available: 20000n })
		expect(await getBalance(prisma, s.payable.id)).toMatchObject({ posted: 0n, creditsPending: 0n })
		await expectHealthy()
	})

	test('refuses to resolve a hold twice', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 2000))
		await postPending(prisma, { idempotencyKey: key(), pendingId: r.id, description: 'Paid', initiator: system })
		const before = await ledgerSnapshot(prisma)
		const again = await refused(
			postPending(prisma, { idempotencyKey: key(), pendingId: r.id, description: 'Paid again', initiator: system }),
			'PENDING_ALREADY_RESOLVED',
		)
		expect(again.message).toBe('This hold has already been paid; a hold can be resolved only once.')
		await refused(
			voidPending(prisma, { idempotencyKey: key(), pendingId: r.id, description: 'Released', initiator: system }),
			'PENDING_ALREADY_RESOLVED',
		)
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('refuses to resolve the same hold twice in one request', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 2000))
		const before = await ledgerSnapshot(prisma)
		await refused(
			createTransfers(prisma, [
				{
					idempotencyKey: key(),
					phase: 'POST_PENDING',
					pendingId: r.id,
					amount: 1000,
					description: 'Part',
					initiator: system,
				},
				{ idempotencyKey: key(), phase: 'VOID_PENDING', pendingId: r.id, description: 'Rest', initiator: system },
			]),
			'PENDING_ALREADY_RESOLVED',
		)
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('refuses to post or void something that is not a hold', async () => {
		const s = await scene(20000)
		const single = await transfer(prisma, {
			idempotencyKey: key(),
			debitAccountId: s.budget.id,
			creditAccountId: s.payable.id,
			amount: 100,
			reason: 'BOOKING',
			description: '£1.00 paid',
			initiator: system,
		})
		await refused(
			postPending(prisma, { idempotencyKey: key(), pendingId: single.id, description: 'x', initiator: system }),
			'NOT_PENDING',
		)
		await refused(
			postPending(prisma, { idempotencyKey: key(), pendingId: 'no-such-hold', description: 'x', initiator: system }),
			'PENDING_NOT_FOUND',
		)
	})

	test('a hold past its time is released once by the expiry job and can no longer be paid', async () => {
		const s = await scene(20000)
		const t0 = new Date('2030-03-03T10:00:00Z')
		const r = await reserve(prisma, hold(s, 2500, { timeoutSeconds: 600 }), { now: t0 })
		expect(r.timeoutAt?.toISOString()).toBe('2030-03-03T10:10:00.000Z')

		expect(await expirePendingTransfers(prisma, new Date('2030-03-03T10:09:59Z'))).toEqual([])
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 17500n })

		// Past the time but before the job ran: it can be released, not paid.
		await refused(
			postPending(
				prisma,
				{ idempotencyKey: key(), pendingId: r.id, description: 'Late', initiator: system },
				{ now: new Date('2030-03-03T10:10:00Z') },
			),
			'PENDING_EXPIRED',
		)

		const later = new Date('2030-03-03T10:11:00Z')
		const [first, second] = await Promise.all([
			expirePendingTransfers(prisma, later),
			expirePendingTransfers(prisma, later),
		])
		const expired = [...first!, ...second!].filter((t) => t.pendingId === r.id)
		expect(expired).toHaveLength(1)
		expect(expired[0]).toMatchObject({
			phase: 'EXPIRE_PENDING',
			amount: 2500n,
			initiatorRole: 'SYSTEM',
			idempotencyKey: `expire:${r.id}`,
		})
		expect(expired[0]!.description).toMatch(/^£25\.00 released because the hold ran out: /)
		expect((await expirePendingTransfers(prisma, later)).filter((t) => t.pendingId === r.id)).toEqual([])
		expect(await prisma.ledgerTransfer.count({ where: { pendingId: r.id } })).toBe(1)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ posted: 20000n, pending: 0n, available: 20000n })
		await refused(
			voidPending(prisma, { idempotencyKey: key(), pendingId: r.id, description: 'x', initiator: system }),
			'PENDING_ALREADY_RESOLVED',
		)
		await expectHealthy()
	})
})

describe('idempotency', () => {
	test('a retry with the same key and payload returns the first transfer and moves nothing', async () => {
		const s = await scene(20000)
		const input = hold(s, 2000)
		const first = await reserve(prisma, input)
		const before = await ledgerSnapshot(prisma)
		const retry = await reserve(prisma, { ...input, amount: 2000n })
		expect(retry.replayed).toBe(true)
		expect(first.replayed).toBe(false)
		expect(retry.id).toBe(first.id)
		expect(await ledgerSnapshot(prisma)).toEqual(before)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 18000n })
	})

	test('refuses the same key with another payload', async () => {
		const s = await scene(20000)
		const input = hold(s, 2000)
		await reserve(prisma, input)
		const before = await ledgerSnapshot(prisma)
		const error = await refused(reserve(prisma, { ...input, amount: 2100 }), 'IDEMPOTENCY_CONFLICT')
		expect(error.message).toContain('was already used for a different transfer')
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('simultaneous requests with one key make exactly one transfer', async () => {
		const s = await scene(20000)
		const input = hold(s, 2000)
		const results = await Promise.all(Array.from({ length: 8 }, () => reserve(prisma, input)))
		expect(new Set(results.map((r) => r.id)).size).toBe(1)
		expect(results.filter((r) => !r.replayed)).toHaveLength(1)
		expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 18000n, pending: 2000n })
		await expectHealthy()
	})

	test('a retried post returns the first post, not an "already resolved" error', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 2000))
		const pay = {
			idempotencyKey: key('pay'),
			pendingId: r.id,
			amount: 1500,
			description: '£15.00 paid',
			initiator: system,
		}
		const first = await postPending(prisma, pay)
		const retry = await postPending(prisma, pay)
		expect(retry).toMatchObject({ id: first.id, replayed: true })
		await expectHealthy()
	})

	test('refuses a batch when only some of its keys were used before', async () => {
		const s = await scene(20000)
		const a = hold(s, 1000)
		await reserve(prisma, a)
		await refused(
			createTransfers(prisma, [
				{ ...a, phase: 'PENDING' },
				{ ...hold(s, 1000), phase: 'PENDING' },
			]),
			'IDEMPOTENCY_CONFLICT',
		)
	})
})

describe('linked transfers', () => {
	test('succeed together', async () => {
		const s = await scene(20000)
		const platform = await ensurePlatformAccounts(prisma, 'GBP')
		const outcomes = await createTransfers(prisma, [
			{ ...hold(s, 5000), phase: 'SINGLE' },
			{
				idempotencyKey: key('fee'),
				phase: 'SINGLE',
				debitAccountId: s.budget.id,
				creditAccountId: platform.fees.id,
				amount: 250,
				reason: 'FEE',
				description: '£2.50 platform fee',
				initiator: system,
			},
		])
		expect(outcomes).toHaveLength(2)
		expect(outcomes[0]!.linkId).toBeTruthy()
		expect(outcomes[1]!.linkId).toBe(outcomes[0]!.linkId)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 14750n })
		await expectHealthy()
	})

	test('write nothing when the second one fails', async () => {
		const s = await scene(5000)
		const before = await ledgerSnapshot(prisma)
		const error = await refused(
			createTransfers(prisma, [
				{ ...hold(s, 3000), phase: 'SINGLE' },
				{ ...hold(s, 3000), phase: 'PENDING' },
			]),
			'INSUFFICIENT_FUNDS',
		)
		expect(error.index).toBe(1)
		expect(error.message).toBe('There is not enough money available: £20.00 available, £30.00 needed.')
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})
})

describe('refusals', () => {
	test('refuses moving money between currencies', async () => {
		const s = await scene(20000)
		const euroProvider = await makeProvider(prisma, 'Servizi Roma')
		const euros = await ensureProviderPayableAccount(prisma, euroProvider.id, 'EUR')
		const before = await ledgerSnapshot(prisma)
		const error = await refused(reserve(prisma, { ...hold(s, 1000), creditAccountId: euros.id }), 'CURRENCY_MISMATCH')
		expect(error.message).toBe('A transfer moves money within one currency, but this one involves GBP and EUR.')
		await refused(reserve(prisma, { ...hold(s, 1000), currency: 'AUD' }), 'CURRENCY_MISMATCH')
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('refuses an account that does not exist', async () => {
		const s = await scene(20000)
		await refused(reserve(prisma, { ...hold(s, 1000), creditAccountId: 'no-such-account' }), 'ACCOUNT_NOT_FOUND')
	})

	test('refuses a transfer started by a person who does not exist', async () => {
		const s = await scene(20000)
		const before = await ledgerSnapshot(prisma)
		await refused(
			reserve(prisma, { ...hold(s, 1000), initiator: { userId: 'ghost', role: 'HOLDER' } }),
			'INVALID_REFERENCE',
		)
		expect(await ledgerSnapshot(prisma)).toEqual(before)
	})

	test('the database refuses an overdraft even if the code check is skipped', async () => {
		const s = await scene(1000)
		const before = await ledgerSnapshot(prisma)
		ledgerTestHooks.skipBalanceChecks = true
		try {
			const error = await refused(reserve(prisma, hold(s, 1001)), 'INSUFFICIENT_FUNDS')
			expect(error.message).toBe('There is not enough money available to do this.')
		} finally {
			ledgerTestHooks.skipBalanceChecks = false
		}
		expect(await ledgerSnapshot(prisma)).toEqual(before)
		await expectHealthy()
	})
})

describe('refunds', () => {
	test('a refund from a provider puts money back in the budget', async () => {
		const s = await scene(20000)
		const r = await reserve(prisma, hold(s, 6000))
		await postPending(prisma, { idempotencyKey: key(), pendingId: r.id, description: '£60.00 paid', initiator: system })
		await transfer(prisma, {
			idempotencyKey: key('refund'),
			debitAccountId: s.payable.id,
			creditAccountId: s.budget.id,
			amount: 2000,
			reason: 'REFUND',
			description: '£20.00 refunded by Amina Shah: session cut short',
			initiator: { role: 'PROVIDER' },
			onBehalfOfHolderId: s.holder.id,
		})
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 16000n })
		expect(await getBalance(prisma, s.payable.id)).toMatchObject({ posted: 4000n })
		await refused(
			transfer(prisma, {
				idempotencyKey: key('refund'),
				debitAccountId: s.payable.id,
				creditAccountId: s.budget.id,
				amount: 4001,
				reason: 'REFUND',
				description: 'Too much',
				initiator: { role: 'PROVIDER' },
			}),
			'INSUFFICIENT_FUNDS',
		)
		await expectHealthy()
	})
})

describe("inside the caller's transaction", () => {
	test('commits with the caller and rolls back with the caller', async () => {
		const s = await scene(20000)
		const before = await ledgerSnapshot(prisma)
		await expect(
			prisma.$transaction(async (tx) => {
				await reserve(tx, hold(s, 1000))
				throw new Error('the booking could not be saved')
			}),
		).rejects.toThrow('the booking could not be saved')
		expect(await ledgerSnapshot(prisma)).toEqual(before)

		const made = await prisma.$transaction(async (tx) => reserve(tx, hold(s, 1000)))
		expect(made.replayed).toBe(false)
		expect(await getBalance(prisma, s.budget.id)).toMatchObject({ available: 19000n })
		await expectHealthy()
	})
})

describe('accounts', () => {
	test('ensure helpers return the same accounts every time, even at the same moment', async () => {
		const funder = await makeFunder(prisma, 'AUD')
		const holder = await makeHolder(prisma, funder.id, 'Jack Nguyen')
		const [a, b, c] = await Promise.all([
			ensureHolderAccounts(prisma, holder.id),
			ensureHolderAccounts(prisma, holder.id),
			ensureHolderAccounts(prisma, holder.id),
		])
		expect(b!.budget.id).toBe(a!.budget.id)
		expect(c!.held.id).toBe(a!.held.id)
		expect(a!.budget).toMatchObject({
			kind: 'HOLDER_BUDGET',
			currency: 'AUD',
			debitsMustNotExceedCredits: true,
			name: 'Jack Nguyen: budget',
		})
		const provider = await makeProvider(prisma)
		const payables = await Promise.all([1, 2, 3].map(() => ensureProviderPayableAccount(prisma, provider.id, 'AUD')))
		expect(new Set(payables.map((p) => p.id)).size).toBe(1)
		const platform = await Promise.all([ensurePlatformAccounts(prisma, 'AUD'), ensurePlatformAccounts(prisma, 'AUD')])
		expect(platform[0].fees.id).toBe(platform[1].fees.id)
		expect(await prisma.ledgerAccount.count({ where: { kind: 'PLATFORM_FEES', currency: 'AUD' } })).toBe(1)
	})

	test('refuses to open accounts for someone who does not exist', async () => {
		await refused(ensureHolderAccounts(prisma, 'nobody'), 'NOT_FOUND')
	})
})
