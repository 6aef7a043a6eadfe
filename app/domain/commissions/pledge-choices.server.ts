/**
 * What the pledge form shows for each holder before they pledge (issue 9): the amount that will be set aside (the
 * share shown now plus their funder's platform fee, exactly what `pledge` holds), what is free in their budget, and
 * the lines of their agreed plan with the one it would be recorded against. Callers pass only holders the
 * commission's view lists for the person (getCommissionView checks the rights).
 *
 *   pledgeChoices(commissionId, holderIds, share) → Map(holderId → PledgeChoice)
 */
import { agreedPlan, availableOf, holderAccounts } from '#app/domain/money/holder-money.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { withFee } from './shares.ts'

export type PledgeChoice = {
	share: number
	fee: number
	/** What is set aside from the budget now: share + fee. Never more is taken. */
	total: number
	available: number
	currency: string
	lines: Array<{ id: string; name: string }>
	/** The line it is recorded against unless they choose another (the line for the activity's kind), or null. */
	defaultLineId: string | null
}

export async function pledgeChoices(
	commissionId: string,
	holderIds: string[],
	share: number,
): Promise<Map<string, PledgeChoice>> {
	const commission = await prisma.commission.findUnique({
		where: { id: commissionId },
		select: { service: { select: { categorySlug: true } } },
	})
	const category = commission?.service?.categorySlug ?? null
	const holders = await prisma.budgetHolder.findMany({
		where: { id: { in: holderIds } },
		select: { id: true, funder: { select: { platformFeeBps: true } } },
	})
	const choices = new Map<string, PledgeChoice>()
	for (const h of holders) {
		const accounts = await holderAccounts(prisma, h.id)
		const plan = await agreedPlan(prisma, h.id)
		const lines = plan?.lines ?? []
		const { fee, total } = withFee(share, h.funder.platformFeeBps)
		choices.set(h.id, {
			share,
			fee,
			total,
			available: await availableOf(prisma, accounts.budgetId),
			currency: accounts.currency,
			lines: lines.map((l) => ({ id: l.id, name: l.name })),
			defaultLineId: (category && lines.find((l) => l.categorySlug === category)?.id) || null,
		})
	}
	return choices
}
