/**
 * bench/pages: requests per second and p50/p99 latency of pages of the built app (autocannon, over loopback), beside
 * a bare Node HTTP server sending a page of the same size in the same run, printed as a ratio. Also the server's peak
 * memory. Usage: npm run build && npm run bench:pages
 *
 * Rows (issue 14):
 * - the app's own 404 page (Remix, no data), once at one address and once at a new address on every request;
 * - the public pages (home, directory, profile, search), each also as a ratio to the 404 page (the issue's goal: every
 *   public page at least 0.5× the 404 page, uncached);
 * - signed-in pages, each person signed in through the real sign-in form with its CSRF token: a budget holder's money
 *   and bookings pages (holder@demo.test) and a provider's dashboard (provider@demo.test).
 * "cpu ms/req" is the server process's CPU time (user + system, from /proc) over the run divided by the requests it
 * answered: on a shared machine it moves less than req/s does, since it does not count time spent waiting for a core.
 * On a PostgreSQL server on this machine, "db ms/req" is the same for the database's processes (all of them, so the
 * machine should be otherwise quiet): a page that asks fewer, larger questions moves work from one column to the other.
 *
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), BENCH_DATABASE_URL (or DATABASE_URL) to
 * use PostgreSQL (a database the bench may migrate, and seed when empty), BENCH_PAGES (a comma-separated list of row
 * names to run, e.g. "404,home"; default all), BENCH_QUERIES=1 to count instead the SQL queries each page runs
 * (issue 14): the app is served in this process with a Prisma client that counts its query events, the public page
 * cache is off (PAGE_CACHE_MAX_BYTES=0) and no scheduler runs; each page is asked for once, then BENCH_QUERY_RUNS
 * times (default 5) one after another, and the average count is printed. Transactions' BEGIN and COMMIT count too.
 * BENCH_QUERIES_SHOW=1 also prints the queries of the first counted request of each page.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import {
	cpuTimeMs,
	freePort,
	machineLine,
	peakRssMiB,
	postgresCpuMs,
	rssMiB,
	startAppProcess,
} from './server-process.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const only = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(',').map((s) => s.trim())) : null

type Figures = {
	rps: number
	p50: number
	p99: number
	unexpected: number
	cpuMsPerRequest: number | null
	dbCpuMsPerRequest: number | null
}
type Target = { path: string; cookie?: string; status?: number; newAddressEachTime?: boolean }

async function measure(baseUrl: string, target: Target, pid?: number): Promise<Figures> {
	let n = 0
	const options = {
		url: `${baseUrl}${target.path}`,
		connections,
		headers: target.cookie ? { cookie: target.cookie } : {},
		...(target.newAddressEachTime
			? { requests: [{ setupRequest: (req: object) => ({ ...req, path: `${target.path}-${++n}` }) }] }
			: {}),
	}
	// A short warm-up so the first compile and caches are not measured.
	await autocannon({ ...options, duration: 2 })
	const cpuBefore = cpuTimeMs(pid)
	const dbBefore = localPostgres ? postgresCpuMs() : null
	const r = await autocannon({ ...options, duration: seconds })
	const cpuAfter = cpuTimeMs(pid)
	const dbAfter = localPostgres ? postgresCpuMs() : null
	const expected = String(target.status ?? 200)
	const stats: Record<string, { count?: number } | undefined> = r.statusCodeStats ?? {}
	const answered = Object.values(stats).reduce((sum, s) => sum + (s?.count ?? 0), 0)
	const asExpected = stats[expected]?.count ?? 0
	return {
		rps: r.requests.average,
		p50: r.latency.p50,
		p99: r.latency.p99,
		unexpected: r.errors + r.timeouts + answered - asExpected,
		cpuMsPerRequest:
			cpuBefore !== null && cpuAfter !== null && r.requests.total > 0
				? (cpuAfter - cpuBefore) / r.requests.total
				: null,
		dbCpuMsPerRequest:
			dbBefore !== null && dbAfter !== null && r.requests.total > 0 ? (dbAfter - dbBefore) / r.requests.total : null,
	}
}

/** Signs in through the real form: the page's CSRF cookie and token, then the form; returns the Cookie header. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
	const page = await fetch(`${baseUrl}/login`)
	const jar = new Map<string, string>()
	const keep = (response: Response) => {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';')
			const at = pair?.indexOf('=') ?? -1
			if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1))
		}
	}
	keep(page)
	const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1]
	if (!csrf) throw new Error('No CSRF token on the sign-in page')
	const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
	const answer = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
		body: new URLSearchParams({ email, password, csrf }).toString(),
	})
	keep(answer)
	if (answer.status !== 302 || !jar.has('bm_session'))
		throw new Error(`Signing in as ${email} answered ${answer.status}`)
	return cookie()
}

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL
/** A PostgreSQL server on this machine: its processes' CPU time is read around each run ("db ms/req"). */
const localPostgres = databaseUrl ? ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(databaseUrl).hostname) : false

