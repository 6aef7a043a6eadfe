import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import {
	ButtonForm,
	eventLabels,
	type Intent,
	MessageForm,
	Panel,
	ReasonForm,
	ReviewsPanel,
	SettlementForm,
} from '#app/components/bookings/booking-panels.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Messages } from '#app/components/ui/action-panels.tsx'
import { ErrorSummary } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import {
	acceptBooking,
	cancelBooking,
	confirmBooking,
	declineBooking,
	markDelivered,
} from '#app/domain/bookings/changes.server.ts'
import { postMessage } from '#app/domain/bookings/messages.server.ts'
import {
	acceptSettlement,
	proposeSettlement,
	reportProblem,
	resolveAsFunder,
} from '#app/domain/bookings/problems.server.ts'
import { bookingForChange, getBookingPage } from '#app/domain/bookings/queries.server.ts'
import { statusLabels, type BookingAction } from '#app/domain/bookings/rules.ts'
import {
	CancelSchema,
	DeclineSchema,
	MessageSchema,
	ProblemSchema,
	settlementSchema,
} from '#app/domain/bookings/schemas.ts'
import { clockText, dayText, sessionText, shortDayText } from '#app/utils/dates.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { reviewStateForBooking } from '#app/domain/reviews/reviews.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.title} | Budget Market` : 'Booking | Budget Market' },
]

async function pageFor(request: Request, bookingId: string) {
	const user = await requireUser(request)
	const page = await orErrorPage(() => getBookingPage(user, bookingId))
	if (!page) throw new Response('Not found', { status: 404 })
	return { user, page }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, page } = await pageFor(request, params.bookingId ?? '')
	const b = page.booking
	const reviews = await reviewStateForBooking(b.id, user, now())
	const onHolderSide = page.party.holderRights.length > 0
	const url = new URL(request.url)
	return json({
		...page,
		title:
			onHolderSide || !page.party.isProvider
				? `${b.service.title} with ${b.provider.name}`
				: `${b.service.title} for ${b.holder.displayName}`,
		when: sessionText(b.startsAt, b.endsAt),
		minutes: Math.round((new Date(b.endsAt).getTime() - new Date(b.startsAt).getTime()) / 60_000),
		series: page.series.map((s) => ({ ...s, label: sessionText(s.startsAt, s.endsAt) })),
		events: b.events.map((e) => ({ ...e, at: `${dayText(e.createdAt)} at ${clockText(e.createdAt)}` })),
		messages:
			page.messages?.map((m) => ({ ...m, at: `${shortDayText(m.createdAt)} at ${clockText(m.createdAt)}` })) ?? null,
		autoConfirmText: b.autoConfirmAt ? `${dayText(b.autoConfirmAt)} at ${clockText(b.autoConfirmAt)}` : null,
		messageKey: newIdempotencyKey(),
		reviews: reviews
			? {
					...reviews,
					windowClosesText: reviews.windowClosesAt ? dayText(reviews.windowClosesAt) : null,
				}
			: null,
		sent: url.searchParams.get('sent') === '1',
		done: url.searchParams.get('done'),
	})
}

type ActionData = { intent: Intent; result?: SubmissionResult<string[]>; error?: string }

const doneMessages: Record<string, string> = {
	accept: 'You accepted the booking. The money is set aside in their budget.',
	decline: 'You declined the booking. They have been told why.',
	cancel: 'The booking was cancelled.',
	deliver: 'Marked as delivered. They have been asked to confirm it.',
	confirm: 'Confirmed. The provider is being paid.',
	problem: 'The problem has been reported. The money stays held until it is settled.',
	propose: 'Your proposal has been sent.',
	acceptProposal: 'The problem is settled.',
	resolve: 'The problem is settled.',
	message: 'Message sent.',
}

