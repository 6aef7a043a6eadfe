/**
 * Money as the ledger sees it: integer minor units (pence, cents) in a BigInt, never a float.
 * Pure: no database, no I/O, safe in the browser bundle.
 */

/**
 * One formatter per currency, with its minor-unit digits read once: `resolvedOptions()` builds a new object of every
 * option on each call, which made it the costliest line of a search page's render (issue 14).
 */
const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>()

function formatterFor(currency: string): { format: Intl.NumberFormat; digits: number } {
	const code = currency.toUpperCase()
	let formatter = formatters.get(code)
	if (!formatter) {
		if (!isCurrencyCode(code))
			throw new RangeError(`"${currency}" is not a currency code. Use three letters, like GBP.`)
		// en-GB gives "£56.00", "€12.50" and "A$30.00": the symbols our users already see on their statements.
		const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code })
		formatter = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }
		formatters.set(code, formatter)
	}
	return formatter
}

/** True for a three-letter upper-case code such as GBP, EUR or AUD. */
export function isCurrencyCode(value: string): boolean {
	return /^[A-Z]{3}$/.test(value)
}

/** How many minor units make one major unit is 10 to this power: 2 for GBP (100 pence), 0 for JPY. */
export function minorUnitDigits(currency: string): number {
	return formatterFor(currency).digits
}

/**
 * Formats an amount in minor units for people to read: formatMoney(5600, 'GBP') is "£56.00",
 * formatMoney(1250n, 'EUR') is "€12.50", formatMoney(3000, 'AUD') is "A$30.00".
 * Exact for any BigInt (no rounding through floating point).
 */
export function formatMoney(minor: bigint | number, currency: string): string {
	const amount = toBigInt(minor)
	const { format, digits } = formatterFor(currency)
	const negative = amount < 0n
	const magnitude = (negative ? -amount : amount).toString().padStart(digits + 1, '0')
	const whole = magnitude.slice(0, magnitude.length - digits)
	const fraction = magnitude.slice(magnitude.length - digits)
	const decimal = `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`
	// A decimal string keeps every digit: Intl formats strings exactly (ES2023).
	return format.format(decimal as Intl.StringNumericLiteral)
}

/** An integer number of minor units as a BigInt; refuses fractions and numbers too large to be exact. */
export function toBigInt(minor: bigint | number): bigint {
	if (typeof minor === 'bigint') return minor
	if (!Number.isSafeInteger(minor)) {
		throw new RangeError(`${minor} is not a whole number of minor units (pence or cents).`)
	}
	return BigInt(minor)
}

/** The largest amount PostgreSQL's bigint can hold. */
export const MAX_MINOR = 2n ** 63n - 1n
