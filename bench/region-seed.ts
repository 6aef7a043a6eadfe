/**
 * bench/region-seed (issue 14): PostgreSQL at the size of the Sardinian programme (../shared/domain/000_…: at least
 * 106,345 people with personalised plans), with a year of bookings and ledger transfers, and how long it took.
 *
 *   npm run bench:region:seed                     (REGION_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/bm_region)
 *   REGION_HOLDERS=106345 REGION_PROVIDERS=100000 REGION_EVERY_DAYS=14 npm run bench:region:seed
 *
 * Steps, each timed:
 *  1. drop and create the database, apply the migrations with the project's script (`npm run db:migrate`);
 *  2. the project's own seed (`npm run db:seed`, SEED_PROVIDERS=REGION_PROVIDERS): providers with services, prices,
 *     availability, credentials, past bookings and reviews, the demo accounts and funders;
 *  3. the region, set-based SQL (INSERT … SELECT FROM generate_series) into the schema's real tables:
 *     one funder ("Sardinia-sized region") with a member of staff and its source account; REGION_HOLDERS holders,
 *     each with a user (the demo password's bcrypt hash, computed once), an agreed plan with one budget line, their
 *     two ledger accounts, an allocation paid in 28-day instalments through the ledger; and one regular provider
 *     each, seen every REGION_EVERY_DAYS days for the past 52 weeks and booked 6 weeks ahead, with every booking in a
 *     state that matches its money (see `statuses` below) and every transfer, entry and cached balance the app itself
 *     would have written for it (app/domain/ledger, app/domain/money/payouts.server.ts), with the accounts' posted
 *     totals by reason (LedgerReasonTotal, ADR 030) and the funder's summary of its holders' accounts (LedgerSummaryTotal,
 *     ADR 036); then VACUUM (ANALYZE), as autovacuum would do after such a load;
 *  4. `npm run ledger:check`, which must say the ledger is healthy.
 *
 * Speed: the bulk statements run with foreign-key triggers off (session_replication_role = replica) and the big
 * tables' secondary indexes dropped and rebuilt afterwards (same definitions, read from pg_indexes); every row is
 * built to satisfy the keys, the CHECK constraints (checked on every row as usual) and the one-to-one exclusion
 * constraint (dropped for the load and added back after it, which checks every booking; a session that would clash with one
 * of the seed's own bookings of that provider is left out).
 * Prints figures only; asserts nothing.
 */
import { execSync } from 'node:child_process'
import os from 'node:os'
import pg from 'pg'
import { DEMO_PASSWORD } from '#app/domain/people/demo-accounts.ts'
import { hashPassword } from '#app/domain/people/password.server.ts'

const ADMIN_URL = process.env.REGION_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const DB_URL = process.env.REGION_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bm_region'
const HOLDERS = Number(process.env.REGION_HOLDERS ?? 106_345)
const PROVIDERS = Number(process.env.REGION_PROVIDERS ?? 100_000)
/** A session every this many days, per holder (14: fortnightly). */
const EVERY_DAYS = Number(process.env.REGION_EVERY_DAYS ?? 14)
/** Skip steps 1 and 2 when the database already holds the project's seed (and no region yet). */
const REUSE_BASE = process.env.REGION_REUSE_BASE === 'true'
const FUNDER = 'funder_region'
const STAFF = 'user_region_staff'

const dbName = new URL(DB_URL).pathname.slice(1)
const started = performance.now()
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1)

/**
 * What each region transfer (`t`) does to its two accounts (`x`): holds add to the pending totals, their payments and
 * releases take them off, and what is posted adds to the posted totals, as app/domain/ledger writes them.
 */
const TRANSFER_EFFECTS = `CROSS JOIN LATERAL (VALUES
			  (t."debitAccountId",
			   CASE t."phase" WHEN 'PENDING' THEN t."amount" WHEN 'SINGLE' THEN 0 ELSE -t."amount" END,
			   CASE WHEN t."phase" IN ('SINGLE', 'POST_PENDING') THEN t."amount" ELSE 0 END, 0::bigint, 0::bigint),
			  (t."creditAccountId", 0::bigint, 0::bigint,
			   CASE t."phase" WHEN 'PENDING' THEN t."amount" WHEN 'SINGLE' THEN 0 ELSE -t."amount" END,
			   CASE WHEN t."phase" IN ('SINGLE', 'POST_PENDING') THEN t."amount" ELSE 0 END)
			) AS x(account, d_pend, d_post, c_pend, c_post)`

async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = performance.now()
	const result = await fn()
	console.log(`  ${label}: ${seconds(t)} s`)
	return result
}

function sh(command: string) {
	execSync(command, {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DATABASE_URL: DB_URL, SESSION_SECRET: 'bench-region-session-secret' },
	})
}

async function base() {
	const admin = new pg.Client({ connectionString: ADMIN_URL })
	await admin.connect()
	await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
	await admin.query(`CREATE DATABASE "${dbName}"`)
	await admin.end()
	await step('migrations (npm run db:migrate)', async () => sh('npm run db:migrate'))
	await step(`the project's seed, ${PROVIDERS} providers (npm run db:seed)`, async () =>
		sh(`SEED_PROVIDERS=${PROVIDERS} npm run db:seed`),
	)
}

