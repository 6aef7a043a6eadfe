/**
 * Builders for the ledger's own tests (imported only by the *.test.ts files beside it; never by app code).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { ensureFunderSourceAccount, ensureHolderAccounts } from '#app/domain/ledger/accounts.server.ts'
import { transfer } from '#app/domain/ledger/transfers.server.ts'
import { LedgerError } from '#app/domain/ledger/errors.ts'
import { formatMoney } from '#app/domain/ledger/money.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

/**
 * One test database for the calling file (or describe block): created before its tests, removed after them.
 * `onReady` receives it, so the file can keep it in its own variables.
 */
export function withTestDb(onReady: (db: TestDb) => void) {
	let db: TestDb | undefined
	beforeAll(async () => {
		db = await createTestDb()
		onReady(db)
	})
	afterAll(async () => {
		await db?.cleanup()
	})
}

export const system = { role: 'SYSTEM' } as const

let counter = 0
function unique(prefix: string): string {
	counter += 1
	return `${prefix}-${counter}-${randomUUID().slice(0, 8)}`
}

export async function makeFunder(prisma: PrismaClient, currency = 'GBP') {
	return prisma.funder.create({
		data: { name: unique('Council'), scheme: currency === 'AUD' ? 'AU_NDIS' : 'UK_DIRECT_PAYMENT', currency },
	})
}

export async function makeHolder(prisma: PrismaClient, funderId: string, displayName = 'Amina Shah') {
	return prisma.budgetHolder.create({ data: { displayName, funderId } })
}

export async function makeProvider(prisma: PrismaClient, name = 'Bright Days Support') {
	const owner = await prisma.user.create({
		data: { email: `${unique('owner')}@example.test`, name: 'Owner', passwordHash: 'x', roles: ['PROVIDER'] },
	})
	return prisma.provider.create({
		data: {
			slug: unique('provider'),
			ownerId: owner.id,
			kind: 'PERSONAL_ASSISTANT',
			name,
			headline: 'Support at home',
			bio: 'Experienced personal assistant.',
			town: 'Leeds',
			postcodeDistrict: 'LS6',
			lat: 53.8,
			lng: -1.56,
		},
	})
}

/** A funder, a holder with budget and held accounts, and `amount` allocated to the holder's budget. */
export async function fundedHolder(prisma: PrismaClient, amount: bigint | number, currency = 'GBP') {
	const funder = await makeFunder(prisma, currency)
	const holder = await makeHolder(prisma, funder.id)
	const source = await ensureFunderSourceAccount(prisma, funder.id)
	const { budget, held } = await ensureHolderAccounts(prisma, holder.id)
	if (BigInt(amount) > 0n) {
		await transfer(prisma, {
			idempotencyKey: unique('allocation'),
			debitAccountId: source.id,
			creditAccountId: budget.id,
			amount,
			reason: 'ALLOCATION',
			description: `${formatMoney(amount, currency)} personal budget allocated`,
			initiator: system,
		})
	}
	return { funder, holder, source, budget, held }
}

export function key(prefix = 'k'): string {
	return unique(prefix)
}

/** Everything the ledger owns, for "nothing changed" assertions. */
export async function ledgerSnapshot(prisma: PrismaClient) {
	const accounts = await prisma.ledgerAccount.findMany({
		orderBy: { id: 'asc' },
		select: { id: true, debitsPending: true, debitsPosted: true, creditsPending: true, creditsPosted: true },
	})
	const [counts] = await prisma.$queryRaw<[{ transfers: number; entries: number }]>`
		SELECT (SELECT COUNT(*) FROM "LedgerTransfer")::int AS "transfers", (SELECT COUNT(*) FROM "LedgerEntry")::int AS "entries"`
	return { accounts, transfers: counts.transfers, entries: counts.entries }
}

/** Awaits `promise`, expecting a LedgerError with `code`; returns it for further checks. */
export async function refused(promise: Promise<unknown>, code: string) {
	try {
		await promise
	} catch (error) {
		if (!(error instanceof LedgerError))
			throw new Error(`Expected LedgerError ${code}, got: ${String(error)}`, { cause: error })
		if (error.code !== code)
			throw new Error(`Expected LedgerError ${code}, got ${error.code}: ${error.message}`, { cause: error })
		return error
	}
	throw new Error(`Expected LedgerError ${code}, but it succeeded`)
}

/** An allocation of the holder's with one instalment still scheduled and one paid. */
export async function allocationWithInstalments(
	prisma: PrismaClient,
	funderId: string,
	holderId: string,
	scheduled: number,
) {
	await prisma.allocation.create({
		data: {
			funderId,
			holderId,
			schedule: 'INSTALMENTS',
			amountPence: scheduled + 1_000,
			currency: 'GBP',
			intervalDays: 28,
			instalmentCount: 2,
			firstOn: new Date('2026-11-01'),
			instalments: {
				create: [
					{ dueOn: new Date('2026-11-01'), amountPence: 1_000, status: 'PAID' },
					{ dueOn: new Date('2026-11-29'), amountPence: scheduled, status: 'SCHEDULED' },
				],
			},
		},
	})
}

/** A funder's stored total still scheduled (FunderScheduledTotal, over its shards) and the sum of its SCHEDULED instalments. */
export async function scheduledTotals(prisma: PrismaClient, funderId: string) {
	const [row] = await prisma.$queryRaw<{ stored: bigint; summed: bigint }[]>`
		SELECT (SELECT COALESCE(SUM("amountPence"), 0) FROM "FunderScheduledTotal" WHERE "funderId" = ${funderId})::bigint AS "stored",
		       (SELECT COALESCE(SUM(i."amountPence"), 0) FROM "Instalment" i JOIN "Allocation" a ON a."id" = i."allocationId"
		        WHERE a."funderId" = ${funderId} AND i."status" = 'SCHEDULED')::bigint AS "summed"`
	return { stored: Number(row!.stored), summed: Number(row!.summed) }
}
