/**
 * What a funder sees: for each holder they fund, budgets allocated, spent, held and unspent; totals across all
 * of them; and an audit export of every movement of their money. Every query is scoped by the funder's id.
 */
import { Prisma } from '#app/generated/prisma/client.ts'
import { KNOWN_TO_FUNDER } from '#app/domain/people/join-requests.server.ts'
import { funderSummaryKey } from '#app/domain/ledger/ledger.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { toDecimal, toNumber } from './amounts.ts'
import { CsvNumber, csvLine, CSV_BOM } from './csv.ts'
import { initiatorText, reasonLabels } from './labels.ts'

export const FUNDER_PAGE_SIZE = 50

export type HolderFigures = {
	/** Allocations paid into the budget so far. */
	allocated: number
	/** Instalments still scheduled. */
	scheduled: number
	toppedUp: number
	spent: number
	held: number
	/** Available to spend now. */
	unspent: number
}

export type FunderHolderRow = HolderFigures & { id: string; displayName: string; town: string | null }

export type FunderOverview = {
	funder: { id: string; name: string; currency: string; instalmentDays: number; platformFeeBps: number }
	totals: HolderFigures & { holders: number }
	rows: FunderHolderRow[]
	page: number
	pageCount: number
	matching: number
	q: string
}

const ZERO: HolderFigures = { allocated: 0, scheduled: 0, toppedUp: 0, spent: 0, held: 0, unspent: 0 }

type FigureSums = Record<keyof HolderFigures, bigint | number | string | null>

function toFigures(sums: FigureSums): HolderFigures {
	return {
		allocated: toNumber(sums.allocated),
		scheduled: toNumber(sums.scheduled),
		toppedUp: toNumber(sums.toppedUp),
		spent: toNumber(sums.spent),
		held: toNumber(sums.held),
		unspent: toNumber(sums.unspent),
	}
}

/** A holder's two accounts (`a`): what their figures are read from. */
const HOLDER_ACCOUNT = Prisma.sql`a."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD')`

/** Allocated, added and spent: sums of posted totals by reason (`r`: per account, or per summary). */
const FLOW_SUMS = Prisma.sql`
	COALESCE(SUM(r."creditsPosted" - r."debitsPosted") FILTER (WHERE r."reason" = 'ALLOCATION'), 0) AS "allocated",
	COALESCE(SUM(r."creditsPosted" - r."debitsPosted") FILTER (WHERE r."reason" = 'TOP_UP'), 0) AS "toppedUp",
	COALESCE(SUM(r."debitsPosted" - r."creditsPosted") FILTER (WHERE r."reason" IN ('BOOKING', 'PLEDGE', 'FEE', 'REFUND')), 0) AS "spent"`

/**
 * Unspent and held: sums of the holder accounts' cached balances, from rows (`t`) with an account kind and the four
 * totals: the accounts themselves, or the ledger's summary of them.
 */
function balanceSums(t: 'a' | 'r') {
	const x = Prisma.raw(t)
	return Prisma.sql`
	COALESCE(SUM(CASE WHEN ${x}."kind" = 'HOLDER_BUDGET' THEN ${x}."creditsPosted" - ${x}."debitsPosted" - ${x}."debitsPending" ELSE 0 END), 0) AS "unspent",
	COALESCE(SUM(CASE WHEN ${x}."kind" = 'HOLDER_BUDGET' THEN ${x}."debitsPending" ELSE ${x}."creditsPosted" - ${x}."debitsPosted" END), 0) AS "held"`
}

/**
 * Figures per holder for the holders of `funderId` whose id is in `holderIds` (null: all). Allocated, added and
 * spent are the POSTED entries of the holder's two accounts by the transfer's reason, read from the ledger's posted
 * totals by reason (LedgerReasonTotal, ADR 030): a few rows a holder instead of every entry (a region's funder: ~70 s
 * summing entries).
 */
