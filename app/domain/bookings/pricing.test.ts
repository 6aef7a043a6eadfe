import { describe, expect, it } from 'vitest'
import { bookingTotalPence, cancellationCharge, feeFor, sessionMinutes } from './pricing.ts'

const startsAt = new Date('2026-12-08T10:00:00Z')
const hoursBefore = (h: number) => new Date(startsAt.getTime() - h * 3_600_000)

describe('prices', () => {
	it('charges hourly support by the minute and sessions once', () => {
		expect(bookingTotalPence('PER_HOUR', 1_450, 120)).toBe(2_900)
		expect(bookingTotalPence('PER_HOUR', 1_450, 90)).toBe(2_175)
		expect(bookingTotalPence('PER_SESSION', 600, 60)).toBe(600)
		expect(sessionMinutes('PER_HOUR', 60, 150)).toBe(150)
		expect(sessionMinutes('PER_SESSION', 45, 150)).toBe(45)
		expect(sessionMinutes('FIXED', null, null)).toBe(60)
	})

	it('makes cancelling free up to 24 hours before, then the stated charge, never for the provider', () => {
		const base = { totalPence: 3_001, lateCancelPercent: 50, startsAt }
		expect(cancellationCharge({ ...base, now: hoursBefore(24), byProvider: false })).toBe(0)
		expect(cancellationCharge({ ...base, now: hoursBefore(23.9), byProvider: false })).toBe(1_500)
		expect(cancellationCharge({ ...base, now: hoursBefore(1), byProvider: true })).toBe(0)
		expect(cancellationCharge({ ...base, lateCancelPercent: 0, now: hoursBefore(1), byProvider: false })).toBe(0)
	})

	it('takes the matching part of the fee shown when less than the price is paid, rounding down', () => {
		expect(feeFor(1_500, 3_000, 75)).toBe(37)
		expect(feeFor(3_000, 3_000, 75)).toBe(75)
		expect(feeFor(0, 3_000, 75)).toBe(0)
	})
})
