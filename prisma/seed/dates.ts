/**
 * Date arithmetic for the seed, in UTC so the data does not depend on the machine's time zone. Calendar days
 * come from the app's date module (app/utils/dates.ts); what is here only the seed needs.
 */
import { addDays, startOfDay } from '#app/utils/dates.ts'

export { addDays }

const DAY = 86_400_000

export function addMinutes(date: Date, minutes: number): Date {
	return new Date(date.getTime() + minutes * 60_000)
}

/** Midnight UTC of the same day (for @db.Date columns). */
export const dateOnly = startOfDay

/** 0 = Monday … 6 = Sunday, as AvailabilitySlot.weekday. */
export function weekdayOf(date: Date): number {
	return (date.getUTCDay() + 6) % 7
}

/** The latest day on or before `date` that falls on `weekday` (0 = Monday), at midnight UTC. */
export function onOrBeforeWeekday(date: Date, weekday: number): Date {
	const day = dateOnly(date)
	return addDays(day, -((weekdayOf(day) - weekday + 7) % 7))
}

export function earliest(...dates: Date[]): Date {
	return new Date(Math.min(...dates.map((d) => d.getTime())))
}

export function daysBetween(from: Date, to: Date): number {
	return Math.floor((to.getTime() - from.getTime()) / DAY)
}
