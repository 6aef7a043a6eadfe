/**
 * Local (UK) dates and times for booking. Pure: no database, safe in the browser.
 *
 * People book "Tuesday 8 December at 10:00" in the provider's local time; the database stores instants (UTC).
 * Weekly availability is in local minutes after midnight, so a 09:00 slot stays 09:00 across the clock change.
 * Weekdays are numbered as in AvailabilitySlot: 0 = Monday … 6 = Sunday.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

export const TIME_ZONE = 'Europe/London'

/** "2026-12-08" → its parts, or null when it is not a real date. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
	if (!m) return null
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
	// Days people book, were issued or expire fall in this range; 9999-12-31 is a typo or a probe, not a date.
	if (year < 1900 || year > 2100) return null
	const probe = new Date(Date.UTC(year, month - 1, day))
	if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
	return { year, month, day }
}

/** "09:30" → 570 minutes after midnight, or null. */
export function parseTime(text: string): number | null {
	const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
	if (!m) return null
	const [h, min] = [Number(m[1]), Number(m[2])]
	if (h > 23 || min > 59) return null
	return h * 60 + min
}

/** 570 → "09:30". */
export function timeText(minute: number): string {
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

/** The instant of a local date ("2026-12-08") and minute after midnight. */
export function localInstant(date: string, minute: number): Date {
	const d = parseLocalDate(date)
	if (!d) throw new RangeError(`Not a date: ${date}`)
	return new Date(new TZDate(d.year, d.month - 1, d.day, Math.floor(minute / 60), minute % 60, TIME_ZONE).getTime())
}

function local(instant: Date): TZDate {
	return new TZDate(instant.getTime(), TIME_ZONE)
}

/** The local date of an instant: "2026-12-08". */
export function localDate(instant: Date): string {
	return format(local(instant), 'yyyy-MM-dd')
}

/** Minutes after local midnight. */
export function localMinute(instant: Date): number {
	const t = local(instant)
	return t.getHours() * 60 + t.getMinutes()
}

/** 0 = Monday … 6 = Sunday, of a local date. */
export function weekdayOf(date: string): number {
	const d = parseLocalDate(date)
	if (!d) throw new RangeError(`Not a date: ${date}`)
	return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7
}

/** The local date `days` after this one. */
export function addLocalDays(date: string, days: number): string {
	const d = parseLocalDate(date)
	if (!d) throw new RangeError(`Not a date: ${date}`)
	return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10)
}

/** "Tuesday 8 December 2026". */
export function dayText(instantOrDate: Date | string): string {
	const t = typeof instantOrDate === 'string' ? local(localInstant(instantOrDate, 12 * 60)) : local(instantOrDate)
	return format(t, 'EEEE d MMMM yyyy')
}

/** "Tuesday 8 December 2026, 10:00 to 12:00". */
export function sessionText(startsAt: Date | string, endsAt: Date | string): string {
	const start = new Date(startsAt)
	const end = new Date(endsAt)
	const sameDay = localDate(start) === localDate(end)
	return sameDay
		? `${dayText(start)}, ${format(local(start), 'HH:mm')} to ${format(local(end), 'HH:mm')}`
		: `${dayText(start)} ${format(local(start), 'HH:mm')} to ${dayText(end)} ${format(local(end), 'HH:mm')}`
}

/** "8 December" (for short lines: statements, notifications). */
export function shortDayText(instant: Date | string): string {
	return format(local(new Date(instant)), 'd MMMM')
}

/** "10:00". */
export function clockText(instant: Date | string): string {
	return format(local(new Date(instant)), 'HH:mm')
}
