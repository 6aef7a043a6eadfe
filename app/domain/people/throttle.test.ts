import { describe, expect, it } from 'vitest'
import { chargeAttempt, delayAfter, THROTTLE_RULES, type ThrottleState } from './throttle.ts'

const rule = THROTTLE_RULES.account

describe('sign-in throttling', () => {
	it('lets the first few failures through, then doubles the wait up to a ceiling', () => {
		expect([1, 2, 3, 4].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0, 0])
		expect([5, 6, 7].map((n) => delayAfter(n, rule))).toEqual([2_000, 4_000, 8_000])
		expect(delayAfter(40, rule)).toBe(15 * 60_000)
		expect(delayAfter(10_000, rule)).toBe(15 * 60_000)
	})

	it('refuses attempts while a key waits, without making the wait longer', () => {
		let state: ThrottleState | null = null
		const now = new Date('2026-12-01T10:00:00Z')
		let allowed = 0
		for (let i = 0; i < 20; i++) {
			const result = chargeAttempt(state, rule, now)
			if (result.allowed) allowed++
			state = result.next
		}
		expect(allowed).toBe(rule.free)
		expect(state?.failures).toBe(rule.free)
		const later = chargeAttempt(state, rule, new Date(now.getTime() + 2_000))
		expect(later.allowed).toBe(true)
		expect(later.next.failures).toBe(rule.free + 1)
	})

	it('forgets failures older than its window', () => {
		const old = {
			failures: 9,
			nextAllowedAt: new Date('2026-12-01T09:00:00Z'),
			updatedAt: new Date('2026-12-01T09:00:00Z'),
		}
		const result = chargeAttempt(old, rule, new Date('2026-12-01T10:30:00Z'))
		expect(result.allowed).toBe(true)
		expect(result.next.failures).toBe(1)
	})
})
