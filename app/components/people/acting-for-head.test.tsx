import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server'
import { describe, expect, test } from 'vitest'
import { ActingForHead } from './acting-for-head.tsx'

function head(outcome: { done: string | undefined; invited: string | null }) {
	return renderToStaticMarkup(
		<StaticRouter location="/">
			<ActingForHead
				holderId="h1"
				back="Back to your budget and plan"
				title="People who act for you"
				trail="your trail"
				outcome={outcome}
				invitedNotice={(email) => <>We have emailed an invitation to {email}.</>}
			>
				Everything they do in your name is on
			</ActingForHead>
		</StaticRouter>,
	)
}

const link = (href: string, words: string) =>
	`<a class="text-brand-700 underline" data-discover="true" href="${href}">${words}</a>`
const notice = (words: string) =>
	`<div role="status" class="mb-6 border-l-8 border-brand-700 bg-brand-50 p-4">${words}</div>`
const top =
	`<p>${link('/holders/h1', 'Back to your budget and plan')}</p>` +
	'<h1 class="mt-2 text-3xl font-bold">People who act for you</h1>' +
	`<p class="mt-2">Everything they do in your name is on ${link('/holders/h1/trail', 'your trail')}.</p>`

describe('the head of a page of who acts for a holder', () => {
	test('links back to the holder and ends its introduction with a link to their trail', () => {
		expect(head({ done: undefined, invited: null })).toBe(top)
	})

	test('says an invitation was emailed, then what the last change did', () => {
		expect(head({ done: 'Saved.', invited: 'ann@example.test' })).toBe(
			top + notice('We have emailed an invitation to ann@example.test.') + notice('Saved.'),
		)
	})
})
