import { prisma } from '#app/utils/db.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { shownReviewSelect, shownReviewWithAuthor } from '#app/domain/reviews/privacy.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { providerAboutSelect } from './selects.ts'

export const DIRECTORY_PAGE_SIZE = 20

/** Providers anyone may see: published and not deleted. */
const visible = { published: true, deletedAt: null } satisfies Prisma.ProviderWhereInput

/**
 * The directory: published providers by name, a page at a time. `q` is a plain contains-match on name, town,
 * headline and service titles (the search engine, with typos and ranking, lives in search/).
 */
export async function listProviders(page: number, q?: string) {
	const words = q?.trim().split(/\s+/).filter(Boolean).slice(0, 8) ?? []
	const where: Prisma.ProviderWhereInput = {
		...visible,
		AND: words.map((word) => ({
			OR: [
				{ name: { contains: word, mode: 'insensitive' as const } },
				{ town: { contains: word, mode: 'insensitive' as const } },
				{ headline: { contains: word, mode: 'insensitive' as const } },
				{ services: { some: { title: { contains: word, mode: 'insensitive' as const } } } },
			],
		})),
	}
	const [total, providers] = await Promise.all([
		prisma.provider.count({ where }),
		prisma.provider.findMany({
			where,
			orderBy: [{ name: 'asc' }, { id: 'asc' }],
			skip: (page - 1) * DIRECTORY_PAGE_SIZE,
			take: DIRECTORY_PAGE_SIZE,
			select: {
				slug: true,
				name: true,
				kind: true,
				town: true,
				headline: true,
				ratingAverage: true,
				reviewCount: true,
				services: {
					where: { active: true },
					orderBy: { pricePence: 'asc' },
					take: 1,
					select: { title: true, pricePence: true, priceUnit: true, currency: true },
				},
			},
		}),
	])
	return { total, providers, pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)) }
}

type ReviewFigures = Record<'r5' | 'r4' | 'r3' | 'r2' | 'r1' | 'removed', number> &
	Record<'reliable' | 'respectful' | 'didWhatAgreed', number | null>

const emptyFigures: ReviewFigures = {
	r5: 0,
	r4: 0,
	r3: 0,
	r2: 0,
	r1: 0,
	removed: 0,
	reliable: null,
	respectful: null,
	didWhatAgreed: null,
}

/** A provider's public profile. Unpublished profiles are visible only to their owner. */
export async function getProviderProfile(slug: string, viewer: SessionUser | null) {
	const provider = await prisma.provider.findFirst({
		where: {
			slug,
			deletedAt: null,
			OR: [{ published: true }, ...(viewer ? [{ ownerId: viewer.id }] : [])],
		},
		select: {
			...providerAboutSelect,
			cancellationPolicy: true,
			photoPath: true,
			published: true,
			ratingAverage: true,
			reviewCount: true,
			ownerId: true,
			services: {
				where: { active: true },
				orderBy: [{ categorySlug: 'asc' }, { pricePence: 'asc' }],
				select: {
					id: true,
					title: true,
					description: true,
					pricePence: true,
					priceUnit: true,
					currency: true,
					durationMinutes: true,
					maxGroupSize: true,
					category: { select: { name: true } },
				},
			},
			credentials: {
				orderBy: { kind: 'asc' },
				select: { id: true, kind: true, title: true, issuer: true, expiresOn: true, verifiedAt: true },
			},
			availability: {
				orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
				select: { weekday: true, startMinute: true, endMinute: true },
			},
			categories: { select: { category: { select: { name: true } } } },
		},
	})
	if (!provider) return null
	// The clock the review rules use (the browser tests move it); see app/domain/reviews/rules.ts.
	const now = clockNow()
	// Double-blind: a review shows once it is visible; removed reviews leave a line saying so. The rating's spread,
	// the removed count and the three questions' averages come from one query (issue 14; they were three).
	const [reviews, [figures]] = await Promise.all([
		prisma.review.findMany({
			where: { providerId: provider.id, visibleFrom: { lte: now } },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: 5,
			select: {
				...shownReviewSelect,
				holder: { select: { displayName: true } },
				commission: { select: { title: true } },
			},
		}),
		prisma.$queryRaw<ReviewFigures[]>`
			SELECT
			  COUNT(*) FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now} AND "rating" = 5)::int AS "r5",
			  COUNT(*) FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now} AND "rating" = 4)::int AS "r4",
			  COUNT(*) FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now} AND "rating" = 3)::int AS "r3",
			  COUNT(*) FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now} AND "rating" = 2)::int AS "r2",
			  COUNT(*) FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now} AND "rating" = 1)::int AS "r1",
			  COUNT(*) FILTER (WHERE "status" = 'REMOVED')::int AS "removed",
			  (AVG("reliable") FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now}))::float8 AS "reliable",
			  (AVG("respectful") FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now}))::float8 AS "respectful",
			  (AVG("didWhatAgreed") FILTER (WHERE "status" = 'PUBLISHED' AND "visibleFrom" <= ${now}))::float8 AS "didWhatAgreed"
			FROM "Review" WHERE "providerId" = ${provider.id}`,
	])
	const f = figures ?? emptyFigures
	const distribution = ([5, 4, 3, 2, 1] as const).map((stars) => ({ stars, count: Number(f[`r${stars}`]) }))
	const removedCount = Number(f.removed)
	const questionTotals = { _avg: { reliable: f.reliable, respectful: f.respectful, didWhatAgreed: f.didWhatAgreed } }
	const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10)
	const isOwner = viewer?.id === provider.ownerId
	return {
		...provider,
		// An expired check is still shown, as expired: people should know it needs renewing.
		credentials: provider.credentials.map((c) => ({
			...c,
			expired: c.expiresOn !== null && c.expiresOn.getTime() < now.getTime(),
		})),
		isOwner,
		reviews: reviews.map((r) => ({
			// Only a first name and initial, for privacy; a removed review keeps only the moderator's reason.
			...shownReviewWithAuthor(r),
			/** The group activity it reviews, or null for a booking's review. */
			groupActivity: r.commission?.title ?? null,
			// The provider replies once, publicly; nobody can edit or hide a review.
			canReply: isOwner && r.status === 'PUBLISHED' && r.providerReply === null,
			canReport: r.status === 'PUBLISHED',
		})),
		distribution,
		removedCount,
		// The averages of the three plain questions, over the same reviews as the rating.
		questionAverages: {
			reliable: oneDecimal(questionTotals._avg.reliable),
			respectful: oneDecimal(questionTotals._avg.respectful),
			didWhatAgreed: oneDecimal(questionTotals._avg.didWhatAgreed),
		},
	}
}

export async function countPublishedProviders(): Promise<number> {
	return prisma.provider.count({ where: visible })
}
