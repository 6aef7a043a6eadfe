import { describe, expect, it } from 'vitest'
import { safeRedirect } from './session.server.ts'

describe('safeRedirect', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirect('/holders/abc?tab=plan')).toBe('/holders/abc?tab=plan')
	})
	it('refuses other sites, protocol-relative and backslash tricks', () => {
		for (const to of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '']) {
			expect(safeRedirect(to)).toBe('/account')
		}
	})
	it('falls back when nothing is given', () => {
		expect(safeRedirect(null, '/')).toBe('/')
	})
})
