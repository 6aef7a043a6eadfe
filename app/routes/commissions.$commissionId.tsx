import { type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
	json,
	redirect,
	type SerializeFrom,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { CommissionProgress, placesWords } from '#app/components/commissions/progress.tsx'
import { ButtonForm, Panel } from '#app/components/ui/action-panels.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import {
	Button,
	ErrorSummary,
	PostForm,
	SelectFormField,
	TextareaFormField,
	TextField,
} from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import {
	cancelByProvider,
	confirmCommission,
	confirmSession,
	getCommissionView,
	markSessionDelivered,
	pledge,
	reportSessionProblem,
	withdrawPledge,
} from '#app/domain/commissions/commissions.server.ts'
import {
	CancelFormSchema,
	HolderFormSchema,
	PledgeFormSchema,
	ProblemFormSchema,
	SessionFormSchema,
} from '#app/domain/commissions/form-schemas.ts'
import { pledgeChoices } from '#app/domain/commissions/pledge-choices.server.ts'
import { commissionStatusLabels, pledgeStatusLabels, sessionStatusLabels } from '#app/domain/commissions/rules.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'
import { clockText, dayText, sessionText, shortDayText } from '#app/utils/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.view.title} | Budget Market` : 'Group activity | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const view = await getCommissionView(user, params.commissionId ?? '', now())
	if (!view) throw new Response('Not found', { status: 404 })
	const pledging = view.holders.filter((h) => h.actions.includes('pledge')).map((h) => h.id)
	const choices = pledging.length ? await pledgeChoices(view.id, pledging, view.progress.nextShare) : new Map()
	const url = new URL(request.url)
	return json({
		view,
		signedIn: !!user,
		choices: Object.fromEntries(choices),
		pledgeKey: newIdempotencyKey(),
		done: url.searchParams.get('done'),
		signInLink: `/login?${new URLSearchParams({ redirectTo: url.pathname })}`,
	})
}

type Intent = 'pledge' | 'withdraw' | 'confirm' | 'cancel' | 'deliver' | 'confirmSession' | 'problem'
type ActionData = {
	intent: Intent
	/** The holder or session the form was about, so the message shows by the right form. */
	about?: string
	result?: SubmissionResult<string[]>
	error?: string
}

type Step<S extends z.ZodTypeAny = z.ZodTypeAny> = {
	schema: S
	run: (user: SessionUser, commissionId: string, value: z.output<S>) => Promise<unknown>
	about?: (value: z.output<S>) => string | undefined
	/** A button with no fields to type: a refusal shows at the top of the page. */
	plain?: true
}
const step = <S extends z.ZodTypeAny>(s: Step<S>): Step => s as unknown as Step

const intents: Record<Intent, Step> = {
	pledge: step({
		schema: PledgeFormSchema,
		about: (v) => v.holderId,
		run: (user, commissionId, v) => pledge(user, { commissionId, ...v }, now()),
	}),
	withdraw: step({
		schema: HolderFormSchema,
		plain: true,
		run: (user, commissionId, v) => withdrawPledge(user, { commissionId, holderId: v.holderId }, now()),
	}),
	confirm: step({
		schema: z.object({}),
		plain: true,
		run: (user, commissionId) => confirmCommission(user, commissionId, now()),
	}),
	cancel: step({
		schema: CancelFormSchema,
		run: (user, commissionId, v) => cancelByProvider(user, commissionId, v.reason, now()),
	}),
	deliver: step({
		schema: SessionFormSchema,
		plain: true,
		run: (user, _c, v) => markSessionDelivered(user, v.sessionId, now()),
	}),
	confirmSession: step({
		schema: SessionFormSchema,
		plain: true,
		run: (user, _c, v) => confirmSession(user, { sessionId: v.sessionId, holderId: v.holderId ?? null }, now()),
	}),
	problem: step({
		schema: ProblemFormSchema,
		about: (v) => v.sessionId,
		run: (user, _c, v) =>
			reportSessionProblem(
				user,
				{ sessionId: v.sessionId, holderId: v.holderId ?? '', description: v.description },
				now(),
			),
	}),
}

