/**
 * The search contract fixtures (search/testing/fixtures.ts) as real database rows (users, providers, services,
 * credentials, availability), for tests that go through the app: loaders, documents, the outbox.
 */
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { ensureCategories } from '#tests/db-utils.ts'
import type { SearchDocument } from '#search/types.ts'

const credentialTitles = {
	BACKGROUND_CHECK: ['Enhanced DBS check', 'Disclosure and Barring Service'],
	FIRST_AID: ['Emergency first aid at work', 'St John Ambulance'],
	TRAINING: ['Care Certificate', 'Skills for Care'],
	REGISTRATION: ['Registered charity', 'Charity Commission'],
	INSURANCE: ['Public liability insurance', 'Ansvar'],
} as const

export async function insertProviders(prisma: PrismaClient, docs: SearchDocument[]): Promise<void> {
	await ensureCategories(prisma)
	for (const d of docs) {
		const owner = await prisma.user.create({
			data: { email: `${d.id}@fixtures.test`, name: d.name, passwordHash: 'not-a-real-hash', roles: ['PROVIDER'] },
		})
		await prisma.provider.create({
			data: {
				id: d.id,
				slug: d.slug,
				ownerId: owner.id,
				kind: d.kind,
				name: d.name,
				headline: d.headline,
				bio: d.bio,
				town: d.town,
				postcodeDistrict: d.postcodeDistrict,
				lat: d.lat,
				lng: d.lng,
				coverRadiusKm: d.coverRadiusKm,
				languages: d.languages,
				accessibility: d.accessibility,
				acceptsGroupBookings: d.acceptsGroupBookings,
				ratingAverage: d.ratingAverage,
				reviewCount: d.reviewCount,
				categories: { create: d.categories.map((categorySlug) => ({ categorySlug })) },
				services: {
					create: d.services.map((s) => ({
						title: s.title,
						description: `${s.title}, as described on the profile.`,
						categorySlug: s.categorySlug,
						priceUnit: s.priceUnit,
						pricePence: s.pricePence,
						currency: s.currency,
						maxGroupSize: s.maxGroupSize,
					})),
				},
				credentials: {
					create: d.credentials.map((kind) => ({
						kind,
						title: credentialTitles[kind][0],
						issuer: credentialTitles[kind][1],
						issuedOn: new Date('2025-01-15'),
						expiresOn: kind === 'FIRST_AID' ? new Date('2028-01-15') : null,
						verifiedAt: kind === 'BACKGROUND_CHECK' ? new Date('2025-02-01') : null,
					})),
				},
				availability: { create: d.availability },
			},
		})
	}
}
