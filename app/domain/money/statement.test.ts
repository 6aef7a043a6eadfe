import { describe, expect, it } from 'vitest'
import { effectsOf, statementRow, totalsOf } from './statement.ts'

const accounts = { budgetId: 'budget', heldId: 'held' }
const e = (accountId: string, phase: 'PENDING' | 'POSTED', amount: bigint) => ({ accountId, phase, amount })

describe('a statement row from the ledger’s entries', () => {
	it('counts an allocation as money in and available', () => {
		expect(effectsOf({ debitAccountId: 'source', entries: [e('budget', 'POSTED', 240_000n)] }, accounts)).toEqual({
			moneyIn: 240_000n,
			moneyOut: 0n,
			availableChange: 240_000n,
			heldChange: 0n,
		})
	})

	it('moves a booking hold from available to held, then out when it is paid, releasing the rest', () => {
		const hold = effectsOf(
			{ debitAccountId: 'budget', entries: [e('budget', 'PENDING', -6_000n), e('held', 'PENDING', 6_000n)] },
			accounts,
		)
		expect(hold).toEqual({ moneyIn: 0n, moneyOut: 0n, availableChange: -6_000n, heldChange: 6_000n })
		// Posted for £56 of the £60 held: £4 back to available, £56 now sits in the held account.
		const post = effectsOf(
			{
				debitAccountId: 'budget',
				entries: [
					e('budget', 'PENDING', 6_000n),
					e('held', 'PENDING', -6_000n),
					e('budget', 'POSTED', -5_600n),
					e('held', 'POSTED', 5_600n),
				],
			},
			accounts,
		)
		expect(post).toEqual({ moneyIn: 0n, moneyOut: 0n, availableChange: 400n, heldChange: -400n })
		const pay = effectsOf({ debitAccountId: 'held', entries: [e('held', 'POSTED', -5_600n)] }, accounts)
		expect(pay).toEqual({ moneyIn: 0n, moneyOut: 5_600n, availableChange: 0n, heldChange: -5_600n })
		const totals = totalsOf([hold, post, pay])
		expect(totals).toEqual({ moneyIn: 0n, moneyOut: 5_600n, availableChange: -5_600n, heldChange: 0n })
	})

	it('names each row by what it did to the holder', () => {
		const base = {
			id: 't',
			createdAt: new Date(),
			phase: 'PENDING' as const,
			reason: 'BOOKING' as const,
			description: '£60.00 set aside',
			currency: 'GBP',
			debitAccountId: 'budget',
			creditAccountId: 'held',
			budgetLineId: null,
			lineName: null,
			initiatorRole: 'HOLDER' as const,
			initiatorName: 'Sam Taylor',
		}
		expect(
			statementRow({ ...base, entries: [e('budget', 'PENDING', -6_000n), e('held', 'PENDING', 6_000n)] }, accounts)
				.kind,
		).toBe('held')
		expect(
			statementRow(
				{ ...base, phase: 'VOID_PENDING', entries: [e('budget', 'PENDING', 6_000n), e('held', 'PENDING', -6_000n)] },
				accounts,
			).kind,
		).toBe('released')
		expect(
			statementRow(
				{ ...base, debitAccountId: 'held', creditAccountId: 'payable', entries: [e('held', 'PENDING', -1n)] },
				accounts,
			).kind,
		).toBe('none')
	})
})
