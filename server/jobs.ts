/**
 * The scheduled-job runner (see app/domain/money/jobs.server.ts for what runs and why it is safe on many servers).
 *
 *   import { startJobs } from './jobs.ts'
 *   const jobs = startJobs()          // in server/index.ts, after prepareDatabase(); jobs.stop() on shutdown
 *
 * From the shell, `tsx server/jobs.ts` runs every job once and prints what it did. On the embedded database, do
 * that only while the web server is stopped (one process at a time may open a PGlite folder).
 */
import { pathToFileURL } from 'node:url'
import { runJobsOnce } from '#app/domain/money/jobs.server.ts'
import { closeDb } from '#app/utils/db.server.ts'

export { type JobsHandle, type JobsReport, runJobsOnce, startJobs } from '#app/domain/money/jobs.server.ts'

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	runJobsOnce()
		.then((report) => console.log(JSON.stringify(report, null, 2)))
		.catch((error: unknown) => {
			console.error(error)
			process.exitCode = 1
		})
		.finally(() => closeDb())
}
