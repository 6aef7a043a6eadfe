/**
 * What the database-backed tests of the domain share, so that each test file states only its own world and checks:
 * its own database (made before its tests, dropped after them), the signed-in person a domain function takes, and
 * the refusal a domain function answers with. The data builders themselves are in tests/db-utils.ts.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'

/** The signed-in person the domain functions take, from a user row. */
export function sessionUser(u: {
	id: string
	email: string
	name: string
	roles: SessionUser['roles']
	funderId: string | null
}): SessionUser {
	return { id: u.id, email: u.email, name: u.name, roles: u.roles, funderId: u.funderId }
}
