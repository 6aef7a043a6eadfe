/**
 * Funders as schemes: each has a name, a scheme (UK direct payments, NDIS, …), a currency fixed when it is created
 * (every account of its holders is in it), a default instalment interval and a platform fee rate (default none).
 * Admins configure them.
 */
import type { Scheme } from '#app/generated/prisma/enums.ts'
import { prisma } from '#app/utils/db.server.ts'
import { MoneyError } from './errors.ts'

export const SCHEME_CURRENCIES: Record<Scheme, string[]> = {
	UK_DIRECT_PAYMENT: ['GBP'],
	UK_PERSONAL_BUDGET: ['GBP'],
	AU_NDIS: ['AUD'],
	IT_PIANO_PERSONALIZZATO: ['EUR'],
	OTHER: ['GBP', 'EUR', 'AUD', 'USD', 'NZD', 'CAD'],
}

export const schemeLabels: Record<Scheme, string> = {
	UK_DIRECT_PAYMENT: 'UK direct payments',
	UK_PERSONAL_BUDGET: 'UK personal budget (managed account)',
	AU_NDIS: 'Australia: NDIS',
	IT_PIANO_PERSONALIZZATO: 'Italy: piano personalizzato (Law 162/1998)',
	OTHER: 'Another scheme',
}

export async function listFunders() {
	return prisma.funder.findMany({
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			scheme: true,
			currency: true,
			instalmentDays: true,
			platformFeeBps: true,
			autoConfirmHours: true,
			reviewEveryMonths: true,
			_count: { select: { holders: true } },
		},
	})
}

export type NewFunder = {
	name: string
	scheme: Scheme
	currency: string
	instalmentDays: number
	platformFeeBps: number
}

export async function createFunder(input: NewFunder, adminUserId: string) {
	if (!SCHEME_CURRENCIES[input.scheme].includes(input.currency)) {
		throw new MoneyError(
			'INVALID',
			`Choose a currency this scheme uses: ${SCHEME_CURRENCIES[input.scheme].join(', ')}.`,
			{ field: 'currency' },
		)
	}
	if ((await prisma.funder.count({ where: { name: { equals: input.name, mode: 'insensitive' } } })) > 0) {
		throw new MoneyError('INVALID', 'There is already a funder with this name.', { field: 'name' })
	}
	return prisma.$transaction(async (tx) => {
		const funder = await tx.funder.create({ data: input })
		await tx.auditLog.create({
			data: {
				actorId: adminUserId,
				action: 'funder-created',
				entityType: 'Funder',
				entityId: funder.id,
				detail: { ...input },
			},
		})
		return funder
	})
}

/**
 * Changes the instalment interval, the fee rate and how long after delivery a session is confirmed automatically
 * (bookings already marked delivered keep the time they were given). The currency never changes: accounts were
 * opened in it.
 */
export async function updateFunderSettings(
	input: {
		funderId: string
		instalmentDays: number
		platformFeeBps: number
		autoConfirmHours?: number
		/** How often its holders' plans are reviewed (issue 11): reviews already due keep their date. */
		reviewEveryMonths?: number
	},
	adminUserId: string,
) {
	return prisma.$transaction(async (tx) => {
		const before = await tx.funder.findUnique({
			where: { id: input.funderId },
			select: { instalmentDays: true, platformFeeBps: true, autoConfirmHours: true, reviewEveryMonths: true },
		})
		if (!before) throw new MoneyError('NOT_FOUND', 'We could not find that funder.')
		const funder = await tx.funder.update({
			where: { id: input.funderId },
			data: {
				instalmentDays: input.instalmentDays,
				platformFeeBps: input.platformFeeBps,
				...(input.autoConfirmHours === undefined ? {} : { autoConfirmHours: input.autoConfirmHours }),
				...(input.reviewEveryMonths === undefined ? {} : { reviewEveryMonths: input.reviewEveryMonths }),
			},
		})
		await tx.auditLog.create({
			data: {
				actorId: adminUserId,
				action: 'funder-settings-changed',
				entityType: 'Funder',
				entityId: funder.id,
				detail: {
					before,
					after: {
						instalmentDays: funder.instalmentDays,
						platformFeeBps: funder.platformFeeBps,
						autoConfirmHours: funder.autoConfirmHours,
						reviewEveryMonths: funder.reviewEveryMonths,
					},
				},
			},
		})
		return funder
	})
}

/** The fee rate that applies to a holder's spending now (their funder's), for showing a price before booking. */
export async function feeRateForHolder(holderId: string): Promise<number> {
	const holder = await prisma.budgetHolder.findUnique({
		where: { id: holderId },
		select: { funder: { select: { platformFeeBps: true } } },
	})
	if (!holder) throw new MoneyError('NOT_FOUND', 'We could not find that budget holder.')
	return holder.funder.platformFeeBps
}
