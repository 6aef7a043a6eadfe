/**
 * Data builders, used by prisma/seed.ts (which passes every field, so its data stays deterministic) and, through
 * tests/db-utils.ts, by the tests (which leave most fields out and get plausible random values). Production code:
 * the server's start-up seeds through these, so they never import anything under tests/.
 *
 * build… functions return plain data and touch nothing; create… functions write to the database given as
 * `db` (a PrismaClient or a transaction client) and return the rows.
 */
import { faker } from '@faker-js/faker'
import { hashPassword } from '#app/domain/people/password.server.ts'
import { categories } from '#app/domain/reference/categories.ts'
import {
	type BudgetHolder,
	type BudgetLine,
	type Funder,
	type Prisma,
	type PrismaClient,
	type SupportPlan,
	type User,
} from '#app/generated/prisma/client.ts'
import { type PlanStatus, type Role } from '#app/generated/prisma/enums.ts'
import { slugify } from './slug.ts'

export type Db = PrismaClient | Prisma.TransactionClient

/** The password of every user a builder creates unless told otherwise. */
export const TEST_PASSWORD = 'password-for-tests'

// bcrypt is slow on purpose: hash each password once per process.
const hashes = new Map<string, Promise<string>>()
function hashOnce(password: string): Promise<string> {
	let hash = hashes.get(password)
	if (!hash) {
		hash = hashPassword(password)
		hashes.set(password, hash)
	}
	return hash
}

let sequence = 0
/** A short string unique within this process, so random emails and slugs never collide in a test run. */
export function uniqueSuffix(): string {
	sequence += 1
	return `${faker.string.alphanumeric({ length: 6, casing: 'lower' })}${sequence}`
}

// ───────────────────────────── Users ─────────────────────────────

export type UserData = { email: string; name: string; roles: Role[] }

/** The object without its undefined properties, so `{ ...defaults, ...withoutUndefined(overrides) }` keeps defaults. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

export function buildUser(overrides: Partial<UserData> = {}): UserData {
	const firstName = faker.person.firstName()
	const lastName = faker.person.lastName()
	return {
		email: `${slugify(firstName)}.${slugify(lastName)}.${uniqueSuffix()}@example.test`,
		name: `${firstName} ${lastName}`,
		roles: ['HOLDER'],
		...withoutUndefined(overrides),
	}
}

export type CreateUserInput = Partial<UserData> & {
	id?: string
	/** Plain-text password to hash (default TEST_PASSWORD). */
	password?: string
	/** A ready-made bcrypt hash, so a caller creating many users hashes once (the seed does). */
	passwordHash?: string
	funderId?: string | null
	createdAt?: Date
}

export async function createUserWithRoles(db: Db, input: CreateUserInput = {}): Promise<User> {
	const { password, passwordHash, id, funderId, createdAt, email, name, roles } = input
	const user = buildUser({ email, name, roles })
	return db.user.create({
		data: {
			...(id ? { id } : {}),
			email: user.email.toLowerCase(),
			name: user.name,
			roles: user.roles,
			passwordHash: passwordHash ?? (await hashOnce(password ?? TEST_PASSWORD)),
			funderId: funderId ?? null,
			...(createdAt ? { createdAt, updatedAt: createdAt } : {}),
		},
	})
}

// ───────────────────────────── Categories and funders ─────────────────────────────

/** Makes sure every category exists (services and budget lines refer to them). */
export async function ensureCategories(db: Db): Promise<void> {
	await db.category.createMany({
		data: categories.map((c) => ({ slug: c.slug, name: c.name, description: c.description })),
		skipDuplicates: true,
	})
}

export function buildFunder(
	overrides: Partial<Prisma.FunderUncheckedCreateInput> = {},
): Prisma.FunderUncheckedCreateInput {
	return {
		name: `${faker.location.city()} Council`,
		scheme: 'UK_DIRECT_PAYMENT',
		currency: 'GBP',
		...overrides,
	}
}

export function createFunder(db: Db, overrides: Partial<Prisma.FunderUncheckedCreateInput> = {}): Promise<Funder> {
	return db.funder.create({ data: buildFunder(overrides) })
}

// ───────────────────────────── Budget holders and plans ─────────────────────────────

export type PlanLineInput = {
	id?: string
	name: string
	categorySlug?: string | null
	amountPence: number
	ringFenced?: boolean
}

export type PlanInput = {
	id?: string
	status?: PlanStatus
	outcomes?: string
	startsOn?: Date
	endsOn?: Date | null
	agreedAt?: Date | null
	agreedById?: string | null
	createdAt?: Date
	lines: PlanLineInput[]
}

export type CreateHolderInput = {
	id?: string
	funderId: string
	displayName?: string
	town?: string | null
	postcodeDistrict?: string | null
	createdAt?: Date
	/** Signed themself up and waits for the funder to confirm them (ADR 016). */
	joinRequestedAt?: Date
	/** The holder's own sign-in. Left out: a HOLDER user is made. null: the holder does not sign in. */
	user?: CreateUserInput | null
	/** A support plan with its budget lines. Left out or null: no plan. */
	plan?: PlanInput | null
}

