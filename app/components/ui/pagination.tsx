import { Link } from '@remix-run/react'
import { linkClass } from './link.ts'

/** Previous / next links with "Page 2 of 5", keeping the other query parameters. */
export function Pagination({
	page,
	pageCount,
	search,
	label,
}: {
	page: number
	pageCount: number
	search: URLSearchParams
	label: string
}) {
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
