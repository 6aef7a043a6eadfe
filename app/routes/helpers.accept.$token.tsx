import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AcceptInvitationButton, InvitationForSomeoneElse } from '#app/components/ui/invitation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { kindWord, rightsSentence } from '#app/domain/people/consent.ts'
import { acceptInvitation, invitationFor } from '#app/domain/people/consent.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { acceptInvitationAction, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Accept an invitation to help | Budget Market' }]

/** The invitation for the signed-in person (anyone else is sent to sign in and brought back); a bad link is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, page } = await userPage(request, (u, at) => invitationFor(u, params.token ?? '', at))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This invitation link does not work' })
	return json({ invitation: page, you: user.name })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return acceptInvitationAction(request, (user) => acceptInvitation(user, params.token ?? ''), '/account?accepted=1')
}

export default function AcceptInvitation() {
	const { invitation, you } = useLoaderData<typeof loader>()
	if (!invitation.forYou) return <InvitationForSomeoneElse you={you} />
	const i = invitation
	const limits = [
		i.perBookingLimitPence !== null ? `up to ${formatMoney(i.perBookingLimitPence, i.currency)} on one booking` : null,
		i.perMonthLimitPence !== null ? `up to ${formatMoney(i.perMonthLimitPence, i.currency)} a month` : null,
	].filter(Boolean)
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Act for {i.holderName}</h1>
			<p className="mt-3">
				{i.invitedBy} asks you to act for {i.holderName} on Budget Market, as their {kindWord(i.kind)}.
			</p>
			<h2 className="mt-6 text-2xl font-bold">What you could do</h2>
			<p className="mt-2">You could {rightsSentence(i.rights, 'their')}.</p>
			{limits.length ? <p className="mt-2">You could spend {limits.join(' and ')}.</p> : null}
			{i.endsOn ? <p className="mt-2">Until {dayText(i.endsOn)}.</p> : null}
			<p className="mt-4">
				{i.holderName} can see everything you do in their name, and can change or stop what you can do at any time. This
				invitation works until {dayText(new Date(i.expiresAt))}.
			</p>
			<AcceptInvitationButton label={`Accept and act for ${i.holderName}`} />
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
