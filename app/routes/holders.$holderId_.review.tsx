import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanErrorSummary, RatingScale, errorsOf, fieldId, typed } from '#app/components/plans.tsx'
import { Button, CsrfInput, RadioGroup, TextareaField } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { completeReview, reviewPage } from '#app/domain/plans/reviews.server.ts'
import { ratingWords } from '#app/domain/plans/rules.ts'
import { reviewFormSchema } from '#app/domain/plans/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'How is your plan going? | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json(await orErrorPage(() => reviewPage(user, params.holderId ?? '')))
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const page = await orErrorPage(() => reviewPage(user, holderId))
	const ids = page.plan?.planOutcomes.map((o) => o.id) ?? []
	const parsed = parseSubmission(formData, reviewFormSchema(ids))
	if (!parsed.ok) return parsed.response
	const outcome = await attempt(() => completeReview(user, holderId, parsed.value))
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return outcome.value.newPlanId
		? redirect(`/holders/${holderId}/plan/what-matters`)
		: redirect(`/holders/${holderId}/review?done=1`)
}

export default function ReviewPage() {
	const { holder, plan, open, canDo, done, spending, state } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const errors = errorsOf(reply)
	const you = holder.isSelf ? 'you' : holder.displayName
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/holders/${holder.id}/plan`}>Back to the plan</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">
				How is {holder.isSelf ? 'your' : `${holder.displayName}’s`} plan going?
			</h1>
			{searchParams.get('done') ? (
				<Notice>Thank you. The review is saved and {holder.funderName} can read it.</Notice>
			) : null}
			<PlanErrorSummary reply={reply} />
			{!plan ? (
				<p className="mt-4">There is no agreed plan to review yet.</p>
			) : (
				<>
					<Section headingId="spending-heading" title="What the money went on" className="mt-6">
						<table className="mt-2 w-full text-left">
							<caption className="sr-only">Spending on each budget line</caption>
							<thead>
								<tr className="border-b-2 border-gray-800">
									<th scope="col" className="py-1">
										Line
									</th>
									<th scope="col" className="py-1 text-right">
										Planned
									</th>
									<th scope="col" className="py-1 text-right">
										Spent
									</th>
									<th scope="col" className="py-1 text-right">
										Set aside
									</th>
								</tr>
							</thead>
							<tbody>
								{spending.map((l) => (
									<tr key={l.id} className="border-b border-gray-300">
										<th scope="row" className="py-1 font-normal">
											{l.name}
										</th>
										<td className="py-1 text-right">{formatMoney(l.amountPence, holder.currency)}</td>
										<td className="py-1 text-right">{formatMoney(l.spent, holder.currency)}</td>
										<td className="py-1 text-right">{formatMoney(l.held, holder.currency)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</Section>

					{open && !canDo ? (
						<Form method="post" action={`/holders/${holder.id}/plan`} className="mt-8">
							<CsrfInput />
							<p>
								The next review is due on {formatDay(open.dueOn)}. To talk about the plan sooner, ask for a review now.
							</p>
							<Button type="submit" name="intent" value="request-review" className="mt-3">
								Ask for a review now
							</Button>
						</Form>
					) : open ? (
						<Form method="post" className="mt-8">
							<CsrfInput />
							<h2 className="text-2xl font-bold">
								{state === 'overdue'
									? `Review: overdue since ${formatDay(open.dueOn)}`
									: `Review due on ${formatDay(open.dueOn)}`}
							</h2>
							<p className="mt-1">
								For each thing in the plan, choose how well it is going, and add a few words if {you} want.
							</p>
							{plan.planOutcomes.map((o, i) => (
								<div key={o.id} className="mt-6 rounded border-2 border-gray-300 p-4">
									<h3 className="text-xl font-bold">{o.text}</h3>
									<input type="hidden" name={`ratings[${i}].outcomeId`} value={o.id} />
									<RatingScale
										name={`ratings[${i}].score`}
										id={fieldId(`ratings[${i}].score`)}
										legend={
											<>
												How well is this going?<span className="sr-only"> ({o.text})</span>
											</>
										}
										defaultValue={Number(typed(reply, `ratings[${i}].score`, '')) || undefined}
										errors={errors[`ratings[${i}].score`]}
									/>
									<TextareaField
										label={
											<>
												Anything to say about it?<span className="sr-only"> ({o.text})</span>
											</>
										}
										errors={errors[`ratings[${i}].comment`]}
										textareaProps={{
											id: fieldId(`ratings[${i}].comment`),
											name: `ratings[${i}].comment`,
											rows: 2,
											defaultValue: typed(reply, `ratings[${i}].comment`, ''),
										}}
									/>
								</div>
							))}
							<div className="mt-6">
								<TextareaField
									label="What is working well?"
									errors={errors.whatWorked}
									textareaProps={{
										id: 'whatWorked',
										name: 'whatWorked',
										rows: 3,
										defaultValue: typed(reply, 'whatWorked', ''),
									}}
								/>
								<TextareaField
									label="What would you change?"
									errors={errors.whatToChange}
									textareaProps={{
										id: 'whatToChange',
										name: 'whatToChange',
										rows: 3,
										defaultValue: typed(reply, 'whatToChange', ''),
									}}
								/>
								<RadioGroup
									id="change"
									name="change"
									legend="Do you want to change the plan now?"
									defaultValue={typed(reply, 'change', '')}
									errors={errors.change}
									options={[
										{ value: 'no', label: 'No, keep the plan as it is' },
										{ value: 'yes', label: 'Yes, start a new version of the plan' },
									]}
								/>
							</div>
							<Button type="submit">Save the review</Button>
						</Form>
					) : (
						<p className="mt-6">No review is waiting.</p>
					)}

					{done.length > 0 ? (
						<Section headingId="done-heading" title="Reviews done" className="mt-10">
							{done.map((r) => (
								<div key={r.id} className="mt-4 border-b border-gray-300 pb-3">
									<h3 className="text-lg font-bold">
										{r.completedAt ? formatDay(r.completedAt) : formatDay(r.dueOn)} (plan version {r.plan.version})
									</h3>
									<ul className="mt-1 list-disc pl-6">
										{r.ratings.map((x) => (
											<li key={x.outcome.text}>
												{x.outcome.text}: {ratingWords(x.score)} ({x.score} of 5){x.comment ? `. “${x.comment}”` : ''}
											</li>
										))}
									</ul>
									{r.whatWorked ? <p className="mt-1">Working well: {r.whatWorked}</p> : null}
									{r.whatToChange ? <p className="mt-1">To change: {r.whatToChange}</p> : null}
									{r.funderNotes ? (
										<p className="mt-1">
											Notes from {holder.funderName}: {r.funderNotes}
										</p>
									) : null}
								</div>
							))}
						</Section>
					) : null}
				</>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
