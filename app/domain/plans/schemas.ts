/**
 * The plan's forms (issue 11): one zod schema for each page, shared by the action and the page. Pure.
 * Conform turns an empty field into undefined, so optional text is `.optional()` and required text says what to do.
 */
import { z } from 'zod'
import { parseAmount } from '#app/domain/money/amounts.ts'
import { categories } from '#app/domain/reference/categories.ts'
import { MAX_LINES, MAX_OUTCOMES, MIN_OUTCOMES, SELF_ASSESSMENT } from './rules.ts'

const LONG = 2000

const words = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)

/** How the money is paid, in the words the person reads. */
export const PAID_HOW_CHOICES = [
	{ value: 'direct-payment', label: 'A direct payment into your own bank account' },
	{ value: 'managed', label: 'Managed by the council for you' },
	{ value: 'service-fund', label: 'Held for you by an organisation you choose' },
] as const

export function paidHowWords(value: string): string {
	return PAID_HOW_CHOICES.find((c) => c.value === value)?.label ?? value
}

/** The funder sets the indicative budget: an amount for the year and how it is paid. */
export function budgetFormSchema(currency: string) {
	return z.object({
		amount: z.string({ required_error: 'Enter the budget for the year, for example 12000' }).transform((text, ctx) => {
			const pence = parseAmount(text, currency)
			if (pence === null || pence <= 0 || pence > 100_000_000) {
				ctx.addIssue({ code: 'custom', message: 'Enter the budget for the year as an amount, for example 12000' })
				return z.NEVER
			}
			return pence
		}),
		paidHow: z.enum(['direct-payment', 'managed', 'service-fund'], {
			errorMap: () => ({ message: 'Choose how the money is paid' }),
		}),
	})
}

export const aboutMeSchema = z.object(
	Object.fromEntries(
		SELF_ASSESSMENT.map((q) => [q.key, words(LONG, 'Keep each answer under 2,000 characters').optional()]),
	) as Record<(typeof SELF_ASSESSMENT)[number]['key'], z.ZodOptional<z.ZodString>>,
)

export const whatMattersSchema = z.object({
	whatMatters: words(LONG, 'Keep this under 2,000 characters').min(1, 'Say what matters to you').default(''),
})

export const outcomesSchema = z
	.object({
		outcomes: z.array(words(300, 'Keep each one under 300 characters').optional()).max(MAX_OUTCOMES).default([]),
	})
	.transform((v) => ({ outcomes: v.outcomes.filter((o): o is string => Boolean(o)) }))
	.superRefine((v, ctx) => {
		if (v.outcomes.length < MIN_OUTCOMES) {
			ctx.addIssue({
				code: 'custom',
				path: ['outcomes'],
				message: `Write at least ${MIN_OUTCOMES} things you want to change, one in each box`,
			})
		}
	})

export const whoHelpsSchema = z.object({
	whoHelps: words(LONG, 'Keep this under 2,000 characters')
		.min(1, 'Say who helps you, or write “nobody yet”')
		.default(''),
})

const categorySlugs = categories.map((c) => c.slug) as [string, ...string[]]

/** The budget lines: up to MAX_LINES rows; an empty row is left out. */
export function linesFormSchema(currency: string) {
	return z.object({
		intent: z.enum(['save', 'stay']).default('save'),
		lines: z
			.array(
				z
					.object({
						name: words(80, 'Keep the name under 80 characters').optional(),
						category: z.enum(categorySlugs).optional(),
						amount: z.string().trim().optional(),
					})
					.optional(),
			)
			.max(MAX_LINES)
			.default([])
			.transform((rows, ctx) => {
				const lines: { name: string; categorySlug: string | null; amountPence: number }[] = []
				rows.forEach((row, i) => {
					if (!row || (!row.name && !row.category && !row.amount)) return
					const name = row.name ?? categories.find((c) => c.slug === row.category)?.name
					if (!name) {
						ctx.addIssue({
							code: 'custom',
							path: [i, 'name'],
							message: 'Say what this money is for, or choose a kind of support',
						})
						return
					}
					const pence = row.amount ? parseAmount(row.amount, currency) : null
					if (pence === null || pence <= 0) {
						ctx.addIssue({
							code: 'custom',
							path: [i, 'amount'],
							message: `Enter how much for “${name}”, for example 2500`,
						})
						return
					}
					lines.push({ name, categorySlug: row.category ?? null, amountPence: pence })
				})
				return lines
			}),
	})
}

export const submitSchema = z.object({ intent: z.literal('submit') })

export const answerSchema = z.object({
	answer: words(LONG, 'Keep the answer under 2,000 characters').min(1, 'Write your answer to the question').default(''),
})

export const changeSchema = z.object({
	reason: words(500, 'Keep this under 500 characters').min(1, 'Say what you want to change').default(''),
})

export const decideSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('agree'),
		/** The lines the funder ring-fences as it agrees (ticked boxes): their money is kept for them only. */
		ringFence: z.array(z.string().max(100)).max(50).default([]),
	}),
	z.object({
		intent: z.literal('question'),
		question: words(1000, 'Keep the question under 1,000 characters')
			.min(1, 'Write the one question you need answered')
			.default(''),
	}),
])

export const funderNotesSchema = z.object({
	notes: words(LONG, 'Keep the notes under 2,000 characters').min(1, 'Write your notes').default(''),
})

/** The review form: a score and a comment for each outcome, then what works and what to change. */
export function reviewFormSchema(outcomeIds: string[]) {
	return z.object({
		ratings: z
			.array(
				z.object({
					outcomeId: z.string(),
					score: z.coerce
						.number({ invalid_type_error: 'Choose how well this is going' })
						.int()
						.min(1, 'Choose how well this is going')
						.max(5, 'Choose how well this is going')
						.optional(),
					comment: words(1000, 'Keep each comment under 1,000 characters').optional(),
				}),
			)
			.default([])
			.superRefine((rows, ctx) => {
				outcomeIds.forEach((id, i) => {
					const row = rows[i]
					if (!row || row.outcomeId !== id) {
						ctx.addIssue({ code: 'custom', path: [i, 'score'], message: 'Choose how well this is going' })
					} else if (row.score === undefined) {
						ctx.addIssue({ code: 'custom', path: [i, 'score'], message: 'Choose how well this is going' })
					}
				})
			})
			.transform((rows) =>
				rows.map((r) => ({ outcomeId: r.outcomeId, score: r.score ?? 0, comment: r.comment ?? null })),
			),
		whatWorked: words(LONG, 'Keep this under 2,000 characters').optional(),
		whatToChange: words(LONG, 'Keep this under 2,000 characters').optional(),
		change: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Say whether you want to change your plan' }) }),
	})
}
