/**
 * bench/cluster: what a second web server process buys on PostgreSQL (issue 14, "using the cores";
 * WEB_CONCURRENCY, server/cluster.ts). Usage: npm run build && npm run bench:cluster
 *
 * On a fresh PostgreSQL database (created on BENCH_DATABASE_URL's server, default
 * postgresql://postgres@127.0.0.1:5432/postgres, seeded by the server at start-up with SEED_ON_START=true, dropped
 * at the end), it starts the built app with WEB_CONCURRENCY=1 and with WEB_CONCURRENCY=2 (BENCH_PROCESSES), and
 * measures with autocannon (BENCH_CONNECTIONS=10 connections, BENCH_WARMUP=2 s of warm-up, then BENCH_SECONDS=10 s)
 * the home page, the directory, a profile and the app's 404 page on each, one after the other; beside them a bare
 * Node HTTP server (Node's cluster too) sending a page as large as the home page, with one and with the same number
 * of processes. It prints req/s, p50/p99 and the ratio of the several-process figure to the one-process one, and
 * the servers' CPU time per request and how many cores they got (from /proc): on a machine shared with other work,
 * those say whether a second process was held back by the design or by the machine.
 *
 * autocannon runs in this process, on the same machine: with 2 cores, the load generator takes CPU the servers
 * would otherwise have, so a ratio near 2 is not reachable here; the bare server's ratio shows what the machine
 * allows.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import {
	adminQuery,
	cpuTimeMs,
	freePort,
	machineLine,
	rssMiB,
	startAppProcess,
	withDatabase,
} from './server-process.ts'

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const processes = Number(process.env.BENCH_PROCESSES ?? 2)
const warmup = Number(process.env.BENCH_WARMUP ?? 2)

type Figures = {
	rps: number
	p50: number
	p99: number
	errors: number
	statuses: string
	/** Server CPU time (user + system, every process of it) per request, in ms. */
	cpuMsPerRequest: number
	/** Server CPU time over wall time: how many cores the server got. */
	cores: number
}

/** CPU time used so far by these processes, in ms; a process that has gone counts nothing. */
function cpuMs(pids: number[]): number {
	return pids.reduce((sum, pid) => sum + (cpuTimeMs(pid) ?? 0), 0)
}

async function measure(url: string, pids: number[]): Promise<Figures> {
	// A short warm-up so the first compile and caches are not measured.
	await autocannon({ url, connections, duration: warmup })
	const cpuBefore = cpuMs(pids)
	const wallBefore = performance.now()
	const r = await autocannon({ url, connections, duration: seconds })
	const cpu = cpuMs(pids) - cpuBefore
	const wall = performance.now() - wallBefore
	const statuses = Object.entries(r.statusCodeStats ?? {})
		.map(([code, s]) => `${code}×${(s as { count: number }).count}`)
		.join(' ')
	return {
		rps: r.requests.average,
		p50: r.latency.p50,
		p99: r.latency.p99,
		errors: r.errors + r.timeouts,
		statuses,
		cpuMsPerRequest: cpu / Math.max(1, r.requests.total),
		cores: cpu / wall,
	}
}

const admin = (sql: string) => adminQuery(ADMIN_URL, sql)

/** A bare Node HTTP server in `count` processes (Node's cluster, as the app), sending `bytes` of HTML. */
async function startBare(
	count: number,
	bytes: number,
): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
	const port = await freePort()
	const code = `
const cluster = require('node:cluster'), http = require('node:http')
const count = ${count}, body = 'x'.repeat(${bytes})
if (cluster.isPrimary && count > 1) {
	let listening = 0
	for (let i = 0; i < count; i++) cluster.fork().on('listening', () => { if (++listening === count) console.log('ready') })
	process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0) })
} else {
	http.createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
		res.end(body)
	}).listen(${port}, '127.0.0.1', () => { if (count === 1) console.log('ready') })
}`
	// A file, not `node -e`: cluster workers run the primary's script again.
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bare-')), 'server.cjs')
	fs.writeFileSync(file, code)
	const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] })
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
		child.once('exit', (c) => reject(new Error(`The bare server stopped (${c})`)))
	})
	return {
		url: `http://127.0.0.1:${port}/`,
		pid: child.pid,
		stop: async () => {
			const exited = new Promise((r) => child.once('exit', r))
			child.kill('SIGTERM')
			await exited
			fs.rmSync(path.dirname(file), { recursive: true, force: true })
		},
	}
}

function childrenOf(pid: number | undefined): number[] {
	if (!pid) return []
	try {
		const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
		return text ? text.split(/\s+/).map(Number) : []
	} catch {
		return []
	}
}

async function startApp(url: string, count: number) {
	return startAppProcess({
		DATABASE_URL: url,
		SEED_ON_START: 'true',
		SESSION_SECRET: `bench-cluster-${randomUUID()}`,
		WEB_CONCURRENCY: String(count),
	})
}

