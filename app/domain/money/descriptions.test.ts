import { describe, expect, it } from 'vitest'
import { durationWords, holdDescription, paymentDescription } from './descriptions.ts'

describe('the words on statements', () => {
	it('say what was paid, to whom, for what and when', () => {
		const session = {
			amount: 5_600,
			currency: 'GBP',
			providerName: 'Amina Shah',
			minutes: 240,
			on: '2026-03-03T10:00:00Z',
		}
		expect(paymentDescription(session)).toBe('£56.00 paid to Amina Shah for 4 hours on 3 March')
		expect(holdDescription(session)).toBe('£56.00 set aside for 4 hours with Amina Shah on 3 March')
		expect(
			paymentDescription({
				amount: 500,
				currency: 'GBP',
				providerName: 'Highfields Seated Exercise Club',
				what: 'a seated exercise class',
				on: '2026-03-10T10:00:00Z',
			}),
		).toBe('£5.00 paid to Highfields Seated Exercise Club for a seated exercise class on 10 March')
	})

	it('name lengths of time the way people say them', () => {
		expect(durationWords(60)).toBe('1 hour')
		expect(durationWords(90)).toBe('1 hour 30 minutes')
		expect(durationWords(45)).toBe('45 minutes')
		expect(durationWords(121)).toBe('2 hours 1 minute')
	})
})
