/**
 * The commission domain's input schemas, on typed values (Dates, whole pence). The server parses every input with
 * them (a failure is a CommissionError INVALID naming the field); a page's form schema turns what was typed into
 * these shapes (e.g. "£720.00" → 72000 with parseAmount) and can reuse the same rules. Errors say what to do.
 */
import { z } from 'zod'
import { CommissionError } from './errors.ts'
import { MAX_PAYING } from './limits.ts'

export const MAX_SESSIONS = 52
const SESSION_LENGTHS_MIN = 15
const SESSION_LENGTHS_MAX = 12 * 60

const text = (field: string, max: number) =>
	z
		.string({ required_error: `Enter ${field}` })
		.trim()
		.min(1, `Enter ${field}`)
		.max(max, `${field[0]!.toUpperCase()}${field.slice(1)} must be ${max} characters or fewer`)
const pence = (what: string) =>
	z
		.number({ required_error: `Enter ${what}` })
		.int(`Enter ${what} in whole pence`)
		.min(1, `Enter ${what} of at least 1p`)
		.max(100_000_000, `${what} is too large`)
const people = (what: string) =>
	z
		.number({ required_error: `Enter ${what}` })
		.int(`Enter ${what} as a whole number`)
		.min(1, `${what} must be at least 1`)
		.max(MAX_PAYING, `${what} can be at most ${MAX_PAYING}`)

/** The schedule and the numbers, shared by offers and quotes. */
const scheduleShape = {
	pricingMode: z.enum(['PER_PLACE', 'SPLIT_TOTAL'], { required_error: 'Choose how the price is shared' }),
	/** PER_PLACE: the price per place; SPLIT_TOTAL: the total. Whole pence. */
	pricePence: pence('a price'),
	firstSessionAt: z.date({ required_error: 'Choose when the first session starts' }),
	sessionCount: z
		.number()
		.int('Enter a whole number of sessions')
		.min(1, 'Enter at least 1 session')
		.max(MAX_SESSIONS, `Enter at most ${MAX_SESSIONS} sessions`),
	sessionMinutes: z
		.number()
		.int('Enter the session length in whole minutes')
		.min(SESSION_LENGTHS_MIN, `A session must last at least ${SESSION_LENGTHS_MIN} minutes`)
		.max(SESSION_LENGTHS_MAX, 'A session can last at most 12 hours'),
	minPeople: people('the fewest people'),
	maxPeople: people('the most people').nullable(),
}

function peopleInOrder(v: { minPeople: number; maxPeople: number | null }, ctx: z.RefinementCtx) {
	if (v.maxPeople !== null && v.maxPeople < v.minPeople) {
		ctx.addIssue({ code: 'custom', path: ['maxPeople'], message: 'The most people must be at least the fewest people' })
	}
}

export const OfferSchema = z
	.object({
		providerId: z.string().min(1, 'Choose the provider'),
		serviceId: z.string().min(1).nullable().default(null),
		title: text('a title', 120),
		description: text('a description', 4000),
		...scheduleShape,
		deadline: z.date({ required_error: 'Choose the deadline for pledges' }),
		cancellationTerms: text('the cancellation terms', 2000),
		cancellationCutoffHours: z
			.number()
			.int()
			.min(0, 'Enter 0 hours or more')
			.max(24 * 28, 'Enter at most 4 weeks')
			.default(48),
		companionsAllowed: z.boolean().default(false),
	})
	.superRefine((v, ctx) => {
		peopleInOrder(v, ctx)
		if (v.deadline.getTime() > v.firstSessionAt.getTime()) {
			ctx.addIssue({
				code: 'custom',
				path: ['deadline'],
				message: 'The deadline for pledges must be before the first session',
			})
		}
	})
export type OfferInput = z.input<typeof OfferSchema>

export const GroupSchema = z.object({
	name: text('a name for the group', 120),
	description: text('what the group is for', 4000),
	town: z.string().trim().max(80).nullable().default(null),
})
export type GroupInput = z.input<typeof GroupSchema>

export const RequestSchema = z.object({
	groupId: z.string().min(1),
	title: text('a title', 120),
	need: text('what the group needs', 4000),
	town: z.string().trim().max(80).nullable().default(null),
	categorySlug: z.string().min(1).nullable().default(null),
	when: z.string().trim().max(200).nullable().default(null),
	/** Providers to ask now (they are told); any provider may answer an open request. */
	providerIds: z.array(z.string().min(1)).max(20, 'Ask at most 20 providers at once').default([]),
})
export type RequestInput = z.input<typeof RequestSchema>

export const QuoteSchema = z
	.object({
		requestId: z.string().min(1),
		providerId: z.string().min(1),
		serviceId: z.string().min(1).nullable().default(null),
		...scheduleShape,
		message: text('a message to the group', 4000),
	})
	.superRefine(peopleInOrder)
export type QuoteInput = z.input<typeof QuoteSchema>

export const ChooseQuoteSchema = z.object({
	quoteId: z.string().min(1),
	deadline: z.date({ required_error: 'Choose the deadline for pledges' }),
	companionsAllowed: z.boolean().default(false),
})
export type ChooseQuoteInput = z.input<typeof ChooseQuoteSchema>

export const PledgeSchema = z.object({
	commissionId: z.string().min(1),
	holderId: z.string({ required_error: 'Choose who the pledge is for' }).min(1, 'Choose who the pledge is for'),
	/** A line of the holder's agreed plan; null for none; left out: the line for the service's category. */
	budgetLineId: z.string().min(1).nullable().optional(),
	companions: z
		.number()
		.int('Enter a whole number of companions')
		.min(0)
		.max(5, 'At most 5 companions can come with one person')
		.default(0),
	idempotencyKey: z.string().uuid('This form is out of date. Reload the page and try again.'),
})
export type PledgeInput = z.input<typeof PledgeSchema>

export const MessageSchema = z.object({
	body: text('a message', 4000),
	idempotencyKey: z.string().uuid('This form is out of date. Reload the page and try again.').optional(),
})

/** Parses `input`, or throws CommissionError INVALID with the first problem's message and field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input)
	if (result.success) return result.data
	const issue = result.error.issues[0]!
	throw new CommissionError('INVALID', issue.message, { field: issue.path.join('.') || undefined })
}
