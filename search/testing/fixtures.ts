/**
 * A small, hand-made set of search documents with known properties, for the contract suite. Every fact a test
 * relies on is written here (names, towns, prices, languages, availability), so expectations can be exact.
 */
import type { SearchDocument, ServiceSummary, WeeklySlot } from '../types.ts'

export const places = {
	leicester: { lat: 52.6369, lng: -1.1398 },
	loughborough: { lat: 52.7721, lng: -1.2062 },
	nottingham: { lat: 52.9548, lng: -1.1581 },
	birmingham: { lat: 52.4862, lng: -1.8904 },
	manchester: { lat: 53.4808, lng: -2.2426 },
}

const kindLabels = {
	PERSONAL_ASSISTANT: 'Personal assistant',
	USER_LED_ORGANISATION: 'User-led organisation',
	COMMUNITY_SERVICE: 'Community service',
} as const

const categoryNames: Record<string, string> = {
	'personal-care': 'Personal care',
	'getting-out': 'Getting out',
	respite: 'Respite',
	'peer-support': 'Peer support',
	'brokerage-and-planning': 'Brokerage and support planning',
	'fitness-and-wellbeing': 'Fitness and wellbeing',
	'sensory-support': 'Sensory support',
}

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

function service(
	title: string,
	categorySlug: string,
	priceUnit: ServiceSummary['priceUnit'],
	pricePence: number,
): ServiceSummary {
	return {
		title,
		categorySlug,
		priceUnit,
		pricePence,
		currency: 'GBP',
		maxGroupSize: priceUnit === 'PER_SESSION' ? 12 : null,
	}
}

type FixtureInput = Pick<SearchDocument, 'id' | 'kind' | 'name' | 'headline' | 'bio' | 'town' | 'postcodeDistrict'> & {
	at: { lat: number; lng: number }
	services: ServiceSummary[]
	languages?: string[]
	accessibility?: string[]
	credentials?: SearchDocument['credentials']
	/** [weekday, part] pairs, e.g. ['mon', 'morning']. */
	when?: Array<[(typeof dayNames)[number], 'morning' | 'afternoon' | 'evening' | 'night']>
	group?: boolean
	rating?: [number, number] | null
}

const partSlots = { morning: [540, 720], afternoon: [780, 1020], evening: [1080, 1260], night: [1320, 1440] } as const

function fixture(f: FixtureInput): SearchDocument {
	const cats = [...new Set(f.services.map((s) => s.categorySlug))]
	const when = f.when ?? []
	const availability: WeeklySlot[] = when.map(([day, part]) => ({
		weekday: dayNames.indexOf(day),
		startMinute: partSlots[part][0],
		endMinute: partSlots[part][1],
	}))
	const services = [...f.services].sort((a, b) => a.pricePence - b.pricePence)
	const unitType = { PER_HOUR: 'hourly', PER_SESSION: 'session', FIXED: 'fixed' } as const
	return {
		id: f.id,
		slug: f.id,
		kind: f.kind,
		kindLabel: kindLabels[f.kind],
		name: f.name,
		headline: f.headline,
		bio: f.bio,
		town: f.town,
		postcodeDistrict: f.postcodeDistrict,
		lat: f.at.lat,
		lng: f.at.lng,
		categories: cats,
		categoryNames: cats.map((c) => categoryNames[c] ?? c),
		services,
		serviceTypes: [...new Set(services.map((s) => unitType[s.priceUnit]))],
		languages: f.languages ?? ['English'],
		accessibility: f.accessibility ?? [],
		credentials: f.credentials ?? [],
		credentialTitles: (f.credentials ?? []).map(
			(c) =>
				({
					BACKGROUND_CHECK: 'Enhanced DBS check',
					FIRST_AID: 'First aid at work',
					TRAINING: 'Care Certificate',
					REGISTRATION: 'CQC registration',
					INSURANCE: 'Public liability insurance',
				})[c],
		),
		availability,
		timeOff: [],
		days: dayNames.filter((d) => when.some(([wd]) => wd === d)),
		partsOfDay: (['morning', 'afternoon', 'evening', 'night'] as const).filter((p) => when.some(([, wp]) => wp === p)),
		slots: dayNames
			.flatMap((d) => (['morning', 'afternoon', 'evening', 'night'] as const).map((p) => `${d}-${p}`))
			.filter((t) => when.some(([d, p]) => `${d}-${p}` === t)),
		acceptsGroupBookings: f.group ?? false,
		priceFrom: services[0]?.pricePence ?? null,
		priceFromUnit: services[0]?.priceUnit ?? null,
		currency: 'GBP',
		ratingAverage: f.rating ? f.rating[0] : null,
		reviewCount: f.rating ? f.rating[1] : 0,
		coverRadiusKm: f.kind === 'PERSONAL_ASSISTANT' ? 10 : 0,
		updatedAt: '2026-11-01T10:00:00.000Z',
	}
}

