import { describe, expect, it } from 'vitest'
import { ensureHolderAccounts, ensureProviderPayableAccount } from '#app/domain/ledger/accounts.server.ts'
import { postPending, reserve, transfer } from '#app/domain/ledger/transfers.server.ts'
import { figuresByHolder, getFunderOverview } from '#app/domain/money/funder-overview.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { fundedHolder, key, makeFunder, makeHolder, makeProvider, system } from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

/** An allocation of the holder's with one instalment still scheduled and one paid. */
async function instalments(prisma: PrismaClient, funderId: string, holderId: string, scheduled: number) {
	await prisma.allocation.create({
		data: {
			funderId,
			holderId,
			schedule: 'INSTALMENTS',
			amountPence: scheduled + 1_000,
			currency: 'GBP',
			intervalDays: 28,
			instalmentCount: 2,
			firstOn: new Date('2026-11-01'),
			instalments: {
				create: [
					{ dueOn: new Date('2026-11-01'), amountPence: 1_000, status: 'PAID' },
					{ dueOn: new Date('2026-11-29'), amountPence: scheduled, status: 'SCHEDULED' },
				],
			},
		},
	})
}

describe('a funder’s totals for all the people it funds (issue 14)', () => {
	it('adds up every holder’s figures, and no other funder’s', async () => {
		const prisma = db().prisma
		// Amina: £200 allocated; £30 held for a booking of which £25 was paid, and £20 held for another.
		const amina = await fundedHolder(prisma, 20_000)
		const provider = await makeProvider(prisma)
		const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
		const booking = { debitAccountId: amina.budget.id, creditAccountId: payable.id, reason: 'BOOKING' as const }
		await reserve(prisma, { ...booking, idempotencyKey: key(), amount: 2_000, description: 'held', initiator: system })
		const paid = await reserve(prisma, {
			...booking,
			idempotencyKey: key(),
			amount: 3_000,
			description: 'held',
			initiator: system,
		})
		await postPending(prisma, {
			idempotencyKey: key(),
			pendingId: paid.id,
			amount: 2_500,
			description: 'paid',
			initiator: system,
		})
		await instalments(prisma, amina.funder.id, amina.holder.id, 1_500)
		// £10 pledged to a group activity: moved to her held account, so held, not spent and not unspent.
		await transfer(prisma, {
			idempotencyKey: key(),
			debitAccountId: amina.budget.id,
			creditAccountId: amina.held.id,
			amount: 1_000,
			reason: 'PLEDGE',
			description: 'pledged',
			initiator: system,
		})
		// Ben, of the same funder: £100 allocated. Cara: nothing yet.
		const ben = await makeHolder(prisma, amina.funder.id, 'Ben Okafor')
		const benAccounts = await ensureHolderAccounts(prisma, ben.id)
		await transfer(prisma, {
			idempotencyKey: key(),
			debitAccountId: amina.source.id,
			creditAccountId: benAccounts.budget.id,
			amount: 10_000,
			reason: 'ALLOCATION',
			description: 'allocated',
			initiator: system,
		})
		await makeHolder(prisma, amina.funder.id, 'Cara Jones')
		// Another funder's holder, with money and a scheduled instalment of its own.
		const other = await fundedHolder(prisma, 50_000)
		await instalments(prisma, other.funder.id, other.holder.id, 9_999)

		const overview = await getFunderOverview(amina.funder.id)
		expect(overview?.totals).toEqual({
			holders: 3,
			allocated: 30_000,
			scheduled: 1_500,
			toppedUp: 0,
			spent: 2_500,
			held: 2_000 + 1_000,
			unspent: 30_000 - 2_500 - 2_000 - 1_000,
		})
		// The same as the per-holder figures the page's rows show, added up.
		const perHolder = [...(await figuresByHolder(amina.funder.id)).values()]
		const added = Object.fromEntries(
			(['allocated', 'scheduled', 'toppedUp', 'spent', 'held', 'unspent'] as const).map((k) => [
				k,
				perHolder.reduce((sum, f) => sum + f[k], 0),
			]),
		)
		expect({ ...overview!.totals, holders: perHolder.length }).toEqual({ ...added, holders: 3 })
	})

	it('is all zeros for a funder with nobody yet', async () => {
		const funder = await makeFunder(db().prisma)
		expect((await getFunderOverview(funder.id))?.totals).toEqual({
			holders: 0,
			allocated: 0,
			scheduled: 0,
			toppedUp: 0,
			spent: 0,
			held: 0,
			unspent: 0,
		})
	})
})
