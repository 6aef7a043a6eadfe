/**
 * A booking's life after the request, each change one transaction under the booking's lock (locking.server.ts),
 * idempotent (asking twice does it once), its money through the one door (money.server.ts):
 *  - accept: the price plus any fee shown is held (a pending transfer from the budget to held funds);
 *  - decline, cancel in time, provider cancels: nothing was held, or the hold is released;
 *  - cancel late: the provider's stated charge is paid from the hold, the rest released;
 *  - mark delivered, then confirm (the holder's side, or automatically later: jobs.server.ts): the hold is paid to
 *    the provider and a payout starts at once, free.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { Booking } from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { Tx } from '#app/utils/transaction.server.ts'
import { holderSideRole, holderSideUserIds, partyFor } from './access.server.ts'
import { BookingError } from './errors.ts'
import {
	type ActingUser,
	change,
	check,
	event,
	initiatorFor,
	type LockedBooking,
	seriesIn,
	seriesWords,
	tellHolderSide,
	tellProvider,
} from './locking.server.ts'
import {
	agreedPlan,
	formatMoney,
	holdForBooking,
	type Initiator,
	isMoneyError,
	lineFor,
	payForSession,
	payLateCancellation,
	type Plan,
	releaseHold,
	sendPayoutSoon,
} from './money.server.ts'
import { cancellationCharge } from './pricing.ts'
import { shortDayText } from '#app/utils/dates.ts'

/**
 * The provider accepts (every week of a weekly request at once): the money is held from the holder's budget,
 * against the booking's budget line. If the budget cannot cover it, nothing changes and both sides are told.
 */
export async function acceptBooking(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	try {
		return await change(bookingId, async (tx, b) => {
			if (user.system) throw new BookingError('FORBIDDEN', 'Only the provider can accept a booking.')
			// Accepted already (a second click): the same answer again, nothing more.
			if (b.status === 'ACCEPTED' && (await partyFor(tx, user, b, now)).isProvider) return b
			await check(tx, user, b, 'accept', now)
			const list = (await seriesIn(tx, b, 'REQUESTED')).filter((one) => one.startsAt.getTime() > now.getTime())
			const initiator: Initiator = {
				userId: b.bookedById,
				role: await holderSideRole(tx, b.bookedById, b.holderId, now),
			}
			const plan = await agreedPlan(tx, b.holderId)
			for (const one of list) {
				const amount = one.totalPence + one.feePence
				// A budget line of a plan since replaced: record it against the new plan's line for the same kind of support.
				const lineId = currentLine(one, plan)
				const hold = await holdForBooking(tx, one, lineId, initiator)
				await tx.booking.update({
					where: { id: one.id },
					data: { status: 'ACCEPTED', holdTransferId: hold.id, budgetLineId: lineId },
				})
				await event(tx, one, user, 'ACCEPTED', `${formatMoney(amount, one.currency)} held from the budget`)
			}
			await tellHolderSide(
				tx,
				b,
				user,
				`${b.provider.name} accepted your booking`,
				`${b.provider.name} will provide “${b.service.title}” on ${seriesWords(list)}. The money is set aside in the budget until the session is confirmed.`,
				now,
			)
			return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
		})
	} catch (error) {
		if (!isMoneyError(error)) throw error
		const b = await prisma.booking.findUniqueOrThrow({
			where: { id: bookingId },
			select: { holderId: true, holder: { select: { displayName: true } }, provider: { select: { name: true } } },
		})
		const title = `${b.provider.name} could not accept your booking yet`
		const link = `/bookings/${bookingId}`
		// The holder's side is told what to do, once a day however often the provider tries; the provider is not told
		// how much is in the budget (that is the holder's business).
		const toldToday = await prisma.notification.count({
			where: { link, title, createdAt: { gt: new Date(now.getTime() - 86_400_000) } },
		})
		if (toldToday === 0) {
			await notify(prisma, {
				userIds: await holderSideUserIds(prisma, b.holderId, now),
				title,
				body: `${b.provider.name} tried to accept your booking, but the money could not be set aside for it: ${error.message} Add money or change the plan's lines, and let ${b.provider.name} know.`,
				link,
			})
		}
		throw new BookingError(
			'WRONG_STATE',
			`The money for this booking cannot be set aside from ${b.holder.displayName}’s budget right now, so it cannot be accepted yet. We have told them; you can accept once they have sorted it out, or decline.`,
		)
	}
}

