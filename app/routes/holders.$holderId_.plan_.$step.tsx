import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanErrorSummary, PlanGaps, errorsOf, fieldId, typed } from '#app/components/plans.tsx'
import { Button, CsrfInput, ErrorList, Field, SelectField, TextareaField } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { formatMoney, toDecimal } from '#app/domain/money/amounts.ts'
import { saveStep, stepPage, submitPlan, type StepValue } from '#app/domain/plans/plans.server.ts'
import {
	isPlanStep,
	leftToPlace,
	MAX_LINES,
	MAX_OUTCOMES,
	nextStep,
	PLAN_STEPS,
	previousStep,
	SELF_ASSESSMENT,
	STATUS_WORDS,
	STEP_TITLES,
	type PlanStep,
} from '#app/domain/plans/rules.ts'
import {
	aboutMeSchema,
	linesFormSchema,
	outcomesSchema,
	submitSchema,
	whatMattersSchema,
	whoHelpsSchema,
} from '#app/domain/plans/schemas.ts'
import { categories } from '#app/domain/reference/categories.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{
		title: data ? `${STEP_TITLES[data.step]} | Your support plan | Budget Market` : 'Your support plan | Budget Market',
	},
]

function stepOf(params: { step?: string }): PlanStep {
	const step = params.step ?? ''
	if (!isPlanStep(step)) throw new Response('Not found', { status: 404, statusText: 'Not found' })
	return step
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const step = stepOf(params)
	return json(await orErrorPage(() => stepPage(user, params.holderId ?? '', step)))
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const step = stepOf(params)
	const page = await orErrorPage(() => stepPage(user, holderId, step))
	const here = `/holders/${holderId}/plan`
	const next = (s: PlanStep) => `${here}/${nextStep(s) ?? 'check'}`
	if (step === 'check') {
		const parsed = parseSubmission(formData, submitSchema)
		if (!parsed.ok) return parsed.response
		const outcome = await attempt(() => submitPlan(user, holderId))
		if (!outcome.ok) return refusal(parsed.submission, outcome.error)
		return redirect(`${here}?done=sent`)
	}
	let value: StepValue
	let stay = false
	let submission
	switch (step) {
		case 'about-me': {
			const parsed = parseSubmission(formData, aboutMeSchema)
			if (!parsed.ok) return parsed.response
			submission = parsed.submission
			value = { step, answers: parsed.value }
			break
		}
		case 'what-matters': {
			const parsed = parseSubmission(formData, whatMattersSchema)
			if (!parsed.ok) return parsed.response
			submission = parsed.submission
			value = { step, whatMatters: parsed.value.whatMatters }
			break
		}
		case 'outcomes': {
			const parsed = parseSubmission(formData, outcomesSchema)
			if (!parsed.ok) return parsed.response
			submission = parsed.submission
			value = { step, outcomes: parsed.value.outcomes }
			break
		}
		case 'who-helps': {
			const parsed = parseSubmission(formData, whoHelpsSchema)
			if (!parsed.ok) return parsed.response
			submission = parsed.submission
			value = { step, whoHelps: parsed.value.whoHelps }
			break
		}
		case 'budget': {
			const parsed = parseSubmission(formData, linesFormSchema(page.holder.currency))
			if (!parsed.ok) return parsed.response
			submission = parsed.submission
			value = { step, lines: parsed.value.lines }
			stay = parsed.value.intent === 'stay'
			break
		}
	}
	const outcome = await attempt(() => saveStep(user, holderId, value))
	if (!outcome.ok) return refusal(submission, outcome.error)
	return redirect(stay ? `${here}/${step}#left-heading` : next(step))
}

