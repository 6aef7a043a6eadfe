/**
 * Who may do what to a commission, its pledges and its sessions, and when. Pure: the server enforces exactly these
 * rules (commissions.server.ts and the modules beside it), and pages use them to decide which buttons to show.
 *
 * A commission:
 *
 *   OPEN ──confirm (provider once the minimum is reached, or the deadline job)──▶ FUNDED ──last session paid──▶ COMPLETED
 *     │  └──deadline passed below the minimum (job)──▶ FAILED                        │
 *     └──cancel (provider)──▶ CANCELLED ◀──────────────cancel (provider)─────────────┘
 *
 * A pledge (one per holder per commission):
 *
 *   HELD ──confirmed: final share posted (≤ agreed), rest released──▶ POSTED ──provider cancels before any
 *     │                                                                  │      session was paid──▶ REFUNDED
 *     └──withdrawn, commission failed or cancelled──▶ VOIDED             └── some sessions paid: stays POSTED,
 *   (a VOIDED pledge may pledge again while the commission is OPEN)          refundedPence records what came back
 *
 * A session (made at confirmation):
 *
 *   SCHEDULED ──mark delivered (provider, after the end)──▶ DELIVERED ──confirm (member, or automatically after the
 *       │                                                      │        funders' hours)──▶ CONFIRMED (provider paid)
 *       ├──report a problem (member, after the start)──▶ DISPUTED ──funder staff: pay──▶ CONFIRMED
 *       │                                                      └──funder staff: refund──▶ REFUNDED
 *       └──provider cancels the commission──▶ REFUNDED (members get this session's money back)
 */
import type {
	CommissionSessionStatus,
	CommissionStatus,
	DelegatedRight,
	PledgeStatus,
} from '#app/generated/prisma/enums.ts'

export type CommissionAction = 'pledge' | 'withdraw' | 'confirm' | 'cancel' | 'message'
export type SessionAction = 'markDelivered' | 'confirmSession' | 'reportProblem' | 'resolveProblem'

/** How the person relates to the commission, and to the holder the action is for (when there is one). */
export type CommissionParty = {
	/** They own the provider. */
	isProvider: boolean
	/** They started the group, or chose the quote. */
	isOrganiser: boolean
	/** Staff of a member's funder, or an admin: they settle problems with sessions. */
	isOverseer: boolean
	/** Their rights over the holder this is about, as the holder or a live delegate. Empty: none or no holder. */
	holderRights: ReadonlySet<DelegatedRight>
	/** That holder's pledge to this commission, if any. */
	pledge: { status: PledgeStatus } | null
	/** They are on the side of some member (a holder with a pledge): they may read and write the thread. */
	isMemberSide: boolean
}

export type CommissionFacts = {
	status: CommissionStatus
	deadline: Date
	minPledgers: number
	/** Most places (paying members and companions); null: no limit. */
	maxPlaces: number | null
	/** Members with a live pledge (HELD, or POSTED once confirmed). */
	paying: number
	/** Places taken: paying members and their companions. */
	placesTaken: number
	companionsAllowed: boolean
	/**
	 * Someone withdrew, and the shares as things stand would be more than some member agreed to pay: members who
	 * pledged later agreed smaller shares (split among more people). Known where the pledges' agreed amounts are loaded
	 * (fullFactsOf: confirming, the deadline, the commission's page); elsewhere left out, as false.
	 */
	sharesAboveAgreed?: boolean
}

export type SessionFacts = { status: CommissionSessionStatus; startsAt: Date; endsAt: Date }

/** A `right` refusal is about who they are (403); a `state` refusal is about where things are (409). */
export type Refusal = { kind: 'right' | 'state'; message: string }

const right = (message: string): Refusal => ({ kind: 'right', message })
const state = (message: string): Refusal => ({ kind: 'state', message })

/** Places still free, or null when there is no limit. */
export function placesLeft(c: Pick<CommissionFacts, 'maxPlaces' | 'placesTaken'>): number | null {
	return c.maxPlaces === null ? null : Math.max(0, c.maxPlaces - c.placesTaken)
}

export function minimumReached(c: Pick<CommissionFacts, 'paying' | 'minPledgers'>): boolean {
	return c.paying >= c.minPledgers
}

/**
 * Why the person may not do this now, or null when they may. For `pledge`, `places` is how many places the
 * pledge takes (1 + companions).
 */
