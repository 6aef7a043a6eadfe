/**
 * How the email outbox is sent (see email-sender.server.ts and ADR 018): pure rules, no database.
 *
 * An email waiting in the outbox is claimed by one sender for `leaseMs`, sent, and marked sent. Each claim counts as
 * an attempt. When sending fails, the next attempt waits twice as long as the one before (1, 2, 4… minutes, never
 * more than `maxWaitMs`); after `maxAttempts` attempts the email is marked failed and waits for an admin.
 *
 *   waiting ──claim──▶ claimed ──sent──▶ sent
 *      ▲                 │   └──fails, attempts left──▶ waiting (later)
 *      │                 └──fails, no attempts left──▶ failed
 *      └────────── "Try again" (an admin) ◀──────────────┘
 *
 * A sender that dies while holding a claim leaves it to run out; then another sender takes the email again.
 */
import { z } from 'zod'
import { DomainError } from '#app/utils/errors.ts'

export const EMAIL_RULES = {
	/** Attempts in all before an email is marked failed. */
	maxAttempts: 8,
	/** The wait after the first failed attempt; it doubles after each one. */
	firstWaitMs: 60_000,
	/** The longest wait between two attempts. */
	maxWaitMs: 60 * 60_000,
	/**
	 * How long a claim lasts. Far longer than sending one email can take (the SMTP time-outs below), so a claim runs
	 * out only when its sender has died.
	 */
	leaseMs: 10 * 60_000,
	/** The most emails one run of the sender sends. */
	batch: 50,
	/** A run stops after this many failures in a row (the mail server is probably down: the others wait too). */
	failuresInARow: 3,
	/** Longest an error kept on the email may be. */
	errorLength: 500,
} as const

/** How long to wait after the attempt numbered `attempts` (1 for the first) failed. */
export function waitAfterFailure(attempts: number): number {
	const doublings = Math.max(0, attempts - 1)
	return Math.min(EMAIL_RULES.firstWaitMs * 2 ** Math.min(doublings, 30), EMAIL_RULES.maxWaitMs)
}

export type AfterFailure = { giveUp: true } | { giveUp: false; nextAttemptAt: Date }

/** What happens to an email whose attempt numbered `attempts` failed at `at`: try again later, or give up. */
export function afterFailure(attempts: number, at: Date): AfterFailure {
	if (attempts >= EMAIL_RULES.maxAttempts) return { giveUp: true }
	return { giveUp: false, nextAttemptAt: new Date(at.getTime() + waitAfterFailure(attempts)) }
}

/** A short, single-line account of why sending failed, for the admin page (SMTP replies carry their code). */
export function describeSendError(error: unknown): string {
	const base = error instanceof Error ? error.message : String(error)
	const code = (error as { responseCode?: unknown } | null)?.responseCode
	const text = typeof code === 'number' && !base.includes(String(code)) ? `${code} ${base}` : base
	const line = text.replace(/\s+/g, ' ').trim() || 'Unknown error'
	return line.length > EMAIL_RULES.errorLength ? `${line.slice(0, EMAIL_RULES.errorLength - 1)}…` : line
}

export type EmailErrorCode = 'NOT_FOUND' | 'ALREADY_SENT' | 'BEING_SENT'

const STATUS: Record<EmailErrorCode, number> = { NOT_FOUND: 404, ALREADY_SENT: 409, BEING_SENT: 409 }

/** The email outbox's refusals (see DomainError). */
export class EmailError extends DomainError<EmailErrorCode> {
	override name = 'EmailError'

	constructor(code: EmailErrorCode, message: string) {
		super(STATUS, code, message)
	}
}

/** An admin's "Try again" on an email at /admin/emails. */
export const RetryEmailSchema = z.object({
	intent: z.literal('retry'),
	emailId: z.string({ required_error: 'Choose an email to try again' }).min(1, 'Choose an email to try again'),
})
