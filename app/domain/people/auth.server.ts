import { prisma } from '#app/utils/db.server.ts'
import { Role } from '#app/generated/prisma/enums.ts'
import { SESSION_DAYS } from '#app/utils/session.server.ts'
import { verifyPassword } from './password.server.ts'
import { chargeAttempt, THROTTLE_RULES, type ThrottleRule, type ThrottleState } from './throttle.ts'

/**
 * Sign-in throttling (ADR 016): growing delays, per account and per address, never a lock-out the owner cannot
 * pass. A browser that has signed in to an account before carries a signed device cookie (app/utils/device.server.ts);
 * its attempts are throttled on their own, so a stranger's guesses cannot keep the owner out of their account.
 */
export type Device = { id: string; emails: string[] }

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	/** The password is right but the person has not opened the link emailed at sign-up yet. */
	| { ok: false; reason: 'unconfirmed' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

type ThrottleKey = { key: string; rule: ThrottleRule; kind: 'account' | 'address' | 'device' | 'sign-up' }

function signInKeys(email: string, ip: string, device: Device | null | undefined): ThrottleKey[] {
	if (device && device.emails.includes(email)) {
		return [{ key: `device:${device.id}:${email}`, rule: THROTTLE_RULES.device, kind: 'device' }]
	}
	return [
		{ key: `account:${email}`, rule: THROTTLE_RULES.account, kind: 'account' },
		{ key: `address:${ip}`, rule: THROTTLE_RULES.address, kind: 'address' },
	]
}

/**
 * Charges one attempt to every key, all or none, under row locks taken in key order: parallel attempts are counted
 * one by one, on PGlite and on PostgreSQL alike. Returns how long to wait when any key is waiting.
 */
async function chargeKeys(
	keys: ThrottleKey[],
	now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
	const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key))
	return prisma.$transaction(async (tx) => {
		const charged = []
		for (const { key, rule } of sorted) {
			await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "nextAllowedAt", "updatedAt") VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT ("key") DO NOTHING`
			const [row] = await tx.$queryRaw<
				ThrottleState[]
			>`SELECT "failures", "nextAllowedAt", "updatedAt" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`
			charged.push({ key, result: chargeAttempt(row && row.failures > 0 ? row : null, rule, now) })
		}
		const waits = charged.filter((c) => !c.result.allowed).map((c) => c.result.retryAfterMs)
		if (waits.length > 0) return { allowed: false as const, retryAfterMs: Math.max(...waits) }
		for (const { key, result } of charged) {
			await tx.loginThrottle.update({ where: { key }, data: result.next })
		}
		return { allowed: true as const }
	})
}

/** A successful sign-in takes back the failure charged in advance; the account's own keys start afresh. */
async function creditKeys(keys: ThrottleKey[]): Promise<void> {
	for (const { key, kind } of keys) {
		if (kind === 'address') {
			await prisma.$executeRaw`UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`
		} else {
			await prisma.loginThrottle.deleteMany({ where: { key } })
		}
	}
}

export async function signIn(
	emailInput: string,
	password: string,
	ip: string,
	device?: Device | null,
	now = new Date(),
): Promise<SignInResult> {
	const email = emailInput.trim().toLowerCase()
	const keys = signInKeys(email, ip, device)
	const charge = await chargeKeys(keys, now)
	if (!charge.allowed)
		return { ok: false, reason: 'rate-limited', retryAfterSeconds: Math.ceil(charge.retryAfterMs / 1000) }
	const user = await prisma.user.findUnique({
		where: { email },
		select: { id: true, passwordHash: true, emailConfirmedAt: true },
	})
	// Compare against a hash even for unknown emails, so timing does not reveal who has an account.
	const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
	const succeeded = Boolean(user && valid)
	await prisma.loginAttempt.create({ data: { email, ip, succeeded } })
	if (!user || !succeeded) return { ok: false, reason: 'invalid' }
	await creditKeys(keys)
	if (!user.emailConfirmedAt) return { ok: false, reason: 'unconfirmed' }
	return { ok: true, userId: user.id }
}

/** Sign-ups from one address, throttled like sign-in attempts (each sign-up counts). */
export async function chargeSignUp(
	ip: string,
	now = new Date(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
	const charge = await chargeKeys([{ key: `sign-up:${ip}`, rule: THROTTLE_RULES.signUp, kind: 'sign-up' }], now)
	return charge.allowed ? { ok: true } : { ok: false, retryAfterSeconds: Math.ceil(charge.retryAfterMs / 1000) }
}

// bcrypt hash of a random string nobody knows.
export const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jnYhQ9pQ4gJp3qK5y3F6Ue9dG3bK'

export async function createSession(
	userId: string,
	userAgent: string | null,
): Promise<{ id: string; expiresAt: Date }> {
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000)
	return prisma.session.create({
		data: { userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null },
		select: { id: true, expiresAt: true },
	})
}

export async function deleteSession(sessionId: string): Promise<void> {
	await prisma.session.deleteMany({ where: { id: sessionId } })
}

/** Signs a person out on every device: all their sessions end at once (a copied cookie stops working too). */
export async function deleteAllSessions(userId: string): Promise<number> {
	return (await prisma.session.deleteMany({ where: { userId } })).count
}

export const sessionUserSelect = {
	id: true,
	email: true,
	name: true,
	roles: true,
	funderId: true,
} as const

export type SessionUser = { id: string; email: string; name: string; roles: Role[]; funderId: string | null }

/**
 * The signed-in person for a session id, or null when the session is unknown or expired. One query (issue 14): the
 * person is found through a live session of theirs, where reading the session and then its user took two on every
 * signed-in page (relationJoins is off).
 */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
	return prisma.user.findFirst({
		where: { sessions: { some: { id: sessionId, expiresAt: { gt: now } } } },
		select: sessionUserSelect,
	})
}

export async function listFundersForSignUp() {
	return prisma.funder.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })
}

export async function funderExists(id: string): Promise<boolean> {
	return (await prisma.funder.count({ where: { id } })) > 0
}
