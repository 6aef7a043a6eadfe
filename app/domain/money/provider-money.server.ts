/**
 * What a provider sees about money: for each of their profiles, what the platform owes them (due), what is being
 * paid out, what has been paid, and each payout with its status. Scoped to the profiles this person owns.
 */
import type { ProviderKind } from '#app/generated/prisma/enums.ts'
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

/** A profile this person owns, as their dashboard lists it. */
export type OwnedProvider = {
	id: string
	name: string
	slug: string
	published: boolean
	ratingAverage: number | null
	reviewCount: number
	kind: ProviderKind
	town: string
}

export async function getProviderMoney(ownerId: string): Promise<ProviderMoney[]> {
	return (await ownedProvidersWithMoney(ownerId)).money
}

/**
 * The profiles this person owns and what each is owed and paid, from one read of them: the dashboard lists them, shows
 * their money and finds their group work from it (issue 14: it read them three times).
 */
export async function ownedProvidersWithMoney(
	ownerId: string,
): Promise<{ providers: OwnedProvider[]; money: ProviderMoney[] }> {
	const providers = await prisma.provider.findMany({
		where: { ownerId, deletedAt: null },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			name: true,
			slug: true,
			stripeAccountId: true,
			published: true,
			ratingAverage: true,
			reviewCount: true,
			kind: true,
			town: true,
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
	const money = providers.map((p) => ({
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
	return {
		providers: providers.map((p) => ({
			id: p.id,
			name: p.name,
			slug: p.slug,
			published: p.published,
			ratingAverage: p.ratingAverage,
			reviewCount: p.reviewCount,
			kind: p.kind,
			town: p.town,
		})),
		money,
	}
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
