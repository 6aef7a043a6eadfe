/**
 * Sends the email outbox (EmailOutbox, written by notify()) through a mail server, when SMTP_URL is set. The
 * scheduler (app/jobs/scheduler.server.ts) runs sendDueEmails() every minute, on every server at once; the rules
 * (attempts, waits, claims) are in email-rules.ts, the reasons in ADR 018.
 *
 * Each email is sent once, even with several senders:
 * 1. a sender claims one due email with a conditional update: it sets `claimedBy` and `claimedUntil` only if no one
 *    holds a live claim. PostgreSQL runs two such updates of one row one after the other, and the second finds the
 *    claim already taken, so exactly one sender gets it. The claim counts as an attempt.
 * 2. it sends the email (with a Message-ID made from the row's id, the same on every attempt);
 * 3. it marks it sent, only while its own claim stands. If it fails, the email waits longer before the next attempt,
 *    or is marked failed after the last one, for an admin to try again at /admin/emails.
 * A sender that dies between 1 and 3 leaves the claim to run out (EMAIL_RULES.leaseMs); another sender then sends
 * the email. Only a death after the mail server took the email and before step 3 can send it twice; the same
 * Message-ID lets mail programs show it once.
 */
import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getEnv, publicOrigin } from '#app/utils/env.server.ts'
import { afterFailure, describeSendError, EMAIL_RULES, EmailError } from './email-rules.ts'

export type OutgoingEmail = { id: string; to: string; subject: string; body: string }

/** What sends one email: nodemailer over SMTP in the app and in the tests (against a real SMTP server). */
export type Mailer = { send: (email: OutgoingEmail) => Promise<void>; close: () => void }

/** A mailer that sends through the SMTP server at `url` (smtp:// or smtps://, with the user and password in it). */
export function smtpMailer(url: string, options: { from?: string; domain?: string } = {}): Mailer {
	const domain = options.domain ?? new URL(publicOrigin()).hostname
	const from = options.from ?? `Budget Market <no-reply@${domain}>`
	// The time-outs keep one email's sending far shorter than a claim (EMAIL_RULES.leaseMs).
	const transport = nodemailer.createTransport({
		url,
		connectionTimeout: 20_000,
		greetingTimeout: 20_000,
		socketTimeout: 60_000,
	})
	return {
		async send(email) {
			await transport.sendMail({
				from,
				to: email.to,
				subject: email.subject,
				text: email.body,
				messageId: `<${email.id}@${domain}>`,
			})
		},
		close() {
			transport.close()
		},
	}
}

let mailerOverride: Mailer | null | undefined
let configured: Mailer | undefined

/** Tests: the mailer to use (null for none, as without SMTP_URL); undefined goes back to SMTP_URL's. */
export function setMailer(mailer: Mailer | null | undefined): void {
	mailerOverride = mailer
}

/** The app's mailer: the one set by setMailer, or one for SMTP_URL, or null when there is no mail server. */
export function getMailer(): Mailer | null {
	if (mailerOverride !== undefined) return mailerOverride
	const env = getEnv()
	if (!env.SMTP_URL) return null
	configured ??= smtpMailer(env.SMTP_URL, { from: env.SMTP_FROM })
	return configured
}

/** Whether emails are sent (SMTP_URL is set); without it they wait in the outbox, shown at /dev/emails in demo mode. */
export function isEmailSendingEnabled(): boolean {
	return getMailer() !== null
}

/** Claims the email `id` for `sender` as of `at`, if it is due and nobody holds a live claim on it; counts an attempt. */
async function claim(id: string, sender: string, at: Date): Promise<(OutgoingEmail & { attempts: number }) | null> {
	const claimed = await prisma.emailOutbox.updateMany({
		where: {
			id,
			sentAt: null,
			failedAt: null,
			nextAttemptAt: { lte: at },
			OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }],
		},
		data: {
			claimedBy: sender,
			claimedUntil: new Date(at.getTime() + EMAIL_RULES.leaseMs),
			attempts: { increment: 1 },
		},
	})
	if (claimed.count === 0) return null
	return prisma.emailOutbox.findUnique({
		where: { id },
		select: { id: true, to: true, subject: true, body: true, attempts: true },
	})
}

