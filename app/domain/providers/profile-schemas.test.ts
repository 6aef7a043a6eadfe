/** The profile forms' schemas, read through Conform exactly as the actions read them. */
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import {
	aboutSchema,
	credentialSchema,
	parseLanguages,
	photoSchema,
	serviceSchema,
	timeOffSchema,
	weeklyRangeSchema,
} from './profile-schemas.ts'

function form(fields: Record<string, string | string[] | File>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) data.append(name, v)
	}
	return data
}

function errors(result: { reply: () => { error?: Record<string, string[] | null> | null } }): Record<string, string[]> {
	return (result.reply().error ?? {}) as Record<string, string[]>
}

const about = {
	name: 'Amina Shah',
	headline: 'Friendly personal assistant in Leicester',
	bio: 'Eight years of experience.',
	town: 'leicester',
	postcodeDistrict: 'le4 5ww',
	coverRadiusKm: '10',
	languages: 'english, urdu; bsl',
	accessibility: ['easy-read', 'large-print'],
	acceptsGroupBookings: 'no',
	cancellationPolicy: 'Free to cancel up to 24 hours before.',
	lateCancelPercent: '50',
}

describe('the about form', () => {
	test('gives the town its coordinates and tidies the district and languages', () => {
		const result = parseWithZod(form(about), { schema: aboutSchema })
		expect(result.status).toBe('success')
		if (result.status !== 'success') return
		expect(result.value).toMatchObject({
			town: 'Leicester',
			postcodeDistrict: 'LE4',
			lat: 52.6369,
			lng: -1.1398,
			languages: ['English', 'Urdu', 'BSL'],
			accessibility: ['easy-read', 'large-print'],
			acceptsGroupBookings: false,
			lateCancelPercent: 50,
			coverRadiusKm: 10,
		})
	})

	test('says what is wrong with each field at once', () => {
		const result = parseWithZod(
			form({
				...about,
				name: '',
				town: 'Leicster',
				postcodeDistrict: 'nowhere',
				coverRadiusKm: 'far',
				languages: 'English, 123',
				lateCancelPercent: '150',
				accessibility: 'a-lift',
			}),
			{ schema: aboutSchema },
		)
		expect(result.status).toBe('error')
		const e = errors(result)
		expect(e.name).toEqual(['Enter your name, or the name of your organisation'])
		expect(e.town).toEqual(['We do not know a town called “Leicster”. Did you mean Leicester?'])
		expect(e.postcodeDistrict).toEqual(['Enter the first part of your postcode, like LE4'])
		expect(e.coverRadiusKm).toEqual(['Enter how far you travel as a whole number of kilometres, like 10'])
		expect(e.languages).toEqual([
			'“123” does not look like a language. Use letters only and put a comma between languages',
		])
		expect(e.lateCancelPercent).toEqual(['Enter a late cancellation charge from 0 to 100 per cent'])
		expect(e['accessibility[0]']).toEqual(['Choose accessibility features from the list'])
	})

	test('refuses a district from another town', () => {
		const e = errors(parseWithZod(form({ ...about, postcodeDistrict: 'NG1' }), { schema: aboutSchema }))
		expect(e.postcodeDistrict).toEqual(['NG1 is not a postcode in Leicester. Postcodes there start with LE, like LE1'])
	})

	test('no accessibility boxes ticked is an empty list', () => {
		const { accessibility: _, ...rest } = about
		const result = parseWithZod(form(rest), { schema: aboutSchema })
		expect(result.status === 'success' && result.value.accessibility).toEqual([])
	})

	test('languages: duplicates dropped, known spellings kept', () => {
		expect(parseLanguages('urdu, Urdu, scottish gaelic')).toEqual({ languages: ['Urdu', 'Scottish Gaelic'] })
		expect(parseLanguages(' , ')).toEqual({ error: 'Enter the languages you speak, like English, Urdu' })
	})
})

describe('the service form', () => {
	const schema = serviceSchema(['personal-care', 'getting-out'])
	const service = {
		title: 'Personal care',
		description: 'Help at home.',
		categorySlug: 'personal-care',
		priceUnit: 'PER_HOUR',
		price: '£16.50',
	}

	test('reads the price in pounds as whole pence', () => {
		const result = parseWithZod(form(service), { schema })
		expect(result.status === 'success' && result.value).toEqual({
			title: 'Personal care',
			description: 'Help at home.',
			categorySlug: 'personal-care',
			priceUnit: 'PER_HOUR',
			price: 1650,
		})
	})

	test('says what is wrong with the price, the category, the length and the group size', () => {
		const e = errors(
			parseWithZod(
				form({ ...service, price: '16.505', categorySlug: 'astrology', maxGroupSize: '1', durationMinutes: '5' }),
				{ schema },
			),
		)
		expect(e.price).toEqual(['Enter the price in pounds and pence, like 15.50'])
		expect(e.categorySlug).toEqual(['Choose what kind of support this is from the list'])
		expect(e.maxGroupSize).toEqual(['Enter a group size from 2 to 100, or leave it empty for one-to-one support'])
		expect(e.durationMinutes).toEqual(['Enter a length from 15 minutes to 24 hours (1440 minutes)'])
		expect(errors(parseWithZod(form({ ...service, price: '0' }), { schema })).price).toEqual([
			'Enter a price from £0.01 to £10,000.00',
		])
		// An empty field, as a browser sends it, is no length.
		expect(
			errors(parseWithZod(form({ ...service, priceUnit: 'PER_SESSION', durationMinutes: '' }), { schema }))
				.durationMinutes,
		).toEqual(['Enter how long a session lasts, in minutes, like 60'])
	})
})

