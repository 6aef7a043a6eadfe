import { randomUUID } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { type EntryPhase, type LedgerTransfer, Prisma } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { type Db, inTransaction, isUniqueViolation, lockNames, type Tx } from '#app/utils/transaction.server.ts'
import { spendable, returnable } from './balance.ts'
import { ledgerTransaction, toLedgerError } from './db.server.ts'
import { isLedgerError, LedgerError } from './errors.ts'
import { formatMoney } from './money.ts'
import { type InternalTransferInput, type NormalisedTransfer, normaliseTransfer } from './payload.server.ts'
import { ledgerTestHooks } from './test-hooks.server.ts'
import type {
	PendingTransferInput,
	ResolvePendingInput,
	SingleTransferInput,
	TransferInput,
	TransferOutcome,
} from './types.ts'

/**
 * Transfers: the only code that writes LedgerTransfer and LedgerEntry rows or changes account balances.
 *
 * One call = one database transaction. In it, in this order (the same order everywhere, so two calls
 * never wait for each other in a circle):
 *  1. an advisory lock per idempotency key (sorted), then a look-up of those keys: a retry returns what the
 *     first call wrote, a reused key with another payload is refused;
 *  2. the pending transfers being posted or voided are read;
 *  3. every account involved is locked, SELECT … ORDER BY id FOR UPDATE, which also reads its latest totals;
 *  4. a pending transfer already resolved (seen now, after the lock) is refused;
 *  5. each transfer in turn is checked against the account flags (as the transfers before it leave the
 *     accounts), then all the rows, all their entries, the accounts' totals and their posted totals by reason
 *     (LedgerReasonTotal, ADR 030) and the summaries of accounts with a summary key (LedgerSummaryTotal, ADR 036) are
 *     written, one statement each, under the account locks of step 3. The CHECK constraints on the tables are the last
 *     guard and are mapped to the same LedgerError.
 * Any failure rolls the whole call back: a batch of linked transfers succeeds or fails together.
 */

export type CreateTransfersOptions = {
	/** The clock: when holds time out and whether a hold has run out. Defaults to now. */
	now?: Date
}

const MAX_BATCH = 500

type LockedAccount = {
	id: string
	name: string
	kind: string
	currency: string
	debitsMustNotExceedCredits: boolean
	creditsMustNotExceedDebits: boolean
	summaryKey: string | null
	debitsPending: bigint
	debitsPosted: bigint
	creditsPending: bigint
	creditsPosted: bigint
}

type Delta = { debitsPending: bigint; debitsPosted: bigint; creditsPending: bigint; creditsPosted: bigint }

/**
 * Makes every transfer in `inputs`, or none of them (they are linked). Returns them in the same order.
 * If every key was used before with the same payload, returns those transfers (replayed: true) and moves
 * nothing. Throws a LedgerError with a plain-English message when a transfer is refused.
 */
export async function createTransfers(
	db: Db,
	inputs: TransferInput[],
	options: CreateTransfersOptions = {},
): Promise<TransferOutcome[]> {
	if (!Array.isArray(inputs) || inputs.length === 0) {
		throw new LedgerError('INVALID_TRANSFER', 'Give at least one transfer.')
	}
	if (inputs.length > MAX_BATCH) {
		throw new LedgerError('INVALID_TRANSFER', `Send at most ${MAX_BATCH} transfers at once.`)
	}
	return createNormalised(
		db,
		inputs.map((input, index) => normaliseTransfer(input, index)),
		options.now ?? clockNow(),
	)
}

async function createNormalised(db: Db, batch: NormalisedTransfer[], now: Date): Promise<TransferOutcome[]> {
	const keys = new Set(batch.map((t) => t.idempotencyKey))
	if (keys.size !== batch.length) {
		throw new LedgerError('INVALID_TRANSFER', 'Each transfer in one request needs its own idempotency key.')
	}
	// A unique violation on the key means another request with it committed between our look-up and our
	// insert (possible only outside READ COMMITTED): run again, and the look-up will find it.
	return inTransaction(
		db,
		(tx) => applyBatch(tx, batch, now),
		ledgerTransaction((error) => isUniqueViolation(error, 'idempotencyKey')),
	)
}

