/**
 * Telling people what happened: an in-app notification for each person, and an email in the outbox that a real
 * mailer would send (EmailOutbox; on the embedded default the emails are shown at /dev/emails instead).
 *
 * Call notify() inside the transaction that made the change, so a notification exists exactly when the change
 * does: a booking that rolled back tells nobody, and a retried request that changed nothing tells nobody twice.
 */
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import type { Db } from '#app/utils/transaction.server.ts'

export type NotifyInput = {
	/** Who to tell. Duplicates and the person who made the change (`except`) are left out. */
	userIds: Array<string | null | undefined>
	except?: string | null
	/** Short, plain English: "Amina Shah accepted your booking". */
	title: string
	/** One or two sentences saying what it means and what to do, if anything. */
	body: string
	/** Where to go to see it, e.g. "/bookings/abc". */
	link?: string | null
	/** Also put an email in the outbox (default true). */
	email?: boolean
}

/** An email is read outside the site: its links need the site's own address (PUBLIC_URL), not a path. */
const absolute = (link: string) => (link.startsWith('/') ? `${publicOrigin()}${link}` : link)

const MAX_TITLE = 200
const MAX_BODY = 2000

/** Writes a notification (and an outbox email) for each person. Returns how many people were told. */
export async function notify(db: Db, input: NotifyInput): Promise<number> {
	const ids = [...new Set(input.userIds.filter((id): id is string => Boolean(id) && id !== input.except))]
	if (ids.length === 0) return 0
	const title = input.title.slice(0, MAX_TITLE)
	const body = input.body.slice(0, MAX_BODY)
	await db.notification.createMany({ data: ids.map((userId) => ({ userId, title, body, link: input.link ?? null })) })
	if (input.email !== false) {
		const people = await db.user.findMany({ where: { id: { in: ids } }, select: { email: true } })
		await db.emailOutbox.createMany({
			data: people.map((p) => ({
				to: p.email,
				subject: title,
				body: input.link ? `${body}\n\nSee it on Budget Market: ${absolute(input.link)}` : body,
			})),
		})
	}
	return ids.length
}

/**
 * Many notifications, each with its own words, written in three statements however many there are (a commission
 * confirmed for 500 members tells each their own amount). Same rules as notify(). Returns how many people were told.
 */
export async function notifyEach(db: Db, inputs: NotifyInput[]): Promise<number> {
	const rows = inputs.flatMap((input) =>
		[...new Set(input.userIds.filter((id): id is string => Boolean(id) && id !== input.except))].map((userId) => ({
			userId,
			title: input.title.slice(0, MAX_TITLE),
			body: input.body.slice(0, MAX_BODY),
			link: input.link ?? null,
			email: input.email !== false,
		})),
	)
	if (rows.length === 0) return 0
	await db.notification.createMany({ data: rows.map(({ email: _email, ...row }) => row) })
	const emailed = rows.filter((r) => r.email)
	if (emailed.length > 0) {
		const people = await db.user.findMany({
			where: { id: { in: [...new Set(emailed.map((r) => r.userId))] } },
			select: { id: true, email: true },
		})
		const address = new Map(people.map((p) => [p.id, p.email]))
		await db.emailOutbox.createMany({
			data: emailed.flatMap((r) => {
				const to = address.get(r.userId)
				return to
					? [
							{
								to,
								subject: r.title,
								body: r.link ? `${r.body}\n\nSee it on Budget Market: ${absolute(r.link)}` : r.body,
							},
						]
					: []
			}),
		})
	}
	return rows.length
}

export const NOTIFICATIONS_PAGE_SIZE = 30

/** This person's notifications, newest first, and how many are unread. */
export async function listNotifications(userId: string, page = 1) {
	const where = { userId }
	const [items, unread, total] = await Promise.all([
		prisma.notification.findMany({
			where,
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
			take: NOTIFICATIONS_PAGE_SIZE,
			select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true },
		}),
		prisma.notification.count({ where: { userId, readAt: null } }),
		prisma.notification.count({ where }),
	])
	return { items, unread, total, pageCount: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) }
}

export function unreadCount(userId: string): Promise<number> {
	return prisma.notification.count({ where: { userId, readAt: null } })
}

/** Marks this person's notifications read: the ones given, or all of them. Only ever their own. */
export async function markRead(userId: string, ids: string[] | 'all', at: Date = clockNow()): Promise<number> {
	const result = await prisma.notification.updateMany({
		where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) },
		data: { readAt: at },
	})
	return result.count
}

/** The newest emails in the outbox (all, or those sent to one address), for the embedded default's /dev/emails page. */
export async function recentEmails(limit = 100, to?: string) {
	return prisma.emailOutbox.findMany({
		where: to === undefined ? {} : { to },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: limit,
		select: { id: true, to: true, subject: true, body: true, sentAt: true, createdAt: true },
	})
}

/**
 * An email to an address that may have no account yet (an invitation), in the same outbox as notify()'s, written in
 * the caller's transaction.
 */
export async function queueEmail(db: Db, email: { to: string; subject: string; body: string }): Promise<void> {
	await db.emailOutbox.create({
		data: { to: email.to, subject: email.subject.slice(0, MAX_TITLE), body: email.body.slice(0, MAX_BODY) },
	})
}
