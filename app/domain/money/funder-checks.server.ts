/**
 * What the funder's totals rest on (ADR 036), checked from the rows themselves, beside the ledger's own check
 * (`npm run ledger:check` runs both):
 * - every holder account carries its holder's funder's summary key, so the ledger's summary under that key holds all
 *   of the funder's people's money and nobody else's (the ledger checks the summary against the entries; which
 *   accounts belong under a funder is this module's knowledge, not the ledger's);
 * - each funder's stored total of instalments still scheduled (FunderScheduledTotal, kept by a trigger) equals the sum
 *   of its allocations' SCHEDULED instalments, by currency.
 * An empty list means both hold.
 */
import type { Db } from '#app/utils/transaction.server.ts'

export type FunderTotalsProblem = {
	code: 'HOLDER_ACCOUNT_KEY_WRONG' | 'SCHEDULED_TOTAL_WRONG'
	message: string
}

const LIMIT = 50

export async function checkFunderTotals(db: Db): Promise<FunderTotalsProblem[]> {
	const rows = await db.$queryRaw<
		{ code: FunderTotalsProblem['code']; subject: string; name: string | null; was: string | null; want: string }[]
	>`
		SELECT "code", "subject", "name", "was", "want" FROM (
		(SELECT 1 AS "ord", 'HOLDER_ACCOUNT_KEY_WRONG' AS "code", a."id" AS "subject", a."name", a."summaryKey" AS "was",
		        'funder:' || h."funderId" AS "want"
		 FROM "LedgerAccount" a JOIN "BudgetHolder" h ON h."id" = a."holderId"
		 WHERE a."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD') AND a."summaryKey" IS DISTINCT FROM 'funder:' || h."funderId"
		 ORDER BY a."id" LIMIT ${LIMIT})
		UNION ALL
		(SELECT 2, 'SCHEDULED_TOTAL_WRONG', COALESCE(t."funderId", s."funderId"), COALESCE(t."currency", s."currency"),
		        COALESCE(t."stored", 0)::text, COALESCE(s."summed", 0)::text
		 FROM (SELECT "funderId", "currency", SUM("amountPence") AS "stored" FROM "FunderScheduledTotal" GROUP BY 1, 2) t
		 FULL JOIN (SELECT a."funderId", a."currency", SUM(i."amountPence") AS "summed"
		            FROM "Instalment" i JOIN "Allocation" a ON a."id" = i."allocationId"
		            WHERE i."status" = 'SCHEDULED' GROUP BY 1, 2) s
		   ON s."funderId" = t."funderId" AND s."currency" = t."currency"
		 WHERE COALESCE(t."stored", 0) <> COALESCE(s."summed", 0)
		 ORDER BY 3 LIMIT ${LIMIT})
		) AS problems ORDER BY "ord", "subject"`
	return rows.map((r) =>
		r.code === 'HOLDER_ACCOUNT_KEY_WRONG'
			? {
					code: r.code,
					message: `Holder account ${r.subject} (${r.name}) has the summary key ${r.was ?? 'none'}; its funder's is ${r.want}.`,
				}
			: {
					code: r.code,
					message: `Funder ${r.subject} has ${r.was} ${r.name?.trim()} stored as still scheduled; its scheduled instalments add up to ${r.want}.`,
				},
	)
}

/** For the command line: the problems as lines, or the healthy line. */
export async function funderTotalsReport(db: Db): Promise<{ healthy: boolean; text: string }> {
	const problems = await checkFunderTotals(db)
	if (problems.length === 0) {
		const funders = await db.funder.count()
		return { healthy: true, text: `Funders' totals healthy: ${funders} funder${funders === 1 ? '' : 's'}` }
	}
	return {
		healthy: false,
		text: [
			`Funders' totals have ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
			...problems.map((p) => `  ${p.code}: ${p.message}`),
		].join('\n'),
	}
}
