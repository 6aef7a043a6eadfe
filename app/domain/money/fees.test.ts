import { describe, expect, it } from 'vitest'
import { feeLabel, formatFeeRate, platformFee, priceBreakdown } from './fees.ts'

describe('platform fees', () => {
	it('is none by default, and says so', () => {
		expect(priceBreakdown(5_600, 'GBP', 0)).toEqual({ currency: 'GBP', price: 5_600, fee: 0, feeBps: 0, total: 5_600 })
		expect(feeLabel(0)).toBe('No platform fee')
	})

	it('rounds a fee down to a whole penny, so it is never more than the stated rate', () => {
		expect(platformFee(5_600, 250)).toBe(140)
		expect(platformFee(999, 250)).toBe(24)
		expect(platformFee(1, 1_000)).toBe(0)
		expect(priceBreakdown(999, 'GBP', 250)).toMatchObject({ fee: 24, total: 1_023 })
	})

	it('names the rate as a percentage', () => {
		expect(formatFeeRate(250)).toBe('2.5%')
		expect(formatFeeRate(300)).toBe('3%')
		expect(formatFeeRate(125)).toBe('1.25%')
		expect(feeLabel(250)).toBe('Platform fee (2.5%)')
	})

	it('refuses nonsense', () => {
		expect(() => platformFee(1.5, 100)).toThrow(RangeError)
		expect(() => platformFee(100, -1)).toThrow(RangeError)
		expect(() => platformFee(100, 5_000)).toThrow(RangeError)
	})
})
