/**
 * How the funder's view writes its figures, on the page and in CSV (ADR 023). Pure: used by the server and the page.
 * A hidden figure is written as the small-numbers rule says (./privacy.ts), never as its value.
 */
import { formatMoney, toDecimal } from '#app/domain/money/amounts.ts'
import { CsvNumber, type CsvValue, toCsv } from '#app/domain/money/csv.ts'
import { HIDDEN_TEXT, type SafeFigure } from './privacy.ts'

/** The tables of the funder's view, in the order the page shows them (the CSV's ?table= is one of these). */
export const TABLE_IDS = [
	'money',
	'categories',
	'providers',
	'choice',
	'plans',
	'waits',
	'reviews',
	'ratings',
	'groups',
] as const
export type TableId = (typeof TABLE_IDS)[number]

/** How a table's values read: money (minor units), numbers of people or of things, an average score out of 5, or days. */
export type Unit = 'money' | 'people' | 'count' | 'score' | 'days'

export type ViewRow = { key: string; label: string; figure: SafeFigure }

export type ViewTable<Id extends string = string> = {
	id: Id
	/** The heading of the section, and the chart's title. */
	title: string
	/** What the table shows, in a sentence (the chart's description starts with it). */
	about: string
	/** The heading of the first column: "Kind of support". */
	rowLabel: string
	/** The heading of the value column: "Spent". */
	valueLabel: string
	unit: Unit
	rows: ViewRow[]
	/** The row the others add up to, shown last (null: they do not add up). */
	total: ViewRow | null
}

/** A value in words: "£1,200.00", "12 people", "3.4 out of 5", "9 days". */
export function valueText(unit: Unit, value: number, currency: string): string {
	switch (unit) {
		case 'money':
			return formatMoney(value, currency)
		case 'people':
			return `${value} ${value === 1 ? 'person' : 'people'}`
		case 'count':
			return String(value)
		case 'score':
			return `${value.toFixed(1)} out of 5`
		case 'days':
			return `${value} ${value === 1 ? 'day' : 'days'}`
	}
}

/** A figure in words, or what is shown in its place. */
export function figureWords(f: SafeFigure, unit: Unit, currency: string): string {
	return f.hidden ? HIDDEN_TEXT[f.hidden] : valueText(unit, f.value, currency)
}

function csvValue(f: SafeFigure, unit: Unit, currency: string): CsvValue {
	if (f.hidden) return HIDDEN_TEXT[f.hidden]
	if (unit === 'money') return new CsvNumber(toDecimal(f.value, currency))
	if (unit === 'score') return new CsvNumber(f.value.toFixed(1))
	return f.value
}

/** The header of a table's CSV: the row heading, the value (with its currency or unit), and people. */
export function csvHeader(table: ViewTable, currency: string): string[] {
	const unit = table.unit === 'money' ? ` (${currency})` : table.unit === 'score' ? ' (out of 5)' : ''
	return [table.rowLabel, `${table.valueLabel}${unit}`, 'People']
}

/** A table as CSV: its rows, then its total; hidden figures and their people written as on the page. */
export function tableCsv(table: ViewTable, currency: string): string {
	const rows = [...table.rows, ...(table.total ? [table.total] : [])].map((r) => [
		r.label,
		csvValue(r.figure, table.unit, currency),
		r.figure.hidden ? HIDDEN_TEXT[r.figure.hidden] : r.figure.people,
	])
	return toCsv(csvHeader(table, currency), rows)
}