/** Each button's intent: what its form must hold, the change it asks the domain for, and what to say when done. */
type Target = NonNullable<Awaited<ReturnType<typeof bookingForChange>>>
type Step<S extends z.ZodTypeAny = z.ZodTypeAny> = {
	schema: (b: Target) => S
	run: (user: SessionUser, b: Target, value: z.output<S>, form: FormData) => Promise<unknown>
	/** A button with no fields: a refusal is shown at the top of the page rather than in a form's summary. */
	plain?: true
}
const step = <S extends z.ZodTypeAny>(s: Step<S>): Step => s as unknown as Step
const noFields = () => z.object({})

const intents: Record<Intent, Step> = {
	accept: step({ schema: noFields, plain: true, run: (user, b) => acceptBooking(user, b.id) }),
	deliver: step({ schema: noFields, plain: true, run: (user, b) => markDelivered(user, b.id) }),
	confirm: step({ schema: noFields, plain: true, run: (user, b) => confirmBooking(user, b.id) }),
	acceptProposal: step({
		schema: noFields,
		plain: true,
		run: (user, b, _v, form) => acceptSettlement(user, b.id, undefined, wholeNumber(form.get('expectedPaid'))),
	}),
	decline: step({ schema: () => DeclineSchema, run: (user, b, v) => declineBooking(user, b.id, v.reason) }),
	cancel: step({
		schema: () => CancelSchema,
		run: (user, b, v, form) => cancelBooking(user, b.id, v.reason, undefined, wholeNumber(form.get('expectedCharge'))),
	}),
	problem: step({ schema: () => ProblemSchema, run: (user, b, v) => reportProblem(user, b.id, v.description) }),
	propose: step({
		schema: (b) => settlementSchema(b.currency, b.totalPence, { noteRequired: false }),
		run: (user, b, v) => proposeSettlement(user, b.id, { paidPence: v.paid, note: v.note ?? null }),
	}),
	resolve: step({
		schema: (b) => settlementSchema(b.currency, b.totalPence, { noteRequired: true }),
		run: (user, b, v) => resolveAsFunder(user, b.id, { paidPence: v.paid, note: v.note ?? '' }),
	}),
	message: step({ schema: () => MessageSchema, run: (user, b, v) => postMessage(user, b.id, v) }),
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	// Only what a change needs: the booking's id and price, and that this person has a relation to it (404 if not).
	const b = await orErrorPage(() => bookingForChange(user, params.bookingId ?? ''))
	if (!b) throw new Response('Not found', { status: 404 })
	const intent = String(formData.get('intent') ?? '') as Intent
	const todo = Object.hasOwn(intents, intent) ? intents[intent] : null
	if (!todo) return json<ActionData>({ intent, error: 'Choose one of the buttons on the page.' }, { status: 400 })
	const submission = parseWithZod(formData, { schema: todo.schema(b) })
	if (submission.status !== 'success') return json<ActionData>({ intent, result: submission.reply() }, { status: 400 })
	// Inline: every refusal, a 403 or 404 too, is shown by the button that was pressed.
	const outcome = await attempt(() => todo.run(user, b, submission.value, formData), { inline: true })
	if (outcome.ok) return redirect(`/bookings/${b.id}?done=${intent}${intent === 'message' ? '#messages' : ''}`)
	const { error } = outcome
	// A form with fields shows the refusal in its own summary; a plain button, at the top of the page.
	return todo.plain
		? json<ActionData>({ intent, error: error.message }, { status: error.status })
		: refusal(submission, error, { intent })
}

/** A hidden field holding what the page showed (pence), so the server can refuse if it has changed since. */
function wholeNumber(value: FormDataEntryValue | null): number | null {
	const n = Number(value)
	return typeof value === 'string' && value !== '' && Number.isSafeInteger(n) && n >= 0 ? n : null
}

