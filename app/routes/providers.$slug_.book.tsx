import { rightsSentence } from '#app/domain/people/consent.ts'
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import {
	Button,
	CsrfInput,
	ErrorSummary,
	Field,
	RadioGroup,
	SelectField,
	TextareaField,
} from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { type BookingQuote, priceRequest, requestBooking, sentRequest } from '#app/domain/bookings/request.server.ts'
import { HOURLY_LENGTHS } from '#app/domain/bookings/pricing.ts'
import { overlapWarningsFor } from '#app/domain/bookings/overlaps.server.ts'
import { bookingFormData, serviceOfProvider } from '#app/domain/bookings/queries.server.ts'
import { BookingDetailsSchema, MAX_WEEKS, SendBookingSchema } from '#app/domain/bookings/schemas.ts'
import { dayText, sessionText, timeText } from '#app/utils/dates.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { feeLabel } from '#app/domain/money/fees.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import { formatPrice } from '#app/domain/providers/labels.ts'
import { proposeBooking, sentProposal } from '#app/domain/helping/proposals.server.ts'
import { actingFor } from '#app/utils/acting.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Book ${data.provider.name} | Budget Market` : 'Book support | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const minutes = Number(url.searchParams.get('minutes'))
	// A carer or broker acting for someone (ADR 024) has that person chosen for them.
	const acting = url.searchParams.get('holder') ? null : await actingFor(request, user)
	const data = await bookingFormData(user, {
		slug: params.slug ?? '',
		serviceId: url.searchParams.get('service'),
		holderId: url.searchParams.get('holder') ?? acting?.id ?? null,
		date: url.searchParams.get('date'),
		minutes: HOURLY_LENGTHS.includes(minutes) ? minutes : null,
	})
	if (!data) throw new Response('Not found', { status: 404 })
	return json({
		...data,
		days: data.days.map((d) => ({ ...d, label: dayText(d.date) })),
		dateLabel: data.date ? dayText(data.date) : null,
		starts: data.starts.map((m) => timeText(m)),
		idempotencyKey: newIdempotencyKey(),
	})
}

type Quote = BookingQuote

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const serviceId = String(formData.get('serviceId') ?? '')
	const service = await serviceOfProvider(params.slug ?? '', serviceId)
	if (!service) throw new Response('Not found', { status: 404 })
	const sending = formData.get('intent') === 'send'
	const submission = parseWithZod(formData, { schema: sending ? SendBookingSchema : BookingDetailsSchema })
	if (submission.status !== 'success')
		return json({ result: submission.reply(), quote: null, quotedFor: null }, { status: 400 })
	const v = submission.value
	const input = {
		serviceId: service.id,
		holderId: v.holderId,
		date: v.date,
		startMinute: v.start,
		minutes: v.minutes ?? null,
		weeks: v.weeks,
		budgetLineId: v.budgetLineId,
		note: v.note,
		giveOrganisationRights: v.giveOrganisationRights ?? false,
	}
	// Inline: every refusal is shown on the form; "Choose someone you can book for" (a 404) answers 400.
	const outcome = await attempt(
		async () => {
			const idempotencyKey = String(formData.get('idempotencyKey'))
			// A retry of a request already sent goes straight to it (the quote would now count it as taken).
			const sent = sending ? await sentRequest(user.id, idempotencyKey) : null
			if (sent) return redirect(`/bookings/${sent.id}?sent=1`)
			const proposed = sending ? await sentProposal(user.id, idempotencyKey) : null
			if (proposed) return redirect(`/proposals/${proposed.id}`)
			const quote = await priceRequest(user, input, now())
			const quotedFor = quoteKey(quote, input)
			// A warning, never a refusal: two sessions at once can be right (two carers for hoisting).
			const overlaps = await overlapWarningsFor(quote.holder.id, quote.sessions)
			if (sending) {
				// Only what was priced on the page is sent: a change after "Check the price" is priced again first.
				if (formData.get('quotedFor') !== quotedFor) {
					return json(
						{
							result: submission.reply({
								formErrors: [
									'The booking changed after you checked the price. Check the new price and total below, then send it.',
								],
							}),
							quote: quoteView(quote, overlaps),
							quotedFor,
						},
						{ status: 409 },
					)
				}
				// Above the helper's limits, or from someone who may only suggest: it waits for the holder (ADR 024).
				if (quote.approval) {
					const { proposalId } = await proposeBooking(user, { ...input, idempotencyKey })
					return redirect(`/proposals/${proposalId}`)
				}
				const { bookings } = await requestBooking(user, { ...input, idempotencyKey })
				return redirect(`/bookings/${bookings[0]!.id}?sent=1`)
			}
			return json({ result: submission.reply(), quote: quoteView(quote, overlaps), quotedFor })
		},
		{ inline: true },
	)
	if (outcome.ok) return outcome.value
	// No quote on a refusal: the page shows the form again without a price to send.
	return refusal(submission, outcome.error, { quote: null, quotedFor: null }, { notFoundOnForm: true })
}

