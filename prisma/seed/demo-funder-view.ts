/**
 * Demo data for the funder's view (issue 11, ADR 023): every Leicester holder the generator made (not the demo
 * accounts, whose money and steps are set by hand) gets a
 * budget, the way the demo holders do (fundDemoHolder: an allocation paid through the ledger module, the rest
 * scheduled), so the council's view has money figures about enough people to be shown. Their spending stays with the
 * few demo accounts, so the spending figures show the small-numbers rule at work ("fewer than 5").
 */
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { fundDemoHolder, staffUserId } from './demo.ts'
import { funderId } from './generate.ts'

/** The address the generator gives its holders (generate.ts). */
export const GENERATED_EMAIL = '@holders.example.test'

export async function fundLeicesterHolders(prisma: PrismaClient, now: Date): Promise<number> {
	const holders = await prisma.budgetHolder.findMany({
		where: {
			funderId: funderId('leicester-city'),
			joinRequestedAt: null,
			allocations: { none: {} },
			user: { email: { endsWith: GENERATED_EMAIL } },
		},
		orderBy: { id: 'asc' },
		select: { id: true },
	})
	for (const [index, holder] of holders.entries()) {
		await fundDemoHolder(prisma, {
			holderId: holder.id,
			funderId: funderId('leicester-city'),
			staffUserId: staffUserId('leicester-city'),
			allocationId: `allocation_view_${holder.id}`,
			// £250 to £600 every 28 days.
			instalmentPence: 25_000 + (index % 8) * 5_000,
			now,
		})
	}
	return holders.length
}
