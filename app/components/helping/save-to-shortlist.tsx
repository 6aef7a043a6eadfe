import { Form } from '@remix-run/react'
import { useId } from 'react'
import { CsrfInput, SecondaryButton } from '#app/components/ui/forms.tsx'

export type ShortlistHolder = { id: string; displayName: string }

/**
 * "Save to shortlist" for a carer or broker (ADR 024): which person it is for (the one they act for, chosen first)
 * and a note. Posts to the workspace, which saves it and opens the shortlist.
 */
export function SaveToShortlist({
	providerId,
	providerName,
	holders,
	actingId,
	formId,
}: {
	providerId: string
	providerName: string
	holders: ShortlistHolder[]
	actingId: string | null
	/**
	 * Inside another form (the search page's), the controls belong to a form rendered elsewhere with
	 * `ShortlistForm` and this id, since forms cannot nest.
	 */
	formId?: string
}) {
	const id = useId()
	if (holders.length === 0) return null
	const chosen = holders.find((h) => h.id === actingId) ?? holders[0]!
	const Wrapper = formId ? 'div' : Form
	const wrapperProps = formId ? {} : { method: 'post' as const, action: '/helping' }
	return (
		<Wrapper {...wrapperProps} className="mt-2 rounded border border-gray-300 p-3">
			{formId ? null : <ShortlistFields providerId={providerId} />}
			{holders.length === 1 ? (
				<input type="hidden" name="holderId" value={chosen.id} form={formId} />
			) : (
				<>
					<label htmlFor={`${id}-holder`} className="block font-semibold">
						Shortlist for
					</label>
					<select
						id={`${id}-holder`}
						form={formId}
						name="holderId"
						defaultValue={chosen.id}
						className="mt-1 rounded border-2 border-gray-600 p-1"
					>
						{holders.map((h) => (
							<option key={h.id} value={h.id}>
								{h.displayName}
							</option>
						))}
					</select>
				</>
			)}
			<label htmlFor={`${id}-note`} className="mt-2 block font-semibold">
				Note for {holders.length === 1 ? chosen.displayName : 'them'} about {providerName} (optional)
			</label>
			<input
				id={`${id}-note`}
				form={formId}
				name="note"
				maxLength={500}
				className="mt-1 w-full max-w-md rounded border-2 border-gray-600 p-1"
			/>
			<SecondaryButton type="submit" className="mt-2" form={formId}>
				Save to shortlist<span className="sr-only"> {providerName}</span>
			</SecondaryButton>
		</Wrapper>
	)
}

function ShortlistFields({ providerId }: { providerId: string }) {
	return (
		<>
			<CsrfInput />
			<input type="hidden" name="intent" value="save" />
			<input type="hidden" name="providerId" value={providerId} />
		</>
	)
}

/** The form a `SaveToShortlist` with `formId` submits, rendered outside any other form. */
export function ShortlistForm({ formId, providerId }: { formId: string; providerId: string }) {
	return (
		<form id={formId} method="post" action="/helping">
			<ShortlistFields providerId={providerId} />
		</form>
	)
}
