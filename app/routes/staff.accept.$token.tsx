import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { acceptStaffInvite, staffInvitationFor } from '#app/domain/people/organisations.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { userPage } from '#app/utils/form-page.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Join an organisation | Budget Market' }]

/** The staff invitation for the signed-in person (anyone else is sent to sign in and brought back); a bad link 404s. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, page } = await userPage(request, (u, at) => staffInvitationFor(u, params.token ?? '', at))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This invitation link does not work' })
	return json({ invitation: page, you: user.name })
}

export async function action({ request, params }: ActionFunctionArgs) {
	await readCheckedForm(request)
	const user = await requireUser(request)
	const outcome = await attempt(() => acceptStaffInvite(user, params.token ?? ''))
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect('/account?joined=1')
}

export default function AcceptStaffInvitation() {
	const { invitation, you } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	if (!invitation.forYou) {
		return (
			<div className="max-w-3xl">
				<h1 className="text-3xl font-bold">This invitation is for someone else</h1>
				<p className="mt-3">
					It was sent to another email address than yours, {you}. Sign out, then open the link again and sign in (or
					create an account) with the email address it was sent to.
				</p>
				<p className="mt-3">
					<Link to="/account" className={linkClass}>
						Go to your account
					</Link>
				</p>
			</div>
		)
	}
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
			<Form method="post" className="mt-6">
				<CsrfInput />
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					Join {i.organisation}
				</Button>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
