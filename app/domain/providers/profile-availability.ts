/**
 * The weekly pattern and time off, as a provider edits them. Pure: no I/O, used by the server and the browser.
 *
 * Weekly ranges are local (UK) minutes after midnight on a weekday (0 = Monday … 6 = Sunday), in 15-minute steps,
 * as AvailabilitySlot stores them; 1440 is midnight at the end of the day. Time off is stored as instants: a date
 * and time typed on the page are read as UK time (Europe/London), so "24 December 09:00" is 09:00 in Leicester
 * whether it is GMT or BST.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { localInstant, parseLocalDate, TIME_ZONE, timeText } from '#app/domain/bookings/time.ts'

export { TIME_ZONE }
export const STEP_MINUTES = 15
export const END_OF_DAY = 24 * 60

export type Range = { startMinute: number; endMinute: number }

/** "09:30" → 570; "24:00" → 1440; null when it is not a time. */
export function parseClock(text: string): number | null {
	const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim())
	if (!m) return null
	const [h, min] = [Number(m[1]), Number(m[2])]
	if (h === 24 && min === 0) return END_OF_DAY
	if (h > 23 || min > 59) return null
	return h * 60 + min
}

/** 570 → "09:30"; 1440 → "24:00". */
export const clock = timeText

/** "09:00 to 13:00"; a range to midnight reads "18:00 to midnight". */
export function rangeText(range: Range): string {
	return `${clock(range.startMinute)} to ${range.endMinute === END_OF_DAY ? 'midnight' : clock(range.endMinute)}`
}

export function onStep(minute: number): boolean {
	return minute % STEP_MINUTES === 0
}

/** The first existing range that shares any time with this one (touching ends do not overlap), or null. */
export function findOverlap<T extends Range>(existing: readonly T[], range: Range): T | null {
	return existing.find((r) => r.startMinute < range.endMinute && range.startMinute < r.endMinute) ?? null
}

/** "2026-12-24" → its parts, or null when it is not a real date. */
export const parseDate = parseLocalDate

/** The instant of a UK date ("2026-12-24") at a minute after midnight (1440 is the next midnight). */
export const ukInstant = localInstant

/** "Thursday 24 December 2026, 09:00", in UK time. */
export function instantText(instant: Date | string): string {
	return format(new TZDate(new Date(instant).getTime(), TIME_ZONE), 'EEEE d MMMM yyyy, HH:mm')
}

/** "From Thursday 24 December 2026, 00:00 to Sunday 27 December 2026, 00:00". */
export function timeOffText(startsAt: Date | string, endsAt: Date | string): string {
	return `From ${instantText(startsAt)} to ${instantText(endsAt)}`
}
