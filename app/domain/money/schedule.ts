import { addDays, startOfDay } from '#app/utils/dates.ts'
/**
 * Allocation schedules. Pure: no database.
 * A one-off allocation is one instalment; a scheduled one is `count` equal instalments every `intervalDays` days.
 */

export const MAX_INSTALMENTS = 120
export const MIN_INTERVAL_DAYS = 7
export const MAX_INTERVAL_DAYS = 366

export type ScheduleInput =
	| { schedule: 'ONE_OFF'; amountEach: number; firstOn: Date }
	| { schedule: 'INSTALMENTS'; amountEach: number; firstOn: Date; count: number; intervalDays: number }

export type PlannedInstalment = { number: number; dueOn: Date; amount: number }

export function planInstalments(input: ScheduleInput): PlannedInstalment[] {
	if (!Number.isSafeInteger(input.amountEach) || input.amountEach <= 0) {
		throw new RangeError('Each payment must be a whole number of pence, more than zero.')
	}
	const first = startOfDay(input.firstOn)
	if (input.schedule === 'ONE_OFF') return [{ number: 1, dueOn: first, amount: input.amountEach }]
	const { count, intervalDays } = input
	if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALMENTS) {
		throw new RangeError(`The number of payments must be from 1 to ${MAX_INSTALMENTS}.`)
	}
	if (!Number.isInteger(intervalDays) || intervalDays < MIN_INTERVAL_DAYS || intervalDays > MAX_INTERVAL_DAYS) {
		throw new RangeError(`Payments must be from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS} days apart.`)
	}
	return Array.from({ length: count }, (_, k) => ({
		number: k + 1,
		dueOn: addDays(first, k * intervalDays),
		amount: input.amountEach,
	}))
}
