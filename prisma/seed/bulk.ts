/**
 * Bulk inserts for the seed: a batch of rows goes to the database as ONE JSON parameter and is unpacked by
 * PostgreSQL's json_to_recordset, which works the same on PGlite and on PostgreSQL.
 *
 * Why not createMany: on PGlite, Prisma's createMany spends ~0.3–0.6 ms per row building and binding
 * thousands of parameters; this takes ~0.03 ms (measured in docs/decisions/004-demo-data.md). The rows are
 * still typed as Prisma's CreateManyInput, so going back to createMany is a one-line change per table.
 *
 * Only the columns listed below are written; the others get their database defaults. Every listed column must
 * be present in every row (null is fine for nullable ones), so a forgotten field fails loudly here.
 */
import { type Prisma } from '#app/generated/prisma/client.ts'
import { type Db } from './builders.ts'

type SqlType =
	| 'text'
	| 'integer'
	| 'double precision'
	| 'boolean'
	| 'timestamp(3)'
	| 'date'
	| 'text[]'
	| `"${string}"`
	| `"${string}"[]`

type Rows = {
	User: Prisma.UserCreateManyInput
	BudgetHolder: Prisma.BudgetHolderCreateManyInput
	SupportPlan: Prisma.SupportPlanCreateManyInput
	BudgetLine: Prisma.BudgetLineCreateManyInput
	PlanReview: Prisma.PlanReviewCreateManyInput
	Provider: Prisma.ProviderCreateManyInput
	ProviderCategory: Prisma.ProviderCategoryCreateManyInput
	Service: Prisma.ServiceCreateManyInput
	Credential: Prisma.CredentialCreateManyInput
	AvailabilitySlot: Prisma.AvailabilitySlotCreateManyInput
	AvailabilityException: Prisma.AvailabilityExceptionCreateManyInput
	Booking: Prisma.BookingCreateManyInput
	Review: Prisma.ReviewCreateManyInput
}

export type Table = keyof Rows