/** What a quote priced: the choices and the total. Sending needs the same, so nobody books what they did not see. */
function quoteKey(q: Quote, input: { holderId: string; date: string; startMinute: number; weeks: number }): string {
	return JSON.stringify([
		input.holderId,
		input.date,
		input.startMinute,
		q.minutes,
		input.weeks,
		q.budgetLine?.id ?? null,
		q.totalPence,
	])
}

function quoteView(q: Quote, overlaps: string[]) {
	const money = (n: number) => formatMoney(n, q.currency)
	return {
		holder: q.holder.displayName,
		sessions: q.sessions.map((s) => sessionText(s.startsAt, s.endsAt)),
		length: durationWords(q.minutes),
		price: money(q.pricePence),
		fee: q.feePence > 0 ? money(q.feePence) : null,
		// "Platform fee: None", said once (never "No platform fee: None").
		feeLabel: q.feeBps === 0 ? 'Platform fee' : feeLabel(q.feeBps),
		total: money(q.totalPence),
		available: money(q.available),
		waiting: q.waitingPence > 0 ? money(q.waitingPence) : null,
		after: money(q.afterPence),
		line: q.budgetLine?.name ?? null,
		lateCharge: q.service.lateCancelPercent,
		overlaps,
		approval: q.approval?.message ?? null,
	}
}

// Who, which day and how long are chosen in step 1; their errors link there.
const fieldIds = {
	holderId: 'choose-holder',
	date: 'choose-date',
	start: 'book-start',
	minutes: 'choose-minutes',
	weeks: 'book-weeks',
	budgetLineId: 'book-line',
	note: 'book-note',
}

