/**
 * One figure of the funder's view, twice: an SVG bar chart and, beside it, the same rows as a table (ADR 023).
 * The chart is an image with a title and a description that lists every value, each bar has its label and value
 * written beside it, and nothing is told by colour alone: a hidden figure is no bar and the words "fewer than 5".
 */
import { useId } from 'react'
import { linkClass } from '#app/components/ui/link.ts'
import { figureWords, type ViewTable } from '#app/domain/funders/tables.ts'
import type { SafeFigure } from '#app/domain/funders/privacy.ts'

const WIDTH = 640
const ROW = 60
const BAR = 22
const PAD = 8

/** A horizontal bar chart of a table's rows (not its total), scaled to the largest value shown. */
export function BarChart({ table, currency, max }: { table: ViewTable; currency: string; max?: number }) {
	const id = useId()
	const rows = table.rows
	const largest = max ?? Math.max(0, ...rows.map((r) => (r.figure.hidden ? 0 : r.figure.value)))
	const height = Math.max(1, rows.length) * ROW + PAD
	const words = (f: SafeFigure) => figureWords(f, table.unit, currency)
	const description = `${table.about} ${rows.map((r) => `${r.label}: ${words(r.figure)}.`).join(' ')}${
		table.total ? ` ${table.total.label}: ${words(table.total.figure)}.` : ''
	}`
	return (
		<svg
			role="img"
			aria-labelledby={`${id}-title ${id}-desc`}
			viewBox={`0 0 ${WIDTH} ${height}`}
			className="h-auto w-full max-w-2xl"
			style={{ fontFamily: 'inherit' }}
		>
			<title id={`${id}-title`}>{table.title}</title>
			<desc id={`${id}-desc`}>{description}</desc>
			{rows.length === 0 ? (
				<text x={0} y={ROW / 2} fontSize={18} fill="#1f2937">
					Nothing yet.
				</text>
			) : null}
			{rows.map((r, i) => {
				const y = i * ROW + PAD
				const value = r.figure.hidden ? 0 : r.figure.value
				const length = largest > 0 ? Math.round(((WIDTH - 180) * value) / largest) : 0
				return (
					<g key={r.key}>
						<text x={0} y={y + 16} fontSize={18} fill="#1f2937">
							{r.label}
						</text>
						{r.figure.hidden ? (
							<rect
								x={0}
								y={y + 24}
								width={20}
								height={BAR}
								fill="none"
								stroke="#4b5563"
								strokeWidth={2}
								strokeDasharray="4 3"
							/>
						) : (
							<rect x={0} y={y + 24} width={Math.max(length, value > 0 ? 2 : 0)} height={BAR} fill="#1d5e4a" />
						)}
						<text
							x={(r.figure.hidden ? 20 : Math.max(length, value > 0 ? 2 : 0)) + 8}
							y={y + 24 + BAR - 5}
							fontSize={18}
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
