/**
 * The pieces of an emailed invitation's page (to act for someone, to join an organisation's staff): what someone
 * signed in with another address sees, and the one button that accepts.
 */
import { Form } from '@remix-run/react'
import { CsrfInput, SubmitButton } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'

/** The invitation was sent to another email address than the signed-in person's. */
export function InvitationForSomeoneElse({ you }: { you: string }) {
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">This invitation is for someone else</h1>
			<p className="mt-3">
				It was sent to another email address than yours, {you}. Sign out, then open the link again and sign in (or
				create an account) with the email address it was sent to.
			</p>
			<LinkLine to="/account" className="mt-3">
				Go to your account
			</LinkLine>
		</div>
	)
}

export function AcceptInvitationButton({ label }: { label: string }) {
	return (
		<Form method="post" className="mt-6">
			<CsrfInput />
			<SubmitButton>{label}</SubmitButton>
		</Form>
	)
}
