/**
 * A holder's money, plan-aware: balances (available, held, spent), spending and holds by budget line, what
 * ring-fenced lines keep aside, and upcoming instalments. Also the one way to reserve money from a holder's
 * budget (reserveForSpending), which applies the ring-fence rule inside the same transaction as the hold.
 */
import {
	ensureHolderAccounts,
	formatMoney,
	type Initiator,
	reserve,
	type TransferOutcome,
} from '#app/domain/ledger/ledger.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { type Db, inTransaction, lockName, type Tx } from '#app/utils/transaction.server.ts'
import { toNumber } from './amounts.ts'
import { MoneyError } from './errors.ts'
import { checkSpend, type LineUse, setAside } from './ring-fence.ts'

export type HolderAccounts = { budgetId: string; heldId: string; currency: string }

/** The holder's budget and held accounts (opened on first use, in the funder's currency). */
export async function holderAccounts(db: Db, holderId: string): Promise<HolderAccounts> {
	const { budget, held } = await ensureHolderAccounts(db, holderId)
	return { budgetId: budget.id, heldId: held.id, currency: budget.currency.trim() }
}

/**
 * The holder's two accounts as they stand, for pages (issue 14): read only. A page never opens them (that took an
 * advisory lock and a transaction on every GET); they are opened, by holderAccounts, when money first moves for the
 * holder. An account not opened yet has a null id, which reads as one with nothing on it, as a new one would.
 */
export type HolderAccountsView = { budgetId: string | null; heldId: string | null; currency: string }

type HolderAccountRow = {
	id: string
	displayName: string
	funderName: string
	funderCurrency: string
	accountId: string | null
	kind: 'HOLDER_BUDGET' | 'HOLDER_HELD' | null
	currency: string | null
} & Record<'creditsPosted' | 'debitsPosted' | 'debitsPending', bigint | number | string | null>

/**
 * The holder (name, funder) with their accounts and balances, or null when there is no such holder. One query
 * (issue 14; the holder, their funder and their accounts took three): a row for each account, or one with no
 * account when none is open yet.
 */
async function readHolderWithAccounts(db: Db, holderId: string) {
	const rows = await db.$queryRaw<HolderAccountRow[]>`
		SELECT h."id", h."displayName", f."name" AS "funderName", f."currency" AS "funderCurrency",
		  a."id" AS "accountId", a."kind"::text AS "kind", a."currency",
		  a."creditsPosted", a."debitsPosted", a."debitsPending"
		FROM "BudgetHolder" h
		JOIN "Funder" f ON f."id" = h."funderId"
		LEFT JOIN "LedgerAccount" a ON a."holderId" = h."id" AND a."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD')
		WHERE h."id" = ${holderId}`
	const first = rows[0]
	const holder = first && {
		id: first.id,
		displayName: first.displayName,
		funder: { name: first.funderName, currency: first.funderCurrency },
		accounts: rows.flatMap((r) =>
			r.accountId && r.kind && r.currency
				? [
						{
							id: r.accountId,
							kind: r.kind,
							currency: r.currency,
							creditsPosted: BigInt(r.creditsPosted ?? 0),
							debitsPosted: BigInt(r.debitsPosted ?? 0),
							debitsPending: BigInt(r.debitsPending ?? 0),
						},
					]
				: [],
		),
	}
	if (!holder) return null
	// The accounts in the funder's currency, as holderAccounts finds them (one of each kind: a unique index).
	const currency = holder.funder.currency
	const own = holder.accounts.filter((a) => a.currency === currency)
	const budget = own.find((a) => a.kind === 'HOLDER_BUDGET') ?? null
	const held = own.find((a) => a.kind === 'HOLDER_HELD') ?? null
	const accounts: HolderAccountsView = {
		budgetId: budget?.id ?? null,
		heldId: held?.id ?? null,
		currency: currency.trim(),
	}
	return { holder, accounts, budget, held }
}

/** The holder's accounts, read only (see HolderAccountsView); throws when there is no such holder. */
export async function viewHolderAccounts(db: Db, holderId: string): Promise<HolderAccountsView> {
	const found = await readHolderWithAccounts(db, holderId)
	if (!found) throw new MoneyError('NOT_FOUND', 'We could not find that budget holder.')
	return found.accounts
}

/** The currency of the holder's budget (their funder's). */
export async function holderCurrency(holderId: string): Promise<string> {
	const holder = await prisma.budgetHolder.findUnique({
		where: { id: holderId },
		select: { funder: { select: { currency: true } } },
	})
	if (!holder) throw new MoneyError('NOT_FOUND', 'We could not find that budget holder.')
	return holder.funder.currency.trim()
}

