import { describe, expect, it } from 'vitest'
import { shownReview, shownReviewWithAuthor } from './privacy.ts'

const review = {
	id: 'r1',
	rating: 4,
	reliable: 5,
	respectful: 4,
	didWhatAgreed: 3,
	body: 'Always on time.',
	status: 'PUBLISHED' as const,
	removedReason: null,
	providerReply: 'Thank you.',
	createdAt: new Date('2026-03-03T15:00:00.000Z'),
	holder: { displayName: 'Sam  Jordan Taylor' },
}

describe('what anyone but a moderator sees of a review', () => {
	it('shows a published review in full, its author by first name and initial', () => {
		const shown = shownReviewWithAuthor(review)
		expect(shown).toMatchObject({ body: 'Always on time.', providerReply: 'Thank you.', rating: 4, author: 'Sam T.' })
		expect(shown).not.toHaveProperty('holder')
	})

	it('keeps only the stars and the reason of a removed review', () => {
		const shown = shownReview({ ...review, status: 'REMOVED', removedReason: 'It named a member of staff.' })
		expect(shown).toMatchObject({
			body: null,
			providerReply: null,
			rating: 4,
			removedReason: 'It named a member of staff.',
		})
		expect(shown).not.toHaveProperty('author')
	})
})
