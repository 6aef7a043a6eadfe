import { randomInt } from 'node:crypto'
import { Prisma } from '#app/generated/prisma/client.ts'
import { type Db, inTransaction } from '#app/utils/transaction.server.ts'

/**
 * The ledger's invariants, checked from the rows themselves (not from the code that wrote them).
 * An empty list means the ledger is healthy.
 */
export type LedgerProblem = {
	code:
		| 'ENTRIES_DO_NOT_BALANCE'
		| 'TRANSFER_UNBALANCED'
		| 'ENTRY_ON_WRONG_ACCOUNT'
		| 'CACHED_BALANCE_WRONG'
		| 'REASON_TOTAL_WRONG'
		| 'SUMMARY_TOTAL_WRONG'
		| 'FLAGGED_ACCOUNT_NEGATIVE'
		| 'PENDING_TOTAL_WRONG'
		| 'HOLD_RESOLVED_TWICE'
		| 'BAD_RESOLUTION'
		| 'CURRENCY_MISMATCH'
	message: string
}

const LIMIT = 50

/** How long the check may take in its own transaction: a region's ledger (millions of entries) takes minutes. */
const CHECK_TIMEOUT_MS = 30 * 60_000

/**
 * Checks that:
 * - all entries sum to zero, in every currency, and every transfer's own entries sum to zero;
 * - every entry is on its transfer's debit or credit account;
 * - every account's cached totals equal the sums of its entries by phase (PENDING, POSTED) and side
 *   (debit, credit);
 * - every account's posted totals by reason (LedgerReasonTotal, ADR 030) equal the sums of its POSTED entries of
 *   transfers with that reason, by side;
 * - the summaries of accounts with a summary key (LedgerSummaryTotal, ADR 036), added up over their shards, equal the
 *   sums of those accounts' entries by currency, account kind and transfer reason, by phase and side;
 * - no account flagged debitsMustNotExceedCredits or creditsMustNotExceedDebits is past its limit, and no
 *   total is negative;
 * - every account's pending totals equal the open holds on it (pending transfers not yet posted, voided or
 *   expired; a hold past its timeout stays open until the expiry job releases it);
 * - each hold is resolved at most once, by a post, void or expiry on the same accounts, for no more;
 * - every transfer is in the currency of both its accounts.
 */
export async function checkLedger(db: Db): Promise<LedgerProblem[]> {
	return (await checkLedgerInDetail(db)).problems
}

/**
 * The transfers' fingerprints (ADR 039) are kept modulo two primes below 2^31, so that each term of their sums, an
 * amount reduced modulo the prime plus a number below it, times a weight below it, stays under 2^63: bigint
 * arithmetic, summed as numeric.
 */
const PRIMES = [2_147_483_647n, 2_147_483_629n] as const

/**
 * A transfer that numbers the entries it should (2 or 4) can only have a net that is a multiple of both primes (about
 * 2^62), and so looks balanced to both fingerprints, if one of its entries is at least a quarter of that either way.
 * The check counts entries this large (2^59 pence, five quadrillion pounds) and reads such a ledger transfer by transfer.
 */
const HUGE = 2n ** 59n

/** The phases of a transfer that resolves a hold. */
const RESOLUTION_PHASES = Prisma.sql`('POST_PENDING', 'VOID_PENDING', 'EXPIRE_PENDING')`

/** How many entries transfer `t` needs: 4 for a payment of a hold (the hold's reversed, the payment's), 2 otherwise. */
const ENTRIES_NEEDED = Prisma.sql`CASE WHEN t."phase" = 'POST_PENDING' THEN 4 ELSE 2 END`

/**
 * Resolution `r` does not fit hold `p`: other accounts, more than was held, or a void or expiry of another amount.
 * Shared by the join of holds that counts such resolutions and the query that names them.
 */
