/**
 * Problems and settlements. The holder's side reports a problem with a delivered session; the money stays held
 * until both sides agree (one proposes how much of the price the provider is paid, the other accepts), or staff of
 * the holder's funder decide. Settling pays that much from the hold and releases the rest (money.server.ts).
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { Booking } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import type { Tx } from '#app/utils/transaction.server.ts'
import { funderStaffIds } from './access.server.ts'
import { BookingError } from './errors.ts'
import {
	type ActingUser,
	change,
	check,
	event,
	initiatorFor,
	type LockedBooking,
	tellHolderSide,
	tellProvider,
} from './locking.server.ts'
import { formatMoney, paySettlement, releaseHold } from './money.server.ts'
import type { Party } from './rules.ts'
import { shortDayText } from '#app/utils/dates.ts'

/** The holder's side reports a problem: the money stays held until the problem is settled. */
export async function reportProblem(user: ActingUser, bookingId: string, description: string, now: Date = clockNow()) {
	return change(bookingId, async (tx, b) => {
		const open = b.problems[0]
		if (b.status === 'DISPUTED' && open) {
			const mine = await tx.bookingProblem.findUnique({
				where: { id: open.id },
				select: { reportedById: true, description: true },
			})
			if (mine?.reportedById === user.id && mine.description === description) return b
		}
		const party = await check(tx, user, b, 'reportProblem', now)
		if (user.system) throw new BookingError('FORBIDDEN', 'Only a person can report a problem.')
		await tx.bookingProblem.create({ data: { bookingId: b.id, reportedById: user.id, description } })
		await tx.booking.update({ where: { id: b.id }, data: { status: 'DISPUTED', autoConfirmAt: null } })
		await event(tx, b, user, 'PROBLEM_REPORTED', description)
		const title = `A problem was reported with the session on ${shortDayText(b.startsAt)}`
		const body = `${user.name} reported: “${description}”. The money stays held until it is settled: agree how much is paid, or ask ${b.holder.displayName}’s funder to decide.`
		await tellProvider(tx, b, user, title, body)
		// Someone else reported it in the holder's name: the holder's side hears of it too (ADR 025).
		if (party.holderRights.size > 0 && b.holder.userId !== user.id) await tellHolderSide(tx, b, user, title, body, now)
		await notify(tx, {
			userIds: await funderStaffIds(tx, b.holder.funderId),
			except: user.id,
			title,
			body,
			link: `/bookings/${b.id}`,
			email: false,
		})
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * One side proposes how to settle: how much of the price the provider is paid (the rest goes back to the budget).
 * The holder's side offering the whole price, or the provider offering a full refund, settles it at once (no one
 * needs to agree to being given more); otherwise the other side accepts or makes another proposal.
 */
export async function proposeSettlement(
	user: ActingUser,
	bookingId: string,
	input: { paidPence: number; note: string | null },
	now: Date = clockNow(),
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		const open = b.problems[0]
		if (b.status === 'DISPUTED' && open?.proposedById === user.id && open.proposedPaidPence === input.paidPence)
			return b
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id && last.paidPence === input.paidPence) return b
		}
		const party = await check(tx, user, b, 'proposeResolution', now)
		if (user.system) throw new BookingError('FORBIDDEN', 'Only a person can propose a settlement.')
		checkSettlementAmount(b, input.paidPence)
		const asProvider = party.isProvider && !party.holderRights.has('PAY')
		const generous = asProvider ? input.paidPence === 0 : input.paidPence === b.totalPence
		if (generous) {
			return settle(tx, b, user, party, {
				paidPence: input.paidPence,
				resolution: asProvider
					? `${b.provider.name} agreed to a full refund.${input.note ? ` ${input.note}` : ''}`
					: `${user.name} withdrew the problem and paid in full.${input.note ? ` ${input.note}` : ''}`,
				now,
			})
		}
		await tx.bookingProblem.update({
			where: { id: open!.id },
			data: { proposedPaidPence: input.paidPence, proposedById: user.id, proposedNote: input.note, proposedAt: now },
		})
		const offer = `${formatMoney(input.paidPence, b.currency)} of ${formatMoney(b.totalPence, b.currency)} paid to ${b.provider.name}`
		await event(tx, b, user, 'SETTLEMENT_PROPOSED', `${offer}${input.note ? `. ${input.note}` : ''}`)
		const title = `A proposal to settle the problem on ${shortDayText(b.startsAt)}`
		const body = `${user.name} proposes: ${offer}, the rest back to the budget.${input.note ? ` “${input.note}”` : ''} Accept it, or propose something else.`
		if (asProvider) await tellHolderSide(tx, b, user, title, body, now)
		else await tellProvider(tx, b, user, title, body)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * The other side accepts the proposal on the table: the problem is settled as proposed. `expectedPaidPence` is the
 * amount the person saw; if a new proposal replaced it meanwhile, nothing is settled.
 */
export async function acceptSettlement(
	user: ActingUser,
	bookingId: string,
	now: Date = clockNow(),
	expectedPaidPence?: number | null,
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id) return b
		}
		const party = await check(tx, user, b, 'acceptProposal', now)
		const open = b.problems[0]!
		if (expectedPaidPence !== undefined && expectedPaidPence !== null && open.proposedPaidPence !== expectedPaidPence) {
			throw new BookingError(
				'WRONG_STATE',
				`The proposal has changed: it is now ${formatMoney(open.proposedPaidPence ?? 0, b.currency)}, not ${formatMoney(expectedPaidPence, b.currency)}. Nothing has been settled: read the new proposal first.`,
			)
		}
		const proposer = await tx.user.findUnique({ where: { id: open.proposedById! }, select: { name: true } })
		return settle(tx, b, user, party, {
			paidPence: open.proposedPaidPence ?? 0,
			resolution: `Settled by agreement: ${proposer?.name ?? 'one side'} proposed it and ${user.name} accepted.${open.proposedNote ? ` ${open.proposedNote}` : ''}`,
			now,
		})
	})
}

