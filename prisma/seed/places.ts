/**
 * The demo's places: how often providers speak each language (on top of a town's local rates in
 * app/domain/reference/towns.ts), who funds personal budgets, and the holders outside the UK.
 */
import { type Nation } from '#app/domain/reference/towns.ts'

/** How often providers everywhere speak each language besides English (added to a town's local rate). */
export const baseLanguageRates: Readonly<Record<string, number>> = {
	Polish: 0.03,
	Romanian: 0.015,
	Arabic: 0.015,
	Urdu: 0.015,
	Punjabi: 0.01,
	Bengali: 0.01,
	Gujarati: 0.005,
	Somali: 0.005,
	BSL: 0.05,
}

/** Extra languages by nation (Welsh in Wales, Gaelic in Scotland). */
export const nationLanguageRates: Readonly<Record<Nation, Readonly<Record<string, number>>>> = {
	England: {},
	Wales: { Welsh: 0.12 },
	Scotland: { 'Scottish Gaelic': 0.01 },
	'Northern Ireland': {},
}

/** Who funds personal budgets in the demo. UK councils fund people living in their towns. */
export type FunderSpec = {
	key: string
	name: string
	scheme: 'UK_DIRECT_PAYMENT' | 'UK_PERSONAL_BUDGET' | 'AU_NDIS' | 'IT_PIANO_PERSONALIZZATO'
	currency: 'GBP' | 'AUD' | 'EUR'
	instalmentDays: number
	platformFeeBps: number
	/** The member of staff who agrees plans (Leicester's is the funder@demo.test account). */
	staffName: string
	/** Towns (from the list above) whose residents this funder pays; empty for the non-UK schemes. */
	towns: readonly string[]
}

export const funderSpecs: readonly FunderSpec[] = [
	{
		key: 'leicester-city',
		staffName: 'Priya Patel',
		name: 'Leicester City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Leicester'],
	},
	{
		key: 'leicestershire',
		staffName: 'Rachel Hughes',
		name: 'Leicestershire County Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Loughborough', 'Hinckley'],
	},
	{
		key: 'nottingham-city',
		staffName: 'Marcus Bennett',
		name: 'Nottingham City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Nottingham'],
	},
	{
		key: 'nottinghamshire',
		staffName: 'Claire Atkinson',
		name: 'Nottinghamshire County Council',
		scheme: 'UK_PERSONAL_BUDGET',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Mansfield', 'Newark-on-Trent'],
	},
	{
		key: 'derby-city',
		staffName: 'Harjit Sandhu',
		name: 'Derby City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Derby'],
	},
	{
		key: 'sheffield',
		staffName: 'Joanne Whitfield',
		name: 'Sheffield City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Sheffield'],
	},
	{
		key: 'birmingham',
		staffName: 'Tariq Mahmood',
		name: 'Birmingham City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Birmingham'],
	},
	{
		key: 'bristol',
		staffName: 'Helen Ashby',
		name: 'Bristol City Council',
		scheme: 'UK_PERSONAL_BUDGET',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Bristol'],
	},
	{
		key: 'cardiff',
		staffName: 'Rhian Prosser',
		name: 'Cardiff Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Cardiff'],
	},
	{
		key: 'glasgow',
		staffName: 'Fiona McBride',
		name: 'Glasgow City Council',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Glasgow'],
	},
	{
		key: 'belfast-trust',
		staffName: 'Ciaran Doherty',
		name: 'Belfast Health and Social Care Trust',
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		instalmentDays: 28,
		platformFeeBps: 0,
		towns: ['Belfast'],
	},
	{
		key: 'ndia',
		staffName: 'Olivia Tran',
		name: 'National Disability Insurance Agency',
		scheme: 'AU_NDIS',
		currency: 'AUD',
		instalmentDays: 14,
		platformFeeBps: 0,
		towns: [],
	},
	{
		key: 'sardegna',
		staffName: 'Francesca Pinna',
		name: 'Regione Autonoma della Sardegna',
		scheme: 'IT_PIANO_PERSONALIZZATO',
		currency: 'EUR',
		instalmentDays: 30,
		platformFeeBps: 0,
		towns: [],
	},
]

/** One holder each for the non-UK schemes, to show more than one scheme and currency. */
export const overseasHolders = [
	{
		funderKey: 'ndia',
		name: 'Jack Nguyen',
		town: 'Hobart',
		postcodeDistrict: '7000',
		email: 'jack.nguyen@holders.example.test',
		lines: [
			{ name: 'Core supports', categorySlug: 'personal-care', amount: 1_850_000 },
			{ name: 'Capacity building', categorySlug: 'learning-and-skills', amount: 420_000 },
		],
	},
	{
		funderKey: 'sardegna',
		name: 'Giulia Sanna',
		town: 'Cagliari',
		postcodeDistrict: '09124',
		email: 'giulia.sanna@holders.example.test',
		lines: [
			{ name: 'Assistenza personale', categorySlug: 'personal-care', amount: 960_000 },
			{ name: 'Attività sociali', categorySlug: 'getting-out', amount: 180_000 },
		],
	},
] as const
