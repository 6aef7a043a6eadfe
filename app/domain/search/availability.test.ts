import { describe, expect, test } from 'vitest'
import { availabilityTokens, describeNextAvailability, nextAvailability } from './availability.ts'

describe('availability for search', () => {
	test('a slot counts for each part of the day it covers for an hour or more', () => {
		expect(availabilityTokens([{ weekday: 0, startMinute: 9 * 60, endMinute: 14 * 60 }])).toEqual({
			days: ['mon'],
			partsOfDay: ['morning', 'afternoon'],
			slots: ['mon-morning', 'mon-afternoon'],
		})
		// 11:30 to 12:15 is mostly morning: it counts for the morning only.
		expect(availabilityTokens([{ weekday: 2, startMinute: 690, endMinute: 735 }]).slots).toEqual(['wed-morning'])
		expect(availabilityTokens([{ weekday: 6, startMinute: 22 * 60, endMinute: 24 * 60 }]).slots).toEqual(['sun-night'])
	})

	// Wednesday 4 November 2026, 10:00 in London (GMT).
	const now = new Date('2026-11-04T10:00:00Z')

	test('next availability: later today, another day, and skipping time off', () => {
		const slots = [
			{ weekday: 2, startMinute: 9 * 60, endMinute: 12 * 60 },
			{ weekday: 4, startMinute: 14 * 60, endMinute: 16 * 60 },
		]
		expect(describeNextAvailability(nextAvailability(slots, [], now))).toBe('Today from 10:00')
		const off = [{ startsAt: '2026-11-04T00:00:00Z', endsAt: '2026-11-05T00:00:00Z' }]
		expect(describeNextAvailability(nextAvailability(slots, off, now))).toBe('Friday 6 November from 14:00')
		expect(
			describeNextAvailability(nextAvailability([{ weekday: 3, startMinute: 480, endMinute: 600 }], [], now)),
		).toBe('Tomorrow from 08:00')
		expect(describeNextAvailability(nextAvailability([], [], now))).toBe('Ask about availability')
	})

	test('each provider on a page is asked with the same now, and a later now is read afresh', () => {
		const slots = [{ weekday: 2, startMinute: 9 * 60, endMinute: 18 * 60 }]
		expect(describeNextAvailability(nextAvailability(slots, [], now))).toBe('Today from 10:00')
		expect(describeNextAvailability(nextAvailability(slots, [], now))).toBe('Today from 10:00')
		// Two hours later the same day; then the next morning (Thursday: next Wednesday is the first day open).
		expect(describeNextAvailability(nextAvailability(slots, [], new Date('2026-11-04T12:05:00Z')))).toBe(
			'Today from 12:15',
		)
		expect(describeNextAvailability(nextAvailability(slots, [], new Date('2026-11-05T08:00:00Z')))).toBe(
			'Wednesday 11 November from 09:00',
		)
	})

	test('uses UK local time in summer', () => {
		// 08:30 UTC on a July Monday is 09:30 in London.
		const summer = new Date('2026-07-06T08:30:00Z')
		const next = nextAvailability([{ weekday: 0, startMinute: 9 * 60, endMinute: 12 * 60 }], [], summer)
		expect(describeNextAvailability(next)).toBe('Today from 09:30')
		expect(next!.startsAt.toISOString()).toBe('2026-07-06T08:30:00.000Z')
	})
})