export function refusal(
	action: CommissionAction,
	c: CommissionFacts,
	party: CommissionParty,
	now: Date,
	places = 1,
): Refusal | null {
	const pastDeadline = now.getTime() >= c.deadline.getTime()
	switch (action) {
		case 'pledge': {
			if (!party.holderRights.has('PAY')) return right('You do not have the right to pledge money for this person.')
			if (c.status !== 'OPEN') return state(`Pledges are closed: this commission ${pastTense(c.status)}.`)
			if (pastDeadline) return state('The deadline for pledges has passed.')
			if (party.pledge && party.pledge.status !== 'VOIDED')
				return state('This person has already pledged to this commission.')
			if (places > 1 && !c.companionsAllowed) return state('This activity does not have places for companions.')
			const left = placesLeft(c)
			if (left !== null && places > left) {
				return state(
					left === 0 ? 'This commission is full.' : `Only ${left} ${left === 1 ? 'place is' : 'places are'} left.`,
				)
			}
			return null
		}
		case 'withdraw':
			if (!party.holderRights.has('PAY')) return right('You do not have the right to withdraw this person’s pledge.')
			if (!party.pledge || party.pledge.status !== 'HELD') return state('There is no pledge to withdraw.')
			if (c.status !== 'OPEN')
				return state(
					`The pledge can no longer be withdrawn: this commission ${pastTense(c.status)}. Its cancellation terms apply.`,
				)
			return null
		case 'confirm':
			if (!party.isProvider) return right('Only the provider can confirm this commission.')
			if (c.status !== 'OPEN') return state(`This commission cannot be confirmed: it ${pastTense(c.status)}.`)
			if (!minimumReached(c)) {
				const short = c.minPledgers - c.paying
				return state(
					`${short} more ${short === 1 ? 'person needs' : 'people need'} to pledge before this can go ahead.`,
				)
			}
			if (c.sharesAboveAgreed) {
				return state(
					'Someone withdrew, so each share would now be more than some members agreed to pay. More people need to pledge before this can go ahead.',
				)
			}
			return null
		case 'cancel':
			if (!party.isProvider) return right('Only the provider can cancel this commission.')
			if (c.status !== 'OPEN' && c.status !== 'FUNDED')
				return state(`This commission cannot be cancelled: it ${pastTense(c.status)}.`)
			return null
		case 'message':
			if (!party.isProvider && !party.isOrganiser && !party.isMemberSide && !party.isOverseer) {
				return right('Only the group’s members, its organiser and the provider can send messages here.')
			}
			return null
	}
}

/** Whether the deadline job should confirm (minimum reached) or fail (not reached) an open commission. */
export function atDeadline(c: CommissionFacts, now: Date): 'confirm' | 'fail' | null {
	if (c.status !== 'OPEN' || now.getTime() < c.deadline.getTime()) return null
	return minimumReached(c) && !c.sharesAboveAgreed ? 'confirm' : 'fail'
}

export function sessionRefusal(
	action: SessionAction,
	commission: CommissionStatus,
	s: SessionFacts,
	party: CommissionParty,
	now: Date,
): Refusal | null {
	const started = now.getTime() >= s.startsAt.getTime()
	const ended = now.getTime() >= s.endsAt.getTime()
	const member = party.pledge?.status === 'POSTED'
	if (commission !== 'FUNDED' && action !== 'resolveProblem') return state(`This commission ${pastTense(commission)}.`)
	switch (action) {
		case 'markDelivered':
			if (!party.isProvider) return right('Only the provider can mark a session as delivered.')
			if (s.status !== 'SCHEDULED') return state(`This session has already been ${sessionPastTense(s.status)}.`)
			if (!ended) return state('You can mark the session as delivered once it has ended.')
			return null
		case 'confirmSession':
			if (!member || !party.holderRights.has('PAY'))
				return right('Only a member, or someone who can pay for them, can confirm a session.')
			if (s.status !== 'SCHEDULED' && s.status !== 'DELIVERED')
				return state(`This session has already been ${sessionPastTense(s.status)}.`)
			if (!started) return state('You can confirm the session once it has started.')
			return null
		case 'reportProblem':
			if (!member || (!party.holderRights.has('PAY') && !party.holderRights.has('BOOK'))) {
				return right('Only a member, or someone acting for them, can report a problem with a session.')
			}
			if (s.status === 'DISPUTED') return state('A problem has already been reported with this session.')
			if (s.status !== 'SCHEDULED' && s.status !== 'DELIVERED')
				return state(`A problem cannot be reported now: this session has been ${sessionPastTense(s.status)}.`)
			if (!started) return state('You can report a problem once the session has started.')
			return null
		case 'resolveProblem':
			if (!party.isOverseer) return right('Only staff of a member’s funder can settle a problem with a session.')
			if (s.status !== 'DISPUTED') return state('There is no open problem with this session.')
			return null
	}
}

