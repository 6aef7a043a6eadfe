/**
 * bench/handler: the server's CPU time for one page, through Remix's request handler in this process, with no socket,
 * no HTTP parser and no load generator sharing the cores (issue 14, ADR 037). On a shared 2-core machine autocannon's
 * req/s moved 1.7× between runs of the same build; a loop of requests in one process, timed by process.cpuUsage,
 * shows smaller changes. To compare two versions, run it alternately on each several times (docs/benchmarks.md,
 * session 12).
 * Usage: npm run build && npm run bench:handler
 * The database is the app's (DATABASE_URL, or PGLITE_DIR: `npm start` makes and seeds .data/pglite).
 * Options (env): BENCH_PATH (default a 404 address, /no-such-page), BENCH_SIGN_IN (an email of the demo data, e.g.
 * holder@demo.test, signed in through the sign-in form with password demo-password), BENCH_REQUESTS a round (default
 * 2000), BENCH_ROUNDS (default 5; the first is a warm-up, not counted in the median).
 * BENCH_BUILDS: two or more builds to compare, a comma-separated list of build folders inside the project (each a copy
 * of `build/` made by `npm run build` at one version, e.g. `.bench-builds/before,.bench-builds/after`; inside the
 * project so that they find its node_modules). All are loaded into this one process and their rounds alternate (the
 * order reversed every other round), so a busy machine slows them alike; each build's median is printed with its
 * ratio to the first's (issue 14, session 15: a 17% change that runs of the built server over HTTP, minutes apart,
 * could not show).
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { machineLine } from './server-process.ts'

const pagePath = process.env.BENCH_PATH ?? '/no-such-page'
const requests = Number(process.env.BENCH_REQUESTS ?? 2000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const origin = 'http://localhost:3000'
const context = { clientIp: '127.0.0.1', cspNonce: 'bench' }

type Handler = (request: Request, loadContext?: Record<string, unknown>) => Promise<Response>

/** Signs in through the app's own sign-in form, as a browser would, and answers the Cookie header to send. */
async function signIn(handler: Handler, email: string): Promise<string> {
	const jar = new Map<string, string>()
	const keep = (response: Response) => {
		for (const line of response.headers.getSetCookie()) {
			const [pair = ''] = line.split(';')
			const at = pair.indexOf('=')
			if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1))
		}
	}
	const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
	const page = await handler(new Request(`${origin}/login`), context)
	keep(page)
	const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1]
	if (!csrf) throw new Error('No CSRF token on the sign-in page')
	const answer = await handler(
		new Request(`${origin}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
			body: new URLSearchParams({ email, password: 'demo-password', csrf }),
		}),
		context,
	)
	keep(answer)
	if (answer.status !== 302 || !jar.has('bm_session'))
		throw new Error(`Signing in as ${email} answered ${answer.status}`)
	return cookie()
}

/** The median of the rounds after the first (a warm-up). */
function medianAfterFirst(perRequest: number[]): number {
	const counted = perRequest.slice(1).sort((a, b) => a - b)
	return counted.length ? (counted[Math.floor((counted.length - 1) / 2)] ?? 0) : 0
}

async function main() {
	// As `npm start` runs it: React and the app's build choose their production code by NODE_ENV when first loaded,
	// and the development builds cost several times as much a render (they check every element and property).
	process.env.NODE_ENV = 'production'
	const folders = (process.env.BENCH_BUILDS ?? 'build')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean)
	const email = process.env.BENCH_SIGN_IN
	const builds = []
	for (const folder of folders) {
		const build = (await import(pathToFileURL(path.resolve(folder, 'index.js')).href)) as ServerBuild
		const handler = createRequestHandler(build, 'production') as Handler
		builds.push({ folder, handler, cookie: email ? await signIn(handler, email) : '', perRequest: [] as number[] })
	}
	let status = 0
	let bytes = 0
	const one = async (handler: Handler, cookie: string) => {
		const response = await handler(
			new Request(`${origin}${pagePath}`, { headers: { accept: 'text/html', cookie } }),
			context,
		)
		status = response.status
		bytes = (await response.arrayBuffer()).byteLength
	}
	for (let round = 0; round < rounds; round++) {
		for (const b of round % 2 === 0 ? builds : [...builds].reverse()) {
			const before = process.cpuUsage()
			for (let i = 0; i < requests; i++) await one(b.handler, b.cookie)
			const used = process.cpuUsage(before)
			b.perRequest.push((used.user + used.system) / requests)
		}
	}
	console.log(`bench/handler  ${new Date().toISOString()}  ${machineLine()}`)
	console.log(
		`${pagePath}${email ? ` signed in as ${email}` : ''}: status ${status}, ${bytes} bytes; ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
	)
	const first = medianAfterFirst(builds[0]?.perRequest ?? [])
	for (const b of builds) {
		const median = medianAfterFirst(b.perRequest)
		if (builds.length > 1) console.log(`${b.folder}:`)
		console.log(
			`CPU µs a request, round by round (${requests} requests each): ${b.perRequest.map((v) => v.toFixed(0)).join(' ')}`,
		)
		console.log(
			`median of the rounds after the first: ${median.toFixed(0)} µs${builds.length > 1 ? ` (${(median / first).toFixed(3)}× the first build's)` : ''}`,
		)
	}
	process.exit(0)
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
