/**
 * bench/region (issue 14): the signed-in pages at the size of a region, on the database bench/region-seed made
 * (106,345 holders of one funder, 100,000 providers, a year of bookings and ledger transfers).
 *
 *   npm run build && npm run bench:region:seed && npm run bench:region
 *   REGION_DATABASE_URL=postgresql://…/bm_region REGION_REQUESTS=300 REGION_PEOPLE=150 REGION_CONCURRENCY=1 npm run bench:region
 *
 * Starts the built server as `npm start` does (same Node flags) on that database, signs REGION_PEOPLE holders and
 * REGION_PEOPLE provider owners in through the real sign-in form (CSRF token, each from their own address), and the
 * region's member of staff, then times REGION_REQUESTS requests of each page, each for another person (never one
 * cached id): the holder's money page (/holders/:id/money), the provider's dashboard (/provider), the funder's
 * overview (/funder, a random page of its 2,127 pages of holders, and a search by name one time in four), the search
 * page (/search?q=…, a mix of words, towns and typos), and the app's 404 page as the baseline of this run (the
 * machine is shared: compare ratios). Then times `npm run ledger:check` on the same database.
 * Prints p50/p95/p99; asserts nothing. The database is left as it is (drop it with DROP DATABASE when done).
 */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'
import { DEMO_PASSWORD } from '#app/domain/people/demo-accounts.ts'
import { HttpPerson } from '#tests/setup/http-person.ts'
import { machineLine, peakRssMiB, rssMiB, startAppProcess } from './server-process.ts'

const DB_URL = process.env.REGION_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bm_region'
const REQUESTS = Number(process.env.REGION_REQUESTS ?? 300)
const PEOPLE = Number(process.env.REGION_PEOPLE ?? 150)
const CONCURRENCY = Number(process.env.REGION_CONCURRENCY ?? 1)
const WARM_UP = 10
const ONLY = (process.env.REGION_ONLY ?? '').split(',').filter(Boolean)

const QUERIES = [
	'personal care',
	'cleaning',
	'autism',
	'getting out',
	'gardening',
	'meals',
	'Leicester',
	'Nottingham',
	'Derby',
	'dementia support',
	'demntia',
	'personal asistant',
	'shopping',
	'swimming',
	'transport',
	'night sitting',
	'respite',
	'companionship',
]

function startFlags(): string[] {
	const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
	return (pkg.scripts.start ?? '').split(/\s+/).filter((part) => /^--max-|^--optimize/.test(part))
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

type Result = { label: string; ms: number[]; statuses: Map<number, number> }

async function timeMany(label: string, requests: Array<() => Promise<Response>>): Promise<Result> {
	const result: Result = { label, ms: [], statuses: new Map() }
	let next = 0
	const worker = async () => {
		while (next < requests.length) {
			const i = next++
			const t0 = performance.now()
			const response = await requests[i]!()
			await response.arrayBuffer()
			const ms = performance.now() - t0
			if (i >= WARM_UP) {
				result.ms.push(ms)
				result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1)
			}
		}
	}
	await Promise.all(Array.from({ length: CONCURRENCY }, worker))
	result.ms.sort((a, b) => a - b)
	return result
}

function pick<T>(items: readonly T[], i: number): T {
	return items[i % items.length]!
}

