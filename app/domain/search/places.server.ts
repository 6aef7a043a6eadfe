/**
 * Places people search near: towns and postcode districts, placed at the average position of the providers there.
 * Built from the Provider table (so it works offline, with no geocoding service) by refreshPlaces, which the
 * search worker and `npm run search:reindex` run.
 */
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { tokenize } from '#search/text.ts'

export type Place = { key: string; name: string; kind: 'town' | 'district'; town: string; lat: number; lng: number }

export function placeKey(text: string): string {
	return tokenize(text).join(' ')
}

/** "LE1", "le1 5ww", "LE1 5WW" → "le1"; null when it does not look like a UK postcode or district. */
export function postcodeDistrict(text: string): string | null {
	const compact = text.trim().toLowerCase().replace(/\s+/g, ' ')
	const match = /^([a-z]{1,2}\d[a-z\d]?)(?:\s?\d[a-z]{2})?$/.exec(compact)
	return match ? match[1]! : null
}

export async function refreshPlaces(prisma: PrismaClient): Promise<number> {
	const where = { deletedAt: null }
	const [towns, districts, districtTowns] = await Promise.all([
		prisma.provider.groupBy({ by: ['town'], where, _avg: { lat: true, lng: true }, _count: { _all: true } }),
		prisma.provider.groupBy({
			by: ['postcodeDistrict'],
			where,
			_avg: { lat: true, lng: true },
			_count: { _all: true },
		}),
		prisma.provider.groupBy({ by: ['postcodeDistrict', 'town'], where, _count: { _all: true } }),
	])
	const places = new Map<string, Place & { providers: number }>()
	for (const t of towns) {
		const key = placeKey(t.town)
		if (!key || t._avg.lat === null || t._avg.lng === null) continue
		const prev = places.get(key)
		if (prev && prev.providers >= t._count._all) continue
		places.set(key, {
			key,
			name: t.town,
			kind: 'town',
			town: t.town,
			lat: t._avg.lat,
			lng: t._avg.lng,
			providers: t._count._all,
		})
	}
	const mainTown = new Map<string, { town: string; n: number }>()
	for (const d of districtTowns) {
		const prev = mainTown.get(d.postcodeDistrict)
		if (!prev || d._count._all > prev.n) mainTown.set(d.postcodeDistrict, { town: d.town, n: d._count._all })
	}
	for (const d of districts) {
		const key = postcodeDistrict(d.postcodeDistrict)
		if (!key || places.has(key) || d._avg.lat === null || d._avg.lng === null) continue
		places.set(key, {
			key,
			name: d.postcodeDistrict.toUpperCase(),
			kind: 'district',
			town: mainTown.get(d.postcodeDistrict)?.town ?? '',
			lat: d._avg.lat,
			lng: d._avg.lng,
			providers: d._count._all,
		})
	}
	await prisma.$transaction([
		prisma.searchPlace.deleteMany({}),
		prisma.searchPlace.createMany({ data: [...places.values()] }),
	])
	return places.size
}

export type PlaceLookup =
	{ found: Place } | { found: null; suggestions: Array<{ name: string; town: string; kind: 'town' | 'district' }> }

/** A town or postcode district by name; when unknown, the closest spellings (pg_trgm similarity). */
export async function findPlace(prisma: PrismaClient, text: string): Promise<PlaceLookup> {
	const district = postcodeDistrict(text)
	const key = district ?? placeKey(text)
	if (!key) return { found: null, suggestions: [] }
	const exact = await prisma.searchPlace.findUnique({ where: { key } })
	if (exact) return { found: { ...exact, kind: exact.kind === 'district' ? 'district' : 'town' } }
	const rows = await prisma.$queryRawUnsafe<Array<{ name: string; town: string; kind: string }>>(
		`SELECT name, town, kind FROM "SearchPlace"
		 WHERE similarity(key, $1) > 0.25 OR ($2::text IS NOT NULL AND key LIKE $2 || '%')
		 ORDER BY similarity(key, $1) DESC, providers DESC LIMIT 3`,
		key,
		district ? district.replace(/\d.*$/, '') : null,
	)
	return {
		found: null,
		suggestions: rows.map((r) => ({ name: r.name, town: r.town, kind: r.kind === 'district' ? 'district' : 'town' })),
	}
}

export async function placeByKey(prisma: PrismaClient, key: string): Promise<Place | null> {
	const row = await prisma.searchPlace.findUnique({ where: { key } })
	return row ? { ...row, kind: row.kind === 'district' ? 'district' : 'town' } : null
}
