/**
 * What the database-backed tests of the domain share, so that each test file states only its own world and checks:
 * its own database (made before its tests, dropped after them), the signed-in person a domain function takes, and
 * the refusal a domain function answers with. The data builders themselves are in tests/db-utils.ts.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect } from 'vitest'
import type { BookingRequestInput } from '#app/domain/bookings/request.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { startOfDay } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import type { DomainError } from '#app/utils/errors.ts'
import { setStripe } from '#app/utils/stripe.server.ts'
import {
	createFunder,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
	openEveryDay,
	type CreatedProvider,
	type CreateProviderInput,
	type CreateUserInput,
} from '#tests/db-utils.ts'
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

/**
 * This test file's own database for the whole file: opened (`openTestDb`) before its tests and given back
 * (`closeTestDb`) after them. Call it at the top of the file; the function it returns gives the database in a test.
 */
export function testDbForFile(): () => TestDb {
	let db: TestDb | undefined
	beforeAll(async () => {
		db = await openTestDb()
	})
	afterAll(async () => {
		await closeTestDb(db)
	})
	return () => {
		if (!db) throw new Error('The test database is opened before the tests: use it inside a test or a hook')
		return db
	}
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

// ───────────────────────────── Worlds ─────────────────────────────

type Prismas = TestDb['prisma']
type FundedHolder = { id: string; person: SessionUser; planId: string | null; lineId: string | null }

/**
 * A test file's world: its own database (`openTestDb`), a funder and a member of that funder's staff, and the
 * builders the domain tests share, bound to that database and funder.
 */
export type World = {
	db: TestDb
	p: Prismas
	funderId: string
	staff: SessionUser
	/** A new user with these roles, as the signed-in person the domain functions take. */
	person(input?: CreateUserInput): Promise<SessionUser>
	/**
	 * A holder of the world's funder who signs in (Sam Taylor unless named), with an agreed plan of one Personal care
	 * line of `planPence` (a plan with no lines when null), and `fundedPence` paid into their budget once by the
	 * world's staff.
	 */
	fundedHolder(input: { displayName?: string; planPence: number | null; fundedPence?: number }): Promise<FundedHolder>
	/**
	 * Amina Shah, a personal assistant with one service (the builder's unless `input.service` changes it), open every
	 * day from 08:00 to 20:00 unless `hours` says otherwise (minutes after midnight). `person` is her owner's session.
	 */
	amina(
		input?: CreateProviderInput,
		hours?: { from: number; to: number },
	): Promise<CreatedProvider & { person: SessionUser }>
}

/**
 * Opens this test file's database and makes a funder in it (Leicester City Council, unless `funder` says otherwise)
 * with one member of staff (`staff` adds a name or email). Give the database back with `closeTestDb(world.db)`.
 */
export async function openWorld(
	funder: Partial<Prisma.FunderUncheckedCreateInput> = {},
	staff: CreateUserInput = {},
): Promise<World> {
	const db = await openTestDb()
	const p = db.prisma
	const funderId = (await createFunder(p, { name: 'Leicester City Council', ...funder })).id
	const person = async (input: CreateUserInput = {}) => sessionUser(await createUserWithRoles(p, input))
	const world: World = {
		db,
		p,
		funderId,
		staff: await person({ ...staff, roles: ['FUNDER_STAFF'], funderId }),
		person,
		async fundedHolder(input) {
			const amountPence = input.planPence
			const lines = amountPence === null ? [] : [{ name: 'Personal care', categorySlug: 'personal-care', amountPence }]
			const created = await createHolder(p, {
				funderId,
				displayName: input.displayName ?? 'Sam Taylor',
				plan: { lines },
			})
			const id = created.holder.id
			if (input.fundedPence !== undefined) {
				await allocateOnce({ funderId, holderId: id, staffUserId: world.staff.id, amountEach: input.fundedPence })
			}
			return {
				id,
				person: sessionUser(created.user!),
				planId: created.plan?.id ?? null,
				lineId: created.plan?.lines[0]?.id ?? null,
			}
		},
		async amina(input = {}, hours = { from: 8 * 60, to: 20 * 60 }) {
			const amina = await createProviderWithService(p, {
				...input,
				owner: { name: 'Amina Shah', ...input.owner },
				provider: { name: 'Amina Shah', ...input.provider },
			})
			await openEveryDay(p, amina.provider.id, hours)
			return { ...amina, person: sessionUser(amina.owner) }
		},
	}
	return world
}

/**
 * A booking request: two hours from 10:00, once, without a note, with a fresh idempotency key; `fields` gives the
 * service, holder and date and changes anything else.
 */
export function bookingRequest(
	fields: Pick<BookingRequestInput, 'serviceId' | 'holderId' | 'date'> & Partial<BookingRequestInput>,
): BookingRequestInput & { idempotencyKey: string } {
	return { startMinute: 10 * 60, minutes: 120, weeks: 1, note: null, idempotencyKey: randomUUID(), ...fields }
}
