/**
 * A provider editing their own profile: who may, the "about" details, and publishing or hiding it.
 *
 * Rights: only the provider's owner (a signed-in PROVIDER whose id is Provider.ownerId) may see or change the
 * profile in the editor; for anyone else the profile does not exist (404), so the editor never confirms that
 * someone else's profile id is real. Every write that search shows happens in one transaction with
 * `enqueueProviderSync`, so search catches up within seconds and a rolled-back write never reaches it. Edits
 * that read before they write lock the provider's row first (`lockRow(tx, 'Provider', id)`), so two edits of the
 * same profile (two tabs, a double click) are made one after the other and each sees what the other wrote.
 * The other parts of the editor: profile-services.server.ts, profile-credentials.server.ts,
 * profile-availability.server.ts and profile-photo.server.ts.
 */
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { enqueueProviderSync } from './outbox.server.ts'
import type { AboutInput } from './profile-schemas.ts'
import { providerAboutSelect } from './selects.ts'

export type OwnProvider = { id: string; slug: string; name: string; published: boolean }

/** The 404 every editor page answers when the profile is not the signed-in person's. */
export function profileNotFound(): Response {
	return new Response('Not found', { status: 404, statusText: 'Not found' })
}

/** The provider, when this person owns it (and is a provider); otherwise throws 404. */
export async function requireOwnProvider(user: SessionUser, providerId: string): Promise<OwnProvider> {
	if (!user.roles.includes('PROVIDER') || !providerId) throw profileNotFound()
	const provider = await prisma.provider.findFirst({
		where: { id: providerId, ownerId: user.id, deletedAt: null },
		select: { id: true, slug: true, name: true, published: true },
	})
	if (!provider) throw profileNotFound()
	return provider
}

/** Slug → id of this person's profiles, for links to the editor. */
export async function ownProfileIds(userId: string): Promise<Record<string, string>> {
	const rows = await prisma.provider.findMany({
		where: { ownerId: userId, deletedAt: null },
		select: { id: true, slug: true },
	})
	return Object.fromEntries(rows.map((r) => [r.slug, r.id]))
}

/** What the editor's main page shows: the about details, publish state and a summary of each section. */
export async function getProfileOverview(providerId: string, now: Date = clockNow()) {
	const provider = await prisma.provider.findUnique({
		where: { id: providerId },
		select: {
			...providerAboutSelect,
			cancellationPolicy: true,
			lateCancelPercent: true,
			published: true,
			photoPath: true,
			_count: { select: { credentials: true, availability: true } },
		},
	})
	if (!provider) return null
	const [activeServices, allServices, timeOff] = await Promise.all([
		prisma.service.count({ where: { providerId, active: true } }),
		prisma.service.count({ where: { providerId } }),
		prisma.availabilityException.count({ where: { providerId, endsAt: { gt: now } } }),
	])
	return { ...provider, activeServices, allServices, timeOff }
}

/** Saves the about details (name, headline, bio, where, languages, access, group bookings, cancellation). */
export async function updateAbout(providerId: string, about: AboutInput): Promise<void> {
	await prisma.$transaction(async (tx) => {
		await tx.provider.update({
			where: { id: providerId },
			data: {
				name: about.name,
				headline: about.headline,
				bio: about.bio,
				town: about.town,
				postcodeDistrict: about.postcodeDistrict,
				lat: about.lat,
				lng: about.lng,
				coverRadiusKm: about.coverRadiusKm,
				languages: about.languages,
				accessibility: about.accessibility,
				acceptsGroupBookings: about.acceptsGroupBookings,
				cancellationPolicy: about.cancellationPolicy,
				lateCancelPercent: about.lateCancelPercent,
			},
		})
		await enqueueProviderSync(tx, providerId)
	})
}

/** Publishes the profile (anyone can find it) or hides it (only its owner sees it; search drops it). */
export async function setPublished(providerId: string, published: boolean): Promise<void> {
	await prisma.$transaction(async (tx) => {
		await tx.provider.update({ where: { id: providerId }, data: { published } })
		await enqueueProviderSync(tx, providerId)
	})
}