async function applyBatch(tx: Tx, batch: NormalisedTransfer[], now: Date): Promise<TransferOutcome[]> {
	// 1. Idempotency.
	const keys = batch.map((t) => t.idempotencyKey).sort()
	await lockNames(
		tx,
		keys.map((key) => `ledger-transfer:${key}`),
	)
	const existing = await tx.ledgerTransfer.findMany({ where: { idempotencyKey: { in: keys } } })
	if (existing.length > 0) return replay(batch, existing)

	// 2. The pending transfers to resolve.
	const pendingIds = batch.flatMap((t) => (t.pendingId ? [t.pendingId] : []))
	if (new Set(pendingIds).size !== pendingIds.length) {
		throw new LedgerError(
			'PENDING_ALREADY_RESOLVED',
			'A hold can be paid or released only once, but this request does it twice.',
		)
	}
	const pendings = new Map(
		(pendingIds.length > 0 ? await tx.ledgerTransfer.findMany({ where: { id: { in: pendingIds } } }) : []).map((p) => [
			p.id,
			p,
		]),
	)
	const plans = batch.map((t) => planFor(t, pendings))

	// 3. Lock the accounts, in id order, and read their latest totals.
	const accountIds = [...new Set(plans.flatMap((p) => [p.debitAccountId, p.creditAccountId]))].sort()
	const rows = await tx.$queryRaw<LockedAccount[]>`
		SELECT "id", "name", "kind"::text AS "kind", "currency",
		       "debitsMustNotExceedCredits", "creditsMustNotExceedDebits", "summaryKey",
		       "debitsPending", "debitsPosted", "creditsPending", "creditsPosted"
		FROM "LedgerAccount"
		WHERE "id" IN (${Prisma.join(accountIds)})
		ORDER BY "id"
		FOR UPDATE`
	const accounts = new Map(rows.map((row) => [row.id, { ...row, currency: row.currency.trim() }]))

	// 4. Resolved by someone else while we waited? Now that we hold the locks, this answer is final.
	if (pendingIds.length > 0) {
		const resolution = await tx.ledgerTransfer.findFirst({
			where: { pendingId: { in: pendingIds } },
			select: { pendingId: true, phase: true },
		})
		if (resolution) {
			const index = batch.findIndex((t) => t.pendingId === resolution.pendingId)
			throw alreadyResolved(resolution.phase, index)
		}
	}

	// 5. Check each transfer in turn against the accounts as the ones before it leave them, then write them all:
	//    one insert for the transfers, one for their entries, one update of the totals (a batch of 100 is three
	//    statements, not three hundred).
	const linkId = batch.length > 1 ? randomUUID() : null
	const newRows: Prisma.LedgerTransferCreateManyInput[] = []
	const entries: Array<{ key: string; accountId: string; phase: EntryPhase; amount: bigint }> = []
	const totals = new Map<string, Delta>()
	const byReason = new Map<string, ReasonDelta>()
	const bySummary = new Map<string, SummaryDelta>()
	for (const [index, plan] of plans.entries()) {
		const t = batch[index]!
		const debit = accounts.get(plan.debitAccountId)
		const credit = accounts.get(plan.creditAccountId)
		if (!debit || !credit) {
			throw new LedgerError('ACCOUNT_NOT_FOUND', 'One of the accounts in this transfer does not exist.', { index })
		}
		checkCurrency(t, plan, debit, credit)
		if (plan.pending) checkResolvable(t, plan, now)

		const effects = effectsOf(plan)
		const nextDebit = plus(debit, effects.debitDelta)
		const nextCredit = plus(credit, effects.creditDelta)
		if (!ledgerTestHooks.skipBalanceChecks) checkFlags(index, plan, debit, nextDebit, credit, nextCredit)
		accounts.set(debit.id, nextDebit)
		accounts.set(credit.id, nextCredit)
		addDelta(totals, debit.id, effects.debitDelta)
		addDelta(totals, credit.id, effects.creditDelta)
		addReasonDelta(byReason, debit.id, plan.reason, effects.debitDelta.debitsPosted, 0n)
		addReasonDelta(byReason, credit.id, plan.reason, 0n, effects.creditDelta.creditsPosted)
		addSummaryDelta(bySummary, debit, plan.reason, effects.debitDelta)
		addSummaryDelta(bySummary, credit, plan.reason, effects.creditDelta)
		newRows.push({
			idempotencyKey: t.idempotencyKey,
			payloadHash: t.payloadHash,
			debitAccountId: plan.debitAccountId,
			creditAccountId: plan.creditAccountId,
			amount: plan.amount,
			currency: plan.currency ?? debit.currency,
			phase: t.phase,
			pendingId: t.pendingId,
			timeoutAt: t.timeoutSeconds === null ? null : new Date(now.getTime() + t.timeoutSeconds * 1000),
			linkId,
			reason: plan.reason,
			description: t.description,
			initiatedById: t.initiatorUserId,
			initiatorRole: t.initiatorRole,
			onBehalfOfId: t.onBehalfOfHolderId ?? plan.pending?.onBehalfOfId ?? null,
			budgetLineId: t.budgetLineId ?? plan.pending?.budgetLineId ?? null,
			bookingId: t.bookingId ?? plan.pending?.bookingId ?? null,
			pledgeId: t.pledgeId ?? plan.pending?.pledgeId ?? null,
		})
		for (const e of effects.entries) entries.push({ key: t.idempotencyKey, ...e })
	}
	// A database refusal (a CHECK constraint) names the transfer when there is only one.
	const onlyIndex = batch.length === 1 ? 0 : undefined
	try {
		// One transfer (most calls): a plain insert, which the Prisma client runs measurably faster (bench/ledger).
		const created =
			newRows.length === 1
				? [await tx.ledgerTransfer.create({ data: newRows[0]! })]
				: await tx.ledgerTransfer.createManyAndReturn({ data: newRows })
		const byKey = new Map(created.map((c) => [c.idempotencyKey, c]))
		if (ledgerTestHooks.afterTransfersWritten) await ledgerTestHooks.afterTransfersWritten(tx)
		await tx.ledgerEntry.createMany({
			data: entries.map((e) => ({
				transferId: byKey.get(e.key)!.id,
				accountId: e.accountId,
				phase: e.phase,
				amount: e.amount,
			})),
		})
		await updateTotals(tx, [...totals.entries()])
		await updateReasonTotals(tx, [...byReason.values()])
		await updateSummaryTotals(tx, bySummary)
		return batch.map((t) => ({ ...byKey.get(t.idempotencyKey)!, replayed: false }))
	} catch (error) {
		throw toLedgerError(error, onlyIndex)
	}
}

