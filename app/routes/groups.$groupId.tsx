import { type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { CommissionProgress, placesWords } from '#app/components/commissions/progress.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Messages } from '#app/components/ui/action-panels.tsx'
import { Button, CsrfInput, ErrorList, PostForm, TextareaFormField, TextField } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { ErrorLine, Notice } from '#app/components/ui/notice.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import {
	chooseQuote,
	groupInviteToken,
	postGroupMessage,
	requestQuotes,
} from '#app/domain/commissions/commissions.server.ts'
import { ChooseQuoteFormSchema, MessageFormSchema, RequestFormSchema } from '#app/domain/commissions/form-schemas.ts'
import { getGroupView } from '#app/domain/commissions/groups.server.ts'
import { commissionStatusLabels } from '#app/domain/commissions/rules.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { addLocalDays, clockText, dayText, localDate, shortDayText } from '#app/utils/dates.ts'
import { readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'
import { redirectToSignIn } from '#app/utils/session.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.view.name} | Budget Market` : 'Group | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const groupId = params.groupId ?? ''
	const view = await getGroupView(user, groupId, now())
	if (!view) {
		// A group around a need shows itself only to the people involved: sign in first, then 404 if not one of them.
		if (!user) redirectToSignIn(request)
		throw new Response('Not found', { status: 404 })
	}
	let token = view.inviteToken
	if (!token && user && view.canAskForQuotes) token = await orErrorPage(() => groupInviteToken(user, groupId))
	const url = new URL(request.url)
	return json({
		view,
		signedIn: !!user,
		inviteLink: token ? `${url.origin}/groups/join/${token}` : null,
		messageKey: newIdempotencyKey(),
		started: url.searchParams.get('started') === '1',
		done: url.searchParams.get('done'),
		/** A suggested deadline for choosing a quote: a week from today. */
		suggestedDeadline: addLocalDays(localDate(now()), 7),
		signInLink: `/login?${new URLSearchParams({ redirectTo: url.pathname })}`,
	})
}

type Intent = 'message' | 'request' | 'choose' | 'renew'
type ActionData = { intent: Intent; about?: string; result?: SubmissionResult<string[]>; error?: string }

type Step<S extends z.ZodTypeAny = z.ZodTypeAny> = {
	schema: S
	run: (user: SessionUser, groupId: string, value: z.output<S>) => Promise<{ id?: string } | unknown>
	done: (groupId: string, result: unknown) => string
}
const step = <S extends z.ZodTypeAny>(s: Step<S>): Step => s as unknown as Step

const intents: Record<Intent, Step> = {
	message: step({
		schema: MessageFormSchema,
		run: (user, groupId, v) => postGroupMessage(user, groupId, v, now()),
		done: (groupId) => `/groups/${groupId}?done=message#messages`,
	}),
	request: step({
		schema: RequestFormSchema,
		run: (user, groupId, v) => requestQuotes(user, { groupId, ...v }, now()),
		done: (groupId) => `/groups/${groupId}?done=request#quotes`,
	}),
	choose: step({
		schema: ChooseQuoteFormSchema,
		run: (user, _g, v) => chooseQuote(user, v, now()),
		done: (_g, result) => `/commissions/${(result as { id: string }).id}?done=chosen`,
	}),
	renew: step({
		schema: z.object({}),
		run: (user, groupId) => groupInviteToken(user, groupId, { renew: true }, now()),
		done: (groupId) => `/groups/${groupId}?done=renew#invite`,
	}),
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const groupId = params.groupId ?? ''
	const view = await getGroupView(user, groupId, now())
	if (!view) throw new Response('Not found', { status: 404 })
	const intent = String(formData.get('intent') ?? '') as Intent
	const todo = Object.hasOwn(intents, intent) ? intents[intent] : null
	if (!todo) return json<ActionData>({ intent, error: 'Choose one of the buttons on the page.' }, { status: 400 })
	const about = String(formData.get('quoteId') ?? '') || undefined
	const submission = parseWithZod(formData, { schema: todo.schema })
	if (submission.status !== 'success')
		return json<ActionData>({ intent, about, result: submission.reply() }, { status: 400 })
	const outcome = await attempt(() => todo.run(user, groupId, submission.value), { inline: true })
	if (outcome.ok) return redirect(todo.done(groupId, outcome.value))
	// `error` too: the renew button has no fields, so its refusal shows as a line by the button.
	return refusal(submission, outcome.error, { intent, about, error: outcome.error.message })
}

