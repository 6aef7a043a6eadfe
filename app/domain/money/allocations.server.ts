/**
 * Allocations: a funder gives a holder a personal budget, one-off or in instalments, from the funder's source
 * account. Instalments due today or earlier are paid when the allocation is made; later ones by the scheduled job
 * (payDueInstalments, run by app/jobs/scheduler.server.ts), each exactly once: the instalment row is locked, its
 * status checked and changed in the same transaction as the ledger transfer, whose idempotency key is
 * "instalment:<instalment id>".
 */
import { ensureFunderSourceAccount, formatMoney, type Initiator, transfer } from '#app/domain/ledger/ledger.server.ts'
import type { Allocation, Instalment } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { formatDay, startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { type Db, inTransaction, lockName, type Tx } from '#app/utils/transaction.server.ts'
import { MoneyError } from './errors.ts'
import { holderAccounts } from './holder-money.server.ts'
import { IDEMPOTENCY_KEY } from './idempotency.server.ts'
import { planInstalments } from './schedule.ts'

export type CreateAllocationInput = {
	funderId: string
	holderId: string
	/** The member of the funder's staff making it. */
	staffUserId: string
	schedule: 'ONE_OFF' | 'INSTALMENTS'
	/** Minor units paid each time (for a one-off: the whole amount). */
	amountEach: number
	/** Instalments only: how many payments, and how many days apart. */
	count?: number
	intervalDays?: number
	firstOn: Date
	/** Generated when the form was shown, so sending it twice makes one allocation. */
	idempotencyKey: string
	now?: Date
}

export type CreateAllocationResult = { allocation: Allocation; paidNow: number; replayed: boolean }

export async function createAllocation(input: CreateAllocationInput): Promise<CreateAllocationResult> {
	if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
		throw new MoneyError('INVALID', 'This form is out of date. Reload the page and try again.')
	}
	const now = input.now ?? clockNow()
	const count = input.schedule === 'ONE_OFF' ? 1 : (input.count ?? 0)
	const intervalDays = input.schedule === 'ONE_OFF' ? null : (input.intervalDays ?? 0)
	let planned
	try {
		planned = planInstalments(
			input.schedule === 'ONE_OFF'
				? { schedule: 'ONE_OFF', amountEach: input.amountEach, firstOn: input.firstOn }
				: {
						schedule: 'INSTALMENTS',
						amountEach: input.amountEach,
						firstOn: input.firstOn,
						count,
						intervalDays: intervalDays ?? 0,
					},
		)
	} catch (error) {
		throw new MoneyError('INVALID', error instanceof Error ? error.message : String(error))
	}
	const firstOn = startOfDay(input.firstOn)
	const id = `allocation_${input.idempotencyKey}`

	return inTransaction(prisma, async (tx) => {
		await lockName(tx, `allocation:${id}`)
		const existing = await tx.allocation.findUnique({ where: { id } })
		if (existing) {
			const same =
				existing.funderId === input.funderId &&
				existing.holderId === input.holderId &&
				existing.schedule === input.schedule &&
				existing.amountPence === input.amountEach * count &&
				existing.instalmentCount === count &&
				existing.intervalDays === intervalDays &&
				existing.firstOn.getTime() === firstOn.getTime()
			if (!same) {
				throw new MoneyError(
					'IDEMPOTENCY_CONFLICT',
					'This form was already sent with different details. Reload the page to make a new allocation.',
				)
			}
			return { allocation: existing, paidNow: 0, replayed: true }
		}
		const holder = await tx.budgetHolder.findFirst({
			where: { id: input.holderId, funderId: input.funderId },
			select: { id: true, displayName: true, joinRequestedAt: true, funder: { select: { currency: true } } },
		})
		if (!holder) throw new MoneyError('NOT_FOUND', 'Choose a person your organisation funds.', { field: 'holderId' })
		if (holder.joinRequestedAt) {
			throw new MoneyError(
				'INVALID',
				`${holder.displayName} asked to join and is not confirmed yet. Confirm them under “People asking to join” first.`,
				{ field: 'holderId' },
			)
		}
		const allocation = await tx.allocation.create({
			data: {
				id,
				funderId: input.funderId,
				holderId: holder.id,
				schedule: input.schedule,
				amountPence: input.amountEach * count,
				currency: holder.funder.currency,
				intervalDays,
				instalmentCount: count,
				firstOn,
				createdById: input.staffUserId,
				instalments: {
					create: planned.map((p) => ({ id: `${id}_${p.number}`, dueOn: p.dueOn, amountPence: p.amount })),
				},
			},
		})
		await tx.auditLog.create({
			data: {
				actorId: input.staffUserId,
				holderId: holder.id,
				action: 'allocation-created',
				entityType: 'Allocation',
				entityId: allocation.id,
				detail: {
					schedule: input.schedule,
					amountEach: input.amountEach,
					count,
					intervalDays,
					firstOn: firstOn.toISOString(),
				},
			},
		})
		let paidNow = 0
		const today = startOfDay(now)
		for (const p of planned) {
			if (p.dueOn.getTime() > today.getTime()) break
			const paid = await payInstalmentIn(tx, `${id}_${p.number}`, now, { role: 'FUNDER', userId: input.staffUserId })
			if (paid) paidNow += 1
		}
		return { allocation, paidNow, replayed: false }
	})
}

/** "£2,400.00 from Leicester City Council: payment 2 of 3 of your personal budget". */
export function instalmentDescription(
	amount: number,
	currency: string,
	funderName: string,
	number: number,
	count: number | null,
): string {
	const money = formatMoney(amount, currency)
	if (!count || count === 1) return `${money} from ${funderName}: your personal budget`
	return `${money} from ${funderName}: payment ${number} of ${count} of your personal budget`
}

