import { describe, expect, test } from 'vitest'
import { toSearchDocument, type DocumentRow } from './documents.server.ts'

const now = new Date('2026-11-04T10:00:00Z')

function row(overrides: Partial<DocumentRow> = {}): DocumentRow {
	return {
		id: 'p1',
		slug: 'amina-khan-leicester',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Amina Khan',
		headline: 'Support at home',
		bio: 'I help with personal care.',
		town: 'Leicester',
		postcodeDistrict: 'LE5',
		lat: 52.63,
		lng: -1.1,
		coverRadiusKm: 8,
		languages: ['English', 'Urdu'],
		accessibility: [],
		acceptsGroupBookings: false,
		published: true,
		deletedAt: null,
		ratingAverage: 4.5,
		reviewCount: 2,
		updatedAt: now,
		categories: [{ category: { slug: 'personal-care', name: 'Personal care' } }],
		services: [
			{
				title: 'Company for trips out',
				categorySlug: 'getting-out',
				priceUnit: 'PER_HOUR',
				pricePence: 1400,
				currency: 'GBP',
				maxGroupSize: null,
				category: { name: 'Getting out' },
			},
			{
				title: 'Cooking class',
				categorySlug: 'learning-and-skills',
				priceUnit: 'PER_SESSION',
				pricePence: 2500,
				currency: 'GBP',
				maxGroupSize: 6,
				category: { name: 'Learning and skills' },
			},
		],
		credentials: [
			{ kind: 'BACKGROUND_CHECK', title: 'Enhanced DBS check', expiresOn: null },
			{ kind: 'FIRST_AID', title: 'First aid at work', expiresOn: new Date('2026-10-31') },
		],
		availability: [{ weekday: 1, startMinute: 18 * 60, endMinute: 21 * 60 }],
		exceptions: [
			{ startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-10-08T00:00:00Z') },
			{ startsAt: new Date('2026-12-20T00:00:00Z'), endsAt: new Date('2027-01-02T00:00:00Z') },
		],
		...overrides,
	}
}

describe('search documents', () => {
	test('builds what search needs: categories, service types, current credentials, availability, "from" price', () => {
		const doc = toSearchDocument(row(), now)!
		expect(doc.kindLabel).toBe('Personal assistant')
		expect(doc.categories).toEqual(['personal-care', 'getting-out', 'learning-and-skills'])
		expect(doc.categoryNames).toEqual(['Personal care', 'Getting out', 'Learning and skills'])
		expect(doc.serviceTypes).toEqual(['hourly', 'session'])
		expect(doc.priceFrom).toBe(1400)
		expect(doc.priceFromUnit).toBe('PER_HOUR')
		// The first-aid certificate expired before today.
		expect(doc.credentials).toEqual(['BACKGROUND_CHECK'])
		expect(doc.credentialTitles).toEqual(['Enhanced DBS check'])
		expect(doc.slots).toEqual(['tue-evening'])
		expect(doc.timeOff).toEqual([{ startsAt: '2026-12-20T00:00:00.000Z', endsAt: '2027-01-02T00:00:00.000Z' }])
	})

	test('unpublished and deleted providers have no document', () => {
		expect(toSearchDocument(row({ published: false }), now)).toBeNull()
		expect(toSearchDocument(row({ deletedAt: now }), now)).toBeNull()
	})

	test('a provider with no reviews has no rating, whatever the cached figure says', () => {
		expect(toSearchDocument(row({ ratingAverage: 3, reviewCount: 0 }), now)!.ratingAverage).toBeNull()
	})
})
