/**
 * One figure of the funder's view, twice: an SVG bar chart and, beside it, the same rows as a table (ADR 023).
 * The chart is an image with a title and a description that lists every value, each bar has its label and value
 * written beside it, and nothing is told by colour alone: a hidden figure is no bar and the words "fewer than 5".
 */
import { useId } from 'react'
import { linkClass } from '#app/components/ui/link.ts'
import { figureWords, type ViewTable } from '#app/domain/funders/tables.ts'
import type { SafeFigure } from '#app/domain/funders/privacy.ts'

// Drawn small and scaled to the column (at most 28rem), so its words stay readable on a 320 px phone (about 14 px).
const WIDTH = 320
const ROW = 52
const BAR = 18
const PAD = 6
const FONT = 15
/** Room kept right of the longest bar for its value: "£1,234,567.00", "fewer than 5". */
const VALUE_ROOM = 120

/** Splits a label into lines of at most `width` characters, at spaces (SVG text does not wrap by itself). */
export function wrapLabel(label: string, width = 38): string[] {
	const lines: string[] = []
	let line = ''
	for (const word of label.split(' ')) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line)
			line = word
		} else line = line ? `${line} ${word}` : word
	}
	if (line) lines.push(line)
	return lines
}

/** Where each row starts: one below the other, each as tall as its label's lines and its bar. */
function layout<T extends { lines: string[] }>(rows: T[]): (T & { y: number; bottom: number })[] {
	const out: (T & { y: number; bottom: number })[] = []
	for (const row of rows) {
		const y = out.length ? out[out.length - 1]!.bottom : PAD
		out.push({ ...row, y, bottom: y + row.lines.length * (FONT + 3) + BAR + 14 })
	}
	return out
}

/** A horizontal bar chart of a table's rows (not its total), scaled to the largest value shown. */
export function BarChart({ table, currency, max }: { table: ViewTable; currency: string; max?: number }) {
	const id = useId()
	const rows = table.rows
	const largest = max ?? Math.max(0, ...rows.map((r) => (r.figure.hidden ? 0 : r.figure.value)))
	const words = (f: SafeFigure) => figureWords(f, table.unit, currency)
	const description = `${table.about} ${rows.map((r) => `${r.label}: ${words(r.figure)}.`).join(' ')}${
		table.total ? ` ${table.total.label}: ${words(table.total.figure)}.` : ''
	}`
	// Each row: its label (one or two lines), then its bar with the value written after it.
	const laid = layout(rows.map((r) => ({ r, lines: wrapLabel(r.label) })))
	const height = Math.max(
		ROW,
		laid.reduce((end, row) => Math.max(end, row.bottom), PAD),
	)
	return (
		<svg
			role="img"
			aria-labelledby={`${id}-title ${id}-desc`}
			viewBox={`0 0 ${WIDTH} ${height}`}
			className="h-auto w-full max-w-md"
			style={{ fontFamily: 'inherit' }}
		>
			<title id={`${id}-title`}>{table.title}</title>
			<desc id={`${id}-desc`}>{description}</desc>
			{rows.length === 0 ? (
				<text x={0} y={ROW / 2} fontSize={FONT} fill="#1f2937">
					Nothing yet.
				</text>
			) : null}
			{laid.map(({ r, lines, y }) => {
				const value = r.figure.hidden ? 0 : r.figure.value
				const length = largest > 0 ? Math.round(((WIDTH - VALUE_ROOM) * value) / largest) : 0
				const bar = Math.max(length, value > 0 ? 2 : 0)
				const barTop = y + lines.length * (FONT + 3) + 4
				return (
					<g key={r.key}>
						{lines.map((line, k) => (
							<text key={k} x={0} y={y + FONT + k * (FONT + 3)} fontSize={FONT} fill="#1f2937">
								{line}
							</text>
						))}
						{r.figure.hidden ? (
							<rect
								x={1}
								y={barTop}
								width={18}
								height={BAR}
								fill="none"
								stroke="#4b5563"
								strokeWidth={2}
								strokeDasharray="4 3"
							/>
						) : (
							<rect x={0} y={barTop} width={bar} height={BAR} fill="#1d5e4a" />
						)}
						<text
							x={(r.figure.hidden ? 20 : bar) + 6}
							y={barTop + BAR - 4}
							fontSize={FONT}
							fontWeight={700}
							fill="#111827"
						>
							{words(r.figure)}
						</text>
					</g>
				)
			})}
		</svg>
	)
}

/** The rows of a table, with the people each figure is about. */
export function DataTable({ table, currency }: { table: ViewTable; currency: string }) {
	const th = 'py-2 pr-3 text-left align-bottom'
	const td = 'py-2 pr-3 text-right align-top'
	const row = (r: ViewTable['rows'][number], total = false) => (
		<tr key={r.key} className={total ? 'border-t-2 border-gray-800 font-bold' : 'border-b border-gray-300'}>
			<th scope="row" className={`py-2 pr-3 text-left align-top ${total ? 'font-bold' : 'font-normal'}`}>
				{r.label}
			</th>
			<td className={td} data-label={table.valueLabel}>
				{figureWords(r.figure, table.unit, currency)}
			</td>
			<td className={td} data-label="People">
				{r.figure.hidden ? figureWords(r.figure, 'people', currency) : r.figure.people}
			</td>
		</tr>
	)
	return (
		<table className="w-full">
			<caption className="sr-only">{table.title}: the figures</caption>
			<thead>
				<tr className="border-b-2 border-gray-800">
					<th scope="col" className={th}>
						{table.rowLabel}
					</th>
					<th scope="col" className={`${th} text-right`}>
						{table.valueLabel}
					</th>
					<th scope="col" className={`${th} text-right`}>
						People
					</th>
				</tr>
			</thead>
			<tbody>
				{table.rows.length === 0 ? (
					<tr>
						<td colSpan={3} className="py-2">
							Nothing yet.
						</td>
					</tr>
				) : null}
				{table.rows.map((r) => row(r))}
				{table.total ? row(table.total, true) : null}
			</tbody>
		</table>
	)
}

/** A section of the view: heading, what it shows, the chart and the table side by side, and the CSV download. */
export function FigureSection({
	table,
	currency,
	csvHref,
	children,
}: {
	table: ViewTable
	currency: string
	csvHref: string
	children?: React.ReactNode
}) {
	const headingId = `${table.id}-heading`
	return (
		<section aria-labelledby={headingId} className="mt-10">
			<h2 id={headingId} className="text-2xl font-bold">
				{table.title}
			</h2>
			<p className="mt-1 max-w-3xl">{table.about}</p>
			{children}
			<div className="mt-4 grid gap-6 lg:grid-cols-2">
				<BarChart table={table} currency={currency} max={table.unit === 'score' ? 5 : undefined} />
				<div className="overflow-x-auto">
					<DataTable table={table} currency={currency} />
				</div>
			</div>
			<p className="mt-3">
				<a href={csvHref} className={linkClass} download>
					Download “{table.title}” as a spreadsheet (CSV)
				</a>
			</p>
		</section>
	)
}