/** The pages measured: found on the running app (a provider's slug, the holder's id) and signed in for. */
async function pagesOf(baseUrl: string) {
	const directoryHtml = await (await fetch(`${baseUrl}/providers`)).text()
	const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(directoryHtml)?.[1]
	if (!slug) throw new Error('No provider link on the directory page')
	const holder = await signIn(baseUrl, 'holder@demo.test', 'demo-password')
	const holderHome = await (await fetch(`${baseUrl}/home`, { headers: { cookie: holder } })).text()
	const holderId = /href="\/holders\/([^/"]+)\/money"/.exec(holderHome)?.[1]
	if (!holderId) throw new Error("No link to the holder's money page on their home page")
	const provider = await signIn(baseUrl, 'provider@demo.test', 'demo-password')
	const notFound: Target = { path: '/no-such-page', status: 404 }
	const publicPages: [string, Target][] = [
		['home', { path: '/' }],
		['directory', { path: '/providers?page=2' }],
		['profile', { path: `/providers/${slug}` }],
		['search', { path: '/search?q=personl+asistant' }],
	]
	const signedIn: [string, Target][] = [
		['holder money', { path: `/holders/${holderId}/money`, cookie: holder }],
		['holder bookings', { path: '/bookings', cookie: holder }],
		['holder home', { path: '/home', cookie: holder }],
		['provider dash', { path: '/provider', cookie: provider }],
	]
	return { notFound, publicPages, signedIn }
}

const wanted = (name: string) => !only || only.has(name)

/**
 * BENCH_QUERIES=1: the SQL queries each page runs, counted from the Prisma client's query events with the app served
 * in this process (the built app, as `npm start` serves it, but no scheduler and no page cache).
 */
