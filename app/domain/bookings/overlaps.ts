/**
 * Overlap warning (issue 12): a holder's new booking that overlaps another of theirs is worth a word before it is
 * sent, but never a refusal (two carers for hoisting, or a class while a PA waits, are real needs). Pure wording;
 * the query is overlaps.server.ts.
 */
import { clockText, dayText, localDate } from '#app/utils/dates.ts'

export type Overlap = { bookingId: string; providerName: string; startsAt: Date; endsAt: Date }
export type Session = { startsAt: Date; endsAt: Date }

/** Whether two sessions share any time (one ending as the other starts does not). */
export function sessionsOverlap(a: Session, b: Session): boolean {
	return a.startsAt < b.endsAt && b.startsAt < a.endsAt
}

/**
 * One sentence for each booking already in the way: "You already have a session with Amina Shah from 10:00 to
 * 12:00 on that day." When the new booking is weekly, the day is named, since "that day" would not say which.
 */
export function overlapWarnings(overlaps: readonly Overlap[], sessions: readonly Session[]): string[] {
	const oneDay = new Set(sessions.map((s) => localDate(s.startsAt))).size === 1
	return overlaps.map((o) => {
		const day = oneDay && localDate(o.startsAt) === localDate(sessions[0]!.startsAt) ? 'that day' : dayText(o.startsAt)
		return `You already have a session with ${o.providerName} from ${clockText(o.startsAt)} to ${clockText(o.endsAt)} on ${day}.`
	})
}
