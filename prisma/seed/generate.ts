/**
 * The demo data as plain rows, ready for createMany. Pure: no database, no clock, no Math.random.
 *
 * Each provider and each holder draws from its own random stream, derived from the seed and its number, so
 * provider 17 is the same person with the same prices whether 300 or 100,000 are generated. Only who booked
 * them (drawn from the holders, of which there are more when there are more providers) depends on the size.
 */
import { base, en, en_GB, Faker, type LocaleDefinition } from '@faker-js/faker'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { type ProviderKind } from '#app/generated/prisma/enums.ts'
import { type AccessibilityFeature } from '#app/domain/reference/accessibility.ts'
import { type CategorySlug } from '#app/domain/reference/categories.ts'
import { languages as languageOrder } from '#app/domain/reference/languages.ts'
import { regulators } from '#app/domain/reference/regulators.ts'
import { type Town, townNamed, towns } from '#app/domain/reference/towns.ts'
import {
	accessibilityByKind,
	backgroundChecks,
	careInduction,
	categoryPhrases,
	communityServices,
	type CredentialTemplate,
	firstAidCourses,
	heritageNames,
	insurancePolicies,
	neighbourhoods,
	paAdjectives,
	paExperience,
	paExtras,
	paInterests,
	paServices,
	paTraining,
	planLineTemplates,
	planOutcomes,
	planReviewNotes,
	providerReplies,
	removedReasons,
	reviewBodies,
	type ServiceTemplate,
	ukFirstNames,
	ukLastNames,
	uloNames,
	uloServices,
} from './catalogue.ts'
import { addDays, addMinutes, dateOnly, daysBetween, earliest, onOrBeforeWeekday } from './dates.ts'
import { seedId } from './ids.ts'
import { bookingTotalPence } from './money.ts'
import { baseLanguageRates, type FunderSpec, funderSpecs, nationLanguageRates } from './places.ts'
import { createRandom, deriveSeed, type Random, Sfc32 } from './random.ts'
import { providerSlugBase, SlugRegistry, slugify } from './slug.ts'

// ───────────────────────────── Context ─────────────────────────────

export type HolderRef = {
	id: string
	userId: string
	town: string
	lines: readonly { id: string; categorySlug: string | null }[]
}

export type GeneratorContext = {
	randomSeed: number
	now: Date
	passwordHash: string
	faker: Faker
	slugs: SlugRegistry
	/** Holders who can have booked providers (UK, with a sign-in), all and by town. */
	holders: HolderRef[]
	holdersByTown: Map<string, HolderRef[]>
	/** The funder staff user who agrees plans, by funder key. */
	staffByFunder: ReadonlyMap<string, string>
	/** Counts every review generated so far, to pick the few that were removed. */
	reviewCounter: { value: number }
}

/** Faker with plausible British names (faker's own en_GB names are mostly American). */
export function createFaker(): Faker {
	const britishPeople: LocaleDefinition = {
		person: {
			first_name: {
				female: [...ukFirstNames.female],
				male: [...ukFirstNames.male],
				generic: [...ukFirstNames.female, ...ukFirstNames.male],
			},
			last_name: { generic: [...ukLastNames] },
			last_name_pattern: { generic: [{ value: '{{person.last_name.generic}}', weight: 1 }] },
		},
	}
	// Driven by our own generator: seeding faker's default Mersenne Twister for every provider costs more
	// than generating the provider.
	const generator = new Sfc32(0)
	return new Faker({
		locale: [britishPeople, en_GB, en, base],
		randomizer: { next: () => generator.next(), seed: (seed) => generator.seed(seed) },
	})
}

export function createContext(options: {
	randomSeed: number
	now: Date
	passwordHash: string
	staffByFunder: ReadonlyMap<string, string>
}): GeneratorContext {
	return {
		...options,
		faker: createFaker(),
		slugs: new SlugRegistry(),
		holders: [],
		holdersByTown: new Map(),
		reviewCounter: { value: 0 },
	}
}

export function addHolders(ctx: GeneratorContext, holders: readonly HolderRef[]): void {
	for (const holder of holders) {
		ctx.holders.push(holder)
		const list = ctx.holdersByTown.get(holder.town) ?? []
		list.push(holder)
		ctx.holdersByTown.set(holder.town, list)
	}
}

/** A fresh random stream for one entity, and faker seeded for it too. */
function streamFor(ctx: GeneratorContext, kind: string, key: number | string): Random {
	ctx.faker.seed(deriveSeed(ctx.randomSeed, `${kind}-faker`, key))
	return createRandom(deriveSeed(ctx.randomSeed, kind, key))
}