async function figures(funderId: string, holderIds: string[] | null): Promise<Map<string, HolderFigures>> {
	const inList = holderIds
		? Prisma.sql`AND h."id" IN (${Prisma.join(holderIds.length > 0 ? holderIds : [''])})`
		: Prisma.empty
	const rows = await prisma.$queryRaw<({ holderId: string } & FigureSums)[]>`
		WITH holders AS (
			SELECT h."id" FROM "BudgetHolder" h WHERE h."funderId" = ${funderId} ${inList}
		),
		flows AS (
			SELECT a."holderId", ${FLOW_SUMS}
			FROM "LedgerAccount" a
			JOIN "LedgerReasonTotal" r ON r."accountId" = a."id"
			WHERE a."holderId" IN (SELECT "id" FROM holders) AND ${HOLDER_ACCOUNT}
			GROUP BY a."holderId"
		),
		balances AS (
			SELECT a."holderId", ${balanceSums('a')}
			FROM "LedgerAccount" a
			WHERE a."holderId" IN (SELECT "id" FROM holders) AND ${HOLDER_ACCOUNT}
			GROUP BY a."holderId"
		),
		scheduled AS (
			SELECT al."holderId", SUM(i."amountPence") AS "scheduled"
			FROM "Instalment" i JOIN "Allocation" al ON al."id" = i."allocationId"
			WHERE al."funderId" = ${funderId} AND al."holderId" IN (SELECT "id" FROM holders) AND i."status" = 'SCHEDULED'
			GROUP BY al."holderId"
		)
		SELECT h."id" AS "holderId",
		  COALESCE(SUM(f."allocated"), 0)::bigint AS "allocated",
		  COALESCE(SUM(s."scheduled"), 0)::bigint AS "scheduled",
		  COALESCE(SUM(f."toppedUp"), 0)::bigint AS "toppedUp",
		  COALESCE(SUM(f."spent"), 0)::bigint AS "spent",
		  COALESCE(SUM(b."held"), 0)::bigint AS "held",
		  COALESCE(SUM(b."unspent"), 0)::bigint AS "unspent"
		FROM holders h
		LEFT JOIN flows f ON f."holderId" = h."id"
		LEFT JOIN balances b ON b."holderId" = h."id"
		LEFT JOIN scheduled s ON s."holderId" = h."id"
		GROUP BY 1`
	return new Map(rows.map((r) => [r.holderId, toFigures(r)]))
}

/**
 * The figures of all the funder's holders added up. The money ones are read from the ledger's summary of their
 * accounts (LedgerSummaryTotal, ADR 036: every holder account carries its funder's summary key), a few dozen rows
 * whatever the number of people, kept with every transfer and checked against the entries by `npm run ledger:check`;
 * the instalments still scheduled from the funder's own total (FunderScheduledTotal, kept by a trigger on every write
 * of an instalment). Summing every holder's accounts and every scheduled instalment instead took 0.5–0.7 s a request
 * at a region's size (docs/benchmarks.md, sessions 9 and 11). The same sums: funder-overview.server.test.ts checks them against `figures` added up.
 */
async function funderTotals(funderId: string): Promise<HolderFigures> {
	const [row] = await prisma.$queryRaw<FigureSums[]>`
		SELECT m."allocated"::bigint, m."toppedUp"::bigint, m."spent"::bigint, m."held"::bigint, m."unspent"::bigint,
		       s."scheduled"::bigint
		FROM (
			SELECT ${FLOW_SUMS}, ${balanceSums('r')}
			FROM "LedgerSummaryTotal" r
			WHERE r."summaryKey" = ${funderSummaryKey(funderId)} AND r."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD')
		) m, (
			SELECT COALESCE(SUM(t."amountPence"), 0) AS "scheduled"
			FROM "FunderScheduledTotal" t WHERE t."funderId" = ${funderId}
		) s`
	return row ? toFigures(row) : ZERO
}

/**
 * A page of the funder's people in name order. The page's ids first, from the index of the funder's names alone (it
 * holds joinRequestedAt too), then those 50 people: reading every person skipped from the table as well took 36 ms
 * instead of 11 for a page 80,000 people in at a region's size (docs/benchmarks.md, session 11).
 */
async function listedPage(funderId: string, skip: number) {
	const ids = await prisma.budgetHolder.findMany({
		where: { funderId, ...KNOWN_TO_FUNDER },
		orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
		skip,
		take: FUNDER_PAGE_SIZE,
		select: { id: true },
	})
	const people = await prisma.budgetHolder.findMany({
		where: { id: { in: ids.map((p) => p.id) } },
		select: { id: true, displayName: true, town: true },
	})
	const byId = new Map(people.map((p) => [p.id, p]))
	return ids.flatMap((p) => byId.get(p.id) ?? [])
}

/**
 * A page of the funder's people whose name contains `q` (case ignored), in name order. From 3 characters (a trigram)
 * the names are found first, through their trigram index, and only those are sorted: left to itself, PostgreSQL
 * walked the name-order index from the start and filtered every name until a page was full, 46–59 ms at a region's
 * size for a first name such as "Maria". Shorter words match most names and have no trigram to look up, so there
 * that walk is the quick way (0.9 ms for "a", against 70–89 ms sorting the 101,177 names found) (docs/benchmarks.md,
 * session 11).
 */
async function searchedPage(funderId: string, q: string, skip: number) {
	type Row = { id: string; displayName: string; town: string | null }
	if (q.length < 3) {
		return prisma.$queryRaw<Row[]>`
			SELECT h."id", h."displayName", h."town" FROM "BudgetHolder" h WHERE ${namedLike(funderId, q)}
			ORDER BY h."displayName", h."id" OFFSET ${skip} LIMIT ${FUNDER_PAGE_SIZE}`
	}
	return prisma.$queryRaw<Row[]>`
		WITH named AS MATERIALIZED (
			SELECT h."id", h."displayName", h."town" FROM "BudgetHolder" h WHERE ${namedLike(funderId, q)}
		)
		SELECT "id", "displayName", "town" FROM named ORDER BY "displayName", "id" OFFSET ${skip} LIMIT ${FUNDER_PAGE_SIZE}`
}

