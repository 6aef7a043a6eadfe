/**
 * A provider's usual week (AvailabilitySlot: weekday and local minutes) and time off (AvailabilityException:
 * instants). The rules (quarter hours, start before end, no overlaps in a day) are in profile-schemas.ts and
 * profile-availability.ts; the overlap rule is checked again here with the provider's row locked, so two adds at
 * once cannot make overlapping ranges. Callers check ownership first (requireOwnProvider).
 */
import { weekdayNames } from './labels.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { lockRow } from '#app/utils/transaction.server.ts'
import { enqueueProviderSync } from './outbox.server.ts'
import { profileNotFound } from './profile.server.ts'
import { findOverlap, rangeText } from './profile-availability.ts'
import { ProfileError } from './profile-errors.ts'
import type { TimeOffInput, WeeklyRangeInput } from './profile-schemas.ts'

/** The usual week in order, and time off that has not ended yet. */
export async function getAvailabilityForEditing(providerId: string, now: Date = clockNow()) {
	const [slots, timeOff] = await Promise.all([
		prisma.availabilitySlot.findMany({
			where: { providerId },
			orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
			select: { id: true, weekday: true, startMinute: true, endMinute: true },
		}),
		prisma.availabilityException.findMany({
			where: { providerId, endsAt: { gt: now } },
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			select: { id: true, startsAt: true, endsAt: true, reason: true },
		}),
	])
	return { slots, timeOff }
}

export async function addWeeklyRange(providerId: string, range: WeeklyRangeInput): Promise<{ id: string }> {
	return prisma.$transaction(async (tx) => {
		await lockRow(tx, 'Provider', providerId)
		const sameDay = await tx.availabilitySlot.findMany({
			where: { providerId, weekday: range.weekday },
			select: { startMinute: true, endMinute: true },
		})
		const overlap = findOverlap(sameDay, range)
		if (overlap) {
			throw ProfileError.field(
				'start',
				`This overlaps ${rangeText(overlap)} on ${weekdayNames[range.weekday]}. Choose times that do not overlap, or remove that time first`,
			)
		}
		const slot = await tx.availabilitySlot.create({ data: { providerId, ...range }, select: { id: true } })
		await enqueueProviderSync(tx, providerId)
		return slot
	})
}

export async function removeWeeklyRange(providerId: string, slotId: string): Promise<void> {
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.availabilitySlot.deleteMany({ where: { id: slotId, providerId } })
		if (count === 0) throw profileNotFound()
		await enqueueProviderSync(tx, providerId)
	})
}

export async function addTimeOff(providerId: string, input: TimeOffInput): Promise<{ id: string }> {
	return prisma.$transaction(async (tx) => {
		const exception = await tx.availabilityException.create({
			data: { providerId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason },
			select: { id: true },
		})
		await enqueueProviderSync(tx, providerId)
		return exception
	})
}

export async function removeTimeOff(providerId: string, exceptionId: string): Promise<void> {
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.availabilityException.deleteMany({ where: { id: exceptionId, providerId } })
		if (count === 0) throw profileNotFound()
		await enqueueProviderSync(tx, providerId)
	})
}