const MISFITS_HOLD = Prisma.sql`(r."debitAccountId" <> p."debitAccountId" OR r."creditAccountId" <> p."creditAccountId"
	OR r."amount" > p."amount" OR (r."phase" <> 'POST_PENDING' AND r."amount" <> p."amount"))`

/**
 * checkLedger, with the number of transfers it read and whether the transfers' fingerprints disagreed, so that each
 * transfer's entries had to be read one transfer at a time to name the unbalanced ones (for the tests: on a healthy
 * ledger they must agree).
 */
export async function checkLedgerInDetail(
	db: Db,
): Promise<{ problems: LedgerProblem[]; transfers: number; transfersRecounted: boolean }> {
	// Four statements in one transaction, with work_mem raised for that transaction only (ADR 030). Its own transaction
	// is REPEATABLE READ, so on PostgreSQL all of them read one snapshot even while transfers are being made (PGlite's
	// adapter does not set the level, but PGlite runs one transaction at a time, so nothing commits between them). In a
	// caller's transaction the caller's level holds: at READ COMMITTED a transfer committed between the statements
	// could be reported as a wrong total, or hide a bad resolution from the counts that decide whether to look for one,
	// so callers that others write beside should not pass one.
	// 1. Every entry joined to its transfer once and summed by account, reason and currency into a temporary table:
	//    the accounts' totals, the balance of each currency and the count of entries on an account their transfer does
	//    not touch are all sums of it. On its own, and not as a CTE of the last statement, so that PostgreSQL may
	//    run the join and the sums in parallel workers, and nothing holds the joined rows (41 million at a region's
	//    size) for a second read: 95-99 s -> 55 s at a region's size (docs/benchmarks.md, session 9).
	//    The same pass adds up two fingerprints of the entries by transfer (ADR 039). Each has its own prime p, a random
	//    weight w for every transfer (a keyed hash of its id) and a random number k, and adds up
	//    (amount mod p + k) × w over the entries: modulo p, each transfer's (net + k × count) × w, summed. Where every
	//    transfer's entries add up to zero and number what its phase needs (4 for a payment of a hold, 2 otherwise), that
	//    equals k × the weights times those numbers, summed over the transfers. Where any transfer's do not, the two
	//    differ but for a chance of about 2 in 2^31 for each fingerprint, so below one in 10^18 for both, unless a
	//    transfer's net is a multiple of both primes: no entry of a transfer that numbers right can make that without
	//    being at least 2^59 either way, so the same pass counts such entries too.
	// 2. The fingerprints summed (a statement of its own: the temporary table is read only by the process that wrote
	//    it); then the transfers' side of them in one pass over the transfers, instead of reading every entry a second
	//    time, by transfer (26 s of a region's 80 s check, session 15). That pass also counts the transfers, those not
	//    in their accounts' currency, the holds, and those that resolve a hold or name one.
	// 3. Every check, reading that table for the sums. Each transfer's entries are counted and summed by transfer, to
	//    name the unbalanced ones, only when the fingerprints differ or an entry is that large.
	// The seeds and numbers are drawn for each run, so that wrong entries written before a run cannot be chosen to
	// cancel out in it (short of knowing the run's numbers: the hash is keyed, not cryptographic).
	const seeds = [randomInt(0, 2 ** 31), randomInt(0, 2 ** 31)] as const
	const ks = [BigInt(randomInt(1, Number(PRIMES[0]))), BigInt(randomInt(1, Number(PRIMES[1])))] as const
	const weight = (i: 0 | 1, id: Prisma.Sql) =>
		Prisma.sql`(1 + (hashtextextended(${id}, ${seeds[i]}::bigint) & 2147483647) % ${PRIMES[i] - 1n}::bigint)`
	let transfersRecounted = false
	let transferCount = 0
	const rows = await inTransaction(
		db,
		async (tx) => {
			await tx.$executeRaw`SET LOCAL work_mem = '256MB'`
			// Most of the check's parts read millions of rows to return a few, but the planner guesses many for some (the
			// bad resolutions: 3.9 million, for none) and then finds handing them back from parallel workers too dear.
			// Each row handed back is priced at a hundredth of the default, so those parts run in parallel too.
			await tx.$executeRaw`SET LOCAL parallel_tuple_cost = 0.001`
			// A caller's transaction may run the check twice.
			await tx.$executeRaw`DROP TABLE IF EXISTS pg_temp.ledger_check_by_reason`
			await tx.$executeRaw`
		CREATE TEMP TABLE ledger_check_by_reason ON COMMIT DROP AS
		SELECT e."accountId" AS "id", t."reason", t."currency",
		  COALESCE(SUM(-e."amount") FILTER (WHERE e."phase" = 'PENDING' AND e."accountId" = t."debitAccountId"), 0)::bigint AS "dPend",
		  COALESCE(SUM(-e."amount") FILTER (WHERE e."phase" = 'POSTED' AND e."accountId" = t."debitAccountId"), 0)::bigint AS "dPost",
		  COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'PENDING' AND e."accountId" = t."creditAccountId"), 0)::bigint AS "cPend",
		  COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND e."accountId" = t."creditAccountId"), 0)::bigint AS "cPost",
		  SUM(e."amount")::bigint AS "net",
		  COUNT(*) FILTER (WHERE e."accountId" <> t."debitAccountId" AND e."accountId" <> t."creditAccountId") AS "wrong",
		  SUM(((e."amount" % ${PRIMES[0]}::bigint) + ${ks[0]}::bigint) * ${weight(0, Prisma.sql`t."id"`)}) AS "fp0",
		  SUM(((e."amount" % ${PRIMES[1]}::bigint) + ${ks[1]}::bigint) * ${weight(1, Prisma.sql`t."id"`)}) AS "fp1",
		  COUNT(*) FILTER (WHERE e."amount" >= ${HUGE}::bigint OR e."amount" <= ${-HUGE}::bigint) AS "huge"
		FROM "LedgerEntry" e JOIN "LedgerTransfer" t ON t."id" = e."transferId"
		GROUP BY 1, 2, 3`
			const [entries] = await tx.$queryRaw<{ fp0: string | null; fp1: string | null; huge: string | null }[]>`
		SELECT SUM("fp0")::text AS "fp0", SUM("fp1")::text AS "fp1", SUM("huge")::text AS "huge" FROM ledger_check_by_reason`
			// The one pass over the transfers, with their accounts: the fingerprints' other side, how many transfers
			// there are, how many are not in their accounts' currency (named below only if some are), and how many
			// resolve a hold or name one (each must be matched to a hold below).
			const [transfers] = await tx.$queryRaw<
				{
					w0: string | null
					w1: string | null
					count: bigint | number
					currencyMismatches: bigint | number
					resolutions: bigint | number
					holds: bigint | number
				}[]
			>`
		SELECT SUM(${weight(0, Prisma.sql`t."id"`)} * ${ENTRIES_NEEDED})::text AS "w0",
		       SUM(${weight(1, Prisma.sql`t."id"`)} * ${ENTRIES_NEEDED})::text AS "w1",
		       COUNT(*) AS "count",
		       COUNT(*) FILTER (WHERE t."currency" <> d."currency" OR t."currency" <> c."currency") AS "currencyMismatches",
		       COUNT(*) FILTER (WHERE t."pendingId" IS NOT NULL
		                           OR t."phase" IN ${RESOLUTION_PHASES}) AS "resolutions",
		       COUNT(*) FILTER (WHERE t."phase" = 'PENDING') AS "holds"
		FROM "LedgerTransfer" t
		LEFT JOIN "LedgerAccount" d ON d."id" = t."debitAccountId"
		LEFT JOIN "LedgerAccount" c ON c."id" = t."creditAccountId"`
			transferCount = Number(transfers?.count ?? 0)
			const currencyMismatches = Number(transfers?.currencyMismatches ?? 0) > 0
			const resolutions = Number(transfers?.resolutions ?? 0)
			const holdCount = Number(transfers?.holds ?? 0)
			const differs = (i: 0 | 1) =>
				(BigInt(entries?.[`fp${i}`] ?? 0) - ks[i] * BigInt(transfers?.[`w${i}`] ?? 0)) % PRIMES[i] !== 0n
			transfersRecounted = differs(0) || differs(1) || BigInt(entries?.huge ?? 0) > 0n
			// The checks below each read a few hundred thousand rows or fewer, bar the join of holds, and compiling
			// them cost more than it saved: 14-15 s without JIT against 16-18 s with it, at a region's size.
			await tx.$executeRaw`SET LOCAL jit = off`
			return tx.$queryRaw<
				{ code: LedgerProblem['code']; subject: string; name: string | null; n: (bigint | number | string)[] }[]
			>`
		WITH
		sums AS (
			SELECT "id", SUM("dPend")::bigint AS "dPend", SUM("dPost")::bigint AS "dPost",
			       SUM("cPend")::bigint AS "cPend", SUM("cPost")::bigint AS "cPost"
			FROM ledger_check_by_reason GROUP BY "id"
		),
		-- Every hold with whatever claims to resolve it, in one parallel hash join, summed by the hold's two accounts:
		-- what is still held (holds nothing resolves), how many transfers name a hold and whether any does it wrongly,
		-- and how many rows the join made (one for each hold, unless more than one transfer resolves it).
		-- Two joins before, open holds and bad resolutions: 7.8 and 8.1 s at a region's size (ADR 039).
		holds_by_pair AS MATERIALIZED (
			SELECT p."debitAccountId", p."creditAccountId",
			       COALESCE(SUM(p."amount") FILTER (WHERE r."pendingId" IS NULL), 0)::bigint AS "open",
			       COUNT(*) AS "rows", COUNT(r."pendingId") AS "matched",
			       COUNT(*) FILTER (WHERE r."phase" NOT IN ${RESOLUTION_PHASES} OR ${MISFITS_HOLD}) AS "wrong"
			FROM "LedgerTransfer" p
			LEFT JOIN "LedgerTransfer" r ON r."pendingId" = p."id" AND r."pendingId" IS NOT NULL
			WHERE p."phase" = 'PENDING'
			GROUP BY 1, 2
		),
		holds AS (
			SELECT x."id", SUM(x."debits")::bigint AS "debits", SUM(x."credits")::bigint AS "credits"
			FROM holds_by_pair h
			CROSS JOIN LATERAL (VALUES (h."debitAccountId", h."open", 0::bigint), (h."creditAccountId", 0::bigint, h."open"))
			  AS x("id", "debits", "credits")
			GROUP BY x."id"
		),
		-- Every bad resolution, read only when the join above found one resolving its hold wrongly, or fewer transfers
		-- resolving a hold than there are transfers that should (a resolution of no hold, or of a transfer that is not
		-- one). One hash join before the few are sorted: ordered by id under the LIMIT, the planner walked all 15 million
		-- transfers by index, looking each hold up in turn (12.5 s at a region's size).
		bad_resolutions AS MATERIALIZED (
			SELECT r."id", r."phase" FROM "LedgerTransfer" r
			LEFT JOIN (SELECT * FROM "LedgerTransfer" WHERE "phase" = 'PENDING') p ON p."id" = r."pendingId"
			WHERE (r."phase" IN ${RESOLUTION_PHASES} AND (p."id" IS NULL OR ${MISFITS_HOLD}))
			   OR (r."phase" IN ('SINGLE', 'PENDING') AND r."pendingId" IS NOT NULL)
		)
		SELECT "code", "subject", "name", "n" FROM (
		(SELECT 1 AS "ord", 'ENTRIES_DO_NOT_BALANCE' AS "code", "currency"::text AS "subject", NULL::text AS "name",
		        ARRAY[SUM("net")]::bigint[] AS "n"
		 FROM ledger_check_by_reason GROUP BY "currency" HAVING SUM("net") <> 0 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 2, 'TRANSFER_UNBALANCED', t."id", t."phase"::text,
		        ARRAY[COUNT(e."id"), COALESCE(SUM(e."amount"), 0)]::bigint[]
		 FROM "LedgerTransfer" t LEFT JOIN "LedgerEntry" e ON e."transferId" = t."id"
		 -- Read only when the fingerprints disagree.
		 WHERE ${transfersRecounted}
		 GROUP BY t."id"
		 HAVING COALESCE(SUM(e."amount"), 0) <> 0
		     OR COUNT(e."id") <> ${ENTRIES_NEEDED}
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		-- The entries themselves are read only when the sums found some.
		(SELECT 3, 'ENTRY_ON_WRONG_ACCOUNT', e."transferId", NULL, ARRAY[e."id"]::bigint[]
		 FROM "LedgerEntry" e JOIN "LedgerTransfer" t ON t."id" = e."transferId"
		 WHERE EXISTS (SELECT 1 FROM ledger_check_by_reason WHERE "wrong" > 0)
		   AND e."accountId" <> t."debitAccountId" AND e."accountId" <> t."creditAccountId"
		 ORDER BY e."id" LIMIT ${LIMIT})
		UNION ALL
		(SELECT 4, 'CACHED_BALANCE_WRONG', a."id", a."name",
		        ARRAY[a."debitsPending", a."debitsPosted", a."creditsPending", a."creditsPosted",
		              COALESCE(s."dPend", 0), COALESCE(s."dPost", 0), COALESCE(s."cPend", 0), COALESCE(s."cPost", 0)]::bigint[]
		 FROM "LedgerAccount" a LEFT JOIN sums s ON s."id" = a."id"
		 WHERE a."debitsPending" <> COALESCE(s."dPend", 0) OR a."debitsPosted" <> COALESCE(s."dPost", 0)
		    OR a."creditsPending" <> COALESCE(s."cPend", 0) OR a."creditsPosted" <> COALESCE(s."cPost", 0)
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 5, 'REASON_TOTAL_WRONG', COALESCE(r."accountId", s."id") || ' ' || COALESCE(r."reason", s."reason")::text,
		        NULL, ARRAY[COALESCE(r."debitsPosted", 0), COALESCE(r."creditsPosted", 0),
		                    COALESCE(s."dPost", 0), COALESCE(s."cPost", 0)]::bigint[]
		 FROM "LedgerReasonTotal" r
		 FULL JOIN (SELECT "id", "reason", SUM("dPost") AS "dPost", SUM("cPost") AS "cPost" FROM ledger_check_by_reason
		            GROUP BY 1, 2 HAVING SUM("dPost") <> 0 OR SUM("cPost") <> 0) s
		   ON s."id" = r."accountId" AND s."reason" = r."reason"
		 WHERE COALESCE(r."debitsPosted", 0) <> COALESCE(s."dPost", 0)
		    OR COALESCE(r."creditsPosted", 0) <> COALESCE(s."cPost", 0)
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 11, 'SUMMARY_TOTAL_WRONG',
		        concat_ws(' ', COALESCE(t."summaryKey", s."summaryKey"), COALESCE(t."currency", s."currency"),
		                  COALESCE(t."kind", s."kind")::text, COALESCE(t."reason", s."reason")::text),
		        NULL, ARRAY[COALESCE(t."dPend", 0), COALESCE(t."dPost", 0), COALESCE(t."cPend", 0), COALESCE(t."cPost", 0),
		                    COALESCE(s."dPend", 0), COALESCE(s."dPost", 0), COALESCE(s."cPend", 0), COALESCE(s."cPost", 0)]::bigint[]
		 FROM (SELECT "summaryKey", "currency", "kind", "reason", SUM("debitsPending") AS "dPend",
		              SUM("debitsPosted") AS "dPost", SUM("creditsPending") AS "cPend", SUM("creditsPosted") AS "cPost"
		       FROM "LedgerSummaryTotal" GROUP BY 1, 2, 3, 4) t
		 FULL JOIN (SELECT a."summaryKey", a."currency", a."kind", r."reason", SUM(r."dPend") AS "dPend",
		                   SUM(r."dPost") AS "dPost", SUM(r."cPend") AS "cPend", SUM(r."cPost") AS "cPost"
		            FROM ledger_check_by_reason r JOIN "LedgerAccount" a ON a."id" = r."id"
		            WHERE a."summaryKey" IS NOT NULL
		            GROUP BY 1, 2, 3, 4) s
		   ON s."summaryKey" = t."summaryKey" AND s."currency" = t."currency" AND s."kind" = t."kind"
		  AND s."reason" = t."reason"
		 WHERE COALESCE(t."dPend", 0) <> COALESCE(s."dPend", 0) OR COALESCE(t."dPost", 0) <> COALESCE(s."dPost", 0)
		    OR COALESCE(t."cPend", 0) <> COALESCE(s."cPend", 0) OR COALESCE(t."cPost", 0) <> COALESCE(s."cPost", 0)
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 6, 'FLAGGED_ACCOUNT_NEGATIVE', "id", "name", ARRAY[]::bigint[]
		 FROM "LedgerAccount"
		 WHERE ("debitsMustNotExceedCredits" AND "debitsPending" + "debitsPosted" > "creditsPosted")
		    OR ("creditsMustNotExceedDebits" AND "creditsPending" + "creditsPosted" > "debitsPosted")
		    OR "debitsPending" < 0 OR "debitsPosted" < 0 OR "creditsPending" < 0 OR "creditsPosted" < 0
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 7, 'PENDING_TOTAL_WRONG', a."id", a."name",
		        ARRAY[a."debitsPending", a."creditsPending", COALESCE(h."debits", 0), COALESCE(h."credits", 0)]::bigint[]
		 FROM "LedgerAccount" a
		 LEFT JOIN holds h ON h."id" = a."id"
		 WHERE a."debitsPending" <> COALESCE(h."debits", 0) OR a."creditsPending" <> COALESCE(h."credits", 0)
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 8, 'HOLD_RESOLVED_TWICE', "pendingId", NULL, ARRAY[COUNT(*)]::bigint[]
		 FROM "LedgerTransfer"
		 -- Read only when the join of holds and resolutions has more rows than there are holds (a hold matched twice), or
		 -- some transfer naming a hold matched none (two could name the same transfer that is not a hold).
		 WHERE "pendingId" IS NOT NULL
		   AND (SELECT COALESCE(SUM("rows"), 0) <> ${holdCount} OR COALESCE(SUM("matched"), 0) <> ${resolutions}
		        FROM holds_by_pair)
		 GROUP BY "pendingId" HAVING COUNT(*) > 1
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 9, 'BAD_RESOLUTION', "id", "phase"::text, ARRAY[]::bigint[]
		 FROM bad_resolutions
		 WHERE (SELECT COALESCE(SUM("wrong"), 0) > 0 OR COALESCE(SUM("matched"), 0) <> ${resolutions} FROM holds_by_pair)
		 ORDER BY 3 LIMIT ${LIMIT})
		UNION ALL
		(SELECT 10, 'CURRENCY_MISMATCH', t."id", t."currency"::text, ARRAY[]::bigint[]
		 FROM "LedgerTransfer" t
		 JOIN "LedgerAccount" d ON d."id" = t."debitAccountId"
		 JOIN "LedgerAccount" c ON c."id" = t."creditAccountId"
		 WHERE ${currencyMismatches} AND (t."currency" <> d."currency" OR t."currency" <> c."currency")
		 ORDER BY 3 LIMIT ${LIMIT})
		) AS problems ORDER BY "ord", "subject"`
		},
		{ timeout: CHECK_TIMEOUT_MS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
	)

	const problems = rows.map((row) => ({
		code: row.code,
		message: describe(
			row.code,
			row.subject,
			row.name,
			row.n.map((v) => BigInt(v)),
		),
	}))
	return { problems, transfers: transferCount, transfersRecounted }
}

function describe(code: LedgerProblem['code'], subject: string, name: string | null, n: bigint[]): string {
	switch (code) {
		case 'ENTRIES_DO_NOT_BALANCE':
			return `The ${subject.trim()} entries add up to ${n[0]} instead of zero.`
		case 'TRANSFER_UNBALANCED':
			return `Transfer ${subject} (${name}) has ${n[0]} entries adding up to ${n[1]}.`
		case 'ENTRY_ON_WRONG_ACCOUNT':
			return `Entry ${n[0]} of transfer ${subject} is on an account the transfer does not touch.`
		case 'CACHED_BALANCE_WRONG':
			return (
				`Account ${subject} (${name}) says debits ${n[0]} pending / ${n[1]} posted, credits ${n[2]} pending / ${n[3]} posted; ` +
				`its entries say ${n[4]} / ${n[5]}, ${n[6]} / ${n[7]}.`
			)
		case 'REASON_TOTAL_WRONG': {
			const [account, reason] = subject.split(' ')
			return (
				`Account ${account} says ${n[0]} debits and ${n[1]} credits posted for ${reason}; ` +
				`its entries say ${n[2]} and ${n[3]}.`
			)
		}
		case 'SUMMARY_TOTAL_WRONG': {
			const [key, currency, kind, reason] = subject.split(' ')
			return (
				`Summary ${key} (${currency} ${kind} accounts, ${reason}) says debits ${n[0]} pending / ${n[1]} posted, ` +
				`credits ${n[2]} pending / ${n[3]} posted; its accounts' entries say ${n[4]} / ${n[5]}, ${n[6]} / ${n[7]}.`
			)
		}
		case 'FLAGGED_ACCOUNT_NEGATIVE':
			return `Account ${subject} (${name}) is past the limit its flags set, or has a negative total.`
		case 'PENDING_TOTAL_WRONG':
			return (
				`Account ${subject} (${name}) has ${n[0]} debits and ${n[1]} credits pending, ` +
				`but its open holds come to ${n[2]} and ${n[3]}.`
			)
		case 'HOLD_RESOLVED_TWICE':
			return `Hold ${subject} was resolved ${n[0]} times.`
		case 'BAD_RESOLUTION':
			return `Transfer ${subject} (${name}) does not resolve a hold correctly (missing hold, other accounts, or too much).`
		case 'CURRENCY_MISMATCH':
			return `Transfer ${subject} is not in the currency of both its accounts (${name}).`
	}
}

export type LedgerCheckReport = {
	healthy: boolean
	accounts: number
	transfers: number
	problems: LedgerProblem[]
	text: string
}

/** checkLedger plus counts, and the text the CLI prints. */
export async function ledgerCheckReport(db: Db): Promise<LedgerCheckReport> {
	const { problems, transfers } = await checkLedgerInDetail(db)
	const accounts = await db.ledgerAccount.count()
	const text =
		problems.length === 0
			? `Ledger healthy: ${accounts} accounts, ${transfers} transfers`
			: [
					`Ledger has ${problems.length} problem${problems.length === 1 ? '' : 's'} (${accounts} accounts, ${transfers} transfers):`,
					...problems.map((p) => `  ${p.code}: ${p.message}`),
				].join('\n')
	return { healthy: problems.length === 0, accounts, transfers, problems, text }
}
