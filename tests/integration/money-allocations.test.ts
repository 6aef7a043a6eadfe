/**
 * Allocations and the instalment job, plan-aware spending (budget lines, ring-fencing) and holder balances, on a
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkLedger, getBalance, isLedgerError } from '#app/domain/ledger/ledger.server.ts'
import { cancelFutureInstalments, createAllocation, payDueInstalments } from '#app/domain/money/allocations.server.ts'
import { isMoneyError } from '#app/domain/money/errors.ts'
import {
	getHolderMoney,
	holderAccounts,
	lineForCategory,
	reserveForSpending,
} from '#app/domain/money/holder-money.server.ts'
import { addDays, startOfDay } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import { createFunder, createHolder, createUserWithRoles } from '#tests/db-utils.ts'
import { scheduledTotals } from '#tests/setup/ledger-test-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb
let funderId: string
let staffId: string
const today = startOfDay(new Date())

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	const funder = await createFunder(db.prisma, { name: 'Leicester City Council', currency: 'GBP' })
	funderId = funder.id
	staffId = (await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId })).id
})

afterAll(async () => {
	await db?.cleanup()
})

async function newHolder(options: { ringFenced?: boolean; funder?: string } = {}) {
	const { holder, plan } = await createHolder(db.prisma, {
		funderId: options.funder ?? funderId,
		user: null,
		plan: {
			lines: [
				{ name: 'Personal care', amountPence: 900_000, ringFenced: options.ringFenced ?? false },
				{ name: 'Getting out', amountPence: 300_000 },
			],
		},
	})
	return { holder, lines: plan!.lines }
}

async function sourceTransfers(holderId: string) {
	const { budgetId } = await holderAccounts(db.prisma, holderId)
	return db.prisma.ledgerTransfer.findMany({
		where: { creditAccountId: budgetId, reason: 'ALLOCATION' },
		orderBy: { createdAt: 'asc' },
	})
}

describe('allocating a budget', () => {
	it('pays a one-off allocation dated today at once, into the holder’s budget, recorded as the funder’s', async () => {
		const { holder } = await newHolder()
		const result = await createAllocation({
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'ONE_OFF',
			amountEach: 120_000,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		expect(result).toMatchObject({ paidNow: 1, replayed: false })
		const money = await getHolderMoney(holder.id)
		expect(money).toMatchObject({ available: 120_000, held: 0, spent: 0, allocated: 120_000 })
		const [paid] = await sourceTransfers(holder.id)
		expect(paid).toMatchObject({
			reason: 'ALLOCATION',
			initiatorRole: 'FUNDER',
			initiatedById: staffId,
			onBehalfOfId: holder.id,
			description: '£1,200.00 from Leicester City Council: your personal budget',
		})
	})

	it('makes one allocation when the same form is sent twice, even at the same moment', async () => {
		const { holder } = await newHolder()
		const input = {
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS' as const,
			amountEach: 50_000,
			count: 3,
			intervalDays: 28,
			firstOn: today,
			idempotencyKey: randomUUID(),
		}
		const results = await Promise.all([createAllocation(input), createAllocation(input), createAllocation(input)])
		expect(results.filter((r) => !r.replayed)).toHaveLength(1)
		expect(await db.prisma.allocation.count({ where: { holderId: holder.id } })).toBe(1)
		expect(await sourceTransfers(holder.id)).toHaveLength(1)
		// The same key with other details is refused, and changes nothing.
		await expect(createAllocation({ ...input, amountEach: 60_000 })).rejects.toSatisfy((e) =>
			isMoneyError(e, 'IDEMPOTENCY_CONFLICT'),
		)
		expect(await sourceTransfers(holder.id)).toHaveLength(1)
	})

	it('refuses a person the funder does not fund', async () => {
		const other = await createFunder(db.prisma, { name: 'Another Council' })
		const { holder } = await newHolder({ funder: other.id })
		await expect(
			createAllocation({
				funderId,
				holderId: holder.id,
				staffUserId: staffId,
				schedule: 'ONE_OFF',
				amountEach: 100,
				firstOn: today,
				idempotencyKey: randomUUID(),
			}),
		).rejects.toSatisfy((e) => isMoneyError(e, 'NOT_FOUND') && e.field === 'holderId')
		expect(await db.prisma.allocation.count({ where: { holderId: holder.id } })).toBe(0)
	})
})

describe('the instalment job', () => {
	it('pays each instalment on its date, exactly once, however often and however many times at once it runs', async () => {
		const { holder } = await newHolder()
		await createAllocation({
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS',
			amountEach: 240_000,
			count: 3,
			intervalDays: 28,
			firstOn: addDays(today, 1),
			idempotencyKey: randomUUID(),
		})
		expect(await sourceTransfers(holder.id)).toHaveLength(0)
		await payDueInstalments(new Date(addDays(today, 1).getTime() - 1))
		expect(await sourceTransfers(holder.id)).toHaveLength(0)

		// Day 1: the first. Four job runs at once, as four web servers would.
		const runs = await Promise.all([1, 2, 3, 4].map(() => payDueInstalments(addDays(today, 1))))
		expect(runs.reduce((n, r) => n + r.paid, 0)).toBe(1)
		expect(runs.flatMap((r) => r.failed)).toEqual([])
		// Day 29 and day 57, each run twice.
		await payDueInstalments(addDays(today, 29))
		await payDueInstalments(addDays(today, 29))
		await Promise.all([payDueInstalments(addDays(today, 80)), payDueInstalments(addDays(today, 80))])

		const paid = await sourceTransfers(holder.id)
		expect(paid.map((t) => t.description)).toEqual([
			'£2,400.00 from Leicester City Council: payment 1 of 3 of your personal budget',
			'£2,400.00 from Leicester City Council: payment 2 of 3 of your personal budget',
			'£2,400.00 from Leicester City Council: payment 3 of 3 of your personal budget',
		])
		expect(paid.every((t) => t.initiatorRole === 'SYSTEM' && t.idempotencyKey.startsWith('instalment:'))).toBe(true)
		const instalments = await db.prisma.instalment.findMany({
			where: { allocation: { holderId: holder.id } },
			orderBy: { dueOn: 'asc' },
		})
		expect(instalments.map((i) => i.status)).toEqual(['PAID', 'PAID', 'PAID'])
		expect(instalments.map((i) => i.transferId)).toEqual(paid.map((t) => t.id))
		const { budgetId } = await holderAccounts(db.prisma, holder.id)
		expect((await getBalance(db.prisma, budgetId)).available).toBe(720_000n)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('stops the instalments not yet paid when the funder cancels them, and the job pays none of them', async () => {
		const { holder } = await newHolder()
		const { allocation } = await createAllocation({
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS',
			amountEach: 1_000,
			count: 3,
			intervalDays: 7,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		const other = await createFunder(db.prisma)
		await expect(
			cancelFutureInstalments(db.prisma, { allocationId: allocation.id, funderId: other.id, staffUserId: staffId }),
		).rejects.toSatisfy((e) => isMoneyError(e, 'NOT_FOUND'))
		expect(
			await cancelFutureInstalments(db.prisma, { allocationId: allocation.id, funderId, staffUserId: staffId }),
		).toBe(2)
		await payDueInstalments(addDays(today, 30))
		expect(await sourceTransfers(holder.id)).toHaveLength(1)
		expect((await getHolderMoney(holder.id))?.upcoming).toEqual([])
	})

	it('shows upcoming instalments on the holder’s money page', async () => {
		const { holder } = await newHolder()
		await createAllocation({
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS',
			amountEach: 10_000,
			count: 4,
			intervalDays: 14,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		const money = await getHolderMoney(holder.id)
		expect(money?.upcoming.map((i) => [i.dueOn.toISOString().slice(0, 10), i.amount])).toEqual([
			[addDays(today, 14).toISOString().slice(0, 10), 10_000],
			[addDays(today, 28).toISOString().slice(0, 10), 10_000],
			[addDays(today, 42).toISOString().slice(0, 10), 10_000],
		])
	})

	it('lists at most six instalments to come, from yesterday on, each with the funder paying it, and only this holder’s', async () => {
		const { holder } = await newHolder()
		const secondFunder = await createFunder(db.prisma, { name: 'Sardinia Region', currency: 'GBP' })
		const { allocation } = await createAllocation({
			funderId,
			holderId: holder.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS',
			amountEach: 5_000,
			count: 5,
			intervalDays: 7,
			firstOn: addDays(today, 7),
			idempotencyKey: randomUUID(),
		})
		// One not paid yet from yesterday (the job has not run), one from the day before, and one paid.
		await db.prisma.instalment.createMany({
			data: [
				{ allocationId: allocation.id, dueOn: addDays(today, -1), amountPence: 1_111, status: 'SCHEDULED' },
				{ allocationId: allocation.id, dueOn: addDays(today, -2), amountPence: 2_222, status: 'SCHEDULED' },
				{ allocationId: allocation.id, dueOn: addDays(today, 1), amountPence: 3_333, status: 'CANCELLED' },
			],
		})
		await db.prisma.allocation.create({
			data: {
				funderId: secondFunder.id,
				holderId: holder.id,
				schedule: 'INSTALMENTS',
				amountPence: 7_000,
				currency: 'GBP',
				firstOn: addDays(today, 3),
				instalments: { create: [{ dueOn: addDays(today, 3), amountPence: 7_000, status: 'SCHEDULED' }] },
			},
		})
		// Someone else's instalment is not this holder's.
		const { holder: other } = await newHolder()
		await createAllocation({
			funderId,
			holderId: other.id,
			staffUserId: staffId,
			schedule: 'INSTALMENTS',
			amountEach: 9_999,
			count: 2,
			intervalDays: 7,
			firstOn: addDays(today, 2),
			idempotencyKey: randomUUID(),
		})
		const money = await getHolderMoney(holder.id)
		const day = (n: number) => addDays(today, n).toISOString().slice(0, 10)
		expect(
			money?.upcoming.map((i) => [i.dueOn.toISOString().slice(0, 10), i.amount, i.funderName, typeof i.id]),
		).toEqual([
			[day(-1), 1_111, 'Leicester City Council', 'string'],
			[day(3), 7_000, 'Sardinia Region', 'string'],
			[day(7), 5_000, 'Leicester City Council', 'string'],
			[day(14), 5_000, 'Leicester City Council', 'string'],
			[day(21), 5_000, 'Leicester City Council', 'string'],
			[day(28), 5_000, 'Leicester City Council', 'string'],
		])
	})
})

describe('budget lines', () => {
	async function funded(options: { ringFenced?: boolean; amount?: number } = {}) {
		const made = await newHolder(options)
		await createAllocation({
			funderId,
			holderId: made.holder.id,
			staffUserId: staffId,
			schedule: 'ONE_OFF',
			amountEach: options.amount ?? 120_000,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		return made
	}
	const hold = (holderId: string, amount: number, budgetLineId: string | null, key = randomUUID()) =>
		reserveForSpending(db.prisma, {
			holderId,
			amount,
			budgetLineId,
			idempotencyKey: key,
			description: `£${(amount / 100).toFixed(2)} set aside for a booking`,
			initiator: { role: 'SYSTEM' },
		})

	it('records holds against a line and lets spending go over a line that is not ring-fenced', async () => {
		const { holder, lines } = await funded()
		const gettingOut = lines.find((l) => l.name === 'Getting out')!
		// The line is £3,000 for the year; £1,000 on it now is fine, and so is more than the line.
		await hold(holder.id, 100_000, gettingOut.id)
		const money = await getHolderMoney(holder.id)
		expect(money).toMatchObject({ available: 20_000, held: 100_000 })
		expect(money?.plan?.lines.find((l) => l.id === gettingOut.id)).toMatchObject({
			held: 100_000,
			left: 200_000,
			setAside: 0,
		})
		await hold(holder.id, 20_000, null)
		expect((await getHolderMoney(holder.id))?.unassigned).toEqual({ spent: 0, held: 20_000 })
	})

	it('keeps a ring-fenced line’s share of the money received for that line only', async () => {
		// Plan: personal care £9,000 (ring-fenced) + getting out £3,000. £1,200 received: £900 is kept for personal care.
		const { holder, lines } = await funded({ ringFenced: true })
		const care = lines.find((l) => l.name === 'Personal care')!
		const out = lines.find((l) => l.name === 'Getting out')!
		expect((await getHolderMoney(holder.id))?.plan?.lines.find((l) => l.id === care.id)?.setAside).toBe(90_000)

		const refused = await hold(holder.id, 30_001, out.id).catch((e: unknown) => e)
		expect(isMoneyError(refused, 'RING_FENCED')).toBe(true)
		expect((refused as Error).message).toBe(
			'The funder has set aside £900.00 for Personal care, so only £300.00 can be spent on this. If this is for Personal care, choose that budget line.',
		)
		await hold(holder.id, 30_000, out.id)
		// Personal care may use its own share.
		await hold(holder.id, 90_000, care.id)
		expect((await getHolderMoney(holder.id))?.available).toBe(0)
		const broke = await hold(holder.id, 1, care.id).catch((e: unknown) => e)
		expect(isMoneyError(broke, 'INSUFFICIENT_FUNDS')).toBe(true)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('never lets two holds at once use the money a ring-fenced line keeps', async () => {
		const { holder, lines } = await funded({ ringFenced: true })
		const out = lines.find((l) => l.name === 'Getting out')!
		// £300 may be spent outside personal care: six holds of £100 at once, so at most three succeed.
		const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => hold(holder.id, 10_000, out.id)))
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
		for (const r of results) if (r.status === 'rejected') expect(isMoneyError(r.reason, 'RING_FENCED')).toBe(true)
		expect((await getHolderMoney(holder.id))?.held).toBe(30_000)
	})

	it('finds the line for a category of support, to record a booking against', async () => {
		const { holder, plan } = await createHolder(db.prisma, {
			funderId,
			user: null,
			plan: {
				lines: [
					{ name: 'Getting out', categorySlug: 'getting-out', amountPence: 1_000 },
					{ name: 'Care', categorySlug: 'personal-care', amountPence: 1_000 },
				],
			},
		})
		expect(await lineForCategory(holder.id, 'personal-care')).toBe(plan!.lines.find((l) => l.name === 'Care')!.id)
		expect(await lineForCategory(holder.id, 'respite')).toBeNull()
	})

	it('replays a hold sent twice, and refuses a line from someone else’s plan', async () => {
		const { holder, lines } = await funded()
		const key = randomUUID()
		const first = await hold(holder.id, 5_000, lines[0]!.id, key)
		const again = await hold(holder.id, 5_000, lines[0]!.id, key)
		expect(again).toMatchObject({ id: first.id, replayed: true })
		const other = await funded()
		const wrong = await hold(holder.id, 5_000, other.lines[0]!.id).catch((e: unknown) => e)
		expect(isMoneyError(wrong, 'INVALID')).toBe(true)
		expect((await getHolderMoney(holder.id))?.held).toBe(5_000)
	})
})

describe('several schemes and currencies', () => {
	it('keeps each holder’s money in their funder’s currency, and the ledger refuses to mix currencies', async () => {
		const ndia = await createFunder(db.prisma, {
			name: 'National Disability Insurance Agency',
			scheme: 'AU_NDIS',
			currency: 'AUD',
			instalmentDays: 14,
		})
		const ndiaStaff = await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId: ndia.id })
		const { holder } = await createHolder(db.prisma, { funderId: ndia.id, user: null })
		await createAllocation({
			funderId: ndia.id,
			holderId: holder.id,
			staffUserId: ndiaStaff.id,
			schedule: 'ONE_OFF',
			amountEach: 50_000,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		const aud = await holderAccounts(db.prisma, holder.id)
		expect(aud.currency).toBe('AUD')
		expect((await sourceTransfers(holder.id))[0]?.description).toBe(
			'A$500.00 from National Disability Insurance Agency: your personal budget',
		)
		// A GBP holder's held account cannot receive AUD.
		const { holder: gbpHolder } = await newHolder()
		const gbp = await holderAccounts(db.prisma, gbpHolder.id)
		const { transfer } = await import('#app/domain/ledger/ledger.server.ts')
		const mixed = await transfer(db.prisma, {
			idempotencyKey: randomUUID(),
			debitAccountId: aud.budgetId,
			creditAccountId: gbp.heldId,
			amount: 100,
			reason: 'CORRECTION',
			description: 'A transfer across currencies',
			initiator: { role: 'SYSTEM' },
		}).catch((e: unknown) => e)
		expect(isLedgerError(mixed, 'CURRENCY_MISMATCH')).toBe(true)
	})
})

describe('the funder’s total still scheduled (ADR 036)', () => {
	it('stays the sum of the instalments while allocations are made, paid by the job and stopped, all at once', async () => {
		const funder = (await createFunder(db.prisma, { name: 'Cagliari', currency: 'EUR' })).id
		const staff = (await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId: funder })).id
		const people = await Promise.all(Array.from({ length: 8 }, () => newHolder({ funder })))
		// Half the allocations started four weeks ago, so the job has an instalment of each to pay today.
		const made = await Promise.all(
			people.slice(0, 4).map(({ holder }) =>
				createAllocation({
					funderId: funder,
					holderId: holder.id,
					staffUserId: staff,
					schedule: 'INSTALMENTS',
					amountEach: 10_000,
					count: 3,
					intervalDays: 28,
					firstOn: addDays(today, -28),
					idempotencyKey: randomUUID(),
					now: addDays(today, -28),
				}),
			),
		)
		expect(await scheduledTotals(db.prisma, funder)).toEqual({ stored: 80_000, summed: 80_000 })
		// Now, at once: four more allocations (each pays its first instalment at once), the job paying the four due,
		// and one of the first allocations stopped.
		const [report] = await Promise.all([
			payDueInstalments(new Date(), { db: db.prisma }),
			...people.slice(4).map(({ holder }) =>
				createAllocation({
					funderId: funder,
					holderId: holder.id,
					staffUserId: staff,
					schedule: 'INSTALMENTS',
					amountEach: 5_000,
					count: 4,
					intervalDays: 28,
					firstOn: today,
					idempotencyKey: randomUUID(),
				}),
			),
			cancelFutureInstalments(db.prisma, {
				allocationId: made[0]!.allocation.id,
				funderId: funder,
				staffUserId: staff,
			}),
		])
		expect(report.failed).toEqual([])
		const after = await scheduledTotals(db.prisma, funder)
		expect(after.stored).toBe(after.summed)
		// Left: the third instalment of three of the first four (the stopped one has none, whether the job paid its
		// second before it was stopped or not), and three of each of the four new ones.
		expect(after.summed).toBe(3 * 10_000 + 4 * 3 * 5_000)
		expect(await checkLedger(db.prisma)).toEqual([])
	})
})
