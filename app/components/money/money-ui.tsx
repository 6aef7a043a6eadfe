/**
 * Small pieces the money pages share: headline figures, signed amounts, a print button and print styles.
 * General pieces (links, notices, page links) are in app/components/ui/.
 */
import type { ReactNode } from 'react'
import { formatMoney } from '#app/domain/money/amounts.ts'

/** A headline figure: a label above a large amount. */
export function Figure({
	label,
	amount,
	currency,
	hint,
}: {
	label: string
	amount: number
	currency: string
	hint?: ReactNode
}) {
	return (
		<div className="rounded border-2 border-gray-300 p-4">
			<dt className="font-semibold">{label}</dt>
			<dd className="mt-1 text-3xl font-bold">{formatMoney(amount, currency)}</dd>
			{hint ? <dd className="mt-1 text-gray-700">{hint}</dd> : null}
		</div>
	)
}

/** "+£56.00" / "−£56.00" (with a real minus sign), empty for zero. */
export function signedMoney(amount: number, currency: string): string {
	if (amount === 0) return ''
	return `${amount > 0 ? '+' : '−'}${formatMoney(Math.abs(amount), currency)}`
}

export function PrintButton({ children = 'Print' }: { children?: ReactNode }) {
	return (
		<button
			type="button"
			onClick={() => window.print()}
			className="rounded border-2 border-brand-700 px-4 py-1 font-semibold text-brand-700 hover:bg-brand-50 print:hidden"
		>
			{children}
		</button>
	)
}

/**
 * What to leave out when the page is printed or saved as PDF: the site header, navigation, footer and anything
 * marked print:hidden. Rendered by the pages that have a print version.
 */
export function PrintStyles() {
	return (
		<style>{`@media print {
  body > header, body > footer, body > a[href="#main-content"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  a { color: inherit !important; text-decoration: none !important; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; }
}`}</style>
	)
}