/**
 * Pays one instalment inside `tx`, if it is still scheduled: locks its row, moves the money from the funder's
 * source to the holder's budget (key "instalment:<id>"), marks it paid. Returns the paid instalment, or null if
 * it was already paid or cancelled.
 */
export async function payInstalmentIn(
	tx: Tx,
	instalmentId: string,
	now: Date,
	initiator: Initiator,
): Promise<Instalment | null> {
	const [row] = await tx.$queryRaw<
		{ status: string }[]
	>`SELECT "status"::text AS "status" FROM "Instalment" WHERE "id" = ${instalmentId} FOR UPDATE`
	if (!row) throw new MoneyError('NOT_FOUND', 'We could not find that instalment.')
	if (row.status !== 'SCHEDULED') return null
	const instalment = await tx.instalment.findUniqueOrThrow({
		where: { id: instalmentId },
		select: {
			dueOn: true,
			amountPence: true,
			allocation: {
				select: {
					id: true,
					funderId: true,
					holderId: true,
					currency: true,
					instalmentCount: true,
					funder: { select: { name: true } },
				},
			},
		},
	})
	const { allocation } = instalment
	const number = await tx.instalment.count({ where: { allocationId: allocation.id, dueOn: { lte: instalment.dueOn } } })
	const source = await ensureFunderSourceAccount(tx, allocation.funderId)
	const accounts = await holderAccounts(tx, allocation.holderId)
	const paid = await transfer(tx, {
		idempotencyKey: `instalment:${instalmentId}`,
		debitAccountId: source.id,
		creditAccountId: accounts.budgetId,
		amount: instalment.amountPence,
		currency: allocation.currency,
		reason: 'ALLOCATION',
		description: instalmentDescription(
			instalment.amountPence,
			allocation.currency,
			allocation.funder.name,
			number,
			allocation.instalmentCount,
		),
		initiator,
		onBehalfOfHolderId: allocation.holderId,
	})
	return tx.instalment.update({
		where: { id: instalmentId },
		data: { status: 'PAID', transferId: paid.id, paidAt: now },
	})
}

export type InstalmentRunReport = { paid: number; failed: { instalmentId: string; message: string }[] }

/**
 * For the scheduled job: pays every scheduled instalment due on or before today (UTC), oldest first, each in its
 * own transaction. Safe to run on several servers at once: each instalment is paid exactly once.
 */
export async function payDueInstalments(
	now = clockNow(),
	options: { limit?: number; db?: Db } = {},
): Promise<InstalmentRunReport> {
	const db = options.db ?? prisma
	const due = await db.instalment.findMany({
		where: { status: 'SCHEDULED', dueOn: { lte: startOfDay(now) } },
		orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
		take: options.limit ?? 500,
		select: { id: true },
	})
	const report: InstalmentRunReport = { paid: 0, failed: [] }
	for (const { id } of due) {
		try {
			const paid = await inTransaction(db, (tx) => payInstalmentIn(tx, id, now, { role: 'SYSTEM' }))
			if (paid) report.paid += 1
		} catch (error) {
			report.failed.push({ instalmentId: id, message: error instanceof Error ? error.message : String(error) })
		}
	}
	return report
}

/** Stops the instalments of an allocation that are not paid yet. Funder staff only (callers check). */
export async function cancelFutureInstalments(
	db: Db,
	input: { allocationId: string; funderId: string; staffUserId: string },
) {
	return inTransaction(db, async (tx) => {
		const allocation = await tx.allocation.findFirst({
			where: { id: input.allocationId, funderId: input.funderId },
			select: { id: true, holderId: true },
		})
		if (!allocation) throw new MoneyError('NOT_FOUND', 'We could not find that allocation.')
		const { count } = await tx.instalment.updateMany({
			where: { allocationId: allocation.id, status: 'SCHEDULED' },
			data: { status: 'CANCELLED' },
		})
		if (count > 0) {
			await tx.auditLog.create({
				data: {
					actorId: input.staffUserId,
					holderId: allocation.holderId,
					action: 'instalments-cancelled',
					entityType: 'Allocation',
					entityId: allocation.id,
					detail: { cancelled: count },
				},
			})
		}
		return count
	})
}

/** One sentence about an allocation this funder made, for the message after the form. Null if not theirs. */
export async function allocationSummary(funderId: string, allocationId: string) {
	const allocation = await prisma.allocation.findFirst({
		where: { id: allocationId, funderId },
		select: {
			holderId: true,
			currency: true,
			schedule: true,
			intervalDays: true,
			holder: { select: { displayName: true } },
			instalments: { orderBy: { dueOn: 'asc' }, select: { dueOn: true, amountPence: true, status: true } },
		},
	})
	if (!allocation) return null
	const { instalments, currency } = allocation
	const first = instalments[0]
	if (!first) return null
	const name = allocation.holder.displayName
	const paid = instalments.filter((i) => i.status === 'PAID').length
	const next = instalments.find((i) => i.status === 'SCHEDULED')
	const each = formatMoney(first.amountPence, currency)
	let text =
		instalments.length === 1
			? `${each} for ${name}`
			: `${instalments.length} payments of ${each} every ${allocation.intervalDays} days for ${name}`
	text += paid > 0 ? `: ${paid === 1 && instalments.length === 1 ? 'paid' : `${paid} paid`} today` : ''
	text += next ? `${paid > 0 ? ', ' : ': '}${paid > 0 ? 'the next' : 'the first'} on ${formatDay(next.dueOn)}.` : '.'
	return { holderId: allocation.holderId, holderName: name, text: `Budget allocated: ${text}` }
}
