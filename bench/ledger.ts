/**
 * bench/ledger: posted ledger transfers per second on the real PostgreSQL, with 1 and 8 concurrent clients, beside
 * the same machine's pgbench TPS (the standard TPC-B-like script) as the baseline, printed as a ratio.
 *
 *   tsx bench/ledger.ts [--seconds 8] [--accounts 256] [--batch 100]
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres (the default) is used to create a fresh
 *   database (bm_bench_ledger_<time>), which is dropped at the end.
 *
 * Two ways of calling the ledger are measured, both through the public module (#app/domain/ledger/ledger.server.ts)
 * exactly as the app calls it, through Prisma and its pg adapter:
 *  - one transfer per call (`transfer()`: one database transaction each), the way a web request moves money;
 *  - linked batches (`createTransfers()` with --batch transfers in one transaction), the way a job moves many.
 * Each client works on its own slice of the holder accounts (transfers between two holders' budgets), so the
 * figures measure the ledger, not a single hot row. Every transfer is a posted (SINGLE) transfer. At the end the
 * ledger's own invariant check runs over everything the bench wrote. Target: at least 1,000 posted transfers/s.
 * Figures only: nothing here asserts a time.
 */
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import pg from 'pg'
import {
	checkLedger,
	createTransfers,
	ensureFunderSourceAccount,
	ensureHolderAccounts,
	transfer,
	type TransferInput,
} from '#app/domain/ledger/ledger.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { openDb } from '#app/utils/db.server.ts'
import { applyMigrations } from '#prisma/migrate.ts'
import { arg, withAdminClient, withDatabase } from './server-process.ts'

const SECONDS = Number(arg('seconds', '8'))
const ACCOUNTS = Number(arg('accounts', '256'))
const BATCH = Number(arg('batch', '100'))
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
const PGBENCH = process.env.PGBENCH || '/usr/bin/pgbench'

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withAdminClient(ADMIN_URL, fn)

// ───────────────────────────── pgbench ─────────────────────────────

function pgbenchArgs(url: string): string[] {
	const u = new URL(url)
	return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')]
}

function pgbenchTps(url: string, database: string, clients: number): number {
	const output = execFileSync(
		PGBENCH,
		[
			...pgbenchArgs(url),
			'-n',
			'-c',
			String(clients),
			'-j',
			String(Math.min(clients, os.cpus().length)),
			'-T',
			String(SECONDS),
			database,
		],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	)
	const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)
	if (!match) throw new Error(`Could not read pgbench's TPS from:\n${output}`)
	return Number(match[1])
}

// ───────────────────────────── The ledger ─────────────────────────────

type Setup = { budgets: string[] }

async function setUp(prisma: PrismaClient): Promise<Setup> {
	const funder = await prisma.funder.create({
		data: { name: 'Bench Council', scheme: 'UK_DIRECT_PAYMENT', currency: 'GBP' },
	})
	const source = await ensureFunderSourceAccount(prisma, funder.id)
	await prisma.budgetHolder.createMany({
		data: Array.from({ length: ACCOUNTS }, (_, i) => ({
			id: `bench_holder_${i}`,
			displayName: `Bench holder ${i}`,
			funderId: funder.id,
		})),
	})
	const budgets: string[] = []
	for (let i = 0; i < ACCOUNTS; i++) budgets.push((await ensureHolderAccounts(prisma, `bench_holder_${i}`)).budget.id)
	// Enough in every budget that no transfer is refused.
	for (let from = 0; from < budgets.length; from += 200) {
		await createTransfers(
			prisma,
			budgets.slice(from, from + 200).map((budget, k) => ({
				phase: 'SINGLE' as const,
				idempotencyKey: `bench:fund:${from + k}`,
				debitAccountId: source.id,
				creditAccountId: budget,
				amount: 1_000_000_000,
				reason: 'ALLOCATION' as const,
				description: '£10,000,000.00 for the bench',
				initiator: { role: 'SYSTEM' as const },
			})),
		)
	}
	return { budgets }
}

let sequence = 0
function input(budgets: string[], from: number, to: number): TransferInput {
	sequence += 1
	return {
		phase: 'SINGLE',
		idempotencyKey: `bench:${process.pid}:${sequence}`,
		debitAccountId: budgets[from]!,
		creditAccountId: budgets[to]!,
		amount: 1 + (sequence % 5_000),
		reason: 'CORRECTION',
		description: '£0.01 moved by the ledger bench',
		initiator: { role: 'SYSTEM' },
	}
}

/** Runs `clients` loops for SECONDS; each loop uses its own slice of accounts. Returns posted transfers per second. */
async function measure(
	prisma: PrismaClient,
	budgets: string[],
	clients: number,
	batch: number,
): Promise<{ perSecond: number; transfers: number; nodeCpu: number }> {
	const slice = Math.floor(budgets.length / clients)
	let done = 0
	const deadline = Date.now() + SECONDS * 1000
	const started = Date.now()
	const cpu = process.cpuUsage()
	await Promise.all(
		Array.from({ length: clients }, async (_, c) => {
			const mine = budgets.slice(c * slice, (c + 1) * slice)
			let k = 0
			while (Date.now() < deadline) {
				if (batch === 1) {
					const a = k % mine.length
					await transfer(prisma, input(mine, a, (a + 1) % mine.length) as Parameters<typeof transfer>[1])
					done += 1
				} else {
					const inputs = Array.from({ length: batch }, (_, j) => {
						const a = (k + j) % mine.length
						return input(mine, a, (a + 1 + (j % 3)) % mine.length)
					})
					await createTransfers(prisma, inputs)
					done += batch
				}
				k += batch
			}
		}),
	)
	const elapsed = (Date.now() - started) / 1000
	const used = process.cpuUsage(cpu)
	return { perSecond: done / elapsed, transfers: done, nodeCpu: (used.user + used.system) / 1e6 / elapsed }
}