const doneMessages: Record<string, string> = {
	message: 'Message sent.',
	joined: 'You are in the group. You will be told when it chooses a provider and can pledge.',
	request: 'Your request has been sent. The providers you chose have been told; their quotes will show here.',
	renew: 'There is a new invitation link. The old one no longer works.',
}

function MessageForm({ messageKey, lastResult }: { messageKey: string; lastResult?: SubmissionResult<string[]> }) {
	const navigation = useNavigation()
	const [form, fields] = useConformForm(MessageFormSchema, { id: 'group-message', lastResult })
	return (
		<div className="mt-4">
			<PostForm form={form} fields={[fields.body, fields.idempotencyKey]} hidden={{ idempotencyKey: messageKey }}>
				<TextareaFormField
					field={fields.body}
					label="Write a message to the group"
					hint="Everyone in the group and its provider can read it."
					rows={3}
				/>
				<Button type="submit" name="intent" value="message" disabled={navigation.state === 'submitting'}>
					Send the message
				</Button>
			</PostForm>
		</div>
	)
}

function RequestForm({
	providers,
	lastResult,
}: {
	providers: Array<{ id: string; name: string }>
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const [form, fields] = useConformForm(RequestFormSchema, { id: 'ask-for-quotes', lastResult })
	return (
		<div className="mt-4 rounded border-2 border-gray-300 p-4">
			<h3 className="text-lg font-bold">Ask providers for a quote</h3>
			<p className="mt-1">Providers answer with a price, dates and how many people they can take.</p>
			<div className="mt-3">
				<PostForm form={form} fields={[fields.title, fields.need, fields.when, fields.providerIds]}>
					<TextField field={fields.title} label="What do you want to buy?" hint="For example: Saturday swimming." />
					<TextareaFormField
						field={fields.need}
						label="Tell providers what the group needs"
						hint="Who it is for, any access needs, and how many people might come."
						rows={4}
					/>
					<TextField field={fields.when} label="When? (optional)" hint="For example: Saturday mornings." />
					{providers.length > 0 ? (
						<fieldset className="mb-5" id={fields.providerIds.id} tabIndex={-1}>
							<legend className="font-semibold">Which providers should we tell? (optional)</legend>
							<ErrorList errors={fields.providerIds.errors} />
							<div className="mt-2 space-y-2">
								{providers.map((p) => (
									<div key={p.id} className="flex items-start gap-2">
										<input
											type="checkbox"
											id={`provider-${p.id}`}
											name={fields.providerIds.name}
											value={p.id}
											className="mt-1.5 h-5 w-5"
										/>
										<label htmlFor={`provider-${p.id}`}>{p.name}</label>
									</div>
								))}
							</div>
						</fieldset>
					) : null}
					<Button type="submit" name="intent" value="request" disabled={navigation.state === 'submitting'}>
						Ask for quotes
					</Button>
				</PostForm>
			</div>
		</div>
	)
}

function ChooseForm({
	quoteId,
	providerName,
	suggestedDeadline,
	lastResult,
}: {
	quoteId: string
	providerName: string
	suggestedDeadline: string
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const [form, fields] = useConformForm(ChooseQuoteFormSchema, {
		id: `choose-${quoteId}`,
		lastResult,
		defaultValue: { deadline: suggestedDeadline },
	})
	return (
		<div className="mt-3">
			<PostForm form={form} fields={[fields.deadline, fields.quoteId]} hidden={{ quoteId }}>
				<TextField
					field={fields.deadline}
					label={`Last day to pledge, if you choose ${providerName}`}
					hint="Before the first session. If not enough people pledge by then, every penny goes back."
					type="date"
				/>
				<div className="mb-5 flex items-start gap-2">
					<input
						type="checkbox"
						id={`companions-${quoteId}`}
						name={fields.companionsAllowed.name}
						className="mt-1.5 h-5 w-5"
					/>
					<label htmlFor={`companions-${quoteId}`}>Carers and companions can come free</label>
				</div>
				<Button type="submit" name="intent" value="choose" disabled={navigation.state === 'submitting'}>
					Choose this quote from {providerName}
				</Button>
			</PostForm>
		</div>
	)
}

export default function GroupPage() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const v = data.view
	const resultFor = (intent: Intent, about?: string) =>
		actionData?.intent === intent && (about === undefined || actionData.about === about) ? actionData.result : undefined

	return (
		<div className="max-w-3xl">
			<LinkLine to="/groups">Group activities near you</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{v.name}</h1>
			{data.started ? (
				<Notice>
					<p>Your group has started. Invite people with the link below, and ask providers for a quote.</p>
				</Notice>
			) : null}
			{data.done && doneMessages[data.done] ? (
				<Notice>
					<p>{doneMessages[data.done]}</p>
				</Notice>
			) : null}
			{actionData?.intent === 'renew' && actionData.error ? <ErrorLine>{actionData.error}</ErrorLine> : null}
			<p className="mt-2">
				Started by {v.organiserName}
				{v.town ? `, ${v.town}` : ''}.
				{v.you.organiser ? ' You started this group.' : v.you.member ? ' You are in this group.' : ''}
			</p>
			<p className="mt-3 whitespace-pre-line">{v.description}</p>

			<Section headingId="commissions-heading" title="What the group is buying" className="mt-6">
				{v.commissions.length === 0 ? (
					<p className="mt-2">Nothing yet. Ask providers for a quote, then choose one.</p>
				) : (
					<ul className="mt-3 space-y-4">
						{v.commissions.map((c) => (
							<li key={c.id} className="rounded border-2 border-gray-300 p-4">
								<h3 className="text-lg font-bold">
									<Link to={`/commissions/${c.id}`} className={linkClass}>
										{c.title}
									</Link>
								</h3>
								<p>
									{c.providerName ? `With ${c.providerName}. ` : ''}
									{commissionStatusLabels[c.status]}
								</p>
								{c.status === 'OPEN' ? (
									<>
										<CommissionProgress id={`progress-${c.id}`} progress={c} />
										<p className="mt-1">
											{placesWords(c.placesLeft)}. Pledge by {dayText(new Date(c.deadline))}.
										</p>
									</>
								) : null}
							</li>
						))}
					</ul>
				)}
			</Section>

			{!data.signedIn ? (
				<p className="mt-6">
					<Link to={data.signInLink} className={linkClass}>
						Sign in
					</Link>{' '}
					to see the group’s members and messages if you are in it.
				</p>
			) : v.members === null ? (
				<p className="mt-6">
					The members and messages are for the people in this group. Pledge to an activity above to join it.
				</p>
			) : null}

			{v.members ? (
				<Section headingId="members-heading" title="Members" className="mt-8">
					{v.members.length === 0 ? (
						<p className="mt-2">Nobody has joined yet.</p>
					) : (
						<ul className="mt-2 list-disc pl-6">
							{v.members.map((m, i) => (
								<li key={i}>
									{m.name}
									{m.you ? ' (you, or someone you act for)' : ''}
								</li>
							))}
						</ul>
					)}
				</Section>
			) : null}

			{data.inviteLink ? (
				<section aria-labelledby="invite-heading" id="invite" className="mt-8">
					<h2 id="invite-heading" className="text-2xl font-bold">
						Invite people
					</h2>
					<p className="mt-2">Send this link to people who might join. Anyone with it can join the group.</p>
					<div className="mt-2">
						<label htmlFor="invite-link" className="block font-semibold">
							Invitation link
						</label>
						<input
							id="invite-link"
							readOnly
							value={data.inviteLink}
							onFocus={(e) => e.currentTarget.select()}
							className="mt-1 block w-full max-w-2xl rounded border-2 border-gray-800 bg-white px-3 py-2"
						/>
					</div>
					<p className="mt-2">
						<Link to={new URL(data.inviteLink).pathname} className="underline">
							See the invitation as people will see it
						</Link>
					</p>
					{v.you.organiser ? (
						<Form method="post" className="mt-3">
							<CsrfInput />
							<button
								type="submit"
								name="intent"
								value="renew"
								className="rounded border-2 border-brand-700 px-3 py-1 font-semibold text-brand-700 hover:bg-brand-50"
							>
								Make a new link (the old one stops working)
							</button>
						</Form>
					) : null}
				</section>
			) : null}

			{v.requests ? (
				<section aria-labelledby="quotes-heading" id="quotes" className="mt-8">
					<h2 id="quotes-heading" className="text-2xl font-bold">
						Quotes from providers
					</h2>
					{v.requests.length === 0 ? <p className="mt-2">The group has not asked for quotes yet.</p> : null}
					<ul className="mt-3 space-y-4">
						{v.requests.map((r) => (
							<li key={r.id} className="rounded border border-gray-300 p-3">
								<h3 className="text-lg font-bold">{r.title}</h3>
								<p className="text-sm text-gray-700">
									Asked by {r.askedBy} on {shortDayText(r.at)}
									{r.status === 'CHOSEN' ? '. A quote was chosen.' : r.status === 'CLOSED' ? '. Closed.' : '.'}
								</p>
								<p className="mt-1 whitespace-pre-line">{r.need}</p>
								{r.when ? <p>When: {r.when}</p> : null}
								{r.quotes.length === 0 ? (
									<p className="mt-2">No quotes yet.</p>
								) : (
									<ul className="mt-2 space-y-3">
										{r.quotes.map((q) => {
											const money = (n: number) => formatMoney(n, q.currency)
											return (
												<li key={q.id} className="border-l-4 border-gray-300 pl-3">
													<p className="font-semibold">
														{q.providerName}:{' '}
														{q.pricingMode === 'PER_PLACE'
															? `${money(q.pricePence)} a person`
															: `${money(q.pricePence)} in all, shared`}
													</p>
													<p>
														{q.sessionCount} {q.sessionCount === 1 ? 'session' : 'sessions'} of{' '}
														{durationWords(q.sessionMinutes)}, from {dayText(new Date(q.firstSessionAt))} at{' '}
														{clockText(q.firstSessionAt)}; for {q.minPeople} to {q.maxPeople ?? 'any number of'} people.
													</p>
													<p className="mt-1 whitespace-pre-line">“{q.message}”</p>
													{q.status === 'CHOSEN' && q.commissionId ? (
														<p className="mt-1">
															Chosen.{' '}
															<Link to={`/commissions/${q.commissionId}`} className={linkClass}>
																Pledge for it
															</Link>
														</p>
													) : q.status === 'NOT_CHOSEN' ? (
														<p className="mt-1">Not chosen.</p>
													) : null}
													{q.canChoose ? (
														<ChooseForm
															quoteId={q.id}
															providerName={q.providerName}
															suggestedDeadline={data.suggestedDeadline}
															lastResult={resultFor('choose', q.id)}
														/>
													) : null}
												</li>
											)
										})}
									</ul>
								)}
							</li>
						))}
					</ul>
					{v.canAskForQuotes && v.providersToAsk ? (
						<RequestForm providers={v.providersToAsk} lastResult={resultFor('request')} />
					) : null}
				</section>
			) : null}

			{v.messages ? (
				<Messages
					messages={v.messages}
					byline={(m) => (
						<>
							<span className="font-semibold text-gray-900">{m.author}</span>
							{m.role === 'member' ? '' : ` (${m.role})`}, {shortDayText(m.at)} at {clockText(m.at)}
						</>
					)}
				>
					{v.canPost ? <MessageForm messageKey={data.messageKey} lastResult={resultFor('message')} /> : null}
				</Messages>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
