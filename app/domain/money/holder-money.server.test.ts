import { describe, expect, it } from 'vitest'
import { getHolderBalances, getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { makeFunder, makeHolder } from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

describe('a holder’s balances, read with their accounts in one query (issue 14)', () => {
	it('counts only the accounts in the funder’s currency, and reads a holder with none open as nothing', async () => {
		const funder = await makeFunder(db().prisma)
		const holder = await makeHolder(db().prisma, funder.id, 'Bal Ance')
		expect(await getHolderBalances(holder.id)).toEqual({ currency: 'GBP', available: 0, held: 0 })
		expect(await getHolderBalances('no-such-holder')).toBeNull()
		const account = (kind: 'HOLDER_BUDGET' | 'HOLDER_HELD', currency: string, pence: [number, number, number]) =>
			db().prisma.ledgerAccount.create({
				data: {
					kind,
					currency,
					name: `${kind} ${currency}`,
					holderId: holder.id,
					creditsPosted: BigInt(pence[0]),
					debitsPosted: BigInt(pence[1]),
					debitsPending: BigInt(pence[2]),
				},
			})
		await account('HOLDER_BUDGET', 'GBP', [50_000, 10_000, 2_500])
		await account('HOLDER_HELD', 'GBP', [4_000, 1_000, 0])
		// An account in another currency is not this holder's budget (holderAccounts opens them in the funder's).
		await account('HOLDER_BUDGET', 'AUD', [99_000, 0, 0])
		const balances = { currency: 'GBP', available: 50_000 - 10_000 - 2_500, held: 2_500 + 3_000 }
		expect(await getHolderBalances(holder.id)).toEqual(balances)
		expect(await getHolderMoney(holder.id)).toMatchObject({
			holder: { id: holder.id, displayName: 'Bal Ance', funderName: funder.name },
			...balances,
		})
	})
})
