/**
 * The web server. `npm start` runs this after building:
 * 1. applies pending migrations (Prisma's WebAssembly schema engine, prisma/migrate.ts) and
 *    seeds demo data into an empty database (on the embedded default, or when SEED_ON_START=true), in a
 *    short-lived child process (server/prepare-database.ts), so what that needs is not kept by the server,
 * 2. opens the database (embedded PGlite in .data/, or DATABASE_URL) and checks the schema is up to date,
 * 3. starts search (indexing the database when the index is empty, then draining the search outbox) and the
 *    scheduler (app/jobs/scheduler.server.ts: instalments, expired holds, payouts, sessions confirmed
 *    automatically, reviews published),
 * 4. serves the Remix app on PORT (default 3000).
 * With WEB_CONCURRENCY above 1 (PostgreSQL only), step 1 runs once in a primary process and steps 2 to 4 in each of
 * that many worker processes sharing the port; the scheduler runs in worker 1 only (server/cluster.ts).
 * It keeps no state of its own between requests: sessions and everything else live in the database.
 */
import cluster from 'node:cluster'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { getEnv, publicOrigin, webConcurrency } from '#app/utils/env.server.ts'
import { bodyLimit, securityHeaders, urlGuard } from './http-security.ts'
import { runPrimary, workerIndex } from './cluster.ts'
import { publicPageCache } from './page-cache.ts'
import { prepareAll, prepareDatabase, prepareInChildProcess } from './prepare-database.ts'
import { publicFiles } from './public-files.ts'

export async function createApp(buildPath = path.resolve('build/index.js')) {
	const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild
	const app = express()
	app.disable('x-powered-by')
	// Behind a load balancer, TRUST_PROXY=1 (a hop count, or a list of addresses) lets req.ip be the visitor's address.
	const trustProxy = getEnv().TRUST_PROXY
	if (trustProxy !== undefined) app.set('trust proxy', trustProxy)
	app.use(securityHeaders({ publicOrigin: publicOrigin() }))
	app.use(urlGuard())
	app.use(bodyLimit())
	app.use(compression())
	const pages = publicPageCache()
	app.use(pages) // anonymous public pages from memory (issue 14, ADR 027)
	// Fingerprinted assets are cached for a year; everything else in public/ for an hour.
	app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
	app.use(publicFiles('public', { maxAge: '1h' }))
	app.get('/healthz', (_req, res) => {
		res.type('text/plain').send('ok')
	})
	app.all(
		'*',
		createRequestHandler({
			build,
			mode: build.mode,
			getLoadContext: (req, res) => ({
				clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
				cspNonce: res.locals.cspNonce as string,
			}),
		}),
	)
	// What the server listens with: a kept public page is answered before Express (the same headers, far less work);
	// everything else, and every page not kept yet, goes through Express and Remix.
	const handler = (req: IncomingMessage, res: ServerResponse) => {
		const answered = pages.answerBeforeExpress(req, res)
		if (answered === false) return void app(req, res)
		answered.then(
			(done) => done || app(req, res),
			() => app(req, res),
		)
	}
	return { app, build, handler }
}

/**
 * `npm start`: one process (the default), or with WEB_CONCURRENCY above 1 on PostgreSQL a primary that gets the
 * database ready once and then forks that many workers serving the same port (server/cluster.ts).
 */
export async function main() {
	const env = getEnv()
	const processes = webConcurrency(env)
	if (cluster.isWorker) {
		// The primary got the database ready; worker 1 runs the scheduler (see server/cluster.ts).
		await serve({ prepare: false, jobs: workerIndex() === 1 })
	} else if (processes > 1) {
		await runPrimary({
			processes,
			port: env.PORT,
			prepare: () => (process.env.PREPARE_IN_PROCESS === 'true' ? prepareAll() : prepareInChildProcess()),
		})
	} else {
		await serve({ prepare: true, jobs: true })
	}
}

/** Serves the app in this process: alone, or as one of a cluster's workers. */
async function serve(options: { prepare: boolean; jobs: boolean }) {
	const env = getEnv()
	const started = Date.now()
	const worker = workerIndex()
	// Imported here, not at the top: a cluster's primary, which serves nothing, does not load them (about 100 MiB).
	const [{ startSearch, stopSearch }, { startJobs }, { closeDb }] = await Promise.all([
		import('#app/domain/search/engine.server.ts'),
		import('#app/jobs/scheduler.server.ts'),
		import('#app/utils/db.server.ts'),
	])
	if (options.prepare) {
		// Migrations and the demo seed run in a child process that gives its memory back when it ends (issue 14);
		// the check that follows is then a cheap read of the migration history. PREPARE_IN_PROCESS=true keeps it all
		// in this process (e.g. where spawning is not allowed).
		const inChild = process.env.PREPARE_IN_PROCESS !== 'true'
		if (inChild) await prepareInChildProcess()
		await prepareDatabase({ seed: !inChild })
	}
	await startSearch()
	const jobs = options.jobs ? startJobs() : null
	const { build, handler } = await createApp()
	const server = http.createServer(handler).listen(env.PORT, () => {
		// A worker's readiness is reported by the primary, once every worker listens.
		if (worker !== null) return
		console.log(`Budget Market is ready at http://localhost:${env.PORT} (started in ${Date.now() - started} ms)`)
		if (process.env.NODE_ENV === 'development') {
			void import('@remix-run/node').then(({ broadcastDevReady }) => broadcastDevReady(build))
		}
	})
	let stopping = false
	const stop = (signal: string) => {
		if (stopping) return
		stopping = true
		console.log(worker === null ? `${signal} received: closing.` : `Worker ${worker}: ${signal}, closing.`)
		server.close()
		server.closeAllConnections()
		// Let a running job or outbox batch finish; then PGlite writes its files on close.
		Promise.all([jobs?.stop(), stopSearch()])
			.then(() => closeDb())
			.catch((error: unknown) => console.error(error))
			.finally(() => process.exit(0))
	}
	process.on('SIGINT', () => stop('SIGINT'))
	process.on('SIGTERM', () => stop('SIGTERM'))
	// A worker whose primary has gone (killed without a chance to stop it) stops too, instead of serving on alone.
	if (worker !== null) process.on('disconnect', () => stop('primary gone'))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((error: unknown) => {
		console.error(error)
		process.exit(1)
	})
}