export type CreatedHolder = {
	holder: BudgetHolder
	user: User | null
	plan: (SupportPlan & { lines: BudgetLine[] }) | null
}

export async function createHolder(db: Db, input: CreateHolderInput): Promise<CreatedHolder> {
	const user =
		input.user === null
			? null
			: await createUserWithRoles(db, {
					name: input.displayName,
					...withoutUndefined(input.user ?? {}),
					roles: input.user?.roles ?? ['HOLDER'],
				})
	const holder = await db.budgetHolder.create({
		data: {
			...(input.id ? { id: input.id } : {}),
			userId: user?.id ?? null,
			displayName: input.displayName ?? user?.name ?? faker.person.fullName(),
			funderId: input.funderId,
			town: input.town ?? null,
			postcodeDistrict: input.postcodeDistrict ?? null,
			...(input.createdAt ? { createdAt: input.createdAt } : {}),
			joinRequestedAt: input.joinRequestedAt ?? null,
		},
	})
	if (!input.plan) return { holder, user, plan: null }

	const plan = input.plan
	if (plan.lines.some((line) => line.categorySlug)) await ensureCategories(db)
	const status = plan.status ?? 'AGREED'
	const startsOn = plan.startsOn ?? new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1))
	const created = await db.supportPlan.create({
		data: {
			...(plan.id ? { id: plan.id } : {}),
			holderId: holder.id,
			funderId: input.funderId,
			status,
			outcomes: plan.outcomes ?? 'Stay living in my own home and get out more.',
			startsOn,
			endsOn: plan.endsOn === undefined ? null : plan.endsOn,
			agreedAt: plan.agreedAt === undefined ? (status === 'AGREED' ? startsOn : null) : plan.agreedAt,
			agreedById: plan.agreedById ?? null,
			...(plan.createdAt ? { createdAt: plan.createdAt } : {}),
			// One outcome a line of the text (issue 11): what a review rates.
			planOutcomes: {
				create: (plan.outcomes ?? 'Stay living in my own home and get out more.')
					.split('\n')
					.map((text) => text.trim())
					.filter(Boolean)
					.map((text, position) => ({ position, text })),
			},
			lines: {
				create: plan.lines.map((line) => ({
					...(line.id ? { id: line.id } : {}),
					name: line.name,
					categorySlug: line.categorySlug ?? null,
					amountPence: line.amountPence,
					ringFenced: line.ringFenced ?? false,
				})),
			},
		},
		include: { lines: { orderBy: { id: 'asc' } } },
	})
	return { holder, user, plan: created }
}

// ───────────────────────────── Bookings ─────────────────────────────

export type CreateBookingRecordInput = {
	holderId: string
	providerId: string
	serviceId: string
	/** Who made the booking (default: the holder's own user, if they sign in). */
	bookedById?: string
	status?: Prisma.BookingUncheckedCreateInput['status']
	startsAt?: Date
	/** Length in minutes (default 120). */
	minutes?: number
	totalPence?: number
	overrides?: Partial<Prisma.BookingUncheckedCreateInput>
}

/**
 * A booking row as it would be after the booking journey, written directly (no ledger, no checks): for tests of
 * what comes after a booking (reviews, messages, rights). A CONFIRMED booking defaults to one that ended
 * yesterday. Tests of booking itself go through app/domain/bookings.
 */
export async function createBookingRecord(db: Db, input: CreateBookingRecordInput) {
	const service = await db.service.findUniqueOrThrow({ where: { id: input.serviceId } })
	const holder = await db.budgetHolder.findUniqueOrThrow({ where: { id: input.holderId } })
	const status = input.status ?? 'CONFIRMED'
	const minutes = input.minutes ?? 120
	const past = ['DELIVERED', 'CONFIRMED', 'DISPUTED', 'RESOLVED'].includes(status)
	const startsAt = input.startsAt ?? new Date(Date.now() + (past ? -26 : 72) * 3_600_000)
	const endsAt = new Date(startsAt.getTime() + minutes * 60_000)
	const total =
		input.totalPence ??
		(service.priceUnit === 'PER_HOUR' ? Math.round((service.pricePence * minutes) / 60) : service.pricePence)
	const bookedById = input.bookedById ?? holder.userId
	if (!bookedById) throw new Error('createBookingRecord: give bookedById for a holder who does not sign in')
	return db.booking.create({
		data: {
			idempotencyKey: `test:${uniqueSuffix()}`,
			holderId: input.holderId,
			providerId: input.providerId,
			serviceId: input.serviceId,
			bookedById,
			startsAt,
			endsAt,
			status,
			oneToOne: !service.maxGroupSize,
			priceUnit: service.priceUnit,
			unitPricePence: service.pricePence,
			totalPence: total,
			currency: service.currency,
			deliveredAt: past ? endsAt : null,
			confirmedAt: status === 'CONFIRMED' || status === 'RESOLVED' ? new Date(endsAt.getTime() + 3_600_000) : null,
			...withoutUndefined(input.overrides ?? {}),
		},
	})
}
