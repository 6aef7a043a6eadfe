/**
 * Step 7, seeing how it worked (issue 11, ADR 022): a review is due on the funder's schedule (Funder.reviewEveryMonths
 * after agreement, then after each review) or when either side asks. The person (or a helper with PLAN) rates each
 * outcome 1 to 5 and says what works and what to change, with the spending on each line beside it; funder staff add
 * notes; a change the person asks for starts the plan's next version. Reminders go once when a review falls due and
 * once when it is overdue (runReviewReminders, run by the jobs runner).
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { holderAccounts, usageByLine } from '#app/domain/money/holder-money.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { formatDay, startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction, lockRow } from '#app/utils/transaction.server.ts'
import { funderStaffIds, PlanError, planPeople, requireFunderStaffFor, requirePlanWriter } from './access.server.ts'
import { currentPlan, reviewFields, startPlanIn, type PlanView } from './plans.server.ts'
import { addMonths, DUE_SOON_DAYS, ratingWords, reviewState } from './rules.ts'

/** A review can be done once it is due (two weeks before its day), overdue, or asked for. */
export function reviewOpenNow(review: { dueOn: Date; requestedBy: string | null }, today: Date): boolean {
	return review.requestedBy !== null || reviewState(review.dueOn, today) !== 'not-due'
}

export type LineSpending = { id: string; name: string; amountPence: number; spent: number; held: number }

/** Each line of the plan with what was spent and is held on it, following lines across plan versions. */
export async function spendingByLine(holderId: string, plan: PlanView): Promise<LineSpending[]> {
	const accounts = await holderAccounts(prisma, holderId)
	const usage = await usageByLine(prisma, accounts)
	const byLine = new Map(usage.map((u) => [u.lineId, u]))
	// The lines this plan's lines carry on, back through every earlier version.
	const allLines = await prisma.budgetLine.findMany({
		where: { plan: { holderId } },
		select: { id: true, carriedFromLineId: true },
	})
	const parent = new Map(allLines.map((l) => [l.id, l.carriedFromLineId]))
	return plan.lines.map((line) => {
		let spent = 0
		let held = 0
		const seen = new Set<string>()
		for (let id: string | null | undefined = line.id; id && !seen.has(id); id = parent.get(id)) {
			seen.add(id)
			spent += byLine.get(id)?.spent ?? 0
			held += byLine.get(id)?.held ?? 0
		}
		return { id: line.id, name: line.name, amountPence: line.amountPence, spent, held }
	})
}

const reviewSelect = {
	...reviewFields,
	planId: true,
	ratings: { select: { outcomeId: true, score: true, comment: true } },
} as const

/** The review page: the plan in force, its open review, spending by line, and the reviews done before. */
export async function reviewPage(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const holder = await requirePlanWriter(prisma, user, holderId, now)
	const plan = await currentPlan(prisma, holderId)
	if (!plan) {
		return { holder, plan: null, open: null, canDo: false, done: [], spending: [], state: null, today: startOfDay(now) }
	}
	const [open, done, spending] = await Promise.all([
		prisma.planReview.findFirst({
			where: { planId: plan.id, completedAt: null },
			orderBy: { dueOn: 'asc' },
			select: reviewSelect,
		}),
		prisma.planReview.findMany({
			where: { plan: { holderId }, completedAt: { not: null } },
			orderBy: { completedAt: 'desc' },
			take: 10,
			select: {
				...reviewSelect,
				plan: { select: { version: true } },
				ratings: {
					orderBy: { outcome: { position: 'asc' } },
					select: { score: true, comment: true, outcome: { select: { text: true } } },
				},
			},
		}),
		spendingByLine(holderId, plan),
	])
	const today = startOfDay(now)
	return {
		holder,
		plan,
		open,
		canDo: open ? reviewOpenNow(open, today) : false,
		done,
		spending,
		state: open ? reviewState(open.dueOn, today) : null,
		today,
	}
}

