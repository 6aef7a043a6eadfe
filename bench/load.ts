/**
 * bench/load (issue 13): the built server on PostgreSQL, as `npm start` runs it, under LOAD_PEOPLE (default 200)
 * simulated people for LOAD_SECONDS (default 600), each on a loop of realistic steps with a pause between them
 * (LOAD_THINK_MS, default 1000, ±50%):
 *
 *   search 30% (the search page with a phrase, or a page of the directory), profile 30% (a provider's page),
 *   statement 15% (the holder's money page), booking 15% (check the price, then send the request: two form
 *   POSTs with the CSRF token), sign-in 10% (signing in again with the password).
 *
 * A fresh database is made on LOAD_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres)
 * and seeded by the server at start-up (SEED_ON_START); the people are holders added to it with money to spend, and
 * 20 providers open 08:00–20:00 every day to book. Each person comes from their own address (X-Forwarded-For,
 * TRUST_PROXY=loopback), so the sign-in throttle sees people, not one client. The database is dropped at the end.
 *
 * Prints every minute: requests/s in that minute, 5xx so far, the server's resident and peak memory; at the end,
 * per kind of step: requests, p50 and p99 in ms, 4xx, 5xx, failures (no answer). Nothing is asserted.
 *
 * Usage: npm run build && npm run bench:load            LOAD_PEOPLE=50 LOAD_SECONDS=120 npm run bench:load
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { ledgerCheckReport } from '#app/domain/ledger/check.server.ts'
import { closeDb, openDb, setDb } from '#app/utils/db.server.ts'
import { addLocalDays, localDate, startOfDay } from '#app/utils/dates.ts'
import {
	createFunder,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
	TEST_PASSWORD,
} from '#tests/db-utils.ts'
import { HttpPerson } from '#tests/setup/http-person.ts'
import {
	adminQuery,
	machineLine,
	peakRssMiB,
	rssMiB,
	startAppProcess,
	startFlags,
	withDatabase,
} from './server-process.ts'

const PEOPLE = Number(process.env.LOAD_PEOPLE ?? 200)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 600)
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 1000)
const ADMIN_URL = process.env.LOAD_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const PROVIDERS = 20

type Kind = 'search' | 'profile' | 'statement' | 'booking' | 'sign-in'
const MIX: [Kind, number][] = [
	['search', 0.3],
	['profile', 0.3],
	['statement', 0.15],
	['booking', 0.15],
	['sign-in', 0.1],
]
const PHRASES = [
	'personal care',
	'Leicester',
	'cleaning',
	'autism',
	'getting out',
	'PA Nottingham',
	'gardening',
	'meals',
]

function pick<T>(items: readonly T[]): T {
	return items[Math.floor(Math.random() * items.length)]!
}

function pickKind(): Kind {
	let r = Math.random()
	for (const [kind, weight] of MIX) {
		r -= weight
		if (r < 0) return kind
	}
	return 'search'
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const admin = (sql: string) => adminQuery(ADMIN_URL, sql)

type Stats = { ms: number[]; c4xx: number; c5xx: number; failed: number }

async function main() {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	const database = `bm_bench_load_${Date.now()}`
	await admin(`CREATE DATABASE "${database}"`)
	const url = withDatabase(ADMIN_URL, database)
	const flags = startFlags()
	const app = await startAppProcess(
		{
			DATABASE_URL: url,
			SEED_ON_START: 'true',
			SESSION_SECRET: `bench-load-${randomUUID()}`,
			TRUST_PROXY: 'loopback',
		},
		{ nodeFlags: flags },
	)
	// The server's error lines, to say what any 5xx was.
	const serverErrors: string[] = []
	app.child.stderr?.on('data', (d: Buffer) => {
		if (serverErrors.length < 40) serverErrors.push(...d.toString().split('\n').slice(0, 6))
	})
	const db = openDb({ kind: 'postgres', url })
	setDb(db)
	try {
		const p = db.prisma
		// The people: holders with money, and providers open every day to book.
		const funder = await createFunder(p, { name: 'Load Test Council' })
		const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder.id })
		const bookable: { slug: string; serviceId: string }[] = []
		for (let i = 0; i < PROVIDERS; i++) {
			const created = await createProviderWithService(p, { provider: { name: `Load Provider ${i}` } })
			await p.availabilitySlot.createMany({
				data: Array.from({ length: 7 }, (_, weekday) => ({
					providerId: created.provider.id,
					weekday,
					startMinute: 8 * 60,
					endMinute: 20 * 60,
				})),
			})
			bookable.push({ slug: created.provider.slug, serviceId: created.service.id })
		}
		const people: { email: string; holderId: string }[] = []
		for (let i = 0; i < PEOPLE; i++) {
			const email = `load${i}@bench.test`
			const created = await createHolder(p, { funderId: funder.id, displayName: `Load Holder ${i}`, user: { email } })
			await createAllocation({
				funderId: funder.id,
				holderId: created.holder.id,
				staffUserId: staff.id,
				schedule: 'ONE_OFF',
				amountEach: 500_000,
				firstOn: startOfDay(new Date()),
				idempotencyKey: randomUUID(),
			})
			people.push({ email, holderId: created.holder.id })
		}
		const slugs = (await p.provider.findMany({ where: { published: true }, select: { slug: true }, take: 300 })).map(
			(r) => r.slug,
		)
		const today = localDate(new Date())

		console.log(`bench/load  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(
			`server: built app on PostgreSQL (${database}, seeded at start-up), flags ${flags.join(' ') || '(none)'}, started in ${app.startMs} ms`,
		)
		console.log(
			`load: ${PEOPLE} people for ${SECONDS} s, think time ${THINK_MS} ms ±50%, mix ${MIX.map(([k, w]) => `${k} ${w * 100}%`).join(', ')}`,
		)
		console.log(`server at ready: resident ${rssMiB(app.child.pid)?.toFixed(0)} MiB`)
		console.log('')
		console.log('minute  req/s  5xx so far  resident MiB  peak MiB')

		const stats = new Map<Kind, Stats>(MIX.map(([k]) => [k, { ms: [], c4xx: 0, c5xx: 0, failed: 0 }]))
		const errors5xx = new Map<string, number>()
		let requests = 0
		let lastMinuteRequests = 0
		const rss: number[] = []
		const started = Date.now()
		const deadline = started + SECONDS * 1000
		const sample = setInterval(() => {
			const minute = Math.round((Date.now() - started) / 60_000)
			const r = rssMiB(app.child.pid) ?? 0
			rss.push(r)
			const c5xx = [...stats.values()].reduce((n, s) => n + s.c5xx, 0)
			console.log(
				`${String(minute).padStart(6)}  ${String(Math.round((requests - lastMinuteRequests) / 60)).padStart(5)}  ${String(c5xx).padStart(10)}  ${r.toFixed(0).padStart(12)}  ${(peakRssMiB(app.child.pid) ?? 0).toFixed(0).padStart(8)}`,
			)
			lastMinuteRequests = requests
		}, 60_000)

		/** Times one HTTP answer under its kind. */
		const timed = async (kind: Kind, label: string, run: () => Promise<Response>): Promise<Response | null> => {
			const s = stats.get(kind)!
			const t0 = performance.now()
			try {
				const response = await run()
				s.ms.push(performance.now() - t0)
				requests++
				if (response.status >= 500) {
					s.c5xx++
					errors5xx.set(`${response.status} ${label}`, (errors5xx.get(`${response.status} ${label}`) ?? 0) + 1)
				} else if (response.status >= 400) s.c4xx++
				return response
			} catch {
				s.failed++
				return null
			}
		}
		const drain = async (r: Response | null) => {
			await r?.body?.cancel().catch(() => undefined)
		}

		const simulate = async (i: number) => {
			const me = people[i]!
			const who = new HttpPerson(app.baseUrl, {
				address: `10.14.${Math.floor(i / 250)}.${i % 250}`,
				timeoutMs: 120_000,
			})
			// Arrive over the first 20 s, not all at once.
			await new Promise((r) => setTimeout(r, Math.random() * 20_000))
			await drain(
				await timed('sign-in', '/login', () => who.post('/login', { email: me.email, password: TEST_PASSWORD })),
			)
			while (Date.now() < deadline) {
				const kind = pickKind()
				if (kind === 'search') {
					const path =
						Math.random() < 0.6
							? `/search?q=${encodeURIComponent(pick(PHRASES))}`
							: `/providers?page=${1 + Math.floor(Math.random() * 10)}`
					await drain(await timed(kind, path.split('?')[0]!, () => who.get(path)))
				} else if (kind === 'profile') {
					await drain(await timed(kind, '/providers/:slug', () => who.get(`/providers/${pick(slugs)}`)))
				} else if (kind === 'statement') {
					await drain(await timed(kind, '/holders/:id/money', () => who.get(`/holders/${me.holderId}/money`)))
				} else if (kind === 'sign-in') {
					await drain(
						await timed(kind, '/login', () => who.post('/login', { email: me.email, password: TEST_PASSWORD })),
					)
				} else {
					const b = pick(bookable)
					const path = `/providers/${b.slug}/book?service=${b.serviceId}`
					const fields = {
						serviceId: b.serviceId,
						holderId: me.holderId,
						date: addLocalDays(today, 2 + Math.floor(Math.random() * 60)),
						start: `${String(8 + Math.floor(Math.random() * 11)).padStart(2, '0')}:00`,
						minutes: '60',
						weeks: '1',
						budgetLineId: 'none',
					}
					const quote = await timed(kind, 'book: check price', () =>
						who.post(`${path}&_data=${encodeURIComponent('routes/providers.$slug_.book')}`, fields),
					)
					const data = quote?.status === 200 ? ((await quote.json()) as { quotedFor?: string | null }) : null
					if (!data) await drain(quote)
					if (data?.quotedFor) {
						await drain(
							await timed(kind, 'book: send', () =>
								who.post(path, { ...fields, intent: 'send', quotedFor: data.quotedFor!, idempotencyKey: randomUUID() }),
							),
						)
					}
				}
				await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())))
			}
		}
		await Promise.all(people.map((_, i) => simulate(i)))
		clearInterval(sample)
		const seconds = (Date.now() - started) / 1000

		console.log('')
		console.log('kind        requests   p50 ms   p99 ms    4xx   5xx  no answer')
		for (const [kind, s] of stats) {
			const sorted = [...s.ms].sort((a, b) => a - b)
			console.log(
				`${kind.padEnd(10)}  ${String(s.ms.length).padStart(8)}  ${percentile(sorted, 50).toFixed(0).padStart(7)}  ${percentile(sorted, 99).toFixed(0).padStart(7)}  ${String(s.c4xx).padStart(5)}  ${String(s.c5xx).padStart(4)}  ${String(s.failed).padStart(9)}`,
			)
		}
		const all = [...stats.values()].flatMap((s) => s.ms).sort((a, b) => a - b)
		const total5xx = [...stats.values()].reduce((n, s) => n + s.c5xx, 0)
		console.log(
			`all         ${String(all.length).padStart(8)}  ${percentile(all, 50).toFixed(0).padStart(7)}  ${percentile(all, 99).toFixed(0).padStart(7)}`,
		)
		console.log('')
		console.log(`${(requests / seconds).toFixed(1)} requests/s over ${seconds.toFixed(0)} s; 5xx: ${total5xx}`)
		for (const [what, n] of errors5xx) console.log(`  5xx: ${what} × ${n}`)
		if (serverErrors.length) console.log(`server's first error lines:\n  ${serverErrors.slice(0, 12).join('\n  ')}`)
		const bookings = await p.booking.count({ where: { holder: { funderId: funder.id } } })
		console.log(`booking requests written: ${bookings}`)
		const peak = peakRssMiB(app.child.pid)
		console.log(
			`server memory: resident each minute ${rss.map((r) => r.toFixed(0)).join(', ')} MiB; peak (VmHWM) ${peak?.toFixed(0)} MiB`,
		)
		if (rss.length >= 3) {
			console.log(
				`resident from minute 2 to the end: ${rss[1]!.toFixed(0)} → ${rss[rss.length - 1]!.toFixed(0)} MiB (${(rss[rss.length - 1]! - rss[1]!).toFixed(0)} MiB)`,
			)
		}
		const report = await ledgerCheckReport(p)
		console.log(`ledger check: ${report.healthy ? 'healthy' : 'PROBLEMS'} (${report.text.split('\n')[0]})`)
	} finally {
		await app.stop()
		await closeDb()
		await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((e: unknown) => console.error(e))
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exitCode = 1
})
