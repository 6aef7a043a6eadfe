/**
 * How people talk about support: the one list of synonyms and abbreviations both engines use. The Meilisearch
 * adapter sends it as the index's `synonyms` setting (and the abbreviations as `typoTolerance.disableOnWords`);
 * the embedded engine expands queries with it the way Meilisearch does:
 * - a query word, or two or three query words next to each other, that are listed here also match what they
 *   stand for; a listed phrase of several words matches only those words side by side, in that order, in one field;
 * - a synonym matches exactly: no typos and no prefix (the query word itself keeps its typos and prefix);
 * - a match through a synonym counts as an exact match of the query word (no typo);
 * - groups are multi-way (each member finds all the others); `oneWay` entries only work from left to right;
 * - abbreviations ("PA", "OT") match whole words only: never with a typo, never as the beginning of a longer word.
 * The vocabulary follows UK councils' and user-led organisations' directories of support bought with personal
 * budgets and direct payments. Entries are normalised with search/text.ts's `tokenize`. Rules the lists must keep
 * (search/synonyms.test.ts checks them): no stop word anywhere (queries lose their stop words before the engines
 * see them, and Meilisearch only joins neighbouring words), at most three words in a key (Meilisearch looks up
 * synonyms for up to three neighbouring words), at most 50 synonyms and 100 words of synonyms for one key.
 * Pure: no I/O.
 */
import { stopWords, tokenize } from './text.ts'

/** Words and phrases that mean the same thing, each finding all the others. */
export const synonymGroups: readonly (readonly string[])[] = [
	// Who helps.
	['PA', 'PAs', 'personal assistant', 'personal assistants', 'personal assistance'],
	[
		'carer',
		'carers',
		'care worker',
		'care workers',
		'support worker',
		'support workers',
		'care assistant',
		'home carer',
		'helper',
		'helpers',
	],
	['befriender', 'befrienders', 'befriending', 'companion', 'companionship', 'company', 'friendship'],
	['advocacy', 'advocate', 'advocates', 'speaking up', 'self-advocacy'],
	['brokerage', 'broker', 'brokers', 'support planning', 'support plan', 'care planning', 'person-centred planning'],
	['payroll', 'payslips', 'payroll service', 'managed account', 'managed accounts'],
	['handyperson', 'handyman', 'handywoman', 'odd jobs', 'DIY', 'home repairs'],
	['cleaner', 'cleaners', 'cleaning', 'home help', 'domestic help', 'housework', 'housekeeping'],
	['gardening', 'gardener', 'garden', 'garden maintenance', 'allotment'],
	// Breaks and time away.
	[
		'respite',
		'respite care',
		'short break',
		'short breaks',
		'sitter',
		'sitters',
		'sitting service',
		'sitting services',
		'carers break',
		'home sitting',
	],
	[
		'night sitting',
		'night sitter',
		'waking night',
		'waking nights',
		'night care',
		'night support',
		'overnight care',
		'overnight support',
		'overnight sitting',
	],
	[
		'day centre',
		'day centres',
		'day center',
		'day service',
		'day services',
		'day opportunities',
		'day care',
		'day activities',
	],
	['holiday', 'holidays', 'trips away', 'weekend away', 'breaks away'],
	// Everyday things.
	['transport', 'lift', 'lifts', 'taxi', 'taxis', 'driver', 'driving', 'minibus', 'community transport'],
	[
		'exercise',
		'exercises',
		'gym',
		'fitness',
		'keep fit',
		'swimming',
		'swim',
		'yoga',
		'sport',
		'sports',
		'physical activity',
	],
	['cooking', 'cook', 'meals', 'meal', 'meal preparation', 'food preparation'],
	['shopping', 'shops', 'groceries', 'food shopping', 'weekly shop'],
	['hoist', 'hoists', 'hoisting', 'manual handling'],
	['personal care', 'intimate care'],
	['lunch club', 'luncheon club', 'social club'],
	['walking group', 'walks', 'rambling'],
	[
		'job',
		'jobs',
		'employment',
		'employment support',
		'supported employment',
		'job coach',
		'job coaching',
		'job hunting',
	],
	['life skills', 'independent living skills', 'travel training'],
	// Arts.
	['art', 'arts', 'crafts', 'craft', 'painting', 'drawing', 'pottery', 'art class', 'art classes'],
	['music', 'singing', 'choir'],
	['drama', 'theatre', 'acting', 'performing arts'],
	// Therapies and equipment.
	['OT', 'occupational therapy', 'occupational therapist', 'occupational therapists'],
	['physio', 'physiotherapy', 'physiotherapist', 'physical therapy'],
	['massage', 'massages', 'aromatherapy', 'reflexology', 'holistic therapy'],
	['counselling', 'counseling', 'counsellor', 'counselor', 'talking therapy', 'talking therapies'],
	['telecare', 'assistive technology', 'personal alarm', 'pendant alarm', 'careline', 'lifeline'],
	['equipment', 'adaptations', 'mobility aids', 'daily living aids', 'stairlift', 'grab rails', 'walking aids'],
	// Conditions and communities.
	['dementia', 'memory', 'memory loss', 'alzheimers'],
	['learning disability', 'learning disabilities', 'LD', 'learning difficulties', 'learning difficulty'],
	['autism', 'autistic', 'ASD', 'ASC', 'aspergers'],
	['mental health', 'wellbeing', 'emotional support', 'MH'],
	['peer support', 'peer group', 'peer mentoring', 'lived experience', 'support group'],
	['MS', 'multiple sclerosis'],
	['MND', 'motor neurone disease'],
	['CP', 'cerebral palsy'],
	['BSL', 'sign language', 'British Sign Language', 'signing'],
	['blind', 'sight loss', 'visually impaired', 'visual impairment', 'partially sighted', 'VI'],
	['deaf', 'hearing loss', 'hearing impaired'],
	['GP', 'doctor', 'doctors'],
]