function memoryOf(pid: number | undefined, count: number): string {
	const pids = count > 1 ? [pid, ...childrenOf(pid)] : [pid]
	return `${pids
		.map((p) => rssMiB(p))
		.map((m) => (m === null ? '?' : m.toFixed(0)))
		.join(' + ')} MiB`
}

async function main() {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	const database = `bm_bench_cluster_${Date.now()}`
	await admin(`CREATE DATABASE "${database}"`)
	const url = withDatabase(ADMIN_URL, database)
	const stops: Array<() => Promise<void>> = []
	try {
		// The first start migrates and seeds the fresh database; the second finds it ready. Both stay up, and each
		// page is measured on one then the other (alternating which goes first), so a change in the machine's load
		// during the run does not favour either.
		const one = await startApp(url, 1)
		stops.push(one.stop)
		const several = await startApp(url, processes)
		stops.push(several.stop)

		const directoryHtml = await (await fetch(`${one.baseUrl}/providers`)).text()
		const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(directoryHtml)?.[1]
		if (!slug) throw new Error('No provider link on the directory page')
		const homeBytes = Buffer.byteLength(await (await fetch(one.baseUrl)).text())
		const bareOne = await startBare(1, homeBytes)
		stops.push(bareOne.stop)
		const bareSeveral = await startBare(processes, homeBytes)
		stops.push(bareSeveral.stop)

		const pidsOf = (pid: number | undefined) => (pid ? [pid, ...childrenOf(pid)] : [])
		const target = (base: string, pid: number | undefined, path = '') => ({ url: `${base}${path}`, pids: pidsOf(pid) })
		type Target = ReturnType<typeof target>
		const rows: Array<[string, Target, Target]> = [
			['bare node', target(bareOne.url, bareOne.pid), target(bareSeveral.url, bareSeveral.pid)],
			...Object.entries({
				home: '/',
				directory: '/providers?page=2',
				profile: `/providers/${slug}`,
				'404 page': '/no-such-page',
			}).map(([name, path]): [string, Target, Target] => [
				name,
				target(one.baseUrl, one.child.pid, path),
				target(several.baseUrl, several.child.pid, path),
			]),
		]
		const results: Array<[string, Figures, Figures]> = []
		for (const [i, [name, a, b]] of rows.entries()) {
			if (i % 2 === 0) {
				const fa = await measure(a.url, a.pids)
				results.push([name, fa, await measure(b.url, b.pids)])
			} else {
				const fb = await measure(b.url, b.pids)
				results.push([name, await measure(a.url, a.pids), fb])
			}
		}

		console.log(`bench/cluster  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(
			`PostgreSQL, fresh seeded database; autocannon in this process: ${connections} connections, ${warmup} s warm-up then ${seconds} s per page`,
		)
		console.log(
			`app started in ${one.startMs} ms with 1 process (migrations and seed), ${several.startMs} ms with ${processes}`,
		)
		console.log('')
		const n = processes
		console.log(
			`${'page'.padEnd(10)} ${'req/s 1'.padStart(8)} ${`req/s ${n}`.padStart(8)} ${`ratio ${n}/1`.padStart(9)}` +
				` ${'p50/p99 1'.padStart(11)} ${`p50/p99 ${n}`.padStart(11)} ${'CPU ms/req 1'.padStart(13)} ${`CPU ms/req ${n}`.padStart(13)}` +
				` ${'cores used 1'.padStart(12)} ${`cores used ${n}`.padStart(12)}  statuses (${n})`,
		)
		for (const [name, a, b] of results) {
			console.log(
				`${name.padEnd(10)} ${a.rps.toFixed(0).padStart(8)} ${b.rps.toFixed(0).padStart(8)} ${(b.rps / a.rps).toFixed(2).padStart(9)}` +
					` ${`${a.p50}/${a.p99}`.padStart(11)} ${`${b.p50}/${b.p99}`.padStart(11)}` +
					` ${a.cpuMsPerRequest.toFixed(2).padStart(13)} ${b.cpuMsPerRequest.toFixed(2).padStart(13)}` +
					` ${a.cores.toFixed(2).padStart(12)} ${b.cores.toFixed(2).padStart(12)}  ${b.statuses}` +
					(a.errors + b.errors ? `  errors ${a.errors}/${b.errors}` : ''),
			)
		}
		console.log('')
		console.log(
			`resident memory after the run (VmRSS): 1 process ${memoryOf(one.child.pid, 1)}; ` +
				`${processes} processes (primary + workers) ${memoryOf(several.child.pid, processes)}`,
		)
	} finally {
		for (const stop of stops.reverse()) await stop().catch(() => undefined)
		await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