/** How many of the funder's people have `q` in their name, by the same condition as the page. */
async function countNamed(funderId: string, q: string): Promise<number> {
	const [row] = await prisma.$queryRaw<{ n: number }[]>`
		SELECT COUNT(*)::int AS "n" FROM "BudgetHolder" h WHERE ${namedLike(funderId, q)}`
	return row?.n ?? 0
}

/**
 * The funder's people (known to it: KNOWN_TO_FUNDER, joinRequestedAt null) whose name contains `q` as typed, case
 * ignored: `%` and `_` in it are matched as themselves.
 */
function namedLike(funderId: string, q: string) {
	const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`
	return Prisma.sql`h."funderId" = ${funderId} AND h."joinRequestedAt" IS NULL AND h."displayName" ILIKE ${pattern}`
}

export async function getFunderOverview(
	funderId: string,
	options: { page?: number; q?: string } = {},
): Promise<FunderOverview | null> {
	const funder = await prisma.funder.findUnique({
		where: { id: funderId },
		select: { id: true, name: true, currency: true, instalmentDays: true, platformFeeBps: true },
	})
	if (!funder) return null
	const q = options.q?.trim() ?? ''
	// Without a search, the people matching are all the funder's people: counted once (at a region's size, each count
	// reads 106,345 index entries).
	const [holders, matching, all] = await Promise.all([
		prisma.budgetHolder.count({ where: { funderId, ...KNOWN_TO_FUNDER } }),
		q ? countNamed(funderId, q) : null,
		funderTotals(funderId),
	])
	const pageCount = Math.max(1, Math.ceil((matching ?? holders) / FUNDER_PAGE_SIZE))
	const page = Math.min(Math.max(1, options.page ?? 1), pageCount)
	const skip = (page - 1) * FUNDER_PAGE_SIZE
	const pageHolders = q ? await searchedPage(funderId, q, skip) : await listedPage(funderId, skip)
	const byHolder = await figures(
		funderId,
		pageHolders.map((h) => h.id),
	)
	return {
		funder,
		totals: { ...all, holders },
		rows: pageHolders.map((h) => ({ ...h, ...(byHolder.get(h.id) ?? ZERO) })),
		page,
		pageCount,
		matching: matching ?? holders,
		q,
	}
}

/**
 * Every holder of the funder (with any money) and their figures: what the funder's view (app/domain/funders) adds up
 * and counts people from.
 */
export async function figuresByHolder(funderId: string): Promise<Map<string, HolderFigures>> {
	return figures(funderId, null)
}

/** What a holder spent on one booking or one group-activity pledge (both null: anything else spent). */
export type SpendingRow = { holderId: string; bookingId: string | null; pledgeId: string | null; spent: number }

type SpendingSqlRow = { holderId: string; bookingId: string | null; pledgeId: string | null; spent: bigint | number }

/**
 * The funder's holders' spending, split by what it paid for: the same entries as `spent` in the figures above (posted,
 * on the holder's two accounts, for bookings, pledges, fees and refunds), grouped by holder, booking and pledge. Net
 * of refunds; rows that net to nothing are left out. Adds up to the figures' `spent`.
 */
export async function spendingByPurchase(funderId: string): Promise<SpendingRow[]> {
	const rows = await prisma.$queryRaw<SpendingSqlRow[]>`
		SELECT a."holderId", t."bookingId", t."pledgeId", (-SUM(e."amount"))::bigint AS "spent"
		FROM "LedgerAccount" a
		JOIN "LedgerEntry" e ON e."accountId" = a."id"
		JOIN "LedgerTransfer" t ON t."id" = e."transferId"
		WHERE a."holderId" IN (SELECT h."id" FROM "BudgetHolder" h WHERE h."funderId" = ${funderId})
		  AND a."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD')
		  AND e."phase" = 'POSTED' AND t."reason" IN ('BOOKING', 'PLEDGE', 'FEE', 'REFUND')
		GROUP BY a."holderId", t."bookingId", t."pledgeId"
		HAVING SUM(e."amount") <> 0
		ORDER BY a."holderId", t."bookingId", t."pledgeId"`
	return rows.map((r) => ({
		holderId: r.holderId,
		bookingId: r.bookingId,
		pledgeId: r.pledgeId,
		spent: toNumber(r.spent),
	}))
}

/** The holders a funder's staff may allocate to, for the allocation form. */
export async function funderHolders(funderId: string) {
	return prisma.budgetHolder.findMany({
		where: { funderId, ...KNOWN_TO_FUNDER },
		orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
		select: { id: true, displayName: true, town: true },
	})
}

// ───────────────────────────── The audit export ─────────────────────────────

export const FUNDER_CSV_HEADER = [
	'Date and time (UTC)',
	'Transfer',
	'Budget holder',
	'Kind',
	'What happened',
	'Budget line',
	'Amount',
	'Currency',
	'Stage',
	'From account',
	'To account',
	'Done by',
	'On behalf of',
	'Resolves hold',
	'Idempotency key',
] as const

const stageLabels: Record<string, string> = {
	SINGLE: 'Paid',
	PENDING: 'Held',
	POST_PENDING: 'Hold paid',
	VOID_PENDING: 'Hold released',
	EXPIRE_PENDING: 'Hold ran out',
}

type AuditRow = {
	id: string
	createdAt: Date
	holderName: string | null
	reason: keyof typeof reasonLabels
	description: string
	lineName: string | null
	amount: bigint | number | string
	currency: string
	phase: string
	debitName: string
	creditName: string
	initiatorRole: Parameters<typeof initiatorText>[0]
	initiatorName: string | null
	onBehalfOfName: string | null
	pendingId: string | null
	idempotencyKey: string
}

const BATCH = 1000

/**
 * Every ledger transfer touching this funder's source account or the accounts of the holders it funds, oldest
 * first, as CSV, streamed in batches (keyset pagination on createdAt and id) so a large funder never needs the
 * whole file in memory.
 */
export function funderAuditCsv(funderId: string): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder()
	let after: { createdAt: Date; id: string } | null = null
	let started = false
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true
				controller.enqueue(encoder.encode(CSV_BOM + csvLine(FUNDER_CSV_HEADER)))
				return
			}
			const cursor = after ? Prisma.sql`AND (t."createdAt", t."id") > (${after.createdAt}, ${after.id})` : Prisma.empty
			const rows = await prisma.$queryRaw<AuditRow[]>`
				WITH accounts AS (
					SELECT a."id" FROM "LedgerAccount" a
					WHERE a."funderId" = ${funderId}
					   OR a."holderId" IN (SELECT h."id" FROM "BudgetHolder" h WHERE h."funderId" = ${funderId})
				)
				SELECT t."id", t."createdAt", COALESCE(oh."displayName", dh."displayName", ch."displayName") AS "holderName",
				       t."reason"::text AS "reason", t."description", bl."name" AS "lineName", t."amount", t."currency",
				       t."phase"::text AS "phase", d."name" AS "debitName", c."name" AS "creditName",
				       t."initiatorRole"::text AS "initiatorRole", u."name" AS "initiatorName", oh."displayName" AS "onBehalfOfName",
				       t."pendingId", t."idempotencyKey"
				FROM "LedgerTransfer" t
				JOIN "LedgerAccount" d ON d."id" = t."debitAccountId"
				JOIN "LedgerAccount" c ON c."id" = t."creditAccountId"
				LEFT JOIN "BudgetHolder" dh ON dh."id" = d."holderId"
				LEFT JOIN "BudgetHolder" ch ON ch."id" = c."holderId"
				LEFT JOIN "BudgetHolder" oh ON oh."id" = t."onBehalfOfId"
				LEFT JOIN "BudgetLine" bl ON bl."id" = t."budgetLineId"
				LEFT JOIN "User" u ON u."id" = t."initiatedById"
				WHERE (t."debitAccountId" IN (SELECT "id" FROM accounts) OR t."creditAccountId" IN (SELECT "id" FROM accounts))
				${cursor}
				ORDER BY t."createdAt", t."id"
				LIMIT ${BATCH}`
			if (rows.length === 0) {
				controller.close()
				return
			}
			const last = rows[rows.length - 1]!
			after = { createdAt: last.createdAt, id: last.id }
			const text = rows
				.map((r) => {
					const currency = r.currency.trim()
					return csvLine([
						r.createdAt.toISOString(),
						r.id,
						r.holderName,
						reasonLabels[r.reason],
						r.description,
						r.lineName,
						new CsvNumber(toDecimal(BigInt(r.amount), currency)),
						currency,
						stageLabels[r.phase] ?? r.phase,
						r.debitName,
						r.creditName,
						initiatorText(r.initiatorRole, r.initiatorName),
						r.onBehalfOfName,
						r.pendingId,
						r.idempotencyKey,
					])
				})
				.join('')
			controller.enqueue(encoder.encode(text))
		},
	})
}

/** The funder's settings the allocation form needs. */
export async function funderSettings(funderId: string) {
	return prisma.funder.findUnique({
		where: { id: funderId },
		select: { id: true, name: true, currency: true, instalmentDays: true, platformFeeBps: true, scheme: true },
	})
}
