/**
 * Small pieces the plan pages share (issue 11): the errors of a plain form's reply, what was typed, the rating
 * scale as a radio group with pictures and words, and the money in plain words.
 */
import { type SubmissionResult } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { ErrorList, ErrorSummary } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { RATING_SCALE } from '#app/domain/plans/rules.ts'
import { formatDay } from '#app/utils/dates.ts'

export type Reply = { result?: SubmissionResult<string[]> } | undefined

/** The reply's errors by field name ('' is the form's own). */
export function errorsOf(reply: Reply): Record<string, string[]> {
	const out: Record<string, string[]> = {}
	for (const [k, v] of Object.entries(reply?.result?.error ?? {})) if (v && v.length) out[k] = v
	return out
}

/** What the person typed into `name` before the page said no, else `fallback`. */
export function typed(reply: Reply, name: string, fallback: string | null | undefined): string {
	const v = reply?.result?.initialValue?.[name]
	return typeof v === 'string' ? v : (fallback ?? '')
}

/** The element id for a field name ("lines[0].amount" → "lines-0--amount"), as the error summary links to it. */
export function fieldId(name: string): string {
	return name.replace(/[[\].]/g, '-')
}

/** The error summary of a plain form: the form's errors, then each field's, linking to `fieldIds[name]` (or `name`). */
export function PlanErrorSummary({ reply, fieldIds = {} }: { reply: Reply; fieldIds?: Record<string, string> }) {
	const errors = errorsOf(reply)
	const { '': formErrors, ...fieldErrors } = errors
	const ids = Object.fromEntries(Object.keys(fieldErrors).map((k) => [k, fieldIds[k] ?? fieldId(k)]))
	return <ErrorSummary formErrors={formErrors} fieldErrors={fieldErrors} fieldIds={ids} />
}

/** "How well is this going?": five choices, each a face and words; keyboard and screen reader as native radios. */
export function RatingScale({
	name,
	legend,
	id,
	defaultValue,
	errors,
}: {
	name: string
	legend: React.ReactNode
	id: string
	defaultValue?: number
	errors?: string[]
}) {
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<fieldset id={id} tabIndex={-1} aria-describedby={errorId} className="mt-3">
			<legend className="font-semibold">{legend}</legend>
			<ErrorList id={errorId} errors={errors} />
			<div className="mt-2 flex flex-wrap gap-2">
				{RATING_SCALE.map((r) => (
					<div key={r.score}>
						<input
							type="radio"
							id={`${id}-${r.score}`}
							name={name}
							value={r.score}
							defaultChecked={defaultValue === r.score}
							className="peer sr-only"
						/>
						<label
							htmlFor={`${id}-${r.score}`}
							className="flex w-28 cursor-pointer flex-col items-center rounded border-2 border-gray-400 p-2 text-center peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-focus-visible:outline peer-focus-visible:outline-4 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700"
						>
							<span aria-hidden="true" className="text-3xl">
								{r.face}
							</span>
							<span>
								{r.score}: {r.words}
							</span>
						</label>
					</div>
				))}
			</div>
		</fieldset>
	)
}

type Summary = {
	budgetPence: number | null
	paidHow: string | null
	currency: string
	working: { status: string; version: number } | null
	hasAgreedPlan: boolean
	review: { dueOn: string | Date; state: 'not-due' | 'due' | 'overdue'; requestedBy: string | null } | null
}

/**
 * The money first, in plain words, then where the plan is and what to do next, with the links to do it. `you` is
 * "you" for the holder, or their name for someone helping; `canPlan` shows the links to write and review.
 */
export function PlanSummary({
	summary,
	holderId,
	funderName,
	you,
	canPlan,
}: {
	summary: Summary
	holderId: string
	funderName: string
	you: string
	canPlan: boolean
}) {
	const self = you === 'you'
	const money = summary.budgetPence !== null ? formatMoney(summary.budgetPence, summary.currency) : null
	const next = (() => {
		const w = summary.working
		if (w?.status === 'QUESTIONED')
			return `${funderName} has asked one question about the plan. Answer it to send the plan back.`
		if (w?.status === 'SUBMITTED') return `The plan is waiting for ${funderName} to agree it.`
		if (w?.status === 'DRAFT')
			return w.version > 1
				? 'A change to the plan is being written.'
				: 'The plan is being written. Carry on where you stopped.'
		if (summary.review?.state === 'overdue')
			return `The review of how the plan is going is overdue: it was due on ${formatDay(summary.review.dueOn)}.`
		if (summary.review?.state === 'due')
			return `A review of how the plan is going is due on ${formatDay(summary.review.dueOn)}.`
		if (summary.hasAgreedPlan)
			return summary.review
				? `The plan is agreed. The next review is on ${formatDay(summary.review.dueOn)}.`
				: 'The plan is agreed.'
		return money
			? `Next step: write ${self ? 'your' : 'the'} plan.`
			: `${funderName} will tell ${you} the budget, then ${you} write the plan.`
	})()
	const reviewDue = summary.review && summary.review.state !== 'not-due' && !summary.working
	return (
		<div className="mt-3 rounded border-2 border-brand-700 p-4">
			<p className="text-lg">
				{money ? (
					<>
						{self ? 'Your' : 'The'} budget: <strong>{money} a year</strong>
						{summary.paidHow ? `, paid as: ${summary.paidHow.toLowerCase()}` : ''}.
					</>
				) : (
					`${funderName} has not said how much money ${you} will have yet.`
				)}
			</p>
			<p className="mt-1">{next}</p>
			{canPlan ? (
				<p className="mt-2 flex flex-wrap gap-x-6">
					<Link to={`/holders/${holderId}/plan`} className={linkClass}>
						{summary.working || summary.hasAgreedPlan
							? self
								? 'Your plan'
								: 'The plan'
							: self
								? 'Start your plan'
								: 'Start the plan'}
					</Link>
					{reviewDue ? (
						<Link to={`/holders/${holderId}/review`} className={linkClass}>
							Do the review
						</Link>
					) : null}
				</p>
			) : null}
		</div>
	)
}

/** What the plan still lacks, each a link to the step that asks for it. */
export function PlanGaps({ holderId, gaps }: { holderId: string; gaps: { step: string; message: string }[] }) {
	return (
		<ul className="mt-1 list-disc pl-6">
			{gaps.map((g) => (
				<li key={g.step}>
					<Link to={`/holders/${holderId}/plan/${g.step}`} className={linkClass}>
						{g.message}
					</Link>
				</li>
			))}
		</ul>
	)
}
