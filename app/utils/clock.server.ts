/**
 * The time the app acts on: when a session has started or ended, when a booking is confirmed automatically, when
 * a review window closes. Real time, always, unless TEST_CLOCK=true: then the browser tests can move this
 * process's clock forward (POST /dev/clock), so a journey can book a session, live through it and confirm it
 * without waiting. TEST_CLOCK is refused in production on a real database (app/utils/env.server.ts).
 */
let offsetMs = 0

export function now(): Date {
	return new Date(Date.now() + offsetMs)
}

/** For the test clock only: act as if it were `ms` later than the real time (0 puts it back). */
export function setClockOffset(ms: number): void {
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward: give 0 or more milliseconds.')
	offsetMs = Math.round(ms)
}

export function clockOffset(): number {
	return offsetMs
}
