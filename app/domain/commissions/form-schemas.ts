/**
 * The group and commission pages' form schemas (issue 9), shared by the server (parseWithZod in each action) and the
 * browser (Conform's onValidate). They turn what was typed into the domain's inputs (schemas.ts), which the domain
 * checks again. Errors say what to do. Pure.
 */
import { z } from 'zod'
import { parseAmount } from '#app/domain/money/amounts.ts'
import { localInstant, parseLocalDate, parseTime } from '#app/utils/dates.ts'

const outOfDate = 'This form is out of date. Reload the page and try again.'
const idempotencyKey = z.string({ required_error: outOfDate }).uuid(outOfDate)
const id = (message: string) => z.string({ required_error: message }).min(1, message)
const text = (what: string, max: number) =>
	z
		.string({ required_error: `Enter ${what}` })
		.trim()
		.min(1, `Enter ${what}`)
		.max(max, `Keep it to ${max.toLocaleString('en-GB')} characters or fewer`)
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Keep it to ${max.toLocaleString('en-GB')} characters or fewer`)
		.optional()
		.transform((v) => (v ? v : null))

/** Start a group around a need. */
export const StartGroupFormSchema = z.object({
	name: text('a name for the group', 120),
	description: text('what the group needs', 4000),
	town: optionalText(80),
})

export const MessageFormSchema = z.object({ body: text('a message', 4000), idempotencyKey })

/** Ask providers for a quote: what, when, and which providers to tell (any provider may answer). */
export const RequestFormSchema = z.object({
	title: text('a title', 120),
	need: text('what the group needs', 4000),
	when: optionalText(200),
	providerIds: z.array(z.string().min(1)).max(20, 'Ask at most 20 providers at once').default([]),
})

/** A day as typed ("2026-12-20"): the deadline for pledges is the end of that day, local time. */
const deadlineDay = z
	.string({ required_error: 'Enter the last day people can pledge' })
	.trim()
	.transform((v, ctx) => {
		if (!parseLocalDate(v)) {
			ctx.addIssue({ code: 'custom', message: 'Enter the last day people can pledge, like 2026-12-20' })
			return z.NEVER
		}
		return localInstant(v, 23 * 60 + 59)
	})

export const ChooseQuoteFormSchema = z.object({
	quoteId: id('Choose a quote'),
	deadline: deadlineDay,
	companionsAllowed: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
})

export const JoinFormSchema = z.object({
	holderId: id('Choose who is joining the group'),
	showFullName: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
})

export const PledgeFormSchema = z.object({
	holderId: id('Choose who the pledge is for'),
	/** A line's id, 'none' for no line; left out: the line for the activity's kind. */
	budgetLineId: z
		.string()
		.optional()
		.transform((v) => (v === undefined || v === '' ? undefined : v === 'none' ? null : v)),
	companions: z.coerce
		.number({ invalid_type_error: 'Enter how many companions come, from 0 to 5' })
		.int('Enter a whole number of companions, from 0 to 5')
		.min(0, 'Enter how many companions come, from 0 to 5')
		.max(5, 'At most 5 companions can come with one person')
		.default(0),
	idempotencyKey,
})

export const HolderFormSchema = z.object({ holderId: id('Choose who this is for') })

export const CancelFormSchema = z.object({
	reason: text('why you are cancelling: the members will see it', 2000),
})

export const SessionFormSchema = z.object({
	sessionId: id('Choose a session'),
	holderId: z.string().optional(),
})

export const ProblemFormSchema = SessionFormSchema.extend({
	description: text('what went wrong', 4000),
})

// ───────────────────────────── A provider's offer and quote ─────────────────────────────

/** "£720", "720.00" → whole pence; the domain checks the range again. */
const priceText = z
	.string({ required_error: 'Enter a price, like 60.00' })
	.trim()
	.transform((v, ctx) => {
		const pence = parseAmount(v, 'GBP')
		if (pence === null || pence < 1) {
			ctx.addIssue({ code: 'custom', message: 'Enter a price in pounds and pence, like 60.00' })
			return z.NEVER
		}
		return pence
	})
const whole = (what: string, min: number, max: number) =>
	z.coerce
		.number({ required_error: `Enter ${what}`, invalid_type_error: `Enter ${what} as a whole number` })
		.int(`Enter ${what} as a whole number`)
		.min(min, `Enter ${what} of at least ${min}`)
		.max(max, `Enter ${what} of at most ${max}`)
const optionalWhole = (what: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null
			const n = Number(v)
			if (!Number.isInteger(n) || n < min || n > max) {
				ctx.addIssue({
					code: 'custom',
					message: `Enter ${what} as a whole number from ${min} to ${max}, or leave it empty`,
				})
				return z.NEVER
			}
			return n
		})
const day = (what: string) =>
	z
		.string({ required_error: `Enter ${what}` })
		.trim()
		.refine((v) => parseLocalDate(v) !== null, `Enter ${what}, like 2026-12-20`)
const clock = z
	.string({ required_error: 'Enter the time the first session starts, like 10:00' })
	.trim()
	.refine((v) => parseTime(v) !== null, 'Enter the time the first session starts, like 10:00')
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true')

/** The schedule and the numbers, shared by an offer and a quote. */
const scheduleFields = {
	providerId: id('Choose which of your profiles offers it'),
	serviceId: z
		.string()
		.optional()
		.transform((v) => (v ? v : null)),
	pricingMode: z.enum(['PER_PLACE', 'SPLIT_TOTAL'], {
		required_error: 'Choose how the price is shared',
		invalid_type_error: 'Choose how the price is shared',
	}),
	price: priceText,
	firstDay: day('the day of the first session'),
	firstTime: clock,
	sessionCount: whole('the number of sessions', 1, 52),
	sessionMinutes: whole('how many minutes a session lasts', 15, 720),
	minPeople: whole('the fewest people', 1, 500),
	maxPeople: optionalWhole('the most people', 1, 500),
}

type Schedule = {
	firstDay: string
	firstTime: string
	minPeople: number
	maxPeople: number | null
}

function scheduleChecks(v: Schedule, ctx: z.RefinementCtx) {
	if (v.maxPeople !== null && v.maxPeople < v.minPeople)
		ctx.addIssue({ code: 'custom', path: ['maxPeople'], message: 'The most people must be at least the fewest people' })
}

/** When the first session starts, from its day and time as typed. */
export const firstSessionOf = (v: { firstDay: string; firstTime: string }) =>
	localInstant(v.firstDay, parseTime(v.firstTime) ?? 0)

/** A provider offers a group activity from their dashboard. */
export const OfferFormSchema = z
	.object({
		...scheduleFields,
		title: text('a title, like “Seated yoga, Tuesdays 10:00”', 120),
		description: text('what people will do', 4000),
		deadline: day('the last day people can pledge'),
		cancellationTerms: text('your cancellation terms', 2000),
		cancellationCutoffHours: whole('the hours before a session', 0, 672).default(48),
		companionsAllowed: checkbox,
	})
	.superRefine((v, ctx) => {
		scheduleChecks(v, ctx)
		if (parseLocalDate(v.deadline) && parseLocalDate(v.firstDay) && v.deadline >= v.firstDay)
			ctx.addIssue({
				code: 'custom',
				path: ['deadline'],
				message: 'The last day to pledge must be before the day of the first session',
			})
	})

/** A provider answers a group's request with a quote (answering again revises it). */
export const QuoteFormSchema = z
	.object({ ...scheduleFields, message: text('a message to the group', 4000) })
	.superRefine(scheduleChecks)
