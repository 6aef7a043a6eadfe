/**
 * bench/commissions: how long confirming a commission with 500 pledges takes (every pledge posted in ONE linked
 * ledger call), beside baselines measured in the same run on the same data:
 *  - the linked ledger call alone (money.server.ts postPledges: 500 POST_PENDING in one createTransfers);
 *  - the same 500 posts made one call each (postPending ×500: 500 transactions), what confirming would cost
 *    without linked batches (and without all-or-none).
 * Each figure uses its own commission of --pledges pledges from as many funded holders, made through the domain's
 * own `pledge()`. At the end the ledger's invariant check runs over everything written. Figures only.
 *
 *   npm run bench:commissions -- [--pledges 500]
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres (the default) is used to create a fresh
 *   database (bm_bench_commissions_<time>), dropped at the end. --pglite runs on an in-memory PGlite instead.
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { confirmCommission, createOffer, pledge } from '#app/domain/commissions/commissions.server.ts'
import { postPledges } from '#app/domain/commissions/money.server.ts'
import {
	checkLedger,
	createTransfers,
	ensureFunderSourceAccount,
	ensureHolderAccounts,
	postPending,
	type TransferInput,
} from '#app/domain/ledger/ledger.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { closeDb, type Db, openDb, setDb } from '#app/utils/db.server.ts'
import { createFunder, createHolder, createUserWithRoles, ensureCategories } from '#prisma/seed/builders.ts'
import { applyMigrations } from '#prisma/migrate.ts'
import { arg, withAdminClient, withDatabase } from './server-process.ts'

const PLEDGES = Number(arg('pledges', '500'))
const ON_PGLITE = process.argv.includes('--pglite')
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
const DAY = 86_400_000

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withAdminClient(ADMIN_URL, fn)

const session = (u: { id: string; email: string; name: string; roles: SessionUser['roles'] }): SessionUser => ({
	id: u.id,
	email: u.email,
	name: u.name,
	roles: u.roles,
	funderId: null,
})

async function setUp(db: Db) {
	const prisma = db.prisma
	await ensureCategories(prisma)
	const funder = await createFunder(prisma, { name: 'Bench Council' })
	const owner = await createUserWithRoles(prisma, { roles: ['PROVIDER'], name: 'Bench Club' })
	const provider = await prisma.provider.create({
		data: {
			slug: `bench-club-${Date.now()}`,
			ownerId: owner.id,
			kind: 'COMMUNITY_SERVICE',
			name: 'Bench Club',
			headline: 'Classes',
			bio: 'Classes.',
			town: 'Leicester',
			postcodeDistrict: 'LE1',
			lat: 52.63,
			lng: -1.13,
			languages: ['English'],
			accessibility: [],
		},
	})
	// 3 × PLEDGES holders, each given £100.00 through the ledger (linked batches of 500).
	const source = await ensureFunderSourceAccount(prisma, funder.id)
	const holders: Array<{ id: string; user: SessionUser }> = []
	for (let i = 0; i < 3 * PLEDGES; i++) {
		const h = await createHolder(prisma, { funderId: funder.id, displayName: `Holder ${i + 1}` })
		holders.push({ id: h.holder.id, user: session(h.user!) })
	}
	for (let i = 0; i < holders.length; i += 500) {
		const batch: TransferInput[] = []
		for (const h of holders.slice(i, i + 500)) {
			const { budget } = await ensureHolderAccounts(prisma, h.id)
			batch.push({
				phase: 'SINGLE',
				debitAccountId: source.id,
				creditAccountId: budget.id,
				amount: 10_000,
				reason: 'ALLOCATION',
				idempotencyKey: randomUUID(),
				description: '£100.00 budget',
				initiator: { role: 'SYSTEM' },
			})
		}
		await createTransfers(prisma, batch)
	}
	return { provider, owner: session(owner), holders }
}

async function commissionWithPledges(
	providerId: string,
	owner: SessionUser,
	holders: Array<{ id: string; user: SessionUser }>,
) {
	const now = new Date()
	const c = await createOffer(
		owner,
		{
			providerId,
			title: `Bench class ${randomUUID().slice(0, 8)}`,
			description: 'A big class.',
			pricingMode: 'SPLIT_TOTAL',
			pricePence: 50 * holders.length * 100,
			minPeople: holders.length,
			maxPeople: holders.length,
			firstSessionAt: new Date(now.getTime() + 10 * DAY),
			sessionCount: 10,
			sessionMinutes: 60,
			deadline: new Date(now.getTime() + 7 * DAY),
			cancellationTerms: 'Refunds for sessions not delivered.',
		},
		now,
	)
	const started = performance.now()
	for (const h of holders)
		await pledge(h.user, { commissionId: c.id, holderId: h.id, idempotencyKey: randomUUID(), budgetLineId: null }, now)
	return { id: c.id, now, pledgeMs: performance.now() - started }
}

async function main() {
	let db: Db
	let drop: (() => Promise<void>) | null = null
	if (ON_PGLITE) {
		db = openDb({ kind: 'pglite', dir: 'memory://' })
		await applyMigrations({ kind: 'pglite', pglite: db.pglite! })
	} else {
		const database = `bm_bench_commissions_${Math.floor(Date.now() / 1000)}`
		await admin((c) => c.query(`CREATE DATABASE "${database}"`))
		const url = withDatabase(ADMIN_URL, database)
		await applyMigrations({ kind: 'postgres', url })
		db = openDb({ kind: 'postgres', url })
		drop = () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).then(() => undefined)
	}
	setDb(db)
	try {
		console.log(
			`bench/commissions on ${ON_PGLITE ? 'PGlite (in memory)' : 'PostgreSQL'}: ${PLEDGES} pledges per commission`,
		)
		const { provider, owner, holders } = await setUp(db)
		const [a, b, c] = [holders.slice(0, PLEDGES), holders.slice(PLEDGES, 2 * PLEDGES), holders.slice(2 * PLEDGES)]

		const whole = await commissionWithPledges(provider.id, owner, a)
		let started = performance.now()
		await confirmCommission(owner, whole.id, whole.now)
		const confirmMs = performance.now() - started

		const linked = await commissionWithPledges(provider.id, owner, b)
		const linkedPledges = await db.prisma.pledge.findMany({
			where: { commissionId: linked.id },
			select: { id: true, holdTransferId: true, sharePence: true },
		})
		started = performance.now()
		await postPledges(
			db.prisma,
			linkedPledges.map((p) => ({
				pledgeId: p.id,
				holdTransferId: p.holdTransferId!,
				amount: p.sharePence,
				description: 'Bench: posted in one linked call',
			})),
			{ role: 'SYSTEM' },
		)
		const linkedMs = performance.now() - started

		const single = await commissionWithPledges(provider.id, owner, c)
		const singlePledges = await db.prisma.pledge.findMany({
			where: { commissionId: single.id },
			select: { id: true, holdTransferId: true, sharePence: true },
		})
		started = performance.now()
		for (const p of singlePledges) {
			await postPending(db.prisma, {
				pendingId: p.holdTransferId!,
				amount: p.sharePence,
				idempotencyKey: randomUUID(),
				description: 'Bench: posted one call each',
				initiator: { role: 'SYSTEM' },
				pledgeId: p.id,
			})
		}
		const singleMs = performance.now() - started

		const row = (label: string, ms: number) =>
			console.log(
				`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms  (${((ms / PLEDGES) * 1000).toFixed(0)} µs per pledge)`,
			)
		console.log(`  (making the pledges, one pledge() each: ${(whole.pledgeMs / PLEDGES).toFixed(1)} ms per pledge)`)
		row(`confirmCommission, ${PLEDGES} pledges (one linked ledger call + rows)`, confirmMs)
		row(`the linked ledger call alone (${PLEDGES} POST_PENDING, one call)`, linkedMs)
		row(`baseline: the same posts one ledger call each (${PLEDGES} calls)`, singleMs)
		console.log(`  linked call vs one call each: ${(singleMs / linkedMs).toFixed(1)}× faster`)
		const problems = await checkLedger(db.prisma)
		console.log(`  ledger check: ${problems.length === 0 ? 'healthy' : `${problems.length} problem(s)`}`)
	} finally {
		await closeDb()
		if (drop) await drop()
	}
}

await main()
process.exit(0)