/** The holder's trail (ADR 020): who did this to the holder's booking, as whom, under which right, in this transaction. */
async function trailEntry(
	tx: Tx,
	user: ActingUser,
	b: LockedBooking,
	initiator: Initiator,
	action: string,
	right: string,
	extra: Record<string, number>,
) {
	if (user.system) return
	await tx.auditLog.create({
		data: {
			actorId: user.id,
			holderId: b.holderId,
			action,
			entityType: 'Booking',
			entityId: b.id,
			detail: {
				as: initiator.role,
				right,
				provider: b.provider.name,
				service: b.service.title,
				startsAt: b.startsAt.toISOString(),
				totalPence: b.totalPence + b.feePence,
				currency: b.currency,
				...extra,
			},
		},
	})
}

/** The booking's budget line if it is on the agreed plan; otherwise the plan's line for the service's category, or none. */
function currentLine(b: LockedBooking, plan: Plan): string | null {
	if (b.budgetLineId === null) return null
	if (plan?.lines.some((l) => l.id === b.budgetLineId)) return b.budgetLineId
	return lineFor(plan, b.service.categorySlug)
}

/** The provider declines, with a reason (every week of a weekly request). Nothing was held, so nothing moves. */
export async function declineBooking(
	user: ActingUser,
	bookingId: string,
	reason: string,
	now: Date = clockNow(),
): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'DECLINED' && b.declineReason === reason) return b
		await check(tx, user, b, 'decline', now)
		const list = await seriesIn(tx, b, 'REQUESTED')
		for (const one of list) {
			await tx.booking.update({ where: { id: one.id }, data: { status: 'DECLINED', declineReason: reason } })
			await event(tx, one, user, 'DECLINED', reason)
		}
		await tellHolderSide(
			tx,
			b,
			user,
			`${b.provider.name} cannot take your booking`,
			`${b.provider.name} declined “${b.service.title}” on ${seriesWords(list)}: ${reason}. Nothing was taken from the budget.`,
			now,
		)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

export type CancelResult = { booking: Booking; chargePence: number }

/**
 * Cancels a session. A request not yet answered is cancelled with every week of it. An accepted session is
 * cancelled on its own: free up to 24 hours before; later, the provider's stated charge is paid from the hold and
 * the rest released. A provider cancelling always frees all of the holder's money.
 */
export async function cancelBooking(
	user: ActingUser,
	bookingId: string,
	reason: string | null,
	now: Date = clockNow(),
	/** What the page said cancelling would cost. If the cost has changed since (the 24 hours passed), nothing is cancelled. */
	expectedChargePence?: number | null,
): Promise<CancelResult> {
	const result = await change(bookingId, async (tx, b) => {
		if (b.status === 'CANCELLED' && b.cancelledById === user.id)
			return { booking: b as Booking, chargePence: b.cancellationChargePence ?? 0, payoutId: null }
		const party = await check(tx, user, b, 'cancel', now)
		const byProvider = party.isProvider && party.holderRights.size === 0
		if (expectedChargePence !== undefined && expectedChargePence !== null && b.status === 'ACCEPTED') {
			const charge = cancellationCharge({
				totalPence: b.totalPence,
				lateCancelPercent: b.lateCancelPercent,
				startsAt: b.startsAt,
				now,
				byProvider,
			})
			if (charge !== expectedChargePence) {
				throw new BookingError(
					'WRONG_STATE',
					`It is now less than 24 hours before the session, so cancelling costs ${formatMoney(charge, b.currency)}, not ${formatMoney(expectedChargePence, b.currency)}. Nothing has been cancelled: check and cancel again if you still want to.`,
				)
			}
		}
		const initiator = await initiatorFor(tx, user, b, party, now)
		const list = b.status === 'REQUESTED' ? await seriesIn(tx, b, 'REQUESTED') : [b]
		let chargePence = 0
		let payoutId: string | null = null
		for (const one of list) {
			let charge = 0
			if (one.status === 'ACCEPTED' && one.holdTransferId) {
				charge = cancellationCharge({
					totalPence: one.totalPence,
					lateCancelPercent: one.lateCancelPercent,
					startsAt: one.startsAt,
					now,
					byProvider,
				})
				if (charge > 0) {
					payoutId = await payLateCancellation(tx, { ...one, holdTransferId: one.holdTransferId }, charge, initiator)
				} else {
					await releaseHold(
						tx,
						{ ...one, holdTransferId: one.holdTransferId },
						`the booking with ${one.provider.name} on ${shortDayText(one.startsAt)} was cancelled`,
						initiator,
					)
				}
			}
			await tx.booking.update({
				where: { id: one.id },
				data: {
					status: 'CANCELLED',
					cancelledById: user.id,
					cancelledAt: now,
					cancelReason: reason,
					cancellationChargePence: charge > 0 ? charge : null,
				},
			})
			await event(
				tx,
				one,
				user,
				'CANCELLED',
				[reason, charge > 0 ? `Cancellation charge ${formatMoney(charge, one.currency)}` : null]
					.filter(Boolean)
					.join('. ') || null,
			)
			chargePence += charge
		}
		const who = user.system ? 'Budget Market' : user.name
		const why = reason ? ` The reason given: ${reason}` : ''
		const money =
			b.status === 'REQUESTED'
				? ''
				: chargePence > 0
					? ` As it was less than 24 hours before, the cancellation charge of ${formatMoney(chargePence, b.currency)} was paid to ${b.provider.name} and the rest went back to the budget.`
					: ' The money set aside for it is back in the budget.'
		const title = `${b.service.title} on ${shortDayText(b.startsAt)} was cancelled`
		const body = `${who} cancelled ${seriesWords(list)}.${why}${money}`
		if (byProvider) await tellHolderSide(tx, b, user, title, body, now)
		else {
			await tellProvider(tx, b, user, title, body)
			await trailEntry(tx, user, b, initiator, 'BOOKING_CANCELLED', 'BOOK', {
				sessions: list.length,
				chargePence,
			})
			// Someone else cancelled in the holder's name: the holder's side hears of it too.
			if (initiator.role !== 'HOLDER') await tellHolderSide(tx, b, user, title, body, now)
		}
		return { booking: await tx.booking.findUniqueOrThrow({ where: { id: b.id } }), chargePence, payoutId }
	})
	if (result.payoutId) void sendPayoutSoon(result.payoutId)
	return { booking: result.booking, chargePence: result.chargePence }
}

