/**
 * What a provider sees about money: for each of their profiles, what the platform owes them (due), what is being
 * paid out, what has been paid, and each payout with its status. Scoped to the profiles this person owns.
 */
import { prisma } from '#app/utils/db.server.ts'
import { toNumber } from './amounts.ts'

export type ProviderMoney = {
	id: string
	name: string
	slug: string
	stripeAccountId: string | null
	/** Per currency. */
	balances: { currency: string; due: number; beingPaid: number; paidOut: number }[]
	payouts: {
		id: string
		amount: number
		currency: string
		status: 'AWAITING_PAYOUT' | 'IN_TRANSIT' | 'PAID' | 'FAILED'
		failureReason: string | null
		createdAt: Date
		paidAt: Date | null
	}[]
}

export async function getProviderMoney(ownerId: string): Promise<ProviderMoney[]> {
	const providers = await prisma.provider.findMany({
		where: { ownerId, deletedAt: null },
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			slug: true,
			stripeAccountId: true,
			accounts: {
				where: { kind: 'PROVIDER_PAYABLE' },
				select: { currency: true, creditsPosted: true, debitsPosted: true, debitsPending: true },
			},
			payouts: {
				orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
				take: 50,
				select: {
					id: true,
					amountPence: true,
					currency: true,
					status: true,
					failureReason: true,
					createdAt: true,
					paidAt: true,
				},
			},
		},
	})
	const paid = await prisma.payout.groupBy({
		by: ['providerId', 'currency'],
		where: { providerId: { in: providers.map((p) => p.id) }, status: 'PAID' },
		_sum: { amountPence: true },
	})
	return providers.map((p) => ({
		id: p.id,
		name: p.name,
		slug: p.slug,
		stripeAccountId: p.stripeAccountId,
		balances: p.accounts.map((a) => {
			const currency = a.currency.trim()
			return {
				currency,
				due: toNumber(a.creditsPosted - a.debitsPosted - a.debitsPending),
				beingPaid: toNumber(a.debitsPending),
				paidOut: paid.find((x) => x.providerId === p.id && x.currency.trim() === currency)?._sum.amountPence ?? 0,
			}
		}),
		payouts: p.payouts.map((x) => ({
			id: x.id,
			amount: x.amountPence,
			currency: x.currency.trim(),
			status: x.status,
			failureReason: x.failureReason,
			createdAt: x.createdAt,
			paidAt: x.paidAt,
		})),
	}))
}

/** Payouts an admin may need to act on (waiting, in transit, failed), oldest first, and the latest paid ones. */
export async function payoutsForAdmin() {
	const select = {
		id: true,
		amountPence: true,
		currency: true,
		status: true,
		failureReason: true,
		createdAt: true,
		paidAt: true,
		provider: { select: { name: true, slug: true, stripeAccountId: true } },
	} as const
	const [open, recent] = await Promise.all([
		prisma.payout.findMany({
			where: { status: { in: ['AWAITING_PAYOUT', 'IN_TRANSIT', 'FAILED'] } },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			take: 200,
			select,
		}),
		prisma.payout.findMany({
			where: { status: 'PAID' },
			orderBy: [{ paidAt: 'desc' }, { id: 'desc' }],
			take: 20,
			select,
		}),
	])
	return { open, recent }
}
