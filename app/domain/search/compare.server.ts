/**
 * Compare up to three providers side by side: prices (with fair-price guidance), checks, rating, languages,
 * availability and distance. Only published providers are shown.
 */
import { z } from 'zod'
import { credentialKindLabels, formatPrice, humanise, providerKindLabels } from '#app/domain/providers/labels.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { formatMonth, startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { distanceKm, formatDistance } from '#search/geo.ts'
import { weekdays } from '#search/types.ts'
import { availabilityTokens, describeNextAvailability, nextAvailability, weekdayLabels } from './availability.ts'
import { comparePrice, priceComparisonLabels } from './fair-price.ts'
import { guideKey, priceGuidesFor } from './fair-price.server.ts'
import { findPlace } from './places.server.ts'
import { listCategories } from './search-page.server.ts'

export const MAX_COMPARE = 3

const IdsSchema = z
	.array(
		z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9_-]{1,64}$/, 'That link has a provider id we do not recognise'),
	)
	.max(50, 'That link lists too many providers')

export type CompareColumn = {
	id: string
	slug: string
	name: string
	kind: string
	where: string
	distance: string | null
	services: Array<{ title: string; price: string; position: string | null; guide: string | null }>
	rating: { average: number | null; count: number }
	credentials: string[]
	languages: string[]
	accessibility: string[]
	usualAvailability: string
	nextAvailable: string
	groupBookings: string
	cancellation: string
}

export type CompareData = { columns: CompareColumn[]; messages: string[]; near: string | null; backHref: string }

export async function loadCompare(url: URL, now: Date = clockNow()): Promise<CompareData> {
	const messages: string[] = []
	const raw = url.searchParams
		.getAll('ids')
		.flatMap((v) => v.split(','))
		.filter((v) => v.trim() !== '')
	const parsed = IdsSchema.safeParse(raw)
	let ids: string[] = []
	if (parsed.success) ids = [...new Set(parsed.data)]
	else messages.push(parsed.error.issues[0]?.message ?? 'That link is not valid')
	if (ids.length > MAX_COMPARE) {
		messages.push(
			`You can compare up to ${MAX_COMPARE} providers at a time. These are the first ${MAX_COMPARE} you chose.`,
		)
		ids = ids.slice(0, MAX_COMPARE)
	}
	const nearText = z
		.string()
		.trim()
		.max(80)
		.catch('')
		.parse(url.searchParams.get('near') ?? '')
	const place = nearText ? await findPlace(prisma, nearText) : null
	const origin = place?.found ?? null
	if (nearText && !origin) messages.push(`We could not find “${nearText}”, so distances are not shown.`)

	const rows = ids.length
		? await prisma.provider.findMany({
				where: { id: { in: ids }, published: true, deletedAt: null },
				select: {
					id: true,
					slug: true,
					name: true,
					kind: true,
					town: true,
					postcodeDistrict: true,
					lat: true,
					lng: true,
					ratingAverage: true,
					reviewCount: true,
					languages: true,
					accessibility: true,
					acceptsGroupBookings: true,
					cancellationPolicy: true,
					services: {
						where: { active: true },
						orderBy: [{ pricePence: 'asc' }, { id: 'asc' }],
						select: { title: true, categorySlug: true, priceUnit: true, pricePence: true, currency: true },
					},
					credentials: {
						orderBy: { kind: 'asc' },
						select: { kind: true, title: true, expiresOn: true, verifiedAt: true },
					},
					availability: { select: { weekday: true, startMinute: true, endMinute: true } },
					exceptions: { where: { endsAt: { gt: now } }, select: { startsAt: true, endsAt: true } },
				},
			})
		: []
	if (rows.length < ids.length) {
		const missing = ids.length - rows.length
		messages.push(
			missing === 1
				? 'One of the providers you chose is no longer listed, so it is not shown.'
				: `${missing} of the providers you chose are no longer listed, so they are not shown.`,
		)
	}
	const ordered = ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is (typeof rows)[number] => Boolean(r))
	const categories = await listCategories()
	const guides = await priceGuidesFor(
		prisma,
		ordered.flatMap((p) =>
			p.services.map((s) => ({
				town: p.town,
				kind: p.kind,
				categorySlug: s.categorySlug,
				priceUnit: s.priceUnit,
				currency: s.currency,
			})),
		),
		Object.fromEntries(categories.map((c) => [c.slug, c.name])),
	)
	const today = startOfDay(now)

	const columns: CompareColumn[] = ordered.map((p) => {
		const tokens = availabilityTokens(p.availability)
		return {
			id: p.id,
			slug: p.slug,
			name: p.name,
			kind: providerKindLabels[p.kind],
			where: `${p.town} (${p.postcodeDistrict})`,
			distance: origin ? `${formatDistance(distanceKm(origin, p))} from ${origin.name}` : null,
			services: p.services.map((s) => {
				const guide = guides.get(
					guideKey({
						town: p.town,
						kind: p.kind,
						categorySlug: s.categorySlug,
						priceUnit: s.priceUnit,
						currency: s.currency,
					}),
				)
				return {
					title: s.title,
					price: formatPrice(s.pricePence, s.priceUnit, s.currency),
					position: guide ? priceComparisonLabels[comparePrice(s.pricePence, guide)] : null,
					guide: guide?.sentence ?? null,
				}
			}),
			rating: { average: p.reviewCount > 0 ? p.ratingAverage : null, count: p.reviewCount },
			credentials: p.credentials
				.filter((c) => !c.expiresOn || c.expiresOn >= today)
				.map(
					(c) =>
						`${c.title} (${credentialKindLabels[c.kind]})${c.verifiedAt ? ', checked by Budget Market' : ''}${c.expiresOn ? `, valid until ${formatMonth(c.expiresOn)}` : ''}`,
				),
			languages: p.languages,
			accessibility: p.accessibility.map(humanise),
			usualAvailability: describeWeek(tokens.slots),
			nextAvailable: describeNextAvailability(nextAvailability(p.availability, p.exceptions, now)),
			groupBookings: p.acceptsGroupBookings ? 'Yes' : 'No',
			cancellation: p.cancellationPolicy,
		}
	})
	if (ids.length === 0 && messages.length === 0) {
		messages.push('Choose up to three providers from the search results to compare them here.')
	}
	return { columns, messages, near: origin?.name ?? null, backHref: '/search' }
}

/** "Monday morning and afternoon; Wednesday evening" from day-part tokens. */
export function describeWeek(slots: string[]): string {
	const byDay = weekdays
		.map((d) => ({
			day: weekdayLabels[d],
			parts: slots.filter((s) => s.startsWith(`${d}-`)).map((s) => s.slice(4)),
		}))
		.filter((d) => d.parts.length > 0)
	if (byDay.length === 0) return 'Not stated: ask them'
	return byDay.map((d) => `${d.day} ${d.parts.join(' and ')}`).join('; ')
}
