/**
 * Consent in plain words (docs/decisions/019-consent-and-trail.md): what a holder can let someone do for them, and
 * the forms that give, change and withdraw it. Pure: shared by the server (zod in the action) and the page.
 *
 * The rights a holder ticks map onto DelegatedRight. Booking, paying and planning each need the holder's money and
 * bookings in view, so they bring VIEW with them; suggesting support is part of VIEW until proposals exist.
 */
import { z } from 'zod'
import { formatMoney, parseAmount } from '#app/domain/money/amounts.ts'
import type { DelegateKind, DelegatedRight } from '#app/generated/prisma/enums.ts'
import { parseIsoDay } from '#app/utils/dates.ts'

/** The choices on the invitation and change forms, in the holder's words, in this order. */
export const RIGHT_CHOICES: Array<{ right: DelegatedRight; words: string }> = [
	{ right: 'VIEW', words: 'See my money and bookings, and suggest support' },
	{ right: 'BOOK', words: 'Book and cancel support' },
	{ right: 'PAY', words: 'Confirm sessions and pay' },
	{ right: 'PLAN', words: 'Write and change my plan' },
	{ right: 'REVIEW', words: 'Write reviews' },
]

/** The same rights in a sentence: "see your money and bookings, book and cancel support". */
export const RIGHT_PHRASES: Record<DelegatedRight, string> = {
	VIEW: 'see your money and bookings and suggest support',
	BOOK: 'book and cancel support',
	PAY: 'confirm sessions and pay',
	PLAN: 'write and change your plan',
	REVIEW: 'write reviews',
}

export const KIND_CHOICES: Array<{ value: DelegateKind; label: string }> = [
	{ value: 'REPRESENTATIVE', label: 'A carer, family member or representative' },
	{ value: 'BROKER', label: 'A broker or support planner' },
]

/** How long an invitation link works. */
export const INVITE_DAYS = 7

/** The largest spending limit a form accepts (minor units): 1,000,000.00. */
const MAX_LIMIT = 100_000_000

const ORDER: DelegatedRight[] = RIGHT_CHOICES.map((c) => c.right)

/** The rights ticked, with VIEW added when booking, paying or planning needs it, in the form's order. */
export function normaliseRights(rights: DelegatedRight[]): DelegatedRight[] {
	const set = new Set(rights)
	if (set.has('BOOK') || set.has('PAY') || set.has('PLAN')) set.add('VIEW')
	return ORDER.filter((r) => set.has(r))
}

/** "see your money and bookings and suggest support and book and cancel support"; `whose` is "your" or "their". */
export function rightsSentence(rights: DelegatedRight[], whose: 'your' | 'their' = 'your'): string {
	const phrases = normaliseRights(rights).map((r) => RIGHT_PHRASES[r].replace('your', whose))
	if (phrases.length <= 1) return phrases[0] ?? 'nothing'
	return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`
}

/**
 * Whether a booking request of `totalPence` is within a helper's limits, given what they already asked for this
 * holder this month. Returns the reason in words when it is not.
 */
export function overLimit(
	limits: { perBookingLimitPence: number | null; perMonthLimitPence: number | null },
	totalPence: number,
	monthSoFarPence: number,
	currency: string,
	holderName: string,
): string | null {
	const money = (n: number) => formatMoney(n, currency)
	if (limits.perBookingLimitPence !== null && totalPence > limits.perBookingLimitPence) {
		return `${holderName} lets you spend up to ${money(limits.perBookingLimitPence)} on one booking, and this one costs ${money(totalPence)}. Ask them to book it, or to raise your limit.`
	}
	if (limits.perMonthLimitPence !== null && monthSoFarPence + totalPence > limits.perMonthLimitPence) {
		const left = Math.max(0, limits.perMonthLimitPence - monthSoFarPence)
		return `${holderName} lets you spend up to ${money(limits.perMonthLimitPence)} a month; ${money(left)} of it is left this month, and this booking costs ${money(totalPence)}. Ask them to book it, or to raise your limit.`
	}
	return null
}

const rightEnum = z.enum(['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'])

function limitField(currency: string, what: string) {
	return z
		.string()
		.max(20, `Enter the limit ${what} as a number, like 150.00`)
		.optional()
		.transform((text, ctx) => {
			if (text === undefined || text.trim() === '') return null
			const minor = parseAmount(text, currency)
			if (minor === null || minor < 1 || minor > MAX_LIMIT) {
				ctx.addIssue({
					code: 'custom',
					message: `Enter the limit ${what} as an amount up to ${formatMoney(MAX_LIMIT, currency)}, like 150.00, or leave it empty for no limit`,
				})
				return z.NEVER
			}
			return minor
		})
}

/** Rights, limits and end date: the part of the invitation that can be changed later. `today` is "2026-12-06". */
function termsShape(currency: string, today: string) {
	return {
		rights: z
			.array(rightEnum, { required_error: 'Choose at least one thing they can do for you' })
			.min(1, 'Choose at least one thing they can do for you')
			.max(5)
			.transform((r) => normaliseRights(r)),
		perBooking: limitField(currency, 'for one booking'),
		perMonth: limitField(currency, 'for a month'),
		endsOn: z
			.string()
			.max(10, 'Enter the end date like 2027-03-31')
			.optional()
			.transform((text, ctx) => {
				if (text === undefined || text.trim() === '') return null
				const day = parseIsoDay(text.trim())
				if (!day) {
					ctx.addIssue({ code: 'custom', message: 'Enter a real end date like 2027-03-31, or leave it empty' })
					return z.NEVER
				}
				if (text.trim() <= today) {
					ctx.addIssue({ code: 'custom', message: 'The end date must be after today, or leave it empty' })
					return z.NEVER
				}
				return text.trim()
			}),
	}
}

export function inviteSchema(currency: string, today: string) {
	return z.object({
		intent: z.literal('invite'),
		email: z
			.string({ required_error: 'Enter the email address of the person to invite' })
			.trim()
			.toLowerCase()
			.max(254, 'Enter an email address of up to 254 characters')
			.email('Enter an email address like name@example.com'),
		kind: z.enum(['REPRESENTATIVE', 'BROKER'], {
			errorMap: () => ({ message: 'Choose who they are to you' }),
		}),
		...termsShape(currency, today),
	})
}

const id = (what: string) =>
	z
		.string({ required_error: `Choose ${what}` })
		.min(1)
		.max(100)

/** Every form of the helpers page, told apart by `intent`. */
export function helpersFormSchema(currency: string, today: string) {
	return z.discriminatedUnion('intent', [
		inviteSchema(currency, today),
		z.object({ intent: z.literal('change'), delegationId: id('the person'), ...termsShape(currency, today) }),
		z.object({ intent: z.literal('withdraw'), delegationId: id('the person') }),
		z.object({ intent: z.literal('cancel-invite'), inviteId: id('the invitation') }),
	])
}

export type HelpersForm = z.output<ReturnType<typeof helpersFormSchema>>
export type HelperTerms = {
	rights: DelegatedRight[]
	perBooking: number | null
	perMonth: number | null
	/** The last day they may act ("2027-03-31"), or null for until the holder withdraws it. */
	endsOn: string | null
}

/** The holder's words for who someone is: "broker", "carer or representative". */
export function kindWord(kind: string | null | undefined): string {
	if (kind === 'BROKER') return 'broker'
	if (kind === 'REPRESENTATIVE') return 'carer or representative'
	return ''
}