export function allowedActions(c: CommissionFacts, party: CommissionParty, now: Date): Set<CommissionAction> {
	const all: CommissionAction[] = ['pledge', 'withdraw', 'confirm', 'cancel', 'message']
	return new Set(all.filter((a) => refusal(a, c, party, now) === null))
}

export function allowedSessionActions(
	commission: CommissionStatus,
	s: SessionFacts,
	party: CommissionParty,
	now: Date,
): Set<SessionAction> {
	const all: SessionAction[] = ['markDelivered', 'confirmSession', 'reportProblem', 'resolveProblem']
	return new Set(all.filter((a) => sessionRefusal(a, commission, s, party, now) === null))
}

// ───────────────────────────── Transitions (the diagrams above, as tables) ─────────────────────────────

export type CommissionEvent = 'confirm' | 'fail' | 'cancel' | 'complete'
const COMMISSION_NEXT: Record<CommissionStatus, Partial<Record<CommissionEvent, CommissionStatus>>> = {
	OPEN: { confirm: 'FUNDED', fail: 'FAILED', cancel: 'CANCELLED' },
	FUNDED: { cancel: 'CANCELLED', complete: 'COMPLETED' },
	FAILED: {},
	CANCELLED: {},
	COMPLETED: {},
}
export function nextCommissionStatus(status: CommissionStatus, event: CommissionEvent): CommissionStatus | null {
	return COMMISSION_NEXT[status][event] ?? null
}

export type PledgeEvent = 'post' | 'void' | 'refundAll' | 'pledgeAgain'
const PLEDGE_NEXT: Record<PledgeStatus, Partial<Record<PledgeEvent, PledgeStatus>>> = {
	HELD: { post: 'POSTED', void: 'VOIDED' },
	POSTED: { refundAll: 'REFUNDED' },
	VOIDED: { pledgeAgain: 'HELD' },
	REFUNDED: {},
}
export function nextPledgeStatus(status: PledgeStatus, event: PledgeEvent): PledgeStatus | null {
	return PLEDGE_NEXT[status][event] ?? null
}

export type SessionEvent = 'deliver' | 'confirm' | 'report' | 'pay' | 'refund'
const SESSION_NEXT: Record<CommissionSessionStatus, Partial<Record<SessionEvent, CommissionSessionStatus>>> = {
	SCHEDULED: { deliver: 'DELIVERED', confirm: 'CONFIRMED', report: 'DISPUTED', refund: 'REFUNDED' },
	DELIVERED: { confirm: 'CONFIRMED', report: 'DISPUTED', refund: 'REFUNDED' },
	DISPUTED: { pay: 'CONFIRMED', refund: 'REFUNDED' },
	CONFIRMED: {},
	REFUNDED: {},
}
export function nextSessionStatus(
	status: CommissionSessionStatus,
	event: SessionEvent,
): CommissionSessionStatus | null {
	return SESSION_NEXT[status][event] ?? null
}

// ───────────────────────────── Words ─────────────────────────────

function pastTense(status: CommissionStatus): string {
	switch (status) {
		case 'OPEN':
			return 'is still collecting pledges'
		case 'FUNDED':
			return 'has been confirmed'
		case 'FAILED':
			return 'did not reach its minimum by the deadline'
		case 'CANCELLED':
			return 'was cancelled'
		case 'COMPLETED':
			return 'has been completed'
	}
}

function sessionPastTense(status: CommissionSessionStatus): string {
	switch (status) {
		case 'SCHEDULED':
			return 'scheduled'
		case 'DELIVERED':
			return 'marked as delivered'
		case 'CONFIRMED':
			return 'confirmed and paid'
		case 'DISPUTED':
			return 'reported as a problem'
		case 'REFUNDED':
			return 'refunded to the members'
	}
}

export const commissionStatusLabels: Record<CommissionStatus, string> = {
	OPEN: 'Collecting pledges',
	FUNDED: 'Going ahead: money taken and held for the sessions',
	FAILED: 'Did not go ahead: every pledge returned',
	CANCELLED: 'Cancelled by the provider: undelivered sessions refunded',
	COMPLETED: 'Completed: every session delivered and paid',
}

export const pledgeStatusLabels: Record<PledgeStatus, string> = {
	HELD: 'Set aside: nothing is taken unless it goes ahead',
	POSTED: 'Paid into the group’s money',
	VOIDED: 'Returned to the budget',
	REFUNDED: 'Refunded to the budget',
}

export const sessionStatusLabels: Record<CommissionSessionStatus, string> = {
	SCHEDULED: 'Coming up',
	DELIVERED: 'Delivered: waiting for confirmation',
	CONFIRMED: 'Delivered and paid',
	DISPUTED: 'Problem reported: payment waits for the funder',
	REFUNDED: 'Not delivered: refunded to the members',
}
