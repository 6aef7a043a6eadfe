import { type SubmissionResult } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton, PostForm, SubmitButton, TextareaFormField, TextField } from '#app/components/ui/forms.tsx'
import { ActingForHead } from '#app/components/people/acting-for-head.tsx'
import { RightsFieldset } from '#app/components/people/rights-fieldset.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { useOutcome } from '#app/components/ui/use-outcome.ts'
import { kindWord, RIGHT_CHOICES, rightsSentence } from '#app/domain/people/consent.ts'
import { representativesFormSchema } from '#app/domain/people/representation.ts'
import { requireListKeeper } from '#app/domain/people/consent.server.ts'
import {
	changeRepresentative,
	recordRepresentative,
	representativesPage,
	withdrawRepresentative,
} from '#app/domain/people/representatives.server.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { changeFormIdOf, parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Representatives | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json(await orErrorPage(() => representativesPage(user, params.holderId ?? '', now())))
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	await orErrorPage(() => requireListKeeper(user, holderId, 'representatives'))
	const formId = changeFormIdOf(formData, 'record')
	const parsed = parseSubmission(formData, representativesFormSchema, { formId })
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	const outcome = await attempt(async () => {
		switch (value.intent) {
			case 'record': {
				const done = await recordRepresentative(user, holderId, value)
				return done.recorded === 'now' ? 'done=recorded' : `invited=${encodeURIComponent(value.email)}`
			}
			case 'change':
				await changeRepresentative(user, holderId, value.delegationId, value)
				return 'done=changed'
			case 'withdraw':
				await withdrawRepresentative(user, holderId, value.delegationId)
				return 'done=withdrawn'
		}
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, { formId })
	return redirect(`/funder/holders/${holderId}/representatives?${outcome.value}`)
}

const DONE: Record<string, string> = {
	recorded: 'Recorded. They can act for this person from now on, and both have been told.',
	changed: 'Saved. The change applies from their very next step.',
	withdrawn: 'Done. They can no longer act for this person, from their very next step.',
}

export default function RepresentativesPage() {
	const { holder, delegations, invites } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const outcome = useOutcome(DONE)
	return (
		<div className="max-w-3xl">
			<ActingForHead
				holderId={holder.id}
				back={<>Back to {holder.displayName}’s budget and plan</>}
				title={<>Representatives for {holder.displayName}</>}
				trail={<>{holder.displayName}’s trail</>}
				outcome={outcome}
				invitedNotice={(email) => (
					<>
						We have emailed {email} a link. They become the representative when they accept it, by signing in or
						creating an account with that email address.
					</>
				)}
			>
				When {holder.displayName} cannot manage alone, you can record a representative to act for them, with the reason.{' '}
				{holder.displayName} and the representative both see it. Everything done in their name is on
			</ActingForHead>

			<Section headingId="acting-heading" title={<>Who acts for {holder.displayName}</>} className="mt-8">
				{delegations.length === 0 ? <p className="mt-2">Nobody yet.</p> : null}
				<ul className="mt-2 space-y-6">
					{delegations.map((d) => (
						<li key={d.id} className="rounded border-2 border-gray-300 p-4">
							<h3 className="text-xl font-bold">
								{d.organisation ? d.organisation.name : d.delegate.name} (
								{d.organisation ? 'organisation' : kindWord(d.kind)})
							</h3>
							<p className="mt-2">Can {rightsSentence(d.rights, 'their')}.</p>
							<p className="mt-2">
								{d.recordedBy
									? `Recorded by ${d.recordedBy.name} on ${dayText(new Date(d.consentGivenAt))}, because: ${d.consentNote ?? ''}`
									: `Chosen by ${holder.displayName}.`}
							</p>
							{d.recordedBy ? (
								<>
									<ChangeForm
										delegation={d}
										allowed={holder.recordable}
										lastResult={actionData?.formId === `change-${d.id}` ? actionData.result : undefined}
									/>
									<PostButton intent="withdraw" hidden={{ delegationId: d.id }} className="mt-4">
										Stop {d.delegate.name} acting for {holder.displayName}
									</PostButton>
								</>
							) : null}
						</li>
					))}
				</ul>
			</Section>

			{invites.length > 0 ? (
				<Section headingId="invites-heading" title="Not yet accepted" className="mt-8">
					<ul className="mt-2 space-y-2">
						{invites.map((i) => (
							<li key={i.id} className="break-words">
								{i.email}, to {rightsSentence(i.rights, 'their')}, because: {i.reason}. The link works until{' '}
								{dayText(new Date(i.expiresAt))}.
							</li>
						))}
					</ul>
				</Section>
			) : null}

			<RecordForm
				holderName={holder.displayName}
				allowed={holder.recordable}
				lastResult={actionData?.formId === 'record' ? actionData.result : undefined}
			/>
		</div>
	)
}

