import { describe, expect, it } from 'vitest'
import { allowedActions, type BookingFacts, type Party, refusal } from './rules.ts'

const startsAt = new Date('2026-12-08T10:00:00Z')
const endsAt = new Date('2026-12-08T12:00:00Z')
const before = new Date('2026-12-07T10:00:00Z')
const during = new Date('2026-12-08T11:00:00Z')
const after = new Date('2026-12-08T13:00:00Z')
const facts = (status: BookingFacts['status'], problem: BookingFacts['problem'] = null): BookingFacts => ({
	status,
	startsAt,
	endsAt,
	problem,
})

const holder: Party = {
	holderRights: new Set(['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW']),
	isProvider: false,
	isOverseer: false,
}
const viewer: Party = { holderRights: new Set(['VIEW']), isProvider: false, isOverseer: false }
const provider: Party = { holderRights: new Set(), isProvider: true, isOverseer: false }
const staff: Party = { holderRights: new Set(), isProvider: false, isOverseer: true }

describe('what each person may do', () => {
	it('lets the provider answer a request, and the holder cancel it', () => {
		expect([...allowedActions(facts('REQUESTED'), provider, before)].sort()).toEqual(['accept', 'decline', 'message'])
		expect([...allowedActions(facts('ACCEPTED'), provider, before)].sort()).toEqual(['cancel', 'message'])
		expect([...allowedActions(facts('REQUESTED'), holder, before)].sort()).toEqual(['cancel', 'message'])
		expect([...allowedActions(facts('REQUESTED'), viewer, before)]).toEqual(['message'])
		expect([...allowedActions(facts('REQUESTED'), staff, before)]).toEqual([])
	})

	it('confirms or reports once the session has started; marks delivered once it has ended', () => {
		expect(allowedActions(facts('ACCEPTED'), holder, before).has('confirm')).toBe(false)
		expect([...allowedActions(facts('ACCEPTED'), holder, during)].sort()).toEqual([
			'confirm',
			'message',
			'reportProblem',
		])
		expect(allowedActions(facts('ACCEPTED'), provider, during).has('markDelivered')).toBe(false)
		expect(allowedActions(facts('ACCEPTED'), provider, after).has('markDelivered')).toBe(true)
		expect(refusal('cancel', facts('ACCEPTED'), holder, during)?.kind).toBe('state')
	})

	it('tells a missing right apart from a booking that has moved on', () => {
		expect(refusal('confirm', facts('ACCEPTED'), viewer, after)).toEqual({
			kind: 'right',
			message: 'You do not have the right to confirm sessions and release payment for this person.',
		})
		expect(refusal('accept', facts('DECLINED'), provider, before)).toEqual({
			kind: 'state',
			message: 'This booking has already been declined.',
		})
	})

	it('settles a problem by the other side accepting a proposal, or by funder staff', () => {
		const disputed = facts('DISPUTED', { proposedBy: 'provider' })
		expect(allowedActions(disputed, holder, after).has('acceptProposal')).toBe(true)
		expect(refusal('acceptProposal', disputed, provider, after)?.kind).toBe('right')
		expect(allowedActions(disputed, staff, after).has('resolveAsFunder')).toBe(true)
		expect(allowedActions(facts('DISPUTED', { proposedBy: null }), holder, after).has('acceptProposal')).toBe(false)
	})
})
