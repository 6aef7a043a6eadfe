/**
 * Demo data: `npm run db:seed` (tsx prisma/seed.ts) fills an empty database; the server calls seedIfEmpty on
 * start-up. Deterministic: the same SEED_RANDOM (and reference date) gives the same rows, ids included.
 *
 *   SEED_PROVIDERS   how many generated providers (default 300; 100000 works), besides the demo ones
 *   SEED_RANDOM      the random seed, a whole number (default 20261101)
 *   SEED_NOW         the reference date the history is built around (default 2026-11-01T09:00:00Z)
 *
 * Importing this file has no side effects: the command-line part runs only when it is executed directly.
 * See docs/decisions/004-demo-data.md.
 */
import { createDemoPlans } from './seed/demo-plans.ts'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_PASSWORD, demoAccounts } from '#app/domain/people/demo-accounts.ts'
import { hashPassword } from '#app/domain/people/password.server.ts'
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { createFunder, createHolder, createUserWithRoles, ensureCategories } from './seed/builders.ts'
import { bulkInsert } from './seed/bulk.ts'
import { fundLeicesterHolders } from './seed/demo-funder-view.ts'
import { addDays, addMinutes, dateOnly } from './seed/dates.ts'
import {
	createDemoHolders,
	createDemoStaffInvite,
	createDemoUsers,
	createGroups,
	demoIds,
	demoInstalmentPence,
	type FundedHolder,
	fundDemoHolder,
	pinnedProviders,
	staffUserId,
} from './seed/demo.ts'
import {
	addHolders,
	createContext,
	funderId,
	generateHolder,
	generateProvider,
	type GeneratorContext,
	type HolderBundle,
	type ProviderBundle,
} from './seed/generate.ts'
import { funderSpecs, overseasHolders } from './seed/places.ts'

export { DEMO_PASSWORD, demoAccounts }
export { fundDemoHolder } from './seed/demo.ts'
import { seedDemoBookings } from './seed/demo-bookings.ts'
import { type DemoCommissions, seedDemoCommissions } from './seed/demo-commissions.ts'
import { seedDemoHelping } from './seed/demo-helping.ts'

export const DEFAULT_PROVIDERS = 300
export const DEFAULT_RANDOM_SEED = 20261101
/** The fixed "today" the demo history is built around, unless another is passed in. */
export const DEFAULT_NOW = new Date('2026-11-01T09:00:00.000Z')

/** Providers or holders generated and inserted per round (each table then gets about 1,000 rows a statement). */
const BATCH = 1000

export type SeedOptions = {
	/** Generated providers, besides the three demo ones (default 300). */
	providers?: number
	randomSeed?: number
	now?: Date
	/** Told about progress, for the command line. */
	onProgress?: (message: string) => void
}

export type SeedSummary = {
	randomSeed: number
	now: string
	providers: number
	publishedProviders: number
	towns: number
	funders: number
	holders: number
	users: number
	services: number
	credentials: number
	availabilitySlots: number
	bookings: number
	reviews: number
	removedReviews: number
	groups: number
	demoAccounts: string[]
	funded: FundedHolder[]
	/** Bookings made for the demo accounts through the ledger (requested, accepted, confirmed). */
	demoBookings: number
	/** The demo group activities, made through the commissions domain (and so the ledger). */
	demoCommissions: DemoCommissions
	/** Daniel's suggestion waiting for Sam's yes (ADR 024). */
	demoHelping: { proposal: string | null }
}

async function insertHolders(prisma: PrismaClient, bundles: readonly HolderBundle[]): Promise<void> {
	await bulkInsert(
		prisma,
		'User',
		bundles.map((b) => b.user),
	)
	await bulkInsert(
		prisma,
		'BudgetHolder',
		bundles.map((b) => b.holder),
	)
	await bulkInsert(
		prisma,
		'SupportPlan',
		bundles.map((b) => b.plan),
	)
	await bulkInsert(
		prisma,
		'BudgetLine',
		bundles.flatMap((b) => b.lines),
	)
	await bulkInsert(
		prisma,
		'PlanReview',
		bundles.flatMap((b) => (b.review ? [b.review] : [])),
	)
}