/** `was` (an account's totals, or a delta gathered so far) with `d` added to its four totals. */
function plus<T extends Delta>(was: T, d: Delta): T {
	return {
		...was,
		debitsPending: was.debitsPending + d.debitsPending,
		debitsPosted: was.debitsPosted + d.debitsPosted,
		creditsPending: was.creditsPending + d.creditsPending,
		creditsPosted: was.creditsPosted + d.creditsPosted,
	}
}

function isZero(d: Delta): boolean {
	return d.debitsPending === 0n && d.debitsPosted === 0n && d.creditsPending === 0n && d.creditsPosted === 0n
}

function addDelta(totals: Map<string, Delta>, accountId: string, d: Delta): void {
	totals.set(accountId, plus(totals.get(accountId) ?? ZERO, d))
}

/** What a batch adds to the posted totals of one account for one reason. */
type ReasonDelta = { accountId: string; reason: Plan['reason']; debitsPosted: bigint; creditsPosted: bigint }

function addReasonDelta(
	byReason: Map<string, ReasonDelta>,
	accountId: string,
	reason: Plan['reason'],
	debitsPosted: bigint,
	creditsPosted: bigint,
): void {
	if (debitsPosted === 0n && creditsPosted === 0n) return
	const key = `${accountId}:${reason}`
	const was = byReason.get(key) ?? { accountId, reason, debitsPosted: 0n, creditsPosted: 0n }
	byReason.set(key, {
		...was,
		debitsPosted: was.debitsPosted + debitsPosted,
		creditsPosted: was.creditsPosted + creditsPosted,
	})
}

/**
 * What a batch adds to one row of a summary (ADR 036): the accounts with one summary key, currency and kind, for one
 * reason, in one shard.
 */
