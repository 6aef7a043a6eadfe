import { describe, expect, it } from 'vitest'
import type { PlanStatus } from '#app/generated/prisma/enums.ts'
import {
	addMonths,
	canAnswer,
	canDecide,
	canEdit,
	canStartNewVersion,
	canSubmit,
	leftToPlace,
	nextStep,
	planGaps,
	previousStep,
	reviewState,
} from './rules.ts'

const day = (s: string) => new Date(`${s}T00:00:00Z`)

describe('what each status allows', () => {
	const table: [PlanStatus, boolean, boolean, boolean, boolean, boolean][] = [
		// status, edit, submit, answer, decide, new version
		['DRAFT', true, true, false, false, false],
		['SUBMITTED', false, false, false, true, false],
		['QUESTIONED', true, false, true, false, false],
		['AGREED', false, false, false, false, true],
		['REPLACED', false, false, false, false, false],
		['ENDED', false, false, false, false, false],
	]
	it.each(table)('%s', (status, edit, submit, answer, decide, version) => {
		expect([
			canEdit(status),
			canSubmit(status),
			canAnswer(status),
			canDecide(status),
			canStartNewVersion(status),
		]).toEqual([edit, submit, answer, decide, version])
	})
})

describe('the guided pages', () => {
	it('go in order, one question a page', () => {
		expect(nextStep('about-me')).toBe('what-matters')
		expect(nextStep('budget')).toBe('check')
		expect(nextStep('check')).toBeNull()
		expect(previousStep('about-me')).toBeNull()
		expect(previousStep('outcomes')).toBe('what-matters')
	})
})

describe('is the plan ready to send?', () => {
	const full = {
		whatMatters: 'My garden',
		whoHelps: 'My son',
		outcomes: ['a', 'b', 'c'],
		lines: [
			{ name: 'Care', amountPence: 700 },
			{ name: 'Garden', amountPence: 300 },
		],
		budgetPence: 1000,
	}
	it('is when every page is done and the lines add up to the budget', () => {
		expect(planGaps(full)).toEqual([])
	})
	it('names each gap with the page that fixes it', () => {
		expect(planGaps({ ...full, whatMatters: ' ', outcomes: ['a', 'b'], whoHelps: null }).map((g) => g.step)).toEqual([
			'what-matters',
			'outcomes',
			'who-helps',
		])
		expect(planGaps({ ...full, outcomes: ['1', '2', '3', '4', '5', '6'] }).map((g) => g.step)).toEqual(['outcomes'])
		expect(planGaps({ ...full, budgetPence: null })[0]?.message).toMatch(/has not told you your budget/)
		expect(planGaps({ ...full, lines: [] })[0]?.message).toMatch(/add at least one line/)
		expect(planGaps({ ...full, budgetPence: 1200 })[0]?.message).toBe('Place all of your budget on the lines.')
		expect(planGaps({ ...full, budgetPence: 900 })[0]?.message).toBe('The lines add up to more than your budget.')
	})
	it('shows what is left to place, negative when over', () => {
		expect(leftToPlace(1000, full.lines)).toBe(0)
		expect(leftToPlace(1500, full.lines)).toBe(500)
		expect(leftToPlace(800, full.lines)).toBe(-200)
	})
})

describe('the review schedule', () => {
	it('adds months, keeping the day or the month’s last day', () => {
		expect(addMonths(day('2026-06-15'), 6)).toEqual(day('2026-12-15'))
		expect(addMonths(day('2026-08-31'), 6)).toEqual(day('2027-02-28'))
		expect(addMonths(day('2026-12-06'), 1)).toEqual(day('2027-01-06'))
	})
	it('is due from two weeks before its day, and overdue after it', () => {
		expect(reviewState(day('2026-12-30'), day('2026-12-01'))).toBe('not-due')
		expect(reviewState(day('2026-12-15'), day('2026-12-01'))).toBe('due')
		expect(reviewState(day('2026-12-01'), day('2026-12-01'))).toBe('due')
		expect(reviewState(day('2026-11-30'), day('2026-12-01'))).toBe('overdue')
	})
})
