import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvFileName, csvLine, CsvNumber, toCsv } from './csv.ts'

describe('CSV', () => {
	it('quotes what needs quoting and ends lines with CRLF', () => {
		expect(csvLine(['plain', 'a, b', 'say "hi"', 'two\nlines', null, 42])).toBe(
			'plain,"a, b","say ""hi""","two\nlines",,42\r\n',
		)
	})

	it('stops spreadsheet formulas in text, but keeps negative amounts as numbers', () => {
		expect(csvLine(['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)'])).toBe(
			`"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1)\r\n`,
		)
		expect(csvLine([new CsvNumber('-12.50'), new CsvNumber('56.00')])).toBe('-12.50,56.00\r\n')
		expect(() => new CsvNumber('=1+1')).toThrow(RangeError)
	})

	it('starts with a byte-order mark so Excel reads £ correctly', () => {
		expect(toCsv(['A'], [['£1']])).toBe(`${CSV_BOM}A\r\n£1\r\n`)
	})

	it('makes safe file names', () => {
		expect(csvFileName('statement', 'Zoë O’Brien', '2026-03')).toBe('statement-zoe-o-brien-2026-03.csv')
		expect(csvFileName('', '')).toBe('export.csv')
	})
})
