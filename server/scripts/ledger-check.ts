/**
 * Checks the ledger's invariants on the app's database and prints the result.
 *
 *   tsx server/scripts/ledger-check.ts        (npm run ledger:check)
 *
 * Prints "Ledger healthy: N accounts, M transfers", or the problems and exits with status 1.
 */
import { closeDb, getDb } from '#app/utils/db.server.ts'
import { ledgerCheckReport } from '#app/domain/ledger/check.server.ts'

try {
	const report = await ledgerCheckReport(getDb().prisma)
	if (report.healthy) console.log(report.text)
	else console.error(report.text)
	process.exitCode = report.healthy ? 0 : 1
} catch (error) {
	console.error('Could not check the ledger:', error instanceof Error ? error.message : error)
	process.exitCode = 2
} finally {
	await closeDb()
}
