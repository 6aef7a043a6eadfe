/**
 * Several web server processes on one port (issue 14, "using the cores"), with Node's cluster module. `npm start`
 * with WEB_CONCURRENCY=2 (or "auto": one per core) on PostgreSQL runs:
 * - the primary (this module): gets the database ready once (migrations, the demo seed when asked, a first search
 *   index) before any worker starts, then forks the workers, starts a new one when one dies, and on SIGTERM or
 *   SIGINT asks every worker to stop and waits for them. It serves no requests and keeps no database connection.
 * - the workers (server/index.ts's serve()): each serves the app on the shared port (the primary hands out the
 *   connections, round robin), follows the search index in memory and takes its turn at the search outbox.
 *
 * What is shared, and why it is safe:
 * - The embedded search engine's store of record is the SearchDocument table; each process's in-memory index follows
 *   it by the rows' `seq` (search/embedded/engine.ts), whichever process drained the outbox (under the outbox's
 *   lease, one at a time). Meilisearch is one shared index. Neither needs the outbox to be read by every process.
 * - The scheduler runs in worker 1 only. Its jobs are safe on several servers at once (row locks, advisory locks,
 *   claims and ledger idempotency keys, see app/jobs/scheduler.server.ts), so this is to save the work and the lock
 *   waits of running them N times a minute on one machine, not for correctness; a replacement worker 1 takes over.
 * - The embedded database (PGlite) can be opened by one process only: env.server.ts refuses WEB_CONCURRENCY above
 *   1 without DATABASE_URL.
 */
import cluster, { type Worker } from 'node:cluster'

/** The environment variable that tells a worker its number (1 … N); worker 1 runs the scheduler. */
export const WORKER_INDEX = 'BUDGET_MARKET_WORKER'

/** A worker that keeps dying is not started again forever: this many restarts within RESTART_WINDOW_MS stop it all. */
const MAX_RESTARTS = 5
const RESTART_WINDOW_MS = 60_000
/** How long the workers get to finish their requests, jobs and outbox batch after SIGTERM. */
const STOP_TIMEOUT_MS = 20_000

export type PrimaryOptions = {
	processes: number
	port: number
	/** Gets the database ready (migrations, seed, search index) before the first worker starts. */
	prepare: () => Promise<void>
	log?: (line: string) => void
}

/** This process's worker number in a cluster, or null when it is the only process. */
export function workerIndex(): number | null {
	if (!cluster.isWorker) return null
	const n = Number(process.env[WORKER_INDEX])
	return Number.isInteger(n) && n > 0 ? n : null
}

export async function runPrimary(options: PrimaryOptions): Promise<void> {
	const log = options.log ?? ((line: string) => console.log(line))
	const started = Date.now()
	await options.prepare()

	const workers = new Map<number, Worker>()
	const restarts = new Map<number, number[]>()
	const listening = new Set<number>()
	let stopping = false
	let ready = false

	const fork = (index: number) => {
		const worker = cluster.fork({ [WORKER_INDEX]: String(index) })
		workers.set(index, worker)
		worker.once('listening', () => {
			listening.add(index)
			if (ready || stopping) return
			if (listening.size === options.processes) {
				ready = true
				log(
					`Budget Market is ready at http://localhost:${options.port} with ${options.processes} processes ` +
						`(started in ${Date.now() - started} ms)`,
				)
			}
		})
		worker.once('exit', (code, signal) => {
			if (workers.get(index) === worker) workers.delete(index)
			if (stopping) return
			const recent = (restarts.get(index) ?? []).filter((t) => Date.now() - t < RESTART_WINDOW_MS)
			recent.push(Date.now())
			restarts.set(index, recent)
			if (recent.length > MAX_RESTARTS) {
				log(`Worker ${index} stopped ${recent.length} times within a minute: stopping the server.`)
				void stop('too many restarts', 1)
				return
			}
			log(`Worker ${index} (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}): starting another.`)
			setTimeout(() => {
				if (!stopping) fork(index)
			}, 1000).unref()
		})
	}

	const stop = async (reason: string, exitCode = 0) => {
		if (stopping) return
		stopping = true
		log(`${reason}: stopping ${workers.size} worker(s).`)
		const exits = [...workers.values()].map(
			(w) =>
				new Promise<void>((resolve) => {
					if (w.isDead()) return resolve()
					w.once('exit', () => resolve())
					w.process.kill('SIGTERM')
				}),
		)
		const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref())
		if ((await Promise.race([Promise.all(exits), timeout])) === 'timeout') {
			log(`Some workers did not stop within ${STOP_TIMEOUT_MS / 1000} s: ending them.`)
			for (const w of workers.values()) if (!w.isDead()) w.process.kill('SIGKILL')
			exitCode = exitCode || 1
		}
		process.exit(exitCode)
	}
	process.on('SIGTERM', () => void stop('SIGTERM received'))
	process.on('SIGINT', () => void stop('SIGINT received'))

	for (let index = 1; index <= options.processes; index++) fork(index)
}
