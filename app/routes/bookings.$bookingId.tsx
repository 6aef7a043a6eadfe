import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput, ErrorSummary, Field, TextareaField } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import {
	acceptBooking,
	acceptSettlement,
	cancelBooking,
	confirmBooking,
	declineBooking,
	markDelivered,
	proposeSettlement,
	reportProblem,
	resolveAsFunder,
} from '#app/domain/bookings/bookings.server.ts'
import { postMessage } from '#app/domain/bookings/messages.server.ts'
import { getBookingPage } from '#app/domain/bookings/queries.server.ts'
import { statusLabels, type BookingAction } from '#app/domain/bookings/rules.ts'
import { CancelSchema, DeclineSchema, MessageSchema, ProblemSchema, settlementSchema } from '#app/domain/bookings/schemas.ts'
import { clockText, dayText, sessionText, shortDayText } from '#app/utils/dates.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import { reviewStateForBooking } from '#app/domain/reviews/reviews.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import type { DomainError } from '#app/utils/errors.ts'
import { attempt, orErrorPage, replyWithError } from '#app/utils/route-errors.server.ts'

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
		title: onHolderSide || !page.party.isProvider ? `${b.service.title} with ${b.provider.name}` : `${b.service.title} for ${b.holder.displayName}`,
		when: sessionText(b.startsAt, b.endsAt),
		minutes: Math.round((new Date(b.endsAt).getTime() - new Date(b.startsAt).getTime()) / 60_000),
		series: page.series.map((s) => ({ ...s, label: sessionText(s.startsAt, s.endsAt) })),
		events: b.events.map((e) => ({ ...e, at: `${dayText(e.createdAt)} at ${clockText(e.createdAt)}` })),
		messages: page.messages?.map((m) => ({ ...m, at: `${shortDayText(m.createdAt)} at ${clockText(m.createdAt)}` })) ?? null,
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