type SummaryDelta = Delta & {
	summaryKey: string
	currency: string
	kind: string
	reason: Plan['reason']
	shard: number
}

/** How many rows one summary is split over (ADR 036); the table's CHECK constraint allows 0 to 15. */
const SUMMARY_SHARDS = 16

/**
 * The shard an account's transfers add to: fixed for the account, spread over the 16. Any fixed choice would do, since
 * a summary is the sum of its shards (the migration that made the table used PostgreSQL's hashtext).
 */
function shardOf(accountId: string): number {
	return crc32(accountId) % SUMMARY_SHARDS
}

function addSummaryDelta(
	bySummary: Map<string, SummaryDelta>,
	account: LockedAccount,
	reason: Plan['reason'],
	d: Delta,
): void {
	if (account.summaryKey === null) return
	const shard = shardOf(account.id)
	const key = [account.summaryKey, account.currency, account.kind, reason, shard].join('\u0000')
	const was = bySummary.get(key) ?? {
		summaryKey: account.summaryKey,
		currency: account.currency,
		kind: account.kind,
		reason,
		shard,
		...ZERO,
	}
	bySummary.set(key, plus(was, d))
}

function replay(batch: NormalisedTransfer[], existing: LedgerTransfer[]): TransferOutcome[] {
	const byKey = new Map(existing.map((e) => [e.idempotencyKey, e]))
	for (const t of batch) {
		const found = byKey.get(t.idempotencyKey)
		if (found && found.payloadHash !== t.payloadHash) {
			throw new LedgerError(
				'IDEMPOTENCY_CONFLICT',
				`The key "${t.idempotencyKey}" was already used for a different transfer. Use a new key for a new transfer.`,
				{ index: t.index },
			)
		}
	}
	if (existing.length !== batch.length) {
		throw new LedgerError(
			'IDEMPOTENCY_CONFLICT',
			'Some of these transfers were already made by an earlier request, but not all of them. Send them again exactly as before, or use new keys.',
		)
	}
	return batch.map((t) => ({ ...byKey.get(t.idempotencyKey)!, replayed: true }))
}

// ───────────────────────────── Working out what a transfer does ─────────────────────────────

type Plan = {
	phase: NormalisedTransfer['phase']
	debitAccountId: string
	creditAccountId: string
	/** What the transfer row records: the amount moved, posted, or released. */
	amount: bigint
	currency: string | null
	reason: NonNullable<NormalisedTransfer['reason']>
	pending: LedgerTransfer | null
}

function planFor(t: NormalisedTransfer, pendings: Map<string, LedgerTransfer>): Plan {
	if (!t.pendingId) {
		return {
			phase: t.phase,
			debitAccountId: t.debitAccountId!,
			creditAccountId: t.creditAccountId!,
			amount: t.amount!,
			currency: t.currency,
			reason: t.reason!,
			pending: null,
		}
	}
	const pending = pendings.get(t.pendingId)
	if (!pending) throw new LedgerError('PENDING_NOT_FOUND', 'We could not find that hold.', { index: t.index })
	if (pending.phase !== 'PENDING') {
		throw new LedgerError('NOT_PENDING', 'Only money on hold can be paid or released this way.', { index: t.index })
	}
	if (
		(t.debitAccountId !== null && t.debitAccountId !== pending.debitAccountId) ||
		(t.creditAccountId !== null && t.creditAccountId !== pending.creditAccountId)
	) {
		throw new LedgerError('INVALID_TRANSFER', 'The accounts given do not match the accounts of the hold.', {
			index: t.index,
		})
	}
	// How much is checked against the hold later, once we know the hold is still open.
	const amount = t.phase === 'POST_PENDING' && t.amount !== null ? t.amount : pending.amount
	return {
		phase: t.phase,
		debitAccountId: pending.debitAccountId,
		creditAccountId: pending.creditAccountId,
		amount,
		currency: pending.currency,
		reason: t.reason ?? pending.reason,
		pending,
	}
}

function checkCurrency(t: NormalisedTransfer, plan: Plan, debit: LockedAccount, credit: LockedAccount): void {
	const wanted = [t.currency, plan.currency].filter((c): c is string => c !== null)
	const currencies = new Set([debit.currency, credit.currency, ...wanted])
	if (currencies.size > 1) {
		throw new LedgerError(
			'CURRENCY_MISMATCH',
			`A transfer moves money within one currency, but this one involves ${[...currencies].join(' and ')}.`,
			{ index: t.index },
		)
	}
	plan.currency = debit.currency
}

