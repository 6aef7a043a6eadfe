/**
 * Signing up without telling a stranger who has an account (ADR 016). Whatever email is typed, the form answers the
 * same way: "check your email". The email itself says what happened:
 *
 * - a new address gets a link (/signup/confirm/<token>, 24 hours, single use); opening it and pressing the button
 *   proves the address is the person's, confirms the account and signs them in;
 * - an address that already has a confirmed account gets "you already have an account", with the sign-in link;
 * - an address whose earlier sign-up was never confirmed is signed up afresh: nobody has proved it is theirs yet, so
 *   the newest form wins and the older links stop working.
 *
 * Until confirmed, the account cannot sign in (signIn answers 'unconfirmed' after a right password), and a budget
 * holder's request to their funder waits as well (join-requests.server.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import { Role } from '#app/generated/prisma/enums.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { inTransaction } from '#app/utils/transaction.server.ts'
import { hashPassword } from './password.server.ts'
import type { SignUpInput } from './schemas.ts'

export const CONFIRMATION_HOURS = 24

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export type SignUpOutcome = { email: string; sent: 'confirmation' | 'already-has-account' }

/** Signs a person up, or tells the owner of an existing account. Callers answer the same way for both. */
export async function signUp(
	input: SignUpInput,
	options: { redirectTo?: string | null } = {},
	now: Date = clockNow(),
): Promise<SignUpOutcome> {
	const email = input.email.trim().toLowerCase()
	// Hash in every case, so the time taken does not tell whether the address has an account.
	const passwordHash = await hashPassword(input.password)
	const role = Role[input.role]
	return inTransaction(prisma, async (tx) => {
		const existing = await tx.user.findUnique({
			where: { email },
			select: { id: true, emailConfirmedAt: true, holder: { select: { id: true } } },
		})
		if (existing?.emailConfirmedAt) {
			await tx.emailOutbox.create({
				data: {
					to: email,
					subject: 'You already have a Budget Market account',
					body: [
						'Someone, probably you, tried to create a Budget Market account with this email address.',
						`You already have one. Sign in here: ${publicOrigin()}/login`,
						'If it was not you, you do not need to do anything. Your account has not changed.',
					].join('\n\n'),
				},
			})
			return { email, sent: 'already-has-account' as const }
		}
		const user = existing
			? await tx.user.update({
					where: { id: existing.id },
					data: { name: input.name.trim(), passwordHash, roles: [role] },
				})
			: await tx.user.create({
					data: { email, name: input.name.trim(), passwordHash, roles: [role], emailConfirmedAt: null },
				})
		if (existing) {
			await tx.signUpConfirmation.deleteMany({ where: { userId: user.id } })
			if (existing.holder && !(role === Role.HOLDER && input.funderId)) {
				await tx.budgetHolder.delete({ where: { id: existing.holder.id } })
			}
		}
		if (role === Role.HOLDER && input.funderId) {
			const holder = { displayName: user.name, funderId: input.funderId, joinRequestedAt: now }
			if (existing?.holder) await tx.budgetHolder.update({ where: { id: existing.holder.id }, data: holder })
			else await tx.budgetHolder.create({ data: { userId: user.id, ...holder } })
		}
		const token = randomBytes(32).toString('base64url')
		await tx.signUpConfirmation.create({
			data: {
				userId: user.id,
				tokenHash: hashToken(token),
				redirectTo: options.redirectTo ?? null,
				expiresAt: new Date(now.getTime() + CONFIRMATION_HOURS * 3_600_000),
			},
		})
		await tx.emailOutbox.create({
			data: {
				to: email,
				subject: 'Finish creating your Budget Market account',
				body: [
					`Hello ${user.name},`,
					`To finish creating your account, open this link within ${CONFIRMATION_HOURS} hours:`,
					`${publicOrigin()}/signup/confirm/${token}`,
					'If you did not ask for an account, you do not need to do anything: without the link, no account is made.',
				].join('\n\n'),
			},
		})
		await audit(tx, { actorId: user.id, action: 'sign-up', entityType: 'User', entityId: user.id, detail: { role } })
		return { email, sent: 'confirmation' as const }
	})
}

export type PendingConfirmation = { name: string; email: string }

/** What a confirmation link is for, or null when it does not work (unknown, used or out of date). */
export async function findConfirmation(token: string, now: Date = clockNow()): Promise<PendingConfirmation | null> {
	if (!token || token.length > 100) return null
	const found = await prisma.signUpConfirmation.findUnique({
		where: { tokenHash: hashToken(token) },
		select: { usedAt: true, expiresAt: true, user: { select: { name: true, email: true } } },
	})
	if (!found || found.usedAt || found.expiresAt <= now) return null
	return { name: found.user.name, email: found.user.email }
}

/**
 * Confirms the account the link was sent for, once. Returns the person to sign in and where to take them, or null
 * when the link does not work. Pressing the button twice (the second after the first worked) also gets null.
 */
export async function confirmSignUp(
	token: string,
	now: Date = clockNow(),
): Promise<{ userId: string; email: string; redirectTo: string | null } | null> {
	if (!token || token.length > 100) return null
	return inTransaction(prisma, async (tx) => {
		const found = await tx.signUpConfirmation.findUnique({ where: { tokenHash: hashToken(token) } })
		if (!found || found.usedAt || found.expiresAt <= now) return null
		const used = await tx.signUpConfirmation.updateMany({
			where: { id: found.id, usedAt: null },
			data: { usedAt: now },
		})
		if (used.count !== 1) return null
		const user = await tx.user.update({ where: { id: found.userId }, data: { emailConfirmedAt: now } })
		await audit(tx, { actorId: found.userId, action: 'email-confirmed', entityType: 'User', entityId: found.userId })
		return { userId: found.userId, email: user.email, redirectTo: found.redirectTo }
	})
}
