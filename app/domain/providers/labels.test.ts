import { describe, expect, it } from 'vitest'
import { formatMinutes, formatPrice, humanise } from './labels.ts'

describe('labels', () => {
	it('formats minutes after midnight as a 24-hour time', () => {
		expect(formatMinutes(0)).toBe('00:00')
		expect(formatMinutes(9 * 60 + 30)).toBe('09:30')
		expect(formatMinutes(17 * 60 + 5)).toBe('17:05')
	})
	it('turns slugs into plain words and keeps known acronyms upper case', () => {
		expect(humanise('wheelchair-accessible')).toBe('Wheelchair accessible')
		expect(humanise('bsl-signing')).toBe('BSL signing')
	})
})

describe('formatPrice', () => {
	it('says the price and what it is for in plain words', () => {
		expect(formatPrice(1500, 'PER_HOUR', 'GBP')).toBe('£15.00 an hour')
		expect(formatPrice(800, 'PER_SESSION', 'GBP')).toBe('£8.00 a session')
		expect(formatPrice(30000, 'FIXED', 'GBP')).toBe('£300.00 fixed price')
	})
})
