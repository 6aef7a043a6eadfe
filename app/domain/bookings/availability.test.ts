import { describe, expect, it } from 'vitest'
import { freeStarts, nextFreeDays, type ProviderTime, whyUnavailable } from './availability.ts'
import { localInstant, timeText, weekdayOf } from '#app/utils/dates.ts'

// Monday 7 December 2026; the clock reads 08:00 on Sunday 6 December.
const monday = '2026-12-07'
const now = localInstant('2026-12-06', 8 * 60)
const base: ProviderTime = {
	providerName: 'Amina Shah',
	slots: [
		{ weekday: 0, startMinute: 9 * 60, endMinute: 13 * 60 },
		{ weekday: 0, startMinute: 14 * 60, endMinute: 17 * 60 },
	],
	timeOff: [],
	busy: [],
}
const oneToOne = { id: 'care', groupSize: null }

describe('availability', () => {
	it('offers half-hourly starts that fit inside each range', () => {
		expect(weekdayOf(monday)).toBe(0)
		expect(freeStarts(base, oneToOne, monday, 120, now).map(timeText)).toEqual([
			'09:00',
			'09:30',
			'10:00',
			'10:30',
			'11:00',
			'14:00',
			'14:30',
			'15:00',
		])
	})

	it('leaves out times that overlap a booking, and says why a chosen one is not free', () => {
		const busy = {
			...base,
			busy: [
				{
					startsAt: localInstant(monday, 10 * 60),
					endsAt: localInstant(monday, 11 * 60),
					serviceId: 'x',
					oneToOne: true,
				},
			],
		}
		expect(
			freeStarts(busy, oneToOne, monday, 60, now)
				.filter((m) => m < 13 * 60)
				.map(timeText),
		).toEqual(['09:00', '11:00', '11:30', '12:00'])
		expect(whyUnavailable(busy, oneToOne, monday, 9 * 60 + 30, 60, now)?.reason).toBe('booked')
		// Back to back is fine: [10:00, 11:00) then [11:00, 12:00).
		expect(whyUnavailable(busy, oneToOne, monday, 11 * 60, 60, now)).toBeNull()
	})

	it('explains times outside the hours, in the past, during time off and too far ahead', () => {
		expect(whyUnavailable(base, oneToOne, monday, 12 * 60, 120, now)?.message).toBe(
			'Amina Shah is not available for 120 minutes from 12:00 on Monday 7 December 2026. Choose one of the times shown.',
		)
		expect(whyUnavailable(base, oneToOne, monday, 9 * 60, 60, localInstant(monday, 9 * 60))?.reason).toBe('past')
		const away = { ...base, timeOff: [{ startsAt: localInstant(monday, 0), endsAt: localInstant('2026-12-08', 0) }] }
		expect(whyUnavailable(away, oneToOne, monday, 9 * 60, 60, now)?.reason).toBe('time-off')
		expect(freeStarts(away, oneToOne, monday, 60, now)).toEqual([])
		expect(whyUnavailable(base, oneToOne, '2027-12-06', 9 * 60, 60, now)?.reason).toBe('too-far')
	})

	it('lets a group session fill to its size at the same time, and keeps other work out of it', () => {
		const group = { id: 'yoga', groupSize: 2 }
		const one = {
			startsAt: localInstant(monday, 14 * 60),
			endsAt: localInstant(monday, 15 * 60),
			serviceId: 'yoga',
			oneToOne: false,
		}
		expect(whyUnavailable({ ...base, busy: [one] }, group, monday, 14 * 60, 60, now)).toBeNull()
		expect(whyUnavailable({ ...base, busy: [one, one] }, group, monday, 14 * 60, 60, now)?.reason).toBe('full')
		// Half an hour later overlaps the class without joining it.
		expect(whyUnavailable({ ...base, busy: [one] }, group, monday, 14 * 60 + 30, 60, now)?.reason).toBe('booked')
		expect(whyUnavailable({ ...base, busy: [one] }, oneToOne, monday, 14 * 60, 60, now)?.reason).toBe('booked')
	})

	it('keeps local times across the change to summer time', () => {
		// The clocks go forward on Sunday 28 March 2027: 09:00 is 09:00 UTC before and 08:00 UTC after.
		expect(localInstant('2027-03-22', 9 * 60).toISOString()).toBe('2027-03-22T09:00:00.000Z')
		expect(localInstant('2027-03-29', 9 * 60).toISOString()).toBe('2027-03-29T08:00:00.000Z')
	})

	it('offers only real local times on the night the clocks go forward, and keeps sessions inside the range', () => {
		// Sunday 28 March 2027: 01:00 to 02:00 does not happen in the UK.
		const night: ProviderTime = { ...base, slots: [{ weekday: 6, startMinute: 0, endMinute: 4 * 60 }] }
		const starts = freeStarts(night, oneToOne, '2027-03-28', 60, now).map(timeText)
		expect(starts).toEqual(['00:00', '00:30', '02:00', '02:30', '03:00'])
		// Three hours from 00:00 end at 04:00 by the clock (the clocks skipped an hour), just inside the range.
		expect(whyUnavailable(night, oneToOne, '2027-03-28', 0, 180, now)).toBeNull()
		expect(whyUnavailable(night, oneToOne, '2027-03-28', 60, 60, now)?.reason).toBe('outside-hours')
	})

	it('lists the next days with free times', () => {
		const days = nextFreeDays(base, oneToOne, '2026-12-06', 60, now, 3)
		expect(days.map((d) => d.date)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21'])
		expect(days[0]!.starts).toBe(12)
	})
})
