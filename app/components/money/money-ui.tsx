/** Small pieces the money pages share: headline figures, signed amounts, page links, a print button. */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { formatMoney } from '#app/domain/money/amounts.ts'

export const linkClass = 'text-brand-700 underline'

/** A headline figure: a label above a large amount. */
export function Figure({ label, amount, currency, hint }: { label: string; amount: number; currency: string; hint?: ReactNode }) {
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

/** Previous / next links with "Page 2 of 5", keeping the other query parameters. */
export function Pagination({ page, pageCount, search, label }: { page: number; pageCount: number; search: URLSearchParams; label: string }) {
	if (pageCount <= 1) return null
	const to = (n: number) => {
		const params = new URLSearchParams(search)
		params.set('page', String(n))
		return `?${params}`
	}
	return (
		<nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4 print:hidden">
			{page > 1 ? (
				<Link to={to(page - 1)} className={linkClass}>
					Previous page
				</Link>
			) : null}
			<span>
				Page {page} of {pageCount}
			</span>
			{page < pageCount ? (
				<Link to={to(page + 1)} className={linkClass}>
					Next page
				</Link>
			) : null}
		</nav>
	)
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

/** A success message after an action (role="status" so screen readers announce it). */
export function Notice({ children }: { children: ReactNode }) {
	return (
		<div role="status" className="mb-6 border-l-8 border-brand-700 bg-brand-50 p-4">
			{children}
		</div>
	)
}
