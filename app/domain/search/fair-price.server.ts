/**
 * Fair-price guidance: the typical (median) and usual range (middle half: 25th to 75th percentile) of listed prices
 * for the same kind of provider, category and price unit in the same town, so people can see whether a price is
 * usual. Computed from active services of published providers into PriceGuide by refreshPriceGuide (the search
 * worker and `npm run search:reindex` run it); read with one query per page.
 */
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { prisma as appPrisma } from '#app/utils/db.server.ts'
import type { PriceUnit, ProviderKind } from '#app/generated/prisma/enums.ts'
import {
	comparePrice,
	describeGuide,
	priceComparisonLabels,
	type GuideScope,
	type PriceGuideRow,
	type PriceGuideView,
} from './fair-price.ts'

/** Fewer listings than this say too little about a town: use a wider scope. */
export const MIN_LISTINGS = 5

export async function refreshPriceGuide(prisma: PrismaClient): Promise<number> {
	const [, inserted] = await prisma.$transaction([
		prisma.$executeRawUnsafe(`DELETE FROM "PriceGuide"`),
		prisma.$executeRawUnsafe(`
			INSERT INTO "PriceGuide" (area, kind, "categorySlug", "priceUnit", currency, listings,
				"minPence", "p25Pence", "medianPence", "p75Pence", "maxPence", "computedAt")
			SELECT CASE WHEN GROUPING(p.town) = 1 THEN '*' ELSE p.town END,
				p.kind::text,
				CASE WHEN GROUPING(s."categorySlug") = 1 THEN '*' ELSE s."categorySlug" END,
				s."priceUnit"::text, s.currency, count(*)::int,
				min(s."pricePence"),
				round(percentile_cont(0.25) WITHIN GROUP (ORDER BY s."pricePence"))::int,
				round(percentile_cont(0.5) WITHIN GROUP (ORDER BY s."pricePence"))::int,
				round(percentile_cont(0.75) WITHIN GROUP (ORDER BY s."pricePence"))::int,
				max(s."pricePence"),
				now()
			FROM "Service" s JOIN "Provider" p ON p.id = s."providerId"
			WHERE s.active AND p.published AND p."deletedAt" IS NULL
			GROUP BY GROUPING SETS (
				(p.town, p.kind, s."categorySlug", s."priceUnit", s.currency),
				(p.town, p.kind, s."priceUnit", s.currency),
				(p.kind, s."categorySlug", s."priceUnit", s.currency),
				(p.kind, s."priceUnit", s.currency))`),
	])
	forgetPriceGuideCache()
	return inserted
}

/** The whole guide is small (towns × kinds × categories × units): each process keeps it for a while. */
const GUIDE_TTL_MS = 30_000
type GuideTable = { at: number; db: unknown; rows: Map<string, PriceGuideRow & { listings: number }> }
let cachedTable: GuideTable | undefined
let loadingTable: Promise<GuideTable> | undefined

async function guideTable(prisma: PrismaClient): Promise<GuideTable> {
	if (cachedTable && cachedTable.db === prisma && Date.now() - cachedTable.at < GUIDE_TTL_MS) return cachedTable
	loadingTable ??= (async () => {
		const all = await prisma.priceGuide.findMany()
		const rows = new Map(all.map((r) => [[r.area, r.kind, r.categorySlug, r.priceUnit, r.currency].join('|'), r]))
		cachedTable = { at: Date.now(), db: prisma, rows }
		return cachedTable
	})().finally(() => {
		loadingTable = undefined
	})
	return loadingTable
}

/** Forget the cached guide (after recomputing it). */
export function forgetPriceGuideCache(): void {
	cachedTable = undefined
}

export type GuideKey = {
	town: string
	kind: ProviderKind
	categorySlug: string
	priceUnit: PriceUnit
	currency: string
}

const keyOf = (k: GuideKey) => [k.town, k.kind, k.categorySlug, k.priceUnit, k.currency].join('|')

/**
 * Guidance for each key, from the narrowest scope with enough listings: this town and category, this town,
 * every town and this category, every town. Null when nothing comparable is listed.
 */
export async function priceGuidesFor(
	prisma: PrismaClient,
	keys: GuideKey[],
	categoryNames: Record<string, string> = {},
): Promise<Map<string, PriceGuideView | null>> {
	const out = new Map<string, PriceGuideView | null>()
	if (keys.length === 0) return out
	const unique = [...new Map(keys.map((k) => [keyOf(k), k])).values()]
	const table = await guideTable(prisma)
	const find = (area: string, kind: string, cat: string, unit: string, cur: string) =>
		table.rows.get([area, kind, cat, unit, cur].join('|'))
	for (const k of unique) {
		const scopes: Array<[string, string, GuideScope]> = [
			[k.town, k.categorySlug, { town: k.town, category: categoryNames[k.categorySlug] ?? null }],
			[k.town, '*', { town: k.town, category: null }],
			['*', k.categorySlug, { town: null, category: categoryNames[k.categorySlug] ?? null }],
			['*', '*', { town: null, category: null }],
		]
		let view: PriceGuideView | null = null
		for (const [i, [area, cat, scope]] of scopes.entries()) {
			const row = find(area, k.kind, cat, k.priceUnit, k.currency)
			if (row && (row.listings >= MIN_LISTINGS || (i === scopes.length - 1 && row.listings >= 2))) {
				view = describeGuide(row, k.kind, scope)
				break
			}
		}
		out.set(keyOf(k), view)
	}
	return out
}

export function guideKey(k: GuideKey): string {
	return keyOf(k)
}

export type ServiceGuide = {
	sentence: string
	detail: string
	position: 'below' | 'typical' | 'above'
	positionLabel: string
}

/**
 * Guidance for each of a provider's services, by service id: for the profile page and anywhere else a provider's
 * prices are listed. Services with nothing comparable are left out.
 */
export async function priceGuidesForServices(
	prisma: PrismaClient,
	provider: { town: string; kind: ProviderKind },
	services: Array<{ id: string; categorySlug: string; priceUnit: PriceUnit; currency: string; pricePence: number }>,
): Promise<Record<string, ServiceGuide>> {
	const categories = await prisma.category.findMany({ select: { slug: true, name: true } })
	const keyFor = (s: (typeof services)[number]) => ({
		town: provider.town,
		kind: provider.kind,
		categorySlug: s.categorySlug,
		priceUnit: s.priceUnit,
		currency: s.currency,
	})
	const guides = await priceGuidesFor(
		prisma,
		services.map(keyFor),
		Object.fromEntries(categories.map((c) => [c.slug, c.name])),
	)
	const out: Record<string, ServiceGuide> = {}
	for (const s of services) {
		const guide = guides.get(guideKey(keyFor(s)))
		if (!guide) continue
		const position = comparePrice(s.pricePence, guide)
		out[s.id] = {
			sentence: guide.sentence,
			detail: guide.detail,
			position,
			positionLabel: priceComparisonLabels[position],
		}
	}
	return out
}

/**
 * For the profile page: guidance for each listed service, by service id. The services need their id,
 * categorySlug, priceUnit, currency and pricePence.
 */
export function getProfilePriceGuides(provider: {
	town: string
	kind: ProviderKind
	services: Array<{ id: string; categorySlug: string; priceUnit: PriceUnit; currency: string; pricePence: number }>
}): Promise<Record<string, ServiceGuide>> {
	return priceGuidesForServices(appPrisma, provider, provider.services)
}
