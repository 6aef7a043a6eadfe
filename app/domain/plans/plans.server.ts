/**
 * Steps 1 to 3 of the seven steps (issue 11, ADR 022): the funder sets the indicative budget; the person (or a
 * helper with PLAN) writes a guided plan, saved as a draft at every step; the funder agrees it once or sends back
 * one question; a change to an agreed plan is a new version. Every change is one transaction that also writes the
 * audit log (ADR 020), so the holder's trail shows it exactly when it happened.
 *
 * Lock order: the holder's row first (every plan write for one holder queues behind it), then the plan's rows.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import type { PlanStatus } from '#app/generated/prisma/enums.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow, type Db, type Tx } from '#app/utils/transaction.server.ts'
import {
	funderStaffIds,
	PlanError,
	planPeople,
	requireFunderStaffFor,
	requirePlanWriter,
	type PlanHolder,
} from './access.server.ts'
import {
	addMonths,
	canAnswer,
	canDecide,
	canEdit,
	canStartNewVersion,
	canSubmit,
	planGaps,
	reviewState,
	SELF_ASSESSMENT,
	type PlanStep,
} from './rules.ts'
import { paidHowWords } from './schemas.ts'

/** The statuses of a plan still being worked on (at most one a holder). */
export const WORKING: PlanStatus[] = ['DRAFT', 'SUBMITTED', 'QUESTIONED']

export const planSelect = {
	id: true,
	holderId: true,
	funderId: true,
	status: true,
	version: true,
	previousPlanId: true,
	whatMatters: true,
	whoHelps: true,
	selfAssessment: true,
	startsOn: true,
	endsOn: true,
	submittedAt: true,
	question: true,
	questionedAt: true,
	answer: true,
	answeredAt: true,
	agreedAt: true,
	replacedAt: true,
	changeReason: true,
	createdAt: true,
	updatedAt: true,
	planOutcomes: { orderBy: { position: 'asc' }, select: { id: true, position: true, text: true } },
	lines: {
		orderBy: [{ position: 'asc' }, { name: 'asc' }],
		select: { id: true, name: true, categorySlug: true, amountPence: true, ringFenced: true, carriedFromLineId: true },
	},
} satisfies Prisma.SupportPlanSelect

export type PlanView = Prisma.SupportPlanGetPayload<{ select: typeof planSelect }>

/** What a plan review says, as the holder's and the funder's pages read it. */
export const reviewFields = {
	id: true,
	dueOn: true,
	completedAt: true,
	requestedBy: true,
	whatWorked: true,
	whatToChange: true,
	funderNotes: true,
} as const satisfies Prisma.PlanReviewSelect

async function planAudit(
	tx: Tx,
	user: SessionUser,
	holderId: string,
	action: string,
	entityId: string,
	detail: Prisma.InputJsonValue,
) {
	await audit(tx, { actorId: user.id, holderId, action, entityType: 'SupportPlan', entityId, detail })
}

/** The plan the holder is working on (draft, waiting or questioned), if any. */
export async function workingPlan(db: Db, holderId: string): Promise<PlanView | null> {
	return db.supportPlan.findFirst({ where: { holderId, status: { in: WORKING } }, select: planSelect })
}

/** The agreed plan in force, if any. */
export async function currentPlan(db: Db, holderId: string): Promise<PlanView | null> {
	return db.supportPlan.findFirst({
		where: { holderId, status: 'AGREED' },
		orderBy: [{ version: 'desc' }, { startsOn: 'desc' }],
		select: planSelect,
	})
}

export function selfAssessmentOf(plan: { selfAssessment: Prisma.JsonValue | null }): Record<string, string> {
	const raw = plan.selfAssessment
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
	const out: Record<string, string> = {}
	for (const q of SELF_ASSESSMENT) {
		const v = (raw as Record<string, unknown>)[q.key]
		if (typeof v === 'string' && v) out[q.key] = v
	}
	return out
}

export function gapsOf(plan: PlanView, budgetPence: number | null) {
	return planGaps({
		whatMatters: plan.whatMatters,
		whoHelps: plan.whoHelps,
		outcomes: plan.planOutcomes.map((o) => o.text),
		lines: plan.lines,
		budgetPence,
	})
}

