/**
 * Email that really arrives (issue 10): the outbox sent through a real SMTP server (smtp-server, started here on a
 * free port; what it receives is parsed with mailparser) by nodemailer. Each email arrives once, even with two
 * senders at once or a sender that died holding a claim; a server that refuses leads to tries again, each after a
 * longer wait, then to a failure an admin sees at /admin/emails and can try again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EMAIL_RULES, waitAfterFailure } from '#app/domain/notifications/email-rules.ts'
import { sendDueEmails, setMailer, smtpMailer, type Mailer } from '#app/domain/notifications/email-sender.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { runJobsOnce } from '#app/jobs/scheduler.server.ts'
import * as adminEmails from '#app/routes/admin.emails.tsx'
import * as devEmails from '#app/routes/dev.emails.tsx'
import { setDb } from '#app/utils/db.server.ts'
import { inTransaction } from '#app/utils/transaction.server.ts'
import { createUserWithRoles } from '#tests/db-utils.ts'
import { startLocalSmtp, type LocalSmtp } from '#tests/mocks/smtp-server.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb
let smtp: LocalSmtp
let mailer: Mailer

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	smtp = await startLocalSmtp()
	mailer = smtpMailer(smtp.url, { domain: 'budget.test' })
	setMailer(mailer)
})

afterAll(async () => {
	setMailer(undefined)
	mailer?.close()
	await smtp?.close()
	await db?.cleanup()
})

beforeEach(async () => {
	smtp.refuse(null)
	smtp.received.length = 0
	await db.prisma.emailOutbox.deleteMany()
})

const emailRow = (id: string) => db.prisma.emailOutbox.findUniqueOrThrow({ where: { id } })

describe('sending the email outbox', () => {
	it('delivers an email written by notify() once, to the right person, with its subject and words', async () => {
		const amina = await createUserWithRoles(db.prisma, { email: 'amina@example.test', roles: ['HOLDER'] })
		await inTransaction(db.prisma, (tx) =>
			notify(tx, {
				userIds: [amina.id],
				title: 'Your booking was accepted',
				body: 'Ben will come on Tuesday.',
				link: '/bookings/b1',
			}),
		)
		const [row] = await db.prisma.emailOutbox.findMany()
		const now = new Date()
		expect(await sendDueEmails(now)).toEqual({ sent: 1, retrying: 0, failed: 0 })
		// Later runs find nothing to send.
		expect(await sendDueEmails(new Date(now.getTime() + 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 })
		expect(smtp.received).toHaveLength(1)
		const got = smtp.received[0]!
		expect(got.to).toBe('amina@example.test')
		expect(got.from).toBe('"Budget Market" <no-reply@budget.test>')
		expect(got.subject).toBe('Your booking was accepted')
		// A link in an email needs the site's address: a bare path means nothing in a mail program.
		expect(got.text.trim()).toBe(
			'Ben will come on Tuesday.\n\nSee it on Budget Market: http://localhost:3000/bookings/b1',
		)
		expect(got.messageId).toBe(`<${row!.id}@budget.test>`)
		const sent = await emailRow(row!.id)
		expect(sent.sentAt).not.toBeNull()
		expect(sent).toMatchObject({ attempts: 1, claimedBy: null, claimedUntil: null, lastError: null, failedAt: null })
	})

	it('delivers each email once when two senders run at the same time', async () => {
		await db.prisma.emailOutbox.createMany({
			data: Array.from({ length: 12 }, (_, i) => ({
				to: `p${i}@example.test`,
				subject: `Email ${i}`,
				body: `Hi ${i}`,
			})),
		})
		const second = smtpMailer(smtp.url, { domain: 'budget.test' })
		try {
			const now = new Date()
			const [a, b] = await Promise.all([
				sendDueEmails(now, { sender: 'server-a' }),
				sendDueEmails(now, { mailer: second, sender: 'server-b' }),
			])
			expect(a.sent + b.sent).toBe(12)
		} finally {
			second.close()
		}
		const subjects = smtp.received.map((m) => m.subject).sort()
		expect(subjects).toEqual(Array.from({ length: 12 }, (_, i) => `Email ${i}`).sort())
		expect(await db.prisma.emailOutbox.count({ where: { sentAt: null } })).toBe(0)
		expect(await db.prisma.emailOutbox.aggregate({ _max: { attempts: true } })).toEqual({ _max: { attempts: 1 } })
	})

	it('leaves an email claimed by a sender to that sender, and sends it once the claim runs out', async () => {
		const now = new Date()
		const email = await db.prisma.emailOutbox.create({
			data: {
				to: 'rita@example.test',
				subject: 'Claimed',
				body: 'A sender that died took this one.',
				claimedBy: 'dead-server',
				claimedUntil: new Date(now.getTime() + EMAIL_RULES.leaseMs),
				attempts: 1,
			},
		})
		expect(await sendDueEmails(now)).toEqual({ sent: 0, retrying: 0, failed: 0 })
		expect(smtp.received).toHaveLength(0)
		const later = new Date(now.getTime() + EMAIL_RULES.leaseMs + 1_000)
		expect(await sendDueEmails(later)).toEqual({ sent: 1, retrying: 0, failed: 0 })
		expect(smtp.received.map((m) => m.subject)).toEqual(['Claimed'])
		expect(await emailRow(email.id)).toMatchObject({ attempts: 2, claimedBy: null })
	})

	it('tries a refused email again, waiting longer each time, then gives up and shows it to admins, who can send it again', async () => {
		const admin = await createUserWithRoles(db.prisma, { email: 'admin-mail@example.test', roles: ['ADMIN'] })
		const adminCookie = await cookieFor(admin.id)
		const email = await db.prisma.emailOutbox.create({
			data: { to: 'bo@example.test', subject: 'Your plan was agreed', body: 'Sam agreed the plan.' },
		})
		smtp.refuse({ code: 451, message: 'Mailbox busy, try again later' })
		let at = new Date()
		for (let attempt = 1; attempt <= EMAIL_RULES.maxAttempts; attempt++) {
			const report = await sendDueEmails(at)
			const row = await emailRow(email.id)
			expect(row.attempts).toBe(attempt)
			expect(row.lastError).toContain('451')
			expect(row.lastError).toContain('Mailbox busy')
			expect(row.claimedBy).toBeNull()
			if (attempt < EMAIL_RULES.maxAttempts) {
				expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 })
				expect(row.failedAt).toBeNull()
				// The wait doubles each time (plus the few milliseconds the attempt took).
				const wait = row.nextAttemptAt.getTime() - at.getTime()
				expect(wait).toBeGreaterThanOrEqual(waitAfterFailure(attempt))
				expect(wait).toBeLessThan(waitAfterFailure(attempt) + 5_000)
				// Not tried again before its time.
				expect(await sendDueEmails(new Date(row.nextAttemptAt.getTime() - 1_000))).toEqual({
					sent: 0,
					retrying: 0,
					failed: 0,
				})
				at = row.nextAttemptAt
			} else {
				expect(report).toEqual({ sent: 0, retrying: 0, failed: 1 })
				expect(row.failedAt).not.toBeNull()
			}
		}
		expect(waitAfterFailure(2)).toBe(2 * waitAfterFailure(1))
		expect(smtp.received).toHaveLength(0)
		// A failed email is not tried again on its own, even much later.
		smtp.refuse(null)
		expect(await sendDueEmails(new Date(at.getTime() + 24 * 3_600_000))).toEqual({ sent: 0, retrying: 0, failed: 0 })

		// The admin page lists it, with what went wrong.
		const page = (await (
			await responseOf(adminEmails.loader({ request: get('/admin/emails', adminCookie), params: {}, context: {} }))
		).json()) as { sending: boolean; failed: Array<{ id: string; to: string; lastError: string; attempts: number }> }
		expect(page.sending).toBe(true)
		expect(page.failed).toEqual([
			expect.objectContaining({ id: email.id, to: 'bo@example.test', attempts: EMAIL_RULES.maxAttempts }),
		])
		expect(page.failed[0]!.lastError).toContain('Mailbox busy')

		// "Try again" sends it on the next run, once.
		const retried = await responseOf(
			adminEmails.action({
				request: await post('/admin/emails', adminCookie, { intent: 'retry', emailId: email.id }),
				params: {},
				context: {},
			}),
		)
		expect(retried.status).toBe(302)
		expect(retried.headers.get('Location')).toBe(`/admin/emails?retried=${email.id}`)
		expect(await sendDueEmails(new Date())).toEqual({ sent: 1, retrying: 0, failed: 0 })
		expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([['bo@example.test', 'Your plan was agreed']])
		const after = (await (
			await responseOf(adminEmails.loader({ request: get('/admin/emails', adminCookie), params: {}, context: {} }))
		).json()) as { failed: unknown[]; retrying: unknown[] }
		expect(after).toMatchObject({ failed: [], retrying: [] })

		// Trying again an email that was sent is refused, and sends nothing.
		const again = await responseOf(
			adminEmails.action({
				request: await post('/admin/emails', adminCookie, { intent: 'retry', emailId: email.id }),
				params: {},
				context: {},
			}),
		)
		expect(again.status).toBe(409)
		expect(await again.json()).toEqual({ emailId: email.id, error: 'That email has been sent already.' })
		expect(await sendDueEmails(new Date())).toEqual({ sent: 0, retrying: 0, failed: 0 })
		expect(smtp.received).toHaveLength(1)
	})

	it('stops a run after a few failures in a row, leaving the other emails untouched', async () => {
		await db.prisma.emailOutbox.createMany({
			data: Array.from({ length: 5 }, (_, i) => ({ to: `q${i}@example.test`, subject: `Q${i}`, body: 'Hello' })),
		})
		smtp.refuse({ code: 421, message: 'Service not available' })
		expect(await sendDueEmails(new Date())).toEqual({ sent: 0, retrying: EMAIL_RULES.failuresInARow, failed: 0 })
		expect(await db.prisma.emailOutbox.count({ where: { attempts: 0 } })).toBe(5 - EMAIL_RULES.failuresInARow)
	})
})

describe('the scheduler', () => {
	it('sends the outbox with the other jobs when there is a mail server, and leaves it alone when there is none', async () => {
		await db.prisma.emailOutbox.create({ data: { to: 'j@example.test', subject: 'From the jobs', body: 'Hi' } })
		setMailer(null)
		try {
			expect((await runJobsOnce(new Date())).emails).toEqual({ sent: 0, retrying: 0, failed: 0 })
			expect(await db.prisma.emailOutbox.findFirstOrThrow()).toMatchObject({ sentAt: null, attempts: 0 })
		} finally {
			setMailer(mailer)
		}
		const report = await runJobsOnce(new Date())
		expect(report.emails).toEqual({ sent: 1, retrying: 0, failed: 0 })
		expect(smtp.received.map((m) => m.subject)).toEqual(['From the jobs'])
	})
})

describe('who sees the emails', () => {
	it('shows /admin/emails and its Try again only to admins', async () => {
		const holder = await createUserWithRoles(db.prisma, { email: 'holder-mail@example.test', roles: ['HOLDER'] })
		const staff = await createUserWithRoles(db.prisma, { email: 'staff-mail@example.test', roles: ['FUNDER_STAFF'] })
		const admin = await createUserWithRoles(db.prisma, { email: 'admin-2@example.test', roles: ['ADMIN'] })
		const email = await db.prisma.emailOutbox.create({
			data: {
				to: 'x@example.test',
				subject: 'Failed',
				body: 'Hi',
				attempts: 8,
				failedAt: new Date(),
				lastError: '550 No',
			},
		})
		const load = (cookie: string) =>
			adminEmails.loader({ request: get('/admin/emails', cookie), params: {}, context: {} })
		const retry = async (cookie: string, withCsrf = true) =>
			adminEmails.action({
				request: await post('/admin/emails', cookie, { intent: 'retry', emailId: email.id }, withCsrf),
				params: {},
				context: {},
			})
		const anonLoad = await responseOf(load(''))
		expect(anonLoad.status).toBe(302)
		expect(anonLoad.headers.get('Location')).toMatch(/^\/login/)
		expect(await statusOf(load(await cookieFor(holder.id)))).toBe(403)
		expect(await statusOf(load(await cookieFor(staff.id)))).toBe(403)
		expect(await statusOf(load(await cookieFor(admin.id)))).toBe(200)
		expect(await statusOf(retry(''))).toBe(302)
		expect(await statusOf(retry(await cookieFor(holder.id)))).toBe(403)
		expect(await statusOf(retry(await cookieFor(staff.id)))).toBe(403)
		// An admin's form without its CSRF token is refused too.
		expect(await statusOf(retry(await cookieFor(admin.id), false))).toBe(403)
		expect(await emailRow(email.id)).toMatchObject({ attempts: 8, failedAt: expect.any(Date) })
		// An admin's form with no email chosen is refused with a message.
		const empty = await responseOf(
			adminEmails.action({
				request: await post('/admin/emails', await cookieFor(admin.id), { intent: 'retry' }),
				params: {},
				context: {},
			}),
		)
		expect(empty.status).toBe(400)
		expect(await statusOf(retry(await cookieFor(admin.id)))).toBe(302)
		expect(await emailRow(email.id)).toMatchObject({ attempts: 0, failedAt: null })
	})

	it('shows at /dev/emails, without a mail server, each person the emails to them, admins all, nobody signed out', async () => {
		setMailer(null)
		try {
			const sam = await createUserWithRoles(db.prisma, { email: 'sam-dev@example.test', roles: ['HOLDER'] })
			const rita = await createUserWithRoles(db.prisma, { email: 'rita-dev@example.test', roles: ['HOLDER'] })
			const admin = await createUserWithRoles(db.prisma, { email: 'admin-dev@example.test', roles: ['ADMIN'] })
			await inTransaction(db.prisma, async (tx) => {
				await notify(tx, { userIds: [sam.id], title: 'For Sam', body: 'Hello Sam' })
				await notify(tx, { userIds: [rita.id], title: 'For Rita', body: 'Hello Rita' })
			})
			const subjects = async (cookie: string) => {
				const data = (await (
					await responseOf(devEmails.loader({ request: get('/dev/emails', cookie), params: {}, context: {} }))
				).json()) as { sending: boolean; emails: Array<{ subject: string }> }
				expect(data.sending).toBe(false)
				return data.emails.map((e) => e.subject).sort()
			}
			expect(await statusOf(devEmails.loader({ request: get('/dev/emails', ''), params: {}, context: {} }))).toBe(302)
			expect(await subjects(await cookieFor(sam.id))).toEqual(['For Sam'])
			expect(await subjects(await cookieFor(rita.id))).toEqual(['For Rita'])
			expect(await subjects(await cookieFor(admin.id))).toEqual(['For Rita', 'For Sam'])
			// Without a mail server nothing is sent: the scheduler does not run the sender, and it would do nothing.
			expect(await sendDueEmails(new Date())).toEqual({ sent: 0, retrying: 0, failed: 0 })
			expect(await db.prisma.emailOutbox.count({ where: { sentAt: null } })).toBe(2)
		} finally {
			setMailer(mailer)
		}
	})
})
