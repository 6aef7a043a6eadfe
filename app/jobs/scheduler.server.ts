/**
 * The scheduler: runs every capability's scheduled jobs every minute, inside the web server (server/index.ts
 * calls startJobs() once the database is ready; `npm run jobs:run` runs them once from the shell). It only wires
 * and times them; each job lives with its capability:
 *  - money (app/domain/money/jobs.server.ts): instalments due, holds that ran out, payouts to send;
 *  - bookings (app/domain/bookings): confirm (and pay) sessions marked delivered whose time to report a problem
 *    has passed, and cancel requests nobody answered before the session time;
 *  - reviews (app/domain/reviews): publish reviews whose double-blind window closed, updating the ratings;
 *  - commissions (app/domain/commissions/jobs.server.ts): confirm or fail commissions whose pledge deadline passed,
 *    and confirm (and pay) their sessions marked delivered whose time to report a problem has passed;
 *  - plans (app/domain/plans/reviews.server.ts): remind people once when a plan's review falls due, and once more
 *    (with the funder's staff) when it is overdue;
 *  - emails (app/domain/notifications/email-sender.server.ts): send the email outbox, only when SMTP_URL is set.
 *
 * Every job is idempotent and safe to run on several servers at once (row locks, advisory locks and ledger
 * idempotency keys), so there is no leader election: each server runs them every minute. A run never overlaps
 * the previous one in the same process.
 */
import { runBookingJobs } from '#app/domain/bookings/jobs.server.ts'
import { runCommissionJobs } from '#app/domain/commissions/jobs.server.ts'
import { isEmailSendingEnabled, sendDueEmails } from '#app/domain/notifications/email-sender.server.ts'
import { payDueInstalments, releaseExpiredHolds, sendDuePayouts } from '#app/domain/money/jobs.server.ts'
import { runReviewReminders } from '#app/domain/plans/reviews.server.ts'
import { publishDueReviews } from '#app/domain/reviews/rating.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'

export type JobsReport = {
	instalmentsPaid: number
	instalmentsFailed: { instalmentId: string; message: string }[]
	holdsExpired: number
	payouts: { paid: number; failed: number; waiting: number }
	bookings: { confirmed: number; expired: number }
	commissions: { confirmed: number; failed: number; sessionsConfirmed: number }
	reviewsPublished: number
	planReviewReminders: { due: number; overdue: number }
	emails: { sent: number; retrying: number; failed: number }
	errors: string[]
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}

/** Runs every job once, as of `now`. One job failing does not stop the others; its error is in the report. */
export async function runJobsOnce(now = clockNow()): Promise<JobsReport> {
	const report: JobsReport = {
		instalmentsPaid: 0,
		instalmentsFailed: [],
		holdsExpired: 0,
		payouts: { paid: 0, failed: 0, waiting: 0 },
		bookings: { confirmed: 0, expired: 0 },
		commissions: { confirmed: 0, failed: 0, sessionsConfirmed: 0 },
		reviewsPublished: 0,
		planReviewReminders: { due: 0, overdue: 0 },
		emails: { sent: 0, retrying: 0, failed: 0 },
		errors: [],
	}
	try {
		const instalments = await payDueInstalments(now)
		report.instalmentsPaid = instalments.paid
		report.instalmentsFailed = instalments.failed
	} catch (error) {
		report.errors.push(`Instalments: ${message(error)}`)
	}
	try {
		report.holdsExpired = await releaseExpiredHolds(now)
	} catch (error) {
		report.errors.push(`Expiring holds: ${message(error)}`)
	}
	// Confirming bookings starts payouts, so it runs before they are sent.
	try {
		const bookings = await runBookingJobs(now)
		report.bookings = { confirmed: bookings.confirmed, expired: bookings.expired }
		report.errors.push(...bookings.failed.map((f) => `Booking ${f}`))
	} catch (error) {
		report.errors.push(`Bookings: ${message(error)}`)
	}
	// So do the commissions' sessions.
	try {
		const commissions = await runCommissionJobs(now)
		report.commissions = {
			confirmed: commissions.confirmed,
			failed: commissions.failed,
			sessionsConfirmed: commissions.sessionsConfirmed,
		}
		report.errors.push(...commissions.errors.map((e) => `Commission ${e}`))
	} catch (error) {
		report.errors.push(`Commissions: ${message(error)}`)
	}
	try {
		report.payouts = await sendDuePayouts(now)
	} catch (error) {
		report.errors.push(`Payouts: ${message(error)}`)
	}
	try {
		report.reviewsPublished = (await publishDueReviews(now)).reviewsPublished
	} catch (error) {
		report.errors.push(`Reviews: ${message(error)}`)
	}
	try {
		const reminders = await runReviewReminders(now)
		report.planReviewReminders = { due: reminders.due, overdue: reminders.overdue }
		report.errors.push(...reminders.errors.map((e) => `Plan review ${e}`))
	} catch (error) {
		report.errors.push(`Plan reviews: ${message(error)}`)
	}
	// Last, so the emails the jobs above wrote go out in the same run.
	if (isEmailSendingEnabled()) {
		try {
			report.emails = await sendDueEmails(now)
		} catch (error) {
			report.errors.push(`Emails: ${message(error)}`)
		}
	}
	return report
}