function checkResolvable(t: NormalisedTransfer, plan: Plan, now: Date): void {
	const pending = plan.pending!
	if (t.phase === 'POST_PENDING' && plan.amount > pending.amount) {
		throw new LedgerError(
			'POST_EXCEEDS_PENDING',
			`At most ${formatMoney(pending.amount, pending.currency)} can be paid from this hold; ${formatMoney(plan.amount, pending.currency)} was asked.`,
			{ index: t.index },
		)
	}
	if (t.phase !== 'POST_PENDING' && t.amount !== null && t.amount !== pending.amount) {
		throw new LedgerError(
			'INVALID_TRANSFER',
			`Releasing a hold releases all of it (${formatMoney(pending.amount, pending.currency)}): leave the amount out.`,
			{ index: t.index },
		)
	}
	const timedOut = pending.timeoutAt !== null && pending.timeoutAt.getTime() <= now.getTime()
	if (t.phase === 'POST_PENDING' && timedOut) {
		throw new LedgerError(
			'PENDING_EXPIRED',
			`This hold ran out on ${pending.timeoutAt!.toISOString()} and can no longer be paid. Make a new reservation.`,
			{ index: t.index },
		)
	}
	if (t.phase === 'EXPIRE_PENDING' && !timedOut) {
		throw new LedgerError('INVALID_TRANSFER', 'This hold has not run out yet.', { index: t.index })
	}
}

function alreadyResolved(phase: string, index: number): LedgerError {
	const what =
		phase === 'POST_PENDING'
			? 'already been paid'
			: phase === 'VOID_PENDING'
				? 'already been released'
				: 'already run out and been released'
	return new LedgerError('PENDING_ALREADY_RESOLVED', `This hold has ${what}; a hold can be resolved only once.`, {
		index: index >= 0 ? index : undefined,
	})
}

const ZERO: Delta = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n }

/**
 * The balance changes and signed entries (credit +, debit −) of one transfer.
 * Resolving a hold of P by paying A (A ≤ P): the debit account's PENDING gets +P and its POSTED −A;
 * the credit account's PENDING −P and POSTED +A. Every transfer's entries sum to zero.
 */
function effectsOf(plan: Plan): {
	debitDelta: Delta
	creditDelta: Delta
	entries: { accountId: string; phase: EntryPhase; amount: bigint }[]
} {
	const d = plan.debitAccountId
	const c = plan.creditAccountId
	const a = plan.amount
	const pending = plan.pending
	if (!pending) {
		// A new transfer: SINGLE posts at once, PENDING puts the money on hold.
		return plan.phase === 'SINGLE'
			? {
					debitDelta: { ...ZERO, debitsPosted: a },
					creditDelta: { ...ZERO, creditsPosted: a },
					entries: [entry(d, 'POSTED', -a), entry(c, 'POSTED', a)],
				}
			: {
					debitDelta: { ...ZERO, debitsPending: a },
					creditDelta: { ...ZERO, creditsPending: a },
					entries: [entry(d, 'PENDING', -a), entry(c, 'PENDING', a)],
				}
	}
	// Resolving a hold: the whole hold leaves PENDING; a post puts `a` into POSTED.
	const held = pending.amount
	const release = { debitDelta: { ...ZERO, debitsPending: -held }, creditDelta: { ...ZERO, creditsPending: -held } }
	const releaseEntries = [entry(d, 'PENDING', held), entry(c, 'PENDING', -held)]
	if (plan.phase !== 'POST_PENDING') return { ...release, entries: releaseEntries }
	return {
		debitDelta: { ...release.debitDelta, debitsPosted: a },
		creditDelta: { ...release.creditDelta, creditsPosted: a },
		entries: [...releaseEntries, entry(d, 'POSTED', -a), entry(c, 'POSTED', a)],
	}
}

function entry(accountId: string, phase: EntryPhase, amount: bigint) {
	return { accountId, phase, amount }
}