const columns: { [T in Table]: Partial<Record<keyof Rows[T], SqlType>> } = {
	User: {
		id: 'text',
		email: 'text',
		name: 'text',
		passwordHash: 'text',
		roles: '"Role"[]',
		createdAt: 'timestamp(3)',
		updatedAt: 'timestamp(3)',
	},
	BudgetHolder: {
		id: 'text',
		userId: 'text',
		displayName: 'text',
		funderId: 'text',
		town: 'text',
		postcodeDistrict: 'text',
		createdAt: 'timestamp(3)',
	},
	SupportPlan: {
		id: 'text',
		holderId: 'text',
		funderId: 'text',
		status: '"PlanStatus"',
		outcomes: 'text',
		startsOn: 'date',
		endsOn: 'date',
		agreedAt: 'timestamp(3)',
		agreedById: 'text',
		createdAt: 'timestamp(3)',
	},
	BudgetLine: {
		id: 'text',
		planId: 'text',
		name: 'text',
		categorySlug: 'text',
		amountPence: 'integer',
		ringFenced: 'boolean',
	},
	PlanReview: {
		id: 'text',
		planId: 'text',
		reviewerId: 'text',
		heldOn: 'date',
		whatWorked: 'text',
		whatToChange: 'text',
		nextReviewOn: 'date',
		createdAt: 'timestamp(3)',
		dueOn: 'date',
		completedAt: 'timestamp(3)',
	},
	Provider: {
		id: 'text',
		slug: 'text',
		ownerId: 'text',
		kind: '"ProviderKind"',
		name: 'text',
		headline: 'text',
		bio: 'text',
		town: 'text',
		postcodeDistrict: 'text',
		lat: 'double precision',
		lng: 'double precision',
		coverRadiusKm: 'integer',
		languages: 'text[]',
		accessibility: 'text[]',
		acceptsGroupBookings: 'boolean',
		cancellationPolicy: 'text',
		lateCancelPercent: 'integer',
		published: 'boolean',
		ratingAverage: 'double precision',
		reviewCount: 'integer',
		createdAt: 'timestamp(3)',
		updatedAt: 'timestamp(3)',
	},
	ProviderCategory: { providerId: 'text', categorySlug: 'text' },
	Service: {
		id: 'text',
		providerId: 'text',
		title: 'text',
		description: 'text',
		categorySlug: 'text',
		priceUnit: '"PriceUnit"',
		pricePence: 'integer',
		currency: 'text',
		durationMinutes: 'integer',
		maxGroupSize: 'integer',
		active: 'boolean',
		createdAt: 'timestamp(3)',
		updatedAt: 'timestamp(3)',
	},
	Credential: {
		id: 'text',
		providerId: 'text',
		kind: '"CredentialKind"',
		title: 'text',
		issuer: 'text',
		reference: 'text',
		issuedOn: 'date',
		expiresOn: 'date',
		verifiedAt: 'timestamp(3)',
	},
	AvailabilitySlot: {
		id: 'text',
		providerId: 'text',
		weekday: 'integer',
		startMinute: 'integer',
		endMinute: 'integer',
	},
	AvailabilityException: {
		id: 'text',
		providerId: 'text',
		startsAt: 'timestamp(3)',
		endsAt: 'timestamp(3)',
		reason: 'text',
	},
	Booking: {
		id: 'text',
		idempotencyKey: 'text',
		holderId: 'text',
		providerId: 'text',
		serviceId: 'text',
		bookedById: 'text',
		budgetLineId: 'text',
		startsAt: 'timestamp(3)',
		endsAt: 'timestamp(3)',
		oneToOne: 'boolean',
		status: '"BookingStatus"',
		priceUnit: '"PriceUnit"',
		unitPricePence: 'integer',
		totalPence: 'integer',
		feePence: 'integer',
		currency: 'text',
		deliveredAt: 'timestamp(3)',
		confirmedAt: 'timestamp(3)',
		createdAt: 'timestamp(3)',
		updatedAt: 'timestamp(3)',
	},
	Review: {
		id: 'text',
		bookingId: 'text',
		providerId: 'text',
		holderId: 'text',
		authorId: 'text',
		rating: 'integer',
		reliable: 'integer',
		respectful: 'integer',
		didWhatAgreed: 'integer',
		body: 'text',
		visibleFrom: 'timestamp(3)',
		status: '"ReviewStatus"',
		removedReason: 'text',
		removedAt: 'timestamp(3)',
		providerReply: 'text',
		repliedAt: 'timestamp(3)',
		createdAt: 'timestamp(3)',
	},
}

const statements = new Map<Table, { sql: string; names: string[] }>()

function statementFor(table: Table): { sql: string; names: string[] } {
	let statement = statements.get(table)
	if (!statement) {
		const entries = Object.entries(columns[table]) as [string, SqlType][]
		const names = entries.map(([name]) => name)
		const list = names.map((n) => `"${n}"`).join(', ')
		const record = entries.map(([name, type]) => `"${name}" ${type}`).join(', ')
		statement = {
			sql: `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_to_recordset($1::json) AS r(${record})`,
			names,
		}
		statements.set(table, statement)
	}
	return statement
}

/** Rows per statement: about 1,000 rows is a few hundred kilobytes of JSON. */
export const BULK_BATCH = 1000

/** Inserts rows into a table, BULK_BATCH at a time. */
export async function bulkInsert<T extends Table>(db: Db, table: T, rows: readonly Rows[T][]): Promise<void> {
	if (rows.length === 0) return
	const { sql, names } = statementFor(table)
	for (const row of rows) {
		for (const name of names) {
			if ((row as Record<string, unknown>)[name] === undefined) {
				throw new Error(
					`A ${table} row (${String((row as { id?: unknown }).id ?? '')}) has no ${name}: give it a value or null`,
				)
			}
		}
	}
	for (let i = 0; i < rows.length; i += BULK_BATCH) {
		await db.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + BULK_BATCH)))
	}
}