/**
 * One-way synonyms: what people type (left) also finds what services call it (right), not the other way round.
 * "Someone to help me get up" reaches the engines as "help get up": "get up" then also finds personal care.
 */
export const oneWay: Readonly<Record<string, readonly string[]>> = {
	'get up': ['personal care'],
	'getting up': ['personal care'],
	'get dressed': ['personal care'],
	'getting dressed': ['personal care'],
	dressing: ['personal care'],
	washing: ['personal care'],
	bathing: ['personal care'],
	showering: ['personal care'],
	toileting: ['personal care'],
	continence: ['personal care'],
	'moving handling': ['hoist', 'manual handling'],
	lonely: ['befriending', 'befriender', 'companionship'],
	loneliness: ['befriending', 'befriender', 'companionship'],
	isolated: ['befriending', 'befriender', 'companionship'],
	anxiety: ['mental health', 'wellbeing'],
	depression: ['mental health', 'wellbeing'],
	'24 hour care': ['night care', 'waking night', 'overnight care'],
	// Words people use for a paid helper find personal assistants too.
	carer: ['personal assistant'],
	carers: ['personal assistant'],
	'care worker': ['personal assistant'],
	'support worker': ['personal assistant'],
	helper: ['personal assistant'],
	// Short for the budget people buy support with.
	'direct payment': ['personal budget'],
	'direct payments': ['personal budget'],
	'personal budget': ['direct payment'],
	'personal budgets': ['direct payment'],
	lawn: ['gardening'],
	'grass cutting': ['gardening'],
	hydrotherapy: ['swimming'],
	pool: ['swimming'],
}

/** Short forms matched as whole words only: never with a typo, never as a prefix ("PA" is not "pay" or "spa"). */
export const abbreviations: readonly string[] = [
	'pa',
	'pas',
	'ot',
	'ld',
	'asd',
	'asc',
	'mh',
	'ms',
	'mnd',
	'cp',
	'bsl',
	'vi',
	'gp',
	'diy',
]

/** Meilisearch looks synonyms up for one, two or three neighbouring query words. */
export const MAX_SYNONYM_KEY_WORDS = 3
/** Meilisearch's limits per key: 50 synonyms, 100 words of synonyms in all. */
export const MAX_SYNONYMS_PER_KEY = 50
export const MAX_SYNONYM_WORDS_PER_KEY = 100

