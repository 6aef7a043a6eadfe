import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	finalShares,
	memberSessions,
	pledgeShare,
	type PriceTerms,
	providerTotal,
	refundFor,
	sessionPayment,
	shareNow,
	splitEvenly,
	withFee,
} from './shares.ts'

const split = (totalPence: number, minPledgers: number): PriceTerms => ({
	pricingMode: 'SPLIT_TOTAL',
	totalPence,
	placePricePence: null,
	minPledgers,
})
const perPlace = (placePricePence: number, minPledgers = 1): PriceTerms => ({
	pricingMode: 'PER_PLACE',
	totalPence: 0,
	placePricePence,
	minPledgers,
})

describe('splitEvenly', () => {
	test.each([
		[100, 3, [34, 33, 33]],
		[72_000, 7, [10_286, 10_286, 10_286, 10_286, 10_286, 10_285, 10_285]],
		[0, 2, [0, 0]],
		[5, 1, [5]],
	])('splits %i into %i parts', (total, parts, expected) => {
		expect(splitEvenly(total, parts)).toEqual(expected)
	})

	test('refuses fractions and no parts', () => {
		expect(() => splitEvenly(1.5, 2)).toThrow(RangeError)
		expect(() => splitEvenly(10, 0)).toThrow(RangeError)
	})

	test('always adds up exactly, parts differ by at most a penny, larger ones first', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 500 }), (total, parts) => {
				const s = splitEvenly(total, parts)
				expect(s.reduce((a, b) => a + b, 0)).toBe(total)
				expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1)
				expect([...s].sort((a, b) => b - a)).toEqual(s)
			}),
		)
	})
})

describe('shares', () => {
	test('per place: everyone pays the price, whatever the numbers', () => {
		expect(pledgeShare(perPlace(6_000, 6), 0)).toBe(6_000)
		expect(shareNow(perPlace(6_000, 6), 9)).toBe(6_000)
		expect(finalShares(perPlace(6_000), 3)).toEqual([6_000, 6_000, 6_000])
		expect(providerTotal(perPlace(6_000), 3)).toBe(18_000)
	})

	test('split total: the first pledger is shown the share at the minimum, and shares fall as more join', () => {
		const terms = split(72_000, 6)
		expect(pledgeShare(terms, 0)).toBe(12_000)
		expect(pledgeShare(terms, 5)).toBe(12_000)
		expect(pledgeShare(terms, 6)).toBe(10_286)
		expect(shareNow(terms, 0)).toBe(12_000)
		expect(shareNow(terms, 8)).toBe(9_000)
		expect(finalShares(terms, 7)).toEqual(splitEvenly(72_000, 7))
		expect(providerTotal(terms, 7)).toBe(72_000)
	})

	test('split total: no member ever pays more than they agreed, and the shares add up to the total', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5_000_000 }),
				fc.integer({ min: 1, max: 50 }),
				fc.integer({ min: 0, max: 100 }),
				fc.integer({ min: 0, max: 2_000 }),
				(total, min, extra, feeBps) => {
					const terms = split(total, min)
					const paying = min + extra
					const agreed = Array.from({ length: paying }, (_, k) => withFee(pledgeShare(terms, k), feeBps).total)
					const final = finalShares(terms, paying)
					expect(final.reduce((a, b) => a + b, 0)).toBe(total)
					final.forEach((share, k) => expect(withFee(share, feeBps).total).toBeLessThanOrEqual(agreed[k]!))
				},
			),
		)
	})

	test('split total: the share shown never rises as more join', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5_000_000 }),
				fc.integer({ min: 1, max: 50 }),
				fc.integer({ min: 0, max: 200 }),
				(total, min, n) => {
					const terms = split(total, min)
					expect(shareNow(terms, n + 1)).toBeLessThanOrEqual(shareNow(terms, n))
					expect(pledgeShare(terms, n + 1)).toBeLessThanOrEqual(pledgeShare(terms, n))
				},
			),
		)
	})
})

describe('sessions and refunds', () => {
	test('a share with a fee', () => {
		expect(withFee(10_000, 250)).toEqual({ share: 10_000, fee: 250, total: 10_250 })
		expect(withFee(999, 250)).toEqual({ share: 999, fee: 24, total: 1_023 })
	})

	test('three members over four sessions', () => {
		const members = [
			{ share: 1_001, fee: 25 },
			{ share: 1_000, fee: 0 },
			{ share: 1_000, fee: 10 },
		]
		expect(memberSessions(members[0]!, 4)).toEqual([
			{ share: 251, fee: 7 },
			{ share: 250, fee: 6 },
			{ share: 250, fee: 6 },
			{ share: 250, fee: 6 },
		])
		expect(sessionPayment(members, 4, 0)).toEqual({ price: 751, fee: 10 })
		expect(refundFor(members[0]!, 4, [2, 3])).toBe(512)
	})

	test('sessions pay out exactly what was taken, and refunds of the undelivered return exactly the rest', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ share: fc.integer({ min: 0, max: 500_000 }), fee: fc.integer({ min: 0, max: 50_000 }) }), {
					minLength: 1,
					maxLength: 30,
				}),
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 0, max: 20 }),
				(members, sessionCount, deliveredRaw) => {
					const delivered = Math.min(deliveredRaw, sessionCount)
					const taken = members.reduce((sum, m) => sum + m.share + m.fee, 0)
					let paid = 0
					for (let i = 0; i < delivered; i++) {
						const p = sessionPayment(members, sessionCount, i)
						paid += p.price + p.fee
					}
					const undelivered = Array.from({ length: sessionCount - delivered }, (_, k) => delivered + k)
					const refunded = members.reduce((sum, m) => sum + refundFor(m, sessionCount, undelivered), 0)
					expect(paid + refunded).toBe(taken)
					const all = Array.from({ length: sessionCount }, (_, i) => sessionPayment(members, sessionCount, i))
					expect(all.reduce((s, p) => s + p.price, 0)).toBe(members.reduce((s, m) => s + m.share, 0))
				},
			),
		)
	})
})
