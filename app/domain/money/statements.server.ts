/**
 * A holder's statement: every movement on their budget and held accounts, in the words written when the money
 * moved ("£56.00 paid to Amina Shah for 4 hours on 3 March"), with filters by month and by category (a budget
 * line of the plan, "not against a line", or money in), a page at a time, and as CSV.
 */
import type { Prisma } from '#app/generated/prisma/client.ts'
import { isoDay, monthRange } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { toDecimal, toNumber } from './amounts.ts'
import { CsvNumber, type CsvValue, toCsv } from './csv.ts'
import { type HolderAccountsView, viewHolderAccounts } from './holder-money.server.ts'
import { initiatorText, reasonLabels } from './labels.ts'
import { type StatementRow, statementRow, totalsOf } from './statement.ts'

/** "in" = money in (budget and top-ups); "none" = not against a budget line; otherwise a budget line id. */
export type StatementFilter = { month?: string | null; category?: string | null }

export const STATEMENT_PAGE_SIZE = 50

/** The holder's accounts that are open (none before money first moves for them). */
function openIds(accounts: HolderAccountsView): string[] {
	return [accounts.budgetId, accounts.heldId].filter((id) => id !== null)
}

function whereFor(accounts: HolderAccountsView, filter: StatementFilter): Prisma.LedgerTransferWhereInput {
	const ids = openIds(accounts)
	const where: Prisma.LedgerTransferWhereInput = {
		OR: [{ debitAccountId: { in: ids } }, { creditAccountId: { in: ids } }],
	}
	const range = filter.month ? monthRange(filter.month) : null
	if (range) where.createdAt = { gte: range.from, lt: range.to }
	if (filter.category === 'in') where.reason = { in: ['ALLOCATION', 'TOP_UP'] }
	else if (filter.category === 'none')
		where.AND = [{ budgetLineId: null }, { reason: { notIn: ['ALLOCATION', 'TOP_UP'] } }]
	else if (filter.category) where.budgetLineId = filter.category
	return where
}

/**
 * Every movement matching the filter, newest first. A holder's movements in a year are a few hundred rows, so the
 * page, its totals and the CSV all work from the full list (one query).
 */
async function rowsFor(holderId: string, filter: StatementFilter, known?: HolderAccountsView) {
	const accounts = known ?? (await viewHolderAccounts(prisma, holderId))
	const ids = openIds(accounts)
	if (ids.length === 0) return { accounts, rows: [] }
	const transfers = await prisma.ledgerTransfer.findMany({
		where: whereFor(accounts, filter),
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: {
			id: true,
			createdAt: true,
			phase: true,
			reason: true,
			description: true,
			currency: true,
			debitAccountId: true,
			creditAccountId: true,
			budgetLineId: true,
			initiatorRole: true,
			budgetLine: { select: { name: true } },
			initiatedBy: { select: { name: true } },
			entries: { where: { accountId: { in: ids } }, select: { accountId: true, phase: true, amount: true } },
		},
	})
	const rows = transfers.map((t) =>
		statementRow(
			{
				...t,
				currency: t.currency.trim(),
				lineName: t.budgetLine?.name ?? null,
				initiatorName: t.initiatedBy?.name ?? null,
			},
			accounts,
		),
	)
	return { accounts, rows }
}

export type StatementRowView = {
	id: string
	date: string
	description: string
	category: string
	by: string
	kind: StatementRow['kind']
	moneyIn: number
	moneyOut: number
	heldChange: number
}

export type StatementView = {
	currency: string
	rows: StatementRowView[]
	/** Totals over every movement matching the filter (not only this page). */
	totals: { moneyIn: number; moneyOut: number; heldChange: number }
	count: number
	page: number
	pageCount: number
	/** Months with movements, newest first ("2026-03"), for the month filter. */
	months: string[]
}

function categoryOf(row: StatementRow): string {
	if (row.reason === 'ALLOCATION' || row.reason === 'TOP_UP') return reasonLabels[row.reason]
	return row.lineName ?? 'Not against a budget line'
}

function view(row: StatementRow): StatementRowView {
	return {
		id: row.id,
		date: row.createdAt.toISOString(),
		description: row.description,
		category: categoryOf(row),
		by: initiatorText(row.initiatorRole, row.initiatorName),
		kind: row.kind,
		moneyIn: toNumber(row.moneyIn),
		moneyOut: toNumber(row.moneyOut),
		heldChange: toNumber(row.heldChange),
	}
}

export async function getStatement(
	holderId: string,
	filter: StatementFilter,
	page = 1,
	/** The holder's accounts, when the caller has just read them (getHolderMoneyWith). */
	knownAccounts?: HolderAccountsView,
): Promise<StatementView> {
	// The accounts are read once for both (issue 14).
	const known = knownAccounts ?? (await viewHolderAccounts(prisma, holderId))
	const [{ accounts, rows }, months] = await Promise.all([
		rowsFor(holderId, filter, known),
		statementMonths(holderId, known),
	])
	const pageCount = Math.max(1, Math.ceil(rows.length / STATEMENT_PAGE_SIZE))
	const current = Math.min(Math.max(1, page), pageCount)
	const totals = totalsOf(rows)
	return {
		currency: accounts.currency,
		rows: rows.slice((current - 1) * STATEMENT_PAGE_SIZE, current * STATEMENT_PAGE_SIZE).map(view),
		totals: {
			moneyIn: toNumber(totals.moneyIn),
			moneyOut: toNumber(totals.moneyOut),
			heldChange: toNumber(totals.heldChange),
		},
		count: rows.length,
		page: current,
		pageCount,
		months,
	}
}

/** The months in which this holder's money moved, newest first. */
export async function statementMonths(holderId: string, known?: HolderAccountsView): Promise<string[]> {
	const accounts = known ?? (await viewHolderAccounts(prisma, holderId))
	if (openIds(accounts).length === 0) return []
	const rows = await prisma.$queryRaw<{ month: string }[]>`
		SELECT DISTINCT to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS "month"
		FROM "LedgerTransfer"
		WHERE "debitAccountId" IN (${accounts.budgetId}, ${accounts.heldId}) OR "creditAccountId" IN (${accounts.budgetId}, ${accounts.heldId})
		ORDER BY 1 DESC`
	return rows.map((r) => r.month)
}

export const STATEMENT_CSV_HEADER = [
	'Date',
	'What happened',
	'Category',
	'Done by',
	'Money in',
	'Money out',
	'Change in money held',
	'Currency',
	'Reference',
] as const

/** The statement as CSV: every movement matching the filter, oldest first, amounts as plain decimals. */
export async function statementCsv(holderId: string, filter: StatementFilter): Promise<string> {
	const { accounts, rows } = await rowsFor(holderId, filter)
	const currency = accounts.currency
	const amount = (n: bigint) => (n === 0n ? '' : new CsvNumber(toDecimal(n, currency)))
	const lines: CsvValue[][] = rows
		.slice()
		.reverse()
		.map((r) => [
			isoDay(r.createdAt),
			r.description,
			categoryOf(r),
			initiatorText(r.initiatorRole, r.initiatorName),
			amount(r.moneyIn),
			amount(r.moneyOut),
			amount(r.heldChange),
			currency,
			r.id,
		])
	return toCsv(STATEMENT_CSV_HEADER, lines)
}