const norm = (text: string) => tokenize(text).join(' ')

/** Every key (normalised words joined by one space) with what it also finds, each as its words. */
function buildTable(): ReadonlyMap<string, readonly (readonly string[])[]> {
	const table = new Map<string, Map<string, string[]>>()
	const add = (from: string, to: string) => {
		const key = norm(from)
		const value = norm(to)
		if (!key || !value || key === value) return
		let entry = table.get(key)
		if (!entry) table.set(key, (entry = new Map()))
		if (!entry.has(value)) entry.set(value, value.split(' '))
	}
	for (const group of synonymGroups) for (const a of group) for (const b of group) add(a, b)
	for (const [from, tos] of Object.entries(oneWay)) for (const to of tos) add(from, to)
	return new Map([...table].map(([k, v]) => [k, [...v.values()]]))
}

export const synonymTable = buildTable()

const abbreviationSet = new Set(abbreviations)

/** True for an abbreviation ("pa", "ot"): whole words only, no typos, no prefix. */
export function isAbbreviation(word: string): boolean {
	return abbreviationSet.has(word)
}

/** What one to three query words (already normalised, side by side) also find, each synonym as its words. */
export function synonymsOf(words: readonly string[]): readonly (readonly string[])[] {
	return synonymTable.get(words.join(' ')) ?? []
}

/** A run of query words [start, end) with what it also finds. */
export type SynonymSpan = { start: number; end: number; synonyms: readonly (readonly string[])[] }

/** Every run of one to three neighbouring query words that has synonyms, in order. */
export function synonymSpans(words: readonly string[]): SynonymSpan[] {
	const spans: SynonymSpan[] = []
	for (let start = 0; start < words.length; start++) {
		for (let n = 1; n <= MAX_SYNONYM_KEY_WORDS && start + n <= words.length; n++) {
			const synonyms = synonymsOf(words.slice(start, start + n))
			if (synonyms.length) spans.push({ start, end: start + n, synonyms })
		}
	}
	return spans
}

/** Every synonym of more than one word: the phrases an index must be able to find side by side. */
export function synonymPhrases(): string[][] {
	const seen = new Map<string, string[]>()
	for (const values of synonymTable.values()) for (const v of values) if (v.length > 1) seen.set(v.join(' '), [...v])
	return [...seen.values()]
}

/** The same table in Meilisearch's `synonyms` setting: { "pa": ["personal assistant", …], … }. */
export function meiliSynonyms(): Record<string, string[]> {
	return Object.fromEntries([...synonymTable].map(([k, v]) => [k, v.map((words) => words.join(' '))]))
}

/** Problems with the lists (for the unit test): stop words, keys too long for Meilisearch, too many synonyms. */
export function synonymProblems(): string[] {
	const problems: string[] = []
	const stop = new Set(stopWords)
	const entries: string[] = [...synonymGroups.flat(), ...Object.keys(oneWay), ...Object.values(oneWay).flat()]
	for (const e of entries) {
		const words = tokenize(e)
		if (words.length === 0) problems.push(`“${e}” has no words`)
		for (const w of words) if (stop.has(w)) problems.push(`“${e}” contains the stop word “${w}”`)
	}
	for (const [key, values] of synonymTable) {
		if (key.split(' ').length > MAX_SYNONYM_KEY_WORDS)
			problems.push(`“${key}” has more than ${MAX_SYNONYM_KEY_WORDS} words`)
		if (values.length > MAX_SYNONYMS_PER_KEY) problems.push(`“${key}” has more than ${MAX_SYNONYMS_PER_KEY} synonyms`)
		const words = values.reduce((n, v) => n + v.length, 0)
		if (words > MAX_SYNONYM_WORDS_PER_KEY)
			problems.push(`“${key}” has more than ${MAX_SYNONYM_WORDS_PER_KEY} words of synonyms`)
	}
	for (const a of abbreviations)
		if (a !== norm(a) || a.includes(' ')) problems.push(`abbreviation “${a}” is not one normalised word`)
	return problems
}