const doneMessages: Record<string, string> = {
	chosen: 'You chose this quote. It is now open for pledges: the group’s members have been told.',
	offered: 'Your group activity is open for pledges. It shows on your profile and in “Group activities near you”.',
	pledge: 'Your pledge is in. The money is set aside in the budget; nothing is taken unless enough people pledge.',
	withdraw: 'The pledge is withdrawn. The money set aside is back in the budget.',
	confirm: 'Confirmed: it is going ahead. Every member’s share was taken into the group’s money.',
	cancel: 'Cancelled. The members get back their part of every session not delivered.',
	deliver: 'Marked as delivered. The members have been asked to confirm it.',
	confirmSession: 'Session confirmed. The provider is being paid its share.',
	problem: 'The problem has been reported. This session’s money waits until the funder’s staff decide.',
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const commissionId = params.commissionId ?? ''
	// Only someone who may see the commission gets past this (it is public, so that is anyone signed in).
	const view = await getCommissionView(user, commissionId, now())
	if (!view) throw new Response('Not found', { status: 404 })
	const intent = String(formData.get('intent') ?? '') as Intent
	const todo = Object.hasOwn(intents, intent) ? intents[intent] : null
	if (!todo) return json<ActionData>({ intent, error: 'Choose one of the buttons on the page.' }, { status: 400 })
	const submission = parseWithZod(formData, { schema: todo.schema })
	const aboutField = String(formData.get('holderId') ?? formData.get('sessionId') ?? '') || undefined
	if (submission.status !== 'success') {
		return todo.plain
			? json<ActionData>(
					{ intent, about: aboutField, error: Object.values(submission.error ?? {}).flat()[0] ?? 'Try again.' },
					{ status: 400 },
				)
			: json<ActionData>({ intent, about: aboutField, result: submission.reply() }, { status: 400 })
	}
	const about = todo.about?.(submission.value) ?? aboutField
	// Inline: every refusal, a 403 too, is shown by the form that was sent (the commission itself is public).
	const outcome = await attempt(() => todo.run(user, commissionId, submission.value), { inline: true })
	if (outcome.ok) return redirect(`/commissions/${commissionId}?done=${intent}`)
	const { error } = outcome
	return todo.plain
		? json<ActionData>({ intent, about, error: error.message }, { status: error.status })
		: refusal(submission, error, { intent, about })
}

type Data = SerializeFrom<typeof loader>