async function countQueries() {
	const runs = Number(process.env.BENCH_QUERY_RUNS ?? 5)
	const showQueries = process.env.BENCH_QUERIES_SHOW === '1'
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bench-queries-'))
	Object.assign(process.env, {
		NODE_ENV: 'production',
		PGLITE_DIR: path.join(dataDir, 'pglite'),
		PAGE_CACHE_MAX_BYTES: '0',
		PAGE_CACHE_CHECK_MS: '60000',
		...(databaseUrl ? { DATABASE_URL: databaseUrl, SEED_ON_START: 'true' } : {}),
	})
	const [{ openPGlite, setDb, closeDb, transactionOptions }, { PrismaClient }, { PrismaPg }, { PrismaPGlite }] =
		await Promise.all([
			import('#app/utils/db.server.ts'),
			import('#app/generated/prisma/client.ts'),
			import('@prisma/adapter-pg'),
			import('pglite-prisma-adapter'),
		])
	let queries = 0
	let seen: string[] = []
	const count = (e: { query: string }) => {
		queries++
		if (showQueries) seen.push(e.query.replace(/\s+/g, ' ').slice(0, 300))
	}
	if (databaseUrl) {
		const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 })
		const prisma = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] })
		prisma.$on('query', count)
		setDb({ prisma, target: { kind: 'postgres', url: databaseUrl } })
	} else {
		const pglite = openPGlite(process.env.PGLITE_DIR ?? '')
		const prisma = new PrismaClient({
			adapter: new PrismaPGlite(pglite),
			transactionOptions,
			log: [{ emit: 'event', level: 'query' }],
		})
		prisma.$on('query', count)
		setDb({ prisma, target: { kind: 'pglite', dir: process.env.PGLITE_DIR ?? '' }, pglite })
	}
	const [{ prepareDatabase }, { startSearch, stopSearch }, { createApp }] = await Promise.all([
		import('../server/prepare-database.ts'),
		import('#app/domain/search/engine.server.ts'),
		import('../server/index.ts'),
	])
	await prepareDatabase({ log: () => undefined })
	await startSearch()
	const { handler } = await createApp()
	const port = await freePort()
	const server = http.createServer(handler)
	await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
	try {
		const baseUrl = `http://127.0.0.1:${port}`
		const { notFound, publicPages, signedIn } = await pagesOf(baseUrl)
		console.log(`bench/pages queries  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(`database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}; ${runs} requests per page after one not counted`)
		console.log('')
		console.log('page              queries/request  status')
		for (const [name, target] of [['404', notFound] as const, ...publicPages, ...signedIn]) {
			if (name !== '404' && !wanted(name)) continue
			const get = () => fetch(`${baseUrl}${target.path}`, { headers: target.cookie ? { cookie: target.cookie } : {} })
			await (await get()).text()
			const before = queries
			seen = []
			let status = 0
			for (let i = 0; i < runs; i++) {
				const response = await get()
				await response.text()
				status = response.status
			}
			console.log(`${name.padEnd(17)} ${((queries - before) / runs).toFixed(1).padStart(15)}  ${status}`)
			if (showQueries) for (const q of seen.slice(0, Math.ceil(seen.length / runs))) console.log(`    ${q}`)
		}
	} finally {
		server.close()
		server.closeAllConnections()
		await stopSearch()
		await closeDb()
		fs.rmSync(dataDir, { recursive: true, force: true })
	}
}

async function main() {
	// A real database needs a session secret of its own (the demo one only signs cookies for the embedded database).
	const app = await startAppProcess(
		databaseUrl
			? { DATABASE_URL: databaseUrl, SEED_ON_START: 'true', SESSION_SECRET: 'bench-pages-session-secret' }
			: {},
	)
	const pid = app.child.pid
	// The peak so far belongs to start-up (migrations through the WebAssembly schema engine, seeding), not to serving.
	const startupPeak = peakRssMiB(pid)
	try {
		const { notFound, publicPages, signedIn } = await pagesOf(app.baseUrl)

		// The baseline: a bare Node server returning a page as large as the app's home page.
		const homeBytes = Buffer.byteLength(await (await fetch(app.baseUrl)).text())
		const body = 'x'.repeat(homeBytes)
		const bare = http.createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
			res.end(body)
		})
		const barePort = await freePort()
		await new Promise<void>((r) => bare.listen(barePort, '127.0.0.1', r))
		const baseline = await measure(`http://127.0.0.1:${barePort}`, { path: '/' })
		bare.close()

		console.log(`bench/pages  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(`autocannon: ${connections} connections, ${seconds} s per page; app started in ${app.startMs} ms`)
		console.log('')
		console.log(
			`page              req/s  p50 ms  p99 ms  errors  cpu ms/req  vs bare Node  vs 404${localPostgres ? '  db ms/req' : ''}`,
		)
		const ms = (v: number | null) => (v === null ? '-' : v.toFixed(2))
		const row = (name: string, f: Figures, vs404: string) =>
			console.log(
				`${name.padEnd(15)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.unexpected).padStart(7)}  ${ms(f.cpuMsPerRequest).padStart(10)}  ${(f.rps / baseline.rps).toFixed(4).padStart(12)}  ${vs404.padStart(6)}${localPostgres ? `  ${ms(f.dbCpuMsPerRequest).padStart(9)}` : ''}`,
			)
		row('bare node', { ...baseline, cpuMsPerRequest: null, dbCpuMsPerRequest: null }, '')
		const first404 = await measure(app.baseUrl, notFound, pid)
		row('404', first404, '1.00')
		if (wanted('404 new address')) {
			row('404 new address', await measure(app.baseUrl, { ...notFound, newAddressEachTime: true }, pid), '')
		}
		for (const [name, target] of publicPages) {
			if (!wanted(name)) continue
			const f = await measure(app.baseUrl, target, pid)
			row(name, f, (f.rps / first404.rps).toFixed(2))
		}
		for (const [name, target] of signedIn) {
			if (!wanted(name)) continue
			row(name, await measure(app.baseUrl, target, pid), '')
		}
		const peak = peakRssMiB(pid)
		const now = rssMiB(pid)
		const mib = (v: number | null) => (v === null ? 'unknown' : `${v.toFixed(0)} MiB`)
		console.log('')
		console.log(
			`server peak memory (VmHWM): ${mib(peak)}; ${mib(startupPeak)} of it already by the end of start-up; resident after the run (VmRSS): ${mib(now)}`,
		)
	} finally {
		await app.stop()
	}
}

;(process.env.BENCH_QUERIES === '1' ? countQueries() : main()).catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
