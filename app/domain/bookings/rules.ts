/**
 * Who may do what to a booking, and when. Pure: the server enforces exactly these rules, and pages use them to
 * decide which buttons to show, so the two never disagree.
 *
 *   REQUESTED ──accept──▶ ACCEPTED ──mark delivered (provider, after the end)──▶ DELIVERED
 *       │ decline / cancel      │ cancel (before the start)                          │
 *       ▼                       ├──confirm (holder side, after the start)──▶ CONFIRMED ◀── confirmed automatically
 *   DECLINED / CANCELLED        └──report a problem──▶ DISPUTED ──resolved──▶ RESOLVED      (48 hours after delivery)
 */
import type { BookingStatus, DelegatedRight } from '#app/generated/prisma/enums.ts'

export type BookingAction =
	| 'accept'
	| 'decline'
	| 'cancel'
	| 'markDelivered'
	| 'confirm'
	| 'reportProblem'
	| 'proposeResolution'
	| 'acceptProposal'
	| 'resolveAsFunder'
	| 'message'

/** How the person relates to this booking. */
export type Party = {
	/** Their rights over the holder as the holder or a delegate (not oversight). Empty: not on the holder's side. */
	holderRights: ReadonlySet<DelegatedRight>
	/** They own the provider. */
	isProvider: boolean
	/** Staff of the holder's funder, or an admin: they can see the booking and settle a problem. */
	isOverseer: boolean
}

export type BookingFacts = {
	status: BookingStatus
	startsAt: Date
	endsAt: Date
	/** The open problem, if any, and who proposed a settlement. */
	problem: { proposedBy: 'holder' | 'provider' | null } | null
}

/** Bookings that take the provider's time and can still happen or be paid. */
export const LIVE_STATUSES: BookingStatus[] = [
	'REQUESTED',
	'ACCEPTED',
	'DELIVERED',
	'CONFIRMED',
	'DISPUTED',
	'RESOLVED',
]

export function sides(party: Party): { holder: boolean; provider: boolean } {
	return { holder: party.holderRights.size > 0, provider: party.isProvider }
}

/**
 * Why the person may not do this now, or null when they may. A `right` refusal is about who they are (403); a
 * `state` refusal is about where the booking is (409): it was already answered, has not happened yet, and so on.
 */
export type Refusal = { kind: 'right' | 'state'; message: string }

const right = (message: string): Refusal => ({ kind: 'right', message })
const state = (message: string): Refusal => ({ kind: 'state', message })

export function refusal(action: BookingAction, b: BookingFacts, party: Party, now: Date): Refusal | null {
	const started = now.getTime() >= b.startsAt.getTime()
	const ended = now.getTime() >= b.endsAt.getTime()
	const has = (r: DelegatedRight) => party.holderRights.has(r)
	switch (action) {
		case 'accept':
		case 'decline':
			if (!party.isProvider) return right('Only the provider can answer a booking request.')
			if (b.status !== 'REQUESTED') return state(`This booking has already been ${pastTense(b.status)}.`)
			if (action === 'accept' && started)
				return state('The time of this session has passed, so it can no longer be accepted. Decline it instead.')
			return null
		case 'cancel':
			if (!party.isProvider && !has('BOOK'))
				return right('You do not have the right to cancel bookings for this person.')
			if (!has('BOOK') && b.status === 'REQUESTED')
				return state('Answer the request instead: decline it if you cannot take it, saying why.')
			if (b.status !== 'REQUESTED' && b.status !== 'ACCEPTED')
				return state(`This booking cannot be cancelled: it has already been ${pastTense(b.status)}.`)
			if (started)
				return state(
					'This session has already started, so it cannot be cancelled. If something went wrong, report a problem.',
				)
			return null
		case 'markDelivered':
			if (!party.isProvider) return right('Only the provider can mark a session as delivered.')
			if (b.status !== 'ACCEPTED')
				return state(`This booking cannot be marked as delivered: it has been ${pastTense(b.status)}.`)
			if (!ended) return state('You can mark the session as delivered once it has ended.')
			return null
		case 'confirm':
			if (!has('PAY'))
				return right('You do not have the right to confirm sessions and release payment for this person.')
			if (b.status !== 'ACCEPTED' && b.status !== 'DELIVERED')
				return state(`This booking cannot be confirmed: it has been ${pastTense(b.status)}.`)
			if (!started) return state('You can confirm the session once it has started.')
			return null
		case 'reportProblem':
			if (!has('BOOK') && !has('PAY'))
				return right('You do not have the right to report problems with this person’s bookings.')
			if (b.status !== 'ACCEPTED' && b.status !== 'DELIVERED') {
				return state(
					b.status === 'DISPUTED'
						? 'A problem has already been reported with this session.'
						: `A problem cannot be reported now: this booking has been ${pastTense(b.status)}.`,
				)
			}
			if (!started)
				return state('You can report a problem once the session has started. Before then you can cancel it.')
			return null
		case 'proposeResolution':
			if (!party.isProvider && !has('PAY'))
				return right(
					'Only the provider, or someone who can pay for this person, can propose how to settle the problem.',
				)
			if (b.status !== 'DISPUTED' || !b.problem) return state('There is no open problem with this booking.')
			return null
		case 'acceptProposal': {
			if (b.status !== 'DISPUTED' || !b.problem) return state('There is no open problem with this booking.')
			const by = b.problem.proposedBy
			if (!by) return state('Nobody has proposed how to settle this problem yet.')
			const otherSide = by === 'holder' ? party.isProvider : has('PAY')
			if (!otherSide) return right('The proposal must be accepted by the other side.')
			return null
		}
		case 'resolveAsFunder':
			if (!party.isOverseer) return right('Only staff of the holder’s funder can settle a problem this way.')
			if (b.status !== 'DISPUTED' || !b.problem) return state('There is no open problem with this booking.')
			return null
		case 'message':
			if (!party.isProvider && party.holderRights.size === 0)
				return right('Only the people on this booking can send messages about it.')
			return null
	}
}

export function allowedActions(b: BookingFacts, party: Party, now: Date): Set<BookingAction> {
	const all: BookingAction[] = [
		'accept',
		'decline',
		'cancel',
		'markDelivered',
		'confirm',
		'reportProblem',
		'proposeResolution',
		'acceptProposal',
		'resolveAsFunder',
		'message',
	]
	return new Set(all.filter((a) => refusal(a, b, party, now) === null))
}

function pastTense(status: BookingStatus): string {
	switch (status) {
		case 'REQUESTED':
			return 'requested and is waiting for an answer'
		case 'ACCEPTED':
			return 'accepted'
		case 'DECLINED':
			return 'declined'
		case 'CANCELLED':
			return 'cancelled'
		case 'DELIVERED':
			return 'marked as delivered'
		case 'CONFIRMED':
			return 'confirmed and paid'
		case 'DISPUTED':
			return 'reported as a problem'
		case 'RESOLVED':
			return 'settled after a problem'
	}
}

export const statusLabels: Record<BookingStatus, string> = {
	REQUESTED: 'Waiting for the provider to answer',
	ACCEPTED: 'Booked',
	DECLINED: 'Declined by the provider',
	CANCELLED: 'Cancelled',
	DELIVERED: 'Delivered: waiting for confirmation',
	CONFIRMED: 'Delivered and paid',
	DISPUTED: 'Problem reported: money held until it is settled',
	RESOLVED: 'Problem settled',
}