// ───────────────────────────── Step 1: the money ─────────────────────────────

/** Funder staff set (or change) the holder's indicative budget. Setting the same again changes nothing. */
export async function setIndicativeBudget(
	user: SessionUser,
	holderId: string,
	input: { amountPence: number; paidHow: string },
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireFunderStaffFor(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const paidHow = paidHowWords(input.paidHow)
		const current = await tx.budgetHolder.findUniqueOrThrow({
			where: { id: holderId },
			select: { indicativeBudgetPence: true, budgetPaidHow: true },
		})
		if (current.indicativeBudgetPence === input.amountPence && current.budgetPaidHow === paidHow) return false
		await tx.budgetHolder.update({
			where: { id: holderId },
			data: { indicativeBudgetPence: input.amountPence, budgetPaidHow: paidHow, budgetSetAt: now },
		})
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'BUDGET_SET',
			entityType: 'BudgetHolder',
			entityId: holderId,
			detail: { amountPence: input.amountPence, currency: holder.currency, paidHow },
		})
		await notify(tx, {
			userIds: await planPeople(tx, holderId, now),
			except: user.id,
			title: `${holder.funderName} has told you your budget`,
			body: `Your budget is ${formatMoney(input.amountPence, holder.currency)} a year, paid as: ${paidHow.toLowerCase()}. You can now write your plan.`,
			link: `/holders/${holderId}/plan`,
		})
		return true
	})
}

// ───────────────────────────── Steps 2 and 3: writing the plan ─────────────────────────────

/** The plan page: the money, the plan in force, the one being worked on, and the versions before. */
export async function planPage(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const holder = await requirePlanWriter(prisma, user, holderId, now)
	const [working, current, history, openReview] = await Promise.all([
		workingPlan(prisma, holderId),
		currentPlan(prisma, holderId),
		prisma.supportPlan.findMany({
			where: { holderId },
			orderBy: { version: 'desc' },
			select: { id: true, version: true, status: true, agreedAt: true, replacedAt: true, changeReason: true },
		}),
		prisma.planReview.findFirst({
			where: { plan: { holderId, status: 'AGREED' }, completedAt: null },
			orderBy: { dueOn: 'asc' },
			select: { id: true, dueOn: true, requestedBy: true },
		}),
	])
	return {
		holder,
		working: working ? { ...working, gaps: gapsOf(working, holder.indicativeBudgetPence) } : null,
		current,
		history,
		openReview,
		today: startOfDay(now),
	}
}

/**
 * Starts the holder's plan: a first draft, or, when a plan is agreed, a new version copied from it (its outcomes
 * and lines, each line remembering the one it carries on). Idempotent: a plan already being worked on is returned.
 */
export async function startPlan(
	user: SessionUser,
	holderId: string,
	input: { reason?: string | null } = {},
	now: Date = clockNow(),
): Promise<{ planId: string; created: boolean }> {
	return inTransaction(prisma, async (tx) => {
		const holder = await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		return startPlanIn(tx, user, holder, input.reason ?? null, now)
	})
}

export async function startPlanIn(
	tx: Tx,
	user: SessionUser,
	holder: PlanHolder,
	reason: string | null,
	now: Date,
): Promise<{ planId: string; created: boolean }> {
	const working = await workingPlan(tx, holder.id)
	if (working) return { planId: working.id, created: false }
	const current = await currentPlan(tx, holder.id)
	if (current && !canStartNewVersion(current.status)) {
		throw new PlanError('CONFLICT', 'This plan cannot be changed now.')
	}
	const plan = await tx.supportPlan.create({
		data: {
			holderId: holder.id,
			funderId: holder.funderId,
			status: 'DRAFT',
			startsOn: startOfDay(now),
			version: current ? current.version + 1 : 1,
			previousPlanId: current?.id ?? null,
			changeReason: current ? reason : null,
			whatMatters: current?.whatMatters ?? null,
			whoHelps: current?.whoHelps ?? null,
			selfAssessment: current?.selfAssessment ?? undefined,
			outcomes: current ? current.planOutcomes.map((o) => o.text).join('\n') : '',
			planOutcomes: current
				? { create: current.planOutcomes.map((o) => ({ position: o.position, text: o.text })) }
				: undefined,
			lines: current
				? {
						create: current.lines.map((l, i) => ({
							name: l.name,
							categorySlug: l.categorySlug,
							amountPence: l.amountPence,
							ringFenced: l.ringFenced,
							carriedFromLineId: l.id,
							position: i,
						})),
					}
				: undefined,
		},
		select: { id: true, version: true },
	})
	await planAudit(tx, user, holder.id, current ? 'PLAN_CHANGE_STARTED' : 'PLAN_STARTED', plan.id, {
		version: plan.version,
		...(reason ? { reason } : {}),
	})
	return { planId: plan.id, created: true }
}