type Intent = 'accept' | 'decline' | 'cancel' | 'deliver' | 'confirm' | 'problem' | 'propose' | 'acceptProposal' | 'resolve' | 'message'
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

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const { user, page } = await pageFor(request, params.bookingId ?? '')
	const id = page.booking.id
	const intent = String(formData.get('intent') ?? '') as Intent
	const done = () => redirect(`/bookings/${id}?done=${intent}${intent === 'message' ? '#messages' : ''}`)
	const refused = (error: DomainError, result?: SubmissionResult<string[]>) =>
		json<ActionData>({ intent, result, error: result ? undefined : error.message }, { status: error.status })
	const withSchema = async <S extends z.ZodTypeAny>(schema: S, run: (value: z.output<S>) => Promise<unknown>) => {
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return json<ActionData>({ intent, result: submission.reply() }, { status: 400 })
		// Inline: every refusal, a 403 or 404 too, is shown by the button that was pressed.
		const outcome = await attempt(() => run(submission.value), { inline: true })
		return outcome.ok ? done() : refused(outcome.error, replyWithError(submission, outcome.error))
	}
	const plain = async (run: () => Promise<unknown>) => {
		const outcome = await attempt(run, { inline: true })
		return outcome.ok ? done() : refused(outcome.error)
	}
	const b = page.booking
	switch (intent) {
		case 'accept':
			return plain(() => acceptBooking(user, id))
		case 'deliver':
			return plain(() => markDelivered(user, id))
		case 'confirm':
			return plain(() => confirmBooking(user, id))
		case 'acceptProposal':
			return plain(() => acceptSettlement(user, id, undefined, wholeNumber(formData.get('expectedPaid'))))
		case 'decline':
			return withSchema(DeclineSchema, (v) => declineBooking(user, id, v.reason))
		case 'cancel':
			return withSchema(CancelSchema, (v) => cancelBooking(user, id, v.reason, undefined, wholeNumber(formData.get('expectedCharge'))))
		case 'problem':
			return withSchema(ProblemSchema, (v) => reportProblem(user, id, v.description))
		case 'propose':
			return withSchema(settlementSchema(b.currency, b.totalPence, { noteRequired: false }), (v) =>
				proposeSettlement(user, id, { paidPence: v.paid, note: v.note ?? null }),
			)
		case 'resolve':
			return withSchema(settlementSchema(b.currency, b.totalPence, { noteRequired: true }), (v) =>
				resolveAsFunder(user, id, { paidPence: v.paid, note: v.note ?? '' }),
			)
		case 'message':
			return withSchema(MessageSchema, (v) => postMessage(user, id, v))
		default:
			return json<ActionData>({ intent, error: 'Choose one of the buttons on the page.' }, { status: 400 })
	}
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
	const back = onHolderSide ? { to: '/bookings', label: 'All bookings' } : data.party.isProvider ? { to: '/provider', label: 'Your dashboard' } : { to: '/funder/problems', label: 'Problems to settle' }
	const errorFor = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined)

	return (
		<div className="max-w-3xl">
			<p>
				<Link to={back.to} className={linkClass}>
					{back.label}
				</Link>
			</p>
			<h1 className="mt-2 text-3xl font-bold">{data.title}</h1>
			{data.sent ? (
				<Notice>
					<p>
						Your booking request has been sent to {b.provider.name}. Nothing is taken from the budget until they accept; we will tell you
						when they answer.
					</p>
				</Notice>
			) : null}
			{data.done && doneMessages[data.done] ? (
				<Notice>
					<p>{doneMessages[data.done]}</p>
				</Notice>
			) : null}
			{actionData?.error ? (
				<div role="alert" tabIndex={-1} ref={(el) => el?.focus()} className="mt-4 border-4 border-red-700 p-4">
					<h2 className="text-lg font-bold">That could not be done</h2>
					<p className="mt-1 font-semibold text-red-700">{actionData.error}</p>
				</div>
			) : null}

			<section aria-labelledby="status-heading" className="mt-6">
				<h2 id="status-heading" className="sr-only">
					Status
				</h2>
				<p id="booking-status" className="text-xl">
					<span className="font-bold">Status:</span> {statusLabels[b.status]}
				</p>
				{b.status === 'DECLINED' && b.declineReason ? <p className="mt-1">Reason given: {b.declineReason}</p> : null}
				{b.status === 'CANCELLED' ? (
					<p className="mt-1">
						{b.cancelReason ? `Reason given: ${b.cancelReason}. ` : ''}
						{b.cancellationChargePence ? `Cancellation charge paid to ${b.provider.name}: ${money(b.cancellationChargePence)}.` : 'Nothing was charged.'}
					</p>
				) : null}
				{b.status === 'DELIVERED' && data.autoConfirmText ? (
					<p className="mt-1">
						{b.provider.name} marked this session as delivered. Unless a problem is reported, it is confirmed and paid automatically on{' '}
						{data.autoConfirmText}.
					</p>
				) : null}
			</section>

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
				<section aria-labelledby="series-heading" className="mt-6">
					<h2 id="series-heading" className="text-xl font-bold">
						Every week ({data.series.length} sessions)
					</h2>
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
				</section>
			) : null}

			<section aria-labelledby="actions-heading" className="mt-8 space-y-6">
				<h2 id="actions-heading" className="text-2xl font-bold">
					What you can do
				</h2>
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
						<p>Marking it delivered asks {b.holder.displayName} to confirm it; if no problem is reported it is confirmed automatically.</p>
						<ButtonForm intent="deliver" label="Mark as delivered" />
					</Panel>
				) : null}
				{can('confirm') ? (
					<Panel title="Confirm the session happened">
						<p>
							This pays {b.provider.name} {money(b.totalPence)} from the money set aside. Only confirm if the support was given as agreed.
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
			</section>

			{problem || pastProblems.length > 0 ? (
				<section aria-labelledby="problem-heading" className="mt-8">
					<h2 id="problem-heading" className="text-2xl font-bold">
						{problem ? 'The problem reported' : 'Problems'}
					</h2>
					{[...pastProblems, ...(problem ? [problem] : [])].map((p) => (
						<div key={p.id} className="mt-3 border-l-4 border-amber-600 pl-4">
							<p>
								{p.reportedBy.name} reported on {shortDayText(p.createdAt)}: “{p.description}”
							</p>
							{p.status === 'RESOLVED' ? (
								<p className="mt-1">
									Settled on {p.resolvedAt ? shortDayText(p.resolvedAt) : ''}: {p.resolution} {money(p.paidPence ?? 0)} was paid to {b.provider.name}.
								</p>
							) : p.proposedPaidPence !== null ? (
								<p className="mt-1">
									{p.proposedBy?.name} proposed paying {b.provider.name} {money(p.proposedPaidPence)} of {money(b.totalPence)}
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
							<ButtonForm intent="acceptProposal" label="Accept the proposal" hidden={{ expectedPaid: String(problem.proposedPaidPence ?? 0) }} />
						</Panel>
					) : null}
					{can('proposeResolution') ? (
						<SettlementForm
							intent="propose"
							title={problem?.proposedPaidPence !== null ? 'Propose something else' : 'Propose how to settle it'}
							hint={`How much of the ${money(b.totalPence)} should ${b.provider.name} be paid? The rest goes back to the budget. ${
								data.party.isProvider ? 'Offering £0 (a full refund) settles it at once.' : `Offering the full ${money(b.totalPence)} settles it at once.`
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
				</section>
			) : null}

			{data.reviews && (data.reviews.canReview || data.reviews.canGiveFeedback || data.reviews.review || data.reviews.feedback || data.reviews.reviewWritten || data.reviews.feedbackWritten) ? (
				<ReviewsPanel reviews={data.reviews} bookingId={b.id} providerName={b.provider.name} holderName={b.holder.displayName} />
			) : null}

			{data.messages ? (
				<section aria-labelledby="messages-heading" id="messages" className="mt-8">
					<h2 id="messages-heading" className="text-2xl font-bold">
						Messages
					</h2>
					{data.messages.length === 0 ? <p className="mt-2">No messages yet.</p> : null}
					<ol className="mt-3 space-y-3" aria-label="Messages, oldest first">
						{data.messages.map((m) => (
							<li key={m.id} className="rounded border border-gray-300 p-3">
								<p className="text-sm text-gray-700">
									<span className="font-semibold text-gray-900">{m.author.name}</span>, {m.at}
								</p>
								<p className="mt-1 whitespace-pre-line">{m.body}</p>
							</li>
						))}
					</ol>
					{can('message') ? <MessageForm messageKey={data.messageKey} lastResult={errorFor('message')?.result} /> : null}
				</section>
			) : null}

			<section aria-labelledby="history-heading" className="mt-8">
				<h2 id="history-heading" className="text-2xl font-bold">
					History
				</h2>
				<ol className="mt-2 space-y-1">
					{data.events.map((e) => (
						<li key={e.id}>
							{e.at}: {eventLabels[e.kind] ?? e.kind}
							{e.actor ? ` by ${e.actor.name}` : ''}
							{e.detail ? `. ${e.detail}` : ''}
						</li>
					))}
				</ol>
			</section>
		</div>
	)
}

type ReviewsData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['reviews']>

/** Reviews of this booking: write one (holder's side) or rate the booking (provider); double-blind until both have. */
function ReviewsPanel({ reviews: r, bookingId, providerName, holderName }: { reviews: ReviewsData; bookingId: string; providerName: string; holderName: string }) {
	const window = r.windowClosesText ? ` You can write it until ${r.windowClosesText}.` : ''
	return (
		<section aria-labelledby="reviews-heading" className="mt-8">
			<h2 id="reviews-heading" className="text-2xl font-bold">
				Reviews
			</h2>
			<p className="mt-1 text-gray-800">
				Reviews are double-blind: neither side sees the other’s until both have written one, or the time to write them has passed.
			</p>
			{r.canReview ? (
				<p className="mt-3">
					<Link to={`/bookings/${bookingId}/review`} className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
						Write a review of {providerName}
					</Link>
					<span className="ml-2">{window}</span>
				</p>
			) : null}
			{r.canGiveFeedback ? (
				<p className="mt-3">
					<Link to={`/bookings/${bookingId}/feedback`} className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
						Rate this booking
					</Link>
					<span className="ml-2">{window}</span>
				</p>
			) : null}
			{r.review ? (
				<div className="mt-3 border-l-4 border-gray-300 pl-4">
					<p className="font-semibold">
						Review of {providerName}: {r.review.rating} out of 5{r.review.isPublic ? '' : ' (not shown to the provider or on the profile yet)'}
					</p>
					{r.review.status === 'REMOVED' ? (
						<p className="italic">This review was removed by a moderator: {r.review.removedReason}</p>
					) : (
						<p className="mt-1 whitespace-pre-line">{r.review.body}</p>
					)}
					{r.review.providerReply ? (
						<p className="mt-2 bg-gray-50 p-2">
							<span className="font-semibold">Reply from {providerName}:</span> {r.review.providerReply}
						</p>
					) : null}
				</div>
			) : r.reviewWritten ? (
				<p className="mt-3">{holderName}’s side has written a review. You will see it once you have rated the booking, or when the time to write closes.</p>
			) : null}
			{r.feedback ? (
				<div className="mt-3 border-l-4 border-gray-300 pl-4">
					<p className="font-semibold">
						{providerName}’s rating of the booking: {r.feedback.rating} out of 5
					</p>
					<p className="mt-1 whitespace-pre-line">{r.feedback.body}</p>
				</div>
			) : r.feedbackWritten ? (
				<p className="mt-3">{providerName} has rated the booking. You will see it once you have written your review, or when the time to write closes.</p>
			) : null}
		</section>
	)
}

const eventLabels: Record<string, string> = {
	REQUESTED: 'Requested',
	ACCEPTED: 'Accepted',
	DECLINED: 'Declined',
	CANCELLED: 'Cancelled',
	EXPIRED: 'Cancelled automatically',
	DELIVERED: 'Marked as delivered',
	CONFIRMED: 'Confirmed and paid',
	CONFIRMED_AUTOMATICALLY: 'Confirmed automatically and paid',
	PROBLEM_REPORTED: 'Problem reported',
	SETTLEMENT_PROPOSED: 'Settlement proposed',
	RESOLVED: 'Problem settled',
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
	return (
		<div className="rounded border-2 border-gray-300 p-4">
			<h3 className="text-lg font-bold">{title}</h3>
			<div className="mt-1">{children}</div>
		</div>
	)
}

function ButtonForm({ intent, label, hidden = {} }: { intent: Intent; label: string; hidden?: Record<string, string> }) {
	const navigation = useNavigation()
	return (
		<Form method="post" className="mt-3">
			<CsrfInput />
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<Button type="submit" name="intent" value={intent} disabled={navigation.state === 'submitting'}>
				{label}
			</Button>
		</Form>
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
	lastResult,
	hidden = {},
}: {
	intent: Intent
	title: string
	schema: z.ZodTypeAny
	field: string
	label: string
	hint: string
	button: string
	lastResult?: SubmissionResult<string[]>
	hidden?: Record<string, string>
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm<Record<string, string>>({
		id: `booking-${intent}`,
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const f = fields[field]!
	return (
		<Panel title={title}>
			<ErrorSummary formErrors={form.errors} fieldErrors={{ [field]: f.errors }} fieldIds={{ [field]: f.id }} />
			<Form method="post" {...getFormProps(form)}>
				<CsrfInput />
				{Object.entries(hidden).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				<TextareaField label={label} hint={hint} errors={f.errors} textareaProps={{ ...getTextareaProps(f), rows: 3 }} />
				<Button type="submit" name="intent" value={intent} disabled={navigation.state === 'submitting'}>
					{button}
				</Button>
			</Form>
		</Panel>
	)
}

function SettlementForm({
	intent,
	title,
	hint,
	currency,
	total,
	noteRequired,
	button,
	lastResult,
}: {
	intent: Intent
	title: string
	hint: string
	currency: string
	total: number
	noteRequired: boolean
	button: string
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const schema = settlementSchema(currency, total, { noteRequired })
	const [form, fields] = useForm({
		id: `booking-${intent}`,
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	return (
		<div className="mt-4">
			<Panel title={title}>
				<ErrorSummary
					formErrors={form.errors}
					fieldErrors={{ paid: fields.paid.errors, note: fields.note.errors }}
					fieldIds={{ paid: fields.paid.id, note: fields.note.id }}
				/>
				<Form method="post" {...getFormProps(form)}>
					<CsrfInput />
					<Field
						label={`Paid to the provider (${currency})`}
						hint={hint}
						errors={fields.paid.errors}
						inputProps={{ ...getInputProps(fields.paid, { type: 'text' }), inputMode: 'decimal', autoComplete: 'off' }}
					/>
					<TextareaField
						label={noteRequired ? 'What was decided, and why' : 'A note (optional)'}
						errors={fields.note.errors}
						textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }}
					/>
					<Button type="submit" name="intent" value={intent} disabled={navigation.state === 'submitting'}>
						{button}
					</Button>
				</Form>
			</Panel>
		</div>
	)
}

function MessageForm({ messageKey, lastResult }: { messageKey: string; lastResult?: SubmissionResult<string[]> }) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'booking-message',
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MessageSchema }),
	})
	return (
		<div className="mt-4">
			<ErrorSummary formErrors={form.errors} fieldErrors={{ body: fields.body.errors }} fieldIds={{ body: fields.body.id }} />
			<Form method="post" {...getFormProps(form)} key={messageKey}>
				<CsrfInput />
				<input type="hidden" name="idempotencyKey" value={messageKey} />
				<TextareaField label="Write a message" errors={fields.body.errors} textareaProps={{ ...getTextareaProps(fields.body), rows: 3 }} />
				<Button type="submit" name="intent" value="message" disabled={navigation.state === 'submitting'}>
					Send message
				</Button>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