function jitter(rng: Random, town: { lat: number; lng: number }): { lat: number; lng: number } {
	// About ±2 km: enough to spread people around a town without leaving it.
	const lat = town.lat + (rng.next() - 0.5) * 0.036
	const lng = town.lng + (rng.next() - 0.5) * 0.056
	return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 }
}

function atTime(day: Date, minutes: number): Date {
	return addMinutes(dateOnly(day), minutes)
}

function joinWords(words: readonly string[]): string {
	if (words.length <= 1) return words[0] ?? ''
	return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

function weightedSample<T extends { weight: number }>(rng: Random, items: readonly T[], count: number): T[] {
	const left = [...items]
	const chosen: T[] = []
	while (chosen.length < count && left.length > 0) {
		const item = rng.weighted(left.map((t) => [t, t.weight] as const))
		chosen.push(item)
		left.splice(left.indexOf(item), 1)
	}
	return chosen
}

function digits(rng: Random, count: number): string {
	let text = ''
	for (let i = 0; i < count; i++) text += String(rng.int(0, 9))
	return text
}

// ───────────────────────────── Funders and holders ─────────────────────────────

/** The UK towns where holders live, each with the council that funds them. */
const holderTowns: readonly { town: Town; funder: FunderSpec }[] = funderSpecs.flatMap((funder) =>
	funder.towns.map((name) => ({ town: townNamed(name), funder })),
)

export function funderId(key: string): string {
	return `funder_${key}`
}

export type HolderBundle = {
	ref: HolderRef
	user: Prisma.UserCreateManyInput
	holder: Prisma.BudgetHolderCreateManyInput
	plan: Prisma.SupportPlanCreateManyInput
	lines: Prisma.BudgetLineCreateManyInput[]
	review: Prisma.PlanReviewCreateManyInput | null
}

/** Holder number `index` (1-based): a person with a sign-in, an AGREED plan with 2–4 lines, maybe a review. */
export function generateHolder(ctx: GeneratorContext, index: number): HolderBundle {
	const rng = streamFor(ctx, 'holder', index)
	const { faker, now } = ctx
	const place =
		index <= holderTowns.length
			? (holderTowns[index - 1] as (typeof holderTowns)[number])
			: rng.weighted(holderTowns.map((h) => [h, h.town.weight] as const))
	const sex = rng.chance(0.55) ? 'female' : 'male'
	const firstName = faker.person.firstName(sex)
	const lastName = faker.person.lastName()
	const name = `${firstName} ${lastName}`
	const id = seedId('holder', index)
	const userId = seedId('user_holder', index)
	const staffId = ctx.staffByFunder.get(place.funder.key) ?? null

	const startsOn = dateOnly(addDays(now, -rng.int(30, 330)))
	const agreedAt = addMinutes(addDays(startsOn, -rng.int(3, 20)), 11 * 60)
	const createdAt = addDays(agreedAt, -rng.int(7, 30))
	const planId = seedId('plan', index)
	const lines = weightedSample(rng, planLineTemplates, rng.int(2, 4)).map((template, k) => ({
		id: seedId('line', index, String(k + 1)),
		planId,
		name: template.name,
		categorySlug: template.categorySlug,
		amountPence: rng.step(template.pence[0], template.pence[1], 5000),
		ringFenced: template.categorySlug === 'personal-care' && rng.chance(0.15),
	}))
	const outcomes = rng.sample(planOutcomes, rng.int(2, 3)).join('\n')
	const daysIn = daysBetween(startsOn, now)
	const review =
		staffId && daysIn > 120 && rng.chance(0.4)
			? (() => {
					const heldOn = addDays(startsOn, rng.int(90, Math.min(180, daysIn - 1)))
					return {
						id: seedId('planreview', index),
						planId,
						reviewerId: staffId,
						heldOn,
						whatWorked: rng.pick(planReviewNotes.worked),
						whatToChange: rng.pick(planReviewNotes.change),
						nextReviewOn: addDays(heldOn, 182),
						createdAt: addMinutes(heldOn, 15 * 60),
						dueOn: heldOn,
						completedAt: addMinutes(heldOn, 15 * 60),
					}
				})()
			: null

	return {
		ref: { id, userId, town: place.town.name, lines: lines.map((l) => ({ id: l.id, categorySlug: l.categorySlug })) },
		user: {
			id: userId,
			email: `${slugify(firstName)}.${slugify(lastName)}.${index}@holders.example.test`.replace(/-/g, ''),
			name,
			passwordHash: ctx.passwordHash,
			roles: ['HOLDER'],
			createdAt,
			updatedAt: createdAt,
		},
		holder: {
			id,
			userId,
			displayName: name,
			funderId: funderId(place.funder.key),
			town: place.town.name,
			postcodeDistrict: rng.pick(place.town.districts),
			createdAt,
		},
		plan: {
			id: planId,
			holderId: id,
			funderId: funderId(place.funder.key),
			status: 'AGREED',
			outcomes,
			startsOn,
			endsOn: addDays(startsOn, 364),
			agreedAt,
			agreedById: staffId,
			createdAt,
		},
		lines,
		review,
	}
}

// ───────────────────────────── Providers ─────────────────────────────

/** A provider whose identity is fixed (the demo accounts' providers); the rest is generated as usual. */
export type PinnedProvider = {
	key: string
	/** The owner's user id when it is a demo account made elsewhere; left out, an owner is generated. */
	ownerId?: string
	kind: ProviderKind
	name: string
	town: string
	postcodeDistrict: string
	languages: string[]
	accessibility?: AccessibilityFeature[]
	headline: string
	bio: string
	coverRadiusKm: number
	services: {
		title: string
		description: string
		categorySlug: CategorySlug
		unit: 'PER_HOUR' | 'PER_SESSION' | 'FIXED'
		pricePence: number
		durationMinutes: number
		maxGroupSize?: number
	}[]
	/** How many past bookings to make (at least), so the profile has reviews. */
	bookings: number
}

export type ProviderBundle = {
	owner: Prisma.UserCreateManyInput | null
	provider: Prisma.ProviderCreateManyInput
	categories: Prisma.ProviderCategoryCreateManyInput[]
	services: Prisma.ServiceCreateManyInput[]
	credentials: Prisma.CredentialCreateManyInput[]
	slots: Prisma.AvailabilitySlotCreateManyInput[]
	exceptions: Prisma.AvailabilityExceptionCreateManyInput[]
	bookings: Prisma.BookingCreateManyInput[]
	reviews: Prisma.ReviewCreateManyInput[]
}

const kindWeights = [
	['PERSONAL_ASSISTANT', 70],
	['USER_LED_ORGANISATION', 10],
	['COMMUNITY_SERVICE', 20],
] as const satisfies readonly (readonly [ProviderKind, number])[]

function pickLanguages(rng: Random, town: Town): string[] {
	const chosen = new Set<string>(['English'])
	const nation = nationLanguageRates[town.nation]
	for (const language of languageOrder) {
		if (language === 'English') continue
		const rate = (baseLanguageRates[language] ?? 0) + (nation[language] ?? 0) + (town.languages?.[language] ?? 0)
		if (rate > 0 && rng.chance(rate)) chosen.add(language)
	}
	return languageOrder.filter((l) => chosen.has(l))
}

function languageSentence(extra: readonly string[], voice: 'I' | 'we'): string {
	if (extra.length === 0) return ''
	const names = extra.map((l) => (l === 'BSL' ? 'British Sign Language (BSL)' : l))
	return voice === 'I'
		? `I speak ${joinWords(names)} as well as English. `
		: `Our team speaks ${joinWords(names)} as well as English. `
}

function credential(
	rng: Random,
	now: Date,
	id: string,
	providerId: string,
	template: Pick<CredentialTemplate, 'kind' | 'title' | 'issuer' | 'validYears'>,
	issuedDaysAgo: readonly [number, number],
	reference: string | null,
): Prisma.CredentialCreateManyInput {
	const issuedOn = dateOnly(addDays(now, -rng.int(issuedDaysAgo[0], issuedDaysAgo[1])))
	const expiresOn = template.validYears === null ? null : addDays(issuedOn, Math.round(template.validYears * 365.25))
	const verified = rng.chance(0.85)
	return {
		id,
		providerId,
		kind: template.kind,
		title: template.title,
		issuer: template.issuer,
		reference,
		issuedOn,
		expiresOn,
		verifiedAt: verified ? earliest(addMinutes(addDays(issuedOn, rng.int(2, 20)), 10 * 60), addDays(now, -1)) : null,
	}
}

function registrationReference(rng: Random, scheme: 'cqc' | 'ciw' | 'ci' | 'rqia' | 'ew' | 'sc' | 'ni'): string {
	switch (scheme) {
		case 'cqc':
			return `1-${digits(rng, 10)}`
		case 'ciw':
			return `SIN-${digits(rng, 8)}`
		case 'ci':
			return `CS20${digits(rng, 8)}`
		case 'rqia':
			return digits(rng, 5)
		case 'ew':
			return `1${digits(rng, 6)}`
		case 'sc':
			return `SC0${digits(rng, 5)}`
		case 'ni':
			return `NIC10${digits(rng, 4)}`
	}
}

/**
 * Provider number `index` (1-based; pinned providers pass their own spec). Returns every row that belongs to
 * it: owner, profile, services, credentials, weekly availability, time off, and past confirmed bookings by
 * holders with ~60% of them reviewed; the provider's cached rating counts the published reviews.
 */
export function generateProvider(ctx: GeneratorContext, index: number, pinned?: PinnedProvider): ProviderBundle {
	const key = pinned ? `demo_${pinned.key}` : String(index).padStart(6, '0')
	const rng = streamFor(ctx, 'provider', pinned ? `pinned-${pinned.key}` : index)
	const { faker, now } = ctx
	const id = `prov_${key}`

	// Who and where.
	const kind: ProviderKind = pinned?.kind ?? rng.weighted(kindWeights)
	const town = pinned
		? townNamed(pinned.town)
		: index <= towns.length
			? (towns[index - 1] as Town)
			: rng.weighted(towns.map((t) => [t, t.weight] as const))
	const { lat, lng } = jitter(rng, town)
	const postcodeDistrict = pinned?.postcodeDistrict ?? rng.pick(town.districts)
	const area = rng.pick(neighbourhoods[town.name] ?? [town.name])
	const languages = pinned?.languages ?? pickLanguages(rng, town)
	const extraLanguages = languages.filter((l) => l !== 'English')
	const sex = rng.chance(kind === 'PERSONAL_ASSISTANT' ? 0.78 : 0.6) ? 'female' : 'male'
	const heritage = extraLanguages.map((l) => heritageNames[l]).find((h) => h !== undefined)
	const useHeritage = heritage !== undefined && rng.chance(0.7)
	const firstName = useHeritage ? faker.helpers.arrayElement(heritage.first) : faker.person.firstName(sex)
	const lastName = useHeritage ? faker.helpers.arrayElement(heritage.last) : faker.person.lastName()
	const personName = `${firstName} ${lastName}`
	// The name reviews use: a personal assistant's first name.
	const reviewName = pinned && kind === 'PERSONAL_ASSISTANT' ? (pinned.name.split(' ')[0] ?? firstName) : firstName

	// What they offer.
	let serviceTemplates: ServiceTemplate[]
	let name: string
	let focus: (typeof uloNames)[number]['focus'] = undefined
	if (kind === 'PERSONAL_ASSISTANT') {
		serviceTemplates = weightedSample(
			rng,
			paServices,
			rng.weighted([
				[1, 35],
				[2, 45],
				[3, 20],
			] as const),
		)
		name = personName
	} else if (kind === 'USER_LED_ORGANISATION') {
		const pattern = rng.pick(uloNames)
		focus = pattern.focus
		name = pattern.pattern.replace('{town}', town.name)
		const planning = uloServices.filter((s) => s.categorySlug === 'brokerage-and-planning')
		serviceTemplates = [
			rng.pick(planning),
			...weightedSample(
				rng,
				uloServices.filter((s) => s.categorySlug !== 'brokerage-and-planning'),
				rng.int(1, 3),
			),
		]
	} else {
		const primary = rng.weighted(communityServices.map((s) => [s, s.weight] as const))
		name = rng
			.pick(primary.names ?? ['{town} Community Project'])
			.replace('{town}', town.name)
			.replace('{area}', area)
		serviceTemplates = [
			primary,
			...weightedSample(
				rng,
				communityServices.filter((s) => s !== primary),
				rng.weighted([
					[0, 40],
					[1, 40],
					[2, 20],
				] as const),
			),
		]
	}
	if (pinned) name = pinned.name

	const createdAt = addMinutes(dateOnly(addDays(now, -rng.int(30, 900))), rng.int(8 * 60, 18 * 60))
	const updatedAt = earliest(addDays(createdAt, rng.int(0, 60)), addDays(now, -1))
	const services: Prisma.ServiceCreateManyInput[] = pinned
		? pinned.services.map((s, k) => ({
				id: `svc_${key}_${k + 1}`,
				providerId: id,
				title: s.title,
				description: s.description,
				categorySlug: s.categorySlug,
				priceUnit: s.unit,
				pricePence: s.pricePence,
				currency: 'GBP',
				durationMinutes: s.durationMinutes,
				maxGroupSize: s.maxGroupSize ?? null,
				active: true,
				createdAt,
				updatedAt,
			}))
		: serviceTemplates.map((t, k) => ({
				id: `svc_${key}_${k + 1}`,
				providerId: id,
				title: rng.pick(t.titles),
				description: t.description,
				categorySlug: t.categorySlug,
				priceUnit: t.unit,
				pricePence: rng.step(t.price[0], t.price[1], t.price[2]),
				currency: 'GBP',
				durationMinutes: rng.pick(t.durations),
				maxGroupSize: t.group ? rng.int(t.group[0], t.group[1]) : null,
				active: k === 0 || rng.chance(0.95),
				createdAt,
				updatedAt,
			}))
	const categorySlugs = [...new Set(services.map((s) => s.categorySlug))]
	const phrases = categorySlugs.map((slug) => categoryPhrases[slug as CategorySlug])

	// Accessibility.
	const accessibility = new Set<AccessibilityFeature>(pinned?.accessibility ?? [])
	if (!pinned) {
		for (const [feature, p] of accessibilityByKind[kind]) if (rng.chance(p)) accessibility.add(feature)
		if (languages.includes('BSL') || focus === 'deaf') accessibility.add('bsl-signing')
		if (focus === 'deaf') accessibility.add('hearing-loop')
		if (focus === 'sight') accessibility.add('large-print')
		if (focus === 'learning-disability') accessibility.add('easy-read')
	}
	if (focus === 'deaf' && !languages.includes('BSL')) languages.splice(1, 0, 'BSL')

	// Words.
	let headline: string
	let bio: string
	let coverRadiusKm: number
	let lateCancelPercent = 0
	let cancellationPolicy = 'Free to cancel up to 24 hours before.'
	if (kind === 'PERSONAL_ASSISTANT') {
		headline = `${rng.pick(paAdjectives)} personal assistant in ${town.name}: ${joinWords(phrases.slice(0, 2))}`
		const years = rng.int(1, 22)
		const interests = rng.sample(paInterests, 2)
		bio =
			`I have worked as a personal assistant for ${years === 1 ? 'a year' : `${years} years`}, ${rng.pick(paExperience)}. ` +
			`I can help with ${joinWords(phrases)}. ${rng.pick(paExtras)} ${languageSentence(extraLanguages, 'I')}` +
			`In my spare time I enjoy ${joinWords(interests)}.`
		coverRadiusKm = rng.pick([5, 8, 10, 10, 15, 20, 25])
		lateCancelPercent = rng.weighted([
			[0, 50],
			[50, 35],
			[100, 15],
		] as const)
		if (lateCancelPercent > 0) {
			cancellationPolicy = `Free to cancel up to 24 hours before. After that I charge ${lateCancelPercent === 50 ? 'half' : 'the full'} price, because I will have turned down other work.`
		}
	} else if (kind === 'USER_LED_ORGANISATION') {
		headline = `Run by disabled people in ${town.name}: ${joinWords(phrases.slice(0, 3))}`
		const since = rng.int(1985, 2019)
		bio =
			`${name} is run by and for disabled people: everyone on our board has lived experience of disability. ` +
			`We have worked in ${town.name} since ${since}. We offer ${joinWords(phrases)}. ${languageSentence(extraLanguages, 'we')}` +
			'Get in touch for a friendly chat: the first conversation is always free.'
		coverRadiusKm = rng.pick([10, 15, 20, 30])
		cancellationPolicy = 'Free to cancel up to 24 hours before: just let us know.'
	} else {
		const primary = services[0] as Prisma.ServiceCreateManyInput
		headline = `${primary.title} in ${area === town.name ? town.name : `${area}, ${town.name}`}`
		bio =
			`${primary.description} ` +
			`What we offer in ${area === town.name ? town.name : `${area}, ${town.name}`}: ${joinWords(services.map((s) => s.title.toLowerCase()))}. ` +
			`Carers and personal assistants come free. ${languageSentence(extraLanguages, 'we')}` +
			(accessibility.has('wheelchair-accessible')
				? 'Our venue is wheelchair accessible.'
				: 'Ring us before your first visit and we will talk you through getting here.')
		coverRadiusKm = services.some((s) => s.categorySlug === 'transport') ? 15 : 0
		cancellationPolicy = 'Free to cancel at any time: let us know so someone else can have your place.'
	}
	if (pinned) {
		headline = pinned.headline
		bio = pinned.bio
		coverRadiusKm = pinned.coverRadiusKm
	}
	const published = pinned ? true : rng.chance(0.95)

	// The owner's sign-in.
	const slug = ctx.slugs.take(providerSlugBase(name, town.name))
	const ownerId = pinned?.ownerId ?? `user_prov_${key}`
	const owner: Prisma.UserCreateManyInput | null = pinned?.ownerId
		? null
		: {
				id: ownerId,
				email: `${slug}@${kind === 'PERSONAL_ASSISTANT' ? 'pa' : 'providers'}.example.test`,
				name: personName,
				passwordHash: ctx.passwordHash,
				roles: ['PROVIDER'],
				createdAt,
				updatedAt: createdAt,
			}

	// Credentials.
	const credentials: Prisma.CredentialCreateManyInput[] = []
	/** Adds one credential of this provider's, numbered in the order they are added. */
	const addCredential = (
		template: Parameters<typeof credential>[4],
		issuedDaysAgo: readonly [number, number],
		reference: string | null,
	) => {
		credentials.push(
			credential(rng, now, `cred_${key}_${credentials.length + 1}`, id, template, issuedDaysAgo, reference),
		)
	}
	const regulator = regulators[town.nation]
	const check = backgroundChecks[town.nation]
	if (kind === 'PERSONAL_ASSISTANT') {
		if (pinned || rng.chance(0.92)) {
			addCredential({ kind: 'BACKGROUND_CHECK', ...check, validYears: 3 }, [20, 1200], `00${digits(rng, 10)}`)
		}
		if (pinned || rng.chance(0.6)) addCredential(careInduction[town.nation], [200, 3000], null)
		if (pinned || rng.chance(0.55)) addCredential(rng.pick(firstAidCourses), [30, 1000], null)
		for (const course of rng.sample(
			paTraining,
			rng.weighted([
				[0, 30],
				[1, 45],
				[2, 25],
			] as const),
		)) {
			addCredential(course, [30, 700], null)
		}
		if (pinned || rng.chance(0.5)) addCredential(insurancePolicies.pa, [5, 330], `PL${digits(rng, 7)}`)
	} else {
		const regulated = categorySlugs.some((s) => s === 'short-breaks' || s === 'respite' || s === 'personal-care')
		if (regulated) {
			addCredential(
				{
					kind: 'REGISTRATION',
					title: `Registered with the ${regulator.care}`,
					issuer: regulator.care,
					validYears: null,
				},
				[400, 5000],
				registrationReference(rng, regulator.careRef),
			)
		}
		if (rng.chance(kind === 'USER_LED_ORGANISATION' ? 0.9 : 0.6)) {
			addCredential(
				{ kind: 'REGISTRATION', title: 'Registered charity', issuer: regulator.charity, validYears: null },
				[1000, 9000],
				registrationReference(rng, regulator.charityRef),
			)
		}
		if (rng.chance(0.95)) addCredential(insurancePolicies.organisation, [5, 330], `VS${digits(rng, 7)}`)
		if (rng.chance(0.85)) {
			addCredential(
				{
					kind: 'BACKGROUND_CHECK',
					title: `${check.title} for all staff and volunteers`,
					issuer: check.issuer,
					validYears: 3,
				},
				[20, 1000],
				null,
			)
		}
		if (kind === 'COMMUNITY_SERVICE' && rng.chance(0.6)) addCredential(rng.pick(firstAidCourses), [30, 1000], null)
		if (categorySlugs.includes('advocacy')) {
			addCredential(
				{
					kind: 'TRAINING',
					title: 'Level 4 Certificate in Independent Advocacy (all advocates)',
					issuer: 'City & Guilds',
					validYears: null,
				},
				[200, 3000],
				null,
			)
		}
	}

	// Weekly availability (0 = Monday; minutes after midnight).
	const slots: Prisma.AvailabilitySlotCreateManyInput[] = []
	const addSlot = (weekday: number, start: number, end: number) => {
		if (slots.some((s) => s.weekday === weekday && s.startMinute < end && start < s.endMinute)) return
		slots.push({ id: `slot_${key}_${slots.length + 1}`, providerId: id, weekday, startMinute: start, endMinute: end })
	}
	if (kind === 'PERSONAL_ASSISTANT') {
		const pattern = rng.weighted([
			['mornings', 25],
			['days', 30],
			['evenings-weekends', 15],
			['split', 15],
			['part-time', 15],
		] as const)
		const weekdays = [0, 1, 2, 3, 4]
		if (pattern === 'mornings') for (const d of weekdays) addSlot(d, 7 * 60, 12 * 60)
		if (pattern === 'days') for (const d of weekdays) addSlot(d, 9 * 60, 17 * 60)
		if (pattern === 'evenings-weekends') {
			for (const d of weekdays) addSlot(d, 17 * 60, 21 * 60)
			addSlot(5, 9 * 60, 17 * 60)
			addSlot(6, 9 * 60, 17 * 60)
		}
		if (pattern === 'split') {
			for (const d of weekdays) {
				addSlot(d, 7 * 60, 10 * 60)
				addSlot(d, 17 * 60, 21 * 60)
			}
		}
		if (pattern === 'part-time') for (const d of rng.sample(weekdays, 3).sort()) addSlot(d, 9 * 60 + 30, 15 * 60)
		// Night support and live-in care: late evenings into the night too (a slot ends at midnight at the latest).
		if (services.some((s) => s.categorySlug === 'night-support' || s.categorySlug === 'live-in-care')) {
			for (const d of [0, 1, 2, 3, 4, 5, 6]) addSlot(d, 22 * 60, 24 * 60)
		}
	} else if (kind === 'USER_LED_ORGANISATION') {
		for (const d of [0, 1, 2, 3]) addSlot(d, 9 * 60 + 30, 16 * 60 + 30)
		addSlot(4, 9 * 60 + 30, 16 * 60)
	} else {
		for (const service of services) {
			const minutes = service.durationMinutes ?? 60
			if (
				service.categorySlug === 'transport' ||
				service.categorySlug === 'respite' ||
				service.categorySlug === 'day-opportunities'
			) {
				for (const d of [0, 1, 2, 3, 4])
					addSlot(
						d,
						service.categorySlug === 'transport' ? 8 * 60 : 9 * 60 + 30,
						service.categorySlug === 'transport' ? 18 * 60 : 15 * 60 + 30,
					)
			} else if (service.categorySlug === 'short-breaks' || service.categorySlug === 'holidays-and-trips') {
				addSlot(5, 10 * 60, 10 * 60 + minutes)
			} else {
				// Long sessions start early enough to end by midnight.
				const start = Math.min(
					rng.pick([10 * 60, 10 * 60 + 30, 11 * 60, 13 * 60 + 30, 14 * 60, 18 * 60]),
					24 * 60 - minutes,
				)
				addSlot(rng.int(0, 4), start, start + minutes)
			}
		}
	}

	// Time off, in the weeks after `now`.
	const exceptions: Prisma.AvailabilityExceptionCreateManyInput[] = []
	if (pinned?.kind === 'PERSONAL_ASSISTANT' || rng.chance(0.08)) {
		const starts = dateOnly(addDays(now, rng.int(7, 45)))
		const days = kind === 'PERSONAL_ASSISTANT' ? rng.int(3, 14) : 1
		exceptions.push({
			id: `exception_${key}_1`,
			providerId: id,
			startsAt: starts,
			endsAt: addDays(starts, days),
			reason: kind === 'PERSONAL_ASSISTANT' ? 'Annual leave' : 'Closed for staff training',
		})
	}

	// Past bookings, all delivered and confirmed, and reviews for about 60% of them.
	const bookings: Prisma.BookingCreateManyInput[] = []
	const reviews: Prisma.ReviewCreateManyInput[] = []
	const activeServices = services.filter((s) => s.active !== false)
	const wanted =
		kind === 'USER_LED_ORGANISATION'
			? rng.weighted([
					[0, 20],
					[1, 20],
					[2, 25],
					[3, 20],
					[4, 15],
				] as const)
			: rng.weighted([
					[0, 15],
					[1, 10],
					[2, 15],
					[3, 15],
					[4, 15],
					[5, 10],
					[6, 10],
					[8, 10],
				] as const)
	const bookingCount = ctx.holders.length === 0 || !published ? 0 : Math.max(wanted, pinned?.bookings ?? 0)
	let publishedRatingSum = 0
	let publishedCount = 0
	for (let b = 1; b <= bookingCount; b++) {
		const service = rng.pick(activeServices)
		const local = ctx.holdersByTown.get(town.name) ?? []
		const holder = local.length > 0 && rng.chance(0.85) ? rng.pick(local) : rng.pick(ctx.holders)
		const minutes = service.durationMinutes ?? 60
		const oneToOne = !service.maxGroupSize
		// A provider's one-to-one sessions never overlap (the database refuses it): draw another time on a clash.
		let startsAt: Date | null = null
		for (let attempt = 0; attempt < 20 && !startsAt; attempt++) {
			const slot = rng.pick(slots)
			const day = onOrBeforeWeekday(addDays(now, -rng.int(21, 240)), slot.weekday)
			// Start on the half-hour somewhere in the slot, leaving time to finish inside it where it fits.
			const room = Math.max(0, Math.floor((slot.endMinute - slot.startMinute - minutes) / 30))
			const candidate = atTime(day, slot.startMinute + 30 * rng.int(0, room))
			const end = addMinutes(candidate, minutes).getTime()
			const clash = bookings.some(
				(o) =>
					o.oneToOne !== false &&
					oneToOne &&
					new Date(o.startsAt).getTime() < end &&
					new Date(o.endsAt).getTime() > candidate.getTime(),
			)
			if (!clash) startsAt = candidate
		}
		if (!startsAt) continue
		const endsAt = addMinutes(startsAt, minutes)
		const deliveredAt = addMinutes(endsAt, rng.int(0, 30))
		const confirmedAt = addMinutes(deliveredAt, rng.int(60, 47 * 60))
		const bookingId = `booking_${key}_${b}`
		const line = holder.lines.find((l) => l.categorySlug === service.categorySlug)
		bookings.push({
			id: bookingId,
			idempotencyKey: `seed:${bookingId}`,
			holderId: holder.id,
			providerId: id,
			serviceId: service.id as string,
			bookedById: holder.userId,
			budgetLineId: line?.id ?? null,
			startsAt,
			endsAt,
			oneToOne,
			status: 'CONFIRMED',
			priceUnit: service.priceUnit,
			unitPricePence: service.pricePence,
			totalPence: bookingTotalPence(service.priceUnit, service.pricePence, minutes),
			feePence: 0,
			currency: 'GBP',
			deliveredAt,
			confirmedAt,
			createdAt: addMinutes(addDays(startsAt, -rng.int(2, 21)), -rng.int(0, 600)),
			updatedAt: confirmedAt,
		})
		if (!rng.chance(0.6)) continue

		ctx.reviewCounter.value += 1
		const rating = rng.weighted([
			[5, 52],
			[4, 28],
			[3, 10],
			[2, 6],
			[1, 4],
		] as const)
		const sub = () => Math.min(5, Math.max(1, rating + rng.pick([-1, 0, 0, 0, 1])))
		const createdAtReview = addMinutes(confirmedAt, rng.int(10, 5 * 24 * 60))
		const removed = ctx.reviewCounter.value % 400 === 7
		const reply = !removed && rng.chance(0.05)
		const bodies = kind === 'PERSONAL_ASSISTANT' ? reviewBodies.pa : reviewBodies.org
		reviews.push({
			id: `review_${key}_${b}`,
			bookingId,
			providerId: id,
			holderId: holder.id,
			authorId: holder.userId,
			rating,
			reliable: sub(),
			respectful: sub(),
			didWhatAgreed: sub(),
			body: rng
				.pick(bodies[rating])
				.replaceAll('{name}', reviewName)
				.replaceAll('{activity}', categoryPhrases[service.categorySlug as CategorySlug]),
			visibleFrom: earliest(addDays(createdAtReview, rng.int(0, 14)), addDays(now, -1)),
			status: removed ? 'REMOVED' : 'PUBLISHED',
			removedReason: removed ? rng.pick(removedReasons) : null,
			removedAt: removed ? addDays(createdAtReview, 2) : null,
			providerReply: reply ? rng.pick(rating >= 4 ? providerReplies.good : providerReplies.bad) : null,
			repliedAt: reply ? earliest(addDays(createdAtReview, rng.int(1, 4)), addDays(now, -1)) : null,
			createdAt: createdAtReview,
		})
		if (!removed) {
			publishedRatingSum += rating
			publishedCount += 1
		}
	}

	return {
		owner,
		provider: {
			id,
			slug,
			ownerId,
			kind,
			name,
			headline,
			bio,
			town: town.name,
			postcodeDistrict,
			lat,
			lng,
			coverRadiusKm,
			languages,
			accessibility: [...accessibility].sort(),
			acceptsGroupBookings: services.some((s) => s.maxGroupSize != null),
			cancellationPolicy,
			lateCancelPercent,
			published,
			ratingAverage: publishedCount > 0 ? Math.round((publishedRatingSum / publishedCount) * 100) / 100 : null,
			reviewCount: publishedCount,
			createdAt,
			updatedAt,
		},
		categories: categorySlugs.map((categorySlug) => ({ providerId: id, categorySlug })),
		services,
		credentials,
		slots,
		exceptions,
		bookings,
		reviews,
	}
}