describe('the credential form', () => {
	const schema = credentialSchema('2026-06-01')
	const credential = {
		kind: 'BACKGROUND_CHECK',
		title: 'Enhanced DBS check',
		issuer: 'Disclosure and Barring Service',
		issuedOn: '2025-03-14',
	}

	test('takes ISO and UK dates, expiry optional', () => {
		const result = parseWithZod(form({ ...credential, issuedOn: '14/03/2025', expiresOn: '2028-03-14' }), { schema })
		expect(result.status === 'success' && result.value).toMatchObject({
			issuedOn: '2025-03-14',
			expiresOn: '2028-03-14',
		})
	})

	test('the expiry must be after the issue date, and the issue date not in the future', () => {
		expect(errors(parseWithZod(form({ ...credential, expiresOn: '2025-03-14' }), { schema })).expiresOn).toEqual([
			'The expiry date must be after the date it was issued',
		])
		expect(errors(parseWithZod(form({ ...credential, issuedOn: '2026-06-02' }), { schema })).issuedOn).toEqual([
			'The date it was issued must be today or in the past',
		])
		expect(errors(parseWithZod(form({ ...credential, issuedOn: '31/02/2025' }), { schema })).issuedOn).toEqual([
			'Enter the date it was issued as a real date, like 14/03/2025',
		])
	})

	test('refuses years no check is issued or expires in, saying which years it takes', () => {
		expect(errors(parseWithZod(form({ ...credential, expiresOn: '9999-12-31' }), { schema })).expiresOn).toEqual([
			'Enter a year between 1900 and 2100',
		])
		expect(errors(parseWithZod(form({ ...credential, issuedOn: '31/12/9999' }), { schema })).issuedOn).toEqual([
			'The date it was issued must be today or in the past',
		])
		expect(errors(parseWithZod(form({ ...credential, issuedOn: '0001-01-01' }), { schema })).issuedOn).toEqual([
			'Enter a year between 1900 and 2100',
		])
	})
})

describe('the weekly time form', () => {
	const schema = weeklyRangeSchema([{ weekday: 0, startMinute: 540, endMinute: 780 }])

	test('a new range on the quarter hour that does not overlap', () => {
		const result = parseWithZod(form({ weekday: '0', start: '13:00', end: '17:30' }), { schema })
		expect(result.status === 'success' && result.value).toEqual({ weekday: 0, startMinute: 780, endMinute: 1050 })
		const toMidnight = parseWithZod(form({ weekday: '2', start: '18:00', end: '00:00' }), { schema })
		expect(toMidnight.status === 'success' && toMidnight.value.endMinute).toBe(1440)
	})

	test('refuses overlaps, ends before starts and times off the quarter hour', () => {
		expect(errors(parseWithZod(form({ weekday: '0', start: '12:00', end: '14:00' }), { schema })).start).toEqual([
			'This overlaps 09:00 to 13:00 on Monday. Choose times that do not overlap, or remove that time first',
		])
		expect(errors(parseWithZod(form({ weekday: '1', start: '14:00', end: '10:00' }), { schema })).end).toEqual([
			'The end time must be after the start time',
		])
		expect(errors(parseWithZod(form({ weekday: '1', start: '09:10', end: '10:00' }), { schema })).start).toEqual([
			'Enter a start time on the hour or quarter hour, like 09:00, 09:15, 09:30 or 09:45',
		])
	})
})

describe('the time off form', () => {
	const now = new Date('2026-11-04T10:00:00Z')
	const schema = timeOffSchema(now)

	test('whole days by default, read as UK time', () => {
		const result = parseWithZod(form({ startDate: '2026-12-24', endDate: '2026-12-26', reason: 'Christmas' }), {
			schema,
		})
		expect(result.status === 'success' && result.value).toEqual({
			startsAt: new Date('2026-12-24T00:00:00Z'),
			endsAt: new Date('2026-12-27T00:00:00Z'),
			reason: 'Christmas',
		})
	})

	test('the end must be after the start and in the future', () => {
		expect(
			errors(
				parseWithZod(form({ startDate: '2026-12-24', startTime: '12:00', endDate: '2026-12-24', endTime: '09:00' }), {
					schema,
				}),
			).endDate,
		).toEqual(['The end of your time off must be after its start'])
		expect(errors(parseWithZod(form({ startDate: '2026-10-01', endDate: '2026-10-02' }), { schema })).endDate).toEqual([
			'Time off must end in the future',
		])
	})
})

describe('the photo form', () => {
	test('needs a JPEG, PNG or WebP file', () => {
		expect(errors(parseWithZod(form({ photo: new File([], '') }), { schema: photoSchema })).photo).toEqual([
			'Choose a photo to upload',
		])
		expect(
			errors(
				parseWithZod(form({ photo: new File(['hello'], 'notes.txt', { type: 'text/plain' }) }), {
					schema: photoSchema,
				}),
			).photo,
		).toEqual(['The photo must be a JPEG, PNG or WebP image'])
		expect(
			parseWithZod(form({ photo: new File(['x'], 'me.png', { type: 'image/png' }) }), { schema: photoSchema }).status,
		).toBe('success')
	})
})
