import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AcceptInvitationButton, InvitationForSomeoneElse } from '#app/components/ui/invitation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { acceptStaffInvite, staffInvitationFor } from '#app/domain/people/organisations.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { acceptInvitationAction, userPage } from '#app/utils/form-page.server.ts'

export const meta: MetaFunction = () => [{ title: 'Join an organisation | Budget Market' }]

/** The staff invitation for the signed-in person (anyone else is sent to sign in and brought back); a bad link 404s. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, page } = await userPage(request, (u, at) => staffInvitationFor(u, params.token ?? '', at))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This invitation link does not work' })
	return json({ invitation: page, you: user.name })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return acceptInvitationAction(request, (user) => acceptStaffInvite(user, params.token ?? ''), '/account?joined=1')
}

export default function AcceptStaffInvitation() {
	const { invitation, you } = useLoaderData<typeof loader>()
	if (!invitation.forYou) return <InvitationForSomeoneElse you={you} />
	const i = invitation
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Join {i.organisation}</h1>
			<p className="mt-3">
				{i.invitedBy} asks you to join {i.organisation} on Budget Market as a member of staff.
			</p>
			<p className="mt-3">
				You will be able to act for the people who give {i.organisation} rights. They see everything you do in their
				name, under your own name. This invitation works until {dayText(new Date(i.expiresAt))}.
			</p>
			<AcceptInvitationButton label={`Join ${i.organisation}`} />
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
