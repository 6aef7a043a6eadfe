import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ProposalAnswerForm, ProposalDetails } from '#app/components/helping/proposal.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { ResultLine } from '#app/components/ui/notice.tsx'
import {
	approveProposal,
	declineProposal,
	proposalPage,
	withdrawProposal,
} from '#app/domain/helping/proposals.server.ts'
import { ProposalFormSchema } from '#app/domain/helping/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { userPage } from '#app/utils/form-page.server.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'A booking waiting for a yes | Budget Market' }]

/** A proposal (ADR 024): the holder approves or declines it in one step; the helper who made it sees the answer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await userPage(request, (u) => proposalPage(u, params.proposalId ?? ''))
	return json({ proposal: page })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const id = params.proposalId ?? ''
	await userPage(request, (u) => proposalPage(u, id))
	const parsed = parseSubmission(formData, ProposalFormSchema)
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	const outcome = await attempt(async () => {
		if (v.intent === 'approve') return (await approveProposal(user, id)).bookingId
		if (v.intent === 'decline') return declineProposal(user, id, { reason: v.reason })
		return withdrawProposal(user, id)
	})
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect(typeof outcome.value === 'string' ? `/bookings/${outcome.value}?sent=1` : `/proposals/${id}`)
}

export default function Proposal() {
	const { proposal: p } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const error = actionData && 'error' in actionData ? actionData.error : null
	return (
		<div className="max-w-3xl">
			<LinkLine to={p.isHolder ? '/home' : '/helping'}>
				{p.isHolder ? 'Back to your home' : 'Back to the people you support'}
			</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">
				{p.isHolder ? `${p.proposedBy} asks you to approve a booking` : `Your suggestion for ${p.holderName}`}
			</h1>
			{error ? <ResultLine>{error}</ResultLine> : null}
			<ProposalDetails p={p} />
			{p.bookingId ? (
				<LinkLine to={`/bookings/${p.bookingId}`} className="mt-3">
					See the booking
				</LinkLine>
			) : null}
			<ProposalAnswerForm p={p} />
			{!p.isHolder && p.status === 'WAITING' ? (
				<PostButton intent="withdraw" className="mt-4">
					Withdraw this suggestion
				</PostButton>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
