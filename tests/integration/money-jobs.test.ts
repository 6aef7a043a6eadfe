/**
 * The scheduled jobs: instalments due, holds that ran out, payouts to send; once each, even with several
 * runners, and a failing job does not stop the others.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkLedger } from '#app/domain/ledger/ledger.server.ts'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { getHolderMoney, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold, startConnectOnboarding } from '#app/domain/money/payouts.server.ts'
import { runJobsOnce, startJobs } from '#app/jobs/scheduler.server.ts'
import { addDays, startOfDay } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import { setStripe } from '#app/utils/stripe.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { startLocalStripe, type LocalStripe } from '#tests/mocks/stripe-server.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb
let stripe: LocalStripe
const today = startOfDay(new Date())

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	stripe = await startLocalStripe()
	setStripe(stripe.setup)
})

afterAll(async () => {
	setStripe(undefined)
	await stripe?.close()
	await db?.cleanup()
})

describe('the scheduled jobs', () => {
	it('pay instalments due, release holds that ran out and send payouts, each once across several runners', async () => {
		const funder = await createFunder(db.prisma, { name: 'Leicester City Council' })
		const staff = await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId: funder.id })
		const { holder } = await createHolder(db.prisma, { funderId: funder.id, user: null })
		await createAllocation({
			funderId: funder.id,
			holderId: holder.id,
			staffUserId: staff.id,
			schedule: 'INSTALMENTS',
			amountEach: 20_000,
			count: 2,
			intervalDays: 7,
			firstOn: today,
			idempotencyKey: randomUUID(),
		})
		// A hold that runs out in an hour, and a confirmed session whose payout waits to be sent.
		await reserveForSpending(db.prisma, {
			holderId: holder.id,
			amount: 3_000,
			budgetLineId: null,
			idempotencyKey: randomUUID(),
			description: '£30.00 set aside for a session request',
			initiator: { role: 'SYSTEM' },
			timeoutSeconds: 3_600,
		})
		const { provider, owner } = await createProviderWithService(db.prisma, { provider: { name: 'Amina Shah' } })
		await startConnectOnboarding({
			providerId: provider.id,
			ownerId: owner.id,
			ownerEmail: owner.email,
			origin: 'http://budget.test',
		})
		const hold = await reserveForSpending(db.prisma, {
			holderId: holder.id,
			amount: 5_000,
			budgetLineId: null,
			idempotencyKey: randomUUID(),
			description: '£50.00 set aside for 2 hours with Amina Shah',
			initiator: { role: 'SYSTEM' },
		})
		const { payout } = await payFromHold(db.prisma, {
			holdTransferId: hold.id,
			providerId: provider.id,
			price: 5_000,
			feeShown: 0,
			idempotencyKey: `booking:${randomUUID()}`,
			description: '£50.00 paid to Amina Shah for 2 hours',
			initiator: { role: 'SYSTEM' },
		})

		// A week and a day later, three servers run the jobs at the same moment.
		const when = addDays(today, 8)
		const reports = await Promise.all([runJobsOnce(when), runJobsOnce(when), runJobsOnce(when)])
		expect(reports.flatMap((r) => r.errors)).toEqual([])
		expect(reports.reduce((n, r) => n + r.instalmentsPaid, 0)).toBe(1)
		expect(reports.reduce((n, r) => n + r.holdsExpired, 0)).toBe(1)
		expect((await db.prisma.payout.findUniqueOrThrow({ where: { id: payout!.id } })).status).toBe('PAID')
		expect(
			[...stripe.double.transfers.values()].filter((t) => t.transfer_group === `payout_${payout!.id}`),
		).toHaveLength(1)
		expect(await getHolderMoney(holder.id)).toMatchObject({
			allocated: 40_000,
			spent: 5_000,
			held: 0,
			available: 35_000,
		})
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('keep running the other jobs when one fails, and report it', async () => {
		// The instalment job cannot reach its table; the others still run, and the problem is reported, not thrown.
		const broken = {
			...db,
			prisma: new Proxy(db.prisma, { get: (t, p) => (p === 'instalment' ? undefined : Reflect.get(t, p)) }),
		}
		setDb(broken)
		try {
			const failed = await runJobsOnce(new Date())
			expect(failed.errors).toHaveLength(1)
			expect(failed.errors[0]).toMatch(/^Instalments: /)
		} finally {
			setDb(db)
		}
	})

	it('start on a timer that never runs two rounds at once and stops cleanly', async () => {
		const lines: string[] = []
		const jobs = startJobs({ intervalMs: 50, log: (line) => lines.push(line) })
		const [a, b] = await Promise.all([jobs.runNow(), jobs.runNow()])
		expect(a).toBe(b)
		await jobs.stop()
		expect(await jobs.runNow()).toBeNull()
	})
})