type Delegation = ReturnType<typeof useLoaderData<typeof loader>>['delegations'][number]

/** A representative's rights, said of the holder ("their"), and why some are missing before a plan is agreed. */
function RepresentativeRights(props: {
	id: string
	name: string
	legend: string
	checked: DelegatedRight[]
	allowed: DelegatedRight[]
	errors?: string[]
}) {
	return (
		<RightsFieldset
			{...props}
			intro={
				props.allowed.length < RIGHT_CHOICES.length ? (
					<p className="text-gray-700">
						Without an agreed support plan, a representative can only see and plan: nothing can be spent yet.
					</p>
				) : null
			}
			words={(c) => c.words.replaceAll('my ', 'their ')}
		/>
	)
}

function RecordForm({
	holderName,
	allowed,
	lastResult,
}: {
	holderName: string
	allowed: DelegatedRight[]
	lastResult?: SubmissionResult<string[]>
}) {
	const [form, fields] = useConformForm(representativesFormSchema, { id: 'record', lastResult })
	return (
		<Section headingId="record-heading" title="Record a representative" className="mt-10">
			<p className="mt-2">
				If they already have an account, they can act at once. If not, we email them a link that works once, for 7 days.
			</p>
			<div className="mt-4">
				<PostForm form={form} fields={[fields.email, fields.rights, fields.reason]} hidden={{ intent: 'record' }}>
					<TextField field={fields.email!} label="The representative’s email address" type="email" autoComplete="off" />
					<RepresentativeRights
						id={fields.rights!.id}
						name={fields.rights!.name}
						legend={`What can they do for ${holderName}?`}
						checked={['VIEW']}
						allowed={allowed}
						errors={fields.rights!.errors}
					/>
					<TextareaFormField
						field={fields.reason!}
						label="Why does this person need a representative?"
						hint={`${holderName} and the representative will both see this.`}
						rows={3}
					/>
					<SubmitButton>Record the representative</SubmitButton>
				</PostForm>
			</div>
		</Section>
	)
}

function ChangeForm({
	delegation,
	allowed,
	lastResult,
}: {
	delegation: Delegation
	allowed: DelegatedRight[]
	lastResult?: SubmissionResult<string[]>
}) {
	const [form, fields] = useConformForm(representativesFormSchema, {
		id: `change-${delegation.id}`,
		lastResult,
		defaultValue: { reason: delegation.consentNote ?? '' },
	})
	return (
		<details className="mt-3" open={Boolean(lastResult)}>
			<summary className="cursor-pointer font-semibold text-brand-700 underline">
				Change what {delegation.delegate.name} can do
			</summary>
			<div className="mt-3">
				<PostForm
					form={form}
					fields={[fields.rights, fields.reason]}
					hidden={{ intent: 'change', delegationId: delegation.id }}
				>
					<RepresentativeRights
						id={fields.rights!.id}
						name={fields.rights!.name}
						legend={`What can ${delegation.delegate.name} do?`}
						checked={delegation.rights}
						allowed={allowed}
						errors={fields.rights!.errors}
					/>
					<TextareaFormField field={fields.reason!} label="The reason" rows={3} />
					<SubmitButton>Save what {delegation.delegate.name} can do</SubmitButton>
				</PostForm>
			</div>
		</details>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
