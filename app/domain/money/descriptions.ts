/**
 * The words money movements are recorded with, so every statement reads the same way. Pure.
 * The ledger keeps the description written when the money moved; statements show it as it is.
 */
import { formatShortDay } from '#app/utils/dates.ts'
import { formatMoney } from './amounts.ts'

/** "4 hours", "1 hour 30 minutes", "45 minutes". */
export function durationWords(minutes: number): string {
	const hours = Math.floor(minutes / 60)
	const rest = minutes % 60
	const h = hours === 0 ? '' : `${hours} ${hours === 1 ? 'hour' : 'hours'}`
	const m = rest === 0 ? '' : `${rest} ${rest === 1 ? 'minute' : 'minutes'}`
	return [h, m].filter(Boolean).join(' ') || '0 minutes'
}

export type WhatWasBought = {
	amount: number
	currency: string
	providerName: string
	/** For hourly support: its length. */
	minutes?: number | null
	/** Otherwise what it was, e.g. "a seated exercise class". */
	what?: string | null
	/** When the support happens (or happened). */
	on: Date | string
}

function forWhat(input: WhatWasBought): string {
	if (input.minutes) return `for ${durationWords(input.minutes)}`
	return input.what ? `for ${input.what}` : ''
}

/** "£56.00 paid to Amina Shah for 4 hours on 3 March". */
export function paymentDescription(input: WhatWasBought): string {
	return [
		`${formatMoney(input.amount, input.currency)} paid to ${input.providerName}`,
		forWhat(input),
		`on ${formatShortDay(input.on)}`,
	]
		.filter(Boolean)
		.join(' ')
}

/** "£56.00 set aside for 4 hours with Amina Shah on 3 March". */
export function holdDescription(input: WhatWasBought): string {
	return [
		`${formatMoney(input.amount, input.currency)} set aside`,
		forWhat(input),
		`with ${input.providerName}`,
		`on ${formatShortDay(input.on)}`,
	]
		.filter(Boolean)
		.join(' ')
}

/** "£56.00 released: the booking with Amina Shah on 3 March was cancelled". */
export function releaseDescription(input: WhatWasBought & { why: string }): string {
	return `${formatMoney(input.amount, input.currency)} released: ${input.why}`
}