export type StepValue =
	| { step: 'about-me'; answers: Record<string, string | undefined> }
	| { step: 'what-matters'; whatMatters: string }
	| { step: 'outcomes'; outcomes: string[] }
	| { step: 'who-helps'; whoHelps: string }
	| { step: 'budget'; lines: { name: string; categorySlug: string | null; amountPence: number }[] }

/** The working plan for one step's page (null when there is none to edit: the page offers to start one). */
export async function stepPage(user: SessionUser, holderId: string, step: PlanStep, now: Date = clockNow()) {
	const holder = await requirePlanWriter(prisma, user, holderId, now)
	const [plan, agreed] = await Promise.all([
		workingPlan(prisma, holderId),
		prisma.supportPlan.count({ where: { holderId, status: 'AGREED' } }),
	])
	return {
		holder,
		step,
		/** No plan yet: the first page starts one when it is saved. */
		canStart: !plan && agreed === 0,
		plan: plan ? { ...plan, gaps: gapsOf(plan, holder.indicativeBudgetPence), editable: canEdit(plan.status) } : null,
		selfAssessment: plan ? selfAssessmentOf(plan) : {},
	}
}

/** Saves one step of the working plan: a draft saved at every step, so the person can stop and come back. */
export async function saveStep(user: SessionUser, holderId: string, value: StepValue, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		// The first step may start a first plan; a change to an agreed plan is started on purpose (startPlan).
		const firstPlan = value.step === 'about-me' && !(await currentPlan(tx, holderId))
		const started = firstPlan ? await startPlanIn(tx, user, holder, null, now) : null
		const plan = await workingPlan(tx, holderId)
		if (!plan || (started && plan.id !== started.planId)) {
			throw new PlanError('CONFLICT', 'There is no plan being written. Start your plan first.')
		}
		if (!canEdit(plan.status)) {
			throw new PlanError('CONFLICT', 'Your plan is with your funder now, so it cannot be changed until they answer.')
		}
		switch (value.step) {
			case 'about-me': {
				const answers = Object.fromEntries(
					SELF_ASSESSMENT.map((q) => [q.key, value.answers[q.key] ?? '']).filter(([, v]) => v),
				)
				await tx.supportPlan.update({ where: { id: plan.id }, data: { selfAssessment: answers } })
				break
			}
			case 'what-matters':
				await tx.supportPlan.update({ where: { id: plan.id }, data: { whatMatters: value.whatMatters } })
				break
			case 'who-helps':
				await tx.supportPlan.update({ where: { id: plan.id }, data: { whoHelps: value.whoHelps } })
				break
			case 'outcomes': {
				// Ratings of an earlier review point at the previous version's outcomes, never these: safe to rewrite.
				await tx.planOutcome.deleteMany({ where: { planId: plan.id } })
				await tx.planOutcome.createMany({
					data: value.outcomes.map((text, position) => ({ planId: plan.id, position, text })),
				})
				await tx.supportPlan.update({ where: { id: plan.id }, data: { outcomes: value.outcomes.join('\n') } })
				break
			}
			case 'budget': {
				// Lines of a new version keep the link to the line they carry on when the name stays the same.
				const carried = new Map(plan.lines.filter((l) => l.carriedFromLineId).map((l) => [l.name, l]))
				const used = await tx.booking.count({ where: { budgetLineId: { in: plan.lines.map((l) => l.id) } } })
				if (used > 0) throw new PlanError('CONFLICT', 'Money has already been used on this plan’s lines.')
				await tx.budgetLine.deleteMany({ where: { planId: plan.id } })
				await tx.budgetLine.createMany({
					data: value.lines.map((l, position) => {
						const before = carried.get(l.name)
						return {
							planId: plan.id,
							name: l.name,
							categorySlug: l.categorySlug,
							amountPence: l.amountPence,
							position,
							ringFenced: before?.ringFenced ?? false,
							carriedFromLineId: before?.carriedFromLineId ?? null,
						}
					}),
				})
				break
			}
		}
		await tx.supportPlan.update({ where: { id: plan.id }, data: { updatedAt: now } })
		await planAudit(tx, user, holderId, 'PLAN_WRITTEN', plan.id, { version: plan.version, step: value.step })
		return { planId: plan.id }
	})
}

