/**
 * Plans agreed once and reviewed for outcomes (issue 11, ADR 022), through the domain on a real database: the funder
 * sets the indicative budget; the holder and a helper with PLAN write the plan over several sittings; the funder
 * asks one question, the holder answers, the funder agrees once; a booking inside the plan needs no approval; a
 * change makes a new version (the old one kept, money held stays held); a review rates each outcome beside the
 * spending; reminders go once. Another funder's staff and a helper without PLAN are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptBooking, requestBooking } from '#app/domain/bookings/bookings.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { trailRows } from '#app/domain/people/trail.server.ts'
import { PlanError } from '#app/domain/plans/access.server.ts'
import {
	answerQuestion,
	decidePlan,
	funderHolderPage,
	planPage,
	saveStep,
	setIndicativeBudget,
	startPlan,
	submitPlan,
} from '#app/domain/plans/plans.server.ts'
import {
	addFunderNotes,
	completeReview,
	requestReview,
	reviewPage,
	runReviewReminders,
} from '#app/domain/plans/reviews.server.ts'
import { addMonths } from '#app/domain/plans/rules.ts'
import { addLocalDays, localDate, startOfDay } from '#app/utils/dates.ts'
import { createFunder, createHolder } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { allocateOnce, bookingRequest, closeTestDb, openWorld, refusal, sessionUser } from '#tests/setup/domain.ts'

let db: TestDb
const people = {} as Record<'nia' | 'planner' | 'viewer' | 'staff' | 'otherStaff' | 'provider', SessionUser>
const ids = {} as Record<'nia' | 'funder' | 'care', string>
const DAY = 86_400_000

const refused = (promise: Promise<unknown>) => refusal(promise, PlanError)

/** Everything a refused request could have written about plans. */
async function planState() {
	const p = db.prisma
	const [plans, outcomes, lines, reviews, ratings, audit, holder] = await Promise.all([
		p.supportPlan.findMany({ where: { holderId: ids.nia }, orderBy: { id: 'asc' } }),
		p.planOutcome.count(),
		p.budgetLine.count(),
		p.planReview.findMany({ orderBy: { id: 'asc' } }),
		p.outcomeRating.count(),
		p.auditLog.count(),
		p.budgetHolder.findUniqueOrThrow({ where: { id: ids.nia } }),
	])
	return JSON.stringify({ plans, outcomes, lines, reviews, ratings, audit, holder })
}