/** Sums over the entries on a holder's two accounts, by budget line (null: not against a line). */
export type LineTotals = {
	lineId: string | null
	/** Allocations received (posted). */
	allocated: number
	/** The holder's own top-ups (posted). */
	toppedUp: number
	/** Spent on bookings, pledges and fees, net of refunds (posted). */
	spent: number
	/** Set aside for bookings and pledges not yet paid. */
	held: number
	/** Anything else that left or came back: corrections. */
	other: number
}

type UsageRow = { lineId: string | null } & Record<
	'allocated' | 'toppedUp' | 'spent' | 'held' | 'other',
	bigint | number | string
>

export async function usageByLine(db: Db, accounts: HolderAccounts | HolderAccountsView): Promise<LineTotals[]> {
	const { budgetId, heldId } = accounts
	if (budgetId === null && heldId === null) return []
	const rows = await db.$queryRaw<UsageRow[]>`
		SELECT t."budgetLineId" AS "lineId",
		  COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND t."reason" = 'ALLOCATION'), 0)::bigint AS "allocated",
		  COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND t."reason" = 'TOP_UP'), 0)::bigint AS "toppedUp",
		  COALESCE(-SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND t."reason" IN ('BOOKING', 'PLEDGE', 'FEE', 'REFUND')), 0)::bigint AS "spent",
		  COALESCE(-SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND t."reason" IN ('CORRECTION', 'PAYOUT')), 0)::bigint AS "other",
		  COALESCE(SUM(CASE
		    WHEN e."accountId" = ${budgetId} AND e."phase" = 'PENDING' AND t."debitAccountId" = ${budgetId} THEN -e."amount"
		    WHEN e."accountId" = ${heldId} AND e."phase" = 'POSTED' THEN e."amount"
		    ELSE 0 END), 0)::bigint AS "held"
		FROM "LedgerEntry" e JOIN "LedgerTransfer" t ON t."id" = e."transferId"
		WHERE e."accountId" IN (${budgetId}, ${heldId})
		GROUP BY t."budgetLineId"`
	return rows.map((r) => ({
		lineId: r.lineId,
		allocated: toNumber(r.allocated),
		toppedUp: toNumber(r.toppedUp),
		spent: toNumber(r.spent),
		held: toNumber(r.held),
		other: toNumber(r.other),
	}))
}

/** The agreed plan now in force (the latest agreed), with its lines. */
export async function agreedPlan(db: Db, holderId: string) {
	return db.supportPlan.findFirst({
		where: { holderId, status: 'AGREED' },
		orderBy: { startsOn: 'desc' },
		select: {
			id: true,
			startsOn: true,
			endsOn: true,
			lines: {
				select: { id: true, name: true, amountPence: true, ringFenced: true, categorySlug: true },
				orderBy: { name: 'asc' },
			},
		},
	})
}

/**
 * The budget line of the holder's agreed plan for a category of support (the first line with that category), or
 * null: what a booking is recorded against unless the person chooses another line.
 */
export async function lineForCategory(holderId: string, categorySlug: string, db: Db = prisma): Promise<string | null> {
	const plan = await agreedPlan(db, holderId)
	return plan?.lines.find((l) => l.categorySlug === categorySlug)?.id ?? null
}

type Plan = NonNullable<Awaited<ReturnType<typeof agreedPlan>>>

function lineUses(plan: Plan | null, usage: LineTotals[]): LineUse[] {
	const byLine = new Map(usage.map((u) => [u.lineId, u]))
	return (plan?.lines ?? []).map((line) => ({
		id: line.id,
		name: line.name,
		amount: line.amountPence,
		ringFenced: line.ringFenced,
		spent: byLine.get(line.id)?.spent ?? 0,
		held: byLine.get(line.id)?.held ?? 0,
	}))
}

/** What the holder's budget has free to spend now: posted credits less posted and pending debits. */
export async function availableOf(db: Db, budgetId: string): Promise<number> {
	const budget = await db.ledgerAccount.findUniqueOrThrow({
		where: { id: budgetId },
		select: { creditsPosted: true, debitsPosted: true, debitsPending: true },
	})
	return toNumber(budget.creditsPosted - budget.debitsPosted - budget.debitsPending)
}

// ───────────────────────────── Reserving money ─────────────────────────────

export type ReserveForSpendingInput = {
	holderId: string
	amount: number
	/** The budget line this is for, from the holder's agreed plan; null when it is for none. */
	budgetLineId: string | null
	idempotencyKey: string
	/** Plain English, for the statement: "£56.00 set aside for 4 hours with Amina Shah on 3 March". */
	description: string
	initiator: Initiator
	/** Released automatically after this long if nobody pays or releases it. */
	timeoutSeconds?: number | null
	bookingId?: string | null
	pledgeId?: string | null
	reason?: 'BOOKING' | 'PLEDGE'
	/**
	 * Where the money is held: the holder's held account (default), or another account, e.g. a commission's
	 * (COMMISSION_HELD): a pledge is held straight into it, so confirming is one post per pledge.
	 */
	creditAccountId?: string
}

