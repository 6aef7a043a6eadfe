import { describe, expect, it } from 'vitest'
import { ensureHolderAccounts } from '#app/domain/ledger/accounts.server.ts'
import { checkFunderTotals, funderTotalsReport } from '#app/domain/money/funder-checks.server.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { allocationWithInstalments, makeFunder, makeHolder } from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

describe('the check of what the funders’ totals rest on (ADR 036)', () => {
	it('finds nothing wrong, then each kind of drift, by name and amount', async () => {
		const prisma = db().prisma
		const funder = await makeFunder(prisma)
		const holder = await makeHolder(prisma, funder.id, 'Dev Patel')
		const { budget } = await ensureHolderAccounts(prisma, holder.id)
		await allocationWithInstalments(prisma, funder.id, holder.id, 4_000)
		expect(await checkFunderTotals(prisma)).toEqual([])
		const funders = await prisma.funder.count()
		expect(await funderTotalsReport(prisma)).toEqual({
			healthy: true,
			text: `Funders' totals healthy: ${funders} funder${funders === 1 ? '' : 's'}`,
		})

		// The stored total drifted from the instalments (written past the trigger, as a bug or a bulk load would).
		await prisma.$executeRaw`UPDATE "FunderScheduledTotal" SET "amountPence" = "amountPence" + 1 WHERE "funderId" = ${funder.id}`
		expect(await checkFunderTotals(prisma)).toEqual([
			{
				code: 'SCHEDULED_TOTAL_WRONG',
				message: `Funder ${funder.id} has 4001 GBP stored as still scheduled; its scheduled instalments add up to 4000.`,
			},
		])
		await prisma.$executeRaw`UPDATE "FunderScheduledTotal" SET "amountPence" = "amountPence" - 1 WHERE "funderId" = ${funder.id}`

		// A holder account summed under another funder, and one under none.
		const other = await makeFunder(prisma)
		await prisma.ledgerAccount.update({ where: { id: budget.id }, data: { summaryKey: `funder:${other.id}` } })
		const [wrong] = await checkFunderTotals(prisma)
		expect(wrong).toEqual({
			code: 'HOLDER_ACCOUNT_KEY_WRONG',
			message: `Holder account ${budget.id} (Dev Patel: budget) has the summary key funder:${other.id}; its funder's is funder:${funder.id}.`,
		})
		await prisma.ledgerAccount.update({ where: { id: budget.id }, data: { summaryKey: null } })
		expect((await funderTotalsReport(prisma)).text).toBe(
			`Funders' totals have 1 problem:\n  HOLDER_ACCOUNT_KEY_WRONG: Holder account ${budget.id} (Dev Patel: budget) has the summary key none; its funder's is funder:${funder.id}.`,
		)
		await prisma.ledgerAccount.update({ where: { id: budget.id }, data: { summaryKey: `funder:${funder.id}` } })
		expect(await checkFunderTotals(prisma)).toEqual([])
	})
})
