import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanErrorSummary, errorsOf, typed } from '#app/components/plans.tsx'
import { Button, CsrfInput, Field, RadioGroup, TextareaField } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { formatMoney, toDecimal } from '#app/domain/money/amounts.ts'
import { requireFunderStaffPage } from '#app/domain/plans/access.server.ts'
import { decidePlan, funderHolderPage, setIndicativeBudget } from '#app/domain/plans/plans.server.ts'
import { addFunderNotes, requestReview } from '#app/domain/plans/reviews.server.ts'
import { ratingWords, reviewState, SELF_ASSESSMENT, STATUS_WORDS } from '#app/domain/plans/rules.ts'
import { budgetFormSchema, decideSchema, funderNotesSchema, PAID_HOW_CHOICES } from '#app/domain/plans/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.holder.displayName}: budget and plan | Budget Market` : 'Budget and plan | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json(await orErrorPage(() => funderHolderPage(user, params.holderId ?? '')))
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const holder = await orErrorPage(() => requireFunderStaffPage(user, holderId))
	const schema = z.discriminatedUnion('intent', [
		z.object({ intent: z.literal('budget') }).merge(budgetFormSchema(holder.currency)),
		...decideSchema.options,
		z.object({ intent: z.literal('notes'), reviewId: z.string().min(1).max(100) }).merge(funderNotesSchema),
		z.object({ intent: z.literal('request-review') }),
	])
	const parsed = parseSubmission(formData, schema)
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	const outcome = await attempt(async () => {
		switch (value.intent) {
			case 'budget':
				await setIndicativeBudget(user, holderId, { amountPence: value.amount, paidHow: value.paidHow })
				return 'budget'
			case 'agree':
			case 'question':
				return (await decidePlan(user, holderId, value)).status === 'AGREED' ? 'agreed' : 'questioned'
			case 'notes':
				await addFunderNotes(user, holderId, value.reviewId, value.notes)
				return 'notes'
			case 'request-review':
				await requestReview(user, holderId)
				return 'review'
		}
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/funder/holders/${holderId}?done=${outcome.value}`)
}

const DONE: Record<string, string> = {
	budget: 'The budget is saved. They can see it now.',
	agreed: 'The plan is agreed. They can spend inside it without asking again.',
	questioned: 'Your question has been sent.',
	notes: 'Your notes are saved.',
	review: 'They have been asked to review their plan.',
}

export default function FunderHolderPage() {
	const { holder, working, current, reviews, today } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const errors = errorsOf(reply)
	const done = DONE[searchParams.get('done') ?? '']
	const money = (n: number) => formatMoney(n, holder.currency)
	const paidValue = PAID_HOW_CHOICES.find((c) => c.label === holder.budgetPaidHow)?.value
	return (
		<div className="max-w-3xl">
			<LinkLine to="/funder/plans">Back to plans and reviews</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{holder.displayName}: budget and plan</h1>
			{done ? <Notice>{done}</Notice> : null}
			<PlanErrorSummary reply={reply} />

			<Section headingId="budget-heading" title="Their budget" className="mt-6">
				<p className="mt-2">
					{holder.indicativeBudgetPence !== null
						? `${money(holder.indicativeBudgetPence)} a year, paid as: ${holder.budgetPaidHow?.toLowerCase() ?? 'not said'}.`
						: 'Not set yet. Set it first, so they plan knowing their money.'}
				</p>
				<Form method="post" className="mt-3 rounded border-2 border-gray-300 p-4">
					<CsrfInput />
					<Field
						label="Budget for the year"
						hint="In pounds, for example 12000"
						errors={errors.amount}
						inputProps={{
							id: 'amount',
							name: 'amount',
							inputMode: 'decimal',
							defaultValue: typed(
								reply,
								'amount',
								holder.indicativeBudgetPence !== null ? toDecimal(holder.indicativeBudgetPence, holder.currency) : '',
							),
						}}
					/>
					<RadioGroup
						id="paidHow"
						name="paidHow"
						legend="How is it paid?"
						defaultValue={typed(reply, 'paidHow', paidValue)}
						errors={errors.paidHow}
						options={PAID_HOW_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
					/>
					<Button type="submit" name="intent" value="budget">
						Save the budget
					</Button>
				</Form>
			</Section>

			<Section headingId="working-heading" title="Plan to agree" className="mt-8">
				{!working ? (
					<p className="mt-2">No plan is being written or waiting for you.</p>
				) : (
					<>
						<p className="mt-2">
							Version {working.version}: {STATUS_WORDS[working.status].toLowerCase()}
							{working.changeReason ? `. Why it changes: ${working.changeReason}` : ''}.
						</p>
						{Object.keys(working.selfAssessment).length > 0 ? (
							<>
								<h3 className="mt-4 text-lg font-bold">About them</h3>
								<dl className="mt-1">
									{SELF_ASSESSMENT.filter((q) => working.selfAssessment[q.key]).map((q) => (
										<div key={q.key} className="mt-1">
											<dt className="font-semibold">{q.question}</dt>
											<dd className="whitespace-pre-line">{working.selfAssessment[q.key]}</dd>
										</div>
									))}
								</dl>
							</>
						) : null}
						<h3 className="mt-4 text-lg font-bold">What matters to them</h3>
						<p className="whitespace-pre-line">{working.whatMatters ?? 'Not written yet.'}</p>
						<h3 className="mt-4 text-lg font-bold">What they want to change</h3>
						<ol className="list-decimal pl-6">
							{working.planOutcomes.map((o) => (
								<li key={o.id}>{o.text}</li>
							))}
						</ol>
						<h3 className="mt-4 text-lg font-bold">Who helps them</h3>
						<p className="whitespace-pre-line">{working.whoHelps ?? 'Not written yet.'}</p>
						<h3 className="mt-4 text-lg font-bold">How the money is used</h3>
						<ul className="list-disc pl-6">
							{working.lines.map((l) => (
								<li key={l.id}>
									{l.name}: {money(l.amountPence)}
								</li>
							))}
						</ul>
						{working.question ? (
							<div className="mt-4 rounded border-2 border-gray-300 p-3">
								<p>
									<strong>Your question:</strong> {working.question}
								</p>
								<p className="mt-1">
									<strong>Their answer:</strong> {working.answer ?? 'Not answered yet.'}
								</p>
							</div>
						) : null}
						{working.status === 'SUBMITTED' ? (
							<div className="mt-4 space-y-4">
								<Form method="post" className="rounded border-2 border-gray-300 p-4">
									<CsrfInput />
									<fieldset>
										<legend className="font-semibold">Ring-fence a line? (you do not have to)</legend>
										<p className="mt-1" id="ring-fence-hint">
											A ring-fenced line’s money can only be spent on that line. Leave them all unticked unless it must
											be so: everything else in the plan is theirs to use as they choose.
										</p>
										{errors.ringFence ? (
											<p id="ringFence-error" className="mt-1 font-semibold text-red-700">
												{errors.ringFence.join(' ')}
											</p>
										) : null}
										{working.lines.map((l) => (
											<div key={l.id} className="mt-2 flex items-start gap-2">
												<input
													type="checkbox"
													id={`ring-fence-${l.id}`}
													name="ringFence"
													value={l.id}
													defaultChecked={l.ringFenced}
													aria-describedby="ring-fence-hint"
													className="mt-1.5 h-5 w-5"
												/>
												<label htmlFor={`ring-fence-${l.id}`}>
													Keep the {money(l.amountPence)} for “{l.name}” for that only
												</label>
											</div>
										))}
									</fieldset>
									<Button type="submit" name="intent" value="agree">
										Agree the plan
									</Button>
								</Form>
								{!working.questionedAt ? (
									<Form method="post" className="rounded border-2 border-gray-300 p-4">
										<CsrfInput />
										<TextareaField
											label="Or ask one question"
											hint="Ask the one thing you need to know before you agree. You can ask only one."
											errors={errors.question}
											textareaProps={{
												id: 'question',
												name: 'question',
												rows: 3,
												defaultValue: typed(reply, 'question', ''),
											}}
										/>
										<Button type="submit" name="intent" value="question">
											Send the question
										</Button>
									</Form>
								) : null}
							</div>
						) : null}
					</>
				)}
			</Section>

			<Section headingId="current-heading" title="Plan in force" className="mt-8">
				{current ? (
					<>
						<p className="mt-2">
							Version {current.version}, agreed{' '}
							{current.agreedAt ? formatDay(current.agreedAt) : formatDay(current.startsOn)}.
						</p>
						<Form method="post" className="mt-3">
							<CsrfInput />
							<Button type="submit" name="intent" value="request-review">
								Ask them for a review now
							</Button>
						</Form>
					</>
				) : (
					<p className="mt-2">No plan is agreed yet.</p>
				)}
			</Section>

			<Section headingId="reviews-heading" title="Reviews" className="mt-8">
				{reviews.length === 0 ? <p className="mt-2">None yet.</p> : null}
				{reviews.map((r) => (
					<div key={r.id} className="mt-4 rounded border border-gray-300 p-3">
						<h3 className="text-lg font-bold">
							{r.completedAt
								? `Done ${formatDay(r.completedAt)} (version ${r.plan.version})`
								: `${reviewState(new Date(r.dueOn), new Date(today)) === 'overdue' ? 'Overdue since' : 'Due on'} ${formatDay(r.dueOn)}`}
						</h3>
						{r.ratings.length > 0 ? (
							<ul className="mt-1 list-disc pl-6">
								{r.ratings.map((x) => (
									<li key={x.outcome.text}>
										{x.outcome.text}: {ratingWords(x.score)} ({x.score} of 5){x.comment ? `. “${x.comment}”` : ''}
									</li>
								))}
							</ul>
						) : null}
						{r.whatWorked ? <p className="mt-1">Working well: {r.whatWorked}</p> : null}
						{r.whatToChange ? <p className="mt-1">To change: {r.whatToChange}</p> : null}
						<Form method="post" className="mt-2">
							<CsrfInput />
							<input type="hidden" name="reviewId" value={r.id} />
							<TextareaField
								label={
									<>
										Your notes
										<span className="sr-only">
											{' '}
											on the review {r.completedAt ? 'done' : 'due'} {formatDay(r.completedAt ?? r.dueOn)}
										</span>
									</>
								}
								textareaProps={{ id: `notes-${r.id}`, name: 'notes', rows: 2, defaultValue: r.funderNotes ?? '' }}
							/>
							<Button type="submit" name="intent" value="notes">
								Save notes
							</Button>
						</Form>
					</div>
				))}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
