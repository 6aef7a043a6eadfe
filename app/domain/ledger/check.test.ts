import { PGlite } from '@electric-sql/pglite'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { openDb, pgliteExtensions } from '#app/utils/db.server.ts'
import { ensureProviderPayableAccount, funderSummaryKey } from './accounts.server.ts'
import { checkLedger, checkLedgerInDetail, ledgerCheckReport } from './check.server.ts'
import { postPending, reserve } from './transfers.server.ts'
import { createTestDb, testDbKind } from '#tests/setup/test-db.ts'
import { fundedHolder, key, makeProvider, system, withTestDb } from '#tests/setup/ledger-test-utils.ts'

const run = promisify(execFile)

/** A small ledger: an allocation, a hold, and a hold that was paid. Returns the ids involved. */
async function smallLedger(prisma: PrismaClient) {
	const s = await fundedHolder(prisma, 20000)
	const provider = await makeProvider(prisma)
	const payable = await ensureProviderPayableAccount(prisma, provider.id, 'GBP')
	const common = {
		debitAccountId: s.budget.id,
		creditAccountId: payable.id,
		reason: 'BOOKING' as const,
		initiator: system,
	}
	const open = await reserve(prisma, { ...common, idempotencyKey: key(), amount: 2000, description: '£20.00 held' })
	const paid = await reserve(prisma, { ...common, idempotencyKey: key(), amount: 3000, description: '£30.00 held' })
	const post = await postPending(prisma, {
		idempotencyKey: key(),
		pendingId: paid.id,
		amount: 2500,
		description: '£25.00 paid',
		initiator: system,
	})
	return { ...s, payable, open, paid, post }
}

