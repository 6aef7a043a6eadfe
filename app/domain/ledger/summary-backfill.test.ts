import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { ensureProviderPayableAccount, funderSummaryKey } from './accounts.server.ts'
import { checkLedger } from './check.server.ts'
import { postPending, reserve, transfer, voidPending } from './transfers.server.ts'
import { fundedHolder, key, makeProvider, system, withTestDb } from '#tests/setup/ledger-test-utils.ts'

/**
 * The migration that made LedgerSummaryTotal (ADR 036) fills it for a ledger that already has entries. Its hand-written
 * part is run here on a ledger the code wrote (with the summary emptied and the keys cleared first), and must give
 * back the same summaries, by key, currency, kind and reason, that the ledger kept transfer by transfer.
 */
const MIGRATION = path.join(
	import.meta.dirname,
	'../../../prisma/migrations/20261207113709_ledger_summary_totals/migration.sql',
)
const BACKFILL_FROM = "-- Added by hand (ADR 036): a holder's two accounts are summed under their funder."

function backfillStatements(): string[] {
	const sql = fs.readFileSync(MIGRATION, 'utf8')
	const start = sql.indexOf(BACKFILL_FROM)
	if (start < 0) throw new Error(`The migration no longer has the line: ${BACKFILL_FROM}`)
	return sql
		.slice(start)
		.split(/;\s*\n/)
		.map((s) =>
			s
				.split('\n')
				.filter((line) => !line.startsWith('--'))
				.join('\n')
				.trim(),
		)
		.filter(Boolean)
}

describe('the summary migration backfill', () => {
	let prisma: PrismaClient
	withTestDb((db) => (prisma = db.prisma))

	/** The summaries added up over their shards, read through `db` (the client, or the rolled-back transaction). */
	async function summaries(db: Pick<PrismaClient, '$queryRaw'>) {
		return db.$queryRaw<Record<string, unknown>[]>`
			SELECT "summaryKey", "currency", "kind"::text AS "kind", "reason"::text AS "reason",
			       SUM("debitsPending")::bigint AS "dPend", SUM("debitsPosted")::bigint AS "dPost",
			       SUM("creditsPending")::bigint AS "cPend", SUM("creditsPosted")::bigint AS "cPost"
			FROM "LedgerSummaryTotal" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`
	}

	test('gives the summaries the ledger kept: holds open, paid in part and released, pledges, two funders', async () => {
		const provider = await makeProvider(prisma)
		const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
		const funders: string[] = []
		for (const amount of [20000, 35000]) {
			const s = await fundedHolder(prisma, amount)
			funders.push(s.funder.id)
			const booking = { debitAccountId: s.budget.id, creditAccountId: payable.id, reason: 'BOOKING' as const }
			await reserve(prisma, { ...booking, idempotencyKey: key(), amount: 2000, description: 'held', initiator: system })
			const paid = await reserve(prisma, {
				...booking,
				idempotencyKey: key(),
				amount: 3000,
				description: 'held',
				initiator: system,
			})
			await postPending(prisma, {
				idempotencyKey: key(),
				pendingId: paid.id,
				amount: 2500,
				description: 'paid',
				initiator: system,
			})
			const released = await reserve(prisma, {
				debitAccountId: s.budget.id,
				creditAccountId: s.held.id,
				reason: 'PLEDGE',
				idempotencyKey: key(),
				amount: 1200,
				description: 'pledged',
				initiator: system,
			})
			await voidPending(prisma, {
				idempotencyKey: key(),
				pendingId: released.id,
				description: 'gone',
				initiator: system,
			})
			await transfer(prisma, {
				debitAccountId: s.budget.id,
				creditAccountId: s.held.id,
				reason: 'PLEDGE',
				idempotencyKey: key(),
				amount: 700,
				description: 'pledged',
				initiator: system,
			})
		}
		const kept = await summaries(prisma)
		expect(kept.map((r) => r.summaryKey)).toEqual(expect.arrayContaining(funders.map(funderSummaryKey)))
		expect(kept.length).toBeGreaterThanOrEqual(6)

		const statements = backfillStatements()
		// The key of the holders' accounts, the work_mem setting and the fill.
		expect(statements).toHaveLength(3)
		const rebuilt = await prisma
			.$transaction(async (tx) => {
				await tx.$executeRaw`DELETE FROM "LedgerSummaryTotal"`
				await tx.$executeRaw`UPDATE "LedgerAccount" SET "summaryKey" = NULL`
				for (const statement of statements) await tx.$executeRawUnsafe(statement)
				const after = await summaries(tx)
				const problems = await checkLedger(tx)
				throw Object.assign(new Error('roll back'), { after, problems })
			})
			.catch((error: { after?: unknown; problems?: unknown }) => {
				if (!error.after) throw error
				return error as { after: Record<string, unknown>[]; problems: unknown[] }
			})
		expect(rebuilt.problems).toEqual([])
		// Rows of all zeros (a hold made and released under one reason) may be there after the fill and not before.
		const nonZero = (rows: Record<string, unknown>[]) =>
			rows.filter((r) => [r.dPend, r.dPost, r.cPend, r.cPost].some((v) => BigInt(v as bigint) !== 0n))
		expect(nonZero(rebuilt.after)).toEqual(nonZero(kept))
		expect(await checkLedger(prisma)).toEqual([])
	})
})
