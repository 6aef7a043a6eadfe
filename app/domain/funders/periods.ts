/**
 * Time in the funder's view (ADR 023): how long a plan waited, in whole days and in bands, the middle of a list of
 * waits, and the quarter of the year a review was done in, in UK time. Pure.
 */
import { localDate } from '#app/utils/dates.ts'

const DAY_MS = 86_400_000

/** Whole days from `from` to `to` (0 on the same day's hours). */
export function daysBetween(from: Date, to: Date): number {
	return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS))
}

export const WAIT_BANDS = ['week', 'twoWeeks', 'fourWeeks', 'longer'] as const
export type WaitBand = (typeof WAIT_BANDS)[number]

export const waitBandLabels: Record<WaitBand, string> = {
	week: 'Waiting less than 1 week',
	twoWeeks: 'Waiting 1 to 2 weeks',
	fourWeeks: 'Waiting 2 to 4 weeks',
	longer: 'Waiting more than 4 weeks',
}

export function waitBand(days: number): WaitBand {
	if (days < 7) return 'week'
	if (days < 14) return 'twoWeeks'
	if (days < 28) return 'fourWeeks'
	return 'longer'
}

/** The middle value (the mean of the two middle ones, rounded, for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null
	const sorted = [...values].sort((a, b) => a - b)
	const mid = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2)
}

/** "2026-1" … "2026-4": the quarter of the year an instant falls in, in UK time. Sorts as text within a year. */
export function quarterOf(instant: Date): string {
	const [year, month] = localDate(instant).split('-').map(Number)
	return `${year}-${Math.floor((month! - 1) / 3) + 1}`
}

const QUARTER_WORDS = ['January to March', 'April to June', 'July to September', 'October to December']

/** "January to March 2026". */
export function quarterLabel(quarter: string): string {
	const [year, q] = quarter.split('-').map(Number)
	return `${QUARTER_WORDS[q! - 1]} ${year}`
}

/** The key of the quarter `count` quarters before the one `instant` is in. */
export function quarterBefore(instant: Date, count: number): string {
	const [year, q] = quarterOf(instant).split('-').map(Number)
	const index = year! * 4 + (q! - 1) - count
	return `${Math.floor(index / 4)}-${(index % 4) + 1}`
}

/** Compares quarter keys in time order. */
export function compareQuarters(a: string, b: string): number {
	const [ay, aq] = a.split('-').map(Number)
	const [by, bq] = b.split('-').map(Number)
	return ay! - by! || aq! - bq!
}
