import { type PriceUnit } from '#app/generated/prisma/enums.ts'

/**
 * What a booking costs, in pence: an hourly price times the hours (rounded to the nearest penny),
 * a session price once, a fixed price once.
 */
export function bookingTotalPence(unit: PriceUnit, unitPricePence: number, minutes: number): number {
	if (!Number.isInteger(unitPricePence) || unitPricePence < 0) throw new Error('The price must be a whole number of pence')
	if (unit === 'PER_HOUR') {
		if (!Number.isInteger(minutes) || minutes <= 0) throw new Error('An hourly booking needs a length in whole minutes')
		return Math.round((unitPricePence * minutes) / 60)
	}
	return unitPricePence
}

/** "£1,234.50" for 123450 pence: for descriptions in the demo data. */
export function formatPounds(pence: number): string {
	const pounds = Math.floor(Math.abs(pence) / 100)
	const rest = Math.abs(pence) % 100
	const sign = pence < 0 ? '-' : ''
	return `${sign}£${pounds.toLocaleString('en-GB')}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`
}
