import { describe, expect, test } from 'vitest'
import {
	addDays,
	addLocalDays,
	clockText,
	dayText,
	dayTimeText,
	formatDay,
	formatMonth,
	formatShortDay,
	instantText,
	isoDay,
	localDate,
	localInstant,
	localMinute,
	monthOf,
	monthRange,
	parseIsoDay,
	parseLocalDate,
	parseTime,
	sessionText,
	shortDayText,
	startOfDay,
	timeText,
	weekdayDayText,
	weekdayOf,
} from './dates.ts'

// 2026: BST starts Sunday 29 March at 01:00 UTC and ends Sunday 25 October at 01:00 UTC.
const winter = new Date('2026-03-03T10:00:00Z') // Tuesday, GMT
const summer = new Date('2026-07-06T08:30:00Z') // Monday 09:30 BST
const lateSummerEvening = new Date('2026-07-06T23:30:00Z') // already Tuesday 00:30 in London
const springForward = new Date('2026-03-29T01:30:00Z') // 02:30 BST, the first hour of summer time
const fallBack = new Date('2026-10-25T00:30:00Z') // 01:30 BST, the first of the two 01:30s

describe('UK (Europe/London) text of an instant', () => {
	test.each([
		[
			'winter',
			winter,
			'Tuesday 3 March 2026',
			'3 March',
			'10:00',
			'Tuesday 3 March 2026, 10:00',
			'3 March 2026 at 10:00',
			'Tuesday 3 March',
		],
		[
			'summer',
			summer,
			'Monday 6 July 2026',
			'6 July',
			'09:30',
			'Monday 6 July 2026, 09:30',
			'6 July 2026 at 09:30',
			'Monday 6 July',
		],
		[
			'summer, after midnight in London',
			lateSummerEvening,
			'Tuesday 7 July 2026',
			'7 July',
			'00:30',
			'Tuesday 7 July 2026, 00:30',
			'7 July 2026 at 00:30',
			'Tuesday 7 July',
		],
		[
			'spring forward',
			springForward,
			'Sunday 29 March 2026',
			'29 March',
			'02:30',
			'Sunday 29 March 2026, 02:30',
			'29 March 2026 at 02:30',
			'Sunday 29 March',
		],
		[
			'fall back',
			fallBack,
			'Sunday 25 October 2026',
			'25 October',
			'01:30',
			'Sunday 25 October 2026, 01:30',
			'25 October 2026 at 01:30',
			'Sunday 25 October',
		],
	])('%s', (_, instant, day, shortDay, clock, full, dayTime, weekdayDay) => {
		expect(dayText(instant)).toBe(day)
		expect(shortDayText(instant)).toBe(shortDay)
		expect(clockText(instant)).toBe(clock)
		expect(instantText(instant)).toBe(full)
		expect(dayTimeText(instant)).toBe(dayTime)
		expect(weekdayDayText(instant)).toBe(weekdayDay)
		// Strings (as loaders serialise dates) read the same as Dates.
		expect(clockText(instant.toISOString())).toBe(clock)
	})

	test('a session on one day names the day once; over midnight it names both', () => {
		expect(sessionText(localInstant('2026-03-03', 600), localInstant('2026-03-03', 720))).toBe(
			'Tuesday 3 March 2026, 10:00 to 12:00',
		)
		expect(sessionText('2026-10-24T21:00:00Z', '2026-10-25T09:00:00Z')).toBe(
			'Saturday 24 October 2026 22:00 to Sunday 25 October 2026 09:00',
		)
	})

	test('a local date reads as its own day', () => {
		expect(dayText('2026-12-08')).toBe('Tuesday 8 December 2026')
		expect(dayText('2026-03-29')).toBe('Sunday 29 March 2026')
	})
})

