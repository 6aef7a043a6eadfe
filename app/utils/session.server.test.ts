import { describe, expect, it } from 'vitest'
import { safeRedirect } from './session.server.ts'

describe('safeRedirect', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirect('/holders/abc?tab=plan')).toBe('/holders/abc?tab=plan')
		expect(safeRedirect('/bookings#latest')).toBe('/bookings#latest')
		// Percent-encoded characters stay in the path: the browser does not decode them into the host.
		expect(safeRedirect('/%09/x')).toBe('/%09/x')
	})
	it('refuses other sites, protocol-relative and backslash tricks', () => {
		for (const to of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '']) {
			expect(safeRedirect(to)).toBe('/account')
		}
	})
	it('refuses control characters, which browsers drop from addresses (/\\t/evil.example becomes //evil.example)', () => {
		for (const to of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/\u0000x', '/x\u007f']) {
			expect(safeRedirect(to)).toBe('/account')
		}
	})
	it('refuses backslashes anywhere, and schemes hidden behind a slash', () => {
		for (const to of [
			'/a\\b',
			'\\\\evil.example',
			'/https://evil.example'.replace('/', ''),
			' /account',
			'/\u3000/evil.example',
		]) {
			expect(safeRedirect(to)).toBe('/account')
		}
	})
	it('falls back when nothing is given', () => {
		expect(safeRedirect(null, '/')).toBe('/')
	})
})
