/**
 * Search documents from the database: what an engine stores for each published provider.
 * Only published, not deleted providers become documents; everyone else is removed from the index.
 */
import type { Prisma } from '#app/generated/prisma/client.ts'
import { providerKindLabels } from '#app/domain/providers/labels.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { startOfDay } from '#app/utils/dates.ts'
import type { Db } from '#app/utils/transaction.server.ts'
import type { SearchDocument } from '#search/types.ts'
import { availabilityTokens } from './availability.ts'
import { providerAboutSelect } from '#app/domain/providers/selects.ts'

export const documentSelect = {
	...providerAboutSelect,
	lat: true,
	lng: true,
	published: true,
	deletedAt: true,
	ratingAverage: true,
	reviewCount: true,
	updatedAt: true,
	categories: { select: { category: { select: { slug: true, name: true } } } },
	services: {
		where: { active: true },
		orderBy: [{ pricePence: 'asc' }, { id: 'asc' }],
		select: {
			title: true,
			categorySlug: true,
			priceUnit: true,
			pricePence: true,
			currency: true,
			maxGroupSize: true,
			category: { select: { name: true } },
		},
	},
	credentials: { orderBy: [{ kind: 'asc' }, { title: 'asc' }], select: { kind: true, title: true, expiresOn: true } },
	availability: {
		orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
		select: { weekday: true, startMinute: true, endMinute: true },
	},
	exceptions: { orderBy: { startsAt: 'asc' }, select: { startsAt: true, endsAt: true } },
} satisfies Prisma.ProviderSelect

export type DocumentRow = Prisma.ProviderGetPayload<{ select: typeof documentSelect }>

const unitToType = { PER_HOUR: 'hourly', PER_SESSION: 'session', FIXED: 'fixed' } as const

/** The search document for a provider row, or null when it must not be found (unpublished or deleted). */
export function toSearchDocument(row: DocumentRow, now: Date = clockNow()): SearchDocument | null {
	if (!row.published || row.deletedAt) return null
	const today = startOfDay(now)
	const categories = new Map<string, string>()
	for (const c of row.categories) categories.set(c.category.slug, c.category.name)
	for (const s of row.services) if (!categories.has(s.categorySlug)) categories.set(s.categorySlug, s.category.name)
	const current = row.credentials.filter((c) => !c.expiresOn || c.expiresOn >= today)
	const tokens = availabilityTokens(row.availability)
	const cheapest = row.services[0]
	return {
		id: row.id,
		slug: row.slug,
		kind: row.kind,
		kindLabel: providerKindLabels[row.kind],
		name: row.name,
		headline: row.headline,
		bio: row.bio,
		town: row.town,
		postcodeDistrict: row.postcodeDistrict,
		lat: row.lat,
		lng: row.lng,
		categories: [...categories.keys()],
		categoryNames: [...categories.values()],
		services: row.services.map((s) => ({
			title: s.title,
			categorySlug: s.categorySlug,
			priceUnit: s.priceUnit,
			pricePence: s.pricePence,
			currency: s.currency,
			maxGroupSize: s.maxGroupSize,
		})),
		serviceTypes: [...new Set(row.services.map((s) => unitToType[s.priceUnit]))],
		languages: row.languages,
		accessibility: row.accessibility,
		credentials: [...new Set(current.map((c) => c.kind))],
		credentialTitles: current.map((c) => c.title),
		availability: row.availability,
		timeOff: row.exceptions
			.filter((e) => e.endsAt > now)
			.map((e) => ({ startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString() })),
		...tokens,
		acceptsGroupBookings: row.acceptsGroupBookings,
		priceFrom: cheapest?.pricePence ?? null,
		priceFromUnit: cheapest?.priceUnit ?? null,
		currency: cheapest?.currency ?? 'GBP',
		ratingAverage: row.reviewCount > 0 ? row.ratingAverage : null,
		reviewCount: row.reviewCount,
		coverRadiusKm: row.coverRadiusKm,
		updatedAt: row.updatedAt.toISOString(),
	}
}

/** Documents for these providers, and the ids that must be removed from the index (gone, hidden or deleted). */
export async function loadSearchDocuments(
	db: Db,
	providerIds: string[],
	now: Date = clockNow(),
): Promise<{ documents: SearchDocument[]; remove: string[] }> {
	const rows = await db.provider.findMany({ where: { id: { in: providerIds } }, select: documentSelect })
	const documents: SearchDocument[] = []
	const found = new Set<string>()
	for (const row of rows) {
		const doc = toSearchDocument(row, now)
		if (doc) {
			documents.push(doc)
			found.add(row.id)
		}
	}
	return { documents, remove: providerIds.filter((id) => !found.has(id)) }
}

/** Every document, a batch at a time in id order (for a full reindex). */
export async function* allSearchDocuments(
	db: Db,
	batchSize = 1000,
	now: Date = clockNow(),
): AsyncGenerator<SearchDocument[]> {
	let after: string | undefined
	for (;;) {
		const rows = await db.provider.findMany({
			where: { published: true, deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
			orderBy: { id: 'asc' },
			take: batchSize,
			select: documentSelect,
		})
		if (rows.length === 0) return
		after = rows.at(-1)!.id
		yield rows.map((r) => toSearchDocument(r, now)).filter((d): d is SearchDocument => d !== null)
		if (rows.length < batchSize) return
	}
}