export default function Book() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { provider, service, holder } = data
	const quote = actionData?.quote ?? null
	const [form, fields] = useForm({
		id: 'book',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: BookingDetailsSchema }),
		defaultValue: {
			holderId: holder?.id ?? '',
			date: data.date ?? '',
			minutes: String(data.minutes ?? ''),
			weeks: '1',
			budgetLineId: data.defaultLineId ?? 'none',
		},
	})
	const busy = navigation.state === 'submitting'
	const back = `/providers/${provider.slug}`

	if (data.holders.length === 0) {
		return (
			<div className="max-w-2xl">
				<LinkLine to={back}>Back to {provider.name}</LinkLine>
				<h1 className="mt-2 text-3xl font-bold">Book {provider.name}</h1>
				{/* A booking sent just as the right to book was withdrawn: say it was refused, not only why (no fields to link). */}
				<div className="mt-4">
					<ErrorSummary formErrors={form.errors} fieldErrors={{ holderId: fields.holderId.errors }} />
				</div>
				<p className="mt-4">
					You can book support here for yourself if you hold a personal budget, or for someone who has given you the
					right to book for them. Your account has neither yet.
				</p>
			</div>
		)
	}

	return (
		<div className="max-w-3xl">
			<LinkLine to={back}>Back to {provider.name}</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Book {provider.name}</h1>

			{/* Step 1: what, for whom, and which day. A GET form, so it works without JavaScript and the page can be shared. */}
			<Form method="get" className="mt-6 rounded border-2 border-gray-300 p-4" aria-labelledby="choose-heading">
				<h2 id="choose-heading" className="text-xl font-bold">
					1. Choose the support and the day
				</h2>
				<div className="mt-3">
					<SelectField
						label="Service"
						selectProps={{ id: 'choose-service', name: 'service', defaultValue: service?.id ?? '' }}
						options={[
							...(service ? [] : [{ value: '', label: 'Choose a service' }]),
							...provider.services.map((s) => ({
								value: s.id,
								label: `${s.title}: ${formatPrice(s.pricePence, s.priceUnit, s.currency)}`,
							})),
						]}
					/>
					{data.holders.length > 1 ? (
						<SelectField
							label="Who is the support for?"
							selectProps={{ id: 'choose-holder', name: 'holder', defaultValue: holder?.id ?? '' }}
							options={[
								...(holder ? [] : [{ value: '', label: 'Choose a person' }]),
								...data.holders.map((h) => ({ value: h.id, label: h.displayName })),
							]}
						/>
					) : holder ? (
						<input type="hidden" name="holder" value={holder.id} />
					) : null}
					{service?.priceUnit === 'PER_HOUR' ? (
						<SelectField
							label="How long?"
							selectProps={{ id: 'choose-minutes', name: 'minutes', defaultValue: String(data.minutes ?? 60) }}
							options={HOURLY_LENGTHS.map((m) => ({ value: String(m), label: durationWords(m) }))}
						/>
					) : null}
					<Field
						label="Day"
						hint="Or pick one of the days below with free times."
						inputProps={{ id: 'choose-date', name: 'date', type: 'date', defaultValue: data.date ?? '' }}
					/>
					<Button type="submit" className="bg-gray-800 hover:bg-gray-900">
						Show free times
					</Button>
				</div>
				{service ? (
					<div className="mt-4">
						<h3 className="font-bold">Days with free times</h3>
						{data.days.length === 0 ? (
							<p className="mt-1">
								{provider.name} has no free times in the next six weeks for this. Send them a message from a past
								booking, or look for someone else.
							</p>
						) : (
							<ul className="mt-1 flex flex-wrap gap-2" aria-label="Days with free times">
								{data.days.map((d) => (
									<li key={d.date}>
										<Link
											to={`?${new URLSearchParams({ service: service.id, ...(holder ? { holder: holder.id } : {}), ...(data.minutes && service.priceUnit === 'PER_HOUR' ? { minutes: String(data.minutes) } : {}), date: d.date })}`}
											aria-current={d.date === data.date ? 'date' : undefined}
											className={`inline-block rounded border-2 px-3 py-1 ${d.date === data.date ? 'border-brand-700 bg-brand-50 font-bold' : 'border-gray-400'}`}
										>
											{d.label}
										</Link>
									</li>
								))}
							</ul>
						)}
					</div>
				) : null}
			</Form>

			{service && holder && data.date ? (
				<Section
					headingId="details-heading"
					title={<>2. Choose the time on {data.dateLabel}</>}
					className="mt-6 rounded border-2 border-gray-300 p-4"
					headingClassName="text-xl font-bold"
				>
					<p className="mt-1">
						{service.title}, {formatPrice(service.pricePence, service.priceUnit, service.currency)}
						{service.priceUnit === 'PER_HOUR' && data.minutes ? `, for ${durationWords(data.minutes)}` : ''}, for{' '}
						{holder.displayName}.
					</p>
					<div className="mt-4">
						<ErrorSummary
							formErrors={form.errors}
							fieldErrors={{
								holderId: fields.holderId.errors,
								date: fields.date.errors,
								start: fields.start.errors,
								minutes: fields.minutes.errors,
								weeks: fields.weeks.errors,
								budgetLineId: fields.budgetLineId.errors,
								note: fields.note.errors,
							}}
							fieldIds={fieldIds}
						/>
						<Form method="post" {...getFormProps(form)}>
							<CsrfInput />
							<input type="hidden" name="serviceId" value={service.id} />
							<input type="hidden" name="holderId" value={holder.id} />
							<input type="hidden" name="date" value={data.date} />
							<input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
							{service.priceUnit === 'PER_HOUR' ? (
								<input type="hidden" name="minutes" value={String(data.minutes ?? 60)} />
							) : null}
							{data.starts.length === 0 ? (
								<p id={fieldIds.start} className="mb-4 font-semibold">
									No free times on this day for {data.minutes ? durationWords(data.minutes) : 'this'}. Choose another
									day above.
								</p>
							) : (
								<RadioGroup
									id={fieldIds.start}
									legend="Start time"
									name="start"
									errors={fields.start.errors}
									defaultValue={(fields.start.initialValue as string | undefined) ?? undefined}
									options={data.starts.map((s) => ({ value: s, label: s }))}
									inline
								/>
							)}
							<Field
								label="How many weeks?"
								hint={`1 for just this day. Up to ${MAX_WEEKS} to book the same time every week.`}
								errors={fields.weeks.errors}
								inputProps={{
									...getInputProps(fields.weeks, { type: 'text' }),
									id: fieldIds.weeks,
									inputMode: 'numeric',
									autoComplete: 'off',
								}}
							/>
							{data.lines.length > 0 ? (
								<SelectField
									label="Which part of the support plan is this for?"
									hint="This only keeps track of spending against the plan. It does not limit what you can buy."
									errors={fields.budgetLineId.errors}
									selectProps={{ ...getSelectProps(fields.budgetLineId), id: fieldIds.budgetLineId }}
									options={[
										...data.lines.map((l) => ({ value: l.id, label: l.name })),
										{ value: 'none', label: 'None of these' },
									]}
								/>
							) : null}
							{data.organisationRights ? (
								<div className="mb-5 rounded border-2 border-gray-300 p-4">
									<div className="flex items-start gap-2">
										<input
											type="checkbox"
											id="give-organisation-rights"
											name="giveOrganisationRights"
											value="on"
											defaultChecked={Boolean(fields.giveOrganisationRights.initialValue)}
											aria-describedby="give-organisation-rights-hint"
											className="mt-1.5 h-5 w-5"
										/>
										<label htmlFor="give-organisation-rights" className="font-semibold">
											Also let {provider.name} act for you: {rightsSentence(data.organisationRights, 'your')}
										</label>
									</div>
									<p id="give-organisation-rights-hint" className="mt-2 text-gray-700">
										Their staff can then do this for you, each under their own name on your trail. You can change or
										stop it at any time on the page of people who act for you.
									</p>
								</div>
							) : null}
							<TextareaField
								label="A note for the provider (optional)"
								hint="For example, where to meet or anything they should know."
								errors={fields.note.errors}
								textareaProps={{ ...getTextareaProps(fields.note), id: fieldIds.note, rows: 3 }}
							/>
							{quote ? (
								<section aria-labelledby="summary-heading" className="mb-5 rounded bg-brand-50 p-4" role="region">
									<h3 id="summary-heading" className="text-lg font-bold">
										Check before you send
									</h3>
									{quote.overlaps.length > 0 ? (
										<div className="mt-2 border-l-8 border-amber-600 bg-amber-50 p-3" role="status">
											<p className="font-bold">This overlaps another booking</p>
											<ul className="mt-1 space-y-1">
												{quote.overlaps.map((o) => (
													<li key={o}>{o}</li>
												))}
											</ul>
											<p className="mt-1">You can still send it if you need both.</p>
										</div>
									) : null}
									<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
										<dt className="font-semibold">For</dt>
										<dd>{quote.holder}</dd>
										<dt className="font-semibold">
											{quote.sessions.length > 1 ? `Sessions (${quote.sessions.length})` : 'When'}
										</dt>
										<dd>
											<ul>
												{quote.sessions.map((s) => (
													<li key={s}>{s}</li>
												))}
											</ul>
										</dd>
										<dt className="font-semibold">Price</dt>
										<dd>
											{quote.price} {quote.sessions.length > 1 ? 'each' : ''} ({quote.length})
										</dd>
										<dt className="font-semibold">{quote.feeLabel}</dt>
										<dd>{quote.fee ?? 'None'}</dd>
										<dt className="font-semibold">Total</dt>
										<dd className="font-bold">{quote.total}</dd>
										<dt className="font-semibold">Available in the budget now</dt>
										<dd>
											{quote.available}
											{quote.waiting ? ` (${quote.waiting} is for requests still waiting for an answer)` : ''}
										</dd>
										<dt className="font-semibold">Left afterwards</dt>
										<dd>{quote.after}</dd>
										{quote.line ? (
											<>
												<dt className="font-semibold">Budget line</dt>
												<dd>{quote.line}</dd>
											</>
										) : null}
										<dt className="font-semibold">Cancelling</dt>
										<dd>
											{/* The rule that applies, said once (the provider's own words are on their profile). */}
											{quote.lateCharge > 0
												? `Free up to 24 hours before. Later than that, it costs ${quote.lateCharge}% of the price.`
												: 'Free at any time before the session.'}
										</dd>
									</dl>
									{quote.approval ? (
										<div className="mt-3 border-l-8 border-amber-600 bg-amber-50 p-3" role="status">
											<p className="font-bold">This needs {quote.holder}’s yes first</p>
											<p className="mt-1">{quote.approval}</p>
											<p className="mt-1">
												If you send it, {quote.holder} is asked to approve it. Nothing is asked of {provider.name}, and
												nothing is held, until they say yes.
											</p>
										</div>
									) : (
										<p className="mt-3">
											Nothing is taken yet. When {provider.name} accepts, the total is set aside in the budget; it is
											paid once the session has happened.
										</p>
									)}
									<input type="hidden" name="quotedFor" value={actionData?.quotedFor ?? ''} />
									<Button type="submit" name="intent" value="send" disabled={busy} className="mt-3">
										{quote.approval ? `Ask ${quote.holder} to approve it` : 'Send booking request'}
									</Button>
								</section>
							) : null}
							<Button
								type="submit"
								name="intent"
								value="check"
								disabled={busy}
								className={quote ? 'bg-gray-800 hover:bg-gray-900' : ''}
							>
								{quote ? 'Check the price again' : 'Check the price'}
							</Button>
						</Form>
					</div>
				</Section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
