/**
 * Gets the database ready before the web server serves: applies pending migrations (Prisma's WebAssembly schema
 * engine, prisma/migrate.ts) and seeds demo data into an empty database (on the embedded default, or when
 * SEED_ON_START=true); run on its own (below), it also fills an empty search index.
 *
 * The server runs this in a short-lived child process of its own (`prepareInChildProcess`), so the schema
 * engine's WebAssembly memory and the seed's working set are given back to the machine when it exits instead of
 * staying in the web server's resident memory for its whole life (issue 14: the engine alone took the server to
 * about 900 MiB on a first start). Run by hand: `tsx server/prepare-database.ts`.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getEnv } from '#app/utils/env.server.ts'

// The database, search and migration modules are imported where they are used, so a process that only starts the
// child (a cluster's primary, server/cluster.ts) does not load them (about 90 MiB).

export async function prepareDatabase(options: { log?: (line: string) => void; seed?: boolean } = {}) {
	const [{ now }, { startOfDay }, { getDb }, { applyMigrations }] = await Promise.all([
		import('#app/utils/clock.server.ts'),
		import('#app/utils/dates.ts'),
		import('#app/utils/db.server.ts'),
		import('#prisma/migrate.ts'),
	])
	const log = options.log ?? console.log
	const env = getEnv()
	const db = getDb()
	const started = Date.now()
	const applied = await applyMigrations(
		db.pglite ? { kind: 'pglite', pglite: db.pglite } : { kind: 'postgres', url: env.DATABASE_URL ?? '' },
	)
	log(
		applied.length > 0
			? `Applied ${applied.length} migration(s) in ${Date.now() - started} ms.`
			: 'Database schema is up to date.',
	)
	const shouldSeed = env.SEED_ON_START ? env.SEED_ON_START === 'true' : Boolean(db.pglite)
	if (shouldSeed && options.seed !== false) {
		const seedStarted = Date.now()
		// Anchor the demo to today, so instalments and deadlines are in the near future whenever it starts.
		// Imported here, not at the top: the seed's modules (about 50 MiB) stay out of a server that does not seed.
		const { seedIfEmpty } = await import('#prisma/seed.ts')
		const summary = await seedIfEmpty(db.prisma, { now: startOfDay(now()) })
		if (summary) log(`Seeded demo data in ${Date.now() - seedStarted} ms.`)
	}
	return db
}

/**
 * Runs prepareDatabase in a child process and waits for it; its output goes to this process's output. The caller
 * must not have opened the embedded database yet (only one process may open its folder).
 */
export async function prepareInChildProcess(): Promise<void> {
	const script = fileURLToPath(import.meta.url)
	const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', env: process.env })
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject)
		child.once('exit', (exitCode) => resolve(exitCode))
	})
	if (code !== 0) throw new Error(`Preparing the database failed (exit code ${code}); see the lines above.`)
}

/** Gets the database and the search index ready, then closes the database: what the child process does. */
export async function prepareAll(): Promise<void> {
	const [{ prepareSearch }, { closeDb }] = await Promise.all([
		import('#app/domain/search/engine.server.ts'),
		import('#app/utils/db.server.ts'),
	])
	try {
		await prepareDatabase()
		await prepareSearch()
	} finally {
		await closeDb().catch(() => undefined)
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	prepareAll().catch((error: unknown) => {
		console.error(error)
		process.exit(1)
	})
}
