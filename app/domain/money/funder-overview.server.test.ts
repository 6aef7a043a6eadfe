import { describe, expect, it } from 'vitest'
import { ensureHolderAccounts, ensureProviderPayableAccount } from '#app/domain/ledger/accounts.server.ts'
import { postPending, reserve, transfer } from '#app/domain/ledger/transfers.server.ts'
import { figuresByHolder, getFunderOverview } from '#app/domain/money/funder-overview.server.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import {
	allocationWithInstalments,
	fundedHolder,
	key,
	makeFunder,
	makeHolder,
	makeProvider,
	scheduledTotals,
	system,
} from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

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
		await allocationWithInstalments(prisma, amina.funder.id, amina.holder.id, 1_500)
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
		await allocationWithInstalments(prisma, other.funder.id, other.holder.id, 9_999)

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

describe('a funder’s total still scheduled, kept by a trigger on every write of an instalment (ADR 036)', () => {
	it('follows instalments made, paid, cancelled, changed and deleted, whoever writes them', async () => {
		const prisma = db().prisma
		const funder = await makeFunder(prisma)
		const people = await Promise.all(['Dev Patel', 'Eve Moss', 'Fay Lin'].map((n) => makeHolder(prisma, funder.id, n)))
		for (const [i, person] of people.entries())
			await allocationWithInstalments(prisma, funder.id, person.id, 1_000 * (i + 1))
		expect(await scheduledTotals(prisma, funder.id)).toEqual({ stored: 6_000, summed: 6_000 })
		const scheduled = await prisma.instalment.findMany({
			where: { status: 'SCHEDULED', allocation: { funderId: funder.id } },
			orderBy: { amountPence: 'asc' },
		})
		// Paid (£10 off), cancelled (£20 off), its amount changed while still scheduled (£30 → £35).
		await prisma.instalment.update({ where: { id: scheduled[0]!.id }, data: { status: 'PAID' } })
		await prisma.instalment.updateMany({ where: { id: scheduled[1]!.id }, data: { status: 'CANCELLED' } })
		await prisma.instalment.update({ where: { id: scheduled[2]!.id }, data: { amountPence: 3_500 } })
		expect(await scheduledTotals(prisma, funder.id)).toEqual({ stored: 3_500, summed: 3_500 })
		// A new scheduled instalment, then deleted; a paid one deleted changes nothing.
		const extra = await prisma.instalment.create({
			data: { allocationId: scheduled[2]!.allocationId, dueOn: new Date('2026-12-27'), amountPence: 700 },
		})
		expect(await scheduledTotals(prisma, funder.id)).toEqual({ stored: 4_200, summed: 4_200 })
		await prisma.instalment.delete({ where: { id: extra.id } })
		await prisma.instalment.delete({ where: { id: scheduled[0]!.id } })
		expect(await scheduledTotals(prisma, funder.id)).toEqual({ stored: 3_500, summed: 3_500 })
		// An allocation cannot take its scheduled instalments with it: they would be left in the total.
		await expect(prisma.allocation.delete({ where: { id: scheduled[2]!.allocationId } })).rejects.toThrow(
			/still scheduled and its allocation is gone/,
		)
		expect((await getFunderOverview(funder.id))?.totals.scheduled).toBe(3_500)
		// Cancelled first, it can go.
		await prisma.instalment.updateMany({
			where: { allocationId: scheduled[2]!.allocationId },
			data: { status: 'CANCELLED' },
		})
		await prisma.allocation.delete({ where: { id: scheduled[2]!.allocationId } })
		expect(await scheduledTotals(prisma, funder.id)).toEqual({ stored: 0, summed: 0 })
	})
})

describe('the funder’s search of its people by name', () => {
	it('finds names containing the words, case ignored, in name order, with % and _ matched as themselves', async () => {
		const prisma = db().prisma
		const funder = await makeFunder(prisma)
		for (const name of ['Maria Piras', 'Anna Maria Loi', 'Gavino Marias', 'Lucia Sanna', '100% Maria', 'Maria_Deiana'])
			await makeHolder(prisma, funder.id, name)
		// Asked to join and not confirmed yet: not one of the funder's people, so never listed.
		await prisma.budgetHolder.create({
			data: { funderId: funder.id, displayName: 'Maria Waiting', joinRequestedAt: new Date() },
		})
		// Another funder's Maria.
		await makeHolder(prisma, (await makeFunder(prisma)).id, 'Maria Other')

		const names = async (q: string, page?: number) => {
			const overview = await getFunderOverview(funder.id, { q, page })
			return { names: overview!.rows.map((r) => r.displayName), matching: overview!.matching }
		}
		expect(await names('maria')).toEqual({
			names: ['100% Maria', 'Anna Maria Loi', 'Gavino Marias', 'Maria Piras', 'Maria_Deiana'],
			matching: 5,
		})
		expect(await names('%')).toEqual({ names: ['100% Maria'], matching: 1 })
		expect(await names('a_D')).toEqual({ names: ['Maria_Deiana'], matching: 1 })
		expect(await names('  LUCIA ')).toEqual({ names: ['Lucia Sanna'], matching: 1 })
		// Shorter than a trigram: found by walking the names in order instead, with the same answers.
		expect(await names('lu')).toEqual({ names: ['Lucia Sanna'], matching: 1 })
		expect(await names('_')).toEqual({ names: ['Maria_Deiana'], matching: 1 })
		expect(await names('ma')).toEqual({
			names: ['100% Maria', 'Anna Maria Loi', 'Gavino Marias', 'Maria Piras', 'Maria_Deiana'],
			matching: 5,
		})
		expect(await names('nobody')).toEqual({ names: [], matching: 0 })
		// Without a search: all six, counted once.
		expect((await getFunderOverview(funder.id))!.matching).toBe(6)
		expect((await getFunderOverview(funder.id))!.totals.holders).toBe(6)
	})

	it('pages through the names found, 50 a page', async () => {
		const prisma = db().prisma
		const funder = await makeFunder(prisma)
		await prisma.budgetHolder.createMany({
			data: Array.from({ length: 120 }, (_, i) => ({
				funderId: funder.id,
				displayName: `${i % 2 === 0 ? 'Sanna' : 'Piras'} ${String(i).padStart(3, '0')}`,
			})),
		})
		const page = async (n: number, q = 'sanna') => (await getFunderOverview(funder.id, { q, page: n }))!
		const [first, second] = [await page(1), await page(2)]
		// The short form pages the same way.
		expect((await page(2, 'sa')).rows.map((r) => r.displayName)).toEqual(second.rows.map((r) => r.displayName))
		expect(first.matching).toBe(60)
		expect(first.pageCount).toBe(2)
		expect(first.rows.map((r) => r.displayName)).toEqual(
			Array.from({ length: 50 }, (_, i) => `Sanna ${String(i * 2).padStart(3, '0')}`),
		)
		expect(second.rows.map((r) => r.displayName)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Sanna ${String(100 + i * 2).padStart(3, '0')}`),
		)
	})
})
