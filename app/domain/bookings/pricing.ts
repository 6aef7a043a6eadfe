/**
 * What a booking costs and what cancelling it costs. Pure: no database, safe in the browser, so the same
 * arithmetic shows the price before booking and takes it afterwards. Integer pence throughout.
 */
import type { PriceUnit } from '#app/generated/prisma/enums.ts'

/**
 * What one session costs, in pence: an hourly price times the hours (rounded to the nearest penny), a session
 * price once, a fixed price once.
 */
export function bookingTotalPence(unit: PriceUnit, unitPricePence: number, minutes: number): number {
	if (!Number.isInteger(unitPricePence) || unitPricePence < 0)
		throw new Error('The price must be a whole number of pence')
	if (unit === 'PER_HOUR') {
		if (!Number.isInteger(minutes) || minutes <= 0) throw new Error('An hourly booking needs a length in whole minutes')
		return Math.round((unitPricePence * minutes) / 60)
	}
	return unitPricePence
}

/** Free cancellation up to this long before the start. */
export const FREE_CANCELLATION_HOURS = 24

/** Hourly support can be booked for half an hour to 12 hours, in half hours. */
export const HOURLY_LENGTHS = Array.from({ length: 24 }, (_, i) => (i + 1) * 30)
/** Sessions and fixed-price support without a stated length take an hour of the provider's time. */
export const DEFAULT_SESSION_MINUTES = 60

/** How long a booking of this service lasts: chosen for hourly support, the service's own length otherwise. */
export function sessionMinutes(unit: PriceUnit, serviceMinutes: number | null, chosen: number | null): number {
	if (unit === 'PER_HOUR') return chosen ?? serviceMinutes ?? 60
	return serviceMinutes ?? DEFAULT_SESSION_MINUTES
}

/**
 * What a cancellation by the holder costs: nothing up to 24 hours before the start; after that the provider's
 * stated charge (a percentage of the price, fixed when the booking was made), rounded down to the penny.
 * A provider cancelling never costs the holder anything (the caller passes byProvider).
 */
export function cancellationCharge(input: {
	totalPence: number
	lateCancelPercent: number
	startsAt: Date
	now: Date
	byProvider: boolean
}): number {
	if (input.byProvider) return 0
	const notice = input.startsAt.getTime() - input.now.getTime()
	if (notice >= FREE_CANCELLATION_HOURS * 3_600_000) return 0
	const percent = Math.min(100, Math.max(0, Math.trunc(input.lateCancelPercent)))
	return Math.floor((input.totalPence * percent) / 100)
}

/** The part of the fee that goes with paying `paid` of `total` (never more than the fee shown). */
export function feeFor(paid: number, total: number, fee: number): number {
	if (total <= 0 || paid <= 0) return 0
	return Math.floor((fee * Math.min(paid, total)) / total)
}
