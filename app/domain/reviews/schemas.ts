/**
 * The review forms' schemas, shared by the server (parseWithZod in each action) and the browser (Conform's
 * onValidate). Every message says what to do.
 */
import { z } from 'zod'
import { questionLabels } from './rules.ts'

export const REVIEW_BODY = { min: 10, max: 2000 } as const
export const REPLY_BODY = { min: 10, max: 2000 } as const
export const REPORT_REASON = { min: 10, max: 1000 } as const
export const MODERATION_REASON = { min: 10, max: 500 } as const

function stars(message: string) {
	return z.coerce
		.number({ required_error: message, invalid_type_error: message })
		.int(message)
		.min(1, message)
		.max(5, message)
}

function text(what: string, limits: { min: number; max: number }) {
	return z
		.string({ required_error: `Enter ${what}` })
		.trim()
		.superRefine((value, ctx) => {
			// One message at a time: the one that says what to do next.
			const message =
				value.length === 0
					? `Enter ${what}`
					: value.length < limits.min
						? `${capitalise(what)} must be at least ${limits.min} characters`
						: value.length > limits.max
							? `${capitalise(what)} must be ${limits.max.toLocaleString('en-GB')} characters or fewer`
							: null
			if (message) ctx.addIssue({ code: 'custom', message })
		})
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The holder's review: stars overall, stars on each plain question, and what happened in their own words. */
export const reviewSchema = z.object({
	rating: stars('Choose how many stars you give overall, from 1 to 5'),
	reliable: stars(`Answer “${questionLabels.reliable}” with 1 to 5`),
	respectful: stars(`Answer “${questionLabels.respectful}” with 1 to 5`),
	didWhatAgreed: stars(`Answer “${questionLabels.didWhatAgreed}” with 1 to 5`),
	body: text('your review', REVIEW_BODY),
})
export type ReviewInput = z.infer<typeof reviewSchema>

/** The provider's rating of the booking experience. */
export const feedbackSchema = z.object({
	rating: stars('Choose how many stars you give the booking, from 1 to 5'),
	body: text('what the booking was like', REVIEW_BODY),
})
export type FeedbackInput = z.infer<typeof feedbackSchema>

export const replySchema = z.object({
	reply: text('your reply', REPLY_BODY),
})
export type ReplyInput = z.infer<typeof replySchema>

export const reportSchema = z.object({
	reason: text('what is wrong with this review', REPORT_REASON),
})
export type ReportInput = z.infer<typeof reportSchema>

export const moderationSchema = z.object({
	decision: z.enum(['KEEP', 'REMOVE'], {
		errorMap: () => ({ message: 'Choose whether to keep the review or remove it' }),
	}),
	reason: text('the reason for your decision', MODERATION_REASON),
})
export type ModerationInput = z.infer<typeof moderationSchema>

/** The five choices for the overall stars, best first. */
export const starOptions = [
	{ value: '5', label: '5 stars: excellent' },
	{ value: '4', label: '4 stars: good' },
	{ value: '3', label: '3 stars: all right' },
	{ value: '2', label: '2 stars: poor' },
	{ value: '1', label: '1 star: very poor' },
]

/** The five answers to each plain question, best first (stored as 5 to 1). */
export const answerOptions = [
	{ value: '5', label: 'Yes, completely (5)' },
	{ value: '4', label: 'Mostly (4)' },
	{ value: '3', label: 'Partly (3)' },
	{ value: '2', label: 'Not really (2)' },
	{ value: '1', label: 'Not at all (1)' },
]
