/**
 * The seven steps in the demo (issue 11, ADR 022): a holder at each step of their plan, all with Leicester City
 * Council (funder@demo.test sees them at /funder/plans):
 *  - Nia Evans (holder4@demo.test): told her budget, no plan yet (the browser journey writes it);
 *  - Tom Hughes (no sign-in): a draft plan, half written;
 *  - Aisha Begum (no sign-in): a plan waiting for the funder to agree it;
 *  - Sam Taylor (holder@demo.test): agreed and spending, next review months away;
 *  - Ravi Mistry (holder2@demo.test): a review due this week;
 *  - Margaret Okafor (carer@demo.test acts for her): a review done, with ratings and the funder's notes.
 * Plans carry no money, so these rows are written here directly (the ledger is untouched).
 */
import { addMonths } from '#app/domain/plans/rules.ts'
import { createHolder, type Db } from './builders.ts'
import { addDays, addMinutes, dateOnly } from './dates.ts'
import { demoIds } from './demo.ts'
import { funderId } from './generate.ts'

export const demoPlanIds = {
	nia: 'holder_demo_nia',
	tom: 'holder_demo_tom',
	aisha: 'holder_demo_aisha',
	niaUser: 'user_demo_holder4',
} as const

const DIRECT = 'A direct payment into your own bank account'
const MANAGED = 'Managed by the council for you'

