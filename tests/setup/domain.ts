/**
 * What the database-backed tests of the domain share, so that each test file states only its own world and checks:
 * its own database (made before its tests, dropped after them), the signed-in person a domain function takes, and
 * the refusal a domain function answers with. The data builders themselves are in tests/db-utils.ts.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { setStripe } from '#app/utils/stripe.server.ts'
import { createTestDb, type TestDb } from './test-db.ts'

/**
 * A fresh database of this test file's own, made the app's database, with the app running without Stripe (as the
 * demo does). Give it back with `closeTestDb`.
 */
export async function openTestDb(): Promise<TestDb> {
	const db = await createTestDb()
	setDb(db)
	setStripe(null)
	return db
}

/** Undoes `openTestDb`: Stripe back to the environment's, and the database dropped. */
export async function closeTestDb(db: TestDb | undefined): Promise<void> {
	setStripe(undefined)
	await db?.cleanup()
}

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
