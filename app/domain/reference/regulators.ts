import { type Nation } from './towns.ts'

/** Who registers care providers and charities in each nation, for credentials. */
export const regulators: Readonly<
	Record<
		Nation,
		{ care: string; careRef: 'cqc' | 'ciw' | 'ci' | 'rqia'; charity: string; charityRef: 'ew' | 'sc' | 'ni' }
	>
> = {
	England: {
		care: 'Care Quality Commission',
		careRef: 'cqc',
		charity: 'Charity Commission for England and Wales',
		charityRef: 'ew',
	},
	Wales: {
		care: 'Care Inspectorate Wales',
		careRef: 'ciw',
		charity: 'Charity Commission for England and Wales',
		charityRef: 'ew',
	},
	Scotland: {
		care: 'Care Inspectorate',
		careRef: 'ci',
		charity: 'Scottish Charity Regulator (OSCR)',
		charityRef: 'sc',
	},
	'Northern Ireland': {
		care: 'Regulation and Quality Improvement Authority',
		careRef: 'rqia',
		charity: 'Charity Commission for Northern Ireland',
		charityRef: 'ni',
	},
}
