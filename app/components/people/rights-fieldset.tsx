import { type ReactNode } from 'react'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { RIGHT_CHOICES } from '#app/domain/people/consent.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'

/**
 * The checkboxes for what someone may do for a budget holder: the holder's own helpers page and a funder's
 * representatives page both ask it. `allowed` narrows the choices (all by default); `words` says each one in
 * the page's voice.
 */
export function RightsFieldset({
	id,
	name,
	legend,
	intro,
	checked,
	allowed,
	errors,
	words = (choice) => choice.words,
}: {
	id: string
	name: string
	legend: string
	intro: ReactNode
	checked: DelegatedRight[]
	allowed?: DelegatedRight[]
	errors?: string[]
	words?: (choice: (typeof RIGHT_CHOICES)[number]) => string
}) {
	const errorId = errors?.length ? `${id}-error` : undefined
	const choices = allowed ? RIGHT_CHOICES.filter((c) => allowed.includes(c.right)) : RIGHT_CHOICES
	return (
		<fieldset className="mb-5" id={id} aria-describedby={errorId} tabIndex={-1}>
			<legend className="font-semibold">{legend}</legend>
			{intro}
			<ErrorList id={errorId} errors={errors} />
			<div className="mt-2 space-y-2">
				{choices.map((c) => (
					<div key={c.right} className="flex items-start gap-2">
						<input
							type="checkbox"
							id={`${id}-${c.right}`}
							name={name}
							value={c.right}
							defaultChecked={checked.includes(c.right)}
							className="mt-1.5 h-5 w-5"
						/>
						<label htmlFor={`${id}-${c.right}`}>{words(c)}</label>
					</div>
				))}
			</div>
		</fieldset>
	)
}
