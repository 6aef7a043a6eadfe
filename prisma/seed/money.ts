export { bookingTotalPence } from '#app/domain/bookings/pricing.ts'

/** "£1,234.50" for 123450 pence: for descriptions in the demo data. */
export function formatPounds(pence: number): string {
	const pounds = Math.floor(Math.abs(pence) / 100)
	const rest = Math.abs(pence) % 100
	const sign = pence < 0 ? '-' : ''
	return `${sign}£${pounds.toLocaleString('en-GB')}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`
}
