import { describe, expect, it } from 'vitest'
import { protectTable } from './privacy.ts'
import { figureWords, tableCsv, valueText, type ViewTable } from './tables.ts'

const people = (n: number, p = 'h') => new Set(Array.from({ length: n }, (_, i) => `${p}${i}`))

function spending(): ViewTable {
	const rows = [
		{ value: 120_050, people: people(6, 'a') },
		{ value: 6_120, people: people(3, 'b') },
		{ value: 30_000, people: people(5, 'c') },
	]
	const safe = protectTable(rows, {
		value: 156_170,
		people: new Set([...people(6, 'a'), ...people(3, 'b'), ...people(5, 'c')]),
	})
	return {
		id: 'categories',
		title: 'Spending by kind of support',
		about: 'What people spent.',
		rowLabel: 'Kind of support',
		valueLabel: 'Spent',
		unit: 'money',
		rows: ['Personal care', 'Getting out', '=SUM(A1)'].map((label, i) => ({
			key: String(i),
			label,
			figure: safe.rows[i]!,
		})),
		total: { key: 'total', label: 'All spending', figure: safe.total! },
	}
}

describe("the funder's view's tables in words and CSV", () => {
	it('writes each kind of value in plain words', () => {
		expect(valueText('money', 123_450, 'GBP')).toBe('£1,234.50')
		expect(valueText('people', 1, 'GBP')).toBe('1 person')
		expect(valueText('count', 12, 'GBP')).toBe('12')
		expect(valueText('score', 3.4, 'GBP')).toBe('3.4 out of 5')
		expect(valueText('days', 1, 'GBP')).toBe('1 day')
		expect(figureWords({ hidden: 'few', value: null, people: null }, 'money', 'GBP')).toBe('fewer than 5')
	})

	it('writes the same rows as the page, hidden figures and their people as words, never their values', () => {
		const csv = tableCsv(spending(), 'GBP')
		expect(csv.split('\r\n')).toEqual([
			'\uFEFFKind of support,Spent (GBP),People',
			'Personal care,1200.50,6',
			'Getting out,fewer than 5,fewer than 5',
			"'=SUM(A1),hidden,hidden",
			'All spending,1561.70,14',
			'',
		])
		expect(csv).not.toContain('61.20')
		expect(csv).not.toContain('300.00')
	})
})
