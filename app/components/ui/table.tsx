import { type ReactNode } from 'react'

/**
 * The app's data tables: on a wide screen a table, on a narrow one each row stacked as label and value (the
 * `stacked-table` style reads each cell's `data-label`). Money and counts are right-aligned.
 */
const th = 'py-2 pr-3 text-left align-bottom'
const td = 'py-2 pr-3 align-top'
/** The cells' classes, for the few cells a table builds itself (a footer's totals, a cell spanning columns). */
export const cellClass = { th, td }

export type Column = { label: ReactNode; numeric?: boolean; key?: string }

/**
 * A scrolling table with a caption for screen readers and a header row. `className` spaces the scroller,
 * `minWidth` (a Tailwind class, written out in full) keeps the columns readable before it scrolls.
 */
export function StackedTable({
	caption,
	columns,
	minWidth,
	className = 'mt-3',
	children,
	footer,
}: {
	caption: ReactNode
	columns: Column[]
	minWidth: string
	className?: string
	children: ReactNode
	footer?: ReactNode
}) {
	return (
		<div className={`${className} overflow-x-auto`}>
			<table className={`stacked-table w-full ${minWidth}`}>
				<caption className="sr-only">{caption}</caption>
				<thead>
					<tr className="border-b-2 border-gray-800">
						{columns.map((c, i) => (
							<th key={c.key ?? i} scope="col" className={c.numeric ? `${th} text-right` : th}>
								{c.label}
							</th>
						))}
					</tr>
				</thead>
				<tbody>{children}</tbody>
				{footer ? <tfoot>{footer}</tfoot> : null}
			</table>
		</div>
	)
}

/** A body row, ruled off from the next. */
export function Row({ children }: { children: ReactNode }) {
	return <tr className="border-b border-gray-300">{children}</tr>
}

/** The cell that names the row (its header for screen readers). */
export function RowHead({ children }: { children: ReactNode }) {
	return (
		<th scope="row" className={`${td} text-left font-normal`}>
			{children}
		</th>
	)
}

/** A data cell, labelled for the stacked layout; `numeric` right-aligns it, `nowrap` keeps it on one line. */
export function Cell({
	label,
	numeric,
	nowrap,
	children,
}: {
	label?: string
	numeric?: boolean
	nowrap?: boolean
	children: ReactNode
}) {
	const className = `${numeric ? `${td} text-right` : td}${nowrap ? ' whitespace-nowrap' : ''}`
	return (
		<td className={className} data-label={label}>
			{children}
		</td>
	)
}
