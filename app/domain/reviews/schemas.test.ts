import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { moderationSchema, reportSchema, reviewSchema } from './schemas.ts'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [k, v] of Object.entries(fields)) data.set(k, v)
	return data
}

describe('the review form', () => {
	it('accepts stars from 1 to 5 and a text of 10 to 2000 characters, trimmed', () => {
		const result = parseWithZod(
			form({ rating: '4', reliable: '5', respectful: '3', didWhatAgreed: '1', body: '  Kind and on time.  ' }),
			{
				schema: reviewSchema,
			},
		)
		expect(result.status).toBe('success')
		if (result.status === 'success') {
			expect(result.value).toEqual({
				rating: 4,
				reliable: 5,
				respectful: 3,
				didWhatAgreed: 1,
				body: 'Kind and on time.',
			})
		}
	})

	it('says what to fix for each missing or wrong answer, keeping what was typed', () => {
		const result = parseWithZod(form({ rating: '6', respectful: '0', body: 'Too short' }), { schema: reviewSchema })
		expect(result.status).toBe('error')
		const reply = result.reply()
		expect(reply.error).toEqual({
			rating: ['Choose how many stars you give overall, from 1 to 5'],
			reliable: ['Answer “Were they reliable?” with 1 to 5'],
			respectful: ['Answer “Were they respectful?” with 1 to 5'],
			didWhatAgreed: ['Answer “Did they do what was agreed?” with 1 to 5'],
			body: ['Your review must be at least 10 characters'],
		})
		expect(reply.initialValue).toMatchObject({ rating: '6', body: 'Too short' })
	})

	it('refuses an empty text and one over 2000 characters', () => {
		const base = { rating: '4', reliable: '5', respectful: '3', didWhatAgreed: '1' }
		expect(parseWithZod(form({ ...base, body: '   ' }), { schema: reviewSchema }).reply().error).toEqual({
			body: ['Enter your review'],
		})
		expect(parseWithZod(form({ ...base, body: 'a'.repeat(2001) }), { schema: reviewSchema }).reply().error).toEqual({
			body: ['Your review must be 2,000 characters or fewer'],
		})
		expect(parseWithZod(form({ ...base, body: 'a'.repeat(2000) }), { schema: reviewSchema }).status).toBe('success')
	})
})

describe('reports and moderation', () => {
	it('needs a reason to report', () => {
		expect(parseWithZod(form({}), { schema: reportSchema }).reply().error).toEqual({
			reason: ['Enter what is wrong with this review'],
		})
	})

	it('needs a decision and a reason', () => {
		expect(parseWithZod(form({ decision: 'HIDE' }), { schema: moderationSchema }).reply().error).toEqual({
			decision: ['Choose whether to keep the review or remove it'],
			reason: ['Enter the reason for your decision'],
		})
	})
})
