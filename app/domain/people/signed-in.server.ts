/**
 * What every page's shell needs about the signed-in person, in one query (issue 14): who they are (as
 * getSessionUser), how many notifications they have not read, and their own budget holder record. The root loader
 * ran these as four queries on every signed-in page.
 */
import type { Role } from '#app/generated/prisma/enums.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { SessionUser } from './auth.server.ts'
import type { PlacesPerson } from './places.ts'

export type SignedIn = { user: SessionUser; unread: number; person: PlacesPerson }

type Row = {
	id: string
	email: string
	name: string
	roles: Role[]
	funderId: string | null
	expired: boolean
	holderId: string | null
	unread: number
}

/** The signed-in person for a session id with their unread count and places, or null (unknown or expired). */
export async function getSignedInBySession(sessionId: string, now = new Date()): Promise<SignedIn | null> {
	const [row] = await prisma.$queryRaw<Row[]>`
		SELECT u."id", u."email", u."name", u."roles"::text[] AS "roles", u."funderId",
		  (s."expiresAt" <= ${now}) AS "expired",
		  (SELECT h."id" FROM "BudgetHolder" h WHERE h."userId" = u."id") AS "holderId",
		  (SELECT COUNT(*) FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL)::int AS "unread"
		FROM "Session" s JOIN "User" u ON u."id" = s."userId"
		WHERE s."id" = ${sessionId}`
	if (!row || row.expired) return null
	const user: SessionUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, funderId: row.funderId }
	// As placesPerson: only a holder's own record counts.
	const holderId = user.roles.includes('HOLDER') ? row.holderId : null
	return { user, unread: Number(row.unread), person: { roles: user.roles, funderId: user.funderId, holderId } }
}
