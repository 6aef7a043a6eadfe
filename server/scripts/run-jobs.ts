/**
 * `npm run jobs:run` (tsx server/scripts/run-jobs.ts): runs every scheduled job once and prints what it did. The
 * web server runs them every minute itself (app/jobs/scheduler.server.ts, started by server/index.ts). On the
 * embedded database, do this only while the web server is stopped (one process at a time may open a PGlite folder).
 */
import { runJobsOnce } from '#app/jobs/scheduler.server.ts'
import { closeDb } from '#app/utils/db.server.ts'

try {
	console.log(JSON.stringify(await runJobsOnce(), null, 2))
} catch (error) {
	console.error(error)
	process.exitCode = 1
} finally {
	await closeDb()
}
