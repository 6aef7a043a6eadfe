import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ReviewSection } from './review-ui.tsx'

test('a review is a section named by its heading: whose review of which provider, and the day it was written', () => {
	const review = { provider: { name: 'Amina Shah' }, author: 'Sam P', createdAt: '2026-03-03T10:00:00.000Z' }
	expect(
		renderToStaticMarkup(
			<ReviewSection review={review}>
				<p>The words</p>
			</ReviewSection>,
		),
	).toBe(
		'<section aria-labelledby="review-heading" class="mt-4 border-l-4 border-gray-300 pl-4">' +
			'<h2 id="review-heading" class="text-xl font-bold">Review of Amina Shah from Sam P, 3 March 2026</h2>' +
			'<p>The words</p></section>',
	)
})