export default function PlanStepPage() {
	const { holder, step, plan, selfAssessment, canStart } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const errors = errorsOf(reply)
	const you = holder.isSelf ? 'you' : holder.displayName
	const number = PLAN_STEPS.indexOf(step) + 1
	const back = previousStep(step)
	const canWrite = plan ? plan.editable : step === 'about-me' && canStart
	return (
		<div className="max-w-3xl">
			<LinkLine to={back ? `/holders/${holder.id}/plan/${back}` : `/holders/${holder.id}/plan`}>Back</LinkLine>
			<p className="mt-2 text-gray-700">
				Step {number} of {PLAN_STEPS.length}
				{holder.isSelf ? '' : ` · ${holder.displayName}’s plan`}
			</p>
			<h1 className="text-3xl font-bold">{STEP_TITLES[step]}</h1>
			<PlanErrorSummary reply={reply} />
			{!canWrite ? (
				<p className="mt-4">
					{plan
						? `The plan is ${STATUS_WORDS[plan.status].toLowerCase()}, so it cannot be changed now. `
						: 'There is no plan being written. '}
					<Link to={`/holders/${holder.id}/plan`} className={linkClass}>
						Go to the plan
					</Link>
				</p>
			) : (
				<Form method="post" className="mt-4">
					<CsrfInput />
					<StepFields
						step={step}
						plan={plan}
						selfAssessment={selfAssessment}
						reply={reply}
						errors={errors}
						you={you}
						holder={holder}
					/>
					{step === 'check' ? (
						plan && plan.status === 'DRAFT' ? (
							<Button type="submit" name="intent" value="submit" className="mt-6">
								Send the plan to {holder.funderName} to agree
							</Button>
						) : plan ? (
							<LinkLine to={`/holders/${holder.id}/plan`} className="mt-6">
								Answer the question and send the plan back
							</LinkLine>
						) : null
					) : (
						<div className="mt-6 flex flex-wrap items-center gap-4">
							<Button type="submit">Save and continue</Button>
							<Link to={`/holders/${holder.id}/plan`} className={linkClass}>
								Stop for now (what you saved is kept)
							</Link>
						</div>
					)}
				</Form>
			)}
		</div>
	)
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function StepFields({
	step,
	plan,
	selfAssessment,
	reply,
	errors,
	you,
	holder,
}: {
	step: PlanStep
	plan: Data['plan']
	selfAssessment: Record<string, string>
	reply: ReturnType<typeof useActionData<typeof action>>
	errors: Record<string, string[]>
	you: string
	holder: Data['holder']
}) {
	switch (step) {
		case 'about-me':
			return (
				<>
					<p className="mb-4">
						A few questions to help {you} think. Answer what {you} want to; {you} can leave any out. Someone who helps
						can write the answers with {you}.
					</p>
					{SELF_ASSESSMENT.map((q) => (
						<TextareaField
							key={q.key}
							label={q.question}
							errors={errors[q.key]}
							textareaProps={{
								id: q.key,
								name: q.key,
								rows: 3,
								defaultValue: typed(reply, q.key, selfAssessment[q.key]),
							}}
						/>
					))}
				</>
			)
		case 'what-matters':
			return (
				<TextareaField
					label={`What matters to ${you}?`}
					hint="The people, places and things that make life good. Write it in your own words."
					errors={errors.whatMatters}
					textareaProps={{
						id: 'whatMatters',
						name: 'whatMatters',
						rows: 6,
						defaultValue: typed(reply, 'whatMatters', plan?.whatMatters),
					}}
				/>
			)
		case 'outcomes':
			return (
				<fieldset id="outcomes" tabIndex={-1} aria-describedby={errors.outcomes ? 'outcomes-error' : undefined}>
					<legend className="font-semibold">What do {you} want to change or keep? Write 3 to 5 things.</legend>
					<p className="mt-1 text-gray-700">For example: “Go to the football with my brother every month”.</p>
					<ErrorList id="outcomes-error" errors={errors.outcomes} />
					{Array.from({ length: MAX_OUTCOMES }, (_, i) => (
						<Field
							key={i}
							label={`Thing ${i + 1}${i >= 3 ? ' (if you want)' : ''}`}
							errors={errors[`outcomes[${i}]`]}
							inputProps={{
								id: fieldId(`outcomes[${i}]`),
								name: `outcomes[${i}]`,
								defaultValue: typed(reply, `outcomes[${i}]`, plan?.planOutcomes[i]?.text),
							}}
						/>
					))}
				</fieldset>
			)
		case 'who-helps':
			return (
				<TextareaField
					label={`Who helps ${you}?`}
					hint="Family, friends, neighbours, groups, paid staff. Say what they do. If nobody does yet, say so."
					errors={errors.whoHelps}
					textareaProps={{
						id: 'whoHelps',
						name: 'whoHelps',
						rows: 6,
						defaultValue: typed(reply, 'whoHelps', plan?.whoHelps),
					}}
				/>
			)
		case 'budget':
			return <BudgetFields plan={plan} reply={reply} errors={errors} holder={holder} you={you} />
		case 'check':
			return <CheckPlan plan={plan} holder={holder} you={you} />
	}
}

function BudgetFields({
	plan,
	reply,
	errors,
	holder,
	you,
}: {
	plan: Data['plan']
	reply: ReturnType<typeof useActionData<typeof action>>
	errors: Record<string, string[]>
	holder: Data['holder']
	you: string
}) {
	const lines = plan?.lines ?? []
	const budget = holder.indicativeBudgetPence
	const left = budget === null ? null : leftToPlace(budget, lines)
	const rows = Math.min(MAX_LINES, Math.max(3, lines.length + 2))
	return (
		<>
			<div className="rounded border-2 border-brand-700 p-4" aria-live="polite">
				<h2 id="left-heading" className="text-xl font-bold">
					{budget === null
						? `${holder.funderName} has not told ${you} the budget yet`
						: `Budget: ${formatMoney(budget, holder.currency)} a year`}
				</h2>
				{left !== null ? (
					<p className="mt-1 text-lg">
						{left === 0
							? 'All of it is placed. Well done.'
							: left > 0
								? `Left to place: ${formatMoney(left, holder.currency)}`
								: `The lines come to ${formatMoney(-left, holder.currency)} more than the budget. Take some off.`}
					</p>
				) : null}
			</div>
			<p className="mt-4">
				Say what the money is for. Choose a kind of support, or write it in {you === 'you' ? 'your' : 'their'} own
				words, or both. Leave a row empty if {you} do not need it.
			</p>
			{Array.from({ length: rows }, (_, i) => {
				const line = lines[i]
				const name = `lines[${i}]`
				return (
					<fieldset key={i} className="mt-4 rounded border border-gray-300 p-3">
						<legend className="px-1 font-semibold">Line {i + 1}</legend>
						<SelectField
							label="Kind of support"
							errors={errors[`${name}.category`]}
							selectProps={{
								id: fieldId(`${name}.category`),
								name: `${name}.category`,
								defaultValue: typed(reply, `${name}.category`, line?.categorySlug),
							}}
							options={[
								{ value: '', label: 'Choose, or write your own below' },
								...categories.map((c) => ({ value: c.slug, label: c.name })),
							]}
						/>
						<Field
							label="In your own words"
							errors={errors[`${name}.name`]}
							inputProps={{
								id: fieldId(`${name}.name`),
								name: `${name}.name`,
								defaultValue: typed(reply, `${name}.name`, line?.name),
							}}
						/>
						<Field
							label={`How much a year (${holder.currency === 'GBP' ? '£' : holder.currency})`}
							errors={errors[`${name}.amount`]}
							inputProps={{
								id: fieldId(`${name}.amount`),
								name: `${name}.amount`,
								inputMode: 'decimal',
								defaultValue: typed(reply, `${name}.amount`, line ? toDecimal(line.amountPence, holder.currency) : ''),
							}}
						/>
					</fieldset>
				)
			})}
			<div className="mt-4">
				<button
					type="submit"
					name="intent"
					value="stay"
					className="rounded border-2 border-brand-700 px-4 py-2 font-semibold text-brand-700"
				>
					Save and show what is left
				</button>
			</div>
		</>
	)
}

function CheckPlan({ plan, holder, you }: { plan: Data['plan']; holder: Data['holder']; you: string }) {
	if (!plan) return null
	const section = (step: PlanStep, title: string, body: React.ReactNode) => (
		<div className="mt-4 border-b border-gray-300 pb-3">
			<h2 className="text-xl font-bold">{title}</h2>
			<div className="mt-1">{body}</div>
			<Link to={`/holders/${holder.id}/plan/${step}`} className={linkClass}>
				Change<span className="sr-only"> {title.toLowerCase()}</span>
			</Link>
		</div>
	)
	return (
		<>
			{plan.gaps.length > 0 ? (
				<div className="border-4 border-red-700 p-4">
					<h2 className="text-lg font-bold">Before {you} can send it</h2>
					<PlanGaps holderId={holder.id} gaps={plan.gaps} />
				</div>
			) : null}
			{section(
				'what-matters',
				'What matters',
				<p className="whitespace-pre-line">{plan.whatMatters || 'Not written yet.'}</p>,
			)}
			{section(
				'outcomes',
				'What to change',
				<ol className="list-decimal pl-6">
					{plan.planOutcomes.map((o) => (
						<li key={o.id}>{o.text}</li>
					))}
				</ol>,
			)}
			{section('who-helps', 'Who helps', <p className="whitespace-pre-line">{plan.whoHelps || 'Not written yet.'}</p>)}
			{section(
				'budget',
				'How the money is used',
				<ul className="list-disc pl-6">
					{plan.lines.map((l) => (
						<li key={l.id}>
							{l.name}: {formatMoney(l.amountPence, holder.currency)}
						</li>
					))}
				</ul>,
			)}
		</>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
