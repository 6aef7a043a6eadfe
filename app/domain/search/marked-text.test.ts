import { describe, expect, test } from 'vitest'
import { hasMatch, plainText, toMarkedText } from './marked-text.ts'

describe('marked text', () => {
	test('plain and matched runs in turn, starting with plain', () => {
		const runs = toMarkedText([
			{ text: 'Cheerful ', match: false },
			{ text: 'personal', match: true },
			{ text: ' ', match: false },
			{ text: 'assistant', match: true },
		])
		expect(runs).toEqual(['Cheerful ', 'personal', ' ', 'assistant'])
		expect(plainText(runs)).toBe('Cheerful personal assistant')
		expect(hasMatch(runs)).toBe(true)
	})

	test('a text that starts with a match has an empty plain run first', () => {
		expect(
			toMarkedText([
				{ text: 'Priya', match: true },
				{ text: ' Patel', match: false },
			]),
		).toEqual(['', 'Priya', ' Patel'])
	})

	test('neighbouring parts of the same kind join, and empty parts are dropped', () => {
		const runs = toMarkedText([
			{ text: 'Priya', match: false },
			{ text: '', match: true },
			{ text: ' Patel', match: false },
		])
		expect(runs).toEqual(['Priya Patel'])
		expect(hasMatch(runs)).toBe(false)
		expect(toMarkedText([])).toEqual([''])
		expect(hasMatch([''])).toBe(false)
		expect(plainText([''])).toBe('')
	})
})
