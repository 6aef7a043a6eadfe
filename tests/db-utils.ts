/**
 * Test-data builders. The ones the seed shares live in prisma/seed/builders.ts (production code, because the
 * server seeds an empty database at start-up) and are re-exported here, so tests import every builder from one
 * place; the ones only tests need are below.
 */
import { type Prisma, type Provider, type Service, type User } from '#app/generated/prisma/client.ts'
import { towns } from '#app/domain/reference/towns.ts'
import {
	createUserWithRoles,
	type CreateUserInput,
	type Db,
	ensureCategories,
	uniqueSuffix,
	withoutUndefined,
} from '#prisma/seed/builders.ts'
import { providerSlugBase } from '#prisma/seed/slug.ts'

export * from '#prisma/seed/builders.ts'

// ───────────────────────────── Providers ─────────────────────────────

export type CreateProviderInput = {
	/** An existing user who owns the provider. Left out: a new PROVIDER user is made from `owner`. */
	ownerId?: string
	owner?: CreateUserInput
	provider?: Partial<Prisma.ProviderUncheckedCreateInput>
	service?: Partial<Prisma.ServiceUncheckedCreateInput>
}

export type CreatedProvider = { owner: User; provider: Provider; service: Service }

/**
 * A published provider with one active service (by default a personal assistant in Leicester offering
 * personal care at £15.00 an hour), and its owner. Given a town from app/domain/reference/towns.ts, the postcode
 * district and coordinates default to that town's.
 */
export async function createProviderWithService(db: Db, input: CreateProviderInput = {}): Promise<CreatedProvider> {
	await ensureCategories(db)
	const owner = input.ownerId
		? await db.user.findUniqueOrThrow({ where: { id: input.ownerId } })
		: await createUserWithRoles(db, { ...input.owner, roles: input.owner?.roles ?? ['PROVIDER'] })
	const name = input.provider?.name ?? owner.name
	const town = input.provider?.town ?? 'Leicester'
	const place = towns.find((t) => t.name === town) ?? towns.find((t) => t.name === 'Leicester')
	const provider = await db.provider.create({
		data: {
			slug: `${providerSlugBase(name, town)}-${uniqueSuffix()}`,
			kind: 'PERSONAL_ASSISTANT',
			name,
			headline: `Personal assistant in ${town}: personal care and getting out`,
			bio: 'I have worked as a personal assistant for five years. I am patient, reliable and happy to help.',
			town,
			postcodeDistrict: place?.districts[0] ?? 'LE1',
			lat: place?.lat ?? 52.6369,
			lng: place?.lng ?? -1.1398,
			languages: ['English'],
			accessibility: [],
			...withoutUndefined(input.provider ?? {}),
			ownerId: owner.id,
		},
	})
	const service = await db.service.create({
		data: {
			title: 'Personal care at home',
			description: 'Help with washing, dressing and medicines, the way you like it.',
			categorySlug: 'personal-care',
			priceUnit: 'PER_HOUR',
			pricePence: 1500,
			currency: 'GBP',
			durationMinutes: 60,
			...withoutUndefined(input.service ?? {}),
			providerId: provider.id,
		},
	})
	return { owner, provider, service }
}

// ───────────────────────────── Availability ─────────────────────────────

/** The provider takes bookings every day of the week between `from` and `to` (minutes after midnight, local). */
export async function openEveryDay(db: Db, providerId: string, hours: { from: number; to: number }): Promise<void> {
	await db.availabilitySlot.createMany({
		data: Array.from({ length: 7 }, (_, weekday) => ({
			providerId,
			weekday,
			startMinute: hours.from,
			endMinute: hours.to,
		})),
	})
}