describe('checkLedger', () => {
	let prisma: PrismaClient
	withTestDb((db) => (prisma = db.prisma))

	test('finds nothing wrong with an empty ledger or a healthy one', async () => {
		expect((await ledgerCheckReport(prisma)).text).toBe('Ledger healthy: 0 accounts, 0 transfers')
		await smallLedger(prisma)
		const report = await ledgerCheckReport(prisma)
		expect(report.problems).toEqual([])
		expect(report.text).toBe('Ledger healthy: 4 accounts, 4 transfers')
	})

	type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

	// Each tampering is done inside a transaction that is rolled back, so the next test starts healthy.
	async function inRolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
		let result: T | undefined
		await prisma
			.$transaction(async (tx) => {
				result = await fn(tx)
				throw new Error('roll back')
			})
			.catch((error: unknown) => {
				if (!(error instanceof Error && error.message === 'roll back')) throw error
			})
		expect(await checkLedger(prisma)).toEqual([])
		return result as T
	}

	async function problemsAfter(tamper: (tx: Tx) => Promise<unknown>) {
		const problems = await inRolledBack(async (tx) => {
			await tamper(tx)
			return checkLedger(tx)
		})
		return problems.map((p) => p.code)
	}

	/** A void of a penny, written straight to the table (no entries), on the accounts of `like`, naming `pendingId`. */
	function forgedVoid(tx: Tx, like: { debitAccountId: string; creditAccountId: string }, pendingId: string) {
		return tx.ledgerTransfer.create({
			data: {
				idempotencyKey: key('forged'),
				payloadHash: 'x',
				debitAccountId: like.debitAccountId,
				creditAccountId: like.creditAccountId,
				amount: 1,
				currency: 'GBP',
				phase: 'VOID_PENDING',
				pendingId,
				reason: 'BOOKING',
				description: 'Forged',
				initiatorRole: 'SYSTEM',
			},
		})
	}

	test('notices a cached balance that disagrees with the entries', async () => {
		const { budget } = await smallLedger(prisma)
		const codes = await problemsAfter(
			(tx) =>
				tx.$executeRaw`UPDATE "LedgerAccount" SET "creditsPosted" = "creditsPosted" + 1 WHERE "id" = ${budget.id}`,
		)
		expect(codes).toEqual(['CACHED_BALANCE_WRONG'])
	})

	test('notices entries that do not add up to zero', async () => {
		const { budget, post } = await smallLedger(prisma)
		const codes = await problemsAfter((tx) =>
			tx.ledgerEntry.create({ data: { transferId: post.id, accountId: budget.id, phase: 'POSTED', amount: -1n } }),
		)
		// The entry is POSTED on a BOOKING transfer, so the budget's posted total for BOOKING disagrees too, and so does
		// the summary of its funder's holder accounts for BOOKING.
		expect(codes).toEqual([
			'ENTRIES_DO_NOT_BALANCE',
			'TRANSFER_UNBALANCED',
			'CACHED_BALANCE_WRONG',
			'REASON_TOTAL_WRONG',
			'SUMMARY_TOTAL_WRONG',
		])
	})

	test('on a healthy ledger the fingerprints agree, so the entries are not read again transfer by transfer', async () => {
		await smallLedger(prisma)
		// Each run draws new weights.
		const transfers = await prisma.ledgerTransfer.count()
		expect(transfers).toBeGreaterThanOrEqual(4)
		for (let run = 0; run < 3; run++) {
			expect(await checkLedgerInDetail(prisma)).toEqual({ problems: [], transfers, transfersRecounted: false })
		}
	})

	test('notices two transfers whose entries are wrong by amounts that cancel out, and names both', async () => {
		const { open, paid, payable } = await smallLedger(prisma)
		const result = await inRolledBack(async (tx) => {
			// Both holds' pending entries on the provider's account: one a penny up, the other a penny down. Every
			// account, reason, summary and currency still adds up; only each transfer's own entries do not.
			await tx.$executeRaw`UPDATE "LedgerEntry" SET "amount" = "amount" + 1
			                     WHERE "transferId" = ${open.id} AND "accountId" = ${payable.id} AND "phase" = 'PENDING'`
			await tx.$executeRaw`UPDATE "LedgerEntry" SET "amount" = "amount" - 1
			                     WHERE "transferId" = ${paid.id} AND "accountId" = ${payable.id} AND "phase" = 'PENDING'`
			return checkLedgerInDetail(tx)
		})
		expect(result.transfersRecounted).toBe(true)
		expect(result.problems.map((p) => p.code)).toEqual(['TRANSFER_UNBALANCED', 'TRANSFER_UNBALANCED'])
		expect(result.problems.map((p) => p.message).sort()).toEqual(
			[
				`Transfer ${open.id} (PENDING) has 2 entries adding up to 1.`,
				`Transfer ${paid.id} (PENDING) has 2 entries adding up to -1.`,
			].sort(),
		)
	})

	test("notices two transfers wrong by a multiple of both fingerprints' primes, which no random choice would show", async () => {
		const { open, paid, payable } = await smallLedger(prisma)
		// 2,147,483,647 × 2,147,483,629: modulo either prime this is zero, so both fingerprints agree whatever is drawn.
		const both = 4_611_685_975_477_714_963n
		const result = await inRolledBack(async (tx) => {
			await tx.$executeRaw`UPDATE "LedgerEntry" SET "amount" = "amount" + ${both}
			                     WHERE "transferId" = ${open.id} AND "accountId" = ${payable.id} AND "phase" = 'PENDING'`
			await tx.$executeRaw`UPDATE "LedgerEntry" SET "amount" = "amount" - ${both}
			                     WHERE "transferId" = ${paid.id} AND "accountId" = ${payable.id} AND "phase" = 'PENDING'`
			return checkLedgerInDetail(tx)
		})
		expect(result.transfersRecounted).toBe(true)
		expect(result.problems.map((p) => p.message).sort()).toEqual(
			[
				`Transfer ${open.id} (PENDING) has 2 entries adding up to ${both}.`,
				`Transfer ${paid.id} (PENDING) has 2 entries adding up to ${-both}.`,
			].sort(),
		)
	})

	test('notices a transfer with an entry too many, even one that moves nothing', async () => {
		const { post, budget } = await smallLedger(prisma)
		const result = await inRolledBack(async (tx) => {
			await tx.ledgerEntry.create({ data: { transferId: post.id, accountId: budget.id, phase: 'POSTED', amount: 0n } })
			return checkLedgerInDetail(tx)
		})
		expect(result.transfersRecounted).toBe(true)
		expect(result.problems.map((p) => p.message)).toEqual([
			`Transfer ${post.id} (POST_PENDING) has 5 entries adding up to 0.`,
		])
	})

	test('keeps the posted totals of each account by reason as its entries add up', async () => {
		const { source, budget, payable } = await smallLedger(prisma)
		const totals = await prisma.ledgerReasonTotal.findMany({
			where: { accountId: { in: [source.id, budget.id, payable.id] } },
			select: { accountId: true, reason: true, debitsPosted: true, creditsPosted: true },
		})
		const named = new Map([
			[source.id, 'source'],
			[budget.id, 'budget'],
			[payable.id, 'payable'],
		])
		expect(
			totals
				.map((t) => ({ ...t, accountId: named.get(t.accountId) }))
				.sort((a, b) => `${a.accountId}${a.reason}`.localeCompare(`${b.accountId}${b.reason}`)),
		).toEqual([
			// The £20 hold still open posts nothing; of the £30 hold, the £25 paid is posted.
			{ accountId: 'budget', reason: 'ALLOCATION', debitsPosted: 0n, creditsPosted: 20000n },
			{ accountId: 'budget', reason: 'BOOKING', debitsPosted: 2500n, creditsPosted: 0n },
			{ accountId: 'payable', reason: 'BOOKING', debitsPosted: 0n, creditsPosted: 2500n },
			{ accountId: 'source', reason: 'ALLOCATION', debitsPosted: 20000n, creditsPosted: 0n },
		])
	})

	test('notices posted totals by reason that disagree with the entries', async () => {
		const { budget, payable, source } = await smallLedger(prisma)
		// Drifted: one more penny credited for ALLOCATION than the entries say.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`UPDATE "LedgerReasonTotal" SET "creditsPosted" = "creditsPosted" + 1
					               WHERE "accountId" = ${budget.id} AND "reason" = 'ALLOCATION'`,
			),
		).toEqual(['REASON_TOTAL_WRONG'])
		// Missing: the provider's BOOKING total was never written.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`DELETE FROM "LedgerReasonTotal" WHERE "accountId" = ${payable.id} AND "reason" = 'BOOKING'`,
			),
		).toEqual(['REASON_TOTAL_WRONG'])
		// Put under another reason: the totals of both reasons disagree.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`UPDATE "LedgerReasonTotal" SET "reason" = 'TOP_UP'
					               WHERE "accountId" = ${source.id} AND "reason" = 'ALLOCATION'`,
			),
		).toEqual(['REASON_TOTAL_WRONG', 'REASON_TOTAL_WRONG'])
		const drifted = await prisma
			.$transaction(async (tx) => {
				await tx.$executeRaw`UPDATE "LedgerReasonTotal" SET "debitsPosted" = 2499
				                     WHERE "accountId" = ${budget.id} AND "reason" = 'BOOKING'`
				const problems = await checkLedger(tx)
				throw Object.assign(new Error('roll back'), { problems })
			})
			.catch((error: { problems: Awaited<ReturnType<typeof checkLedger>> }) => error.problems)
		expect(drifted).toEqual([
			{
				code: 'REASON_TOTAL_WRONG',
				message: `Account ${budget.id} says 2499 debits and 0 credits posted for BOOKING; its entries say 2500 and 0.`,
			},
		])
	})

	/** The summary rows of one key, added up over their shards, as the check and the funder's totals read them. */
	async function summaryOf(key: string) {
		const rows = await prisma.$queryRaw<Record<string, string | bigint>[]>`
			SELECT "currency", "kind"::text AS "kind", "reason"::text AS "reason",
			       SUM("debitsPending")::bigint AS "debitsPending", SUM("debitsPosted")::bigint AS "debitsPosted",
			       SUM("creditsPending")::bigint AS "creditsPending", SUM("creditsPosted")::bigint AS "creditsPosted"
			FROM "LedgerSummaryTotal" WHERE "summaryKey" = ${key}
			GROUP BY 1, 2, 3 ORDER BY 2, 3`
		return rows.map((r) => ({ ...r, currency: String(r.currency).trim() }))
	}

	test("keeps the summary of a funder's holder accounts, by kind and reason, as their entries add up", async () => {
		const { funder, source, budget } = await smallLedger(prisma)
		// The holder's accounts carry their funder's key; the funder's own source account and the provider's carry none.
		expect(await prisma.ledgerAccount.findUnique({ where: { id: budget.id }, select: { summaryKey: true } })).toEqual({
			summaryKey: funderSummaryKey(funder.id),
		})
		expect(await prisma.ledgerAccount.findUnique({ where: { id: source.id }, select: { summaryKey: true } })).toEqual({
			summaryKey: null,
		})
		expect(await summaryOf(funderSummaryKey(funder.id))).toEqual([
			{
				currency: 'GBP',
				kind: 'HOLDER_BUDGET',
				reason: 'ALLOCATION',
				debitsPending: 0n,
				debitsPosted: 0n,
				creditsPending: 0n,
				creditsPosted: 20000n,
			},
			// The £20 hold is still pending; the £30 hold was released from pending when £25 of it was paid.
			{
				currency: 'GBP',
				kind: 'HOLDER_BUDGET',
				reason: 'BOOKING',
				debitsPending: 2000n,
				debitsPosted: 2500n,
				creditsPending: 0n,
				creditsPosted: 0n,
			},
		])
		// Only holder accounts carry a key, so no other kind of account is summed anywhere.
		expect(
			await prisma.ledgerSummaryTotal.count({ where: { kind: { notIn: ['HOLDER_BUDGET', 'HOLDER_HELD'] } } }),
		).toBe(0)
	})

	test("notices summaries that disagree with their accounts' entries", async () => {
		const { funder, budget } = await smallLedger(prisma)
		const summaryKey = funderSummaryKey(funder.id)
		// Drifted: a penny more held than the entries say.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`UPDATE "LedgerSummaryTotal" SET "debitsPending" = "debitsPending" + 1
					               WHERE "summaryKey" = ${summaryKey} AND "reason" = 'BOOKING'`,
			),
		).toEqual(['SUMMARY_TOTAL_WRONG'])
		// Missing: the allocation was never added to the summary.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`DELETE FROM "LedgerSummaryTotal" WHERE "summaryKey" = ${summaryKey} AND "reason" = 'ALLOCATION'`,
			),
		).toEqual(['SUMMARY_TOTAL_WRONG'])
		// A row of another shard that sums to the truth with the one there is not a problem; one that adds money is.
		expect(
			await problemsAfter(async (tx) => {
				await tx.$executeRaw`UPDATE "LedgerSummaryTotal" SET "creditsPosted" = 15000
				                     WHERE "summaryKey" = ${summaryKey} AND "reason" = 'ALLOCATION'`
				await tx.$executeRaw`INSERT INTO "LedgerSummaryTotal" ("summaryKey", "currency", "kind", "reason", "shard", "creditsPosted")
				                     SELECT "summaryKey", "currency", "kind", "reason", ("shard" + 1) % 16, 5000
				                     FROM "LedgerSummaryTotal" WHERE "summaryKey" = ${summaryKey} AND "reason" = 'ALLOCATION'`
			}),
		).toEqual([])
		// The account moved to another funder's summary after the fact: both summaries disagree.
		expect(
			await problemsAfter(
				(tx) =>
					tx.$executeRaw`UPDATE "LedgerAccount" SET "summaryKey" = 'funder:someone-else' WHERE "id" = ${budget.id}`,
			),
		).toEqual(['SUMMARY_TOTAL_WRONG', 'SUMMARY_TOTAL_WRONG', 'SUMMARY_TOTAL_WRONG', 'SUMMARY_TOTAL_WRONG'])
		const drifted = await prisma
			.$transaction(async (tx) => {
				// The one shard the payment was added to (each of the three batches picked its own).
				await tx.$executeRaw`UPDATE "LedgerSummaryTotal" SET "debitsPosted" = "debitsPosted" - 1
				                     WHERE "summaryKey" = ${summaryKey} AND "reason" = 'BOOKING' AND "debitsPosted" > 0`
				const problems = await checkLedger(tx)
				throw Object.assign(new Error('roll back'), { problems })
			})
			.catch((error: { problems: Awaited<ReturnType<typeof checkLedger>> }) => error.problems)
		expect(drifted).toEqual([
			{
				code: 'SUMMARY_TOTAL_WRONG',
				message:
					`Summary ${summaryKey} (GBP HOLDER_BUDGET accounts, BOOKING) says debits 2000 pending / 2499 posted, ` +
					`credits 0 pending / 0 posted; its accounts' entries say 2000 / 2500, 0 / 0.`,
			},
		])
	})

	test('notices an account past its limit', async () => {
		const { budget } = await smallLedger(prisma)
		const codes = await problemsAfter(async (tx) => {
			await tx.$executeRaw`ALTER TABLE "LedgerAccount" DROP CONSTRAINT "ledger_account_debits_within_credits"`
			await tx.$executeRaw`UPDATE "LedgerAccount" SET "creditsPosted" = 0 WHERE "id" = ${budget.id}`
		})
		expect(codes).toContain('FLAGGED_ACCOUNT_NEGATIVE')
	})

	test('notices pending totals that differ from the open holds', async () => {
		const { open } = await smallLedger(prisma)
		const codes = await problemsAfter(
			(tx) => tx.$executeRaw`UPDATE "LedgerTransfer" SET "amount" = 1500 WHERE "id" = ${open.id}`,
		)
		// Both sides of the hold: the budget's debits and the provider's credits.
		expect(codes).toEqual(['PENDING_TOTAL_WRONG', 'PENDING_TOTAL_WRONG'])
	})

	test('notices a hold resolved twice', async () => {
		const { paid, post } = await smallLedger(prisma)
		const codes = await problemsAfter((tx) => forgedVoid(tx, post, paid.id))
		expect(codes).toContain('HOLD_RESOLVED_TWICE')
		expect(codes).toContain('BAD_RESOLUTION')
		expect(codes).toContain('TRANSFER_UNBALANCED')
	})

	test('notices an entry on an account its transfer does not touch, and names it', async () => {
		const { open, source } = await smallLedger(prisma)
		const wrongEntries = async (tx: Tx) =>
			(await checkLedger(tx)).filter((p) => p.code === 'ENTRY_ON_WRONG_ACCOUNT').map((p) => p.message)
		const [messages, again] = await inRolledBack(async (tx) => {
			// The open hold's credit entry moved to the funder's source account, which the hold does not touch.
			await tx.$executeRaw`UPDATE "LedgerEntry" SET "accountId" = ${source.id}
			                     WHERE "transferId" = ${open.id} AND "accountId" = ${open.creditAccountId}`
			// Twice in one transaction: the check's working table from the first run is replaced, not in the way.
			return [await wrongEntries(tx), await wrongEntries(tx)]
		})
		expect(messages).toHaveLength(1)
		expect(messages[0]).toMatch(
			new RegExp(`^Entry \\d+ of transfer ${open.id} is on an account the transfer does not touch\\.$`),
		)
		expect(again).toEqual(messages)
	})

	test('notices a resolution whose hold is not a hold', async () => {
		const { post } = await smallLedger(prisma)
		// The payment now claims to resolve itself: the same accounts and amount, so only "the hold is not PENDING" is
		// wrong with it (and the hold it really paid is left open).
		const codes = await problemsAfter(
			(tx) => tx.$executeRaw`UPDATE "LedgerTransfer" SET "pendingId" = ${post.id} WHERE "id" = ${post.id}`,
		)
		expect(codes).toContain('BAD_RESOLUTION')
	})

	test('notices two transfers claiming to resolve the same transfer when that one is not a hold', async () => {
		const { post } = await smallLedger(prisma)
		const problems = await inRolledBack(async (tx) => {
			await forgedVoid(tx, post, post.id)
			await forgedVoid(tx, post, post.id)
			return checkLedger(tx)
		})
		const codes = problems.map((p) => p.code)
		expect(problems).toContainEqual({ code: 'HOLD_RESOLVED_TWICE', message: `Hold ${post.id} was resolved 2 times.` })
		expect(codes.filter((c) => c === 'BAD_RESOLUTION')).toHaveLength(2)
	})

	test('notices a payment of a hold that names no hold', async () => {
		const { post, paid } = await smallLedger(prisma)
		const problems = await inRolledBack(async (tx) => {
			await tx.$executeRaw`UPDATE "LedgerTransfer" SET "pendingId" = NULL WHERE "id" = ${post.id}`
			return checkLedger(tx)
		})
		expect(problems).toContainEqual({
			code: 'BAD_RESOLUTION',
			message: `Transfer ${post.id} (POST_PENDING) does not resolve a hold correctly (missing hold, other accounts, or too much).`,
		})
		// The hold it paid now looks open, so the accounts' pending totals no longer match the open holds.
		expect(problems.map((p) => p.code)).toContain('PENDING_TOTAL_WRONG')
		expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining(paid.debitAccountId))
	})

	test('notices a transfer in another currency than its accounts', async () => {
		const { post } = await smallLedger(prisma)
		const codes = await problemsAfter(
			(tx) => tx.$executeRaw`UPDATE "LedgerTransfer" SET "currency" = 'EUR' WHERE "id" = ${post.id}`,
		)
		expect(codes).toContain('CURRENCY_MISMATCH')
	})
})

