/**
 * Reading amounts people type. Pure: no database, safe in the browser. Money's dates (calendar days in UTC, ADR 007)
 * come from app/utils/dates.ts.
 * Money is whole minor units (pence, cents) as a number here: one person's amounts stay far below 2^53.
 */
import { formatMoney } from '#app/domain/ledger/money.ts'

export { formatMoney }

/** The symbol people type before an amount, for the currencies our funders use. */
const SYMBOLS = /^(£|€|\$|A\$|AU\$|GBP|EUR|AUD|USD)\s*/i

/**
 * "25", "25.5", "£1,200.00", "€ 12,50"? No: a comma is only a thousands separator here (en-GB), so "12,50" is
 * refused rather than read as 1,250. Returns minor units, or null when the text is not an amount.
 */
export function parseAmount(text: string, currency: string): number | null {
	const digits = minorDigits(currency)
	let value = text.trim().replace(SYMBOLS, '').trim()
	if (value === '') return null
	if (value.includes(',')) {
		// Only "1,200" or "1,200.50": groups of exactly three digits.
		if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) return null
		value = value.replaceAll(',', '')
	}
	const match = /^(\d+)(?:\.(\d*))?$/.exec(value)
	if (!match) return null
	const whole = match[1] ?? '0'
	const fraction = match[2] ?? ''
	if (fraction.length > digits) return null
	const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
	return Number.isSafeInteger(minor) ? minor : null
}

/** 2 for GBP, EUR, AUD (pence, cents). */
export function minorDigits(currency: string): number {
	return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/** An amount as a plain decimal for forms and CSV: 5600 → "56.00". */
export function toDecimal(minor: number | bigint, currency: string): string {
	const digits = minorDigits(currency)
	const value = typeof minor === 'bigint' ? minor : BigInt(minor)
	const negative = value < 0n
	const text = (negative ? -value : value).toString().padStart(digits + 1, '0')
	const whole = text.slice(0, text.length - digits)
	const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : ''
	return `${negative ? '-' : ''}${whole}${fraction}`
}

/** A bigint (or the string some drivers return for it) as a number, refusing values too large to be exact. */
export function toNumber(value: bigint | number | string | null | undefined): number {
	if (value === null || value === undefined) return 0
	const n = typeof value === 'number' ? value : Number(value)
	if (!Number.isSafeInteger(n)) throw new RangeError(`${String(value)} is too large to handle as a number of pence`)
	return n
}
