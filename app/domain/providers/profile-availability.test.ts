import { describe, expect, test } from 'vitest'
import { instantText, localInstant, timeText } from '#app/utils/dates.ts'
import { findOverlap, parseClock, rangeText } from './profile-availability.ts'

describe('weekly ranges and time off', () => {
	test('reads and writes clock times, with 24:00 as the end of the day', () => {
		expect(parseClock('09:30')).toBe(570)
		expect(parseClock('9:00')).toBe(540)
		expect(parseClock('24:00')).toBe(1440)
		expect(parseClock('25:00')).toBeNull()
		expect(parseClock('09:60')).toBeNull()
		expect(parseClock('nine')).toBeNull()
		expect(timeText(570)).toBe('09:30')
		expect(rangeText({ startMinute: 1080, endMinute: 1440 })).toBe('18:00 to midnight')
	})

	test('ranges that share time overlap; ranges that only touch do not', () => {
		const day = [{ startMinute: 540, endMinute: 780 }]
		expect(findOverlap(day, { startMinute: 720, endMinute: 900 })).toEqual(day[0])
		expect(findOverlap(day, { startMinute: 480, endMinute: 1000 })).toEqual(day[0])
		expect(findOverlap(day, { startMinute: 780, endMinute: 900 })).toBeNull()
		expect(findOverlap(day, { startMinute: 420, endMinute: 540 })).toBeNull()
	})

	test('reads dates and times as UK time, in winter and in summer', () => {
		expect(localInstant('2026-12-24', 9 * 60).toISOString()).toBe('2026-12-24T09:00:00.000Z')
		expect(localInstant('2026-07-01', 9 * 60).toISOString()).toBe('2026-07-01T08:00:00.000Z')
		expect(localInstant('2026-12-24', 1440).toISOString()).toBe('2026-12-25T00:00:00.000Z')
		expect(instantText('2026-07-01T08:00:00.000Z')).toBe('Wednesday 1 July 2026, 09:00')
		expect(() => localInstant('2026-02-30', 0)).toThrow()
	})
})
