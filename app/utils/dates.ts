/**
 * Dates and times, the one way the app reads and writes them (ADR 013). Pure: no I/O, safe in the browser.
 * "Now" is never taken here: server code gets it from `now()` in app/utils/clock.server.ts and passes it in.
 *
 * Two kinds of value, each with its own functions:
 * - Instants (a session's start, when a review was written) are shown in the app's time zone, UK time
 *   (Europe/London), whether it is GMT or BST. People type local dates and times ("2026-12-08", "09:30");
 *   `localInstant` is the one way to turn them into an instant. Weekdays are 0 = Monday … 6 = Sunday, as
 *   AvailabilitySlot stores them.
 * - Calendar days (an instalment's due day, a plan's start, a credential's expiry: `@db.Date` columns) are a
 *   Date at midnight UTC, "2026-03-03". Money works in these days (ADR 007). `formatDay`, `formatShortDay` and
 *   `formatMonth` read a Date by its UTC day, as the site always has, so a review's or a payout's date reads the
 *   same on every page.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/** The app's time zone: every clock time and local date is UK time. */
export const TIME_ZONE = 'Europe/London'
const UTC = 'UTC'

const DAY_MS = 86_400_000

function inZone(instant: Date | string | number, zone: string): TZDate {
	return new TZDate(new Date(instant).getTime(), zone)
}

function local(instant: Date | string | number): TZDate {
	return inZone(instant, TIME_ZONE)
}

// ───────────────────────────── Reading what people type ─────────────────────────────

/** The years a date people type may fall in. */
export const YEAR_RANGE = { first: 1900, last: 2100 } as const

/** "2026-12-08" → its parts, or null when it is not a real date. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
	if (!m) return null
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
	// Days people book, were issued, expire or are paid fall in this range; 9999-12-31 is a typo or a probe, not a date.
	if (year < YEAR_RANGE.first || year > YEAR_RANGE.last) return null
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

/**
 * The instant of a UK date ("2026-12-08") at a minute after midnight (1440 is the next midnight). The one way
 * the app turns a local date and time into an instant.
 */
export function localInstant(date: string, minute: number): Date {
	const ms = remember(instants, `${date}|${minute}`, () => {
		const d = parseLocalDate(date)
		if (!d) throw new RangeError(`Not a date: ${date}`)
		return new TZDate(d.year, d.month - 1, d.day, Math.floor(minute / 60), minute % 60, TIME_ZONE).getTime()
	})
	return new Date(ms)
}

/**
 * Answers already worked out, for the few that pages ask again and again (issue 14): the instant of a local date and
 * minute, an instant's local date and minute, and the text of a calendar day. Finding a zone's offset asks Intl to
 * format a date, several times for each TZDate; a search page asked it for the same few days and times over and over
 * (and for today's date once a provider), and a statement for the same few days. The rules of a time zone do not
 * change while the process runs, so a kept answer stays right. Each map is emptied when it is full; what cannot be
 * worked out (not a date) throws and is not kept.
 */
const instants = new Map<string, number>()
const minutes = new Map<string, number>()
const dayTexts = new Map<string, string>()
const MAX_KEPT = 10_000

function remember<T>(kept: Map<string, T>, key: string, work: () => T): T {
	let value = kept.get(key)
	if (value === undefined) {
		value = work()
		if (kept.size >= MAX_KEPT) kept.clear()
		kept.set(key, value)
	}
	return value
}

/** Reads "2026-03-03" as a calendar day (midnight UTC); null when it is not a real date. */
export function parseIsoDay(text: string): Date | null {
	const d = parseLocalDate(text)
	return d ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null
}

// ───────────────────────────── Local (UK) dates and times ─────────────────────────────

/** The local date of an instant: "2026-12-08". */
export function localDate(instant: Date): string {
	return remember(dayTexts, `local|${instant.getTime()}`, () => format(local(instant), 'yyyy-MM-dd'))
}

/** Minutes after local midnight. */
export function localMinute(instant: Date): number {
	return remember(minutes, String(instant.getTime()), () => {
		const t = local(instant)
		return t.getHours() * 60 + t.getMinutes()
	})
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

/** 570 → "09:30"; 1440 → "24:00". */
export function timeText(minute: number): string {
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

/** "10:00", in UK time. */
export function clockText(instant: Date | string): string {
	return format(local(instant), 'HH:mm')
}

/** "Tuesday 8 December 2026", of an instant in UK time or of a local date ("2026-12-08"). */
export function dayText(instantOrDate: Date | string): string {
	const t = typeof instantOrDate === 'string' ? local(localInstant(instantOrDate, 12 * 60)) : local(instantOrDate)
	return format(t, 'EEEE d MMMM yyyy')
}

/** "8 December", in UK time (for short lines: statements, notifications). */
export function shortDayText(instant: Date | string): string {
	return format(local(instant), 'd MMMM')
}

/** "Monday 3 March", in UK time. */
export function weekdayDayText(instant: Date | string): string {
	return format(local(instant), 'EEEE d MMMM')
}

/** "Thursday 24 December 2026, 09:00", in UK time. */
export function instantText(instant: Date | string): string {
	return format(local(instant), 'EEEE d MMMM yyyy, HH:mm')
}

/** "3 March 2026 at 14:05", in UK time. */
export function dayTimeText(instant: Date | string): string {
	return format(local(instant), "d MMMM yyyy 'at' HH:mm")
}

/** "Tuesday 8 December 2026, 10:00 to 12:00"; a session over midnight names both days. */
export function sessionText(startsAt: Date | string, endsAt: Date | string): string {
	const start = new Date(startsAt)
	const end = new Date(endsAt)
	return localDate(start) === localDate(end)
		? `${dayText(start)}, ${clockText(start)} to ${clockText(end)}`
		: `${dayText(start)} ${clockText(start)} to ${dayText(end)} ${clockText(end)}`
}

// ───────────────────────────── Calendar days (midnight UTC) ─────────────────────────────

/** A calendar day's text in a date-fns pattern, read by its UTC day. */
function utcDayText(date: Date | string, pattern: string): string {
	return remember(dayTexts, `${pattern}|${new Date(date).getTime()}`, () => format(inZone(date, UTC), pattern))
}

/** "3 March 2026", of a calendar day (a Date is read by its UTC day). */
export function formatDay(date: Date | string): string {
	return utcDayText(date, 'd MMMM yyyy')
}

/** "3 March", of a calendar day. */
export function formatShortDay(date: Date | string): string {
	return utcDayText(date, 'd MMMM')
}

/** "March 2026" for a month ("2026-03") or a calendar day in it; a text that is not a month comes back as it is. */
export function formatMonth(month: string | Date): string {
	if (month instanceof Date) return utcDayText(month, 'MMMM yyyy')
	const range = monthRange(month)
	return range ? formatMonth(range.from) : month
}

/** Midnight UTC of the day `date` falls on. */
export function startOfDay(date: Date): Date {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

/** "2026-03-03": the calendar day's key (for forms, file names, comparisons). */
export function isoDay(date: Date): string {
	return startOfDay(date).toISOString().slice(0, 10)
}

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * DAY_MS)
}

/** "2026-03" for a date. */
export function monthOf(date: Date): string {
	return date.toISOString().slice(0, 7)
}

/** The first instant of a month ("2026-03") and of the next one; null if the text is not a month. */
export function monthRange(month: string): { from: Date; to: Date } | null {
	const match = /^(\d{4})-(\d{2})$/.exec(month)
	if (!match) return null
	const year = Number(match[1])
	const m = Number(match[2])
	if (m < 1 || m > 12 || year < 2000 || year > 2200) return null
	return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) }
}
