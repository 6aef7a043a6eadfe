/**
 * Each person's calendar feed: their upcoming sessions as an .ics file that phone and desktop calendars subscribe
 * to. Calendar apps cannot sign in, so the feed's address carries a long random secret (User.calendarToken); the
 * person can replace it at any time, which stops the old address working.
 */
import { randomBytes } from 'node:crypto'
import ical, { ICalEventStatus } from 'ical-generator'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { groupSessionEntries } from '#app/domain/commissions/calendar.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { calendarEntries, type CalendarEntry } from './queries.server.ts'

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/

function newToken(): string {
	return randomBytes(24).toString('base64url')
}

/** The person's feed secret, made on first use. */
export async function calendarToken(userId: string): Promise<string> {
	const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarToken: true } })
	if (user.calendarToken) return user.calendarToken
	const token = newToken()
	// Only if still unset, so two first visits at once agree on one token.
	await prisma.user.updateMany({ where: { id: userId, calendarToken: null }, data: { calendarToken: token } })
	return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarToken: true } }))
		.calendarToken!
}

/** A new secret: the old feed address stops working. */
export async function replaceCalendarToken(userId: string): Promise<string> {
	const token = newToken()
	await prisma.user.update({ where: { id: userId }, data: { calendarToken: token } })
	return token
}

/** Everything in a person's calendar between two instants: their bookings and their group activities' sessions. */
export async function personCalendar(
	user: Pick<SessionUser, 'id'>,
	from: Date,
	to: Date,
	now: Date = clockNow(),
): Promise<CalendarEntry[]> {
	const [bookings, group] = await Promise.all([
		calendarEntries(user, from, to, now),
		groupSessionEntries(user, from, to, now),
	])
	return [...bookings, ...group].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

/** The .ics text for the person with this secret, or null when no one has it. */
export async function calendarFeed(token: string, origin: string, now: Date = clockNow()): Promise<string | null> {
	if (!TOKEN.test(token)) return null
	const user = await prisma.user.findUnique({ where: { calendarToken: token }, select: { id: true, name: true } })
	if (!user) return null
	const from = new Date(now.getTime() - 30 * 86_400_000)
	const to = new Date(now.getTime() + 366 * 86_400_000)
	const entries = await personCalendar(user, from, to, now)
	const calendar = ical({
		name: `Budget Market: ${user.name}`,
		prodId: { company: 'Budget Market', product: 'bookings' },
		ttl: 3600,
	})
	for (const e of entries) {
		calendar.createEvent({
			id: `${e.id.startsWith('group-') ? e.id : `booking-${e.id}`}@budget-market`,
			start: e.startsAt,
			end: e.endsAt,
			stamp: now,
			summary: `${e.title} with ${e.with}`,
			description: `${e.statusText}. See it on Budget Market: ${origin}${e.href}`,
			url: `${origin}${e.href}`,
			status: e.status === 'REQUESTED' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
		})
	}
	return calendar.toString()
}
