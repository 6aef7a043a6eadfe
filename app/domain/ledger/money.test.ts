import { describe, expect, test } from 'vitest'
import { formatMoney, isCurrencyCode, minorUnitDigits, toBigInt } from './money.ts'

describe('formatMoney', () => {
	test('shows pounds, euros and Australian dollars the way statements do', () => {
		expect(formatMoney(5600, 'GBP')).toBe('£56.00')
		expect(formatMoney(1250n, 'EUR')).toBe('€12.50')
		expect(formatMoney(3000, 'AUD')).toBe('A$30.00')
	})

	test('shows pence below a pound with a leading zero', () => {
		expect(formatMoney(0, 'GBP')).toBe('£0.00')
		expect(formatMoney(5, 'GBP')).toBe('£0.05')
		expect(formatMoney(99n, 'GBP')).toBe('£0.99')
	})

	test('groups thousands and keeps every digit of very large amounts', () => {
		expect(formatMoney(123456789, 'GBP')).toBe('£1,234,567.89')
		expect(formatMoney(9_223_372_036_854_775_807n, 'GBP')).toBe('£92,233,720,368,547,758.07')
	})

	test('shows a negative amount with a minus sign', () => {
		expect(formatMoney(-1250n, 'GBP')).toBe('-£12.50')
	})

	test('uses the currency’s own minor unit', () => {
		expect(minorUnitDigits('JPY')).toBe(0)
		expect(formatMoney(500, 'JPY')).toBe('JP¥500')
		expect(minorUnitDigits('GBP')).toBe(2)
		// Each currency keeps its own digits, however they are asked for in turn.
		expect(formatMoney(500, 'GBP')).toBe('£5.00')
		expect(formatMoney(500, 'jpy')).toBe('JP¥500')
	})

	test('refuses something that is not a currency code', () => {
		expect(() => formatMoney(100, 'pounds')).toThrow(/not a currency code/)
		expect(isCurrencyCode('GBP')).toBe(true)
		expect(isCurrencyCode('gbp')).toBe(false)
	})
})

describe('toBigInt', () => {
	test('accepts whole numbers and refuses fractions and unsafe numbers', () => {
		expect(toBigInt(56)).toBe(56n)
		expect(toBigInt(56n)).toBe(56n)
		expect(() => toBigInt(12.5)).toThrow(/whole number/)
		expect(() => toBigInt(2 ** 60)).toThrow(/whole number/)
	})
})