/**
 * Puts money on hold from the holder's budget into their held account (a pending transfer), against a budget line.
 * Lines do not block: going over a line is fine. A ring-fenced line does: money it keeps aside can only be held
 * for that line. The check and the hold run in one transaction, under a per-holder lock, so two bookings at once
 * cannot both use the same money. A retry with the same key returns the first hold.
 *
 * Issue 5 (bookings) and pledges call this for every reservation; resolve the hold with postPending/voidPending
 * from the ledger, then pay the provider (payFromHold in payouts.server.ts).
 */
export async function reserveForSpending(db: Db, input: ReserveForSpendingInput): Promise<TransferOutcome> {
	if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
		throw new MoneyError('INVALID', 'The amount must be a whole number of pence, more than zero.')
	}
	return inTransaction(db, async (tx) => {
		await lockName(tx, `holder-spending:${input.holderId}`)
		const accounts = await holderAccounts(tx, input.holderId)
		// A retry of a hold already made: the ledger returns it (and refuses a different request with this key).
		const earlier = await tx.ledgerTransfer.findUnique({
			where: { idempotencyKey: input.idempotencyKey },
			select: { id: true },
		})
		if (!earlier) await checkRingFence(tx, input.holderId, accounts, input.amount, input.budgetLineId)
		return reserve(tx, {
			idempotencyKey: input.idempotencyKey,
			debitAccountId: accounts.budgetId,
			creditAccountId: input.creditAccountId ?? accounts.heldId,
			amount: input.amount,
			currency: accounts.currency,
			reason: input.reason ?? 'BOOKING',
			description: input.description,
			initiator: input.initiator,
			onBehalfOfHolderId: input.holderId,
			budgetLineId: input.budgetLineId,
			bookingId: input.bookingId ?? null,
			pledgeId: input.pledgeId ?? null,
			timeoutSeconds: input.timeoutSeconds ?? null,
		})
	})
}

/** Throws a MoneyError (RING_FENCED or INSUFFICIENT_FUNDS) unless `amount` may be spent against `lineId`. */
export async function checkRingFence(
	tx: Tx,
	holderId: string,
	accounts: HolderAccounts,
	amount: number,
	lineId: string | null,
	/** The plan and the budget's free money, when the caller has just read them (read here otherwise). */
	known?: { plan: Awaited<ReturnType<typeof agreedPlan>>; available: number },
): Promise<void> {
	const plan = known ? known.plan : await agreedPlan(tx, holderId)
	if (lineId !== null && !plan?.lines.some((l) => l.id === lineId)) {
		throw new MoneyError('INVALID', 'Choose a budget line from the agreed support plan.', { field: 'budgetLineId' })
	}
	const usage = await usageByLine(tx, accounts)
	const available = known ? known.available : await availableOf(tx, accounts.budgetId)
	const received = usage.reduce((sum, u) => sum + u.allocated, 0)
	const state = { lines: lineUses(plan, usage), received, available }
	const check = checkSpend(state, amount, lineId)
	if (check.ok) return
	const money = (n: number) => formatMoney(n, accounts.currency)
	if (check.protectedBy.length === 0 || amount > available) {
		throw new MoneyError(
			'INSUFFICIENT_FUNDS',
			`There is not enough money available: ${money(available)} available, ${money(amount)} needed.`,
		)
	}
	const kept = check.protectedBy.map((p) => `${money(p.amount)} for ${p.name}`).join(' and ')
	throw new MoneyError(
		'RING_FENCED',
		`The funder has set aside ${kept}, so only ${money(check.spendable)} can be spent on this. ` +
			`If this is for ${check.protectedBy.map((p) => p.name).join(' or ')}, choose that budget line.`,
		{ field: 'budgetLineId' },
	)
}

// ───────────────────────────── The holder's money page ─────────────────────────────

export type LineSummary = {
	id: string
	name: string
	amount: number
	ringFenced: boolean
	spent: number
	held: number
	/** The line's amount less what was spent or is held on it (negative: over the line, which is allowed). */
	left: number
	/** For a ring-fenced line: what it keeps aside now. */
	setAside: number
}

export type HolderMoney = {
	holder: { id: string; displayName: string; funderName: string }
	currency: string
	available: number
	held: number
	spent: number
	allocated: number
	toppedUp: number
	other: number
	plan: { id: string; startsOn: Date; endsOn: Date | null; lines: LineSummary[] } | null
	/** Spending and holds not against any line of the current plan. */
	unassigned: { spent: number; held: number }
	upcoming: { id: string; dueOn: Date; amount: number; funderName: string }[]
}

