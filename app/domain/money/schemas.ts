/**
 * The money forms' schemas, shared by the server (parseWithZod in the action) and the browser (Conform's
 * onValidate). Errors say what to do. Amounts are typed in pounds and pence (or the funder's currency) and come
 * out in minor units.
 */
import { z } from 'zod'
import { parseIsoDay } from '#app/utils/dates.ts'
import { formatMoney, parseAmount } from './amounts.ts'
import { MAX_FEE_BPS } from './fees.ts'
import { MAX_INSTALMENTS, MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS } from './schedule.ts'
import { TOP_UP_LIMITS } from './top-up-limits.ts'

const idempotencyKey = z
	.string({ required_error: 'This form is out of date. Reload the page and try again.' })
	.uuid('This form is out of date. Reload the page and try again.')

function amountField(currency: string, limits: { min: number; max: number }, label: string, example: string) {
	return z.string({ required_error: `Enter ${label}, like ${example}` }).transform((text, ctx) => {
		const minor = parseAmount(text, currency)
		if (minor === null) {
			ctx.addIssue({ code: 'custom', message: `Enter ${label} as a number, like ${example}` })
			return z.NEVER
		}
		if (minor < limits.min || minor > limits.max) {
			ctx.addIssue({
				code: 'custom',
				message: `Enter an amount from ${formatMoney(limits.min, currency)} to ${formatMoney(limits.max, currency)}`,
			})
			return z.NEVER
		}
		return minor
	})
}

/** Largest single allocation payment: 1,000,000 in major units. */
export const MAX_ALLOCATION_PAYMENT = 100_000_000

