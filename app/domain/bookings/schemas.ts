/**
 * The booking forms' schemas, shared by the server (parseWithZod in each action) and the browser (Conform's
 * onValidate). Errors say what to do.
 */
import { z } from 'zod'
import { formatMoney, parseAmount } from '#app/domain/money/amounts.ts'
import { HOURLY_LENGTHS } from './pricing.ts'
import { parseLocalDate, parseTime } from '#app/utils/dates.ts'

export const MAX_WEEKS = 12

const idempotencyKey = z
	.string({ required_error: 'This form is out of date. Reload the page and try again.' })
	.uuid('This form is out of date. Reload the page and try again.')

const optionalText = (max: number, message: string) =>
	z
		.string()
		.trim()
		.max(max, message)
		.optional()
		.transform((v) => (v ? v : null))

/** Choosing a time and checking the price; sending the request adds the idempotency key. */
export const BookingDetailsSchema = z.object({
	holderId: z.string({ required_error: 'Choose who the support is for' }).min(1, 'Choose who the support is for'),
	date: z
		.string({ required_error: 'Choose a day' })
		.refine((v) => parseLocalDate(v) !== null, 'Enter a real date, like 2026-12-08'),
	start: z.string({ required_error: 'Choose a start time' }).transform((v, ctx) => {
		const minute = parseTime(v)
		if (minute === null) {
			ctx.addIssue({ code: 'custom', message: 'Choose a start time, like 10:00' })
			return z.NEVER
		}
		return minute
	}),
	minutes: z.coerce
		.number({ invalid_type_error: 'Choose how long the support lasts' })
		.int()
		.refine((v) => HOURLY_LENGTHS.includes(v), 'Choose how long the support lasts, from half an hour to 12 hours')
		.optional(),
	weeks: z.coerce
		.number({ invalid_type_error: `Enter how many weeks, from 1 to ${MAX_WEEKS}` })
		.int(`Enter a whole number of weeks, from 1 to ${MAX_WEEKS}`)
		.min(1, `Enter how many weeks, from 1 to ${MAX_WEEKS}`)
		.max(MAX_WEEKS, `Enter how many weeks, from 1 to ${MAX_WEEKS}`)
		.default(1),
	budgetLineId: z
		.string()
		.optional()
		.transform((v) => (v && v !== 'none' ? v : null)),
	note: optionalText(1000, 'Keep the note to 1,000 characters or fewer'),
	/** The holder gives a brokerage organisation the rights its service needs, with the booking (ADR 025). */
	giveOrganisationRights: z.boolean().optional(),
})

export const SendBookingSchema = BookingDetailsSchema.extend({ idempotencyKey })

export const DeclineSchema = z.object({
	reason: z
		.string({ required_error: 'Say why you cannot take this booking, so they can look elsewhere' })
		.trim()
		.min(3, 'Say why you cannot take this booking, so they can look elsewhere')
		.max(500, 'Keep the reason to 500 characters or fewer'),
})

export const CancelSchema = z.object({
	reason: optionalText(500, 'Keep the reason to 500 characters or fewer'),
})

export const ProblemSchema = z.object({
	description: z
		.string({ required_error: 'Say what went wrong' })
		.trim()
		.min(10, 'Say what went wrong in a sentence or two (10 characters or more)')
		.max(2000, 'Keep it to 2,000 characters or fewer'),
})

/** How much of the booking's price the provider is paid to settle a problem: from 0 to the whole price. */
export function settlementSchema(currency: string, totalPence: number, options: { noteRequired: boolean }) {
	const example = (totalPence / 200).toFixed(2)
	return z.object({
		paid: z
			.string({
				required_error: `Enter how much the provider is paid, from ${formatMoney(0, currency)} to ${formatMoney(totalPence, currency)}`,
			})
			.transform((text, ctx) => {
				const minor = parseAmount(text, currency)
				if (minor === null) {
					ctx.addIssue({ code: 'custom', message: `Enter an amount as a number, like ${example}` })
					return z.NEVER
				}
				if (minor > totalPence) {
					ctx.addIssue({
						code: 'custom',
						message: `Enter an amount from ${formatMoney(0, currency)} to ${formatMoney(totalPence, currency)}, the price of the session`,
					})
					return z.NEVER
				}
				return minor
			}),
		note: options.noteRequired
			? z
					.string({ required_error: 'Say how the problem was settled' })
					.trim()
					.min(3, 'Say how the problem was settled')
					.max(1000, 'Keep it to 1,000 characters or fewer')
			: optionalText(1000, 'Keep it to 1,000 characters or fewer'),
	})
}

export const MessageSchema = z.object({
	body: z
		.string({ required_error: 'Write your message' })
		.trim()
		.min(1, 'Write your message')
		.max(2000, 'Keep the message to 2,000 characters or fewer'),
	idempotencyKey,
})
