/**
 * The panels of a booking's page (app/routes/bookings.$bookingId.tsx): the buttons and forms for each change, the
 * messages and the reviews. Each posts to the page's action with an `intent`; the route decides what is allowed.
 */
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { SerializeFrom } from '@remix-run/node'
import { Form, Link, useNavigation } from '@remix-run/react'
import { Panel } from '#app/components/ui/action-panels.tsx'
import { Button, CsrfInput, ErrorSummary, Field, TextareaField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import type { z } from 'zod'
import { MessageSchema, settlementSchema } from '#app/domain/bookings/schemas.ts'
import type { loader } from '#app/routes/bookings.$bookingId.tsx'

/** What a button or form on the booking page asks for. */
export type Intent =
	| 'accept'
	| 'decline'
	| 'cancel'
	| 'deliver'
	| 'confirm'
	| 'problem'
	| 'propose'
	| 'acceptProposal'
	| 'resolve'
	| 'message'

type ReviewsData = NonNullable<SerializeFrom<typeof loader>['reviews']>

/** Reviews of this booking: write one (holder's side) or rate the booking (provider); double-blind until both have. */
export function ReviewsPanel({
	reviews: r,
	bookingId,
	providerName,
	holderName,
}: {
	reviews: ReviewsData
	bookingId: string
	providerName: string
	holderName: string
}) {
	const window = r.windowClosesText ? ` You can write it until ${r.windowClosesText}.` : ''
	return (
		<Section headingId="reviews-heading" title="Reviews" className="mt-8">
			<p className="mt-1 text-gray-800">
				Nobody sees the other side’s review until you have both written one, or the time to write them is over.
			</p>
			{r.canReview ? (
				<p className="mt-3">
					<Link
						to={`/bookings/${bookingId}/review`}
						className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
					>
						Write a review of {providerName}
					</Link>
					<span className="ml-2">{window}</span>
				</p>
			) : null}
			{r.canGiveFeedback ? (
				<p className="mt-3">
					<Link
						to={`/bookings/${bookingId}/feedback`}
						className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
					>
						Rate this booking
					</Link>
					<span className="ml-2">{window}</span>
				</p>
			) : null}
			{r.review ? (
				<div className="mt-3 border-l-4 border-gray-300 pl-4">
					<p className="font-semibold">
						Review of {providerName}: {r.review.rating} out of 5
						{r.review.isPublic ? '' : ' (not shown to the provider or on the profile yet)'}
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
				<p className="mt-3">
					{holderName}’s side has written a review. You will see it once you have rated the booking, or when the time to
					write closes.
				</p>
			) : null}
			{r.feedback ? (
				<div className="mt-3 border-l-4 border-gray-300 pl-4">
					<p className="font-semibold">
						{providerName}’s rating of the booking: {r.feedback.rating} out of 5
					</p>
					<p className="mt-1 whitespace-pre-line">{r.feedback.body}</p>
				</div>
			) : r.feedbackWritten ? (
				<p className="mt-3">
					{providerName} has rated the booking. You will see it once you have written your review, or when the time to
					write closes.
				</p>
			) : null}
		</Section>
	)
}

export const eventLabels: Record<string, string> = {
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

export { ButtonForm, Panel } from '#app/components/ui/action-panels.tsx'

export function ReasonForm({
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
				<TextareaField
					label={label}
					hint={hint}
					errors={f.errors}
					textareaProps={{ ...getTextareaProps(f), rows: 3 }}
				/>
				<Button type="submit" name="intent" value={intent} disabled={navigation.state === 'submitting'}>
					{button}
				</Button>
			</Form>
		</Panel>
	)
}

export function SettlementForm({
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

export function MessageForm({
	messageKey,
	lastResult,
}: {
	messageKey: string
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'booking-message',
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MessageSchema }),
	})
	return (
		<div className="mt-4">
			<ErrorSummary
				formErrors={form.errors}
				fieldErrors={{ body: fields.body.errors }}
				fieldIds={{ body: fields.body.id }}
			/>
			<Form method="post" {...getFormProps(form)} key={messageKey}>
				<CsrfInput />
				<input type="hidden" name="idempotencyKey" value={messageKey} />
				<TextareaField
					label="Write a message"
					errors={fields.body.errors}
					textareaProps={{ ...getTextareaProps(fields.body), rows: 3 }}
				/>
				<Button type="submit" name="intent" value="message" disabled={navigation.state === 'submitting'}>
					Send message
				</Button>
			</Form>
		</div>
	)
}
