import { type SubmissionResult } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton, PostForm, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { useOutcome } from '#app/components/ui/use-outcome.ts'
import { rightsSentence } from '#app/domain/people/consent.ts'
import { cancelStaffInvite, inviteStaff, removeStaff, staffPage } from '#app/domain/people/organisations.server.ts'
import { staffFormSchema } from '#app/domain/people/representation.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your staff | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json({ organisations: await orErrorPage(() => staffPage(user, now())) })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	await orErrorPage(() => staffPage(user, now()))
	const formId = `invite-${String(formData.get('providerId') ?? '')}`
	const parsed = parseSubmission(formData, staffFormSchema, { formId })
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	const outcome = await attempt(async () => {
		switch (value.intent) {
			case 'invite':
				await inviteStaff(user, value.providerId, value.email)
				return `invited=${encodeURIComponent(value.email)}`
			case 'remove':
				await removeStaff(user, value.providerId, value.staffId)
				return 'done=removed'
			case 'cancel-invite':
				await cancelStaffInvite(user, value.providerId, value.inviteId)
				return 'done=cancelled'
		}
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, { formId })
	return redirect(`/provider/staff?${outcome.value}`)
}

const DONE: Record<string, string> = {
	removed: 'Removed. From their very next step, they can no longer act for anyone through your organisation.',
	cancelled: 'The invitation was withdrawn: its link no longer works.',
}

export default function StaffPage() {
	const { organisations } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { done, invited } = useOutcome(DONE)
	return (
		<div className="max-w-3xl">
			<LinkLine to="/provider">Back to your provider home</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Your staff</h1>
			<p className="mt-2">
				Your staff act for the people who give your organisation rights. Everything they do is shown to those people
				under the staff member’s own name.
			</p>
			{invited ? (
				<Notice>
					We have emailed an invitation to {invited}. They join by signing in, or by creating an account with that email
					address.
				</Notice>
			) : null}
			{done ? <Notice>{done}</Notice> : null}
			{organisations.map((org) => (
				<section key={org.id} aria-labelledby={`org-${org.id}`} className="mt-8">
					<h2 id={`org-${org.id}`} className="text-2xl font-bold">
						{org.name}
					</h2>
					<h3 className="mt-4 text-xl font-bold">Staff</h3>
					{org.staff.length === 0 ? <p className="mt-2">No staff yet.</p> : null}
					<ul className="mt-2 space-y-4">
						{org.staff.map((s) => (
							<li key={s.id}>
								<p className="break-words">
									{s.user.name} ({s.user.email}), since {dayText(new Date(s.addedAt))}
								</p>
								<PostButton intent="remove" hidden={{ providerId: org.id, staffId: s.id }} className="mt-2">
									Remove {s.user.name}
								</PostButton>
							</li>
						))}
					</ul>
					{org.staffInvites.length > 0 ? (
						<>
							<h3 className="mt-6 text-xl font-bold">Invitations not yet accepted</h3>
							<ul className="mt-2 space-y-4">
								{org.staffInvites.map((i) => (
									<li key={i.id}>
										<p className="break-words">
											{i.email}: the link works until {dayText(new Date(i.expiresAt))}.
										</p>
										<PostButton intent="cancel-invite" hidden={{ providerId: org.id, inviteId: i.id }} className="mt-2">
											Withdraw the invitation to {i.email}
										</PostButton>
									</li>
								))}
							</ul>
						</>
					) : null}
					<h3 className="mt-6 text-xl font-bold">People who gave {org.name} rights</h3>
					{org.delegations.length === 0 ? <p className="mt-2">Nobody yet.</p> : null}
					<ul className="mt-2 space-y-1">
						{org.delegations.map((d) => (
							<li key={d.id}>
								{d.holder.displayName}: {rightsSentence(d.rights, 'their')}
							</li>
						))}
					</ul>
					<InviteForm
						providerId={org.id}
						lastResult={actionData?.formId === `invite-${org.id}` ? actionData.result : undefined}
					/>
				</section>
			))}
		</div>
	)
}

function InviteForm({ providerId, lastResult }: { providerId: string; lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useConformForm(staffFormSchema, { id: `invite-${providerId}`, lastResult })
	return (
		<div className="mt-6">
			<h3 className="text-xl font-bold">Invite a member of staff</h3>
			<p className="mt-2">We email them a link. It works once, for 7 days.</p>
			<PostForm form={form} fields={[fields.email]} hidden={{ intent: 'invite', providerId }} className="mt-3">
				<TextField field={fields.email!} label="Their email address" type="email" autoComplete="off" />
				<SubmitButton>Send the invitation</SubmitButton>
			</PostForm>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
