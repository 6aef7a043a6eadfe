import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addLocalDays, localDate, localInstant } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import { createBookingRecord, createFunder, createHolder, createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { overlappingBookings, overlapWarningsFor } from './overlaps.server.ts'
import { overlapWarnings, sessionsOverlap } from './overlaps.ts'

const day = addLocalDays(localDate(new Date()), 10)
const at = (date: string, hour: number, minute = 0) => localInstant(date, hour * 60 + minute)
const session = (date: string, from: number, to: number) => ({ startsAt: at(date, from), endsAt: at(date, to) })

describe('overlap wording (pure)', () => {
	it('counts shared time as overlapping, but not one session ending as the next starts', () => {
		expect(sessionsOverlap(session(day, 10, 12), session(day, 11, 13))).toBe(true)
		expect(sessionsOverlap(session(day, 10, 12), session(day, 9, 15))).toBe(true)
		expect(sessionsOverlap(session(day, 10, 12), session(day, 12, 13))).toBe(false)
		expect(sessionsOverlap(session(day, 10, 12), session(day, 8, 10))).toBe(false)
	})

	it('says "on that day" for a one-day booking and names the day for a weekly one', () => {
		const overlap = { bookingId: 'b1', providerName: 'Amina Shah', ...session(day, 10, 12) }
		expect(overlapWarnings([overlap], [session(day, 11, 13)])).toEqual([
			'You already have a session with Amina Shah from 10:00 to 12:00 on that day.',
		])
		const weekly = [session(day, 11, 13), session(addLocalDays(day, 7), 11, 13)]
		expect(overlapWarnings([overlap], weekly)[0]).toMatch(
			/^You already have a session with Amina Shah from 10:00 to 12:00 on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}\.$/,
		)
		expect(overlapWarnings([], weekly)).toEqual([])
	})
})

describe('the holder’s bookings that a new one overlaps', () => {
	let db: TestDb
	const ids = {} as Record<'sam' | 'other' | 'amina' | 'bob' | 'club' | 'dee' | 'eve', string>

	beforeAll(async () => {
		db = await createTestDb()
		setDb(db)
		const p = db.prisma
		const funderId = (await createFunder(p, { name: 'Leicester City Council' })).id
		ids.sam = (await createHolder(p, { funderId, displayName: 'Sam Taylor' })).holder.id
		ids.other = (await createHolder(p, { funderId, displayName: 'Someone Else' })).holder.id
		const book = async (
			key: 'amina' | 'bob' | 'club' | 'dee' | 'eve',
			name: string,
			holderId: string,
			status: 'ACCEPTED' | 'REQUESTED' | 'CANCELLED' | 'DECLINED',
			from: number,
			to: number,
		) => {
			const made = await createProviderWithService(p, { provider: { name } })
			ids[key] = made.provider.id
			await createBookingRecord(p, {
				holderId,
				providerId: made.provider.id,
				serviceId: made.service.id,
				status,
				startsAt: at(day, from),
				minutes: (to - from) * 60,
			})
		}
		await book('amina', 'Amina Shah', ids.sam, 'ACCEPTED', 10, 12)
		await book('bob', 'Bob Cancelled', ids.sam, 'CANCELLED', 10, 12)
		await book('club', 'Club Declined', ids.sam, 'DECLINED', 10, 12)
		await book('dee', 'Dee Afterwards', ids.sam, 'REQUESTED', 12, 13)
		await book('eve', 'Eve For Someone Else', ids.other, 'ACCEPTED', 10, 12)
	})

	afterAll(async () => {
		await db?.cleanup()
	})

	it('finds only the holder’s own bookings that are not cancelled or declined and share time', async () => {
		const found = await overlappingBookings(ids.sam, [session(day, 10.5, 12)])
		expect(found.map((o) => o.providerName)).toEqual(['Amina Shah'])
		expect(found[0]).toMatchObject({ startsAt: at(day, 10), endsAt: at(day, 12) })
	})

	it('checks every week of a weekly booking, and finds a request still waiting for an answer', async () => {
		const earlier = addLocalDays(day, -7)
		const found = await overlappingBookings(ids.sam, [session(earlier, 11, 13), session(day, 11, 13)])
		expect(found.map((o) => o.providerName)).toEqual(['Amina Shah', 'Dee Afterwards'])
	})

	it('says nothing when the time is free', async () => {
		expect(await overlapWarningsFor(ids.sam, [session(day, 13, 15)])).toEqual([])
		expect(await overlapWarningsFor(ids.sam, [])).toEqual([])
	})

	it('words the warning for the page', async () => {
		expect(await overlapWarningsFor(ids.sam, [session(day, 9, 11)])).toEqual([
			'You already have a session with Amina Shah from 10:00 to 12:00 on that day.',
		])
	})
})
