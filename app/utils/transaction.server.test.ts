import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { createTestDb, testDbKind } from '#tests/setup/test-db.ts'
import {
	errorText,
	inTransaction,
	isUniqueViolation,
	isWriteConflict,
	lockName,
	lockNames,
	lockRow,
	ownsTransactions,
	prismaCode,
	type Tx,
} from './transaction.server.ts'

function prismaError(code: string, meta?: Record<string, unknown>) {
	return new Prisma.PrismaClientKnownRequestError(`Prisma says ${code}`, { code, clientVersion: 'test', meta })
}

/** A driver adapter's error: PostgreSQL's SQLSTATE as `code`, wrapped as the cause of the error Prisma throws. */
function driverError(sqlState: string, message: string) {
	return new Error('Database error', { cause: Object.assign(new Error(message), { code: sqlState }) })
}

/** A stand-in PrismaClient whose $transaction fails with the given errors, in turn, then succeeds. */
function fakeClient(failures: unknown[]) {
	const calls: Array<{ maxWait?: number; timeout?: number }> = []
	const client = {
		$connect: async () => {},
		$transaction: async <T>(fn: (tx: Tx) => Promise<T>, options: { maxWait?: number; timeout?: number }) => {
			calls.push(options)
			const failure = failures.shift()
			if (failure) throw failure
			return fn({} as Tx)
		},
	}
	return { client: client as unknown as PrismaClient, calls }
}

describe('reading database errors', () => {
	test('errorText gathers the message, the code, Prisma meta and the causes', () => {
		const text = errorText(new Error('outer', { cause: prismaError('P2002', { target: ['idempotencyKey'] }) }))
		expect(text).toContain('outer')
		expect(text).toContain('P2002')
		expect(text).toContain('idempotencyKey')
		expect(errorText('plain')).toBe('plain')
	})

	test('prismaCode reads only Prisma known request errors', () => {
		expect(prismaCode(prismaError('P2034'))).toBe('P2034')
		expect(prismaCode(Object.assign(new Error('x'), { code: 'P2034' }))).toBeUndefined()
	})

	test('isWriteConflict knows deadlocks and serialization failures, from Prisma or from the driver', () => {
		expect(isWriteConflict(prismaError('P2034'))).toBe(true)
		expect(isWriteConflict(driverError('40P01', 'deadlock detected'))).toBe(true)
		expect(isWriteConflict(driverError('40001', 'could not serialize access due to concurrent update'))).toBe(true)
		expect(isWriteConflict(prismaError('P2002'))).toBe(false)
		expect(isWriteConflict(new Error('connection refused'))).toBe(false)
	})

	test('isUniqueViolation knows unique violations, optionally on one column', () => {
		expect(isUniqueViolation(prismaError('P2002', { target: ['idempotencyKey'] }))).toBe(true)
		expect(isUniqueViolation(prismaError('P2002', { target: ['idempotencyKey'] }), 'idempotencyKey')).toBe(true)
		expect(isUniqueViolation(prismaError('P2002', { target: ['email'] }), 'idempotencyKey')).toBe(false)
		expect(isUniqueViolation(driverError('23505', 'duplicate key value violates unique constraint "x"'))).toBe(true)
		expect(isUniqueViolation(prismaError('P2034'))).toBe(false)
	})
})

describe('inTransaction', () => {
	test('runs inside the caller’s transaction when given a transaction client', async () => {
		const tx = {} as Tx
		expect(ownsTransactions(tx)).toBe(false)
		await expect(inTransaction(tx, async (inner) => inner === tx)).resolves.toBe(true)
	})

	test('opens a transaction with 60 s limits by default and runs it again after a write conflict', async () => {
		const { client, calls } = fakeClient([prismaError('P2034'), driverError('40P01', 'deadlock detected')])
		await expect(inTransaction(client, async () => 'done')).resolves.toBe('done')
		expect(calls).toEqual([
			{ maxWait: 60_000, timeout: 60_000 },
			{ maxWait: 60_000, timeout: 60_000 },
			{ maxWait: 60_000, timeout: 60_000 },
		])
	})

	test('gives up after the attempts allowed, with the last error', async () => {
		const last = prismaError('P2034')
		const { client, calls } = fakeClient([prismaError('P2034'), prismaError('P2034'), prismaError('P2034'), last])
		await expect(inTransaction(client, async () => 'done')).rejects.toBe(last)
		expect(calls).toHaveLength(4)

		const three = fakeClient([prismaError('P2034'), prismaError('P2034'), prismaError('P2034')])
		await expect(inTransaction(three.client, async () => 'done', { attempts: 3 })).rejects.toThrow('P2034')
		expect(three.calls).toHaveLength(3)
	})

	test('retries what `retryable` accepts, tells `onRetry`, and never retries anything else', async () => {
		const onRetry = vi.fn()
		const unique = prismaError('P2002')
		const { client, calls } = fakeClient([unique])
		const options = { retryable: (e: unknown) => isUniqueViolation(e), onRetry, maxWait: 30_000, timeout: 30_000 }
		await expect(inTransaction(client, async () => 'done', options)).resolves.toBe('done')
		expect(onRetry).toHaveBeenCalledWith(unique)
		expect(calls).toEqual([
			{ maxWait: 30_000, timeout: 30_000 },
			{ maxWait: 30_000, timeout: 30_000 },
		])

		const refusal = new Error('not enough money')
		const other = fakeClient([refusal])
		await expect(inTransaction(other.client, async () => 'done', options)).rejects.toBe(refusal)
		expect(other.calls).toHaveLength(1)
	})
})

describe(`locks (${testDbKind()})`, () => {
	let db: Awaited<ReturnType<typeof createTestDb>>
	beforeAll(async () => {
		db = await createTestDb()
	})
	afterAll(async () => {
		await db?.cleanup()
	})

	test('lockRow locks a row that exists and says whether it does', async () => {
		const funder = await db.prisma.funder.create({ data: { name: 'Lock test', scheme: 'OTHER', currency: 'GBP' } })
		await inTransaction(db.prisma, async (tx) => {
			expect(await lockRow(tx, 'Funder', funder.id)).toBe(true)
			expect(await lockRow(tx, 'Funder', 'no-such-funder')).toBe(false)
		})
	})

	test('lockName and lockNames take advisory locks for the rest of the transaction', async () => {
		const held = await inTransaction(db.prisma, async (tx) => {
			await lockName(tx, 'one')
			await lockNames(tx, [])
			await lockNames(tx, ['a', 'b', 'c'])
			const rows = await tx.$queryRaw<
				{ n: number }[]
			>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`
			return rows[0]!.n
		})
		expect(held).toBe(4)
	})
})