/** Sends the draft for agreement, once everything is filled in and the lines add up to the budget. */
export async function submitPlan(user: SessionUser, holderId: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const plan = await workingPlan(tx, holderId)
		if (!plan) throw new PlanError('CONFLICT', 'There is no plan being written.')
		if (plan.status === 'SUBMITTED') return { planId: plan.id, sent: false }
		if (!canSubmit(plan.status)) throw new PlanError('CONFLICT', 'Answer your funder’s question to send the plan back.')
		const gaps = gapsOf(plan, holder.indicativeBudgetPence)
		if (gaps.length > 0) throw new PlanError('INVALID', gaps.map((g) => g.message).join(' '))
		await tx.supportPlan.update({ where: { id: plan.id }, data: { status: 'SUBMITTED', submittedAt: now } })
		await planAudit(tx, user, holderId, 'PLAN_SUBMITTED', plan.id, { version: plan.version })
		await notify(tx, {
			userIds: await funderStaffIds(tx, holder.funderId),
			title: `${holder.displayName}’s plan is waiting for you to agree it`,
			body: `Agree it, or send back one question.`,
			link: `/funder/holders/${holderId}`,
		})
		return { planId: plan.id, sent: true }
	})
}

/** Answers the funder's question: the plan goes back to them at once. */
export async function answerQuestion(user: SessionUser, holderId: string, answer: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const plan = await workingPlan(tx, holderId)
		if (!plan || !canAnswer(plan.status)) {
			if (plan?.status === 'SUBMITTED' && plan.answer === answer) return { planId: plan.id }
			throw new PlanError('CONFLICT', 'There is no question waiting for an answer.')
		}
		const gaps = gapsOf(plan, holder.indicativeBudgetPence)
		if (gaps.length > 0) throw new PlanError('INVALID', gaps.map((g) => g.message).join(' '))
		await tx.supportPlan.update({
			where: { id: plan.id },
			data: { status: 'SUBMITTED', answer, answeredAt: now, submittedAt: now },
		})
		await planAudit(tx, user, holderId, 'PLAN_ANSWERED', plan.id, { version: plan.version })
		await notify(tx, {
			userIds: await funderStaffIds(tx, holder.funderId),
			title: `${holder.displayName} answered your question about their plan`,
			body: 'Their plan is waiting for you to agree it.',
			link: `/funder/holders/${holderId}`,
		})
		return { planId: plan.id }
	})
}

// ───────────────────────────── The funder decides, once ─────────────────────────────