/** Mean time of one trivial statement, through Prisma and straight through pg: what each round trip costs. */
async function roundTrips(prisma: PrismaClient, url: string): Promise<{ prisma: number; pg: number }> {
	const n = 1_000
	await prisma.$queryRaw`SELECT 1`
	let started = performance.now()
	for (let i = 0; i < n; i++) await prisma.$queryRaw`SELECT 1`
	const viaPrisma = (performance.now() - started) / n
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		await client.query('SELECT 1')
		started = performance.now()
		for (let i = 0; i < n; i++) await client.query('SELECT 1')
		return { prisma: viaPrisma, pg: (performance.now() - started) / n }
	} finally {
		await client.end()
	}
}

// ───────────────────────────── Main ─────────────────────────────

function fmt(n: number, digits = 0): string {
	return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

async function main() {
	const database = `bm_bench_ledger_${Math.floor(Date.now() / 1000)}`
	const url = withDatabase(ADMIN_URL, database)
	console.log(
		`bench/ledger on ${new URL(ADMIN_URL).host}, ${os.cpus().length} CPU cores, ${SECONDS} s per run, ${ACCOUNTS} holder accounts`,
	)
	await admin((c) => c.query(`CREATE DATABASE "${database}"`))
	const db = openDb({ kind: 'postgres', url })
	try {
		await applyMigrations({ kind: 'postgres', url })
		const { budgets } = await setUp(db.prisma)
		const versions = await admin((c) => c.query<{ server_version: string }>('SHOW server_version'))
		console.log(
			`PostgreSQL ${versions.rows[0]?.server_version}; Prisma client pool of 10 connections (@prisma/adapter-pg)\n`,
		)

		// Warm up (connections, prepared statements, caches).
		await measure(db.prisma, budgets, 8, 1).catch(() => undefined)

		const rows: { mode: string; clients: number; perSecond: number; pgbench: number; nodeCpu: number }[] = []
		// Scale = the most clients: pgbench's manual says the TPC-B-like test's scale should be at least the number of
		// clients, "else you'll mostly be measuring update contention" (scale 1 has one branch row that all 8 clients
		// update). The ledger runs give each client its own accounts, so the baseline must not have a hot row either.
		const CLIENTS = [1, 8]
		const scale = Math.max(...CLIENTS)
		execFileSync(PGBENCH, [...pgbenchArgs(ADMIN_URL), '-i', '-q', '-s', String(scale), database], { stdio: 'ignore' })
		for (const clients of CLIENTS) {
			const baseline = pgbenchTps(ADMIN_URL, database, clients)
			const single = await measure(db.prisma, budgets, clients, 1)
			rows.push({
				mode: 'one transfer per call',
				clients,
				perSecond: single.perSecond,
				pgbench: baseline,
				nodeCpu: single.nodeCpu,
			})
			const batched = await measure(db.prisma, budgets, clients, BATCH)
			rows.push({
				mode: `linked batches of ${BATCH}`,
				clients,
				perSecond: batched.perSecond,
				pgbench: baseline,
				nodeCpu: batched.nodeCpu,
			})
		}

		const header = [
			'how the ledger is called',
			'clients',
			'posted transfers/s',
			'pgbench TPS',
			'ratio (transfers/s ÷ TPS)',
			'Node CPU',
		]
		const table = [
			header,
			...rows.map((r) => [
				r.mode,
				String(r.clients),
				fmt(r.perSecond),
				fmt(r.pgbench),
				fmt(r.perSecond / r.pgbench, 2),
				`${fmt(r.nodeCpu * 100)}%`,
			]),
		]
		const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
		for (const [i, row] of table.entries()) {
			console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  '))
			if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
		}
		const best = Math.max(...rows.map((r) => r.perSecond))
		console.log(`\nTarget ≥ 1,000 posted transfers/s: ${best >= 1000 ? 'met' : 'NOT met'} (best ${fmt(best)}/s).`)
		console.log(
			`pgbench: the default TPC-B-like transaction (3 updates, 1 select, 1 insert), scale ${scale}, -j = min(clients, cores).`,
		)

		const trips = await roundTrips(db.prisma, url)
		console.log(
			`\nOne round trip (SELECT 1) takes ${fmt(trips.prisma, 2)} ms through Prisma and ${fmt(trips.pg, 2)} ms straight through pg here. ` +
				'The ledger makes 10 statements for one transfer (BEGIN, key lock, key look-up, account lock, transfer, ' +
				'entries, one update of both balances, the posted totals by reason, the summary of accounts with a key ' +
				'(here every holder account: ADR 036), COMMIT), and the same 10 for a whole linked batch (one insert of ' +
				'all its transfers, one of all their entries, one update of every balance, one upsert of each kind of ' +
				'total). "Node CPU" is the bench ' +
				"process's CPU time over wall time (100% = one core busy): the Prisma client's own work per statement.",
		)

		const problems = await checkLedger(db.prisma)
		const count = await db.prisma.ledgerTransfer.count()
		console.log(
			`Ledger check over ${fmt(count)} transfers: ${problems.length === 0 ? 'healthy' : `${problems.length} problems`}`,
		)
		for (const p of problems) console.log(`  ${p.code}: ${p.message}`)
		if (problems.length > 0) process.exitCode = 1
	} finally {
		await db.prisma.$disconnect()
		await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