beforeAll(async () => {
	const world = await openWorld({ reviewEveryMonths: 6 })
	db = world.db
	const p = db.prisma
	ids.funder = world.funderId
	const otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	people.staff = world.staff
	people.otherStaff = await world.person({ roles: ['FUNDER_STAFF'], funderId: otherFunder })
	const nia = await createHolder(p, { funderId: ids.funder, displayName: 'Nia Evans' })
	ids.nia = nia.holder.id
	people.nia = sessionUser(nia.user!)
	people.planner = await world.person({ roles: ['BROKER'], name: 'Pat Planner' })
	people.viewer = await world.person({ roles: ['BROKER'], name: 'Vic Viewer' })
	await p.delegation.createMany({
		data: [
			{ holderId: ids.nia, delegateId: people.planner.id, kind: 'BROKER', rights: ['VIEW', 'PLAN'] },
			{ holderId: ids.nia, delegateId: people.viewer.id, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
		],
	})
	const amina = await world.amina({
		service: {
			pricePence: 1_500,
			priceUnit: 'PER_HOUR',
			title: 'Personal care at home',
			categorySlug: 'personal-care',
		},
	})
	ids.care = amina.service.id
	people.provider = amina.person
})

afterAll(() => closeTestDb(db))

describe('the seven steps, in order', () => {
	it('step 1: funder staff set the indicative budget, and the holder sees it first', async () => {
		expect((await planPage(people.nia, ids.nia)).holder.indicativeBudgetPence).toBeNull()
		const before = await planState()
		expect(
			await refused(setIndicativeBudget(people.otherStaff, ids.nia, { amountPence: 1_200_000, paidHow: 'managed' })),
		).toMatchObject({ status: 404 })
		expect(
			await refused(setIndicativeBudget(people.nia, ids.nia, { amountPence: 1_200_000, paidHow: 'managed' })),
		).toMatchObject({ status: 404 })
		expect(await planState()).toBe(before)

		expect(
			await setIndicativeBudget(people.staff, ids.nia, { amountPence: 1_200_000, paidHow: 'direct-payment' }),
		).toBe(true)
		// The same again changes nothing.
		expect(
			await setIndicativeBudget(people.staff, ids.nia, { amountPence: 1_200_000, paidHow: 'direct-payment' }),
		).toBe(false)
		const page = await planPage(people.nia, ids.nia)
		expect(page.holder).toMatchObject({
			indicativeBudgetPence: 1_200_000,
			budgetPaidHow: 'A direct payment into your own bank account',
		})
		expect(page.working).toBeNull()
		expect(
			await db.prisma.notification.count({ where: { userId: people.nia.id, title: { contains: 'your budget' } } }),
		).toBe(1)
	})

	it('steps 2 and 3: a plan written over several sittings by the holder and a helper with PLAN', async () => {
		// First sitting: Nia answers the self-assessment and what matters, then stops.
		await saveStep(people.nia, ids.nia, {
			step: 'about-me',
			answers: { goodDay: 'Seeing my grandchildren', helpNeeded: 'Mornings, getting up' },
		})
		await saveStep(people.nia, ids.nia, { step: 'what-matters', whatMatters: 'My family and my garden' })
		let page = await planPage(people.nia, ids.nia)
		expect(page.working).toMatchObject({ status: 'DRAFT', version: 1, whatMatters: 'My family and my garden' })
		expect(page.working!.selfAssessment).toEqual({
			goodDay: 'Seeing my grandchildren',
			helpNeeded: 'Mornings, getting up',
		})
		expect(page.working!.gaps.map((g) => g.step)).toEqual(['outcomes', 'who-helps', 'budget'])

		// Second sitting: Pat, who may write the plan, adds the outcomes and who helps.
		await saveStep(people.planner, ids.nia, {
			step: 'outcomes',
			outcomes: ['Get up without rushing', 'Garden twice a week', 'See my grandchildren every Sunday'],
		})
		await saveStep(people.planner, ids.nia, { step: 'who-helps', whoHelps: 'My daughter, and Pat' })

		// A helper without PLAN, the funder's staff and another funder's staff cannot write it; nothing changes.
		const before = await planState()
		const value = { step: 'who-helps' as const, whoHelps: 'Nobody' }
		expect(await refused(saveStep(people.viewer, ids.nia, value))).toMatchObject({ code: 'FORBIDDEN', status: 403 })
		expect(await refused(saveStep(people.staff, ids.nia, value))).toMatchObject({ code: 'FORBIDDEN' })
		expect(await refused(saveStep(people.otherStaff, ids.nia, value))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await refused(saveStep(people.provider, ids.nia, value))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await refused(submitPlan(people.viewer, ids.nia))).toMatchObject({ code: 'FORBIDDEN' })
		expect(await refused(planPage(people.viewer, ids.nia))).toMatchObject({ code: 'FORBIDDEN' })
		expect(await refused(planPage(people.otherStaff, ids.nia))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await planState()).toBe(before)

		// Third sitting: the lines must add up to the budget before it can be sent.
		await saveStep(people.nia, ids.nia, {
			step: 'budget',
			lines: [
				{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 900_000 },
				{ name: 'Gardening help', categorySlug: null, amountPence: 200_000 },
			],
		})
		page = await planPage(people.nia, ids.nia)
		expect(page.working!.gaps).toEqual([{ step: 'budget', message: 'Place all of your budget on the lines.' }])
		expect(await refused(submitPlan(people.nia, ids.nia))).toMatchObject({ code: 'INVALID' })
		await saveStep(people.nia, ids.nia, {
			step: 'budget',
			lines: [
				{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 900_000 },
				{ name: 'Gardening help', categorySlug: null, amountPence: 300_000 },
			],
		})
		expect(await submitPlan(people.nia, ids.nia)).toMatchObject({ sent: true })
		// Sending twice is one sending.
		expect(await submitPlan(people.nia, ids.nia)).toMatchObject({ sent: false })
		page = await planPage(people.nia, ids.nia)
		expect(page.working!.status).toBe('SUBMITTED')
		// Waiting for the funder, it cannot be changed.
		expect(await refused(saveStep(people.nia, ids.nia, { step: 'who-helps', whoHelps: 'x' }))).toMatchObject({
			code: 'CONFLICT',
		})
		expect(
			await db.prisma.notification.count({
				where: { userId: people.staff.id, title: 'Nia Evans’s plan is waiting for you to agree it' },
			}),
		).toBe(1)
	})

	it('the funder asks one question, the holder answers, and the funder agrees once', async () => {
		const before = await planState()
		expect(await refused(decidePlan(people.otherStaff, ids.nia, { intent: 'agree' }))).toMatchObject({ status: 404 })
		expect(await refused(decidePlan(people.planner, ids.nia, { intent: 'agree' }))).toMatchObject({ status: 404 })
		expect(await planState()).toBe(before)

		await decidePlan(people.staff, ids.nia, { intent: 'question', question: 'Who does the gardening?' })
		let page = await planPage(people.nia, ids.nia)
		expect(page.working).toMatchObject({ status: 'QUESTIONED', question: 'Who does the gardening?' })
		// While a question waits, the plan can be changed, and the funder cannot decide.
		await saveStep(people.nia, ids.nia, { step: 'who-helps', whoHelps: 'My daughter, Pat, and a local gardener' })
		expect(await refused(decidePlan(people.staff, ids.nia, { intent: 'agree' }))).toMatchObject({ code: 'CONFLICT' })
		await answerQuestion(people.nia, ids.nia, 'A gardener from the village, two mornings a week')
		page = await planPage(people.nia, ids.nia)
		expect(page.working).toMatchObject({
			status: 'SUBMITTED',
			answer: 'A gardener from the village, two mornings a week',
		})

		// One question only: after the answer, the funder agrees.
		expect(
			await refused(decidePlan(people.staff, ids.nia, { intent: 'question', question: 'And another thing?' })),
		).toMatchObject({ code: 'CONFLICT' })
		const now = new Date()
		await decidePlan(people.staff, ids.nia, { intent: 'agree' }, now)
		page = await planPage(people.nia, ids.nia)
		expect(page.working).toBeNull()
		expect(page.current).toMatchObject({ status: 'AGREED', version: 1 })
		expect(page.current!.planOutcomes.map((o) => o.text)).toHaveLength(3)
		// The first review is due on the funder's schedule.
		expect(page.openReview?.dueOn).toEqual(addMonths(startOfDay(now), 6))
		expect(await refused(decidePlan(people.staff, ids.nia, { intent: 'agree' }))).toMatchObject({ code: 'CONFLICT' })
	})

	it('spending inside the agreed plan needs no approval: a booking is held on its line', async () => {
		await allocateOnce({ funderId: ids.funder, holderId: ids.nia, staffUserId: people.staff.id, amountEach: 100_000 })
		const {
			bookings: [booking],
		} = await requestBooking(
			people.nia,
			bookingRequest({ serviceId: ids.care, holderId: ids.nia, date: addLocalDays(localDate(new Date()), 7) }),
		)
		await acceptBooking(people.provider, booking!.id)
		const held = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking!.id } })
		expect(held.status).toBe('ACCEPTED')
		const plan = (await planPage(people.nia, ids.nia)).current!
		expect(held.budgetLineId).toBe(plan.lines.find((l) => l.name === 'Personal care')!.id)
		// Nobody at the funder was asked.
		expect(
			await db.prisma.notification.count({ where: { userId: people.staff.id, title: { contains: 'book' } } }),
		).toBe(0)
	})

	it('a change makes a new version; the old one stays in force until agreed, then is kept as replaced', async () => {
		const v1 = (await planPage(people.nia, ids.nia)).current!
		const heldBefore = await db.prisma.booking.findFirstOrThrow({ where: { holderId: ids.nia, status: 'ACCEPTED' } })
		const { planId } = await startPlan(people.planner, ids.nia, { reason: 'More gardening in summer' })
		// Idempotent: starting again gives the same draft.
		expect((await startPlan(people.nia, ids.nia, { reason: 'again' })).planId).toBe(planId)
		let page = await planPage(people.nia, ids.nia)
		expect(page.current!.id).toBe(v1.id)
		expect(page.working).toMatchObject({
			id: planId,
			version: 2,
			status: 'DRAFT',
			changeReason: 'More gardening in summer',
		})
		expect(page.working!.lines.map((l) => l.carriedFromLineId)).toEqual(v1.lines.map((l) => l.id))
		await saveStep(people.nia, ids.nia, {
			step: 'budget',
			lines: [
				{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 800_000 },
				{ name: 'Gardening help', categorySlug: null, amountPence: 400_000 },
			],
		})
		await submitPlan(people.nia, ids.nia)
		// The funder ring-fences the gardening line as it agrees: only lines of this plan, and nothing changes otherwise.
		const lines = (await planPage(people.nia, ids.nia)).working!.lines
		const gardening = lines.find((l) => l.name === 'Gardening help')!
		expect(
			await refused(decidePlan(people.staff, ids.nia, { intent: 'agree', ringFence: [gardening.id, 'not-a-line'] })),
		).toMatchObject({ code: 'INVALID' })
		expect(await db.prisma.supportPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
			status: 'SUBMITTED',
		})
		await decidePlan(people.staff, ids.nia, { intent: 'agree', ringFence: [gardening.id] })
		const fenced = await db.prisma.budgetLine.findMany({ where: { planId }, orderBy: { name: 'asc' } })
		expect(fenced.map((l) => [l.name, l.ringFenced])).toEqual([
			['Gardening help', true],
			['Personal care', false],
		])
		expect(
			await db.prisma.notification.count({
				where: { userId: people.nia.id, body: { contains: 'The money for Gardening help is kept for that only.' } },
			}),
		).toBe(1)
		page = await planPage(people.nia, ids.nia)
		expect(page.current).toMatchObject({ id: planId, version: 2 })
		expect(page.history.map((h) => [h.version, h.status])).toEqual([
			[2, 'AGREED'],
			[1, 'REPLACED'],
		])
		// Money already held stays held, on the line it was booked on.
		const heldAfter = await db.prisma.booking.findUniqueOrThrow({ where: { id: heldBefore.id } })
		expect(heldAfter).toMatchObject({
			status: 'ACCEPTED',
			budgetLineId: heldBefore.budgetLineId,
			holdTransferId: heldBefore.holdTransferId,
		})
		// The open review moved to the version in force.
		expect(await db.prisma.planReview.count({ where: { planId, completedAt: null } })).toBe(1)
		expect(await db.prisma.planReview.count({ where: { planId: v1.id } })).toBe(0)
	})

	it('step 7: a review rates each outcome beside the spending on each line, and can start the next version', async () => {
		const before = await planState()
		expect(await refused(requestReview(people.viewer, ids.nia))).toMatchObject({ code: 'FORBIDDEN' })
		expect(await refused(requestReview(people.otherStaff, ids.nia))).toMatchObject({ code: 'NOT_FOUND' })
		expect(await planState()).toBe(before)

		await requestReview(people.nia, ids.nia)
		const page = await reviewPage(people.planner, ids.nia)
		expect(page.state).toBe('due')
		expect(page.open?.requestedBy).toBe('holder')
		// The booking held on version 1's line shows beside the line that carries it on.
		const care = page.spending.find((l) => l.name === 'Personal care')!
		expect(care.held).toBe(3_000)
		expect(page.spending.find((l) => l.name === 'Gardening help')!.held).toBe(0)

		const outcomes = page.plan!.planOutcomes
		const badRatings = outcomes.slice(1).map((o) => ({ outcomeId: o.id, score: 4, comment: null }))
		expect(await refused(completeReview(people.nia, ids.nia, { ratings: badRatings, change: 'no' }))).toMatchObject({
			code: 'INVALID',
		})
		expect(
			await refused(
				completeReview(people.viewer, ids.nia, {
					ratings: outcomes.map((o) => ({ outcomeId: o.id, score: 4, comment: null })),
					change: 'no',
				}),
			),
		).toMatchObject({ code: 'FORBIDDEN' })

		const now = new Date()
		const done = await completeReview(
			people.planner,
			ids.nia,
			{
				ratings: outcomes.map((o, i) => ({ outcomeId: o.id, score: [5, 3, 4][i]!, comment: i === 1 ? 'Rain' : null })),
				whatWorked: 'Mornings are calmer',
				whatToChange: 'More garden help',
				change: 'yes',
			},
			now,
		)
		expect(done.nextReviewOn).toEqual(addMonths(startOfDay(now), 6))
		expect(
			await db.prisma.outcomeRating.findMany({ where: { reviewId: done.reviewId }, orderBy: { score: 'asc' } }),
		).toMatchObject([{ score: 3, comment: 'Rain' }, { score: 4 }, { score: 5 }])
		// The next version starts from the review.
		const plan = await planPage(people.nia, ids.nia)
		expect(plan.working).toMatchObject({
			id: done.newPlanId,
			version: 3,
			status: 'DRAFT',
			changeReason: 'More garden help',
		})
		expect(plan.openReview?.dueOn).toEqual(addMonths(startOfDay(now), 6))
		// Done once: no review waits now.
		expect(
			await refused(
				completeReview(people.nia, ids.nia, {
					ratings: outcomes.map((o) => ({ outcomeId: o.id, score: 1, comment: null })),
					change: 'no',
				}),
			),
		).toMatchObject({ code: 'CONFLICT' })

		// The funder sees the ratings and adds notes.
		const funder = await funderHolderPage(people.staff, ids.nia)
		const reviewed = funder.reviews.find((r) => r.id === done.reviewId)!
		expect(reviewed.ratings.map((r) => r.score)).toEqual([5, 3, 4])
		expect(await refused(addFunderNotes(people.otherStaff, ids.nia, done.reviewId, 'x'))).toMatchObject({ status: 404 })
		await addFunderNotes(people.staff, ids.nia, done.reviewId, 'Agreed: more garden help next version')
		expect((await reviewPage(people.nia, ids.nia)).done[0]!.funderNotes).toBe('Agreed: more garden help next version')
	})

	it('reminds once when a review falls due and once when overdue, telling the funder too', async () => {
		const open = await db.prisma.planReview.findFirstOrThrow({
			where: { plan: { holderId: ids.nia }, completedAt: null },
		})
		const later = new Date(open.dueOn.getTime() - 3 * DAY)
		const emails = () => db.prisma.emailOutbox.count({ where: { subject: { contains: 'review' } } })
		const start = await emails()
		expect((await runReviewReminders(later)).due).toBe(1)
		expect((await runReviewReminders(later)).due).toBe(0)
		// Nia and Pat (PLAN) are told; Vic (no PLAN) is not.
		expect(await emails()).toBe(start + 2)
		expect(
			await db.prisma.notification.count({ where: { userId: people.viewer.id, title: { contains: 'review' } } }),
		).toBe(0)
		const overdue = new Date(open.dueOn.getTime() + 2 * DAY)
		expect(await Promise.all([runReviewReminders(overdue), runReviewReminders(overdue)])).toSatisfy(
			(rs: { overdue: number }[]) => rs.reduce((n, r) => n + r.overdue, 0) === 1,
		)
		expect(
			await db.prisma.notification.count({
				where: { userId: people.staff.id, title: 'Nia Evans’s plan review is overdue' },
			}),
		).toBe(1)
	})

	it('puts everything done in the holder’s name on their trail, in words', async () => {
		const { rows } = await trailRows(people.nia, ids.nia, { all: true })
		const sentences = rows.map((r) => r.sentence)
		expect(sentences).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/set your budget at £12,000.00 a year, paid as: a direct payment/),
				'You started writing your support plan',
				expect.stringMatching(/^Pat Planner \(broker\) saved your support plan \(outcomes\)$/),
				'You sent your support plan to be agreed',
				expect.stringMatching(/asked a question about your support plan$/),
				'You answered the question about your support plan and sent it back',
				expect.stringMatching(/agreed your support plan \(version 2\)$/),
				'You asked for a review of your support plan',
				expect.stringMatching(/^Pat Planner \(broker\) reviewed how your support plan is going$/),
			]),
		)
	})
})
