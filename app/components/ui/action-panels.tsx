/**
 * A page's boxed actions: a titled panel, and a one-button form that posts an `intent` (with hidden fields). The
 * booking page and the group activity page both lay out what a person may do this way, and their messages.
 */
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CsrfInput, SubmitButton } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'

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

/** The messages on a booking or a group, oldest first, each with who wrote it and when; `children` is the form. */
export function Messages<M extends { id: string; body: string }>({
	messages,
	byline,
	children,
}: {
	messages: M[]
	byline: (message: M) => ReactNode
	children?: ReactNode
}) {
	return (
		<Section id="messages" headingId="messages-heading" title="Messages" className="mt-8">
			{messages.length === 0 ? <p className="mt-2">No messages yet.</p> : null}
			<ol className="mt-3 space-y-3" aria-label="Messages, oldest first">
				{messages.map((m) => (
					<li key={m.id} className="rounded border border-gray-300 p-3">
						<p className="text-sm text-gray-700">{byline(m)}</p>
						<p className="mt-1 whitespace-pre-line">{m.body}</p>
					</li>
				))}
			</ol>
			{children}
		</Section>
	)
}