/** Either side asks for a review now: the open one is brought forward to today, or one is opened. */
export async function requestReview(user: SessionUser, holderId: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const isStaff = user.roles.includes('FUNDER_STAFF') && user.funderId !== null
		const holder = isStaff
			? await requireFunderStaffFor(tx, user, holderId, now)
			: await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const plan = await currentPlan(tx, holderId)
		if (!plan) throw new PlanError('CONFLICT', 'There is no agreed plan to review yet.')
		const today = startOfDay(now)
		const by = isStaff ? 'funder' : 'holder'
		const open = await tx.planReview.findFirst({
			where: { planId: plan.id, completedAt: null },
			select: { id: true, dueOn: true, requestedBy: true },
		})
		if (open && open.requestedBy && open.dueOn.getTime() <= today.getTime())
			return { reviewId: open.id, changed: false }
		const review = open
			? await tx.planReview.update({
					where: { id: open.id },
					data: { dueOn: open.dueOn < today ? open.dueOn : today, requestedBy: by },
					select: { id: true },
				})
			: await tx.planReview.create({ data: { planId: plan.id, dueOn: today, requestedBy: by }, select: { id: true } })
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'REVIEW_REQUESTED',
			entityType: 'PlanReview',
			entityId: review.id,
			detail: { by },
		})
		await notify(tx, {
			userIds: isStaff ? await planPeople(tx, holderId, now) : await funderStaffIds(tx, holder.funderId),
			except: user.id,
			title: isStaff
				? `${holder.funderName} asked for a review of your plan`
				: `${holder.displayName} asked for a review of their plan`,
			body: isStaff
				? 'Say how well each thing in your plan is going. It takes a few minutes.'
				: 'They want to talk about how their plan is going.',
			link: isStaff ? `/holders/${holderId}/review` : `/funder/holders/${holderId}`,
		})
		return { reviewId: review.id, changed: true }
	})
}

export type ReviewInput = {
	ratings: { outcomeId: string; score: number; comment: string | null }[]
	whatWorked?: string
	whatToChange?: string
	change: 'yes' | 'no'
}

/**
 * Completes the open review: a rating for every outcome, the person's words, the next review on the funder's
 * schedule, and, when they want a change, the plan's next version started from this one. Idempotent: a review
 * already done is not done again.
 */
export async function completeReview(user: SessionUser, holderId: string, input: ReviewInput, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requirePlanWriter(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const plan = await currentPlan(tx, holderId)
		if (!plan) throw new PlanError('CONFLICT', 'There is no agreed plan to review yet.')
		const open = await tx.planReview.findFirst({
			where: { planId: plan.id, completedAt: null },
			orderBy: { dueOn: 'asc' },
			select: { id: true, dueOn: true, requestedBy: true },
		})
		if (!open) throw new PlanError('CONFLICT', 'There is no review waiting. Ask for one on your plan page.')
		if (!reviewOpenNow(open, startOfDay(now))) {
			throw new PlanError(
				'CONFLICT',
				`The next review is not due until ${formatDay(open.dueOn)}. To talk sooner, ask for a review on the plan page.`,
			)
		}
		const outcomeIds = plan.planOutcomes.map((o) => o.id)
		const given = new Map(input.ratings.map((r) => [r.outcomeId, r]))
		if (outcomeIds.some((id) => !given.has(id)) || input.ratings.some((r) => !outcomeIds.includes(r.outcomeId))) {
			throw new PlanError('INVALID', 'Say how well each thing in your plan is going.')
		}
		if (input.ratings.some((r) => !Number.isInteger(r.score) || r.score < 1 || r.score > 5)) {
			throw new PlanError('INVALID', 'Choose how well each thing is going, from 1 to 5.')
		}
		const today = startOfDay(now)
		await tx.outcomeRating.createMany({
			data: input.ratings.map((r) => ({
				reviewId: open.id,
				outcomeId: r.outcomeId,
				score: r.score,
				comment: r.comment,
			})),
		})
		const next = addMonths(today, holder.reviewEveryMonths)
		await tx.planReview.update({
			where: { id: open.id },
			data: {
				completedAt: now,
				heldOn: today,
				reviewerId: user.id,
				whatWorked: input.whatWorked ?? '',
				whatToChange: input.whatToChange ?? '',
				nextReviewOn: next,
			},
		})
		await tx.planReview.create({ data: { planId: plan.id, dueOn: next } })
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'REVIEW_DONE',
			entityType: 'PlanReview',
			entityId: open.id,
			detail: {
				version: plan.version,
				ratings: input.ratings.map((r) => ratingWords(r.score)),
				change: input.change === 'yes',
			},
		})
		let newPlanId: string | null = null
		if (input.change === 'yes') {
			const started = await startPlanIn(tx, user, holder, input.whatToChange || 'Changes from the review', now)
			newPlanId = started.planId
		}
		await notify(tx, {
			userIds: await funderStaffIds(tx, holder.funderId),
			title: `${holder.displayName} finished a review of their plan`,
			body:
				input.change === 'yes'
					? 'They want to change their plan: a new version is being written.'
					: 'Read how it is going and add your notes.',
			link: `/funder/holders/${holderId}`,
		})
		return { reviewId: open.id, newPlanId, nextReviewOn: next }
	})
}

