/**
 * bench/cache: the public page cache (server/page-cache.ts, docs/decisions/027-public-page-cache.md). In one run:
 * a bare Node HTTP server (its own process, sending a page as large as the app's home page) measured before and
 * after; then the built app with the cache off (PAGE_CACHE_MAX_BYTES=0) and on, on the same database, for the home,
 * search (a typo query), directory and profile pages: req/s, p50, p99 and the ratio to bare Node. Also the 304 path
 * (a returning browser's If-None-Match), and a cached page to a client that accepts gzip (as browsers do). Beside
 * req/s, each row gives the server's CPU time per request (from /proc), which the neighbours on a shared machine do
 * not move, and the ratio of the bare server's to it.
 * Usage: npm run build && npm run bench:cache
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), DATABASE_URL to use PostgreSQL.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { cpuTimeMs, freePort, machineLine, peakRssMiB, startAppProcess } from './server-process.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)

type Figures = { rps: number; p50: number; p99: number; errors: number; statuses: string; cpuUs: number | null }

/** CPU time the process has used so far, in microseconds (null where unreadable). */
function cpuTimeUs(pid: number | undefined): number | null {
	const ms = cpuTimeMs(pid)
	return ms === null ? null : ms * 1000
}

/**
 * req/s and latency from autocannon, and the server's own CPU time per request: on a shared machine the server gets
 * whatever share of the cores the others leave, so req/s moves with the neighbours, while CPU per request does not.
 */
async function measure(url: string, pid: number | undefined, headers: Record<string, string> = {}): Promise<Figures> {
	// A short warm-up so the first render, compile and caches are not measured.
	await autocannon({ url, connections, duration: 2, headers })
	const cpuBefore = cpuTimeUs(pid)
	const r = await autocannon({ url, connections, duration: seconds, headers })
	const cpuAfter = cpuTimeUs(pid)
	const statuses = Object.entries(r.statusCodeStats ?? {})
		.map(([code, s]) => `${code}×${(s as { count: number }).count}`)
		.join(' ')
	const cpuUs =
		cpuBefore === null || cpuAfter === null || r.requests.total === 0 ? null : (cpuAfter - cpuBefore) / r.requests.total
	return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, statuses, cpuUs }
}

/** A bare Node HTTP server in its own process (as the app is), sending `bytes` of HTML. */
async function startBare(bytes: number): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
	const port = await freePort()
	const code = `require('http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); s.end(body) }).listen(${port}, '127.0.0.1', () => console.log('ready'))
const body = 'x'.repeat(${bytes})`
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
	await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
	return { url: `http://127.0.0.1:${port}/`, pid: child.pid, stop: () => child.kill() }
}

