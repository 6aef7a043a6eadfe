import { type SubmissionResult } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton, PostForm, RadioFormField, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { ActingForHead } from '#app/components/people/acting-for-head.tsx'
import { RightsFieldset } from '#app/components/people/rights-fieldset.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { useOutcome } from '#app/components/ui/use-outcome.ts'
import { formatMoney, toDecimal } from '#app/domain/money/amounts.ts'
import { helpersFormSchema, KIND_CHOICES, kindWord, rightsSentence } from '#app/domain/people/consent.ts'
import {
	cancelInvitation,
	changeHelper,
	helpersPage,
	inviteHelper,
	requireListKeeper,
	withdrawHelper,
} from '#app/domain/people/consent.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayText, localDate } from '#app/utils/dates.ts'
import { changeFormIdOf, parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'People who act for you | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const page = await orErrorPage(() => helpersPage(user, params.holderId ?? '', now()))
	return json(page)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const holder = await orErrorPage(() => requireListKeeper(user, holderId, 'helpers'))
	const formId = changeFormIdOf(formData, 'invite')
	const parsed = parseSubmission(formData, helpersFormSchema(holder.currency, localDate(now())), { formId })
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	const outcome = await attempt(async () => {
		switch (value.intent) {
			case 'invite':
				await inviteHelper(user, holderId, value)
				return `invited=${encodeURIComponent(value.email)}`
			case 'change':
				await changeHelper(user, holderId, value.delegationId, value)
				return 'done=changed'
			case 'withdraw':
				await withdrawHelper(user, holderId, value.delegationId)
				return 'done=withdrawn'
			case 'cancel-invite':
				await cancelInvitation(user, holderId, value.inviteId)
				return 'done=cancelled'
		}
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, { formId })
	return redirect(`/holders/${holderId}/helpers?${outcome.value}`)
}

const DONE: Record<string, string> = {
	changed: 'Saved. The change applies from their very next step.',
	withdrawn: 'Done. They can no longer act for you, from their very next step.',
	cancelled: 'The invitation was withdrawn: its link no longer works.',
}

export default function HelpersPage() {
	const { holder, helpers, invites } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const outcome = useOutcome(DONE)
	return (
		<div className="max-w-3xl">
			<ActingForHead
				holderId={holder.id}
				back="Back to your budget and plan"
				title="People who act for you"
				trail="your trail"
				outcome={outcome}
				invitedNotice={(email) => (
					<>
						We have emailed an invitation to {email}. They accept it by signing in, or by creating an account with that
						email address.
					</>
				)}
			>
				You choose who can act for you and what they can do. You can change or stop it at any time, and it applies from
				their very next step. Everything they do in your name is on
			</ActingForHead>

			<Section headingId="helpers-heading" title="Who can act for you" className="mt-8">
				{helpers.length === 0 ? <p className="mt-2">Nobody yet.</p> : null}
				<ul className="mt-2 space-y-6">
					{helpers.map((h) => (
						<li key={h.id} className="rounded border-2 border-gray-300 p-4">
							<h3 className="text-xl font-bold">
								{h.organisation ? `${h.organisation.name} (organisation)` : `${h.delegate.name} (${kindWord(h.kind)})`}
							</h3>
							{h.organisation ? (
								<p className="mt-1">Its staff act for you, each under their own name on your trail.</p>
							) : (
								<p className="mt-1 break-words">{h.delegate.email}</p>
							)}
							{h.recordedBy ? (
								<p className="mt-2">
									Recorded by {h.recordedBy.funder?.name ?? h.recordedBy.name} because{' '}
									{h.consentNote ?? 'no reason was given'}
								</p>
							) : null}
							<p className="mt-2">
								{h.ended ? 'Could ' : 'Can '}
								{rightsSentence(h.rights)}
								{h.perBookingLimitPence !== null
									? `; up to ${formatMoney(h.perBookingLimitPence, holder.currency)} on one booking`
									: ''}
								{h.perMonthLimitPence !== null
									? `; up to ${formatMoney(h.perMonthLimitPence, holder.currency)} a month`
									: ''}
								{h.endsOn ? `; ${h.ended ? 'ended' : 'until'} ${dayText(h.endsOn)}` : ''}.
							</p>
							<ChangeForm
								helper={h}
								currency={holder.currency}
								lastResult={actionData?.formId === `change-${h.id}` ? actionData.result : undefined}
							/>
							<PostButton intent="withdraw" hidden={{ delegationId: h.id }} className="mt-4">
								Stop {h.organisation?.name ?? h.delegate.name} acting for you
							</PostButton>
						</li>
					))}
				</ul>
			</Section>

			{invites.length > 0 ? (
				<Section headingId="invites-heading" title="Invitations not yet accepted" className="mt-8">
					<ul className="mt-2 space-y-4">
						{invites.map((i) => (
							<li key={i.id}>
								<p className="break-words">
									{i.email} ({kindWord(i.kind)}), to {rightsSentence(i.rights)}. The link works until{' '}
									{dayText(new Date(i.expiresAt))}.
								</p>
								<PostButton intent="cancel-invite" hidden={{ inviteId: i.id }} className="mt-2">
									Withdraw the invitation to {i.email}
								</PostButton>
							</li>
						))}
					</ul>
				</Section>
			) : null}

			<InviteForm
				currency={holder.currency}
				lastResult={actionData?.formId === 'invite' ? actionData.result : undefined}
			/>
		</div>
	)
}

type Helper = ReturnType<typeof useLoaderData<typeof loader>>['helpers'][number]

const RIGHTS_INTRO = (
	<p className="text-gray-700">Booking, paying and planning include seeing your money and bookings.</p>
)

function LimitFields({ fields, currency }: { fields: ReturnType<typeof useConformForm>[1]; currency: string }) {
	return (
		<>
			<TextField
				field={fields.perBooking!}
				label="Most they can spend on one booking (optional)"
				hint={`In ${currency}, like 150.00. Leave empty for no limit.`}
				inputMode="decimal"
			/>
			<TextField
				field={fields.perMonth!}
				label="Most they can spend in a month (optional)"
				hint={`In ${currency}, like 600.00. Leave empty for no limit.`}
				inputMode="decimal"
			/>
			<TextField
				field={fields.endsOn!}
				label="Last day they can act for you (optional)"
				hint="Like 2027-03-31. Leave empty for until you stop it."
				type="date"
			/>
		</>
	)
}

function InviteForm({ currency, lastResult }: { currency: string; lastResult?: SubmissionResult<string[]> }) {
	const schema = helpersFormSchema(currency, '0000-00-00')
	const [form, fields] = useConformForm(schema, { id: 'invite', lastResult })
	return (
		<Section headingId="invite-heading" title="Invite someone to act for you" className="mt-10">
			<p className="mt-2">We email them a link. It works once, for 7 days.</p>
			<div className="mt-4">
				<PostForm
					form={form}
					fields={[fields.email, fields.kind, fields.rights, fields.perBooking, fields.perMonth, fields.endsOn]}
					hidden={{ intent: 'invite' }}
				>
					<TextField field={fields.email} label="Their email address" type="email" autoComplete="off" />
					<RadioFormField field={fields.kind} legend="Who are they to you?" options={KIND_CHOICES} />
					<RightsFieldset
						id={fields.rights.id}
						name={fields.rights.name}
						legend="What can they do for you?"
						intro={RIGHTS_INTRO}
						checked={['VIEW']}
						errors={fields.rights.errors}
					/>
					<LimitFields fields={fields} currency={currency} />
					<SubmitButton>Send the invitation</SubmitButton>
				</PostForm>
			</div>
		</Section>
	)
}

function ChangeForm({
	helper,
	currency,
	lastResult,
}: {
	helper: Helper
	currency: string
	lastResult?: SubmissionResult<string[]>
}) {
	const schema = helpersFormSchema(currency, '0000-00-00')
	const [form, fields] = useConformForm(schema, {
		id: `change-${helper.id}`,
		lastResult,
		defaultValue: {
			perBooking: helper.perBookingLimitPence === null ? '' : toDecimal(helper.perBookingLimitPence, currency),
			perMonth: helper.perMonthLimitPence === null ? '' : toDecimal(helper.perMonthLimitPence, currency),
			endsOn: helper.endsOn ?? '',
		},
	})
	return (
		<details className="mt-3" open={Boolean(lastResult)}>
			<summary className="cursor-pointer font-semibold text-brand-700 underline">
				Change what {helper.organisation?.name ?? helper.delegate.name} can do
			</summary>
			<div className="mt-3">
				<PostForm
					form={form}
					fields={[fields.rights, fields.perBooking, fields.perMonth, fields.endsOn]}
					hidden={{ intent: 'change', delegationId: helper.id }}
				>
					<RightsFieldset
						id={fields.rights.id}
						name={fields.rights.name}
						legend={`What can ${helper.organisation?.name ?? helper.delegate.name} do for you?`}
						intro={RIGHTS_INTRO}
						checked={helper.rights}
						errors={fields.rights.errors}
					/>
					<LimitFields fields={fields} currency={currency} />
					<SubmitButton>Save what {helper.organisation?.name ?? helper.delegate.name} can do</SubmitButton>
				</PostForm>
			</div>
		</details>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
