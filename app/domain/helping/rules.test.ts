import { describe, expect, it } from 'vitest'
import { canAnswerProposal, canAnswerShortlist, canEditShortlist, canSendShortlist } from './rules.ts'

describe('shortlist rules', () => {
	it.each([
		['DRAFT', true, true, false],
		['SENT', false, false, true],
		['CHOSEN', false, false, false],
		['MORE_WANTED', true, true, false],
		['HELPER_CHOOSES', false, false, false],
	] as const)('%s: edit %s, send %s, answer %s', (status, edit, send, answer) => {
		expect(canEditShortlist(status)).toBe(edit)
		expect(canSendShortlist(status, 1)).toBe(send)
		expect(canSendShortlist(status, 0)).toBe(false)
		expect(canAnswerShortlist(status)).toBe(answer)
	})
})

describe('proposal rules', () => {
	it.each([
		['WAITING', true],
		['APPROVED', false],
		['DECLINED', false],
		['WITHDRAWN', false],
	] as const)('%s: answer %s', (status, answer) => {
		expect(canAnswerProposal(status)).toBe(answer)
	})
})
