/**
 * The rules of trusted reviews, as pure functions (no database, no clock: `now` is always passed in), so they are
 * tested in microseconds and the services, the pages and the scheduled job all decide the same way.
 * See docs/decisions/011-trusted-reviews.md.
 *
 * - Only a delivered session (booking CONFIRMED or RESOLVED) can be reviewed, once, by the holder's side, and the
 *   provider can rate the booking experience once.
 * - Both have a writing window of 14 days from when the session was confirmed.
 * - Double-blind: what is written first is hidden from the other side until the other side writes too, or the
 *   window closes. So the first one is visible from the window's close; when the second one is written, both
 *   become visible at once.
 */
import type { BookingStatus } from '#app/generated/prisma/enums.ts'

export const REVIEW_WINDOW_DAYS = 14
const DAY_MS = 86_400_000

/** The booking statuses that mean the session happened and was paid for. */
export const DELIVERED_STATUSES: readonly BookingStatus[] = ['CONFIRMED', 'RESOLVED']

export function isDelivered(status: BookingStatus): boolean {
	return DELIVERED_STATUSES.includes(status)
}

/**
 * When the writing window opens: when the session was confirmed. A RESOLVED booking (a problem settled) that was
 * never confirmed as such opens it when the problem was resolved. Null when the session is not delivered yet.
 */
export function windowOpensAt(booking: {
	status: BookingStatus
	confirmedAt: Date | null
	resolvedAt?: Date | null
}): Date | null {
	if (!isDelivered(booking.status)) return null
	return booking.confirmedAt ?? booking.resolvedAt ?? null
}

/** When nobody can write any more, and what was written first becomes visible: 14 days after it opened. */
export function windowClosesAt(opensAt: Date): Date {
	return new Date(opensAt.getTime() + REVIEW_WINDOW_DAYS * DAY_MS)
}

export type WindowState = 'not-delivered' | 'open' | 'closed'

/** Open from the moment it opens up to (not including) the moment it closes. */
export function windowState(opensAt: Date | null, now: Date): WindowState {
	if (!opensAt) return 'not-delivered'
	if (now.getTime() < opensAt.getTime()) return 'not-delivered'
	return now.getTime() < windowClosesAt(opensAt).getTime() ? 'open' : 'closed'
}

/**
 * The visibleFrom of something written now. Written first: hidden until the window closes. Written second (the
 * other side has written): visible now, and the other side's becomes visible now too (`revealsOther`).
 */
export function visibilityOnWrite(input: { opensAt: Date; otherWritten: boolean; now: Date }): {
	visibleFrom: Date
	revealsOther: boolean
} {
	if (input.otherWritten) return { visibleFrom: input.now, revealsOther: true }
	return { visibleFrom: windowClosesAt(input.opensAt), revealsOther: false }
}

export function isVisible(visibleFrom: Date, now: Date): boolean {
	return visibleFrom.getTime() <= now.getTime()
}

/**
 * True when this review became visible by the passing of time alone (nobody wrote second): its visibleFrom is
 * still exactly the window's close. Reviews revealed by the second writer were dealt with when it was written.
 */
export function becameVisibleByTime(visibleFrom: Date, opensAt: Date | null): boolean {
	return opensAt !== null && visibleFrom.getTime() === windowClosesAt(opensAt).getTime()
}

// ───────────────────────────── Rating maths ─────────────────────────────

function roundTo(value: number, decimals: number): number {
	const factor = 10 ** decimals
	return Math.round(value * factor) / factor
}

/** The mean of whole-star ratings, or null for none. Rounded to `decimals` places. */
export function averageOf(values: readonly number[], decimals = 2): number | null {
	if (values.length === 0) return null
	const sum = values.reduce((total, v) => total + v, 0)
	return roundTo(sum / values.length, decimals)
}

export type ReviewForRating = { rating: number; status: 'PUBLISHED' | 'REMOVED'; visibleFrom: Date }

/**
 * The provider's cached figures: the average and count of the reviews that count, which are the published
 * ones already visible. Removed reviews and hidden (not yet visible) ones count for nothing.
 */
export function ratingSummary(
	reviews: readonly ReviewForRating[],
	now: Date,
): { ratingAverage: number | null; reviewCount: number } {
	const counted = reviews.filter((r) => r.status === 'PUBLISHED' && isVisible(r.visibleFrom, now)).map((r) => r.rating)
	return { ratingAverage: averageOf(counted, 2), reviewCount: counted.length }
}

/** The database's sum and count as the cached figures (the same rounding as ratingSummary). */
export function ratingFromTotals(sum: number, count: number): { ratingAverage: number | null; reviewCount: number } {
	return { ratingAverage: count === 0 ? null : roundTo(sum / count, 2), reviewCount: count }
}

export const QUESTIONS = ['reliable', 'respectful', 'didWhatAgreed'] as const
export type Question = (typeof QUESTIONS)[number]

/** The plain questions a review answers, as the form and the profile ask them. */
export const questionLabels: Record<Question, string> = {
	reliable: 'Were they reliable?',
	respectful: 'Were they respectful?',
	didWhatAgreed: 'Did they do what was agreed?',
}

/** The averages of the three questions (one decimal place), null where there is nothing to average. */
export function questionAverages(rows: ReadonlyArray<Record<Question, number>>): Record<Question, number | null> {
	return {
		reliable: averageOf(
			rows.map((r) => r.reliable),
			1,
		),
		respectful: averageOf(
			rows.map((r) => r.respectful),
			1,
		),
		didWhatAgreed: averageOf(
			rows.map((r) => r.didWhatAgreed),
			1,
		),
	}
}

// ───────────────────────────── Double submission ─────────────────────────────

export type ReviewContent = {
	rating: number
	reliable: number
	respectful: number
	didWhatAgreed: number
	body: string
}

/** The same person sending the same review again (a double click, a retry): not a second review. */
export function isSameReview(
	existing: ReviewContent & { authorId: string },
	sent: ReviewContent,
	authorId: string,
): boolean {
	return (
		existing.authorId === authorId &&
		existing.rating === sent.rating &&
		existing.reliable === sent.reliable &&
		existing.respectful === sent.respectful &&
		existing.didWhatAgreed === sent.didWhatAgreed &&
		existing.body.trim() === sent.body.trim()
	)
}

export function isSameText(a: string | null | undefined, b: string): boolean {
	return (a ?? '').trim() === b.trim()
}