async function main() {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bench-cache-'))
	const database: Record<string, string> = process.env.DATABASE_URL
		? { DATABASE_URL: process.env.DATABASE_URL }
		: { PGLITE_DIR: path.join(dataDir, 'pglite'), PHOTO_DIR: path.join(dataDir, 'photos') }
	const rows: Array<{ name: string; f: Figures }> = []
	let started = ''
	let homeBytes = 0
	const bareRuns: Figures[] = []
	let pages: Record<string, string> = {}
	const peak: { off: number | null; on: number | null } = { off: null, on: null }
	try {
		// 1. The cache off: every page rendered (the first start also migrates and seeds the database).
		const off = await startAppProcess({ ...database, PAGE_CACHE_MAX_BYTES: '0' })
		started = `app started in ${off.startMs} ms`
		try {
			const directoryHtml = await (await fetch(`${off.baseUrl}/providers`)).text()
			const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(directoryHtml)?.[1]
			if (!slug) throw new Error('No provider link on the directory page')
			pages = {
				home: '/',
				search: '/search?q=persnal+asistant',
				directory: '/providers?page=2',
				profile: `/providers/${slug}`,
			}
			homeBytes = Buffer.byteLength(await (await fetch(off.baseUrl)).text())
			const bare = await startBare(homeBytes)
			bareRuns.push(await measure(bare.url, bare.pid))
			bare.stop()
			for (const [name, p] of Object.entries(pages)) {
				const check = await fetch(`${off.baseUrl}${p}`)
				if (check.headers.get('X-Cache') !== 'off') throw new Error(`${p}: X-Cache ${check.headers.get('X-Cache')}`)
				rows.push({ name: `${name}, uncached`, f: await measure(`${off.baseUrl}${p}`, off.child.pid) })
			}
			rows.push({
				name: 'profile, 304, uncached',
				f: await measure304(off.baseUrl, pages.profile ?? '/', off.child.pid),
			})
			peak.off = peakRssMiB(off.child.pid)
		} finally {
			await off.stop()
		}
		// 2. The cache on (the defaults), on the same database.
		const on = await startAppProcess({ ...database })
		try {
			for (const [name, p] of Object.entries(pages)) {
				await fetch(`${on.baseUrl}${p}`)
				const check = await fetch(`${on.baseUrl}${p}`)
				if (check.headers.get('X-Cache') !== 'hit') throw new Error(`${p}: X-Cache ${check.headers.get('X-Cache')}`)
				rows.push({ name: `${name}, cached`, f: await measure(`${on.baseUrl}${p}`, on.child.pid) })
			}
			rows.push({ name: 'profile, 304, cached', f: await measure304(on.baseUrl, pages.profile ?? '/', on.child.pid) })
			// Browsers ask for gzip: the largest page (search, about 87 KB) as they get it, and the profile.
			for (const name of ['profile', 'search'] as const) {
				rows.push({
					name: `${name}, cached, gzip`,
					f: await measure(`${on.baseUrl}${pages[name]}`, on.child.pid, { 'accept-encoding': 'gzip' }),
				})
			}
			peak.on = peakRssMiB(on.child.pid)
		} finally {
			await on.stop()
		}
		// 3. The bare server again: the machine is shared, so the baseline is the mean of a run before and one after.
		const bare = await startBare(homeBytes)
		bareRuns.push(await measure(bare.url, bare.pid))
		bare.stop()
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true })
	}
	const baseline = bareRuns.reduce((s, f) => s + f.rps, 0) / bareRuns.length
	const bareCpus = bareRuns.map((f) => f.cpuUs).filter((v): v is number => v !== null)
	const bareCpu = bareCpus.length ? bareCpus.reduce((a, b) => a + b, 0) / bareCpus.length : null
	console.log(`bench/cache  ${new Date().toISOString()}  ${machineLine()}`)
	console.log(
		`autocannon: ${connections} connections, ${seconds} s per row after a 2 s warm-up; ${started}; ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
	)
	console.log(
		`load average at the end: ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} (a shared machine: ratios are noisy)`,
	)
	console.log('')
	console.log(
		'row                         req/s   p50 ms  p99 ms  errors  vs bare Node  CPU µs/req  vs bare Node by CPU  statuses',
	)
	const line = (name: string, f: Figures) =>
		console.log(
			`${name.padEnd(24)} ${f.rps.toFixed(0).padStart(8)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(7)} ${String(f.errors).padStart(7)}  ${(f.rps / baseline).toFixed(3).padStart(12)}  ${(f.cpuUs === null ? '?' : f.cpuUs.toFixed(0)).padStart(10)}  ${(bareCpu === null || f.cpuUs === null ? '?' : (bareCpu / f.cpuUs).toFixed(3)).padStart(19)}  ${f.statuses}`,
		)
	bareRuns.forEach((f, i) => line(`bare node (${i === 0 ? 'before' : 'after'})`, f))
	for (const { name, f } of rows) line(name, f)
	const mib = (v: number | null) => (v === null ? 'unknown' : `${v.toFixed(0)} MiB`)
	console.log('')
	console.log(
		`ratios are to the mean of the two bare Node runs (${baseline.toFixed(0)} req/s, ${bareCpu?.toFixed(0) ?? '?'} µs of CPU a request);`,
	)
	console.log(
		'"by CPU" is the bare server\'s CPU per request over the row\'s: the req/s ratio each would reach with a core to itself',
	)
	console.log(`server peak memory (VmHWM): cache off ${mib(peak.off)}, cache on ${mib(peak.on)}`)
}

/** A returning browser revalidating its copy: its cookie and the page's ETag, answered 304. */
async function measure304(base: string, p: string, pid: number | undefined): Promise<Figures> {
	const first = await fetch(`${base}${p}`)
	await first.text()
	const cookie = (first.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''
	const etag = (await fetch(`${base}${p}`, { headers: { Cookie: cookie } })).headers.get('ETag') ?? ''
	const check = await fetch(`${base}${p}`, { headers: { Cookie: cookie, 'If-None-Match': etag } })
	if (check.status !== 304) throw new Error(`${p}: If-None-Match answered ${check.status}`)
	return measure(`${base}${p}`, pid, { Cookie: cookie, 'If-None-Match': etag })
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