function checkFlags(
	index: number,
	plan: Plan,
	debitBefore: LockedAccount,
	debitAfter: LockedAccount,
	creditBefore: LockedAccount,
	creditAfter: LockedAccount,
): void {
	const currency = plan.currency ?? debitBefore.currency
	if (debitAfter.debitsMustNotExceedCredits && spendable(debitAfter) < 0n) {
		const available = spendable(debitBefore)
		throw new LedgerError(
			'INSUFFICIENT_FUNDS',
			`There is not enough money available: ${formatMoney(available > 0n ? available : 0n, currency)} available, ${formatMoney(plan.amount, currency)} needed.`,
			{ index },
		)
	}
	if (creditAfter.creditsMustNotExceedDebits && returnable(creditAfter) < 0n) {
		const room = returnable(creditBefore)
		throw new LedgerError(
			'CREDIT_LIMIT_EXCEEDED',
			`${creditBefore.name} can take back at most ${formatMoney(room > 0n ? room : 0n, currency)}; ${formatMoney(plan.amount, currency)} was sent.`,
			{ index },
		)
	}
}

/** Adds each account's delta to its cached totals, in one statement. The rows are already locked. */
async function updateTotals(tx: Tx, changes: [accountId: string, delta: Delta][]): Promise<void> {
	const rows = changes.filter(([, d]) => !isZero(d))
	if (rows.length === 0) return
	const values = Prisma.join(
		rows.map(
			([id, d]) =>
				Prisma.sql`(${id}::text, ${d.debitsPending}::bigint, ${d.debitsPosted}::bigint, ${d.creditsPending}::bigint, ${d.creditsPosted}::bigint)`,
		),
	)
	await tx.$executeRaw`
		UPDATE "LedgerAccount" AS a
		SET "debitsPending" = a."debitsPending" + v."dPend",
		    "debitsPosted" = a."debitsPosted" + v."dPost",
		    "creditsPending" = a."creditsPending" + v."cPend",
		    "creditsPosted" = a."creditsPosted" + v."cPost"
		FROM (VALUES ${values}) AS v("id", "dPend", "dPost", "cPend", "cPost")
		WHERE a."id" = v."id"`
}

/**
 * Adds what the batch posted to each account's total for each reason (ADR 030), in one statement: a new pair gets its
 * row, a known one is added to. Called with the accounts' rows locked (step 3), so two calls never add to one row at
 * once and the totals move in step with the accounts' own.
 */
async function updateReasonTotals(tx: Tx, changes: ReasonDelta[]): Promise<void> {
	if (changes.length === 0) return
	const values = Prisma.join(
		changes.map(
			(c) =>
				Prisma.sql`(${c.accountId}::text, ${c.reason}::"TransferReason", ${c.debitsPosted}::bigint, ${c.creditsPosted}::bigint)`,
		),
	)
	await tx.$executeRaw`
		INSERT INTO "LedgerReasonTotal" AS r ("accountId", "reason", "debitsPosted", "creditsPosted")
		VALUES ${values}
		ON CONFLICT ("accountId", "reason") DO UPDATE
		SET "debitsPosted" = r."debitsPosted" + EXCLUDED."debitsPosted",
		    "creditsPosted" = r."creditsPosted" + EXCLUDED."creditsPosted"`
}

/**
 * Adds the batch's deltas to the summaries of its accounts' keys (ADR 036), in one statement, each account's to its
 * own shard. Transfers of different accounts with one key (two people of one funder booking at once) land on
 * different rows fifteen times in sixteen, so they rarely wait for each other; when they share a row, the second waits
 * for the first to commit. One account's transfers always add to the same rows, and wait for each other on the
 * account's own lock first. The rows are written in the order of their map keys (key, currency, kind, reason, shard),
 * so two batches that touch the same rows lock them in the same order and never wait for each other in a circle.
 */