/** The provider says the session happened. Unless a problem is reported it is confirmed automatically later. */
export async function markDelivered(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	return change(bookingId, async (tx, b) => {
		if (b.status === 'DELIVERED') return b
		await check(tx, user, b, 'markDelivered', now)
		const hours = b.holder.funder.autoConfirmHours
		const autoConfirmAt = new Date(now.getTime() + hours * 3_600_000)
		await tx.booking.update({ where: { id: b.id }, data: { status: 'DELIVERED', deliveredAt: now, autoConfirmAt } })
		await event(tx, b, user, 'DELIVERED')
		await tellHolderSide(
			tx,
			b,
			user,
			`${b.provider.name} says the session on ${shortDayText(b.startsAt)} happened`,
			`Please confirm it, or report a problem. If you do neither, it is confirmed automatically and ${b.provider.name} is paid ${hours} hours after being marked delivered.`,
			now,
		)
		return tx.booking.findUniqueOrThrow({ where: { id: b.id } })
	})
}

/**
 * Delivery confirmed (by the holder's side, or automatically): the hold is paid to the provider, with exactly the
 * fee that was shown, and the payout starts at once.
 */
export async function confirmBooking(user: ActingUser, bookingId: string, now: Date = clockNow()): Promise<Booking> {
	const result = await change(bookingId, async (tx, b) => {
		if (b.status === 'CONFIRMED') return { booking: b as Booking, payoutId: null }
		const party = await check(tx, user, b, 'confirm', now)
		if (!b.holdTransferId) throw new BookingError('WRONG_STATE', 'No money is held for this booking.')
		const initiator = await initiatorFor(tx, user, b, party, now)
		const payoutId = await payForSession(tx, { ...b, holdTransferId: b.holdTransferId }, initiator)
		await tx.booking.update({
			where: { id: b.id },
			data: { status: 'CONFIRMED', confirmedAt: now, autoConfirmAt: null },
		})
		await event(
			tx,
			b,
			user,
			user.system ? 'CONFIRMED_AUTOMATICALLY' : 'CONFIRMED',
			`${formatMoney(b.totalPence, b.currency)} paid to ${b.provider.name}`,
		)
		const body = `${formatMoney(b.totalPence, b.currency)} for “${b.service.title}” on ${shortDayText(b.startsAt)} has been paid${user.system ? ' (confirmed automatically, as no problem was reported)' : ''}.`
		if (party.holderRights.size > 0) await trailEntry(tx, user, b, initiator, 'BOOKING_CONFIRMED', 'PAY', {})
		await tellProvider(
			tx,
			b,
			user,
			`Payment on its way for ${shortDayText(b.startsAt)}`,
			`${body} The payout has started.`,
		)
		// Confirmed automatically, or by someone else in the holder's name: the holder's side hears of it (ADR 025).
		if (user.system) await tellHolderSide(tx, b, user, `Session on ${shortDayText(b.startsAt)} confirmed`, body, now)
		else if (party.holderRights.size > 0 && initiator.role !== 'HOLDER') {
			await tellHolderSide(tx, b, user, `${user.name} confirmed the session on ${shortDayText(b.startsAt)}`, body, now)
		}
		return { booking: await tx.booking.findUniqueOrThrow({ where: { id: b.id } }), payoutId }
	})
	if (result.payoutId) void sendPayoutSoon(result.payoutId)
	return result.booking
}
