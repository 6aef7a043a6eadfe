/**
 * The group and commission pages' form schemas (issue 9), shared by the server (parseWithZod in each action) and the
 * browser (Conform's onValidate). They turn what was typed into the domain's inputs (schemas.ts), which the domain
 * checks again. Errors say what to do. Pure.
 */
import { z } from 'zod'
import { localInstant, parseLocalDate } from '#app/utils/dates.ts'

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