describe('local dates and times into instants', () => {
	test.each([
		['GMT', '2026-03-03', 10 * 60, '2026-03-03T10:00:00.000Z'],
		['BST', '2026-07-06', 9 * 60 + 30, '2026-07-06T08:30:00.000Z'],
		['midnight before the spring change', '2026-03-29', 0, '2026-03-29T00:00:00.000Z'],
		['after the spring change', '2026-03-29', 3 * 60, '2026-03-29T02:00:00.000Z'],
		['after the autumn change', '2026-10-25', 3 * 60, '2026-10-25T03:00:00.000Z'],
		['the end of a day is the next midnight', '2026-07-06', 24 * 60, '2026-07-06T23:00:00.000Z'],
	])('%s', (_, date, minute, iso) => {
		const instant = localInstant(date, minute)
		expect(instant.toISOString()).toBe(iso)
		if (minute < 24 * 60) {
			expect(localDate(instant)).toBe(date)
			expect(localMinute(instant)).toBe(minute)
		}
	})

	test('refuses what is not a date', () => {
		expect(() => localInstant('2026-02-30', 0)).toThrow(RangeError)
		// Asked again, it is refused again: only real dates are kept.
		expect(() => localInstant('2026-02-30', 0)).toThrow(RangeError)
	})

	test('a date and minute asked for again give the same instant, in a Date of its own', () => {
		const first = localInstant('2026-07-06', 570)
		expect(first.toISOString()).toBe('2026-07-06T08:30:00.000Z')
		first.setTime(0) // a caller changing its Date must not change what the next caller gets
		const again = localInstant('2026-07-06', 570)
		expect(again).not.toBe(first)
		expect(again.toISOString()).toBe('2026-07-06T08:30:00.000Z')
		expect(localInstant('2026-07-06', 571).toISOString()).toBe('2026-07-06T08:31:00.000Z')
		expect(localInstant('2026-12-07', 570).toISOString()).toBe('2026-12-07T09:30:00.000Z')
	})

	test.each([
		['2026-12-08', { year: 2026, month: 12, day: 8 }],
		[' 2028-02-29 ', { year: 2028, month: 2, day: 29 }],
		['2026-02-29', null],
		['2026-13-01', null],
		['2026-3-3', null],
		['8 December', null],
	])('parseLocalDate(%j)', (text, parts) => {
		expect(parseLocalDate(text)).toEqual(parts)
	})

	test.each([
		['09:30', 570],
		['9:05', 545],
		['00:00', 0],
		['23:59', 1439],
		['24:00', null],
		['12:60', null],
		['9.30', null],
	])('parseTime(%j)', (text, minute) => {
		expect(parseTime(text)).toBe(minute)
	})

	test('minutes, weekdays and days ahead', () => {
		expect(timeText(570)).toBe('09:30')
		expect(timeText(1440)).toBe('24:00')
		expect(weekdayOf('2026-12-07')).toBe(0)
		expect(weekdayOf('2026-12-13')).toBe(6)
		expect(addLocalDays('2026-03-28', 2)).toBe('2026-03-30')
		expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01')
	})
})

describe('calendar days (midnight UTC)', () => {
	test.each([
		['a calendar day', new Date('2026-03-03T00:00:00Z'), '3 March 2026', '3 March', 'March 2026', '2026-03-03'],
		['a serialised one', '2026-10-25T00:00:00.000Z', '25 October 2026', '25 October', 'October 2026', '2026-10-25'],
		[
			'an instant late on a summer evening keeps its UTC day',
			new Date('2026-07-31T23:30:00Z'),
			'31 July 2026',
			'31 July',
			'July 2026',
			'2026-07-31',
		],
	])('%s', (_, date, day, shortDay, month, key) => {
		expect(formatDay(date)).toBe(day)
		expect(formatShortDay(date)).toBe(shortDay)
		expect(formatMonth(new Date(date))).toBe(month)
		expect(isoDay(new Date(date))).toBe(key)
	})

	test('a day asked for again reads the same, and what is not a date is refused each time', () => {
		expect(formatDay('2026-03-03T00:00:00Z')).toBe('3 March 2026')
		expect(formatDay(new Date('2026-03-03T00:00:00Z'))).toBe('3 March 2026')
		expect(formatShortDay('2026-03-03T00:00:00Z')).toBe('3 March')
		expect(() => formatDay('not a date')).toThrow(RangeError)
		expect(() => formatDay('not a date')).toThrow(RangeError)
	})

	test('months', () => {
		expect(formatMonth('2026-03')).toBe('March 2026')
		expect(formatMonth('2026-13')).toBe('2026-13')
		expect(monthOf(new Date('2026-03-31T23:59:00Z'))).toBe('2026-03')
		expect(monthRange('2026-12')).toEqual({
			from: new Date('2026-12-01T00:00:00Z'),
			to: new Date('2027-01-01T00:00:00Z'),
		})
		expect(monthRange('1999-01')).toBeNull()
	})

	test('reading and moving days', () => {
		expect(parseIsoDay('2026-03-03')).toEqual(new Date('2026-03-03T00:00:00Z'))
		expect(parseIsoDay('2026-02-29')).toBeNull()
		expect(startOfDay(new Date('2026-03-29T23:30:00Z'))).toEqual(new Date('2026-03-29T00:00:00Z'))
		expect(addDays(new Date('2026-03-28T00:00:00Z'), 2)).toEqual(new Date('2026-03-30T00:00:00Z'))
	})
})
