/**
 * When a provider can be booked. Pure: the caller loads the weekly pattern, time off and live bookings; this
 * works out which start times are free on a day and why a chosen time is not.
 *
 * - A session must fit inside one weekly availability range of its local day, start in the future (and within
 *   the booking horizon), and not touch the provider's time off.
 * - One-to-one support takes the provider's whole time: it may not overlap any other live booking.
 * - A group session (a service with a group size) can be joined by several people at the same start time, up to
 *   the group size; it may not overlap the provider's one-to-one bookings or another service's sessions.
 */
import { addLocalDays, dayText, localDate, localInstant, localMinute, timeText, weekdayOf } from '#app/utils/dates.ts'

export type WeeklySlot = { weekday: number; startMinute: number; endMinute: number }
export type Interval = { startsAt: Date; endsAt: Date }
/** A live booking of the provider (requested, accepted, delivered, confirmed, disputed or resolved). */
export type Busy = Interval & { serviceId: string; oneToOne: boolean }

/** Start times are offered every half hour. */
export const START_STEP_MINUTES = 30
/** How far ahead people can book. */
export const HORIZON_DAYS = 183

export type ProviderTime = {
	providerName: string
	slots: WeeklySlot[]
	timeOff: Interval[]
	busy: Busy[]
}

export type WantedService = { id: string; groupSize: number | null }

export type Unavailable = {
	reason: 'past' | 'too-far' | 'outside-hours' | 'time-off' | 'booked' | 'full'
	message: string
}

function overlaps(a: Interval, b: Interval): boolean {
	return a.startsAt.getTime() < b.endsAt.getTime() && a.endsAt.getTime() > b.startsAt.getTime()
}

function sameTime(a: Interval, b: Interval): boolean {
	return a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime()
}

/** Why this session (local date, start minute, length) cannot be booked, or null when it can. */
export function whyUnavailable(
	time: ProviderTime,
	service: WantedService,
	date: string,
	startMinute: number,
	minutes: number,
	now: Date,
): Unavailable | null {
	const startsAt = localInstant(date, startMinute)
	const endsAt = new Date(startsAt.getTime() + minutes * 60_000)
	const when = `${timeText(startMinute)} on ${dayText(date)}`
	if (startsAt.getTime() <= now.getTime()) {
		return { reason: 'past', message: `${when} has already passed. Choose a time in the future.` }
	}
	if (startsAt.getTime() > now.getTime() + HORIZON_DAYS * 86_400_000) {
		return { reason: 'too-far', message: 'Choose a date in the next 6 months.' }
	}
	const weekday = weekdayOf(date)
	// On the days the clocks change, some local times do not exist or happen twice, and an hour of wall clock is not
	// an hour of support: a start must be a real local time, and the session must end by the range's end instant.
	const realTime = localMinute(startsAt) === startMinute && localDate(startsAt) === date
	const fits =
		realTime &&
		time.slots.some(
			(s) =>
				s.weekday === weekday &&
				s.startMinute <= startMinute &&
				endsAt.getTime() <= localInstant(date, s.endMinute).getTime(),
		)
	if (!fits) {
		return {
			reason: 'outside-hours',
			message: `${time.providerName} is not available for ${minutes === 60 ? 'an hour' : `${minutes} minutes`} from ${when}. Choose one of the times shown.`,
		}
	}
	const session = { startsAt, endsAt }
	if (time.timeOff.some((off) => overlaps(off, session))) {
		return { reason: 'time-off', message: `${time.providerName} is away at ${when}. Choose another day.` }
	}
	const clashing = time.busy.filter((b) => overlaps(b, session))
	if (service.groupSize === null) {
		if (clashing.length > 0) return { reason: 'booked', message: `${when} is already booked. Choose another time.` }
		return null
	}
	// A group session: the same service at exactly the same time is joined; anything else overlapping clashes.
	const joined = clashing.filter((b) => !b.oneToOne && b.serviceId === service.id && sameTime(b, session))
	if (joined.length < clashing.length)
		return { reason: 'booked', message: `${when} is already booked. Choose another time.` }
	if (joined.length >= service.groupSize) {
		return {
			reason: 'full',
			message: `The session at ${when} is full (${service.groupSize} people). Choose another time.`,
		}
	}
	return null
}

/** The start times (minutes after midnight) free on this local date for a session of this length. */
export function freeStarts(
	time: ProviderTime,
	service: WantedService,
	date: string,
	minutes: number,
	now: Date,
): number[] {
	const weekday = weekdayOf(date)
	const starts = new Set<number>()
	for (const s of time.slots.filter((slot) => slot.weekday === weekday)) {
		for (let m = s.startMinute; m + minutes <= s.endMinute; m += START_STEP_MINUTES) starts.add(m)
	}
	return [...starts].sort((a, b) => a - b).filter((m) => whyUnavailable(time, service, date, m, minutes, now) === null)
}

/** The next `count` local dates from `today` (inclusive) with at least one free start, within `searchDays`. */
export function nextFreeDays(
	time: ProviderTime,
	service: WantedService,
	today: string,
	minutes: number,
	now: Date,
	count = 10,
	searchDays = 42,
): Array<{ date: string; starts: number }> {
	const out: Array<{ date: string; starts: number }> = []
	for (let i = 0; i < searchDays && out.length < count; i++) {
		const date = addLocalDays(today, i)
		const starts = freeStarts(time, service, date, minutes, now).length
		if (starts > 0) out.push({ date, starts })
	}
	return out
}
