/**
 * Real UK towns: the centre's coordinates (WGS84, to about 100 m) and real postcode districts in or near the
 * centre. A provider's town is one of these (app/domain/providers/profile-places.ts), which gives the profile its
 * coordinates without a geocoding service. Reference data: pure, no I/O, used by the server, the browser, the
 * seed and the tests.
 *
 * Two fields only shape the demo data (prisma/seed/generate.ts): `weight` is roughly the population in tens of
 * thousands (Leicester is boosted, because the demo accounts live there), and `languages` raises the chance that
 * a provider there speaks a language that is common locally (a probability added to the national base rate).
 */

export type Nation = 'England' | 'Wales' | 'Scotland' | 'Northern Ireland'

export type Town = {
	name: string
	districts: readonly string[]
	lat: number
	lng: number
	nation: Nation
	weight: number
	languages?: Readonly<Record<string, number>>
}

export const towns: readonly Town[] = [
	// East Midlands
	{ name: 'Leicester', districts: ['LE1', 'LE2', 'LE3', 'LE4', 'LE5'], lat: 52.6369, lng: -1.1398, nation: 'England', weight: 80, languages: { Gujarati: 0.15, Punjabi: 0.08, Urdu: 0.06, Somali: 0.03 } },
	{ name: 'Loughborough', districts: ['LE11'], lat: 52.7721, lng: -1.2062, nation: 'England', weight: 6, languages: { Gujarati: 0.03 } },
	{ name: 'Hinckley', districts: ['LE10'], lat: 52.5387, lng: -1.3725, nation: 'England', weight: 5 },
	{ name: 'Nottingham', districts: ['NG1', 'NG3', 'NG5', 'NG7'], lat: 52.9548, lng: -1.1581, nation: 'England', weight: 32, languages: { Urdu: 0.05, Polish: 0.04, Punjabi: 0.03 } },
	{ name: 'Mansfield', districts: ['NG18', 'NG19'], lat: 53.1472, lng: -1.1987, nation: 'England', weight: 8, languages: { Polish: 0.05 } },
	{ name: 'Newark-on-Trent', districts: ['NG24'], lat: 53.0762, lng: -0.808, nation: 'England', weight: 4 },
	{ name: 'Derby', districts: ['DE1', 'DE22', 'DE23', 'DE24'], lat: 52.9225, lng: -1.4746, nation: 'England', weight: 26, languages: { Punjabi: 0.05, Urdu: 0.04, Polish: 0.04 } },
	{ name: 'Chesterfield', districts: ['S40', 'S41'], lat: 53.235, lng: -1.421, nation: 'England', weight: 8 },
	{ name: 'Lincoln', districts: ['LN1', 'LN2', 'LN5', 'LN6'], lat: 53.2307, lng: -0.5406, nation: 'England', weight: 10, languages: { Polish: 0.04 } },
	{ name: 'Northampton', districts: ['NN1', 'NN2', 'NN3', 'NN5'], lat: 52.2405, lng: -0.9027, nation: 'England', weight: 22, languages: { Polish: 0.05, Romanian: 0.04 } },
	// Yorkshire and the Humber
	{ name: 'Sheffield', districts: ['S1', 'S2', 'S7', 'S10', 'S11'], lat: 53.3811, lng: -1.4701, nation: 'England', weight: 56, languages: { Urdu: 0.05, Arabic: 0.04, Somali: 0.03 } },
	{ name: 'Doncaster', districts: ['DN1', 'DN2', 'DN4'], lat: 53.5228, lng: -1.1285, nation: 'England', weight: 11, languages: { Polish: 0.04 } },
	{ name: 'Leeds', districts: ['LS1', 'LS6', 'LS7', 'LS8', 'LS11'], lat: 53.7997, lng: -1.5492, nation: 'England', weight: 80, languages: { Urdu: 0.04, Punjabi: 0.03, Polish: 0.03 } },
	{ name: 'Bradford', districts: ['BD1', 'BD3', 'BD5', 'BD8', 'BD9'], lat: 53.796, lng: -1.7594, nation: 'England', weight: 35, languages: { Urdu: 0.15, Punjabi: 0.08, Polish: 0.03 } },
	{ name: 'Huddersfield', districts: ['HD1', 'HD2', 'HD5'], lat: 53.6458, lng: -1.785, nation: 'England', weight: 14, languages: { Urdu: 0.05, Punjabi: 0.04 } },
	{ name: 'Wakefield', districts: ['WF1', 'WF2'], lat: 53.683, lng: -1.4977, nation: 'England', weight: 10 },
	{ name: 'York', districts: ['YO1', 'YO10', 'YO24', 'YO31'], lat: 53.9591, lng: -1.0815, nation: 'England', weight: 20 },
	{ name: 'Hull', districts: ['HU1', 'HU3', 'HU5', 'HU8'], lat: 53.7457, lng: -0.3367, nation: 'England', weight: 26, languages: { Polish: 0.04 } },
	// North West
	{ name: 'Manchester', districts: ['M1', 'M13', 'M14', 'M20', 'M40'], lat: 53.4808, lng: -2.2426, nation: 'England', weight: 55, languages: { Urdu: 0.06, Arabic: 0.04, Somali: 0.03, Bengali: 0.02 } },
	{ name: 'Oldham', districts: ['OL1', 'OL4', 'OL8'], lat: 53.5409, lng: -2.1114, nation: 'England', weight: 10, languages: { Bengali: 0.08, Urdu: 0.08 } },
	{ name: 'Bolton', districts: ['BL1', 'BL2', 'BL3'], lat: 53.5769, lng: -2.4282, nation: 'England', weight: 14, languages: { Gujarati: 0.06, Urdu: 0.04 } },
	{ name: 'Liverpool', districts: ['L1', 'L8', 'L15', 'L17'], lat: 53.4084, lng: -2.9916, nation: 'England', weight: 49, languages: { Arabic: 0.03, Somali: 0.03 } },
	{ name: 'Preston', districts: ['PR1', 'PR2'], lat: 53.7632, lng: -2.7031, nation: 'England', weight: 14, languages: { Gujarati: 0.06, Urdu: 0.04 } },
	{ name: 'Blackburn', districts: ['BB1', 'BB2'], lat: 53.7486, lng: -2.4875, nation: 'England', weight: 11, languages: { Gujarati: 0.1, Urdu: 0.08 } },
	{ name: 'Blackpool', districts: ['FY1', 'FY3', 'FY4'], lat: 53.8175, lng: -3.0357, nation: 'England', weight: 14 },
	{ name: 'Lancaster', districts: ['LA1'], lat: 54.0466, lng: -2.8007, nation: 'England', weight: 5 },
	{ name: 'Carlisle', districts: ['CA1', 'CA2', 'CA3'], lat: 54.8925, lng: -2.9329, nation: 'England', weight: 8 },
	// North East
	{ name: 'Newcastle upon Tyne', districts: ['NE1', 'NE2', 'NE4', 'NE6'], lat: 54.9783, lng: -1.6178, nation: 'England', weight: 30, languages: { Arabic: 0.03, Bengali: 0.02 } },
	{ name: 'Sunderland', districts: ['SR1', 'SR2', 'SR4'], lat: 54.9069, lng: -1.3838, nation: 'England', weight: 17 },
	{ name: 'Durham', districts: ['DH1'], lat: 54.7761, lng: -1.5733, nation: 'England', weight: 5 },
	{ name: 'Middlesbrough', districts: ['TS1', 'TS4', 'TS5'], lat: 54.5742, lng: -1.235, nation: 'England', weight: 14, languages: { Urdu: 0.04, Arabic: 0.03 } },
	// West Midlands
	{ name: 'Birmingham', districts: ['B1', 'B5', 'B11', 'B13', 'B23'], lat: 52.4862, lng: -1.8904, nation: 'England', weight: 115, languages: { Urdu: 0.1, Punjabi: 0.08, Bengali: 0.05, Arabic: 0.03, Somali: 0.03 } },
	{ name: 'Coventry', districts: ['CV1', 'CV2', 'CV5', 'CV6'], lat: 52.4068, lng: -1.5197, nation: 'England', weight: 35, languages: { Punjabi: 0.06, Polish: 0.04 } },
	{ name: 'Wolverhampton', districts: ['WV1', 'WV3', 'WV4'], lat: 52.5862, lng: -2.1288, nation: 'England', weight: 26, languages: { Punjabi: 0.1, Polish: 0.03 } },
	{ name: 'Stoke-on-Trent', districts: ['ST1', 'ST3', 'ST4', 'ST6'], lat: 53.0027, lng: -2.1794, nation: 'England', weight: 25, languages: { Urdu: 0.04 } },
	{ name: 'Shrewsbury', districts: ['SY1', 'SY2', 'SY3'], lat: 52.7073, lng: -2.7553, nation: 'England', weight: 7 },
	{ name: 'Hereford', districts: ['HR1', 'HR2', 'HR4'], lat: 52.0565, lng: -2.716, nation: 'England', weight: 6, languages: { Polish: 0.04 } },
	{ name: 'Worcester', districts: ['WR1', 'WR2', 'WR5'], lat: 52.192, lng: -2.22, nation: 'England', weight: 10 },
	// East of England
	{ name: 'Peterborough', districts: ['PE1', 'PE2', 'PE4'], lat: 52.5695, lng: -0.2405, nation: 'England', weight: 20, languages: { Polish: 0.1, Romanian: 0.06, Urdu: 0.05 } },
	{ name: 'Cambridge', districts: ['CB1', 'CB2', 'CB4'], lat: 52.2053, lng: 0.1218, nation: 'England', weight: 14 },
	{ name: 'Norwich', districts: ['NR1', 'NR2', 'NR3', 'NR5'], lat: 52.6309, lng: 1.2974, nation: 'England', weight: 15 },
	{ name: 'Ipswich', districts: ['IP1', 'IP3', 'IP4'], lat: 52.0567, lng: 1.1482, nation: 'England', weight: 14, languages: { Polish: 0.04 } },
	{ name: 'Colchester', districts: ['CO1', 'CO2', 'CO4'], lat: 51.8959, lng: 0.8919, nation: 'England', weight: 13 },
	{ name: 'Chelmsford', districts: ['CM1', 'CM2'], lat: 51.7356, lng: 0.4685, nation: 'England', weight: 11 },
	{ name: 'Luton', districts: ['LU1', 'LU2', 'LU4'], lat: 51.8787, lng: -0.42, nation: 'England', weight: 22, languages: { Urdu: 0.1, Polish: 0.06, Romanian: 0.04, Bengali: 0.03 } },
	// South East and London
	{ name: 'Milton Keynes', districts: ['MK9', 'MK6', 'MK13'], lat: 52.0406, lng: -0.7594, nation: 'England', weight: 23, languages: { Polish: 0.04 } },
	{ name: 'Oxford', districts: ['OX1', 'OX3', 'OX4'], lat: 51.752, lng: -1.2577, nation: 'England', weight: 15, languages: { Urdu: 0.03 } },
	{ name: 'Reading', districts: ['RG1', 'RG2', 'RG30'], lat: 51.4543, lng: -0.9781, nation: 'England', weight: 17, languages: { Polish: 0.04, Urdu: 0.03 } },
	{ name: 'Hackney', districts: ['E5', 'E8', 'E9'], lat: 51.545, lng: -0.0553, nation: 'England', weight: 26, languages: { Bengali: 0.04, Somali: 0.03, Polish: 0.03 } },
	{ name: 'Tower Hamlets', districts: ['E1', 'E3', 'E14'], lat: 51.5203, lng: -0.0293, nation: 'England', weight: 31, languages: { Bengali: 0.25, Somali: 0.04 } },
	{ name: 'Croydon', districts: ['CR0'], lat: 51.3762, lng: -0.0982, nation: 'England', weight: 39, languages: { Urdu: 0.03, Polish: 0.03 } },
	{ name: 'Canterbury', districts: ['CT1', 'CT2'], lat: 51.2802, lng: 1.0789, nation: 'England', weight: 6 },
	{ name: 'Maidstone', districts: ['ME14', 'ME15', 'ME16'], lat: 51.272, lng: 0.5292, nation: 'England', weight: 11, languages: { Polish: 0.04 } },
	{ name: 'Brighton', districts: ['BN1', 'BN2'], lat: 50.8225, lng: -0.1372, nation: 'England', weight: 28 },
	{ name: 'Portsmouth', districts: ['PO1', 'PO4', 'PO5'], lat: 50.8198, lng: -1.088, nation: 'England', weight: 21, languages: { Bengali: 0.02 } },
	{ name: 'Southampton', districts: ['SO14', 'SO15', 'SO17'], lat: 50.9097, lng: -1.4044, nation: 'England', weight: 25, languages: { Polish: 0.08 } },
	// South West
	{ name: 'Salisbury', districts: ['SP1', 'SP2'], lat: 51.0688, lng: -1.7945, nation: 'England', weight: 4 },
	{ name: 'Bournemouth', districts: ['BH1', 'BH8', 'BH9'], lat: 50.7192, lng: -1.8808, nation: 'England', weight: 19, languages: { Polish: 0.04 } },
	{ name: 'Bristol', districts: ['BS1', 'BS2', 'BS5', 'BS6', 'BS13'], lat: 51.4545, lng: -2.5879, nation: 'England', weight: 47, languages: { Somali: 0.05, Polish: 0.04 } },
	{ name: 'Bath', districts: ['BA1', 'BA2'], lat: 51.3811, lng: -2.359, nation: 'England', weight: 9 },
	{ name: 'Gloucester', districts: ['GL1', 'GL2', 'GL4'], lat: 51.8642, lng: -2.2382, nation: 'England', weight: 13, languages: { Gujarati: 0.03 } },
	{ name: 'Taunton', districts: ['TA1', 'TA2'], lat: 51.015, lng: -3.1029, nation: 'England', weight: 6 },
	{ name: 'Exeter', districts: ['EX1', 'EX2', 'EX4'], lat: 50.7184, lng: -3.5339, nation: 'England', weight: 13 },
	{ name: 'Plymouth', districts: ['PL1', 'PL2', 'PL4', 'PL6'], lat: 50.3755, lng: -4.1427, nation: 'England', weight: 26 },
	{ name: 'Truro', districts: ['TR1'], lat: 50.2632, lng: -5.051, nation: 'England', weight: 4 },
	// Wales
	{ name: 'Cardiff', districts: ['CF10', 'CF11', 'CF14', 'CF24'], lat: 51.4816, lng: -3.1791, nation: 'Wales', weight: 36, languages: { Welsh: 0.12, Somali: 0.04, Arabic: 0.03 } },
	{ name: 'Newport', districts: ['NP19', 'NP20'], lat: 51.5842, lng: -2.9977, nation: 'Wales', weight: 15, languages: { Welsh: 0.06, Urdu: 0.03 } },
	{ name: 'Swansea', districts: ['SA1', 'SA2', 'SA5'], lat: 51.6214, lng: -3.9436, nation: 'Wales', weight: 24, languages: { Welsh: 0.12 } },
	{ name: 'Aberystwyth', districts: ['SY23'], lat: 52.4153, lng: -4.0829, nation: 'Wales', weight: 3, languages: { Welsh: 0.5 } },
	{ name: 'Wrexham', districts: ['LL11', 'LL12', 'LL13'], lat: 53.046, lng: -2.9925, nation: 'Wales', weight: 7, languages: { Welsh: 0.15, Polish: 0.05 } },
	{ name: 'Bangor', districts: ['LL57'], lat: 53.2274, lng: -4.1293, nation: 'Wales', weight: 3, languages: { Welsh: 0.6 } },
	// Scotland
	{ name: 'Glasgow', districts: ['G1', 'G3', 'G11', 'G31', 'G41'], lat: 55.8642, lng: -4.2518, nation: 'Scotland', weight: 63, languages: { Urdu: 0.04, Polish: 0.05, 'Scottish Gaelic': 0.02 } },
	{ name: 'Edinburgh', districts: ['EH1', 'EH3', 'EH6', 'EH11'], lat: 55.9533, lng: -3.1883, nation: 'Scotland', weight: 52, languages: { Polish: 0.05, 'Scottish Gaelic': 0.02 } },
	{ name: 'Dundee', districts: ['DD1', 'DD2', 'DD4'], lat: 56.462, lng: -2.9707, nation: 'Scotland', weight: 15 },
	{ name: 'Aberdeen', districts: ['AB10', 'AB11', 'AB24'], lat: 57.1497, lng: -2.0943, nation: 'Scotland', weight: 20, languages: { Polish: 0.06 } },
	{ name: 'Stirling', districts: ['FK7', 'FK8', 'FK9'], lat: 56.1165, lng: -3.9369, nation: 'Scotland', weight: 4 },
	{ name: 'Perth', districts: ['PH1', 'PH2'], lat: 56.395, lng: -3.4308, nation: 'Scotland', weight: 5, languages: { Polish: 0.04 } },
	{ name: 'Inverness', districts: ['IV1', 'IV2', 'IV3'], lat: 57.4778, lng: -4.2247, nation: 'Scotland', weight: 5, languages: { 'Scottish Gaelic': 0.1 } },
	{ name: 'Stornoway', districts: ['HS1'], lat: 58.209, lng: -6.3866, nation: 'Scotland', weight: 2, languages: { 'Scottish Gaelic': 0.5 } },
	// Northern Ireland
	{ name: 'Belfast', districts: ['BT1', 'BT5', 'BT7', 'BT9', 'BT15'], lat: 54.5973, lng: -5.9301, nation: 'Northern Ireland', weight: 35, languages: { Polish: 0.05, Romanian: 0.03 } },
	{ name: 'Derry', districts: ['BT47', 'BT48'], lat: 54.9966, lng: -7.3086, nation: 'Northern Ireland', weight: 9 },
	{ name: 'Newry', districts: ['BT34', 'BT35'], lat: 54.1751, lng: -6.3402, nation: 'Northern Ireland', weight: 3, languages: { Polish: 0.04 } },
]

export function townNamed(name: string): Town {
	const town = towns.find((t) => t.name === name)
	if (!town) throw new Error(`No town called ${name} in app/domain/reference/towns.ts`)
	return town
}