type Counts = Pick<
	SeedSummary,
	| 'providers'
	| 'publishedProviders'
	| 'services'
	| 'credentials'
	| 'availabilitySlots'
	| 'bookings'
	| 'reviews'
	| 'removedReviews'
> & { towns: Set<string> }

async function insertProviders(
	prisma: PrismaClient,
	bundles: readonly ProviderBundle[],
	counts: Counts,
): Promise<void> {
	await bulkInsert(
		prisma,
		'User',
		bundles.flatMap((b) => (b.owner ? [b.owner] : [])),
	)
	await bulkInsert(
		prisma,
		'Provider',
		bundles.map((b) => b.provider),
	)
	await bulkInsert(
		prisma,
		'ProviderCategory',
		bundles.flatMap((b) => b.categories),
	)
	await bulkInsert(
		prisma,
		'Service',
		bundles.flatMap((b) => b.services),
	)
	await bulkInsert(
		prisma,
		'Credential',
		bundles.flatMap((b) => b.credentials),
	)
	await bulkInsert(
		prisma,
		'AvailabilitySlot',
		bundles.flatMap((b) => b.slots),
	)
	await bulkInsert(
		prisma,
		'AvailabilityException',
		bundles.flatMap((b) => b.exceptions),
	)
	await bulkInsert(
		prisma,
		'Booking',
		bundles.flatMap((b) => b.bookings),
	)
	await bulkInsert(
		prisma,
		'Review',
		bundles.flatMap((b) => b.reviews),
	)
	for (const b of bundles) {
		counts.providers += 1
		if (b.provider.published !== false) counts.publishedProviders += 1
		counts.towns.add(b.provider.town)
		counts.services += b.services.length
		counts.credentials += b.credentials.length
		counts.availabilitySlots += b.slots.length
		counts.bookings += b.bookings.length
		counts.reviews += b.reviews.length
		counts.removedReviews += b.reviews.filter((r) => r.status === 'REMOVED').length
	}
}

/** Funders, each with the member of staff who agrees its plans. */
async function createFunders(prisma: PrismaClient, passwordHash: string, now: Date): Promise<Map<string, string>> {
	const staff = new Map<string, string>()
	for (const spec of funderSpecs) {
		await createFunder(prisma, {
			id: funderId(spec.key),
			name: spec.name,
			scheme: spec.scheme,
			currency: spec.currency,
			instalmentDays: spec.instalmentDays,
			platformFeeBps: spec.platformFeeBps,
		})
		const userId = staffUserId(spec.key)
		await createUserWithRoles(prisma, {
			id: userId,
			email: spec.key === 'leicester-city' ? 'funder@demo.test' : `direct.payments@${spec.key}.funder.example.test`,
			name: spec.staffName,
			roles: ['FUNDER_STAFF'],
			funderId: funderId(spec.key),
			passwordHash,
			createdAt: addDays(dateOnly(now), -500),
		})
		staff.set(spec.key, userId)
	}
	return staff
}

/** One holder each for the Australian and Italian schemes: they show other currencies, and book nothing. */
async function createOverseasHolders(prisma: PrismaClient, ctx: GeneratorContext): Promise<number> {
	for (const [k, person] of overseasHolders.entries()) {
		const startsOn = dateOnly(addDays(ctx.now, -90))
		await createHolder(prisma, {
			id: `holder_overseas_${k + 1}`,
			funderId: funderId(person.funderKey),
			displayName: person.name,
			town: person.town,
			postcodeDistrict: person.postcodeDistrict,
			createdAt: addDays(startsOn, -30),
			user: {
				id: `user_holder_overseas_${k + 1}`,
				email: person.email,
				name: person.name,
				roles: ['HOLDER'],
				passwordHash: ctx.passwordHash,
				createdAt: addDays(startsOn, -30),
			},
			plan: {
				id: `plan_overseas_${k + 1}`,
				status: 'AGREED',
				outcomes: 'Live independently at home and take part in the community.',
				startsOn,
				endsOn: addDays(startsOn, 364),
				agreedAt: addMinutes(addDays(startsOn, -7), 10 * 60),
				agreedById: ctx.staffByFunder.get(person.funderKey) ?? null,
				createdAt: addDays(startsOn, -20),
				lines: person.lines.map((line, n) => ({
					id: `line_overseas_${k + 1}_${n + 1}`,
					name: line.name,
					categorySlug: line.categorySlug,
					amountPence: line.amount,
				})),
			},
		})
	}
	return overseasHolders.length
}