export type SendReport = { sent: number; retrying: number; failed: number }

/**
 * Sends the emails due as of `now`, up to EMAIL_RULES.batch of them, oldest due first. Safe to run on several
 * servers at once (see the module's notes). Without a mailer it does nothing.
 */
export async function sendDueEmails(
	now: Date,
	options: { mailer?: Mailer | null; sender?: string; limit?: number } = {},
): Promise<SendReport> {
	const report: SendReport = { sent: 0, retrying: 0, failed: 0 }
	const mailer = options.mailer === undefined ? getMailer() : options.mailer
	if (!mailer) return report
	const sender = options.sender ?? randomUUID()
	const startedAt = Date.now()
	// The run's `now`, moved on by the time the run has taken, so late claims in a long run still last their time.
	const at = () => new Date(now.getTime() + (Date.now() - startedAt))
	const due = await prisma.emailOutbox.findMany({
		where: {
			sentAt: null,
			failedAt: null,
			nextAttemptAt: { lte: now },
			OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
		},
		orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
		take: options.limit ?? EMAIL_RULES.batch,
		select: { id: true },
	})
	let failuresInARow = 0
	for (const { id } of due) {
		const email = await claim(id, sender, at())
		if (!email) continue // another sender has it
		try {
			await mailer.send({ id: email.id, to: email.to, subject: email.subject, body: email.body })
		} catch (error) {
			failuresInARow++
			const failedAt = at()
			const next = afterFailure(email.attempts, failedAt)
			const updated = await prisma.emailOutbox.updateMany({
				where: { id, claimedBy: sender, sentAt: null },
				data: {
					claimedBy: null,
					claimedUntil: null,
					lastError: describeSendError(error),
					...(next.giveUp ? { failedAt } : { nextAttemptAt: next.nextAttemptAt }),
				},
			})
			if (updated.count > 0) {
				if (next.giveUp) report.failed++
				else report.retrying++
			}
			if (failuresInARow >= EMAIL_RULES.failuresInARow) break
			continue
		}
		failuresInARow = 0
		await prisma.emailOutbox.updateMany({
			where: { id, claimedBy: sender, sentAt: null },
			data: { sentAt: at(), claimedBy: null, claimedUntil: null, lastError: null },
		})
		report.sent++
	}
	return report
}

export const EMAIL_PROBLEMS_LIMIT = 100

/**
 * For admins: the emails that could not be sent (failed, newest first) and those waiting to be tried again after a
 * failure (soonest first), with how many emails wait to be sent in all.
 */
export async function emailProblems() {
	const select = {
		id: true,
		to: true,
		subject: true,
		attempts: true,
		lastError: true,
		nextAttemptAt: true,
		failedAt: true,
		createdAt: true,
	} as const
	const [failed, retrying, waiting] = await Promise.all([
		prisma.emailOutbox.findMany({
			where: { sentAt: null, failedAt: { not: null } },
			orderBy: [{ failedAt: 'desc' }, { id: 'desc' }],
			take: EMAIL_PROBLEMS_LIMIT,
			select,
		}),
		prisma.emailOutbox.findMany({
			where: { sentAt: null, failedAt: null, lastError: { not: null } },
			orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
			take: EMAIL_PROBLEMS_LIMIT,
			select,
		}),
		prisma.emailOutbox.count({ where: { sentAt: null, failedAt: null } }),
	])
	return { failed, retrying, waiting }
}

/**
 * An admin's "Try again": the email is due now, with all its attempts ahead of it again. Refused for an email that
 * was sent, or that a sender is sending right now.
 */
export async function retryEmail(id: string, now: Date = clockNow()): Promise<void> {
	const updated = await prisma.emailOutbox.updateMany({
		where: { id, sentAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
		data: { failedAt: null, attempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null },
	})
	if (updated.count > 0) return
	const email = await prisma.emailOutbox.findUnique({ where: { id }, select: { sentAt: true } })
	if (!email) throw new EmailError('NOT_FOUND', 'We could not find that email.')
	if (email.sentAt) throw new EmailError('ALREADY_SENT', 'That email has been sent already.')
	throw new EmailError('BEING_SENT', 'That email is being sent right now. Look again in a minute.')
}