/** Agree the plan waiting, or send back one question (only one a version: after the answer, agree it). */
export async function decidePlan(
	user: SessionUser,
	holderId: string,
	decision: { intent: 'agree'; ringFence?: string[] } | { intent: 'question'; question: string },
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireFunderStaffFor(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const plan = await workingPlan(tx, holderId)
		if (!plan || !canDecide(plan.status)) {
			throw new PlanError('CONFLICT', 'There is no plan waiting for you to agree.')
		}
		const people = await planPeople(tx, holderId, now)
		if (decision.intent === 'question') {
			if (plan.questionedAt) {
				throw new PlanError(
					'CONFLICT',
					'You have asked your one question about this plan and had the answer. Agree the plan, or talk with them.',
					{ field: 'question' },
				)
			}
			await tx.supportPlan.update({
				where: { id: plan.id },
				data: { status: 'QUESTIONED', question: decision.question, questionedAt: now, questionedById: user.id },
			})
			await planAudit(tx, user, holderId, 'PLAN_QUESTIONED', plan.id, { version: plan.version })
			await notify(tx, {
				userIds: people,
				title: `${holder.funderName} has one question about your plan`,
				body: decision.question,
				link: `/holders/${holderId}/plan`,
			})
			return { planId: plan.id, status: 'QUESTIONED' as const }
		}
		// Ring-fencing is the funder's one lever on spending (ADR 022): the lines ticked as it agrees, and no others.
		const ringFence = new Set(decision.ringFence ?? [])
		const unknown = [...ringFence].filter((id) => !plan.lines.some((l) => l.id === id))
		if (unknown.length > 0) {
			throw new PlanError('INVALID', 'Choose lines from this plan to ring-fence. Reload the page and try again.', {
				field: 'ringFence',
			})
		}
		for (const line of plan.lines) {
			const fenced = ringFence.has(line.id)
			if (line.ringFenced !== fenced)
				await tx.budgetLine.update({ where: { id: line.id }, data: { ringFenced: fenced } })
		}
		const fencedNames = plan.lines.filter((l) => ringFence.has(l.id)).map((l) => l.name)
		const today = startOfDay(now)
		await tx.supportPlan.update({
			where: { id: plan.id },
			data: { status: 'AGREED', agreedAt: now, agreedById: user.id, startsOn: today },
		})
		let review = null as { id: string } | null
		if (plan.previousPlanId) {
			await tx.supportPlan.update({
				where: { id: plan.previousPlanId },
				data: { status: 'REPLACED', replacedAt: now },
			})
			// A review still open on the version replaced moves to this one (it has no ratings yet).
			review = await tx.planReview.findFirst({
				where: { planId: plan.previousPlanId, completedAt: null },
				select: { id: true },
			})
			if (review) await tx.planReview.update({ where: { id: review.id }, data: { planId: plan.id } })
		}
		// Any other agreed plan (from before versions existed) is replaced too: one plan in force.
		await tx.supportPlan.updateMany({
			where: { holderId, status: 'AGREED', id: { not: plan.id } },
			data: { status: 'REPLACED', replacedAt: now },
		})
		if (!review) {
			await tx.planReview.create({
				data: { planId: plan.id, dueOn: addMonths(today, holder.reviewEveryMonths) },
			})
		}
		await planAudit(tx, user, holderId, 'PLAN_AGREED', plan.id, { version: plan.version, ringFenced: fencedNames })
		await notify(tx, {
			userIds: people,
			title: `${holder.funderName} agreed your plan`,
			body:
				'You can now use your money as your plan says. Nobody needs to approve each thing you buy.' +
				(fencedNames.length > 0
					? ` The money for ${fencedNames.join(', ')} is kept for ${fencedNames.length === 1 ? 'that' : 'those'} only.`
					: ''),
			link: `/holders/${holderId}/plan`,
		})
		return { planId: plan.id, status: 'AGREED' as const }
	})
}

/** The funder's page for one holder: the money, the plan waiting or in force, and the reviews. */
export async function funderHolderPage(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const holder = await requireFunderStaffFor(prisma, user, holderId, now)
	const [working, current, reviews] = await Promise.all([
		workingPlan(prisma, holderId),
		currentPlan(prisma, holderId),
		prisma.planReview.findMany({
			where: { plan: { holderId } },
			orderBy: [{ dueOn: 'desc' }],
			take: 10,
			select: {
				...reviewFields,
				plan: { select: { version: true } },
				ratings: {
					orderBy: { outcome: { position: 'asc' } },
					select: { score: true, comment: true, outcome: { select: { text: true } } },
				},
			},
		}),
	])
	return {
		holder,
		working: working ? { ...working, selfAssessment: selfAssessmentOf(working) } : null,
		current,
		reviews,
		today: startOfDay(now),
	}
}

