/**
 * What the database-backed tests of the domain share, so that each test file states only its own world and checks:
 * its own database (made before its tests, dropped after them), the signed-in person a domain function takes, and
 * the refusal a domain function answers with. The data builders themselves are in tests/db-utils.ts.
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { startOfDay } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import type { DomainError } from '#app/utils/errors.ts'
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

/** A DomainError subclass (ConsentError, BookingError, …), whatever its constructor takes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor of a DomainError subclass
type ErrorClass<Code extends string = string> = abstract new (...args: any[]) => DomainError<Code>

/**
 * How a domain call refused: its code, message and HTTP status. Fails the test if the call succeeded, and throws on
 * any error that is not one of `classes` (a refusal of another kind is a bug, not the refusal expected).
 */
export async function refusal(
	promise: Promise<unknown>,
	...classes: ErrorClass[]
): Promise<{ code: string; message: string; status: number }> {
	try {
		await promise
	} catch (error) {
		if (classes.some((c) => error instanceof c)) {
			const e = error as DomainError
			return { code: e.code, message: e.message, status: e.status }
		}
		throw error
	}
	throw new Error('Expected a refusal, but it succeeded')
}

/**
 * Expects the call to be refused by an error of `errorClass` with this code; returns the message (for the checks
 * on its wording). Any other error is thrown as it is.
 */
export async function expectRefusal<Code extends string>(
	promise: Promise<unknown>,
	errorClass: ErrorClass<Code>,
	code: Code,
): Promise<string> {
	try {
		await promise
	} catch (error) {
		if (error instanceof errorClass) {
			expect(error.code, error.message).toBe(code)
			return error.message
		}
		throw error
	}
	throw new Error(`Expected a ${code} refusal, but it succeeded`)
}

/** The funder pays `amountEach` pence into the holder's budget once, on `firstOn` (today by default). */
export function allocateOnce(input: {
	funderId: string
	holderId: string
	staffUserId: string
	amountEach: number
	firstOn?: Date
}) {
	return createAllocation({
		funderId: input.funderId,
		holderId: input.holderId,
		staffUserId: input.staffUserId,
		schedule: 'ONE_OFF',
		amountEach: input.amountEach,
		firstOn: input.firstOn ?? startOfDay(new Date()),
		idempotencyKey: randomUUID(),
	})
}
