import { prisma } from '#app/utils/db.server.ts'
import { Role } from '#app/generated/prisma/enums.ts'
import { SESSION_DAYS } from '#app/utils/session.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import type { SignUpInput } from './schemas.ts'

/** Sign-in limits, counted in the database so they hold across every web server. */
export const LOGIN_LIMITS = {
	windowMinutes: 15,
	failuresPerEmail: 5,
	failuresPerIp: 30,
}

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' | 'rate-limited' }

export async function isRateLimited(email: string, ip: string, now = new Date()): Promise<boolean> {
	const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000)
	const [byEmail, byIp] = await Promise.all([
		prisma.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
		prisma.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
	])
	return byEmail >= LOGIN_LIMITS.failuresPerEmail || byIp >= LOGIN_LIMITS.failuresPerIp
}

export async function signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
	const email = emailInput.trim().toLowerCase()
	if (await isRateLimited(email, ip)) return { ok: false, reason: 'rate-limited' }
	const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } })
	// Compare against a hash even for unknown emails, so timing does not reveal who has an account.
	const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
	const succeeded = Boolean(user && valid)
	await prisma.loginAttempt.create({ data: { email, ip, succeeded } })
	if (!user || !succeeded) return { ok: false, reason: 'invalid' }
	return { ok: true, userId: user.id }
}

// bcrypt hash of a random string nobody knows.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jnYhQ9pQ4gJp3qK5y3F6Ue9dG3bK'

export type SignUpResult = { ok: true; userId: string } | { ok: false; field: 'email'; message: string }

export async function signUp(input: SignUpInput): Promise<SignUpResult> {
	const email = input.email.trim().toLowerCase()
	const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } })
	if (existing) {
		return { ok: false, field: 'email', message: 'An account with this email already exists. Sign in instead.' }
	}
	const passwordHash = await hashPassword(input.password)
	const role = Role[input.role]
	const user = await prisma.$transaction(async (tx) => {
		const created = await tx.user.create({ data: { email, name: input.name.trim(), passwordHash, roles: [role] } })
		if (role === Role.HOLDER && input.funderId) {
			await tx.budgetHolder.create({
				data: { userId: created.id, displayName: created.name, funderId: input.funderId },
			})
		}
		await tx.auditLog.create({
			data: { actorId: created.id, action: 'sign-up', entityType: 'User', entityId: created.id, detail: { role } },
		})
		return created
	})
	return { ok: true, userId: user.id }
}

export async function createSession(userId: string, userAgent: string | null): Promise<{ id: string; expiresAt: Date }> {
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000)
	return prisma.session.create({
		data: { userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null },
		select: { id: true, expiresAt: true },
	})
}

export async function deleteSession(sessionId: string): Promise<void> {
	await prisma.session.deleteMany({ where: { id: sessionId } })
}

export const sessionUserSelect = {
	id: true,
	email: true,
	name: true,
	roles: true,
	funderId: true,
} as const

export type SessionUser = { id: string; email: string; name: string; roles: Role[]; funderId: string | null }

/** The signed-in person for a session id, or null when the session is unknown or expired. */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
	const session = await prisma.session.findUnique({
		where: { id: sessionId },
		select: { expiresAt: true, user: { select: sessionUserSelect } },
	})
	if (!session || session.expiresAt <= now) return null
	return session.user
}

export async function listFundersForSignUp() {
	return prisma.funder.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })
}

export async function funderExists(id: string): Promise<boolean> {
	return (await prisma.funder.count({ where: { id } })) > 0
}