export default function BookingPage() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const b = data.booking
	const can = (a: BookingAction) => data.actions.includes(a)
	const money = (n: number) => formatMoney(n, b.currency)
	const onHolderSide = data.party.holderRights.length > 0
	const problem = data.openProblem
	const pastProblems = b.problems.filter((p) => p.status === 'RESOLVED')
	const back = onHolderSide
		? { to: '/bookings', label: 'All bookings' }
		: data.party.isProvider
			? { to: '/provider', label: 'Your dashboard' }
			: { to: '/funder/problems', label: 'Problems to settle' }
	const errorFor = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined)

	return (
		<div className="max-w-3xl">
			<LinkLine to={back.to}>{back.label}</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{data.title}</h1>
			{data.sent ? (
				<Notice>
					<p>
						Your booking request has been sent to {b.provider.name}. Nothing is taken from the budget until they accept;
						we will tell you when they answer.
					</p>
				</Notice>
			) : null}
			{data.done && doneMessages[data.done] ? (
				<Notice>
					<p>{doneMessages[data.done]}</p>
				</Notice>
			) : null}
			{actionData?.error ? (
				<div className="mt-4">
					<ErrorSummary title="That could not be done" formErrors={[actionData.error]} />
				</div>
			) : null}

			<Section headingId="status-heading" title="Status" className="mt-6" headingClassName="sr-only">
				<p id="booking-status" className="text-xl">
					<span className="font-bold">Status:</span> {statusLabels[b.status]}
				</p>
				{b.status === 'DECLINED' && b.declineReason ? <p className="mt-1">Reason given: {b.declineReason}</p> : null}
				{b.status === 'CANCELLED' ? (
					<p className="mt-1">
						{b.cancelReason ? `Reason given: ${b.cancelReason}. ` : ''}
						{b.cancellationChargePence
							? `Cancellation charge paid to ${b.provider.name}: ${money(b.cancellationChargePence)}.`
							: 'Nothing was charged.'}
					</p>
				) : null}
				{b.status === 'DELIVERED' && data.autoConfirmText ? (
					<p className="mt-1">
						{b.provider.name} marked this session as delivered. Unless a problem is reported, it is confirmed and paid
						automatically on {data.autoConfirmText}.
					</p>
				) : null}
			</Section>

			<dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
				<dt className="font-semibold">When</dt>
				<dd>{data.when}</dd>
				<dt className="font-semibold">Provider</dt>
				<dd>
					<Link to={`/providers/${b.provider.slug}`} className={linkClass}>
						{b.provider.name}
					</Link>
				</dd>
				<dt className="font-semibold">For</dt>
				<dd>
					{b.holder.displayName}
					{b.bookedBy.name !== b.holder.displayName ? ` (booked by ${b.bookedBy.name})` : ''}
				</dd>
				<dt className="font-semibold">Price</dt>
				<dd>
					{money(b.totalPence)}
					{b.priceUnit === 'PER_HOUR' ? ` (${durationWords(data.minutes)} at ${money(b.unitPricePence)} an hour)` : ''}
				</dd>
				{b.feePence > 0 ? (
					<>
						<dt className="font-semibold">Platform fee</dt>
						<dd>{money(b.feePence)}, shown before booking</dd>
					</>
				) : null}
				{b.budgetLine ? (
					<>
						<dt className="font-semibold">Budget line</dt>
						<dd>{b.budgetLine.name}</dd>
					</>
				) : null}
				{b.note ? (
					<>
						<dt className="font-semibold">Note</dt>
						<dd className="whitespace-pre-line">{b.note}</dd>
					</>
				) : null}
				<dt className="font-semibold">Cancelling</dt>
				<dd>
					{b.lateCancelPercent > 0
						? `Free up to 24 hours before. Cancelling less than 24 hours before costs ${b.lateCancelPercent}% of the price (${money(Math.floor((b.totalPence * b.lateCancelPercent) / 100))}), paid to ${b.provider.name}.`
						: 'Free at any time before the session.'}{' '}
					If {b.provider.name} cancels, it never costs anything.
				</dd>
			</dl>

			{data.series.length > 1 ? (
				<Section
					headingId="series-heading"
					title={<>Every week ({data.series.length} sessions)</>}
					className="mt-6"
					headingClassName="text-xl font-bold"
				>
					<ul className="mt-2 space-y-1">
						{data.series.map((s) => (
							<li key={s.id}>
								{s.id === b.id ? (
									<span aria-current="page" className="font-semibold">
										{s.label} (this one)
									</span>
								) : (
									<Link to={`/bookings/${s.id}`} className={linkClass}>
										{s.label}
									</Link>
								)}
								: {statusLabels[s.status]}
							</li>
						))}
					</ul>
				</Section>
			) : null}

			<Section headingId="actions-heading" title="What you can do" className="mt-8 space-y-6">
				{data.actions.filter((a) => a !== 'message').length === 0 ? <p>Nothing needs doing now.</p> : null}
				{can('accept') ? (
					<Panel title="Accept this booking">
						<p>
							{(() => {
								const weeks = data.series.filter((s) => s.status === 'REQUESTED').length
								return weeks > 1
									? `This accepts all ${weeks} weekly sessions of the request. It sets aside ${money(b.totalPence + b.feePence)} for each week (${money((b.totalPence + b.feePence) * weeks)} in all) in ${b.holder.displayName}’s budget.`
									: `Accepting sets aside ${money(b.totalPence + b.feePence)} in ${b.holder.displayName}’s budget.`
							})()}{' '}
							You are paid as soon as each session is confirmed.
						</p>
						<ButtonForm intent="accept" label="Accept booking" />
					</Panel>
				) : null}
				{can('decline') ? (
					<ReasonForm
						intent="decline"
						title="Decline this booking"
						schema={DeclineSchema}
						field="reason"
						label="Why can you not take it?"
						hint="They will see this, so they can look elsewhere."
						button="Decline booking"
						lastResult={errorFor('decline')?.result}
					/>
				) : null}
				{can('markDelivered') ? (
					<Panel title="The session has happened">
						<p>
							Marking it delivered asks {b.holder.displayName} to confirm it; if no problem is reported it is confirmed
							automatically.
						</p>
						<ButtonForm intent="deliver" label="Mark as delivered" />
					</Panel>
				) : null}
				{can('confirm') ? (
					<Panel title="Confirm the session happened">
						<p>
							This pays {b.provider.name} {money(b.totalPence)} from the money set aside. Only confirm if the support
							was given as agreed.
						</p>
						<ButtonForm intent="confirm" label={`Confirm and pay ${money(b.totalPence)}`} />
					</Panel>
				) : null}
				{can('reportProblem') ? (
					<ReasonForm
						intent="problem"
						title="Report a problem"
						schema={ProblemSchema}
						field="description"
						label="What went wrong?"
						hint={`The money stays held until you and ${b.provider.name} agree, or the funder decides.`}
						button="Report a problem"
						lastResult={errorFor('problem')?.result}
					/>
				) : null}
				{can('cancel') ? (
					<ReasonForm
						intent="cancel"
						title="Cancel this booking"
						schema={CancelSchema}
						field="reason"
						label="Reason (optional)"
						hint={
							data.chargeIfCancelledNow > 0
								? `It is less than 24 hours before the session, so cancelling now costs ${money(data.chargeIfCancelledNow)} (paid to ${b.provider.name}); the rest goes back to the budget.`
								: b.status === 'ACCEPTED'
									? 'Cancelling now is free: all the money set aside goes back to the budget.'
									: data.series.filter((s) => s.status === 'REQUESTED').length > 1
										? `This cancels the whole request, all ${data.series.filter((s) => s.status === 'REQUESTED').length} weeks. Nothing has been taken from the budget yet.`
										: 'Nothing has been taken from the budget yet.'
						}
						button="Cancel booking"
						lastResult={errorFor('cancel')?.result}
						hidden={{ expectedCharge: String(data.chargeIfCancelledNow) }}
					/>
				) : null}
			</Section>

			{problem || pastProblems.length > 0 ? (
				<Section headingId="problem-heading" title={problem ? 'The problem reported' : 'Problems'} className="mt-8">
					{[...pastProblems, ...(problem ? [problem] : [])].map((p) => (
						<div key={p.id} className="mt-3 border-l-4 border-amber-600 pl-4">
							<p>
								{p.reportedBy.name} reported on {shortDayText(p.createdAt)}: “{p.description}”
							</p>
							{p.status === 'RESOLVED' ? (
								<p className="mt-1">
									Settled on {p.resolvedAt ? shortDayText(p.resolvedAt) : ''}: {p.resolution} {money(p.paidPence ?? 0)}{' '}
									was paid to {b.provider.name}.
								</p>
							) : p.proposedPaidPence !== null ? (
								<p className="mt-1">
									{p.proposedBy?.name} proposed paying {b.provider.name} {money(p.proposedPaidPence)} of{' '}
									{money(b.totalPence)}
									{p.proposedNote ? `: “${p.proposedNote}”` : ''}.
								</p>
							) : (
								<p className="mt-1">No settlement has been proposed yet.</p>
							)}
						</div>
					))}
					{can('acceptProposal') && problem?.proposedPaidPence !== null && problem ? (
						<Panel title="Accept the proposal">
							<p>
								{b.provider.name} is paid {money(problem.proposedPaidPence ?? 0)}; the rest goes back to the budget.
							</p>
							<ButtonForm
								intent="acceptProposal"
								label="Accept the proposal"
								hidden={{ expectedPaid: String(problem.proposedPaidPence ?? 0) }}
							/>
						</Panel>
					) : null}
					{can('proposeResolution') ? (
						<SettlementForm
							intent="propose"
							title={problem?.proposedPaidPence !== null ? 'Propose something else' : 'Propose how to settle it'}
							hint={`How much of the ${money(b.totalPence)} should ${b.provider.name} be paid? The rest goes back to the budget. ${
								data.party.isProvider
									? 'Offering £0 (a full refund) settles it at once.'
									: `Offering the full ${money(b.totalPence)} settles it at once.`
							}`}
							currency={b.currency}
							total={b.totalPence}
							noteRequired={false}
							button="Send proposal"
							lastResult={errorFor('propose')?.result}
						/>
					) : null}
					{can('resolveAsFunder') ? (
						<SettlementForm
							intent="resolve"
							title="Decide for the funder"
							hint={`How much of the ${money(b.totalPence)} should ${b.provider.name} be paid? The rest goes back to the budget. Both sides are told.`}
							currency={b.currency}
							total={b.totalPence}
							noteRequired
							button="Settle the problem"
							lastResult={errorFor('resolve')?.result}
						/>
					) : null}
				</Section>
			) : null}

			{data.reviews &&
			(data.reviews.canReview ||
				data.reviews.canGiveFeedback ||
				data.reviews.review ||
				data.reviews.feedback ||
				data.reviews.reviewWritten ||
				data.reviews.feedbackWritten) ? (
				<ReviewsPanel
					reviews={data.reviews}
					bookingId={b.id}
					providerName={b.provider.name}
					holderName={b.holder.displayName}
				/>
			) : null}

			{data.messages ? (
				<Messages
					messages={data.messages}
					byline={(m) => (
						<>
							<span className="font-semibold text-gray-900">{m.author.name}</span>, {m.at}
						</>
					)}
				>
					{can('message') ? (
						<MessageForm messageKey={data.messageKey} lastResult={errorFor('message')?.result} />
					) : null}
				</Messages>
			) : null}

			<Section headingId="history-heading" title="History" className="mt-8">
				<ol className="mt-2 space-y-1">
					{data.events.map((e) => (
						<li key={e.id}>
							{e.at}: {eventLabels[e.kind] ?? e.kind}
							{e.actor ? ` by ${e.actor.name}` : ''}
							{e.detail ? `. ${e.detail}` : ''}
						</li>
					))}
				</ol>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
