import { describe, expect, test } from 'vitest'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import {
	allowedActions,
	atDeadline,
	type CommissionFacts,
	type CommissionParty,
	nextCommissionStatus,
	nextPledgeStatus,
	nextSessionStatus,
	placesLeft,
	refusal,
	sessionRefusal,
	type SessionFacts,
} from './rules.ts'

const now = new Date('2026-12-10T12:00:00Z')
const later = new Date('2026-12-20T12:00:00Z')
const earlier = new Date('2026-12-01T12:00:00Z')

const open = (over: Partial<CommissionFacts> = {}): CommissionFacts => ({
	status: 'OPEN',
	deadline: later,
	minPledgers: 3,
	maxPlaces: 5,
	paying: 2,
	placesTaken: 2,
	companionsAllowed: true,
	...over,
})

const nobody: CommissionParty = {
	isProvider: false,
	isOrganiser: false,
	isOverseer: false,
	holderRights: new Set(),
	pledge: null,
	isMemberSide: false,
}
const payer = (
	pledge: CommissionParty['pledge'] = null,
	rights: DelegatedRight[] = ['VIEW', 'PAY'],
): CommissionParty => ({
	...nobody,
	holderRights: new Set(rights),
	pledge,
	isMemberSide: pledge !== null,
})
const provider: CommissionParty = { ...nobody, isProvider: true }
const staff: CommissionParty = { ...nobody, isOverseer: true }

describe('commission actions', () => {
	test.each<[string, CommissionFacts, CommissionParty, number, 'right' | 'state' | null]>([
		['a holder pledges to an open commission', open(), payer(), 1, null],
		['someone without PAY cannot pledge', open(), payer(null, ['VIEW', 'BOOK']), 1, 'right'],
		['no pledge after the deadline', open({ deadline: earlier }), payer(), 1, 'state'],
		['no pledge when full', open({ placesTaken: 5 }), payer(), 1, 'state'],
		['no pledge with companions beyond the places left', open({ placesTaken: 4 }), payer(), 2, 'state'],
		['no companions where the offer does not allow them', open({ companionsAllowed: false }), payer(), 2, 'state'],
		['no second pledge', open(), payer({ status: 'HELD' }), 1, 'state'],
		['pledge again after withdrawing', open(), payer({ status: 'VOIDED' }), 1, null],
		['no pledge to a confirmed commission', open({ status: 'FUNDED' }), payer(), 1, 'state'],
		['no limit: always a place', open({ maxPlaces: null, placesTaken: 400 }), payer(), 1, null],
	])('pledge: %s', (_name, c, party, places, expected) => {
		expect(refusal('pledge', c, party, now, places)?.kind ?? null).toBe(expected)
	})

	test.each<[string, CommissionFacts, CommissionParty, 'right' | 'state' | null]>([
		['withdraw a held pledge', open(), payer({ status: 'HELD' }), null],
		['nothing to withdraw', open(), payer(), 'state'],
		['not after confirmation', open({ status: 'FUNDED' }), payer({ status: 'HELD' }), 'state'],
		['not without PAY', open(), payer({ status: 'HELD' }, ['VIEW']), 'right'],
	])('withdraw: %s', (_name, c, party, expected) => {
		expect(refusal('withdraw', c, party, now)?.kind ?? null).toBe(expected)
	})

	test.each<[string, CommissionFacts, CommissionParty, 'right' | 'state' | null]>([
		['the provider confirms at the minimum', open({ paying: 3 }), provider, null],
		['not below the minimum', open({ paying: 2 }), provider, 'state'],
		['only the provider', open({ paying: 3 }), payer({ status: 'HELD' }), 'right'],
		['not twice', open({ status: 'FUNDED', paying: 3 }), provider, 'state'],
		[
			'not when, after a withdrawal, the shares are above what members agreed',
			open({ paying: 3, sharesAboveAgreed: true }),
			provider,
			'state',
		],
	])('confirm: %s', (_name, c, party, expected) => {
		expect(refusal('confirm', c, party, now)?.kind ?? null).toBe(expected)
	})

	test.each<[CommissionFacts['status'], 'right' | 'state' | null]>([
		['OPEN', null],
		['FUNDED', null],
		['FAILED', 'state'],
		['CANCELLED', 'state'],
		['COMPLETED', 'state'],
	])('the provider cancels a %s commission', (status, expected) => {
		expect(refusal('cancel', open({ status }), provider, now)?.kind ?? null).toBe(expected)
		expect(refusal('cancel', open({ status }), payer({ status: 'HELD' }), now)?.kind).toBe('right')
	})

	test('the refusal says how many more people are needed', () => {
		expect(refusal('confirm', open({ paying: 1 }), provider, now)?.message).toBe(
			'2 more people need to pledge before this can go ahead.',
		)
	})

	test('buttons: a member with a held pledge may withdraw and message, not pledge again', () => {
		expect(allowedActions(open(), payer({ status: 'HELD' }), now)).toEqual(new Set(['withdraw', 'message']))
		expect(allowedActions(open({ paying: 3 }), provider, now)).toEqual(new Set(['confirm', 'cancel', 'message']))
		expect(allowedActions(open(), nobody, now)).toEqual(new Set())
	})

	test('places left and the deadline', () => {
		expect(placesLeft(open())).toBe(3)
		expect(placesLeft(open({ maxPlaces: null }))).toBeNull()
		expect(atDeadline(open(), now)).toBeNull()
		expect(atDeadline(open({ deadline: earlier }), now)).toBe('fail')
		expect(atDeadline(open({ deadline: earlier, paying: 3 }), now)).toBe('confirm')
		expect(atDeadline(open({ deadline: earlier, status: 'FAILED' }), now)).toBeNull()
		// Enough people, but a withdrawal left some members' agreed shares short: it fails and everyone is paid back.
		expect(atDeadline(open({ deadline: earlier, paying: 3, sharesAboveAgreed: true }), now)).toBe('fail')
	})

	test('the refusal says why a withdrawal stops it going ahead', () => {
		expect(refusal('confirm', open({ paying: 3, sharesAboveAgreed: true }), provider, now)?.message).toBe(
			'Someone withdrew, so each share would now be more than some members agreed to pay. More people need to pledge before this can go ahead.',
		)
	})
})

