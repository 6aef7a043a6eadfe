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

async function main() {
	// As `npm start` runs it: React and the app's build choose their production code by NODE_ENV when first loaded,
	// and the development builds cost several times as much a render (they check every element and property).
	process.env.NODE_ENV = 'production'
	const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
	const handler = createRequestHandler(build, 'production') as Handler
	const email = process.env.BENCH_SIGN_IN
	const cookie = email ? await signIn(handler, email) : ''
	let status = 0
	let bytes = 0
	const one = async () => {
		const response = await handler(
			new Request(`${origin}${pagePath}`, { headers: { accept: 'text/html', cookie } }),
			context,
		)
		status = response.status
		bytes = (await response.arrayBuffer()).byteLength
	}
	const perRequest: number[] = []
	for (let round = 0; round < rounds; round++) {
		const before = process.cpuUsage()
		for (let i = 0; i < requests; i++) await one()
		const used = process.cpuUsage(before)
		perRequest.push((used.user + used.system) / requests)
	}
	const counted = perRequest.slice(1).sort((a, b) => a - b)
	const median = counted.length ? (counted[Math.floor((counted.length - 1) / 2)] ?? 0) : 0
	console.log(`bench/handler  ${new Date().toISOString()}  ${machineLine()}`)
	console.log(
		`${pagePath}${email ? ` signed in as ${email}` : ''}: status ${status}, ${bytes} bytes; ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
	)
	console.log(
		`CPU µs a request, round by round (${requests} requests each): ${perRequest.map((v) => v.toFixed(0)).join(' ')}`,
	)
	console.log(`median of the rounds after the first: ${median.toFixed(0)} µs`)
	process.exit(0)
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