function worthLogging(report: JobsReport): boolean {
	return (
		report.instalmentsPaid > 0 ||
		report.instalmentsFailed.length > 0 ||
		report.holdsExpired > 0 ||
		report.payouts.paid + report.payouts.failed > 0 ||
		report.bookings.confirmed + report.bookings.expired + report.reviewsPublished > 0 ||
		report.planReviewReminders.due + report.planReviewReminders.overdue > 0 ||
		report.commissions.confirmed + report.commissions.failed + report.commissions.sessionsConfirmed > 0 ||
		report.emails.sent + report.emails.retrying + report.emails.failed > 0 ||
		report.errors.length > 0
	)
}

export type JobsHandle = { stop: () => Promise<void>; runNow: () => Promise<JobsReport | null> }

/**
 * Runs the jobs now and then every `intervalMs` (default a minute). The timer does not keep the process alive.
 * `stop()` waits for a run in progress to finish.
 */
export function startJobs(options: { intervalMs?: number; log?: (line: string) => void } = {}): JobsHandle {
	const intervalMs = options.intervalMs ?? 60_000
	const log = options.log ?? ((line: string) => console.log(line))
	let running: Promise<JobsReport | null> | null = null
	let stopped = false
	const tick = (): Promise<JobsReport | null> => {
		if (stopped) return Promise.resolve(null)
		if (running) return running
		running = runJobsOnce(clockNow())
			.then((report) => {
				if (worthLogging(report)) {
					log(
						`Jobs: ${report.instalmentsPaid} instalment(s) paid, ${report.holdsExpired} hold(s) released, ` +
							`${report.payouts.paid} payout(s) sent, ${report.payouts.failed} refused, ` +
							`${report.bookings.confirmed} session(s) confirmed automatically, ${report.bookings.expired} unanswered request(s) cancelled, ` +
							`${report.commissions.confirmed} commission(s) confirmed and ${report.commissions.failed} failed at their deadline, ` +
							`${report.commissions.sessionsConfirmed} group session(s) confirmed automatically, ` +
							`${report.reviewsPublished} review(s) published, ` +
							`${report.emails.sent} email(s) sent, ${report.emails.retrying} to try again, ${report.emails.failed} failed` +
							(report.instalmentsFailed.length + report.errors.length > 0
								? `; problems: ${[...report.instalmentsFailed.map((f) => `instalment ${f.instalmentId}: ${f.message}`), ...report.errors].join('; ')}`
								: ''),
					)
				}
				return report
			})
			.catch((error: unknown) => {
				log(`Jobs failed: ${message(error)}`)
				return null
			})
			.finally(() => {
				running = null
			})
		return running
	}
	const timer = setInterval(() => void tick(), intervalMs)
	timer.unref()
	void tick()
	return {
		runNow: tick,
		async stop() {
			stopped = true
			clearInterval(timer)
			await running
		},
	}
}