/** The funder's list: plans waiting, reviews due, and people still without a budget. */
export async function funderPlansPage(user: SessionUser, now: Date = clockNow()) {
	if (!user.roles.includes('FUNDER_STAFF') || !user.funderId) {
		throw new PlanError('FORBIDDEN', 'This page is for funder staff.')
	}
	const funderId = user.funderId
	const today = startOfDay(now)
	const soon = new Date(today.getTime() + 14 * 86_400_000)
	const holderWhere = { funderId, joinRequestedAt: null }
	const [waiting, reviews, noBudget, noBudgetCount] = await Promise.all([
		prisma.supportPlan.findMany({
			where: { funderId, status: { in: ['SUBMITTED', 'QUESTIONED'] }, holder: holderWhere },
			orderBy: { submittedAt: 'asc' },
			take: 100,
			select: {
				id: true,
				status: true,
				version: true,
				submittedAt: true,
				holder: { select: { id: true, displayName: true } },
			},
		}),
		prisma.planReview.findMany({
			where: {
				completedAt: null,
				dueOn: { lte: soon },
				plan: { funderId, status: 'AGREED', holder: holderWhere },
			},
			orderBy: { dueOn: 'asc' },
			take: 100,
			select: {
				id: true,
				dueOn: true,
				requestedBy: true,
				plan: { select: { holder: { select: { id: true, displayName: true } } } },
			},
		}),
		prisma.budgetHolder.findMany({
			where: { ...holderWhere, indicativeBudgetPence: null, plans: { none: { status: 'AGREED' } } },
			orderBy: { displayName: 'asc' },
			take: 50,
			select: { id: true, displayName: true },
		}),
		prisma.budgetHolder.count({
			where: { ...holderWhere, indicativeBudgetPence: null, plans: { none: { status: 'AGREED' } } },
		}),
	])
	return { waiting, reviews, noBudget, noBudgetCount, today }
}

/**
 * What the holder's pages show first (the holder page and their home): the money in plain words, where the plan
 * is, and the next review. No rights check: the caller has checked the reader may see this holder.
 */
export async function holderPlanSummary(holderId: string, now: Date = clockNow()) {
	const today = startOfDay(now)
	// One query (issue 14; it took five): the holder and their funder's currency, the plan being worked on, how many
	// agreed plans there are, and the first open review of an agreed plan.
	const [row] = await prisma.$queryRaw<
		{
			indicativeBudgetPence: number | null
			budgetPaidHow: string | null
			currency: string
			workingStatus: PlanStatus | null
			workingVersion: number | null
			agreed: number
			dueOn: Date | null
			requestedBy: string | null
		}[]
	>`
		SELECT h."indicativeBudgetPence", h."budgetPaidHow", f."currency",
		  w."status"::text AS "workingStatus", w."version" AS "workingVersion",
		  (SELECT COUNT(*) FROM "SupportPlan" a WHERE a."holderId" = h."id" AND a."status" = 'AGREED')::int AS "agreed",
		  r."dueOn", r."requestedBy"
		FROM "BudgetHolder" h
		JOIN "Funder" f ON f."id" = h."funderId"
		LEFT JOIN LATERAL (
		  SELECT sp."status", sp."version" FROM "SupportPlan" sp
		  WHERE sp."holderId" = h."id" AND sp."status"::text IN (${Prisma.join(WORKING)}) LIMIT 1
		) w ON true
		LEFT JOIN LATERAL (
		  SELECT pr."dueOn", pr."requestedBy" FROM "PlanReview" pr JOIN "SupportPlan" p ON p."id" = pr."planId"
		  WHERE pr."completedAt" IS NULL AND p."holderId" = h."id" AND p."status" = 'AGREED'
		  ORDER BY pr."dueOn" LIMIT 1
		) r ON true
		WHERE h."id" = ${holderId}`
	if (!row) return null
	return {
		budgetPence: row.indicativeBudgetPence,
		paidHow: row.budgetPaidHow,
		currency: row.currency.trim(),
		working:
			row.workingStatus && row.workingVersion !== null
				? { status: row.workingStatus, version: row.workingVersion }
				: null,
		hasAgreedPlan: row.agreed > 0,
		review: row.dueOn ? { dueOn: row.dueOn, requestedBy: row.requestedBy, state: reviewState(row.dueOn, today) } : null,
	}
}

export type HolderPlanSummary = NonNullable<Awaited<ReturnType<typeof holderPlanSummary>>>