export async function createDemoPlans(db: Db, passwordHash: string, now: Date): Promise<void> {
	const leicester = funderId('leicester-city')
	const today = dateOnly(now)
	const budget = (holderId: string, pence: number, how: string, at: Date) =>
		db.budgetHolder.update({
			where: { id: holderId },
			data: { indicativeBudgetPence: pence, budgetPaidHow: how, budgetSetAt: at },
		})

	/** A Leicester holder with no account of their own, known to the funder for `days` days. */
	const holderWithoutAccount = (id: string, displayName: string, postcodeDistrict: string, days: number) =>
		createHolder(db, {
			id,
			funderId: leicester,
			displayName,
			town: 'Leicester',
			postcodeDistrict,
			createdAt: addDays(now, -days),
			user: null,
		})

	// Step 1 only: Nia knows her money.
	await createHolder(db, {
		id: demoPlanIds.nia,
		funderId: leicester,
		displayName: 'Nia Evans',
		town: 'Leicester',
		postcodeDistrict: 'LE1',
		createdAt: addDays(now, -10),
		user: {
			id: demoPlanIds.niaUser,
			email: 'holder4@demo.test',
			roles: ['HOLDER'],
			passwordHash,
			createdAt: addDays(now, -10),
		},
	})
	await budget(demoPlanIds.nia, 1_000_000, DIRECT, addDays(now, -2))

	// A draft, half written.
	await holderWithoutAccount(demoPlanIds.tom, 'Tom Hughes', 'LE3', 30)
	await budget(demoPlanIds.tom, 800_000, MANAGED, addDays(now, -20))
	await db.supportPlan.create({
		data: {
			id: 'plan_demo_tom',
			holderId: demoPlanIds.tom,
			funderId: leicester,
			status: 'DRAFT',
			startsOn: addDays(today, -6),
			createdAt: addDays(now, -6),
			selfAssessment: { goodDay: 'Up early, a walk with the dog, then the allotment.' },
			whatMatters: 'My dog, my allotment, and my mates at the Tuesday darts.',
			outcomes: 'Keep my allotment going\nGet to darts every Tuesday',
			planOutcomes: {
				create: [
					{ position: 0, text: 'Keep my allotment going' },
					{ position: 1, text: 'Get to darts every Tuesday' },
				],
			},
		},
	})

	// Waiting for the funder to agree.
	await holderWithoutAccount(demoPlanIds.aisha, 'Aisha Begum', 'LE5', 40)
	await budget(demoPlanIds.aisha, 950_000, DIRECT, addDays(now, -30))
	const aishaOutcomes = [
		'Cook for my family again, with help',
		'Go to the mosque on Fridays',
		'Learn to use the bus on my own',
	]
	await db.supportPlan.create({
		data: {
			id: 'plan_demo_aisha',
			holderId: demoPlanIds.aisha,
			funderId: leicester,
			status: 'SUBMITTED',
			startsOn: addDays(today, -12),
			createdAt: addDays(now, -12),
			submittedAt: addDays(now, -3),
			selfAssessment: { hardNow: 'Standing for long since my stroke.', helpNeeded: 'Mornings and Friday afternoons.' },
			whatMatters: 'My children and grandchildren, my faith, and being able to get about.',
			whoHelps: 'My daughter Sara most days; my neighbour on Fridays.',
			outcomes: aishaOutcomes.join('\n'),
			planOutcomes: { create: aishaOutcomes.map((text, position) => ({ position, text })) },
			lines: {
				create: [
					{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 600_000, position: 0 },
					{ name: 'Getting out', categorySlug: 'getting-out', amountPence: 250_000, position: 1 },
					{ name: 'Bus travel training', categorySlug: null, amountPence: 100_000, position: 2 },
				],
			},
		},
	})

	// Sam: agreed and spending; the next review is on the funder's schedule.
	await budget(demoIds.holders.sam, 810_000, DIRECT, addDays(now, -90))
	const sam = await db.supportPlan.findUniqueOrThrow({ where: { id: demoIds.plans.sam }, select: { agreedAt: true } })
	await db.planReview.create({
		data: { id: 'planreview_demo_sam_next', planId: demoIds.plans.sam, dueOn: addMonths(dateOnly(sam.agreedAt!), 6) },
	})

	// Ravi: a review due this week; Joan: on the schedule.
	await budget(demoIds.holders.ravi, 450_000, DIRECT, addDays(now, -120))
	await db.planReview.create({
		data: { id: 'planreview_demo_ravi_due', planId: 'plan_demo_ravi', dueOn: addDays(today, 5) },
	})
	await budget(demoIds.holders.joan, 450_000, MANAGED, addDays(now, -120))
	const joan = await db.supportPlan.findUniqueOrThrow({ where: { id: 'plan_demo_joan' }, select: { agreedAt: true } })
	await db.planReview.create({
		data: { id: 'planreview_demo_joan_next', planId: 'plan_demo_joan', dueOn: addMonths(dateOnly(joan.agreedAt!), 6) },
	})

	// Margaret: her review is done, each outcome rated, with the funder's notes; the next one is scheduled.
	await budget(demoIds.holders.margaret, 1_200_000, MANAGED, addDays(now, -250))
	const review = await db.planReview.findUniqueOrThrow({
		where: { id: 'planreview_demo_margaret' },
		select: { id: true, heldOn: true, nextReviewOn: true, completedAt: true },
	})
	const outcomes = await db.planOutcome.findMany({
		where: { planId: demoIds.plans.margaret },
		orderBy: { position: 'asc' },
		select: { id: true },
	})
	const scores: [number, string | null][] = [
		[5, 'Same two PAs every week. Mornings are calmer.'],
		[3, 'Two weekends were missed when no one was free.'],
		[4, null],
	]
	await db.outcomeRating.createMany({
		data: outcomes.map((o, i) => ({
			reviewId: review.id,
			outcomeId: o.id,
			score: scores[i]?.[0] ?? 3,
			comment: scores[i]?.[1] ?? null,
			createdAt: review.completedAt ?? now,
		})),
	})
	await db.planReview.update({
		where: { id: review.id },
		data: {
			funderNotes: 'Agreed: book respite weekends three months ahead. Grace to call us if a weekend falls through.',
			funderNotesAt: addMinutes(review.completedAt ?? now, 24 * 60),
		},
	})
	await db.planReview.create({
		data: {
			id: 'planreview_demo_margaret_next',
			planId: demoIds.plans.margaret,
			dueOn: review.nextReviewOn ?? addMonths(dateOnly(review.heldOn ?? now), 6),
		},
	})
}