/** Secondary indexes of the bulk tables: dropped for the load, rebuilt after (primary keys stay). */
async function dropIndexes(db: pg.Client, tables: string[]): Promise<string[]> {
	const { rows } = await db.query<{ indexname: string; indexdef: string }>(
		`SELECT i.indexname, i.indexdef FROM pg_indexes i
		 WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
		   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
		[tables],
	)
	for (const r of rows) await db.query(`DROP INDEX "${r.indexname}"`)
	return rows.map((r) => r.indexdef)
}

const statuses = `
 Statuses (now = when the seed runs):
 - more than 4 weeks ahead: REQUESTED (no money held yet);
 - ahead, or under way: ACCEPTED, the price held (budget -> held, PENDING);
 - ended in the last 48 hours: DELIVERED, still held until confirmed (autoConfirmAt = end + 48 h);
 - older, 1 in 33: CANCELLED 3 days before, the hold released (VOID_PENDING);
 - older, the rest: CONFIRMED 20 hours after the end: hold posted (POST_PENDING), held -> provider payable, payout
   started (payable -> payouts in transit, PENDING, a Payout row), and paid (POST_PENDING, Payout PAID) 2 days
   later when that is past.`

/** A statement, its time printed when it took a while (to see what a step spends). */
async function q<R extends pg.QueryResultRow = pg.QueryResultRow>(
	db: pg.Client,
	text: string,
	values?: unknown[],
): Promise<pg.QueryResult<R>> {
	const t = performance.now()
	const result = await db.query<R>(text, values)
	const ms = performance.now() - t
	if (ms > 3000)
		console.log(
			`    ${(ms / 1000).toFixed(1)} s, ${result.rowCount ?? 0} rows: ${text.replace(/\s+/g, ' ').trim().slice(0, 90)}…`,
		)
	return result
}

async function region(db: pg.Client, passwordHash: string) {
	let exclusionDef = ''
	await q(db, `SET synchronous_commit = off`)
	await q(db, `SET maintenance_work_mem = '512MB'`)
	await q(db, `SET work_mem = '256MB'`)
	const anyRegion = await q(db, `SELECT 1 FROM "BudgetHolder" WHERE "funderId" = $1 LIMIT 1`, [FUNDER])
	if (anyRegion.rowCount) throw new Error('This database already has the region: run without REGION_REUSE_BASE.')

	// The calendar: 52 weeks back from this week's Monday (UTC), sessions up to 6 weeks ahead.
	await q(
		db,
		`CREATE TEMP TABLE region_clock AS
		SELECT date_trunc('week', now() AT TIME ZONE 'UTC') - interval '364 days' AS anchor,
		       (now() AT TIME ZONE 'UTC')::timestamp(3) AS now`,
	)

	await step('funder, staff, source account', async () => {
		await q(
			db,
			`INSERT INTO "Funder" ("id", "name", "scheme", "currency", "instalmentDays", "autoConfirmHours", "platformFeeBps")
			 VALUES ($1, 'Sardinia-sized region (benchmark)', 'IT_PIANO_PERSONALIZZATO', 'GBP', 28, 48, 0)`,
			[FUNDER],
		)
		await q(
			db,
			`INSERT INTO "User" ("id", "email", "name", "passwordHash", "roles", "funderId", "updatedAt")
			 VALUES ($1, 'region.staff@region.example.test', 'Giulia Serra', $2, '{FUNDER_STAFF}', $3, now())`,
			[STAFF, passwordHash, FUNDER],
		)
		await q(
			db,
			`INSERT INTO "LedgerAccount" ("id", "kind", "currency", "name", "funderId", "creditsMustNotExceedDebits")
			 VALUES ('rg_source', 'FUNDER_SOURCE', 'GBP', 'Sardinia-sized region (benchmark): budgets allocated', $1, true)`,
			[FUNDER],
		)
		// The platform's GBP accounts (the seed's demo bookings normally opened them already).
		for (const [kind, name] of [
			['PAYOUT_CLEARING', 'Payouts in transit (GBP)'],
			['PLATFORM_FEES', 'Platform fees (GBP)'],
		] as const) {
			await q(
				db,
				`INSERT INTO "LedgerAccount" ("id", "kind", "currency", "name", "debitsMustNotExceedCredits")
				 SELECT 'rg_' || lower($1), $1::"AccountKind", 'GBP', $2, $1 = 'PLATFORM_FEES'
				 WHERE NOT EXISTS (SELECT 1 FROM "LedgerAccount" WHERE "kind" = $1::"AccountKind" AND "currency" = 'GBP')`,
				[kind, name],
			)
		}
	})

	// One bookable service per published provider: its first active GBP service.
	const eligible = await step('providers to book (one service each)', async () => {
		await q(
			db,
			`CREATE TEMP TABLE region_provider AS
			SELECT row_number() OVER (ORDER BY p."id")::int AS pn, p."id" AS provider_id, p."name" AS provider_name,
			       p."lateCancelPercent" AS late_pct, s."id" AS service_id, s."title", s."categorySlug" AS category,
			       s."priceUnit" AS unit, s."pricePence" AS price, s."maxGroupSize" IS NULL AS one_to_one,
			       CASE WHEN s."priceUnit" = 'PER_HOUR' THEN 120 ELSE LEAST(COALESCE(s."durationMinutes", 60), 120) END AS minutes
			FROM "Provider" p
			JOIN LATERAL (SELECT * FROM "Service" s WHERE s."providerId" = p."id" AND s."active" AND s."currency" = 'GBP'
			              ORDER BY s."id" LIMIT 1) s ON true
			WHERE p."published" AND p."deletedAt" IS NULL`,
		)
		await q(db, `ALTER TABLE region_provider ADD PRIMARY KEY (pn)`)
		await q(db, `ANALYZE region_provider`)
		const { rows } = await q<{ n: number }>(db, `SELECT count(*)::int AS n FROM region_provider`)
		return rows[0]!.n
	})

	// Each holder's regular provider: 3 in 10 go to one of 1,000 busy providers (organisations with many clients),
	// the rest spread over every provider. rank = the holder's place among that provider's clients.
	// The busy one is chosen by i / 10, not i: the holders with i % 10 < 3 have only 300 values of i % 1000, which put
	// about 106 clients on each of 300 providers, more than the 60 fortnightly slots below keep apart (the seed then
	// failed adding back the one-to-one exclusion constraint). Now about 33 each on 1,000.
	await step(`${HOLDERS} holders: choice of provider`, async () => {
		await q(
			db,
			`CREATE TEMP TABLE region_holder AS
			 SELECT i, pn, (row_number() OVER (PARTITION BY pn ORDER BY i) - 1)::int AS rank
			 FROM (SELECT i, CASE WHEN i % 10 < 3 THEN 1 + ((i / 10) % LEAST(1000, $2::int))
			                      ELSE 1 + ((i::bigint * 2654435761) % $2::int)::int END AS pn
			       FROM generate_series(1, $1::int) AS i) x`,
			[HOLDERS, eligible],
		)
		await q(db, `ALTER TABLE region_holder ADD PRIMARY KEY (i)`)
		await q(db, `ANALYZE region_holder`)
	})

	const first = [
		'Giovanni',
		'Maria',
		'Antonio',
		'Anna',
		'Francesco',
		'Giuseppina',
		'Salvatore',
		'Caterina',
		'Pietro',
		'Rita',
		'Efisio',
		'Bonaria',
		'Gavino',
		'Lucia',
		'Mario',
		'Franca',
	]
	const last = [
		'Sanna',
		'Piras',
		'Pinna',
		'Melis',
		'Serra',
		'Carta',
		'Mura',
		'Lai',
		'Usai',
		'Atzeni',
		'Floris',
		'Porcu',
		'Deiana',
		'Cossu',
		'Marras',
		'Loi',
		'Contu',
		'Puddu',
	]
	const towns = [
		'Cagliari',
		'Sassari',
		'Quartu Sant’Elena',
		'Olbia',
		'Alghero',
		'Nuoro',
		'Oristano',
		'Carbonia',
		'Iglesias',
		'Tempio Pausania',
	]

	await step('users, holders, plans, budget lines, accounts', async () => {
		await q(db, `SET session_replication_role = replica`)
		await q(
			db,
			`INSERT INTO "User" ("id", "email", "name", "passwordHash", "roles", "createdAt", "updatedAt")
			 SELECT 'rgu' || i, 'region.holder.' || i || '@region.example.test',
			        ($1::text[])[1 + i % 16] || ' ' || ($2::text[])[1 + (i / 16) % 18], $3, '{HOLDER}',
			        c.anchor - interval '30 days', c.anchor - interval '30 days'
			 FROM region_holder, region_clock c`,
			[first, last, passwordHash],
		)
		await q(
			db,
			`INSERT INTO "BudgetHolder" ("id", "userId", "displayName", "funderId", "town", "postcodeDistrict", "createdAt",
			                             "budgetPaidHow")
			 SELECT 'rgh' || h.i, 'rgu' || h.i, ($1::text[])[1 + h.i % 16] || ' ' || ($2::text[])[1 + (h.i / 16) % 18],
			        $3, ($4::text[])[1 + h.i % 10], '09' || lpad((h.i % 100)::text, 3, '0'), c.anchor - interval '30 days',
			        'Managed by the region'
			 FROM region_holder h, region_clock c`,
			[first, last, FUNDER, towns],
		)
		await q(
			db,
			`INSERT INTO "SupportPlan" ("id", "holderId", "funderId", "status", "outcomes", "startsOn", "endsOn", "agreedAt",
			                            "agreedById", "createdAt", "updatedAt", "version", "submittedAt")
			 SELECT 'rgp' || h.i, 'rgh' || h.i, $1, 'AGREED', 'Live independently at home.' || chr(10) || 'See friends every week.',
			        c.anchor::date, (c.anchor + interval '728 days')::date, c.anchor - interval '7 days', $2,
			        c.anchor - interval '20 days', c.anchor - interval '7 days', 1, c.anchor - interval '14 days'
			 FROM region_holder h, region_clock c`,
			[FUNDER, STAFF],
		)
		await q(
			db,
			`INSERT INTO "BudgetLine" ("id", "planId", "name", "categorySlug", "amountPence", "position")
			 SELECT 'rgl' || h.i, 'rgp' || h.i, 'Regular support at home', p.category,
			        LEAST(2000000000, ${instalment('p')} * 15), 0
			 FROM region_holder h JOIN region_provider p USING (pn)`,
		)
		await q(
			db,
			`INSERT INTO "LedgerAccount" ("id", "kind", "currency", "name", "holderId", "summaryKey", "debitsMustNotExceedCredits", "createdAt")
			 SELECT 'rgab' || h.i, 'HOLDER_BUDGET'::"AccountKind", 'GBP', b."displayName" || ': budget', b."id", 'funder:${FUNDER}', true,
			        c.anchor - interval '30 days'
			 FROM region_holder h JOIN "BudgetHolder" b ON b."id" = 'rgh' || h.i, region_clock c
			 UNION ALL
			 SELECT 'rgah' || h.i, 'HOLDER_HELD'::"AccountKind", 'GBP', b."displayName" || ': held for bookings and pledges', b."id",
			        'funder:${FUNDER}', true, c.anchor - interval '30 days'
			 FROM region_holder h JOIN "BudgetHolder" b ON b."id" = 'rgh' || h.i, region_clock c`,
		)
		// What the platform owes each provider booked, unless the seed opened it already.
		await q(
			db,
			`INSERT INTO "LedgerAccount" ("id", "kind", "currency", "name", "providerId", "debitsMustNotExceedCredits", "createdAt")
			 SELECT 'rgpay' || p.pn, 'PROVIDER_PAYABLE', 'GBP', p.provider_name || ': owed (GBP)', p.provider_id, true,
			        c.anchor - interval '30 days'
			 FROM region_provider p, region_clock c
			 WHERE EXISTS (SELECT 1 FROM region_holder h WHERE h.pn = p.pn)
			   AND NOT EXISTS (SELECT 1 FROM "LedgerAccount" a
			                   WHERE a."providerId" = p.provider_id AND a."kind" = 'PROVIDER_PAYABLE' AND a."currency" = 'GBP')`,
		)
		// Each provider's payable account, looked up once (a lookup per transfer below was planned as a scan per row).
		await q(db, `ANALYZE "User", "BudgetHolder", "SupportPlan", "BudgetLine", "LedgerAccount"`)
		await q(db, `ALTER TABLE region_provider ADD COLUMN payable_id text`)
		await q(
			db,
			`UPDATE region_provider p SET payable_id = (SELECT a."id" FROM "LedgerAccount" a
			   WHERE a."providerId" = p.provider_id AND a."kind" = 'PROVIDER_PAYABLE' AND a."currency" = 'GBP'
			   ORDER BY a."createdAt" LIMIT 1)`,
		)
		await q(db, `SET session_replication_role = DEFAULT`)
		await q(db, `ANALYZE region_provider`)
	})

	const dropped = await step('dropping the big tables’ secondary indexes for the load', async () => {
		await q(db, `SET session_replication_role = replica`)
		return dropIndexes(db, ['Booking', 'LedgerTransfer', 'LedgerEntry', 'Instalment', 'Payout'])
	})

	await step('allocations and instalments (28 days, 15 of them, paid up to today)', async () => {
		await q(
			db,
			`INSERT INTO "Allocation" ("id", "funderId", "holderId", "schedule", "amountPence", "currency", "intervalDays",
			                           "instalmentCount", "firstOn", "createdById", "createdAt")
			 SELECT 'rgal' || h.i, $1, 'rgh' || h.i, 'INSTALMENTS', LEAST(2000000000, ${instalment('p')} * 15), 'GBP', 28, 15,
			        c.anchor::date, $2, c.anchor - interval '7 days'
			 FROM region_holder h JOIN region_provider p USING (pn), region_clock c`,
			[FUNDER, STAFF],
		)
		await q(
			db,
			`CREATE TEMP TABLE region_instalment AS
			 SELECT h.i, n, (c.anchor + n * interval '28 days')::date AS due, ${instalment('p')} AS amount,
			        (c.anchor + n * interval '28 days') <= c.now AS paid,
			        (c.anchor + n * interval '28 days' + interval '6 hours')::timestamp(3) AS paid_at
			 FROM region_holder h JOIN region_provider p USING (pn), region_clock c, generate_series(0, 14) AS n`,
		)
		await q(
			db,
			`INSERT INTO "Instalment" ("id", "allocationId", "dueOn", "amountPence", "status", "transferId", "paidAt")
			 SELECT 'rgi' || i || '_' || n, 'rgal' || i, due, amount, CASE WHEN paid THEN 'PAID' ELSE 'SCHEDULED' END::"InstalmentStatus",
			        CASE WHEN paid THEN 'rgti' || i || '_' || n END, CASE WHEN paid THEN paid_at END
			 FROM region_instalment`,
		)
		// The trigger that keeps the funder's total still scheduled (ADR 036) does not fire with
		// session_replication_role = replica: the same sums, as the migration that made the table fills it.
		await q(
			db,
			`INSERT INTO "FunderScheduledTotal" AS t ("funderId", "currency", "shard", "amountPence")
			 SELECT $1, 'GBP', (hashtext('rgal' || i) & 15)::smallint, SUM(amount)
			 FROM region_instalment WHERE NOT paid GROUP BY 3
			 ON CONFLICT ("funderId", "currency", "shard") DO UPDATE SET "amountPence" = t."amountPence" + EXCLUDED."amountPence"`,
			[FUNDER],
		)
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ("id", "idempotencyKey", "payloadHash", "debitAccountId", "creditAccountId", "amount",
			   "currency", "phase", "reason", "description", "initiatedById", "initiatorRole", "onBehalfOfId", "createdAt")
			 SELECT 'rgti' || i || '_' || n, 'instalment:rgi' || i || '_' || n, md5('instalment:rgi' || i || '_' || n),
			        'rg_source', 'rgab' || i, amount, 'GBP', 'SINGLE', 'ALLOCATION',
			        '£' || to_char(amount / 100.0, 'FM999999990.00') || ' from Sardinia-sized region (benchmark): instalment ' || (n + 1) || ' of 15',
			        $1, 'FUNDER', 'rgh' || i, paid_at
			 FROM region_instalment WHERE paid`,
			[STAFF],
		)
	})

	const bookings = await step(`bookings, one every ${EVERY_DAYS} days per holder`, async () => {
		// Slot of a holder with its provider: alternate weeks (when fortnightly), then weekday, then a 2-hour block
		// from 08:00 to 20:00, so up to 60 one-to-one clients of one provider never overlap.
		const weeks = Math.max(1, Math.round(EVERY_DAYS / 7))
		await q(
			db,
			`CREATE UNLOGGED TABLE region_booking AS
			 SELECT b.*, CASE
			          WHEN b.starts > b.now + interval '28 days' THEN 'REQUESTED'
			          WHEN b.ends > b.now THEN 'ACCEPTED'
			          WHEN b.ends > b.now - interval '48 hours' THEN 'DELIVERED'
			          WHEN b.n % 33 = 0 THEN 'CANCELLED'
			          ELSE 'CONFIRMED' END::"BookingStatus" AS status
			 FROM (
			   SELECT h.i, k, (h.i::bigint * 100 + k) AS n, 'rgb' || h.i || '_' || k AS id, p.*, c.now,
			          (c.anchor + make_interval(days => (h.rank % $1) * 7 + k * $2 + (h.rank / $1) % 5,
			                                    hours => 8 + 2 * ((h.rank / $1 / 5) % 6)))::timestamp(3) AS starts,
			          (c.anchor + make_interval(days => (h.rank % $1) * 7 + k * $2 + (h.rank / $1) % 5,
			                                    hours => 8 + 2 * ((h.rank / $1 / 5) % 6), mins => p.minutes))::timestamp(3) AS ends,
			          CASE WHEN p.unit = 'PER_HOUR' THEN round(p.price * p.minutes / 60.0)::int ELSE p.price END AS total
			   FROM region_holder h JOIN region_provider p USING (pn), region_clock c,
			        generate_series(0, ((364 + 42) / $2)::int) AS k
			 ) b
			 WHERE b.starts < b.now + interval '42 days'`,
			[weeks, EVERY_DAYS],
		)
		// A clash with one of the seed's own one-to-one bookings of that provider: that session is not booked.
		await q(
			db,
			`DELETE FROM region_booking r USING "Booking" b
			 WHERE b."providerId" = r.provider_id AND b."oneToOne" AND r.one_to_one AND b."startsAt" < r.ends AND b."endsAt" > r.starts`,
		)
		// The one-to-one exclusion constraint is added back after the load (checking every row then): checked row by row
		// it made this insert take about 1,000 rows/s on the shared machine.
		const exclusion = await q<{ def: string }>(
			db,
			`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'booking_one_to_one_no_overlap'`,
		)
		await q(db, `ALTER TABLE "Booking" DROP CONSTRAINT booking_one_to_one_no_overlap`)
		exclusionDef = exclusion.rows[0]!.def
		const inserted = await q(
			db,
			`INSERT INTO "Booking" ("id", "idempotencyKey", "holderId", "providerId", "serviceId", "bookedById", "budgetLineId",
			   "startsAt", "endsAt", "status", "priceUnit", "unitPricePence", "totalPence", "feePence", "currency",
			   "lateCancelPercent", "oneToOne", "cancelledById", "cancelledAt", "cancelReason", "holdTransferId",
			   "deliveredAt", "autoConfirmAt", "confirmedAt", "createdAt", "updatedAt")
			 SELECT id, 'region:' || id, 'rgh' || i, provider_id, service_id, 'rgu' || i, 'rgl' || i, starts, ends, status, unit,
			        price, total, 0, 'GBP', late_pct, one_to_one,
			        CASE WHEN status = 'CANCELLED' THEN 'rgu' || i END,
			        CASE WHEN status = 'CANCELLED' THEN starts - interval '3 days' END,
			        CASE WHEN status = 'CANCELLED' THEN 'Not well that week' END,
			        CASE WHEN status <> 'REQUESTED' THEN 'rgt' || id || 'h' END,
			        CASE WHEN status IN ('DELIVERED', 'CONFIRMED') THEN ends END,
			        CASE WHEN status IN ('DELIVERED', 'CONFIRMED') THEN ends + interval '48 hours' END,
			        CASE WHEN status = 'CONFIRMED' THEN ends + interval '20 hours' END,
			        LEAST(now, starts - interval '10 days'),
			        CASE status WHEN 'CONFIRMED' THEN ends + interval '20 hours' WHEN 'DELIVERED' THEN ends
			                    WHEN 'CANCELLED' THEN starts - interval '3 days' ELSE LEAST(now, starts - interval '10 days') END
			 FROM region_booking ORDER BY provider_id, starts`,
		)
		// A clash with one of the seed's own bookings of that provider: that session was not booked.
		await q(db, `DELETE FROM region_booking r WHERE NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."id" = r.id)`)
		await q(db, `ALTER TABLE region_booking ADD PRIMARY KEY (id)`)
		await q(db, `ANALYZE region_booking`)
		return inserted.rowCount ?? 0
	})

	await step('the bookings’ transfers (holds, payments, payouts, releases)', async () => {
		const money = (col: string) => `'£' || to_char(${col} / 100.0, 'FM999999990.00')`
		const day = (col: string) => `to_char(${col}, 'FMDy FMDD FMMon')`
		const cols = `("id", "idempotencyKey", "payloadHash", "debitAccountId", "creditAccountId", "amount", "currency", "phase",
		  "pendingId", "reason", "description", "initiatedById", "initiatorRole", "onBehalfOfId", "budgetLineId", "bookingId", "createdAt")`
		// The hold, when the provider accepted.
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || id || 'h', 'booking:' || id || ':hold', md5('booking:' || id || ':hold'), 'rgab' || i, 'rgah' || i,
			       total, 'GBP', 'PENDING', NULL, 'BOOKING',
			       ${money('total')} || ' set aside for ' || title || ' with ' || provider_name || ' on ' || ${day('starts')},
			       'rgu' || i, 'HOLDER', 'rgh' || i, 'rgl' || i, id, LEAST(now, starts - interval '10 days')
			FROM region_booking WHERE status <> 'REQUESTED' ORDER BY 1`,
		)
		// Cancelled in time: released.
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || id || 'r', 'booking:' || id || ':release', md5('booking:' || id || ':release'), 'rgab' || i, 'rgah' || i,
			       total, 'GBP', 'VOID_PENDING', 'rgt' || id || 'h', 'BOOKING',
			       ${money('total')} || ' released: the booking with ' || provider_name || ' on ' || ${day('starts')} || ' was cancelled',
			       'rgu' || i, 'HOLDER', 'rgh' || i, 'rgl' || i, id, starts - interval '3 days'
			FROM region_booking WHERE status = 'CANCELLED' ORDER BY 1`,
		)
		// Confirmed: the hold posted, the provider paid from it, the payout started.
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || id || 'p', 'booking:' || id || ':post', md5('booking:' || id || ':post'), 'rgab' || i, 'rgah' || i,
			       total, 'GBP', 'POST_PENDING', 'rgt' || id || 'h', 'BOOKING', ${money('total')} || ' set aside is now used to pay',
			       'rgu' || i, 'HOLDER', 'rgh' || i, 'rgl' || i, id, ends + interval '20 hours'
			FROM region_booking WHERE status = 'CONFIRMED' ORDER BY 1`,
		)
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || b.id || 'v', 'booking:' || b.id || ':provider', md5('booking:' || b.id || ':provider'), 'rgah' || b.i,
			       b.payable_id, b.total, 'GBP', 'SINGLE', NULL, 'BOOKING',
			       ${money('b.total')} || ' paid to ' || b.provider_name || ' for ' || b.title || ' on ' || ${day('b.starts')},
			       'rgu' || b.i, 'HOLDER', 'rgh' || b.i, 'rgl' || b.i, b.id, b.ends + interval '20 hours'
			FROM region_booking b

			WHERE b.status = 'CONFIRMED' ORDER BY 1`,
		)
		const clearing = `(SELECT "id" FROM "LedgerAccount" WHERE "kind" = 'PAYOUT_CLEARING' AND "currency" = 'GBP' ORDER BY "createdAt" LIMIT 1)`
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || b.id || 'o', 'payout:booking:' || b.id, md5('payout:booking:' || b.id), b.payable_id, ${clearing},
			       b.total, 'GBP', 'PENDING', NULL, 'PAYOUT', ${money('b.total')} || ' payout to ' || b.provider_name,
			       NULL, 'SYSTEM', NULL, NULL, b.id, b.ends + interval '20 hours'
			FROM region_booking b

			WHERE b.status = 'CONFIRMED' ORDER BY 1`,
		)
		await q(
			db,
			`INSERT INTO "LedgerTransfer" ${cols}
			SELECT 'rgt' || b.id || 'q', 'payout-paid:rgt' || b.id || 'o', md5('payout-paid:rgt' || b.id || 'o'), b.payable_id,
			       ${clearing}, b.total, 'GBP', 'POST_PENDING', 'rgt' || b.id || 'o', 'PAYOUT',
			       ${money('b.total')} || ' paid out to ' || b.provider_name, NULL, 'SYSTEM', NULL, NULL, b.id,
			       b.ends + interval '68 hours'
			FROM region_booking b
			WHERE b.status = 'CONFIRMED' AND b.ends + interval '68 hours' <= b.now ORDER BY 1`,
		)
		await q(
			db,
			`INSERT INTO "Payout" ("id", "providerId", "amountPence", "currency", "transferId", "status", "createdAt", "paidAt")
			SELECT 'rgpo' || b.id, b.provider_id, b.total, 'GBP', 'rgt' || b.id || 'o',
			       CASE WHEN b.ends + interval '68 hours' <= b.now THEN 'PAID' ELSE 'AWAITING_PAYOUT' END::"PayoutStatus",
			       b.ends + interval '20 hours', CASE WHEN b.ends + interval '68 hours' <= b.now THEN b.ends + interval '68 hours' END
			FROM region_booking b WHERE b.status = 'CONFIRMED'`,
		)
	})

	await step('ledger entries (from the transfers, as app/domain/ledger writes them)', async () => {
		// SINGLE: debit POSTED -a, credit POSTED +a. PENDING: the same, PENDING. POST_PENDING (always the whole hold
		// here): the hold leaves PENDING (debit +a, credit -a) and a is POSTED. VOID_PENDING: the hold leaves PENDING.
		await q(
			db,
			`INSERT INTO "LedgerEntry" ("transferId", "accountId", "phase", "amount", "createdAt")
			SELECT t."id", x.account, x.phase::"EntryPhase", x.amount, t."createdAt"
			FROM "LedgerTransfer" t
			CROSS JOIN LATERAL (VALUES
			   (1, t."debitAccountId", CASE WHEN t."phase" = 'SINGLE' THEN 'POSTED' ELSE 'PENDING' END,
			       CASE WHEN t."phase" IN ('SINGLE', 'PENDING') THEN -t."amount" ELSE t."amount" END),
			   (2, t."creditAccountId", CASE WHEN t."phase" = 'SINGLE' THEN 'POSTED' ELSE 'PENDING' END,
			       CASE WHEN t."phase" IN ('SINGLE', 'PENDING') THEN t."amount" ELSE -t."amount" END),
			   (3, t."debitAccountId", 'POSTED', -t."amount"),
			   (4, t."creditAccountId", 'POSTED', t."amount")
			) AS x(n, account, phase, amount)
			WHERE t."id" LIKE 'rgt%' AND (x.n <= 2 OR t."phase" = 'POST_PENDING')`,
		)
	})

	await step('accounts’ cached totals', async () => {
		await q(
			db,
			`CREATE TEMP TABLE region_delta AS
			SELECT account, SUM(d_pend)::bigint AS d_pend, SUM(d_post)::bigint AS d_post,
			       SUM(c_pend)::bigint AS c_pend, SUM(c_post)::bigint AS c_post
			FROM "LedgerTransfer" t
			${TRANSFER_EFFECTS}
			WHERE t."id" LIKE 'rgt%'
			GROUP BY account`,
		)
		await q(
			db,
			`UPDATE "LedgerAccount" a
			SET "debitsPending" = a."debitsPending" + d.d_pend, "debitsPosted" = a."debitsPosted" + d.d_post,
			    "creditsPending" = a."creditsPending" + d.c_pend, "creditsPosted" = a."creditsPosted" + d.c_post
			FROM region_delta d WHERE a."id" = d.account`,
		)
	})

	await step('accounts’ posted totals by reason (ADR 030)', async () => {
		// What each transfer posted (SINGLE, and POST_PENDING: always the whole hold here), added by account and reason
		// to the totals the project's seed already made through the ledger.
		await q(
			db,
			`INSERT INTO "LedgerReasonTotal" AS r ("accountId", "reason", "debitsPosted", "creditsPosted")
			SELECT x.account, t."reason", SUM(x.d_post)::bigint, SUM(x.c_post)::bigint
			FROM "LedgerTransfer" t
			CROSS JOIN LATERAL (VALUES (t."debitAccountId", t."amount", 0::bigint), (t."creditAccountId", 0::bigint, t."amount"))
			  AS x(account, d_post, c_post)
			WHERE t."id" LIKE 'rgt%' AND t."phase" IN ('SINGLE', 'POST_PENDING')
			GROUP BY x.account, t."reason"
			ON CONFLICT ("accountId", "reason") DO UPDATE
			SET "debitsPosted" = r."debitsPosted" + EXCLUDED."debitsPosted",
			    "creditsPosted" = r."creditsPosted" + EXCLUDED."creditsPosted"`,
		)
	})

	await step('the funder’s summary of its holders’ accounts (ADR 036)', async () => {
		// Every region transfer's effect on each holder account (as region_delta above), by the account's summary key,
		// currency and kind and the transfer's reason; each account's sums go to one shard, as the migration that made
		// the table fills it.
		await q(
			db,
			`INSERT INTO "LedgerSummaryTotal" AS s ("summaryKey", "currency", "kind", "reason", "shard",
			                                       "debitsPending", "debitsPosted", "creditsPending", "creditsPosted")
			SELECT a."summaryKey", a."currency", a."kind", t."reason", (hashtext(a."id") & 15)::smallint,
			       SUM(x.d_pend)::bigint, SUM(x.d_post)::bigint, SUM(x.c_pend)::bigint, SUM(x.c_post)::bigint
			FROM "LedgerTransfer" t
			${TRANSFER_EFFECTS}
			JOIN "LedgerAccount" a ON a."id" = x.account
			WHERE t."id" LIKE 'rgt%' AND a."summaryKey" IS NOT NULL
			GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT ("summaryKey", "currency", "kind", "reason", "shard") DO UPDATE
			SET "debitsPending" = s."debitsPending" + EXCLUDED."debitsPending",
			    "debitsPosted" = s."debitsPosted" + EXCLUDED."debitsPosted",
			    "creditsPending" = s."creditsPending" + EXCLUDED."creditsPending",
			    "creditsPosted" = s."creditsPosted" + EXCLUDED."creditsPosted"`,
		)
	})

	await step(`rebuilding ${dropped.length} indexes`, async () => {
		await q(db, `SET session_replication_role = DEFAULT`)
		for (const def of dropped) await q(db, def)
	})
	await step('the one-to-one exclusion constraint, checked on every booking', async () => {
		await q(db, `ALTER TABLE "Booking" ADD CONSTRAINT booking_one_to_one_no_overlap ${exclusionDef}`)
	})
	// VACUUM as well as ANALYZE: what autovacuum does to a live database after a load like this one. Without it (and
	// autovacuum is off on these machines' PostgreSQL, conf.d/90-ci.conf) no page is marked all-visible, so every
	// index-only scan reads the table too: the funder's list of people 69 ms a page instead of 18 (docs/benchmarks.md,
	// session 15).
	await step('VACUUM (ANALYZE)', async () => {
		await q(db, `DROP TABLE region_booking`)
		await q(db, `VACUUM (ANALYZE)`)
	})
	return bookings
}

async function main() {
	console.log(
		`bench/region-seed: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.loadavg()[0]!.toFixed(1)} load (the machine is shared: timings are noisy)`,
	)
	console.log(
		`database ${dbName}: ${HOLDERS} region holders, ${PROVIDERS} providers, a session every ${EVERY_DAYS} days`,
	)
	if (!REUSE_BASE) await base()
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const db = new pg.Client({ connectionString: DB_URL })
	await db.connect()
	const t = performance.now()
	const bookings = await region(db, passwordHash)
	console.log(`  the region in all: ${seconds(t)} s (${bookings} bookings)`)
	console.log(statuses.trim())

	const counts = await db.query<{ what: string; n: string }>(`
		SELECT 'providers' AS what, count(*)::text AS n FROM "Provider"
		UNION ALL SELECT 'services', count(*)::text FROM "Service"
		UNION ALL SELECT 'availability slots', count(*)::text FROM "AvailabilitySlot"
		UNION ALL SELECT 'budget holders (all)', count(*)::text FROM "BudgetHolder"
		UNION ALL SELECT 'budget holders (region)', count(*)::text FROM "BudgetHolder" WHERE "funderId" = '${FUNDER}'
		UNION ALL SELECT 'users', count(*)::text FROM "User"
		UNION ALL SELECT 'bookings (all)', count(*)::text FROM "Booking"
		UNION ALL SELECT 'bookings ' || status, count(*)::text FROM "Booking" WHERE "id" LIKE 'rgb%' GROUP BY status
		UNION ALL SELECT 'ledger accounts', count(*)::text FROM "LedgerAccount"
		UNION ALL SELECT 'ledger transfers', count(*)::text FROM "LedgerTransfer"
		UNION ALL SELECT 'ledger entries', count(*)::text FROM "LedgerEntry"
		UNION ALL SELECT 'ledger totals by reason', count(*)::text FROM "LedgerReasonTotal"
		UNION ALL SELECT 'ledger summary rows', count(*)::text FROM "LedgerSummaryTotal"
		UNION ALL SELECT 'instalments', count(*)::text FROM "Instalment"
		UNION ALL SELECT 'payouts', count(*)::text FROM "Payout"
		UNION ALL SELECT 'database size', pg_size_pretty(pg_database_size(current_database()))`)
	await db.end()
	for (const r of counts.rows)
		console.log(`  ${r.what.padEnd(28)} ${Number.isNaN(Number(r.n)) ? r.n : Number(r.n).toLocaleString('en-GB')}`)

	// The search index, built once here so the server does not build it at start-up (bench/region).
	const r = performance.now()
	sh('npm run --silent search:reindex > /tmp/region-search-reindex.txt')
	console.log(`search index (npm run search:reindex): ${seconds(r)} s`)

	const c = performance.now()
	try {
		sh('npm run --silent ledger:check > /tmp/region-ledger-check.txt')
	} finally {
		console.log(`ledger check (npm run ledger:check): ${seconds(c)} s`)
		execSync('cat /tmp/region-ledger-check.txt', { stdio: 'inherit' })
	}
	console.log(`seed in all: ${seconds(started)} s`)
}

/** A 28-day instalment: the regular sessions of 28 days with a quarter to spare. */
function instalment(p: string): string {
	return `(CEIL(CASE WHEN ${p}.unit = 'PER_HOUR' THEN round(${p}.price * ${p}.minutes / 60.0) ELSE ${p}.price END
	         * 28.0 / ${EVERY_DAYS} * 1.25))::int`
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
