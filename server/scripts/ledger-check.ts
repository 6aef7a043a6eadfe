/**
 * Checks the ledger's invariants on the app's database and prints the result.
 *
 *   tsx server/scripts/ledger-check.ts        (npm run ledger:check)
 *
 * Prints "Ledger healthy: N accounts, M transfers", or the problems and exits with status 1. Then checks what the
 * funders' totals rest on (app/domain/money/funder-checks.server.ts, ADR 036) the same way: "Funders' totals healthy:
 * K funders", or the problems, and status 1.
 */
import { closeDb, getDb } from '#app/utils/db.server.ts'
import { ledgerCheckReport } from '#app/domain/ledger/check.server.ts'
import { funderTotalsReport } from '#app/domain/money/funder-checks.server.ts'

try {
	const prisma = getDb().prisma
	const reports = [await ledgerCheckReport(prisma), await funderTotalsReport(prisma)]
	for (const report of reports) {
		if (report.healthy) console.log(report.text)
		else console.error(report.text)
	}
	process.exitCode = reports.every((r) => r.healthy) ? 0 : 1
} catch (error) {
	console.error('Could not check the ledger:', error instanceof Error ? error.message : error)
	process.exitCode = 2
} finally {
	await closeDb()
}
