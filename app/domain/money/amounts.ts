/**
 * Reading amounts people type, and dates as the money pages show them. Pure: no database, safe in the browser.
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

// ───────────────────────────── Dates ─────────────────────────────
// Money dates are calendar days in UTC: an instalment "due on 3 March" is paid on the first run of the job on or
// after 00:00 UTC that day. Times are shown in UK time, where every funder so far is (see ADR 007).

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' })
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "3 March 2026" */
export function formatDay(date: Date | string): string {
	return dayFormat.format(new Date(date))
}

/** "3 March" */
export function formatShortDay(date: Date | string): string {
	return shortDayFormat.format(new Date(date))
}

/** "March 2026" for "2026-03". */
export function formatMonth(month: string): string {
	const range = monthRange(month)
	return range ? monthFormat.format(range.from) : month
}

/** Midnight UTC of the day `date` falls on. */
export function startOfDay(date: Date): Date {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

/** "2026-03-03" */
export function isoDay(date: Date): string {
	return startOfDay(date).toISOString().slice(0, 10)
}

/** Reads "2026-03-03" as midnight UTC; null when it is not a real date. */
export function parseIsoDay(text: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
	if (!match) return null
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const date = new Date(Date.UTC(year, month - 1, day))
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null
}

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * 86_400_000)
}

/** "2026-03" for a date. */
export function monthOf(date: Date): string {
	return date.toISOString().slice(0, 7)
}

/** The first instant of a month ("2026-03") and of the next one; null if the text is not a month. */
export function monthRange(month: string): { from: Date; to: Date } | null {
	const match = /^(\d{4})-(\d{2})$/.exec(month)
	if (!match) return null
	const year = Number(match[1])
	const m = Number(match[2])
	if (m < 1 || m > 12 || year < 2000 || year > 2200) return null
	return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) }
}
