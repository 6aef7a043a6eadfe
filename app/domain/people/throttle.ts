/**
 * Sign-in throttling (ADR 016), the pure part: how long a key must wait after its nth recent failure.
 * OWASP's guidance: growing delays rather than lock-outs. A key's first `free` failures cost nothing; after that
 * each failure doubles the wait, from `baseMs` up to `maxMs`. Failures older than `windowMs` are forgotten.
 */
export type ThrottleRule = { free: number; baseMs: number; maxMs: number; windowMs: number }

const MINUTE = 60_000

export const THROTTLE_RULES = {
	// One account, tried from browsers that have never signed in to it: the brute-force guard.
	account: { free: 5, baseMs: 2_000, maxMs: 15 * MINUTE, windowMs: 60 * MINUTE },
	// One address trying many accounts (password spraying). Generous: offices and phone networks share addresses.
	address: { free: 30, baseMs: 1_000, maxMs: 5 * MINUTE, windowMs: 60 * MINUTE },
	// A browser that has signed in to this account before (a signed device cookie): only its own failures count.
	device: { free: 5, baseMs: 2_000, maxMs: 15 * MINUTE, windowMs: 60 * MINUTE },
	// New accounts from one address.
	signUp: { free: 10, baseMs: 10_000, maxMs: 60 * MINUTE, windowMs: 24 * 60 * MINUTE },
} satisfies Record<string, ThrottleRule>

/** The wait after a key's `failures`th recent failure (0 while it is within its free failures). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
	if (failures < rule.free) return 0
	return Math.min(rule.baseMs * 2 ** Math.min(failures - rule.free, 30), rule.maxMs)
}

export type ThrottleState = { failures: number; nextAllowedAt: Date; updatedAt: Date }

/**
 * One attempt against a key's state: refused while the key waits (the refused attempt is not counted, so the
 * wait does not grow while someone keeps knocking), otherwise allowed and counted as a failure in advance. A
 * successful sign-in takes the failure back (`succeeded`).
 */
export function chargeAttempt(
	state: ThrottleState | null,
	rule: ThrottleRule,
	now: Date,
): { allowed: boolean; retryAfterMs: number; next: ThrottleState } {
	if (state && state.nextAllowedAt > now) {
		return { allowed: false, retryAfterMs: state.nextAllowedAt.getTime() - now.getTime(), next: state }
	}
	const recent = state && now.getTime() - state.updatedAt.getTime() < rule.windowMs ? state.failures : 0
	const failures = recent + 1
	return {
		allowed: true,
		retryAfterMs: 0,
		next: { failures, nextAllowedAt: new Date(now.getTime() + delayAfter(failures, rule)), updatedAt: now },
	}
}
