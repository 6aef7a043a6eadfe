import type { ReactNode } from 'react'

/** A success message after an action (role="status" so screen readers announce it). */
export function Notice({ children }: { children: ReactNode }) {
	return (
		<div role="status" className="mb-6 border-l-8 border-brand-700 bg-brand-50 p-4">
			{children}
		</div>
	)
}
