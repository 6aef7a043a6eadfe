import { describe, expect, it } from 'vitest'
import { planInstalments } from './schedule.ts'

describe('instalment schedules', () => {
	it('makes a one-off one payment on its day', () => {
		expect(
			planInstalments({ schedule: 'ONE_OFF', amountEach: 50_000, firstOn: new Date('2026-12-01T15:00:00Z') }),
		).toEqual([{ number: 1, dueOn: new Date('2026-12-01T00:00:00Z'), amount: 50_000 }])
	})

	it('spaces instalments evenly, across month and year ends', () => {
		const plan = planInstalments({
			schedule: 'INSTALMENTS',
			amountEach: 240_000,
			firstOn: new Date('2026-12-20T00:00:00Z'),
			count: 3,
			intervalDays: 28,
		})
		expect(plan.map((p) => p.dueOn.toISOString().slice(0, 10))).toEqual(['2026-12-20', '2027-01-17', '2027-02-14'])
	})

	it('refuses a schedule that makes no sense', () => {
		const base = { schedule: 'INSTALMENTS' as const, amountEach: 100, firstOn: new Date(), count: 3, intervalDays: 28 }
		expect(() => planInstalments({ ...base, count: 0 })).toThrow('from 1 to 120')
		expect(() => planInstalments({ ...base, intervalDays: 1 })).toThrow('from 7 to 366')
		expect(() => planInstalments({ ...base, amountEach: 0 })).toThrow('more than zero')
	})
})