/** Funder staff add notes to a review (done, or still open). */
export async function addFunderNotes(
	user: SessionUser,
	holderId: string,
	reviewId: string,
	notes: string,
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		await requireFunderStaffFor(tx, user, holderId, now)
		await lockRow(tx, 'BudgetHolder', holderId)
		const review = await tx.planReview.findFirst({
			where: { id: reviewId, plan: { holderId } },
			select: { id: true, funderNotes: true },
		})
		if (!review) throw new PlanError('NOT_FOUND', 'We could not find that review.')
		if (review.funderNotes === notes) return { changed: false }
		await tx.planReview.update({ where: { id: reviewId }, data: { funderNotes: notes, funderNotesAt: now } })
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'REVIEW_NOTES',
			entityType: 'PlanReview',
			entityId: reviewId,
			detail: {},
		})
		return { changed: true }
	})
}

/** The review in the holder's summary: when the next one is due and whether it is due now or overdue. */
export async function nextReviewOf(holderId: string, now: Date = clockNow()) {
	const review = await prisma.planReview.findFirst({
		where: { completedAt: null, plan: { holderId, status: 'AGREED' } },
		orderBy: { dueOn: 'asc' },
		select: { id: true, dueOn: true, requestedBy: true },
	})
	return review ? { ...review, state: reviewState(review.dueOn, startOfDay(now)) } : null
}

// ───────────────────────────── Reminders ─────────────────────────────

export type ReminderReport = { due: number; overdue: number; errors: string[] }

/**
 * Tells the holder (and helpers with PLAN) once when a review falls due (two weeks before), and both them and the
 * funder's staff once when it is overdue. Each reminder is claimed by a conditional update in the transaction that
 * writes the email, so two runs at once, or a run again, never send it twice.
 */
export async function runReviewReminders(now: Date = clockNow(), limit = 200): Promise<ReminderReport> {
	const report: ReminderReport = { due: 0, overdue: 0, errors: [] }
	const today = startOfDay(now)
	const soon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000)
	const candidates = await prisma.planReview.findMany({
		where: {
			completedAt: null,
			plan: { status: 'AGREED' },
			OR: [
				{ remindedDueAt: null, dueOn: { lte: soon } },
				{ remindedOverdueAt: null, dueOn: { lt: today } },
			],
		},
		orderBy: { dueOn: 'asc' },
		take: limit,
		select: {
			id: true,
			dueOn: true,
			plan: { select: { holderId: true, funderId: true, holder: { select: { displayName: true } } } },
		},
	})
	for (const review of candidates) {
		try {
			const overdue = review.dueOn < today
			const sent = await inTransaction(prisma, async (tx) => {
				const claimed = await tx.planReview.updateMany({
					where: overdue
						? { id: review.id, completedAt: null, remindedOverdueAt: null }
						: { id: review.id, completedAt: null, remindedDueAt: null },
					data: overdue ? { remindedOverdueAt: now, remindedDueAt: now } : { remindedDueAt: now },
				})
				if (claimed.count === 0) return false
				const holderId = review.plan.holderId
				const people = await planPeople(tx, holderId, now)
				await notify(tx, {
					userIds: people,
					title: overdue ? 'Your plan’s review is overdue' : 'Your plan’s review is due',
					body: `It was due on ${formatDay(review.dueOn)}. Say how well each thing in your plan is going: it takes a few minutes.`,
					link: `/holders/${holderId}/review`,
				})
				if (overdue) {
					await notify(tx, {
						userIds: await funderStaffIds(tx, review.plan.funderId),
						title: `${review.plan.holder.displayName}’s plan review is overdue`,
						body: `It was due on ${formatDay(review.dueOn)}.`,
						link: `/funder/holders/${holderId}`,
					})
				}
				return true
			})
			if (sent) report[overdue ? 'overdue' : 'due'] += 1
		} catch (error) {
			report.errors.push(`${review.id}: ${error instanceof Error ? error.message : String(error)}`)
		}
	}
	return report
}
