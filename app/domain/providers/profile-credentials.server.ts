/**
 * A provider's checks and credentials (DBS, registrations, first aid, training, insurance) with the dates they
 * were issued and expire. Dates are calendar days (stored as midnight UTC in a DATE column). An expired
 * credential stays on the profile, marked as expired, and no longer counts for the search filters.
 * Callers check ownership first (requireOwnProvider); every query is still scoped by providerId.
 */
import { now as clockNow } from '#app/utils/clock.server.ts'
import { parseIsoDay, startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { enqueueProviderSync } from './outbox.server.ts'
import { profileNotFound } from './profile.server.ts'
import type { CredentialInput } from './profile-schemas.ts'

export async function listCredentialsForEditing(providerId: string) {
	return prisma.credential.findMany({
		where: { providerId },
		orderBy: [{ kind: 'asc' }, { title: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			kind: true,
			title: true,
			issuer: true,
			reference: true,
			issuedOn: true,
			expiresOn: true,
			verifiedAt: true,
		},
	})
}

export async function addCredential(providerId: string, input: CredentialInput): Promise<{ id: string }> {
	return prisma.$transaction(async (tx) => {
		const credential = await tx.credential.create({
			data: {
				providerId,
				kind: input.kind,
				title: input.title,
				issuer: input.issuer,
				reference: input.reference || null,
				issuedOn: parseIsoDay(input.issuedOn)!,
				expiresOn: input.expiresOn ? parseIsoDay(input.expiresOn) : null,
			},
			select: { id: true },
		})
		await enqueueProviderSync(tx, providerId)
		return credential
	})
}

export async function removeCredential(providerId: string, credentialId: string): Promise<void> {
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.credential.deleteMany({ where: { id: credentialId, providerId } })
		if (count === 0) throw profileNotFound()
		await enqueueProviderSync(tx, providerId)
	})
}

/** True when the credential's expiry day is before today (UTC calendar days, as they are stored). */
export function isExpired(expiresOn: Date | string | null, now: Date = clockNow()): boolean {
	if (!expiresOn) return false
	return new Date(expiresOn).getTime() < startOfDay(now).getTime()
}
