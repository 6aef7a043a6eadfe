/**
 * bench/memory: the resident memory of the embedded default (`npm start` with no settings) from a first start on
 * an empty data folder through a load of BENCH_SECONDS (default 600) at BENCH_CONNECTIONS (default 10), cycling
 * over the 404 page, the home page, a search and a provider profile. Prints the server process's peak (VmHWM) and
 * resident memory every 30 s, and, separately, the peak of the short-lived child process that applies the
 * migrations and seeds (server/prepare-database.ts), beside the goal of 400 MiB (issue 14).
 *
 * The server is started with the same Node flags as `npm start` (read from package.json), so the figure is the
 * newcomer's. Usage: npm run build && npm run bench:memory
 */
import { execFileSync } from 'node:child_process'
import autocannon from 'autocannon'
import { machineLine, peakRssMiB, rssMiB, startAppProcess, startFlags } from './server-process.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 600)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const GOAL_MIB = 400

/** Peak memory of the server's child processes, watched while it starts (they are gone once it is ready). */
function watchChildren(parentPid: () => number | undefined): { stop: () => number } {
	let peak = 0
	const timer = setInterval(() => {
		const pid = parentPid()
		if (!pid) return
		let children: string[] = []
		try {
			children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split(/\s+/)
		} catch {
			return // no children just now
		}
		for (const child of children.filter(Boolean)) peak = Math.max(peak, peakRssMiB(Number(child)) ?? 0)
	}, 100)
	return {
		stop: () => {
			clearInterval(timer)
			return peak
		},
	}
}

async function main() {
	const flags = startFlags()
	let pid: number | undefined
	const children = watchChildren(() => pid)
	const appPromise = startAppProcess({}, { nodeFlags: flags, onSpawn: (p) => (pid = p) })
	const app = await appPromise
	const childPeak = children.stop()
	const mib = (v: number | null) => (v === null ? 'unknown' : `${v.toFixed(0)} MiB`)
	try {
		const directoryHtml = await (await fetch(`${app.baseUrl}/providers`)).text()
		const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(directoryHtml)?.[1]
		if (!slug) throw new Error('No provider link on the directory page')
		const paths = ['/no-such-page', '/', '/search?q=PA+Leicester', `/providers/${slug}`]

		console.log(`bench/memory  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(`server flags: ${flags.join(' ') || '(none)'}; started in ${app.startMs} ms on an empty data folder`)
		console.log(`migrations and seed (child process) peak: ${mib(childPeak)}`)
		console.log(`server at ready: peak ${mib(peakRssMiB(app.child.pid))}, resident ${mib(rssMiB(app.child.pid))}`)
		console.log(`load: ${connections} connections for ${seconds} s over ${paths.join(', ')}`)
		console.log('')
		console.log('   s  resident      peak  requests')
		let requests = 0
		const statuses = new Map<number, number>()
		const started = Date.now()
		const sample = setInterval(() => {
			const s = Math.round((Date.now() - started) / 1000)
			console.log(
				`${String(s).padStart(4)}  ${mib(rssMiB(app.child.pid)).padStart(8)}  ${mib(peakRssMiB(app.child.pid)).padStart(8)}  ${String(requests).padStart(8)}`,
			)
		}, 30_000)
		const result = await new Promise<autocannon.Result>((resolve, reject) => {
			const instance = autocannon(
				{ url: app.baseUrl, connections, duration: seconds, requests: paths.map((path) => ({ method: 'GET', path })) },
				(error, r) => (error ? reject(error) : resolve(r)),
			)
			instance.on('response', (_client, statusCode) => {
				requests++
				statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1)
			})
		})
		clearInterval(sample)
		const peak = peakRssMiB(app.child.pid)
		console.log('')
		console.log(
			`${result.requests.total} requests (${result.requests.average.toFixed(0)}/s, p99 ${result.latency.p99} ms), errors ${result.errors}`,
		)
		console.log(`server peak (VmHWM) over start-up and load: ${mib(peak)}; goal ${GOAL_MIB} MiB`)
		console.log(`server resident at the end (VmRSS): ${mib(rssMiB(app.child.pid))}`)
		console.log(`migrations and seed child peak: ${mib(childPeak)} (a separate process that has ended)`)
		console.log(`statuses: ${[...statuses].map(([code, n]) => `${code} × ${n}`).join(', ')}`)
	} finally {
		await app.stop()
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