describe('session actions', () => {
	const past: SessionFacts = {
		status: 'SCHEDULED',
		startsAt: new Date('2026-12-09T10:00:00Z'),
		endsAt: new Date('2026-12-09T11:00:00Z'),
	}
	const future: SessionFacts = { ...past, startsAt: later, endsAt: new Date(later.getTime() + 3_600_000) }
	const member = payer({ status: 'POSTED' })

	test.each<[string, Parameters<typeof sessionRefusal>[0], SessionFacts, CommissionParty, 'right' | 'state' | null]>([
		['the provider marks a past session delivered', 'markDelivered', past, provider, null],
		['not before it ended', 'markDelivered', future, provider, 'state'],
		['a member cannot mark it delivered', 'markDelivered', past, member, 'right'],
		['a member confirms a delivered session', 'confirmSession', { ...past, status: 'DELIVERED' }, member, null],
		['a member confirms a session that started', 'confirmSession', past, member, null],
		['not before it started', 'confirmSession', future, member, 'state'],
		['not someone whose pledge was voided', 'confirmSession', past, payer({ status: 'VOIDED' }), 'right'],
		['not twice', 'confirmSession', { ...past, status: 'CONFIRMED' }, member, 'state'],
		['a member with BOOK reports a problem', 'reportProblem', past, payer({ status: 'POSTED' }, ['BOOK']), null],
		['not twice', 'reportProblem', { ...past, status: 'DISPUTED' }, member, 'state'],
		['funder staff settle a problem', 'resolveProblem', { ...past, status: 'DISPUTED' }, staff, null],
		['a member cannot settle it', 'resolveProblem', { ...past, status: 'DISPUTED' }, member, 'right'],
		['nothing to settle', 'resolveProblem', past, staff, 'state'],
	])('%s', (_name, action, s, party, expected) => {
		expect(sessionRefusal(action, 'FUNDED', s, party, now)?.kind ?? null).toBe(expected)
	})

	test('nothing happens to the sessions of a cancelled commission', () => {
		expect(sessionRefusal('markDelivered', 'CANCELLED', past, provider, now)?.kind).toBe('state')
	})
})

describe('transitions', () => {
	test.each([
		['OPEN', 'confirm', 'FUNDED'],
		['OPEN', 'fail', 'FAILED'],
		['OPEN', 'cancel', 'CANCELLED'],
		['FUNDED', 'cancel', 'CANCELLED'],
		['FUNDED', 'complete', 'COMPLETED'],
		['FUNDED', 'fail', null],
		['FAILED', 'confirm', null],
		['COMPLETED', 'cancel', null],
	] as const)('commission %s --%s--> %s', (from, event, to) => {
		expect(nextCommissionStatus(from, event)).toBe(to)
	})

	test.each([
		['HELD', 'post', 'POSTED'],
		['HELD', 'void', 'VOIDED'],
		['POSTED', 'void', null],
		['POSTED', 'refundAll', 'REFUNDED'],
		['VOIDED', 'pledgeAgain', 'HELD'],
		['VOIDED', 'post', null],
		['REFUNDED', 'refundAll', null],
	] as const)('pledge %s --%s--> %s', (from, event, to) => {
		expect(nextPledgeStatus(from, event)).toBe(to)
	})

	test.each([
		['SCHEDULED', 'deliver', 'DELIVERED'],
		['DELIVERED', 'confirm', 'CONFIRMED'],
		['DELIVERED', 'report', 'DISPUTED'],
		['DISPUTED', 'pay', 'CONFIRMED'],
		['DISPUTED', 'refund', 'REFUNDED'],
		['CONFIRMED', 'refund', null],
	] as const)('session %s --%s--> %s', (from, event, to) => {
		expect(nextSessionStatus(from, event)).toBe(to)
	})
})
