/**
 * bench/memory-probe: one variant of the server's command, measured for memory and CPU (issue 14). Starts the
 * server on a copy of an already-seeded embedded data folder (so each run skips the minutes of a first start),
 * prints its peak and resident memory at ready and after PROBE_SECONDS (default 30) of bench/memory's load,
 * `process.memoryUsage()` and V8's heap spaces (through a preloaded SIGUSR2 handler), the server's CPU time per
 * request, and with PROBE_SMAPS=1 the largest mappings of /proc/<pid>/smaps.
 *
 * Usage (after npm run build):
 *   PGLITE_DIR=/tmp/seeded NODE_ENV=production npx tsx server/prepare-database.ts   # once: a seeded folder
 *   PROBE_SEEDED=/tmp/seeded PROBE_CMD='--max-old-space-size=256 build/server/start.js' npx tsx bench/memory-probe.ts
 * PROBE_ENV='{"MALLOC_ARENA_MAX":"2"}' adds environment variables; PROBE_CWD runs another checkout's build.
 */
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { cpuTimeMs, freePort, peakRssMiB, rssMiB } from './server-process.ts'

const seconds = Number(process.env.PROBE_SECONDS ?? 30)
const args = (process.env.PROBE_CMD ?? '--max-old-space-size=256 --import tsx server/index.ts').split(/\s+/)
const extraEnv = JSON.parse(process.env.PROBE_ENV ?? '{}') as Record<string, string>
const seeded = process.env.PROBE_SEEDED ?? ''
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-probe-'))
const preload = path.join(work, 'memory-usage.cjs')
fs.writeFileSync(
	preload,
	`const fs = require('node:fs'), v8 = require('node:v8'), mib = (v) => Math.round(v / 1048576)
process.on('SIGUSR2', () => fs.writeFileSync(${JSON.stringify(work)} + '/mu-' + process.pid + '.json', JSON.stringify({
	memoryUsage: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mib(v)])),
	heapSpaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_used_size) + '/' + mib(s.physical_space_size)])),
})))
`,
)

function smaps(pid: number) {
	const text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8')
	const groups = new Map<string, number>()
	let name = ''
	let size = 0
	for (const line of text.split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
		if (head) {
			size = (parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1048576
			name =
				head[3] ||
				(size >= 1024 ? '[anon >=1GiB reservation: wasm]' : size >= 32 ? '[anon 32MiB-1GiB]' : '[anon <32MiB]')
			continue
		}
		const rss = /^Rss:\s+(\d+) kB/.exec(line)
		if (rss) groups.set(name, (groups.get(name) ?? 0) + Number(rss[1]) / 1024)
	}
	const big: string[] = []
	let cur = ''
	for (const line of text.split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
		if (head)
			cur = `${((parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1048576).toFixed(1)} MiB virt ${head[3] || 'anon'}`
		const rss = /^Rss:\s+(\d+) kB/.exec(line)
		if (rss && Number(rss[1]) > 4096) big.push(`   ${(Number(rss[1]) / 1024).toFixed(0)} MiB rss of ${cur}`)
	}
	return [
		...[...groups]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 5)
			.map(([n, v]) => `${v.toFixed(0).padStart(5)} MiB  ${n}`),
		...big,
	]
}

const cpuMs = (pid: number): number => cpuTimeMs(pid) ?? 0

async function mu(pid: number) {
	try {
		fs.rmSync(`${work}/mu-${pid}.json`, { force: true })
		process.kill(pid, 'SIGUSR2')
		await new Promise((r) => setTimeout(r, 500))
		return fs.readFileSync(`${work}/mu-${pid}.json`, 'utf8')
	} catch {
		return '(no mu)'
	}
}

async function main() {
	if (!seeded || !fs.existsSync(seeded))
		throw new Error('Set PROBE_SEEDED to a seeded data folder (see the usage above)')
	const dir = work
	execFileSync('cp', ['-a', seeded, `${dir}/pglite`])
	const port = await freePort()
	const started = Date.now()
	const child = spawn(process.execPath, ['--require', preload, ...args], {
		cwd: process.env.PROBE_CWD ?? process.cwd(),
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), PGLITE_DIR: `${dir}/pglite`, ...extraEnv },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let out = ''
	child.stdout.on('data', (d: Buffer) => (out += d))
	child.stderr.on('data', (d: Buffer) => (out += d))
	let childPeak = 0
	while (!out.includes('is ready at')) {
		if (child.exitCode !== null) throw new Error(out)
		try {
			for (const c of execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
				.split(/\s+/)
				.filter(Boolean))
				childPeak = Math.max(childPeak, peakRssMiB(Number(c)) ?? 0)
		} catch {
			// ps exits 1 when there are no children just now
		}
		await new Promise((r) => setTimeout(r, 100))
	}
	const pid = child.pid!
	console.log(`cmd: node ${args.join(' ')}  env ${JSON.stringify(extraEnv)}`)
	console.log(`ready in ${Date.now() - started} ms; prepare child peak ${childPeak.toFixed(0)} MiB`)
	console.log(`at ready: peak ${peakRssMiB(pid)?.toFixed(0)} MiB, resident ${rssMiB(pid)?.toFixed(0)} MiB`)
	console.log(await mu(pid))
	if (process.env.PROBE_SMAPS) console.log(smaps(pid).join('\n'))
	const base = `http://127.0.0.1:${port}`
	const html = await (await fetch(`${base}/providers`)).text()
	const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(html)?.[1]
	const paths = ['/no-such-page', '/', '/search?q=PA+Leicester', `/providers/${slug}`]
	await autocannon({
		url: base,
		connections: 10,
		duration: 3,
		requests: paths.map((path) => ({ method: 'GET', path })),
	})
	const cpu0 = cpuMs(pid)
	const r = await autocannon({
		url: base,
		connections: 10,
		duration: seconds,
		requests: paths.map((path) => ({ method: 'GET', path })),
	})
	const cpu = cpuMs(pid) - cpu0
	console.log(
		`server CPU per request: ${(cpu / r.requests.total).toFixed(2)} ms (${cpu} ms CPU for ${r.requests.total} requests)`,
	)
	console.log(
		`load ${seconds}s: ${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}, errors ${r.errors}`,
	)
	console.log(`after load: peak ${peakRssMiB(pid)?.toFixed(0)} MiB, resident ${rssMiB(pid)?.toFixed(0)} MiB`)
	console.log(await mu(pid))
	if (process.env.PROBE_SMAPS) console.log(smaps(pid).join('\n'))
	child.kill('SIGTERM')
	await new Promise((r) => child.once('exit', r))
	fs.rmSync(dir, { recursive: true, force: true })
}
main().catch((e) => {
	console.error(e)
	process.exit(1)
})
