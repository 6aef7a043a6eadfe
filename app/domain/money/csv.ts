/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break. Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) is prefixed with an apostrophe (OWASP's advice on CSV injection). Numbers are written as they are,
 * and so are decimal amounts wrapped in CsvNumber (so "-12.50" stays a number). Pure: no I/O.
 */

/** A decimal number to write as it is: "-12.50". */
export class CsvNumber {
	readonly text: string
	constructor(text: string) {
		if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`"${text}" is not a decimal number`)
		this.text = text
	}
}

export type CsvValue = string | number | bigint | CsvNumber | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

function field(value: CsvValue): string {
	if (value === null || value === undefined) return ''
	if (value instanceof CsvNumber) return value.text
	if (typeof value === 'number' || typeof value === 'bigint') return String(value)
	const text = FORMULA_START.test(value) ? `'${value}` : value
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV line (with its CRLF). */
export function csvLine(values: readonly CsvValue[]): string {
	return `${values.map(field).join(',')}\r\n`
}

/** Excel reads a UTF-8 file as UTF-8 (so "£" is not "Â£") only when it starts with this byte-order mark. */
export const CSV_BOM = '\uFEFF'

/** A whole CSV document: the byte-order mark, a header line, then the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
	return CSV_BOM + csvLine(header) + rows.map(csvLine).join('')
}

/** A file name safe for Content-Disposition: letters, digits, dashes. */
export function csvFileName(...parts: string[]): string {
	const base = parts
		.join('-')
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9-]+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()
	return `${base || 'export'}.csv`
}

/** The headers of a CSV download. */
export function csvHeaders(fileName: string): HeadersInit {
	return {
		'Content-Type': 'text/csv; charset=utf-8',
		'Content-Disposition': `attachment; filename="${fileName}"`,
		'Cache-Control': 'private, no-store',
	}
}