function PledgeForm({
	holder,
	data,
	lastResult,
}: {
	holder: Data['view']['holders'][number]
	data: Data
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const choice = data.choices[holder.id]
	const [form, fields] = useConformForm(PledgeFormSchema, {
		id: `pledge-${holder.id}`,
		lastResult,
		defaultValue: { companions: '0', budgetLineId: choice?.defaultLineId ?? 'none' },
	})
	if (!choice) return null
	const money = (n: number) => formatMoney(n, choice.currency)
	return (
		<Panel title={`Pledge for ${holder.name}`}>
			<p className="text-lg font-semibold">
				{money(choice.total)} will be set aside from {holder.name}’s budget now.
			</p>
			<p className="mt-1">
				That is a share of {money(choice.share)}
				{choice.fee > 0 ? ` and a platform fee of ${money(choice.fee)}` : ''}. Nothing is taken unless{' '}
				{data.view.progress.min} people pledge by {dayText(new Date(data.view.deadline))}, and never more than this
				{data.view.pricingMode === 'SPLIT_TOTAL' ? ': the share gets smaller as more people join' : ''}. You can
				withdraw until it is confirmed. {money(choice.available)} is free in the budget now.
			</p>
			<div className="mt-3">
				<PostForm
					form={form}
					fields={[fields.budgetLineId, fields.companions, fields.idempotencyKey]}
					hidden={{ holderId: holder.id, idempotencyKey: data.pledgeKey }}
				>
					{choice.lines.length > 0 ? (
						<SelectFormField
							field={fields.budgetLineId}
							label="Which part of the plan pays for it?"
							options={[
								...choice.lines.map((l: { id: string; name: string }) => ({ value: l.id, label: l.name })),
								{ value: 'none', label: 'Not against a budget line' },
							]}
						/>
					) : null}
					{data.view.companionsAllowed ? (
						<TextField
							field={fields.companions}
							label="Companions coming with them (carers or friends)"
							hint="They take a place each but pay nothing. From 0 to 5."
							type="number"
							inputMode="numeric"
							min={0}
							max={5}
						/>
					) : null}
					<Button type="submit" name="intent" value="pledge" disabled={navigation.state === 'submitting'}>
						Pledge {money(choice.total)} for {holder.name}
					</Button>
				</PostForm>
			</div>
		</Panel>
	)
}

function ReasonForm({
	intent,
	title,
	schema,
	field,
	label,
	hint,
	button,
	hidden = {},
	lastResult,
}: {
	intent: Intent
	title: string
	schema: typeof CancelFormSchema | typeof ProblemFormSchema
	field: 'reason' | 'description'
	label: string
	hint: string
	button: string
	hidden?: Record<string, string>
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const [form, fields] = useConformForm(schema as typeof CancelFormSchema, {
		id: `${intent}-${Object.values(hidden).join('-') || 'form'}`,
		lastResult,
	})
	const f = (fields as unknown as Record<string, typeof fields.reason>)[field]!
	return (
		<Panel title={title}>
			<PostForm form={form} fields={[f]} hidden={hidden}>
				<TextareaFormField field={f} label={label} hint={hint} rows={3} />
				<Button type="submit" name="intent" value={intent} disabled={navigation.state === 'submitting'}>
					{button}
				</Button>
			</PostForm>
		</Panel>
	)
}

export default function CommissionPage() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const v = data.view
	const money = (n: number) => formatMoney(n, v.currency)
	const errorFor = (intent: Intent, about?: string) =>
		actionData?.intent === intent && (about === undefined || actionData.about === about) ? actionData : undefined
	const pageError = actionData?.error
	const can = (a: string) => v.actions.includes(a as (typeof v.actions)[number])
	const sessionsDone = v.sessions?.filter((s) => s.status === 'CONFIRMED').length ?? 0

	return (
		<div className="max-w-3xl">
			<p>
				<Link to={`/groups/${v.groupId}`} className={linkClass}>
					The group’s page
				</Link>
				{' · '}
				<Link to="/groups" className={linkClass}>
					Group activities near you
				</Link>
			</p>
			<h1 className="mt-2 text-3xl font-bold">{v.title}</h1>
			{data.done && doneMessages[data.done] ? (
				<Notice>
					<p>{doneMessages[data.done]}</p>
				</Notice>
			) : null}
			{pageError ? (
				<div className="mt-4">
					<ErrorSummary title="That could not be done" formErrors={[pageError]} />
				</div>
			) : null}
			<p id="commission-status" className="mt-2 text-xl">
				<span className="font-bold">Status:</span> {commissionStatusLabels[v.status]}
			</p>
			{v.provider ? <p className="mt-1">With {v.provider.name}</p> : null}
			<p className="mt-3 whitespace-pre-line">{v.description}</p>

			<Section headingId="progress-heading" title="How many have pledged" className="mt-6">
				<CommissionProgress
					id="commission-progress"
					progress={{
						paying: v.progress.paying,
						min: v.progress.min,
						shareNow: v.progress.shareNow,
						currency: v.currency,
						placesLeft: v.progress.placesLeft,
					}}
				/>
				<ul className="mt-2 list-disc pl-6">
					<li>{placesWords(v.progress.placesLeft)}</li>
					<li>
						Pledges close on {dayText(new Date(v.deadline))} at {clockText(v.deadline)}
					</li>
					{v.status === 'OPEN' && v.pricingMode === 'SPLIT_TOTAL' && v.progress.nextShare !== v.progress.shareNow ? (
						<li>Someone pledging now is asked for at most {money(v.progress.nextShare)}, before any platform fee.</li>
					) : null}
				</ul>
			</Section>

			<Section headingId="terms-heading" title="The terms" className="mt-6">
				<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
					<dt className="font-semibold">Price</dt>
					<dd>
						{v.pricingMode === 'PER_PLACE'
							? `${money(v.pricePence)} a person, for all the sessions.`
							: `${money(v.pricePence)} in all, shared equally by everyone who pledges. Each pays ${money(v.progress.shareNow)} now; the share falls as more join, and never rises above what someone agreed to.`}
					</dd>
					<dt className="font-semibold">Sessions</dt>
					<dd>
						{v.sessionCount} {v.sessionCount === 1 ? 'session' : 'sessions'} of {durationWords(v.sessionMinutes)}
						{v.sessionCount > 1 ? ', once a week' : ''}
					</dd>
					<dt className="font-semibold">First session</dt>
					<dd>
						{v.firstSessionAt
							? `${dayText(new Date(v.firstSessionAt))} at ${clockText(v.firstSessionAt)}`
							: 'Not set yet'}
					</dd>
					<dt className="font-semibold">At least</dt>
					<dd>
						{v.progress.min} {v.progress.min === 1 ? 'person' : 'people'}
						{v.progress.maxPlaces !== null ? `, at most ${v.progress.maxPlaces} places` : ''}
					</dd>
					<dt className="font-semibold">Companions</dt>
					<dd>
						{v.companionsAllowed ? 'Carers and companions can come free, taking a place each.' : 'No companion places.'}
					</dd>
					<dt className="font-semibold">If it is cancelled</dt>
					<dd className="whitespace-pre-line">
						{v.cancellationTerms}
						{'\n'}Members can withdraw until it is confirmed. After that, only the provider can cancel, and every member
						gets back their part of each session not delivered.
					</dd>
				</dl>
			</Section>

			<Section headingId="actions-heading" title="What you can do" className="mt-8 space-y-6">
				{!data.signedIn ? (
					<p>
						<Link to={data.signInLink} className={linkClass}>
							Sign in to pledge
						</Link>{' '}
						for yourself or someone you act for.
					</p>
				) : null}
				{v.holders.map((h) => (
					<div key={h.id} className="space-y-3">
						{h.pledge ? (
							<p id={`pledge-${h.id}`}>
								<span className="font-semibold">{h.name}:</span> {pledgeStatusLabels[h.pledge.status]}.{' '}
								{h.pledge.status === 'HELD'
									? `${money(h.pledge.agreedMaxPence)} set aside.`
									: h.pledge.postedPence !== null
										? `${money(h.pledge.postedPence)} paid${h.pledge.refundedPence > 0 ? `, ${money(h.pledge.refundedPence)} back` : ''}.`
										: ''}
							</p>
						) : null}
						{h.review && v.provider ? (
							<p>
								<Link to={`/commissions/${v.id}/review/${h.id}`} className={linkClass}>
									{h.review === 'write'
										? `Review ${v.provider.name} for ${h.name}`
										: `See ${h.name}’s review of ${v.provider.name}`}
								</Link>
							</p>
						) : null}
						{h.actions.includes('pledge') ? (
							<PledgeForm holder={h} data={data} lastResult={errorFor('pledge', h.id)?.result} />
						) : null}
						{h.actions.includes('withdraw') ? (
							<Panel title={`Withdraw ${h.name}’s pledge`}>
								<p>The money set aside goes back to the budget at once.</p>
								<ButtonForm intent="withdraw" label={`Withdraw the pledge for ${h.name}`} hidden={{ holderId: h.id }} />
							</Panel>
						) : null}
					</div>
				))}
				{can('confirm') ? (
					<Panel title="Confirm: it goes ahead">
						<p>
							Confirming takes every member’s share into the group’s money, all at once, and makes the {v.sessionCount}{' '}
							sessions. You are paid each session’s share as soon as it is confirmed.
						</p>
						<ButtonForm intent="confirm" label="Confirm it goes ahead" />
					</Panel>
				) : null}
				{v.confirmWaits ? (
					<Panel title="Not ready to confirm">
						<p>{v.confirmWaits}</p>
					</Panel>
				) : null}
				{can('cancel') ? (
					<ReasonForm
						intent="cancel"
						title="Cancel it"
						schema={CancelFormSchema}
						field="reason"
						label="Why are you cancelling?"
						hint="The members will see this. They get back their part of every session not yet paid."
						button="Cancel for everyone"
						lastResult={errorFor('cancel')?.result}
					/>
				) : null}
				{data.signedIn &&
				v.holders.every((h) => h.actions.length === 0 && h.review !== 'write') &&
				!can('confirm') &&
				!can('cancel') &&
				!(v.sessions ?? []).some((s) => s.actions.length > 0) ? (
					<p>Nothing needs doing now.</p>
				) : null}
			</Section>

			{v.sessions ? (
				<Section headingId="sessions-heading" title="Sessions" className="mt-8">
					{v.sessions.length === 0 ? (
						<p className="mt-2">The sessions are made when it is confirmed.</p>
					) : (
						<>
							<p className="mt-2">
								{sessionsDone} of {v.sessions.length} delivered and paid.
							</p>
							<ol className="mt-3 space-y-4">
								{v.sessions.map((s) => (
									<li key={s.id} className="rounded border border-gray-300 p-3">
										<p>
											<span className="font-semibold">
												Session {s.number}: {sessionText(s.startsAt, s.endsAt)}
											</span>
										</p>
										<p>
											{sessionStatusLabels[s.status]}
											{s.paidPence !== null ? `. ${money(s.paidPence)} paid to the provider.` : ''}
										</p>
										{s.actions.includes('markDelivered') ? (
											<ButtonForm
												intent="deliver"
												label={`Mark session ${s.number} as delivered`}
												hidden={{ sessionId: s.id }}
											/>
										) : null}
										{s.actions.includes('confirmSession') && v.sessionHolderId ? (
											<ButtonForm
												intent="confirmSession"
												label={`Confirm session ${s.number} happened`}
												hidden={{ sessionId: s.id, holderId: v.sessionHolderId }}
											/>
										) : null}
										{s.actions.includes('reportProblem') && v.sessionHolderId ? (
											<div className="mt-3">
												<ReasonForm
													intent="problem"
													title={`Report a problem with session ${s.number}`}
													schema={ProblemFormSchema}
													field="description"
													label="What went wrong?"
													hint="This session’s payment waits until the funder’s staff decide."
													button="Report the problem"
													hidden={{ sessionId: s.id, holderId: v.sessionHolderId }}
													lastResult={errorFor('problem', s.id)?.result}
												/>
											</div>
										) : null}
									</li>
								))}
							</ol>
						</>
					)}
				</Section>
			) : null}

			{v.members ? (
				<Section headingId="members-heading" title="Who has pledged" className="mt-8">
					{v.members.length === 0 ? (
						<p className="mt-2">Nobody yet.</p>
					) : (
						<ul className="mt-2 list-disc pl-6">
							{v.members.map((m, i) => (
								<li key={i}>
									{m.name}
									{m.companions > 0 ? ` and ${m.companions} ${m.companions === 1 ? 'companion' : 'companions'}` : ''}
								</li>
							))}
						</ul>
					)}
				</Section>
			) : null}

			{v.money ? (
				<Section headingId="money-heading" title="Where the money is" className="mt-8">
					<p className="mt-2">The group’s money holds {money(v.money.holdsNow)} now.</p>
					{v.money.history.length === 0 ? (
						<p className="mt-2">No money has moved yet.</p>
					) : (
						<ol className="mt-2 space-y-1" aria-label="Money, oldest first">
							{v.money.history.map((m) => (
								<li key={m.id}>
									{shortDayText(m.at)} at {clockText(m.at)}: {m.description}
								</li>
							))}
						</ol>
					)}
				</Section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
