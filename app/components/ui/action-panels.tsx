/**
 * A page's boxed actions: a titled panel, and a one-button form that posts an `intent` (with hidden fields). The
 * booking page and the group activity page both lay out what a person may do this way.
 */
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CsrfInput, SubmitButton } from '#app/components/ui/forms.tsx'

export function Panel({ title, children }: { title: string; children: ReactNode }) {
	return (
		<div className="rounded border-2 border-gray-300 p-4">
			<h3 className="text-lg font-bold">{title}</h3>
			<div className="mt-1">{children}</div>
		</div>
	)
}

export function ButtonForm({
	intent,
	label,
	hidden = {},
}: {
	intent: string
	label: string
	hidden?: Record<string, string>
}) {
	return (
		<Form method="post" className="mt-3">
			<CsrfInput />
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<SubmitButton name="intent" value={intent}>
				{label}
			</SubmitButton>
		</Form>
	)
}
