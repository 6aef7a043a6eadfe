/**
 * The weekly pattern and time off, as a provider edits them. Pure: no I/O, used by the server and the browser.
 *
 * Weekly ranges are local (UK) minutes after midnight on a weekday (0 = Monday … 6 = Sunday), in 15-minute steps,
 * as AvailabilitySlot stores them; 1440 is midnight at the end of the day. Time off is stored as instants: a date
 * and time typed on the page are read as UK time (Europe/London), so "24 December 09:00" is 09:00 in Leicester
 * whether it is GMT or BST.
 */
import { instantText, timeText } from '#app/utils/dates.ts'

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

/** "09:00 to 13:00"; a range to midnight reads "18:00 to midnight". */
export function rangeText(range: Range): string {
	return `${timeText(range.startMinute)} to ${range.endMinute === END_OF_DAY ? 'midnight' : timeText(range.endMinute)}`
}

export function onStep(minute: number): boolean {
	return minute % STEP_MINUTES === 0
}

/** The first existing range that shares any time with this one (touching ends do not overlap), or null. */
export function findOverlap<T extends Range>(existing: readonly T[], range: Range): T | null {
	return existing.find((r) => r.startMinute < range.endMinute && range.startMinute < r.endMinute) ?? null
}

/** "From Thursday 24 December 2026, 00:00 to Sunday 27 December 2026, 00:00". */
export function timeOffText(startsAt: Date | string, endsAt: Date | string): string {
	return `From ${instantText(startsAt)} to ${instantText(endsAt)}`
}
