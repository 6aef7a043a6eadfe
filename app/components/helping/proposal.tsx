import { Form } from '@remix-run/react'
import { Button, CsrfInput, SecondaryButton } from '#app/components/ui/forms.tsx'
import { PROPOSAL_STATUS_WORDS } from '#app/domain/helping/rules.ts'
import { instantText } from '#app/utils/dates.ts'

export type ProposalData = {
	id: string
	holderName: string
	proposedBy: string
	service: string
	provider: string
	startsAt: string
	length: string | null
	weeks: number
	note: string | null
	total: string
	reason: 'OVER_LIMIT' | 'SUGGEST_ONLY'
	status: keyof typeof PROPOSAL_STATUS_WORDS
	declineReason: string | null
	isHolder: boolean
	canAnswer: boolean
}

/** What a proposal asks for, in words, and the holder's two buttons (ADR 024). */
export function ProposalDetails({ p }: { p: ProposalData }) {
	return (
		<>
			<dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
				<dt className="font-semibold">Suggested by</dt>
				<dd>{p.proposedBy}</dd>
				<dt className="font-semibold">For</dt>
				<dd>{p.holderName}</dd>
				<dt className="font-semibold">What</dt>
				<dd>
					{p.service} with {p.provider}
					{p.length ? `, ${p.length}` : ''}
				</dd>
				<dt className="font-semibold">When</dt>
				<dd>
					{instantText(p.startsAt)}
					{p.weeks > 1 ? `, then every week for ${p.weeks} weeks` : ''}
				</dd>
				<dt className="font-semibold">Total</dt>
				<dd className="font-bold">{p.total}</dd>
				{p.note ? (
					<>
						<dt className="font-semibold">Note for the provider</dt>
						<dd>{p.note}</dd>
					</>
				) : null}
				<dt className="font-semibold">Answer</dt>
				<dd>
					{PROPOSAL_STATUS_WORDS[p.status]}
					{p.declineReason ? `: “${p.declineReason}”` : ''}
				</dd>
			</dl>
			<p className="mt-3">
				{p.reason === 'OVER_LIMIT'
					? `This costs more than the limit ${p.isHolder ? 'you' : p.holderName} set for ${p.proposedBy}, so it waits for ${p.isHolder ? 'your' : 'their'} yes.`
					: `${p.proposedBy} can suggest support, so this waits for ${p.isHolder ? 'your' : 'their'} yes.`}{' '}
				Nothing is booked or held until then.
			</p>
		</>
	)
}

export function ProposalAnswerForm({ p }: { p: ProposalData }) {
	if (!p.canAnswer) return null
	return (
		<Form method="post" className="mt-6 rounded border-2 border-gray-300 p-4">
			<CsrfInput />
			<h2 className="text-xl font-bold">Your answer</h2>
			<p className="mt-1">If you say yes, the request goes to {p.provider} now, from your budget.</p>
			<Button type="submit" name="intent" value="approve" className="mt-3">
				Yes, book it
			</Button>
			<label htmlFor="decline-reason" className="mt-4 block font-semibold">
				If you say no, why? (optional)
			</label>
			<textarea
				id="decline-reason"
				name="reason"
				rows={2}
				className="mt-1 w-full max-w-2xl rounded border-2 border-gray-600 p-2"
			/>
			<SecondaryButton type="submit" name="intent" value="decline" className="mt-2">
				No, do not book it
			</SecondaryButton>
		</Form>
	)
}