describe('the ledger:check command', () => {
	test(`prints "Ledger healthy" and exits 0, or the problems and exits 1 (${testDbKind()})`, async () => {
		// The command opens the app database from the environment, so give it one of its own: a PostgreSQL test
		// database, or a PGlite folder (which only one process may have open at a time, so we close ours first).
		let env: Record<string, string>
		let open: () => Promise<{ prisma: PrismaClient; close: () => Promise<void> }>
		let finish: () => Promise<void>
		if (testDbKind() === 'postgres') {
			const db = await createTestDb()
			if (db.target.kind !== 'postgres') throw new Error('expected PostgreSQL')
			env = { DATABASE_URL: db.target.url }
			open = async () => ({ prisma: db.prisma, close: async () => {} })
			finish = db.cleanup
		} else {
			// The migrated empty database of createTestDb, written to a folder.
			const db = await createTestDb()
			const dump = await db.pglite!.dumpDataDir('none')
			await db.cleanup()
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-check-'))
			const pglite = new PGlite(dir, { loadDataDir: dump, extensions: pgliteExtensions })
			await pglite.close()
			env = { PGLITE_DIR: dir }
			open = async () => {
				const db = openDb({ kind: 'pglite', dir })
				return {
					prisma: db.prisma,
					close: async () => {
						await db.prisma.$disconnect()
						await db.pglite?.close()
					},
				}
			}
			finish = async () => fs.rmSync(dir, { recursive: true, force: true })
		}
		const command = () => {
			const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' }
			delete childEnv.DATABASE_URL
			delete childEnv.PGLITE_DIR
			Object.assign(childEnv, env)
			return run(process.execPath, ['--import', 'tsx', 'server/scripts/ledger-check.ts'], {
				env: childEnv,
				cwd: process.cwd(),
			}).then(
				({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
				(error: { code: number; stdout: string; stderr: string }) => error,
			)
		}
		async function using<T>(fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
			const { prisma, close } = await open()
			try {
				return await fn(prisma)
			} finally {
				await close()
			}
		}

		try {
			const { budget } = await using(smallLedger)
			const healthy = await command()
			expect(healthy.stderr).toBe('')
			expect(healthy.code).toBe(0)
			expect(healthy.stdout.trim()).toBe("Ledger healthy: 4 accounts, 4 transfers\nFunders' totals healthy: 1 funder")

			await using(
				(prisma) =>
					prisma.$executeRaw`UPDATE "LedgerAccount" SET "creditsPosted" = "creditsPosted" + 7 WHERE "id" = ${budget.id}`,
			)
			const broken = await command()
			expect(broken.code).toBe(1)
			expect(broken.stderr).toMatch(/^Ledger has 1 problem \(4 accounts, 4 transfers\):\n {2}CACHED_BALANCE_WRONG: /)

			await using(async (prisma) => {
				await prisma.$executeRaw`UPDATE "LedgerAccount" SET "creditsPosted" = "creditsPosted" - 7 WHERE "id" = ${budget.id}`
				await prisma.$executeRaw`UPDATE "LedgerReasonTotal" SET "creditsPosted" = "creditsPosted" + 7
				                         WHERE "accountId" = ${budget.id} AND "reason" = 'ALLOCATION'`
			})
			const drifted = await command()
			expect(drifted.code).toBe(1)
			expect(drifted.stderr).toMatch(/^Ledger has 1 problem \(4 accounts, 4 transfers\):\n {2}REASON_TOTAL_WRONG: /)

			// A holder account taken out of its funder's summary: the ledger sees the summary no longer match the entries,
			// and the funders' check sees the account without its funder's key. Both are printed; the status is 1.
			await using(async (prisma) => {
				await prisma.$executeRaw`UPDATE "LedgerReasonTotal" SET "creditsPosted" = "creditsPosted" - 7
				                         WHERE "accountId" = ${budget.id} AND "reason" = 'ALLOCATION'`
				await prisma.$executeRaw`UPDATE "LedgerAccount" SET "summaryKey" = NULL WHERE "id" = ${budget.id}`
			})
			const unkeyed = await command()
			expect(unkeyed.code).toBe(1)
			expect(unkeyed.stderr).toMatch(/^Ledger has 2 problems \(4 accounts, 4 transfers\):\n {2}SUMMARY_TOTAL_WRONG: /)
			expect(unkeyed.stderr).toMatch(
				/\nFunders' totals have 1 problem:\n {2}HOLDER_ACCOUNT_KEY_WRONG: Holder account \S+ \(Amina Shah: budget\) has the summary key none; its funder's is funder:\S+\.\n$/,
			)
		} finally {
			await finish()
		}
		// Three runs of the command, each a new process that opens the database: give them time on a busy machine.
	}, 180_000)
})
