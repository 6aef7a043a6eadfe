import { describe, expect, it } from 'vitest'
import {
	averageOf,
	becameVisibleByTime,
	isDelivered,
	isSameReview,
	isVisible,
	questionAverages,
	ratingFromTotals,
	ratingSummary,
	REVIEW_WINDOW_DAYS,
	visibilityOnWrite,
	windowClosesAt,
	windowOpensAt,
	windowState,
} from './rules.ts'

const DAY = 86_400_000
const confirmedAt = new Date('2026-03-03T15:00:00.000Z')
const closes = new Date('2026-03-17T15:00:00.000Z')

describe('the writing window', () => {
	it('opens when the session is confirmed and closes 14 days later', () => {
		expect(REVIEW_WINDOW_DAYS).toBe(14)
		expect(windowClosesAt(confirmedAt)).toEqual(closes)
	})

	it('is only for delivered sessions: confirmed or resolved', () => {
		expect(isDelivered('CONFIRMED')).toBe(true)
		expect(isDelivered('RESOLVED')).toBe(true)
		for (const status of ['REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'DELIVERED', 'DISPUTED'] as const) {
			expect(isDelivered(status)).toBe(false)
			expect(windowOpensAt({ status, confirmedAt })).toBeNull()
		}
	})

	it('opens at confirmation, or for a resolved problem without one, when it was resolved', () => {
		expect(windowOpensAt({ status: 'CONFIRMED', confirmedAt })).toEqual(confirmedAt)
		const resolvedAt = new Date('2026-03-05T10:00:00Z')
		expect(windowOpensAt({ status: 'RESOLVED', confirmedAt: null, resolvedAt })).toEqual(resolvedAt)
		expect(windowOpensAt({ status: 'RESOLVED', confirmedAt, resolvedAt })).toEqual(confirmedAt)
		expect(windowOpensAt({ status: 'CONFIRMED', confirmedAt: null })).toBeNull()
	})

	it('is open from the moment it opens up to, not including, the moment it closes', () => {
		expect(windowState(null, confirmedAt)).toBe('not-delivered')
		expect(windowState(confirmedAt, new Date(confirmedAt.getTime() - 1))).toBe('not-delivered')
		expect(windowState(confirmedAt, confirmedAt)).toBe('open')
		expect(windowState(confirmedAt, new Date(closes.getTime() - 1))).toBe('open')
		expect(windowState(confirmedAt, closes)).toBe('closed')
		expect(windowState(confirmedAt, new Date(closes.getTime() + 365 * DAY))).toBe('closed')
	})
})

describe('double-blind visibility', () => {
	const now = new Date('2026-03-06T12:00:00Z')

	it('hides what is written first until the window closes', () => {
		expect(visibilityOnWrite({ opensAt: confirmedAt, otherWritten: false, now })).toEqual({
			visibleFrom: closes,
			revealsOther: false,
		})
	})

	it('shows both at once when the second side writes', () => {
		expect(visibilityOnWrite({ opensAt: confirmedAt, otherWritten: true, now })).toEqual({
			visibleFrom: now,
			revealsOther: true,
		})
	})

	it('is visible from visibleFrom on, not a millisecond before', () => {
		expect(isVisible(closes, new Date(closes.getTime() - 1))).toBe(false)
		expect(isVisible(closes, closes)).toBe(true)
		expect(isVisible(closes, new Date(closes.getTime() + 1))).toBe(true)
	})

	it('tells a review revealed by time from one revealed by the second writer', () => {
		expect(becameVisibleByTime(closes, confirmedAt)).toBe(true)
		expect(becameVisibleByTime(now, confirmedAt)).toBe(false)
		expect(becameVisibleByTime(closes, null)).toBe(false)
	})
})

describe('rating maths', () => {
	const at = new Date('2026-04-01T00:00:00Z')
	const before = new Date('2026-03-01T00:00:00Z')
	const after = new Date('2026-05-01T00:00:00Z')

	it('averages to two decimal places, and has no average without reviews', () => {
		expect(averageOf([])).toBeNull()
		expect(averageOf([5, 4, 4])).toBe(4.33)
		expect(averageOf([5, 4], 1)).toBe(4.5)
		expect(averageOf([1, 2, 2], 1)).toBe(1.7)
	})

	it('counts only published reviews that are already visible', () => {
		const summary = ratingSummary(
			[
				{ rating: 5, status: 'PUBLISHED', visibleFrom: before },
				{ rating: 2, status: 'PUBLISHED', visibleFrom: before },
				{ rating: 1, status: 'REMOVED', visibleFrom: before },
				{ rating: 1, status: 'PUBLISHED', visibleFrom: after },
				{ rating: 4, status: 'PUBLISHED', visibleFrom: at },
			],
			at,
		)
		expect(summary).toEqual({ ratingAverage: 3.67, reviewCount: 3 })
		expect(ratingSummary([{ rating: 3, status: 'REMOVED', visibleFrom: before }], at)).toEqual({
			ratingAverage: null,
			reviewCount: 0,
		})
	})

	it('gives the same figures from the database’s totals', () => {
		expect(ratingFromTotals(11, 3)).toEqual({ ratingAverage: 3.67, reviewCount: 3 })
		expect(ratingFromTotals(0, 0)).toEqual({ ratingAverage: null, reviewCount: 0 })
	})

	it('averages each of the three questions to one decimal place', () => {
		expect(
			questionAverages([
				{ reliable: 5, respectful: 4, didWhatAgreed: 1 },
				{ reliable: 4, respectful: 4, didWhatAgreed: 2 },
				{ reliable: 4, respectful: 5, didWhatAgreed: 2 },
			]),
		).toEqual({ reliable: 4.3, respectful: 4.3, didWhatAgreed: 1.7 })
		expect(questionAverages([])).toEqual({ reliable: null, respectful: null, didWhatAgreed: null })
	})
})

describe('double submission', () => {
	const sent = { rating: 4, reliable: 5, respectful: 4, didWhatAgreed: 3, body: 'Kind and on time, every time.' }

	it('treats the same review from the same person as a retry', () => {
		expect(isSameReview({ ...sent, body: ` ${sent.body}\n`, authorId: 'u1' }, sent, 'u1')).toBe(true)
	})

	it('treats anything different, or from someone else, as a second review', () => {
		expect(isSameReview({ ...sent, authorId: 'u1' }, sent, 'u2')).toBe(false)
		expect(isSameReview({ ...sent, rating: 5, authorId: 'u1' }, sent, 'u1')).toBe(false)
		expect(isSameReview({ ...sent, didWhatAgreed: 4, authorId: 'u1' }, sent, 'u1')).toBe(false)
		expect(isSameReview({ ...sent, body: 'Something else entirely.', authorId: 'u1' }, sent, 'u1')).toBe(false)
	})
})
