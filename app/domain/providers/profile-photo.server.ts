/**
 * Setting and removing a provider's photo. The file is written to the photo store before the profile points
 * at it, so the page never links to a photo that is not there; a replaced or removed photo is deleted from the
 * store afterwards unless another profile uses the same file (names are content hashes).
 * Callers check ownership first (requireOwnProvider).
 */
import { prisma } from '#app/utils/db.server.ts'
import { lockRow } from '#app/utils/transaction.server.ts'
import { enqueueProviderSync } from './outbox.server.ts'
import { getPhotoStore, preparePhoto } from './photos.server.ts'

async function deleteIfUnused(name: string): Promise<void> {
	const users = await prisma.provider.count({ where: { photoPath: name } })
	if (users === 0) await getPhotoStore().delete(name)
}

async function swapPhoto(providerId: string, photoPath: string | null): Promise<string | null> {
	return prisma.$transaction(async (tx) => {
		await lockRow(tx, 'Provider', providerId)
		const before = await tx.provider.findUniqueOrThrow({ where: { id: providerId }, select: { photoPath: true } })
		await tx.provider.update({ where: { id: providerId }, data: { photoPath } })
		await enqueueProviderSync(tx, providerId)
		return before.photoPath
	})
}

/** Checks, resizes and stores the upload, and makes it the profile's photo. Returns the stored name. */
export async function setProviderPhoto(providerId: string, upload: Uint8Array): Promise<string> {
	const photo = await preparePhoto(upload)
	await getPhotoStore().put(photo.name, photo.bytes)
	const previous = await swapPhoto(providerId, photo.name)
	if (previous && previous !== photo.name) await deleteIfUnused(previous)
	return photo.name
}

/** Takes the photo off the profile. */
export async function removeProviderPhoto(providerId: string): Promise<void> {
	const previous = await swapPhoto(providerId, null)
	if (previous) await deleteIfUnused(previous)
}
