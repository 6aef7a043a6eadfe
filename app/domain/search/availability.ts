/**
 * Availability for search: which days and parts of the day a weekly pattern covers (for filters and facets),
 * and when someone is next available (for results and compare). Pure: no I/O.
 * Weekly slots are local times in the UK (Europe/London); time off is stored as instants.
 */
import {
	addLocalDays,
	localDate,
	localInstant,
	localMinute,
	timeText,
	weekdayDayText,
	weekdayOf,
} from '#app/utils/dates.ts'
import { partsOfDay, weekdays, type PartOfDay, type Weekday, type WeeklySlot } from '#search/types.ts'

/** Minutes after midnight each part of the day covers. Night wraps past midnight. */
export const partRanges: Record<PartOfDay, Array<[number, number]>> = {
	morning: [[360, 720]],
	afternoon: [[720, 1020]],
	evening: [[1020, 1320]],
	night: [
		[1320, 1440],
		[0, 360],
	],
}

export const partOfDayLabels: Record<PartOfDay, string> = {
	morning: 'Morning (6am to 12 noon)',
	afternoon: 'Afternoon (12 noon to 5pm)',
	evening: 'Evening (5pm to 10pm)',
	night: 'Night (10pm to 6am)',
}

export const weekdayLabels: Record<Weekday, string> = {
	mon: 'Monday',
	tue: 'Tuesday',
	wed: 'Wednesday',
	thu: 'Thursday',
	fri: 'Friday',
	sat: 'Saturday',
	sun: 'Sunday',
}

function overlap(a: [number, number], b: [number, number]): number {
	return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]))
}

/**
 * A slot counts for a part of the day when it covers an hour of it, or at least half of the slot (so a short
 * slot counts for the part of the day it is mostly in).
 */
export function availabilityTokens(slots: WeeklySlot[]): { days: Weekday[]; partsOfDay: PartOfDay[]; slots: string[] } {
	const days = new Set<Weekday>()
	const parts = new Set<PartOfDay>()
	const pairs = new Set<string>()
	for (const s of slots) {
		const day = weekdays[s.weekday]
		if (!day || s.endMinute <= s.startMinute) continue
		days.add(day)
		const length = s.endMinute - s.startMinute
		for (const part of partsOfDay) {
			const covered = partRanges[part].reduce((sum, r) => sum + overlap([s.startMinute, s.endMinute], r), 0)
			if (covered > 0 && (covered >= 60 || covered * 2 >= length)) {
				parts.add(part)
				pairs.add(`${day}-${part}`)
			}
		}
	}
	return {
		days: weekdays.filter((d) => days.has(d)),
		partsOfDay: partsOfDay.filter((p) => parts.has(p)),
		slots: weekdays.flatMap((d) => partsOfDay.map((p) => `${d}-${p}`)).filter((t) => pairs.has(t)),
	}
}

export type NextAvailability = {
	startsAt: Date
	weekday: number
	startMinute: number
	endMinute: number
	daysAway: number
}

/** The next time the weekly pattern is open and not during time off, within the next four weeks. */
export function nextAvailability(
	slots: WeeklySlot[],
	timeOff: Array<{ startsAt: string | Date; endsAt: string | Date }>,
	now: Date,
): NextAvailability | null {
	if (slots.length === 0) return null
	const off = timeOff.map((t) => ({ from: new Date(t.startsAt).getTime(), to: new Date(t.endsAt).getTime() }))
	const today = localDate(now)
	const minuteNow = localMinute(now)
	for (let daysAway = 0; daysAway < 28; daysAway++) {
		const date = addLocalDays(today, daysAway)
		const weekday = weekdayOf(date)
		const todays = slots.filter((s) => s.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)
		for (const s of todays) {
			const startMinute = daysAway === 0 ? Math.max(s.startMinute, roundUp(minuteNow, 15)) : s.startMinute
			if (startMinute >= s.endMinute) continue
			const start = localInstant(date, startMinute)
			const end = localInstant(date, s.endMinute)
			const blocked = off.some((o) => o.from < end.getTime() && o.to > start.getTime())
			if (!blocked) return { startsAt: start, weekday, startMinute, endMinute: s.endMinute, daysAway }
		}
	}
	return null
}

function roundUp(minute: number, step: number): number {
	return Math.ceil(minute / step) * step
}

/** "Today from 14:00", "Tomorrow from 09:00", "Monday 3 March from 09:00", or "Ask about availability". */
export function describeNextAvailability(next: NextAvailability | null): string {
	if (!next) return 'Ask about availability'
	const time = timeText(next.startMinute)
	if (next.daysAway === 0) return `Today from ${time}`
	if (next.daysAway === 1) return `Tomorrow from ${time}`
	return `${weekdayDayText(next.startsAt)} from ${time}`
}
