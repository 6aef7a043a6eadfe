/**
 * The pieces most pages are built of: a paragraph that is one link (the "Back to …" line above a heading, a next
 * step), and a section titled by its own heading (so screen readers list it by that name).
 */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { linkClass } from './link.ts'

/** A paragraph holding one text link. */
export function LinkLine({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
	return (
		<p className={className}>
			<Link to={to} className={linkClass}>
				{children}
			</Link>
		</p>
	)
}

/**
 * A section named by its h2 (`aria-labelledby` points at the heading's id). The heading has the site's section look
 * unless `headingClassName` says otherwise.
 */
export function Section({
	id,
	headingId,
	title,
	className,
	headingClassName = 'text-2xl font-bold',
	children,
}: {
	id?: string
	headingId: string
	title: ReactNode
	className?: string
	headingClassName?: string
	children?: ReactNode
}) {
	return (
		<section aria-labelledby={headingId} id={id} className={className}>
			<h2 id={headingId} className={headingClassName}>
				{title}
			</h2>
			{children}
		</section>
	)
}
