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
 * It keeps no state of its own between requests: sessions and everything else live in the database.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { startSearch, stopSearch } from '#app/domain/search/engine.server.ts'
import { startJobs } from '#app/jobs/scheduler.server.ts'
import { closeDb } from '#app/utils/db.server.ts'
import { getEnv, publicOrigin } from '#app/utils/env.server.ts'
import { bodyLimit, securityHeaders, urlGuard } from './http-security.ts'
import { prepareDatabase, prepareInChildProcess } from './prepare-database.ts'

export async function createApp(buildPath = path.resolve('build/index.js')) {
	const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild
	const app = express()
	app.disable('x-powered-by')
	// Behind a load balancer, TRUST_PROXY=1 (or a list of addresses) lets req.ip be the visitor's address.
	if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
	app.use(securityHeaders({ publicOrigin: publicOrigin() }))
	app.use(urlGuard())
	app.use(bodyLimit())
	app.use(compression())
	// Fingerprinted assets are cached for a year; everything else in public/ for an hour.
	app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
	app.use(express.static('public', { maxAge: '1h' }))
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
	return { app, build }
}

export async function main() {
	const env = getEnv()
	const started = Date.now()
	// Migrations and the demo seed run in a child process that gives its memory back when it ends (issue 14);
	// the check that follows is then a cheap read of the migration history. PREPARE_IN_PROCESS=true keeps it all
	// in this process (e.g. where spawning is not allowed).
	const inChild = process.env.PREPARE_IN_PROCESS !== 'true'
	if (inChild) await prepareInChildProcess()
	await prepareDatabase({ seed: !inChild })
	await startSearch()
	const jobs = startJobs()
	const { app, build } = await createApp()
	const server = app.listen(env.PORT, () => {
		console.log(`Budget Market is ready at http://localhost:${env.PORT} (started in ${Date.now() - started} ms)`)
		if (process.env.NODE_ENV === 'development') {
			void import('@remix-run/node').then(({ broadcastDevReady }) => broadcastDevReady(build))
		}
	})
	let stopping = false
	const stop = (signal: string) => {
		if (stopping) return
		stopping = true
		console.log(`${signal} received: closing.`)
		server.close()
		server.closeAllConnections()
		// Let a running job or outbox batch finish; then PGlite writes its files on close.
		Promise.all([jobs.stop(), stopSearch()])
			.then(() => closeDb())
			.catch((error: unknown) => console.error(error))
			.finally(() => process.exit(0))
	}
	process.on('SIGINT', () => stop('SIGINT'))
	process.on('SIGTERM', () => stop('SIGTERM'))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((error: unknown) => {
		console.error(error)
		process.exit(1)
	})
}