async function main() {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	const db = new pg.Client({ connectionString: DB_URL })
	await db.connect()
	const holders = (
		await db.query<{ email: string; id: string }>(
			`SELECT u."email", h."id" FROM "BudgetHolder" h JOIN "User" u ON u."id" = h."userId"
			 WHERE h."funderId" = 'funder_region' ORDER BY md5(h."id") LIMIT $1`,
			[PEOPLE],
		)
	).rows
	// Providers: half the busiest (organisations with the most clients), half anyone with region bookings.
	const providers = (
		await db.query<{ email: string }>(
			`(SELECT u."email" FROM "Provider" p JOIN "User" u ON u."id" = p."ownerId"
			  WHERE p."id" IN (SELECT "providerId" FROM "Booking" WHERE "id" LIKE 'rgb%' AND "startsAt" > now() - interval '8 days'
			                   GROUP BY 1 ORDER BY count(*) DESC LIMIT $1))
			 UNION
			 (SELECT u."email" FROM "Provider" p JOIN "User" u ON u."id" = p."ownerId"
			  WHERE p."id" IN (SELECT "providerId" FROM "Booking" WHERE "id" LIKE 'rgb%' AND "startsAt" > now() - interval '15 days'
			                   AND "startsAt" < now() ORDER BY md5("id") LIMIT $1))`,
			[Math.ceil(PEOPLE / 2)],
		)
	).rows
	const counts = (
		await db.query<{ holders: string; providers: string; bookings: string; transfers: string; entries: string }>(
			`SELECT (SELECT count(*) FROM "BudgetHolder") AS holders, (SELECT count(*) FROM "Provider") AS providers,
			        (SELECT count(*) FROM "Booking") AS bookings, (SELECT count(*) FROM "LedgerTransfer") AS transfers,
			        (SELECT count(*) FROM "LedgerEntry") AS entries`,
		)
	).rows[0]!
	const pages = Math.ceil(
		Number(
			(await db.query<{ n: string }>(`SELECT count(*) AS n FROM "BudgetHolder" WHERE "funderId" = 'funder_region'`))
				.rows[0]!.n,
		) / 50,
	)
	await db.end()

	console.log(`bench/region  ${new Date().toISOString()}  ${machineLine()} (shared with other work: timings are noisy)`)
	console.log(
		`database: ${new URL(DB_URL).pathname.slice(1)}: ${Number(counts.holders).toLocaleString('en-GB')} holders, ` +
			`${Number(counts.providers).toLocaleString('en-GB')} providers, ${Number(counts.bookings).toLocaleString('en-GB')} bookings, ` +
			`${Number(counts.transfers).toLocaleString('en-GB')} transfers, ${Number(counts.entries).toLocaleString('en-GB')} entries`,
	)
	const flags = startFlags()
	const app = await startAppProcess(
		{ DATABASE_URL: DB_URL, SESSION_SECRET: 'bench-region-session-secret', TRUST_PROXY: 'loopback' },
		{ nodeFlags: flags },
	)
	const serverErrors: string[] = []
	app.child.stderr?.on('data', (d: Buffer) => {
		if (serverErrors.length < 20) serverErrors.push(...d.toString().split('\n').slice(0, 4))
	})
	try {
		console.log(
			`server: built app, flags ${flags.join(' ') || '(none)'}, ready in ${(app.startMs / 1000).toFixed(1)} s, ` +
				`resident ${rssMiB(app.child.pid)?.toFixed(0)} MiB (peak ${peakRssMiB(app.child.pid)?.toFixed(0)} MiB)`,
		)
		const signIn = async (email: string, n: number) => {
			const person = new HttpPerson(app.baseUrl, {
				address: `10.14.${Math.floor(n / 250)}.${n % 250}`,
				timeoutMs: 120_000,
			})
			await person.signIn(email, DEMO_PASSWORD)
			return person
		}
		let t = performance.now()
		const holderPeople: { person: HttpPerson; id: string }[] = []
		for (const [n, h] of holders.entries()) holderPeople.push({ person: await signIn(h.email, n), id: h.id })
		const providerPeople: HttpPerson[] = []
		for (const [n, p] of providers.entries()) providerPeople.push(await signIn(p.email, 1000 + n))
		const staff = await signIn('region.staff@region.example.test', 2000)
		const anonymous = new HttpPerson(app.baseUrl, { address: '10.14.99.1', timeoutMs: 120_000 })
		console.log(
			`signed in ${holderPeople.length} holders, ${providerPeople.length} providers and the region's staff through the form in ${((performance.now() - t) / 1000).toFixed(1)} s`,
		)
		console.log(`${REQUESTS} requests a page (after ${WARM_UP} not counted), ${CONCURRENCY} at a time`)

		const n = REQUESTS + WARM_UP
		const runs: Array<[string, Array<() => Promise<Response>>]> = [
			['404 page (baseline)', Array.from({ length: n }, (_, i) => () => anonymous.get(`/no-such-page-${i}`))],
			[
				'holder money /holders/:id/money',
				Array.from({ length: n }, (_, i) => {
					const h = pick(holderPeople, i)
					return () => h.person.get(`/holders/${h.id}/money`)
				}),
			],
			[
				'provider dashboard /provider',
				Array.from({ length: n }, (_, i) => () => pick(providerPeople, i).get('/provider')),
			],
			[
				'funder overview /funder',
				Array.from({ length: n }, (_, i) => {
					const page = 1 + ((i * 7919) % pages)
					const path =
						i % 4 === 3
							? `/funder?q=${encodeURIComponent(pick(['Sanna', 'Maria', 'Piras', 'lucia', 'Gavino Loi'], i))}`
							: `/funder?page=${page}`
					return () => staff.get(path)
				}),
			],
			[
				'search /search?q=',
				Array.from(
					{ length: n },
					(_, i) => () => pick(holderPeople, i).person.get(`/search?q=${encodeURIComponent(pick(QUERIES, i))}`),
				),
			],
		]
		const results: Result[] = []
		for (const [label, requests] of runs) {
			if (ONLY.length && !label.startsWith('404') && !ONLY.some((o) => label.includes(o))) continue
			t = performance.now()
			const r = await timeMany(label, requests)
			results.push(r)
			console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
		}
		const base = percentile(results[0]!.ms, 50)
		console.log('')
		console.log('| page | n | p50 ms | p95 ms | p99 ms | max ms | p50 / 404 p50 | statuses |')
		console.log('|---|---:|---:|---:|---:|---:|---:|---|')
		for (const r of results) {
			const p50 = percentile(r.ms, 50)
			console.log(
				`| ${r.label} | ${r.ms.length} | ${p50.toFixed(1)} | ${percentile(r.ms, 95).toFixed(1)} | ${percentile(r.ms, 99).toFixed(1)} | ` +
					`${r.ms[r.ms.length - 1]!.toFixed(1)} | ${(p50 / base).toFixed(1)} | ${[...r.statuses].map(([s, c]) => `${s}×${c}`).join(' ')} |`,
			)
		}
		console.log(`server peak resident memory: ${peakRssMiB(app.child.pid)?.toFixed(0)} MiB`)
		if (serverErrors.length) console.log(`server said:\n${serverErrors.join('\n')}`)
	} finally {
		await app.stop()
	}

	if (ONLY.length && !ONLY.includes('ledger')) return
	const t = performance.now()
	const out = execSync('npm run --silent ledger:check 2>&1', {
		env: { ...process.env, DATABASE_URL: DB_URL, SESSION_SECRET: 'bench-region-session-secret' },
	}).toString()
	console.log(`ledger check (npm run ledger:check): ${((performance.now() - t) / 1000).toFixed(1)} s: ${out.trim()}`)
}

main().catch((error: unknown) => {
	console.error(error)
	process.exitCode = 1
})
