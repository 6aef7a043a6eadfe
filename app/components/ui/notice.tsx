import type { ReactNode } from 'react'

/** A success message after an action (role="status" so screen readers announce it). */
export function Notice({ children }: { children: ReactNode }) {
	return (
		<div role="status" className="mb-6 border-l-8 border-brand-700 bg-brand-50 p-4">
			{children}
		</div>
	)
}

/** One line after an action on the page: `saved` is announced politely (role="status"), a refusal at once (role="alert"). */
export function ResultLine({ saved = false, children }: { saved?: boolean; children: ReactNode }) {
	return saved ? (
		<p role="status" className="mt-3 border-l-8 border-green-700 bg-green-50 p-3">
			{children}
		</p>
	) : (
		<p role="alert" className="mt-3 border-l-8 border-red-700 bg-red-50 p-3">
			{children}
		</p>
	)
}

/** A refusal in bold red on one line, announced at once (role="alert"); `className` gives its spacing. */
export function ErrorLine({ className, children }: { className?: string; children: ReactNode }) {
	return (
		<p role="alert" className={className ? `${className} font-semibold text-red-700` : 'font-semibold text-red-700'}>
			{children}
		</p>
	)
}