/** Staff of the holder's funder (or an admin) decide how much the provider is paid. */
export async function resolveAsFunder(
	user: ActingUser,
	bookingId: string,
	input: { paidPence: number; note: string },
	now: Date = clockNow(),
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'RESOLVED') {
			const last = await tx.bookingProblem.findFirst({ where: { bookingId: b.id }, orderBy: { createdAt: 'desc' } })
			if (last?.resolvedById === user.id && last.paidPence === input.paidPence) return b
		}
		const party = await check(tx, user, b, 'resolveAsFunder', now)
		checkSettlementAmount(b, input.paidPence)
		return settle(tx, b, user, party, {
			paidPence: input.paidPence,
			resolution: `Decided by ${user.name} for the funder: ${input.note}`,
			now,
		})
	})
}

function checkSettlementAmount(b: LockedBooking, paidPence: number) {
	if (!Number.isSafeInteger(paidPence) || paidPence < 0 || paidPence > b.totalPence) {
		throw new BookingError(
			'INVALID',
			`Enter an amount from ${formatMoney(0, b.currency)} to ${formatMoney(b.totalPence, b.currency)}, the price of the session`,
			{ field: 'paid' },
		)
	}
}

async function settle(
	tx: Tx,
	b: LockedBooking,
	user: ActingUser,
	party: Party,
	input: { paidPence: number; resolution: string; now: Date },
): Promise<Booking> {
	const open = b.problems[0]!
	if (!b.holdTransferId) throw new BookingError('WRONG_STATE', 'No money is held for this booking.')
	const initiator = await initiatorFor(tx, user, b, party, input.now)
	const held = { ...b, holdTransferId: b.holdTransferId }
	if (input.paidPence > 0) {
		await paySettlement(tx, held, input.paidPence, initiator)
	} else {
		await releaseHold(
			tx,
			held,
			`refunded in full after a problem with the session with ${b.provider.name} on ${shortDayText(b.startsAt)}`,
			initiator,
		)
	}
	await tx.bookingProblem.update({
		where: { id: open.id },
		data: {
			status: 'RESOLVED',
			resolution: input.resolution,
			paidPence: input.paidPence,
			resolvedById: user.id,
			resolvedAt: input.now,
		},
	})
	await tx.booking.update({ where: { id: b.id }, data: { status: 'RESOLVED', confirmedAt: input.now } })
	await event(
		tx,
		b,
		user,
		'RESOLVED',
		`${input.resolution} ${formatMoney(input.paidPence, b.currency)} paid to ${b.provider.name}.`,
	)
	const title = `The problem with the session on ${shortDayText(b.startsAt)} is settled`
	const body = `${input.resolution} ${formatMoney(input.paidPence, b.currency)} was paid to ${b.provider.name}${input.paidPence < b.totalPence ? ' and the rest went back to the budget' : ''}.`
	await tellHolderSide(tx, b, user, title, body, input.now)
	await tellProvider(tx, b, user, title, body)
	return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
}
