/**
 * The support plan's life cycle and the review's schedule (issue 11, docs/decisions/022-plans-agreed-once-reviewed-for-outcomes.md).
 * Pure: the server's checks and the pages' buttons both ask this module what is allowed.
 *
 *   DRAFT ──submit──▶ SUBMITTED ──agree──▶ AGREED ──(next version agreed)──▶ REPLACED
 *                        │  ▲                 │
 *                   question  answer          └──end──▶ ENDED
 *                        ▼  │
 *                      QUESTIONED
 *
 * The funder agrees a plan once, or sends back one question; after agreement nothing inside the plan is approved
 * again. A change to an agreed plan is a new DRAFT version; the agreed one stays in force until the new one is
 * agreed, and is then marked REPLACED (its history kept, money already held on its lines stays held).
 */
import type { PlanStatus } from '#app/generated/prisma/enums.ts'

export const MIN_OUTCOMES = 3
export const MAX_OUTCOMES = 5
export const MAX_LINES = 8

/** The guided plan, one question a page, in order. */
export const PLAN_STEPS = ['about-me', 'what-matters', 'outcomes', 'who-helps', 'budget', 'check'] as const
export type PlanStep = (typeof PLAN_STEPS)[number]

export const STEP_TITLES: Record<PlanStep, string> = {
	'about-me': 'About you',
	'what-matters': 'What matters to you',
	outcomes: 'What you want to change',
	'who-helps': 'Who helps you',
	budget: 'How you will use the money',
	check: 'Check your plan and send it',
}

export function isPlanStep(value: string): value is PlanStep {
	return (PLAN_STEPS as readonly string[]).includes(value)
}

export function nextStep(step: PlanStep): PlanStep | null {
	const i = PLAN_STEPS.indexOf(step)
	return PLAN_STEPS[i + 1] ?? null
}

export function previousStep(step: PlanStep): PlanStep | null {
	const i = PLAN_STEPS.indexOf(step)
	return i > 0 ? PLAN_STEPS[i - 1]! : null
}

/** The short supported self-assessment (step 1): plain questions, answered by the person or whoever helps them. */
export const SELF_ASSESSMENT = [
	{ key: 'goodDay', question: 'What does a good day look like for you?' },
	{ key: 'hardNow', question: 'What is hard for you at the moment?' },
	{ key: 'helpNeeded', question: 'What help do you need, and when?' },
	{ key: 'stayingSafe', question: 'Is there anything that worries you about staying safe and well?' },
	{ key: 'howToTalk', question: 'How do you like people to talk with you and share information?' },
] as const
export type SelfAssessmentKey = (typeof SELF_ASSESSMENT)[number]['key']

// ───────────────────────────── What each status allows ─────────────────────────────

/** The person (or a helper with PLAN) may change the plan's answers: while it is a draft or a question waits. */
export function canEdit(status: PlanStatus): boolean {
	return status === 'DRAFT' || status === 'QUESTIONED'
}

/** Sending for agreement: a draft; a questioned plan goes back by answering the question. */
export function canSubmit(status: PlanStatus): boolean {
	return status === 'DRAFT'
}

export function canAnswer(status: PlanStatus): boolean {
	return status === 'QUESTIONED'
}

/** The funder decides once: agree, or ask one question, only while the plan waits for them. */
export function canDecide(status: PlanStatus): boolean {
	return status === 'SUBMITTED'
}

/** A change to the plan starts a new version only from the agreed plan in force. */
export function canStartNewVersion(status: PlanStatus): boolean {
	return status === 'AGREED'
}

export const STATUS_WORDS: Record<PlanStatus, string> = {
	DRAFT: 'Being written',
	SUBMITTED: 'Waiting for the funder to agree',
	QUESTIONED: 'The funder has asked a question',
	AGREED: 'Agreed',
	REPLACED: 'Replaced by a newer version',
	ENDED: 'Ended',
}

// ───────────────────────────── Is the plan ready to send? ─────────────────────────────

export type PlanContent = {
	whatMatters: string | null
	whoHelps: string | null
	outcomes: string[]
	lines: { name: string; amountPence: number }[]
	budgetPence: number | null
}

export type Gap = { step: PlanStep; message: string }

/** What is missing before the plan can be sent for agreement, each with the page to fix it on. */
export function planGaps(plan: PlanContent): Gap[] {
	const gaps: Gap[] = []
	if (!plan.whatMatters?.trim()) gaps.push({ step: 'what-matters', message: 'Say what matters to you.' })
	const outcomes = plan.outcomes.filter((o) => o.trim())
	if (outcomes.length < MIN_OUTCOMES || outcomes.length > MAX_OUTCOMES) {
		gaps.push({
			step: 'outcomes',
			message: `Write between ${MIN_OUTCOMES} and ${MAX_OUTCOMES} things you want to change.`,
		})
	}
	if (!plan.whoHelps?.trim()) gaps.push({ step: 'who-helps', message: 'Say who helps you, or that nobody does yet.' })
	if (plan.budgetPence === null) {
		gaps.push({ step: 'budget', message: 'Your funder has not told you your budget yet. Ask them to set it.' })
	} else if (plan.lines.length === 0) {
		gaps.push({ step: 'budget', message: 'Say how you will use the money: add at least one line.' })
	} else {
		const left = leftToPlace(plan.budgetPence, plan.lines)
		if (left !== 0) {
			gaps.push({
				step: 'budget',
				message: left > 0 ? 'Place all of your budget on the lines.' : 'The lines add up to more than your budget.',
			})
		}
	}
	return gaps
}

/** The budget not yet placed on a line (negative when the lines come to more). */
export function leftToPlace(budgetPence: number, lines: { amountPence: number }[]): number {
	return budgetPence - lines.reduce((sum, l) => sum + l.amountPence, 0)
}

// ───────────────────────────── Reviews ─────────────────────────────

export const DEFAULT_REVIEW_MONTHS = 6

/** The same day `months` later (clamped to the month's end), as a UTC midnight date. */
export function addMonths(day: Date, months: number): Date {
	const y = day.getUTCFullYear()
	const m = day.getUTCMonth() + months
	const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
	return new Date(Date.UTC(y, m, Math.min(day.getUTCDate(), last)))
}

export type ReviewState = 'not-due' | 'due' | 'overdue'

/** A review is due from two weeks before its day, and overdue once its day has passed. */
export const DUE_SOON_DAYS = 14

export function reviewState(dueOn: Date, today: Date): ReviewState {
	const dayMs = 86_400_000
	const diff = Math.round((dueOn.getTime() - today.getTime()) / dayMs)
	if (diff < 0) return 'overdue'
	if (diff <= DUE_SOON_DAYS) return 'due'
	return 'not-due'
}

/** "How well is this going?" 1 to 5, each with a picture and words (the picture is never the only cue). */
export const RATING_SCALE = [
	{ score: 1, words: 'Not well at all', face: '😞' },
	{ score: 2, words: 'Not very well', face: '🙁' },
	{ score: 3, words: 'Okay', face: '😐' },
	{ score: 4, words: 'Well', face: '🙂' },
	{ score: 5, words: 'Really well', face: '😄' },
] as const

export function ratingWords(score: number): string {
	return RATING_SCALE.find((r) => r.score === score)?.words ?? ''
}