/**
 * Fills an EMPTY database with demo data and returns what it made. Same options, same data (ids too).
 * Providers and holders are generated and inserted 1,000 at a time (bulk inserts: see seed/bulk.ts); the demo
 * password is hashed once and the hash reused for every generated user.
 */
export async function seed(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
	const providerCount = options.providers ?? DEFAULT_PROVIDERS
	const randomSeed = options.randomSeed ?? DEFAULT_RANDOM_SEED
	const now = options.now ?? DEFAULT_NOW
	const progress = options.onProgress ?? (() => {})
	if (!Number.isInteger(providerCount) || providerCount < 0)
		throw new Error('providers must be a whole number, 0 or more')
	if (!Number.isInteger(randomSeed)) throw new Error('randomSeed must be a whole number')
	if (Number.isNaN(now.getTime())) throw new Error('now must be a valid date')

	const passwordHash = await hashPassword(DEMO_PASSWORD)
	await ensureCategories(prisma)
	const staffByFunder = await createFunders(prisma, passwordHash, now)
	const ctx = createContext({ randomSeed, now, passwordHash, staffByFunder })

	await createDemoUsers(prisma, passwordHash, now)
	await createDemoHolders(prisma, passwordHash, now)
	await createDemoPlans(prisma, passwordHash, now)
	const overseas = await createOverseasHolders(prisma, ctx)
	progress(`${funderSpecs.length} funders and the demo accounts`)

	// Holders first: providers' past bookings are theirs.
	const holderCount = Math.max(5, Math.round(providerCount / 5))
	for (let from = 1; from <= holderCount; from += BATCH) {
		const bundles: HolderBundle[] = []
		for (let i = from; i < from + BATCH && i <= holderCount; i++) bundles.push(generateHolder(ctx, i))
		await insertHolders(prisma, bundles)
		addHolders(
			ctx,
			bundles.map((b) => b.ref),
		)
	}
	progress(`${holderCount} holders`)

	const counts: Counts = {
		providers: 0,
		publishedProviders: 0,
		services: 0,
		credentials: 0,
		availabilitySlots: 0,
		bookings: 0,
		reviews: 0,
		removedReviews: 0,
		towns: new Set(),
	}
	await insertProviders(
		prisma,
		pinnedProviders.map((pinned) => generateProvider(ctx, 0, pinned)),
		counts,
	)
	await createDemoStaffInvite(prisma)
	for (let from = 1; from <= providerCount; from += BATCH) {
		const bundles: ProviderBundle[] = []
		for (let i = from; i < from + BATCH && i <= providerCount; i++) bundles.push(generateProvider(ctx, i))
		await insertProviders(prisma, bundles, counts)
		if ((from - 1) % (10 * BATCH) === 9 * BATCH || from + BATCH > providerCount)
			progress(`${counts.providers} providers`)
	}

	const groups = await createGroups(prisma, ctx)
	progress(`${groups} groups and an open commission`)
	const funded = [
		await fundDemoHolder(prisma, {
			holderId: demoIds.holders.sam,
			funderId: funderId('leicester-city'),
			staffUserId: staffUserId('leicester-city'),
			allocationId: demoIds.allocations.sam,
			instalmentPence: demoInstalmentPence.sam,
			now,
		}),
		await fundDemoHolder(prisma, {
			holderId: demoIds.holders.margaret,
			funderId: funderId('leicester-city'),
			staffUserId: staffUserId('leicester-city'),
			allocationId: demoIds.allocations.margaret,
			instalmentPence: demoInstalmentPence.margaret,
			now,
		}),
	]

	for (const key of ['ravi', 'joan'] as const) {
		funded.push(
			await fundDemoHolder(prisma, {
				holderId: demoIds.holders[key],
				funderId: funderId('leicester-city'),
				staffUserId: staffUserId('leicester-city'),
				allocationId: demoIds.allocations[key],
				instalmentPence: demoInstalmentPence[key],
				now,
			}),
		)
	}

	const fundedForView = await fundLeicesterHolders(prisma, now)
	progress(`the demo holders, and ${fundedForView} more in Leicester, funded through the ledger`)
	const demoBookings = await seedDemoBookings(prisma, now)
	progress(`${demoBookings} bookings for the demo accounts`)
	const demoCommissions = await seedDemoCommissions(prisma, now)
	progress('group activities for the demo accounts: open, confirmed and failed')
	const demoHelping = await seedDemoHelping(prisma, now)
	progress('a shortlist and a booking waiting for Sam’s yes, from Daniel, Sam’s broker')

	const { towns, ...rest } = counts
	return {
		randomSeed,
		now: now.toISOString(),
		...rest,
		towns: towns.size,
		funders: funderSpecs.length,
		// The demo holders: Sam, Margaret, Ravi, Joan, Kofi (waiting for his funder to confirm him), and Nia, Tom and
		// Aisha at the first steps of their plans (prisma/seed/demo-plans.ts).
		holders: holderCount + 8 + overseas,
		users: await prisma.user.count(),
		groups,
		demoAccounts: demoAccounts.map((a) => a.email),
		funded,
		demoBookings,
		demoCommissions,
		demoHelping,
	}
}