/** The funder's allocation form. `today` is "2026-11-23" (the server's date, UTC). */
export function allocateSchema(currency: string, today: string) {
	return z
		.object({
			holderId: z
				.string({ required_error: 'Choose the person to give a budget to' })
				.min(1, 'Choose the person to give a budget to'),
			schedule: z.enum(['ONE_OFF', 'INSTALMENTS'], {
				errorMap: () => ({ message: 'Choose one payment or regular instalments' }),
			}),
			amount: amountField(currency, { min: 100, max: MAX_ALLOCATION_PAYMENT }, 'the amount of each payment', '240.00'),
			count: z.coerce
				.number({ invalid_type_error: `Enter how many payments, from 2 to ${MAX_INSTALMENTS}` })
				.int(`Enter a whole number of payments, from 2 to ${MAX_INSTALMENTS}`)
				.min(2, `Enter how many payments, from 2 to ${MAX_INSTALMENTS}`)
				.max(MAX_INSTALMENTS, `Enter how many payments, from 2 to ${MAX_INSTALMENTS}`)
				.optional(),
			intervalDays: z.coerce
				.number({ invalid_type_error: `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}` })
				.int(`Enter a whole number of days, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)
				.min(MIN_INTERVAL_DAYS, `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)
				.max(MAX_INTERVAL_DAYS, `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)
				.optional(),
			firstOn: z.string({ required_error: 'Enter the date of the first payment' }).transform((text, ctx) => {
				const date = parseIsoDay(text)
				if (!date) {
					ctx.addIssue({ code: 'custom', message: 'Enter a real date for the first payment, like 2026-12-01' })
					return z.NEVER
				}
				if (text < today) {
					ctx.addIssue({ code: 'custom', message: 'The first payment can be today or later, not in the past' })
					return z.NEVER
				}
				return date
			}),
			idempotencyKey,
		})
		.superRefine((value, ctx) => {
			if (value.schedule !== 'INSTALMENTS') return
			if (value.count === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['count'],
					message: `Enter how many payments, from 2 to ${MAX_INSTALMENTS}`,
				})
			}
			if (value.intervalDays === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['intervalDays'],
					message: `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`,
				})
			}
		})
}

export function topUpSchema(currency: string) {
	return z.object({
		amount: amountField(currency, TOP_UP_LIMITS, 'how much to add', '25.00'),
		idempotencyKey,
	})
}

/** The statement's filters, from the page's address. Anything not valid is ignored, not an error. */
export const StatementFilterSchema = z.object({
	month: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
		.optional()
		.catch(undefined),
	category: z.string().min(1).max(100).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})

export function statementFilterFrom(url: URL) {
	return StatementFilterSchema.parse({
		month: url.searchParams.get('month') || undefined,
		category: url.searchParams.get('category') || undefined,
		page: url.searchParams.get('page') ?? undefined,
	})
}

export const PayoutActionSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('mark-paid'),
		payoutId: z.string().min(1),
		note: z.string().trim().max(200, 'Keep the note under 200 characters').optional(),
	}),
	z.object({ intent: z.literal('retry'), payoutId: z.string().min(1) }),
])

export const ConnectSchema = z.object({
	intent: z.literal('connect'),
	providerId: z.string().min(1, 'Choose a profile'),
})

const feePercent = z
	.string({ required_error: 'Enter the platform fee as a percentage, or 0 for none' })
	.trim()
	.regex(/^\d{1,2}(\.\d{1,2})?$/, 'Enter the platform fee as a percentage, like 0 or 2.5')
	.transform((text) => Math.round(Number(text) * 100))
	.refine((bps) => bps <= MAX_FEE_BPS, `The platform fee can be at most ${MAX_FEE_BPS / 100}%`)

const instalmentDays = z.coerce
	.number({ invalid_type_error: `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}` })
	.int(`Enter a whole number of days, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)
	.min(MIN_INTERVAL_DAYS, `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)
	.max(MAX_INTERVAL_DAYS, `Enter how many days apart, from ${MIN_INTERVAL_DAYS} to ${MAX_INTERVAL_DAYS}`)

/** Hours after a session is marked delivered before it is confirmed automatically: a day to two weeks. */
export const MIN_AUTO_CONFIRM_HOURS = 24
export const MAX_AUTO_CONFIRM_HOURS = 336
const autoConfirmHours = z.coerce
	.number({
		invalid_type_error: `Enter a number of hours, from ${MIN_AUTO_CONFIRM_HOURS} to ${MAX_AUTO_CONFIRM_HOURS}`,
	})
	.int(`Enter a whole number of hours, from ${MIN_AUTO_CONFIRM_HOURS} to ${MAX_AUTO_CONFIRM_HOURS}`)
	.min(MIN_AUTO_CONFIRM_HOURS, `Enter a number of hours, from ${MIN_AUTO_CONFIRM_HOURS} to ${MAX_AUTO_CONFIRM_HOURS}`)
	.max(MAX_AUTO_CONFIRM_HOURS, `Enter a number of hours, from ${MIN_AUTO_CONFIRM_HOURS} to ${MAX_AUTO_CONFIRM_HOURS}`)

const REVIEW_MONTHS = 'Enter how many months between plan reviews, from 1 to 24'
const reviewEveryMonths = z.coerce
	.number({ invalid_type_error: REVIEW_MONTHS })
	.int(REVIEW_MONTHS)
	.min(1, REVIEW_MONTHS)
	.max(24, REVIEW_MONTHS)

/** The admin's funder forms: the fee rate is typed as a percentage ("2.5") and comes out in basis points. */
export const FunderSettingsSchema = z.object({
	intent: z.literal('update'),
	funderId: z.string().min(1),
	instalmentDays,
	feePercent,
	autoConfirmHours,
	reviewEveryMonths: reviewEveryMonths.optional(),
})

export const NewFunderSchema = z.object({
	intent: z.literal('create'),
	name: z
		.string({ required_error: 'Enter the funder’s name, like Leicester City Council' })
		.trim()
		.min(3, 'Enter the funder’s name, like Leicester City Council')
		.max(120, 'Keep the name under 120 characters'),
	scheme: z.enum(['UK_DIRECT_PAYMENT', 'UK_PERSONAL_BUDGET', 'AU_NDIS', 'IT_PIANO_PERSONALIZZATO', 'OTHER'], {
		errorMap: () => ({ message: 'Choose the scheme' }),
	}),
	currency: z.enum(['GBP', 'EUR', 'AUD', 'USD', 'NZD', 'CAD'], {
		errorMap: () => ({ message: 'Choose the currency' }),
	}),
	instalmentDays,
	feePercent,
})
