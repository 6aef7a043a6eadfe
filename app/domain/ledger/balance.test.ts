import { describe, expect, test } from 'vitest'
import { balanceOf, returnable, spendable } from './balance.ts'

const totals = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n }

describe('balanceOf', () => {
	test('a holder budget: money on hold is not available', () => {
		const budget = {
			...totals,
			kind: 'HOLDER_BUDGET',
			debitsMustNotExceedCredits: true,
			creditsMustNotExceedDebits: false,
			creditsPosted: 20000n,
			debitsPosted: 5000n,
			debitsPending: 2000n,
			creditsPending: 700n,
		}
		expect(balanceOf(budget)).toEqual({ posted: 15000n, pending: 2000n, available: 13000n, normal: 'credit' })
		expect(spendable(budget)).toBe(13000n)
	})

	test('a funder source is debit-normal: what it has paid out', () => {
		const source = {
			...totals,
			kind: 'FUNDER_SOURCE',
			debitsMustNotExceedCredits: false,
			creditsMustNotExceedDebits: true,
			debitsPosted: 50000n,
			creditsPosted: 1000n,
			creditsPending: 500n,
		}
		expect(balanceOf(source)).toEqual({ posted: 49000n, pending: 500n, available: 48500n, normal: 'debit' })
		expect(returnable(source)).toBe(48500n)
	})
})