async function updateSummaryTotals(tx: Tx, bySummary: Map<string, SummaryDelta>): Promise<void> {
	const rows = [...bySummary.keys()]
		.sort()
		.map((key) => bySummary.get(key)!)
		.filter((d) => !isZero(d))
	if (rows.length === 0) return
	const values = Prisma.join(
		rows.map(
			(d) =>
				Prisma.sql`(${d.summaryKey}::text, ${d.currency}::char(3), ${d.kind}::"AccountKind", ${d.reason}::"TransferReason", ${d.shard}::smallint, ${d.debitsPending}::bigint, ${d.debitsPosted}::bigint, ${d.creditsPending}::bigint, ${d.creditsPosted}::bigint)`,
		),
	)
	await tx.$executeRaw`
		INSERT INTO "LedgerSummaryTotal" AS s ("summaryKey", "currency", "kind", "reason", "shard",
		                                       "debitsPending", "debitsPosted", "creditsPending", "creditsPosted")
		VALUES ${values}
		ON CONFLICT ("summaryKey", "currency", "kind", "reason", "shard") DO UPDATE
		SET "debitsPending" = s."debitsPending" + EXCLUDED."debitsPending",
		    "debitsPosted" = s."debitsPosted" + EXCLUDED."debitsPosted",
		    "creditsPending" = s."creditsPending" + EXCLUDED."creditsPending",
		    "creditsPosted" = s."creditsPosted" + EXCLUDED."creditsPosted"`
}

// ───────────────────────────── One transfer at a time ─────────────────────────────

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** Moves money at once. */
export async function transfer(
	db: Db,
	input: Without<SingleTransferInput, 'phase'>,
	options?: CreateTransfersOptions,
): Promise<TransferOutcome> {
	const [outcome] = await createTransfers(db, [{ ...input, phase: 'SINGLE' }], options)
	return outcome!
}

/** Puts money on hold (a pending transfer). `timeoutSeconds`: released automatically after this long. */
export async function reserve(
	db: Db,
	input: Without<PendingTransferInput, 'phase'>,
	options?: CreateTransfersOptions,
): Promise<TransferOutcome> {
	const [outcome] = await createTransfers(db, [{ ...input, phase: 'PENDING' }], options)
	return outcome!
}

/** Pays a hold: all of it, or `amount` (no more than the hold) and releases the rest. Once only. */
export async function postPending(
	db: Db,
	input: Without<ResolvePendingInput, 'phase'>,
	options?: CreateTransfersOptions,
): Promise<TransferOutcome> {
	const [outcome] = await createTransfers(db, [{ ...input, phase: 'POST_PENDING' }], options)
	return outcome!
}

/** Releases a hold in full, back to where it came from. Once only. */
export async function voidPending(
	db: Db,
	input: Without<ResolvePendingInput, 'phase' | 'amount'>,
	options?: CreateTransfersOptions,
): Promise<TransferOutcome> {
	const [outcome] = await createTransfers(db, [{ ...input, phase: 'VOID_PENDING' }], options)
	return outcome!
}

/**
 * For the scheduled job: releases every hold whose timeoutAt is at or before `now` and that nobody has
 * paid or released, each with its own EXPIRE_PENDING transfer (key "expire:<hold id>"), so a hold expires
 * exactly once even if two jobs run at the same time. Returns the transfers this call made.
 */
export async function expirePendingTransfers(
	db: Db,
	now: Date = clockNow(),
	options: { limit?: number } = {},
): Promise<TransferOutcome[]> {
	const due = await db.ledgerTransfer.findMany({
		where: { phase: 'PENDING', timeoutAt: { lte: now }, resolutions: { none: {} } },
		orderBy: [{ timeoutAt: 'asc' }, { id: 'asc' }],
		take: options.limit ?? 500,
		select: { id: true, amount: true, currency: true, description: true },
	})
	const expired: TransferOutcome[] = []
	for (const hold of due) {
		const input: InternalTransferInput = {
			idempotencyKey: `expire:${hold.id}`,
			phase: 'EXPIRE_PENDING',
			pendingId: hold.id,
			description:
				`${formatMoney(hold.amount, hold.currency)} released because the hold ran out: ${hold.description}`.slice(
					0,
					500,
				),
			initiator: { role: 'SYSTEM' },
		}
		try {
			const [outcome] = await createNormalised(db, [normaliseTransfer(input)], now)
			if (outcome && !outcome.replayed) expired.push(outcome)
		} catch (error) {
			// Paid or released by someone else since we looked: nothing to expire.
			if (isLedgerError(error, 'PENDING_ALREADY_RESOLVED')) continue
			throw error
		}
	}
	return expired
}
