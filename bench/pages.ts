/**
 * bench/pages: requests per second and p50/p99 latency of the home, directory and profile pages of the built
 * app (autocannon, over loopback), beside a bare Node HTTP server sending a page of the same size in the same
 * run, printed as a ratio. Also the server's peak memory. Usage: npm run build && npm run bench:pages
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), DATABASE_URL to use PostgreSQL.
 */
import http from 'node:http'
import autocannon from 'autocannon'
import { freePort, machineLine, peakRssMiB, rssMiB, startAppProcess } from './server-process.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)

type Figures = { rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function measure(url: string): Promise<Figures> {
	// A short warm-up so the first compile and caches are not measured.
	await autocannon({ url, connections, duration: 2 })
	const r = await autocannon({ url, connections, duration: seconds })
	return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx }
}

async function main() {
	const app = await startAppProcess(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {})
	// The peak so far belongs to start-up (migrations through the WebAssembly schema engine, seeding), not to serving.
	const startupPeak = peakRssMiB(app.child.pid)
	try {
		const directoryHtml = await (await fetch(`${app.baseUrl}/providers`)).text()
		const slug = /href="\/providers\/([a-z0-9-]+)"/.exec(directoryHtml)?.[1]
		if (!slug) throw new Error('No provider link on the directory page')
		const pages = { home: '/', directory: '/providers?page=2', profile: `/providers/${slug}` }

		// The baseline: a bare Node server returning a page as large as the app's home page.
		const homeBytes = Buffer.byteLength(await (await fetch(app.baseUrl)).text())
		const body = 'x'.repeat(homeBytes)
		const bare = http.createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
			res.end(body)
		})
		const barePort = await freePort()
		await new Promise<void>((r) => bare.listen(barePort, '127.0.0.1', r))
		const baseline = await measure(`http://127.0.0.1:${barePort}/`)
		bare.close()

		console.log(`bench/pages  ${new Date().toISOString()}  ${machineLine()}`)
		console.log(`autocannon: ${connections} connections, ${seconds} s per page; app started in ${app.startMs} ms`)
		console.log('')
		console.log('page        req/s    p50 ms  p99 ms  errors  req/s vs bare Node')
		const row = (name: string, f: Figures, ratio: string) =>
			console.log(
				`${name.padEnd(10)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(7)} ${String(f.errors + f.non2xx).padStart(7)}  ${ratio}`,
			)
		row('bare node', baseline, '1.00')
		for (const [name, path] of Object.entries(pages)) {
			const f = await measure(`${app.baseUrl}${path}`)
			row(name, f, (f.rps / baseline.rps).toFixed(3))
		}
		const peak = peakRssMiB(app.child.pid)
		const now = rssMiB(app.child.pid)
		const mib = (v: number | null) => (v === null ? 'unknown' : `${v.toFixed(0)} MiB`)
		console.log('')
		console.log(
			`server peak memory (VmHWM): ${mib(peak)}; ${mib(startupPeak)} of it already by the end of start-up; resident after the run (VmRSS): ${mib(now)}`,
		)
	} finally {
		await app.stop()
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
