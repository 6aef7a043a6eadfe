import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ProposalAnswerForm, ProposalDetails } from '#app/components/helping/proposal.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { ResultLine } from '#app/components/ui/notice.tsx'
import { approveProposal, declineProposal, proposalByToken } from '#app/domain/helping/proposals.server.ts'
import { ProposalFormSchema } from '#app/domain/helping/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { userPage } from '#app/utils/form-page.server.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Answer a booking suggestion | Budget Market' }]

/**
 * The emailed link to answer a proposal (ADR 024). The link alone does nothing: the holder signs in as themself
 * (anyone else is told nothing), and the link works once.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await userPage(request, (u) => proposalByToken(u, params.token ?? ''))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This link has been used already' })
	return json({ proposal: page })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const token = params.token ?? ''
	const { page } = await userPage(request, (u) => proposalByToken(u, token))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This link has been used already' })
	const parsed = parseSubmission(formData, ProposalFormSchema)
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	if (v.intent === 'withdraw') return json({ error: 'Say yes or no to it.' }, { status: 400 })
	const outcome = await attempt(async () => {
		if (v.intent === 'approve') return (await approveProposal(user, page.id, { token })).bookingId
		return declineProposal(user, page.id, { token, reason: v.reason })
	})
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect(typeof outcome.value === 'string' ? `/bookings/${outcome.value}?sent=1` : `/proposals/${page.id}`)
}

export default function AnswerProposal() {
	const { proposal: p } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const error = actionData && 'error' in actionData ? actionData.error : null
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">{p.proposedBy} asks you to approve a booking</h1>
			{error ? <ResultLine>{error}</ResultLine> : null}
			<ProposalDetails p={p} />
			<ProposalAnswerForm p={p} />
			<LinkLine to="/home" className="mt-4">
				Go to your home
			</LinkLine>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
