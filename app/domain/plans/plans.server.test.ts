import { describe, expect, it } from 'vitest'
import { holderPlanSummary, WORKING } from '#app/domain/plans/plans.server.ts'
import { reviewState } from '#app/domain/plans/rules.ts'
import { addDays, startOfDay } from '#app/utils/dates.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { makeFunder, makeHolder } from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

/** The summary read the way it was before it took one query (issue 14): four reads, the holder's with its funder. */
async function readApart(holderId: string, now: Date) {
	const p = db().prisma
	const [holder, working, agreed, review] = await Promise.all([
		p.budgetHolder.findUnique({
			where: { id: holderId },
			select: { indicativeBudgetPence: true, budgetPaidHow: true, funder: { select: { currency: true } } },
		}),
		p.supportPlan.findFirst({ where: { holderId, status: { in: WORKING } }, select: { status: true, version: true } }),
		p.supportPlan.count({ where: { holderId, status: 'AGREED' } }),
		p.planReview.findFirst({
			where: { completedAt: null, plan: { holderId, status: 'AGREED' } },
			orderBy: { dueOn: 'asc' },
			select: { dueOn: true, requestedBy: true },
		}),
	])
	if (!holder) return null
	return {
		budgetPence: holder.indicativeBudgetPence,
		paidHow: holder.budgetPaidHow,
		currency: holder.funder.currency.trim(),
		working,
		hasAgreedPlan: agreed > 0,
		review: review ? { ...review, state: reviewState(review.dueOn, startOfDay(now)) } : null,
	}
}

describe('holderPlanSummary (one query: issue 14)', () => {
	it('answers what the holder, their plans and their open reviews say, as the separate reads did', async () => {
		const now = new Date()
		const today = startOfDay(now)
		const funder = await makeFunder(db().prisma)
		const bare = await makeHolder(db().prisma, funder.id, 'Nia Nothing')
		const holder = await makeHolder(db().prisma, funder.id, 'Pat Planned')
		await db().prisma.budgetHolder.update({
			where: { id: holder.id },
			data: { indicativeBudgetPence: 1_200_000, budgetPaidHow: 'Paid to you as a direct payment' },
		})
		const plan = (status: 'AGREED' | 'DRAFT' | 'REPLACED', version: number) =>
			db().prisma.supportPlan.create({
				data: { holderId: holder.id, funderId: funder.id, status, version, startsOn: addDays(today, -100) },
			})
		const review = (planId: string, days: number, done = false, requestedBy: string | null = null) =>
			db().prisma.planReview.create({
				data: { planId, dueOn: addDays(today, days), completedAt: done ? now : null, requestedBy },
			})

		expect(await holderPlanSummary(bare.id, now)).toEqual(await readApart(bare.id, now))
		expect(await holderPlanSummary(bare.id, now)).toMatchObject({ working: null, hasAgreedPlan: false, review: null })
		expect(await holderPlanSummary('no-such-holder', now)).toBeNull()

		const old = await plan('REPLACED', 1)
		await review(old.id, -30)
		const agreed = await plan('AGREED', 2)
		await review(agreed.id, -5, true)
		await review(agreed.id, 40)
		await review(agreed.id, 10, false, 'holder')
		// Only an agreed plan's open reviews count: the replaced plan's older one does not.
		let summary = await holderPlanSummary(holder.id, now)
		expect(summary).toEqual(await readApart(holder.id, now))
		expect(summary).toMatchObject({
			budgetPence: 1_200_000,
			paidHow: 'Paid to you as a direct payment',
			working: null,
			hasAgreedPlan: true,
			review: { dueOn: addDays(today, 10), requestedBy: 'holder' },
		})

		await plan('DRAFT', 3)
		summary = await holderPlanSummary(holder.id, now)
		expect(summary).toEqual(await readApart(holder.id, now))
		expect(summary?.working).toEqual({ status: 'DRAFT', version: 3 })
	})
})
