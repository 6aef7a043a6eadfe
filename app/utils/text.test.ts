import { describe, expect, it } from 'vitest'
import { plainText, withoutBidiControls } from './text.ts'

describe('bidirectional controls', () => {
	it('removes every override and isolate, and nothing else', () => {
		const sneaky = 'Paid \u202Eexcess 01£\u202C in full \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068 héllo'
		expect(withoutBidiControls(sneaky)).toBe('Paid excess 01£ in full x  héllo')
		expect(plainText().parse('a\u202Eb')).toBe('ab')
	})
})
