import { describe, expect, it } from 'vitest'
import { measure, sentencesOf } from '#bench/readability-measure.ts'

describe('the readability check', () => {
	it('measures sentences, not the labels, buttons and table rows around them', () => {
		const text = [
			'Find support',
			'Sign in',
			'Date\tWhat happened\t£45.00',
			'You can book help here. It is easy to do!',
			'Is this the person you want to book?',
		].join('\n')
		expect(sentencesOf(text)).toEqual([
			'You can book help here.',
			'It is easy to do!',
			'Is this the person you want to book?',
		])
	})

	it('counts a sentence repeated on every page once, and lists the hardest first with its page', () => {
		const footer = 'Budget Market helps you find and pay for support.'
		const figures = measure(
			[
				{ who: 'a visitor', url: '/', status: 200, text: `${footer}\nYou can see what things cost.` },
				{
					who: 'a visitor',
					url: '/money',
					status: 200,
					text: `${footer}\nNotwithstanding contractual considerations, ring-fenced allocations necessitate administrative reconciliation.`,
				},
			],
			2,
		)
		expect(figures.pages).toBe(2)
		expect(figures.sentences).toBe(3)
		expect(figures.hardest[0]).toMatchObject({ url: '/money' })
		expect(figures.hardest[0]!.text).toMatch(/^Notwithstanding/)
		expect(figures.hardest[0]!.grade).toBeGreaterThan(figures.hardest[1]!.grade)
	})

	it('scores plain words as easier than jargon', () => {
		const plain = measure([{ who: 'x', url: '/', status: 200, text: 'We pay your helper. You can see the money.' }])
		const jargon = measure([
			{
				who: 'x',
				url: '/',
				status: 200,
				text: 'Disbursements are reconciled against ring-fenced allocations. Instalments are administered periodically.',
			},
		])
		expect(plain.fleschReadingEase).toBeGreaterThan(jargon.fleschReadingEase)
		expect(plain.readingAge).toBeLessThan(jargon.readingAge)
	})
})