/** Everything the holder's money page shows above the statement. Callers check the VIEW right first. */
export async function getHolderMoney(holderId: string, now = clockNow()): Promise<HolderMoney | null> {
	// The holder, their funder, their accounts and the accounts' balances, without opening any (a page only reads).
	const found = await readHolderWithAccounts(prisma, holderId)
	return found ? holderMoneyOf(found, now) : null
}

/**
 * The money page's two halves from one read of the holder's accounts (issue 14): the statement was reading them
 * again. `statementOf` is getStatement given those accounts.
 */
export async function getHolderMoneyWith<T>(
	holderId: string,
	statementOf: (accounts: HolderAccountsView) => Promise<T>,
	now = clockNow(),
): Promise<{ money: HolderMoney; statement: T } | null> {
	const found = await readHolderWithAccounts(prisma, holderId)
	if (!found) return null
	const [money, statement] = await Promise.all([holderMoneyOf(found, now), statementOf(found.accounts)])
	return { money, statement }
}

type FoundHolder = NonNullable<Awaited<ReturnType<typeof readHolderWithAccounts>>>

/** What the holder may spend now, and what is held (pending on the budget, or moved to the held account). */
function balancesOf({ budget, held }: Pick<FoundHolder, 'budget' | 'held'>) {
	return {
		available: budget ? toNumber(budget.creditsPosted - budget.debitsPosted - budget.debitsPending) : 0,
		held: (budget ? toNumber(budget.debitsPending) : 0) + (held ? toNumber(held.creditsPosted - held.debitsPosted) : 0),
	}
}

/**
 * A holder's balances only (available and held, as getHolderMoney gives them), for a card that shows no more (a
 * helper's home, issue 14): the holder and their accounts, without the spending by line, plan and instalments.
 */
export async function getHolderBalances(
	holderId: string,
): Promise<{ currency: string; available: number; held: number } | null> {
	const found = await readHolderWithAccounts(prisma, holderId)
	return found ? { currency: found.accounts.currency, ...balancesOf(found) } : null
}

async function holderMoneyOf(found: FoundHolder, now: Date): Promise<HolderMoney> {
	const { holder, accounts } = found
	const holderId = holder.id
	const [usage, plan, upcoming] = await Promise.all([
		usageByLine(prisma, accounts),
		agreedPlan(prisma, holderId),
		upcomingInstalments(prisma, holderId, now),
	])
	const { available, held } = balancesOf(found)
	const sum = (key: keyof Omit<LineTotals, 'lineId'>) => usage.reduce((total, u) => total + u[key], 0)
	const uses = lineUses(plan, usage)
	const aside = setAside({ lines: uses, received: sum('allocated'), available })
	const planLineIds = new Set(uses.map((u) => u.id))
	const unassigned = usage
		.filter((u) => u.lineId === null || !planLineIds.has(u.lineId))
		.reduce((acc, u) => ({ spent: acc.spent + u.spent, held: acc.held + u.held }), { spent: 0, held: 0 })
	return {
		holder: { id: holder.id, displayName: holder.displayName, funderName: holder.funder.name },
		currency: accounts.currency,
		available,
		held,
		spent: sum('spent'),
		allocated: sum('allocated'),
		toppedUp: sum('toppedUp'),
		other: sum('other'),
		plan: plan
			? {
					id: plan.id,
					startsOn: plan.startsOn,
					endsOn: plan.endsOn,
					lines: uses.map((u) => ({ ...u, left: u.amount - u.spent - u.held, setAside: aside.get(u.id) ?? 0 })),
				}
			: null,
		unassigned,
		upcoming,
	}
}

/**
 * The next instalments still to come to this holder (from yesterday on), soonest first, with the funder paying each:
 * one query (issue 14; Prisma's relation select took three).
 */
async function upcomingInstalments(db: Db, holderId: string, now: Date) {
	const rows = await db.$queryRaw<Array<{ id: string; dueOn: Date; amount: number; funderName: string }>>`
		SELECT i."id", i."dueOn", i."amountPence" AS "amount", f."name" AS "funderName"
		FROM "Allocation" a
		JOIN "Instalment" i ON i."allocationId" = a."id"
		JOIN "Funder" f ON f."id" = a."funderId"
		WHERE a."holderId" = ${holderId} AND i."status" = 'SCHEDULED'
		  AND i."dueOn" >= ${new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)}::date
		ORDER BY i."dueOn", i."id"
		LIMIT 6`
	return rows.map((r) => ({ id: r.id, dueOn: r.dueOn, amount: Number(r.amount), funderName: r.funderName }))
}
