import { describe, expect, it } from 'vitest'
import { formatDay, formatMonth, monthRange, parseIsoDay } from '#app/utils/dates.ts'
import { parseAmount, toDecimal } from './amounts.ts'

describe('reading amounts people type', () => {
	it.each([
		['25', 2_500],
		['25.5', 2_550],
		['25.50', 2_550],
		['£25.50', 2_550],
		['£ 1,200.00', 120_000],
		['1,200', 120_000],
		['  0.01 ', 1],
		['A$30', 3_000],
		['€12.5', 1_250],
	])('reads %j as %d minor units', (text, minor) => {
		expect(parseAmount(text, 'GBP')).toBe(minor)
	})

	it.each(['', 'lots', '12,50', '1,20', '25.555', '-5', '1e3', '£', '12.3.4'])(
		'refuses %j rather than guess',
		(text) => {
			expect(parseAmount(text, 'GBP')).toBeNull()
		},
	)

	it('writes amounts back as plain decimals for forms and spreadsheets', () => {
		expect(toDecimal(5_600, 'GBP')).toBe('56.00')
		expect(toDecimal(-5n, 'EUR')).toBe('-0.05')
		expect(toDecimal(123_456_789_012_345_678n, 'GBP')).toBe('1234567890123456.78')
	})
})

describe('dates on money pages', () => {
	it('reads only real calendar days', () => {
		expect(parseIsoDay('2026-03-03')?.toISOString()).toBe('2026-03-03T00:00:00.000Z')
		expect(parseIsoDay('2026-02-30')).toBeNull()
		expect(parseIsoDay('3 March')).toBeNull()
	})

	it('formats days and months in words', () => {
		expect(formatDay('2026-03-03T10:00:00Z')).toBe('3 March 2026')
		expect(formatMonth('2026-03')).toBe('March 2026')
		expect(monthRange('2026-12')).toEqual({
			from: new Date('2026-12-01T00:00:00Z'),
			to: new Date('2027-01-01T00:00:00Z'),
		})
		expect(monthRange('2026-13')).toBeNull()
	})
})
