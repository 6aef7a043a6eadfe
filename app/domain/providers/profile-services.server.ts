/**
 * A provider's services and prices. Prices are integer pence in GBP. A service that has ever been booked (or is
 * part of a group commission) is never deleted, because bookings point at it: it is switched off instead
 * (active = false), which takes it off the profile and out of search while its history stays intact.
 * Callers check ownership first (requireOwnProvider); every query is still scoped by providerId.
 */
import { prisma } from '#app/utils/db.server.ts'
import { lockRow } from '#app/utils/transaction.server.ts'
import { enqueueProviderSync } from './outbox.server.ts'
import { profileNotFound } from './profile.server.ts'
import { ProfileError } from './profile-errors.ts'
import type { ServiceInput } from './profile-schemas.ts'

export async function listCategories(): Promise<Array<{ slug: string; name: string }>> {
	return prisma.category.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true } })
}

const serviceSelect = {
	id: true,
	title: true,
	description: true,
	categorySlug: true,
	priceUnit: true,
	pricePence: true,
	currency: true,
	durationMinutes: true,
	maxGroupSize: true,
	active: true,
	category: { select: { name: true } },
	_count: { select: { bookings: true, commissions: true } },
} as const

/** Every service, offered ones first, with whether it has been booked (and so can only be switched off). */
export async function listServicesForEditing(providerId: string) {
	const rows = await prisma.service.findMany({
		where: { providerId },
		orderBy: [{ active: 'desc' }, { title: 'asc' }, { id: 'asc' }],
		select: serviceSelect,
	})
	return rows.map(({ _count, ...s }) => ({ ...s, used: _count.bookings + _count.commissions > 0 }))
}

export async function getServiceForEditing(providerId: string, serviceId: string) {
	const row = await prisma.service.findFirst({ where: { id: serviceId, providerId }, select: serviceSelect })
	if (!row) return null
	const { _count, ...s } = row
	return { ...s, used: _count.bookings + _count.commissions > 0 }
}

function serviceData(input: ServiceInput) {
	return {
		title: input.title,
		description: input.description,
		categorySlug: input.categorySlug,
		priceUnit: input.priceUnit,
		pricePence: input.price,
		durationMinutes: input.durationMinutes ?? null,
		maxGroupSize: input.maxGroupSize ?? null,
	}
}

async function checkCategory(slug: string): Promise<void> {
	const found = await prisma.category.findUnique({ where: { slug }, select: { slug: true } })
	if (!found) throw ProfileError.field('categorySlug', 'Choose what kind of support this is from the list')
}

/** Adds a service, offered straight away. */
export async function createService(providerId: string, input: ServiceInput): Promise<{ id: string }> {
	await checkCategory(input.categorySlug)
	return prisma.$transaction(async (tx) => {
		const service = await tx.service.create({
			data: { ...serviceData(input), providerId, currency: 'GBP', active: true },
			select: { id: true },
		})
		await enqueueProviderSync(tx, providerId)
		return service
	})
}

/** Changes a service. Bookings already made keep the price they were made at (Booking.unitPricePence). */
export async function updateService(providerId: string, serviceId: string, input: ServiceInput): Promise<void> {
	await checkCategory(input.categorySlug)
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.service.updateMany({ where: { id: serviceId, providerId }, data: serviceData(input) })
		if (count === 0) throw profileNotFound()
		await enqueueProviderSync(tx, providerId)
	})
}

/** Stops offering a service (it leaves the profile and search) or offers it again. */
export async function setServiceActive(providerId: string, serviceId: string, active: boolean): Promise<void> {
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.service.updateMany({ where: { id: serviceId, providerId }, data: { active } })
		if (count === 0) throw profileNotFound()
		await enqueueProviderSync(tx, providerId)
	})
}

/** Deletes a service that nobody ever booked; a booked one is refused (switch it off instead). */
export async function deleteService(providerId: string, serviceId: string): Promise<void> {
	await prisma.$transaction(async (tx) => {
		await lockRow(tx, 'Provider', providerId)
		const service = await tx.service.findFirst({
			where: { id: serviceId, providerId },
			select: { title: true, _count: { select: { bookings: true, commissions: true } } },
		})
		if (!service) throw profileNotFound()
		if (service._count.bookings + service._count.commissions > 0) {
			throw new ProfileError({
				formErrors: [
					`“${service.title}” has been booked, so it cannot be deleted. Stop offering it instead: it will no longer be shown or bookable.`,
				],
			})
		}
		await tx.service.delete({ where: { id: serviceId } })
		await enqueueProviderSync(tx, providerId)
	})
}
