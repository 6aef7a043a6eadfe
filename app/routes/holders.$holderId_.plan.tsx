import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanErrorSummary, PlanGaps, errorsOf, typed } from '#app/components/plans.tsx'
import { Button, CsrfInput, TextareaField } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { useOutcome } from '#app/components/ui/use-outcome.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { answerQuestion, planPage, startPlan, submitPlan } from '#app/domain/plans/plans.server.ts'
import { requestReview } from '#app/domain/plans/reviews.server.ts'
import { reviewState, STATUS_WORDS } from '#app/domain/plans/rules.ts'
import { answerSchema, changeSchema } from '#app/domain/plans/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your support plan | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return json(await orErrorPage(() => planPage(user, params.holderId ?? '')))
}

const actionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('start') }),
	z.object({ intent: z.literal('change') }).merge(changeSchema),
	z.object({ intent: z.literal('submit') }),
	z.object({ intent: z.literal('answer') }).merge(answerSchema),
	z.object({ intent: z.literal('request-review') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	await orErrorPage(() => planPage(user, holderId))
	const parsed = parseSubmission(formData, actionSchema)
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	const outcome = await attempt(async () => {
		switch (value.intent) {
			case 'start':
				await startPlan(user, holderId)
				return `/holders/${holderId}/plan/about-me`
			case 'change':
				await startPlan(user, holderId, { reason: value.reason })
				return `/holders/${holderId}/plan/what-matters`
			case 'submit':
				await submitPlan(user, holderId)
				return `/holders/${holderId}/plan?done=sent`
			case 'answer':
				await answerQuestion(user, holderId, value.answer)
				return `/holders/${holderId}/plan?done=answered`
			case 'request-review':
				await requestReview(user, holderId)
				return `/holders/${holderId}/review`
		}
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(outcome.value)
}

const DONE: Record<string, string> = {
	sent: 'Your plan has been sent. Your funder will agree it or ask you one question.',
	answered: 'Your answer has been sent with your plan.',
}

export default function PlanPage() {
	const { holder, working, current, history, openReview, today } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const { done } = useOutcome(DONE)
	const errors = errorsOf(reply)
	const you = holder.isSelf ? 'you' : holder.displayName
	const your = holder.isSelf ? 'your' : `${holder.displayName}’s`
	return (
		<div className="max-w-3xl">
			<LinkLine to={`/holders/${holder.id}`}>Back to budget and plan</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">
				{holder.isSelf ? 'Your support plan' : `${holder.displayName}’s support plan`}
			</h1>
			{done ? <Notice>{done}</Notice> : null}
			<PlanErrorSummary reply={reply} fieldIds={{ answer: 'answer', reason: 'reason' }} />

			<Section
				headingId="money-heading"
				title={holder.isSelf ? 'Your money' : `${holder.displayName}’s money`}
				className="mt-6 rounded border-2 border-brand-700 p-4"
			>
				{holder.indicativeBudgetPence !== null ? (
					<p className="mt-2 text-lg">
						{holder.funderName} expects to give {you}{' '}
						<strong>{formatMoney(holder.indicativeBudgetPence, holder.currency)} a year</strong>. How it is paid:{' '}
						{holder.budgetPaidHow?.toLowerCase() ?? 'not said yet'}.
					</p>
				) : (
					<p className="mt-2">
						{holder.funderName} has not said how much money {you} will have yet. You can start the plan now and add the
						money when they tell you.
					</p>
				)}
			</Section>

			{working ? (
				<Section
					headingId="working-heading"
					title={working.version > 1 ? `Version ${working.version}: the change being made` : 'The plan being written'}
					className="mt-8"
				>
					<p className="mt-2">Where it is: {STATUS_WORDS[working.status]}.</p>
					{working.status === 'QUESTIONED' ? (
						<Form method="post" className="mt-4 rounded border-2 border-gray-300 p-4">
							<CsrfInput />
							<h3 className="text-xl font-bold">{holder.funderName} asks:</h3>
							<p className="mt-1 whitespace-pre-line">{working.question}</p>
							<TextareaField
								label="Your answer"
								hint="You can also change the plan before you answer, using the links below."
								errors={errors.answer}
								textareaProps={{ id: 'answer', name: 'answer', rows: 4, defaultValue: typed(reply, 'answer', '') }}
							/>
							<Button type="submit" name="intent" value="answer">
								Send the answer and the plan
							</Button>
						</Form>
					) : null}
					{working.status === 'SUBMITTED' ? (
						<p className="mt-2">
							Sent on {working.submittedAt ? formatDay(working.submittedAt) : 'the day it was sent'}.{' '}
							{holder.funderName} will agree it or ask one question.
						</p>
					) : null}
					{working.status === 'DRAFT' || working.status === 'QUESTIONED' ? (
						<>
							<p className="mt-4">Everything is saved as you go: you can stop and come back at any time.</p>
							<ul className="mt-2 space-y-1">
								<li>
									<Link to={`/holders/${holder.id}/plan/about-me`} className={linkClass}>
										{working.status === 'DRAFT' ? 'Carry on writing the plan' : 'Change the plan'}
									</Link>
								</li>
								<li>
									<Link to={`/holders/${holder.id}/plan/check`} className={linkClass}>
										Check the plan{working.status === 'DRAFT' ? ' and send it' : ''}
									</Link>
								</li>
							</ul>
							{working.gaps.length > 0 ? (
								<>
									<h3 className="mt-4 text-lg font-bold">Still to do</h3>
									<PlanGaps holderId={holder.id} gaps={working.gaps} />
								</>
							) : null}
						</>
					) : null}
				</Section>
			) : null}

			<Section headingId="agreed-heading" title="The agreed plan" className="mt-8">
				{current ? (
					<>
						<p className="mt-2">
							Version {current.version}, agreed on{' '}
							{current.agreedAt ? formatDay(current.agreedAt) : formatDay(current.startsOn)}. Spend the money as the
							plan says: nobody needs to approve each thing {you} buy.
						</p>
						<h3 className="mt-4 text-lg font-bold">What {you} want to change</h3>
						<ol className="mt-1 list-decimal pl-6">
							{current.planOutcomes.map((o) => (
								<li key={o.id}>{o.text}</li>
							))}
						</ol>
						<h3 className="mt-4 text-lg font-bold">How the money is used</h3>
						<ul className="mt-1 list-disc pl-6">
							{current.lines.map((l) => (
								<li key={l.id}>
									{l.name}: {formatMoney(l.amountPence, holder.currency)}
									{l.ringFenced ? ' (kept for this only)' : ''}
								</li>
							))}
						</ul>
						{openReview ? (
							<p className="mt-4">
								{reviewState(new Date(openReview.dueOn), new Date(today)) === 'overdue'
									? `The review of how it is going was due on ${formatDay(openReview.dueOn)}: it is overdue. `
									: `The next review of how it is going is due on ${formatDay(openReview.dueOn)}. `}
								<Link to={`/holders/${holder.id}/review`} className={linkClass}>
									Do the review
								</Link>
							</p>
						) : null}
						<Form method="post" className="mt-4">
							<CsrfInput />
							<Button type="submit" name="intent" value="request-review">
								Ask for a review now
							</Button>
						</Form>
						{!working ? (
							<Form method="post" className="mt-6 rounded border-2 border-gray-300 p-4">
								<CsrfInput />
								<h3 className="text-xl font-bold">Change the plan</h3>
								<p className="mt-1">
									A change makes a new version. The agreed plan stays as it is until {holder.funderName} agrees the new
									one, and money already set aside for bookings stays set aside.
								</p>
								<TextareaField
									label="What do you want to change?"
									errors={errors.reason}
									textareaProps={{ id: 'reason', name: 'reason', rows: 3, defaultValue: typed(reply, 'reason', '') }}
								/>
								<Button type="submit" name="intent" value="change">
									Start a new version
								</Button>
							</Form>
						) : null}
					</>
				) : (
					<>
						<p className="mt-2">There is no agreed plan yet.</p>
						{!working ? (
							<div className="mt-4">
								<p>
									The plan says what matters to {you}, what {you} want to change, who helps, and how the money will be
									used. It takes a few short pages. Everything is saved as {you} go.
								</p>
								<Link
									to={`/holders/${holder.id}/plan/about-me`}
									className="mt-3 inline-block rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
								>
									Start {your} plan
								</Link>
							</div>
						) : null}
					</>
				)}
			</Section>

			{history.length > 1 ? (
				<Section headingId="history-heading" title="Versions of the plan" className="mt-8">
					<ul className="mt-2 space-y-1">
						{history.map((h) => (
							<li key={h.id}>
								Version {h.version}: {STATUS_WORDS[h.status]}
								{h.agreedAt ? `, agreed ${formatDay(h.agreedAt)}` : ''}
								{h.replacedAt ? `, replaced ${formatDay(h.replacedAt)}` : ''}
								{h.changeReason ? `. Why: ${h.changeReason}` : ''}
							</li>
						))}
					</ul>
				</Section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