/** Seeds only a database with no users yet (the server calls this on start-up). Returns null if it did nothing. */
export async function seedIfEmpty(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary | null> {
	if ((await prisma.user.count()) > 0) return null
	return seed(prisma, options)
}

// ───────────────────────────── Command line ─────────────────────────────

function wholeNumberFromEnv(name: string, fallback: number): number {
	const raw = process.env[name]
	if (raw === undefined || raw.trim() === '') return fallback
	const value = Number(raw.replace(/_/g, ''))
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name} must be a whole number, 0 or more (it is "${raw}")`)
	return value
}

async function main(): Promise<void> {
	const { closeDb, getDb } = await import('#app/utils/db.server.ts')
	const { applyMigrations } = await import('#prisma/migrate.ts')
	const providers = wholeNumberFromEnv('SEED_PROVIDERS', DEFAULT_PROVIDERS)
	const randomSeed = wholeNumberFromEnv('SEED_RANDOM', DEFAULT_RANDOM_SEED)
	const now = process.env.SEED_NOW ? new Date(process.env.SEED_NOW) : DEFAULT_NOW
	if (Number.isNaN(now.getTime()))
		throw new Error(`SEED_NOW must be a date such as 2026-11-01T09:00:00Z (it is "${process.env.SEED_NOW}")`)

	const db = getDb()
	try {
		await applyMigrations(
			db.pglite
				? { kind: 'pglite', pglite: db.pglite }
				: { kind: 'postgres', url: db.target.kind === 'postgres' ? db.target.url : '' },
		)
		if ((await db.prisma.user.count()) > 0) {
			console.log(
				db.pglite
					? `The database in ${db.target.kind === 'pglite' ? db.target.dir : ''} already has data, so nothing was seeded. Delete that folder and run npm run db:seed again to start afresh.`
					: 'The database already has data, so nothing was seeded. Seed an empty database.',
			)
			return
		}
		const started = performance.now()
		console.log(`Seeding ${providers} providers (and the demo accounts) with seed ${randomSeed}…`)
		const summary = await seed(db.prisma, { providers, randomSeed, now, onProgress: (m) => console.log(`  ${m}`) })
		const seconds = ((performance.now() - started) / 1000).toFixed(1)
		console.log(
			`Seeded in ${seconds} s: ${summary.providers} providers in ${summary.towns} towns, ${summary.services} services, ` +
				`${summary.holders} holders, ${summary.bookings} past bookings, ${summary.reviews} reviews, ${summary.users} users.`,
		)
		console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`)
		for (const account of demoAccounts)
			console.log(`  ${account.email.padEnd(20)} ${account.name}: ${account.description}`)
	} finally {
		await closeDb()
	}
}

function runDirectly(): boolean {
	const script = process.argv[1]
	if (!script) return false
	return path.resolve(script) === fileURLToPath(import.meta.url)
}

if (runDirectly()) {
	main().catch((error: unknown) => {
		console.error(error)
		process.exitCode = 1
	})
}