/** Ids are the first name (or a short word) so failures read well. */
export const fixtures: SearchDocument[] = [
	fixture({
		id: 'priya',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Priya Patel',
		headline: 'Calm and patient support at home',
		bio: 'I have supported people living with dementia for six years. I speak Gujarati and English and I am happy to cook vegetarian meals.',
		town: 'Leicester',
		postcodeDistrict: 'LE2',
		at: { lat: 52.6201, lng: -1.1202 },
		services: [
			service('Personal care at home', 'personal-care', 'PER_HOUR', 1500),
			service('Company for trips out', 'getting-out', 'PER_HOUR', 1400),
		],
		languages: ['English', 'Gujarati'],
		credentials: ['BACKGROUND_CHECK', 'FIRST_AID'],
		when: [
			['mon', 'morning'],
			['wed', 'evening'],
		],
		rating: [4.8, 12],
	}),
	fixture({
		id: 'tom',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Tom Baker',
		headline: 'Reliable help with getting up and going out',
		bio: 'Former warehouse supervisor, now a full-time carer. Football fan, good driver, Polish speaker.',
		town: 'Leicester',
		postcodeDistrict: 'LE4',
		at: { lat: 52.6603, lng: -1.1275 },
		services: [service('Help getting up and ready in the morning', 'personal-care', 'PER_HOUR', 1700)],
		languages: ['English', 'Polish'],
		credentials: ['BACKGROUND_CHECK'],
		when: [
			['tue', 'morning'],
			['sat', 'afternoon'],
		],
		rating: [4.2, 5],
	}),
	fixture({
		id: 'sarah',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Sarah Jones',
		headline: 'Cheerful support in Loughborough and nearby villages',
		bio: 'Twenty years of care work. I drive and can take you to appointments, the shops or the park.',
		town: 'Loughborough',
		postcodeDistrict: 'LE11',
		at: places.loughborough,
		services: [service('Personal care and medication prompts', 'personal-care', 'PER_HOUR', 1600)],
		credentials: ['TRAINING'],
		when: [['mon', 'afternoon']],
		rating: [4.9, 20],
	}),
	fixture({
		id: 'lcil',
		kind: 'USER_LED_ORGANISATION',
		name: 'Leicester Centre for Integrated Living',
		headline: 'Run by disabled people for disabled people',
		bio: 'We help you plan your support, set up a direct payment and meet others through our peer groups.',
		town: 'Leicester',
		postcodeDistrict: 'LE1',
		at: { lat: 52.6352, lng: -1.1331 },
		services: [
			service('Person-centred support planning', 'brokerage-and-planning', 'FIXED', 35000),
			service('Peer support group', 'peer-support', 'PER_SESSION', 500),
		],
		accessibility: ['wheelchair-accessible', 'hearing-loop'],
		credentials: ['REGISTRATION', 'INSURANCE'],
		when: [
			['thu', 'morning'],
			['thu', 'afternoon'],
		],
		group: true,
		rating: [4.5, 8],
	}),
	fixture({
		id: 'seated',
		kind: 'COMMUNITY_SERVICE',
		name: 'Highfields Seated Exercise Club',
		headline: 'Gentle exercise you can do sitting down',
		bio: 'A friendly weekly class to keep moving and feel stronger. No experience needed. Tea afterwards.',
		town: 'Leicester',
		postcodeDistrict: 'LE2',
		at: { lat: 52.6283, lng: -1.1153 },
		services: [service('Seated exercise class', 'fitness-and-wellbeing', 'PER_SESSION', 600)],
		accessibility: ['wheelchair-accessible', 'step-free'],
		credentials: ['INSURANCE'],
		when: [['fri', 'morning']],
		group: true,
		rating: [4.6, 15],
	}),
	fixture({
		id: 'daniel',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Daniel Wright',
		headline: 'Personal care and company in Nottingham',
		bio: 'New to Budget Market. I worked in a care home for three years and want to work one to one.',
		town: 'Nottingham',
		postcodeDistrict: 'NG1',
		at: places.nottingham,
		services: [service('Personal care at home', 'personal-care', 'PER_HOUR', 1800)],
		when: [['sun', 'evening']],
		rating: null,
	}),
	fixture({
		id: 'margaret',
		kind: 'PERSONAL_ASSISTANT',
		name: 'Margaret Thompson',
		headline: 'Overnight sitting so your carer can rest',
		bio: 'Retired nurse. I sit with you through the night so the person who cares for you can sleep.',
		town: 'Birmingham',
		postcodeDistrict: 'B13',
		at: places.birmingham,
		services: [service('Overnight respite at home', 'respite', 'PER_HOUR', 1600)],
		languages: ['English', 'Urdu'],
		credentials: ['BACKGROUND_CHECK', 'FIRST_AID', 'TRAINING'],
		when: [
			['sun', 'night'],
			['sat', 'night'],
		],
		rating: [5, 3],
	}),
	fixture({
		id: 'deafhub',
		kind: 'USER_LED_ORGANISATION',
		name: 'Manchester Deaf Community Hub',
		headline: 'Deaf-led peer support and BSL advocacy',
		bio: 'Meet other Deaf people, get information in BSL and support at appointments.',
		town: 'Manchester',
		postcodeDistrict: 'M13',
		at: places.manchester,
		services: [service('Deaf social club', 'sensory-support', 'PER_SESSION', 400)],
		languages: ['English', 'BSL'],
		accessibility: ['bsl-signing', 'hearing-loop', 'wheelchair-accessible'],
		credentials: ['REGISTRATION'],
		when: [['wed', 'evening']],
		group: true,
		rating: [4.7, 9],
	}),
]

export function fixtureById(id: string): SearchDocument {
	const found = fixtures.find((f) => f.id === id)
	if (!found) throw new Error(`No fixture ${id}`)
	return found
}
