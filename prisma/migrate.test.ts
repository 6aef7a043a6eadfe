import type { PGlite } from '@electric-sql/pglite'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { openDb, openPGlite } from '#app/utils/db.server.ts'
import {
	applyMigrations,
	checksumOf,
	createMigration,
	migrationsDir,
	readLocalMigrations,
	type MigrateTarget,
} from '#prisma/migrate.ts'
import { createTestDb, testDbKind, type TestDb } from '#tests/setup/test-db.ts'

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL

/** A database of either kind, handed to the same assertions. */
type Subject = {
	target: MigrateTarget
	query<T>(sql: string, params?: unknown[]): Promise<T[]>
	prisma(): PrismaClient
	close(): Promise<void>
}

async function freshPGlite(): Promise<Subject> {
	const pglite = openPGlite('memory://')
	let prisma: PrismaClient | undefined
	const { PrismaPGlite } = await import('pglite-prisma-adapter')
	return {
		target: { kind: 'pglite', pglite },
		query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
		prisma: () => (prisma ??= new PrismaClient({ adapter: new PrismaPGlite(pglite) })),
		async close() {
			await prisma?.$disconnect()
			await pglite.close()
		},
	}
}

function databaseUrl(adminUrl: string, name: string): string {
	const u = new URL(adminUrl)
	u.pathname = `/${name}`
	return u.toString()
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
	await client.connect()
	try {
		return await fn(client)
	} finally {
		await client.end()
	}
}

async function freshPostgres(): Promise<Subject> {
	const name = `bm_migrate_test_${crypto.randomBytes(6).toString('hex')}`
	await admin((c) => c.query(`CREATE DATABASE "${name}"`))
	const url = databaseUrl(TEST_DATABASE_URL!, name)
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	let db: ReturnType<typeof openDb> | undefined
	return {
		target: { kind: 'postgres', url },
		query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
		prisma: () => (db ??= openDb({ kind: 'postgres', url })).prisma,
		async close() {
			await db?.prisma.$disconnect()
			await client.end()
			await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
		},
	}
}

const kinds: Array<{ kind: string; fresh: () => Promise<Subject> }> = [{ kind: 'pglite', fresh: freshPGlite }]
if (TEST_DATABASE_URL) kinds.push({ kind: 'postgres', fresh: freshPostgres })

/** A copy of prisma/migrations to break or extend without touching the real one. */
function copyOfMigrations(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-migrations-'))
	fs.cpSync(migrationsDir(), dir, { recursive: true })
	return dir
}

// Read when each test starts: other work may add migrations while tests run.
let local = readLocalMigrations()
let init = local[0]!
function rereadMigrations() {
	local = readLocalMigrations()
	init = local[0]!
}

/** Every table the schema declares, by its database name (no @@map in this schema). */
const modelTables = Object.values(Prisma.ModelName).sort()

it('has the init migration in Prisma’s layout, with the search extensions and ledger rules', () => {
	expect(init.name).toMatch(/^\d{14}_init$/)
	expect(fs.readFileSync(path.join(migrationsDir(), 'migration_lock.toml'), 'utf8')).toMatch(/provider = "postgresql"/)
	expect(init.sql.indexOf('CREATE EXTENSION IF NOT EXISTS pg_trgm')).toBeLessThan(init.sql.indexOf('CREATE TYPE'))
	expect(init.sql).toContain('CREATE EXTENSION IF NOT EXISTS unaccent')
	for (const name of [
		'ledger_account_debits_within_credits',
		'ledger_account_credits_within_debits',
		'ledger_transfer_amount_positive',
		'ledger_transfer_accounts_differ',
	]) {
		expect(init.sql).toContain(`"${name}"`)
	}
})

describe.each(kinds)('applying migrations to a fresh $kind database', ({ kind, fresh }) => {
	let db: Subject
	let appliedFirst: string[]
	beforeAll(async () => {
		db = await fresh()
		rereadMigrations()
		appliedFirst = await applyMigrations(db.target)
	})
	afterAll(async () => {
		await db?.close()
	})

	it('applies every migration and creates every table of the schema', async () => {
		expect(appliedFirst).toEqual(local.map((m) => m.name))
		const rows = await db.query<{ table_name: string }>(
			`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
		)
		const tables = rows.map((r) => r.table_name)
		expect(tables).toContain('_prisma_migrations')
		expect(tables.filter((t) => t !== '_prisma_migrations').sort()).toEqual(modelTables)
		const extensions = (await db.query<{ extname: string }>('SELECT extname FROM pg_extension')).map((r) => r.extname)
		expect(extensions).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent']))
	})

	it('records each migration in _prisma_migrations as Prisma does (sha256 of the file)', async () => {
		const rows = await db.query<{
			migration_name: string
			checksum: string
			finished_at: Date | null
			rolled_back_at: Date | null
			applied_steps_count: number
			logs: string | null
		}>('SELECT * FROM "_prisma_migrations" ORDER BY started_at')
		expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name))
		const row = rows[0]!
		const file = fs.readFileSync(path.join(migrationsDir(), init.name, 'migration.sql'))
		expect(row.checksum).toBe(crypto.createHash('sha256').update(file).digest('hex'))
		expect(row.checksum).toBe(checksumOf(init.sql))
		expect(row.finished_at).toBeInstanceOf(Date)
		expect(row.rolled_back_at).toBeNull()
		expect(row.applied_steps_count).toBe(1)
		expect(row.logs).toBeNull()
	})

	it('applies nothing the second time, quickly', async () => {
		const started = performance.now()
		expect(await applyMigrations(db.target)).toEqual([])
		expect(performance.now() - started).toBeLessThan(1000)
		const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"')
		expect(count[0]!.n).toBe(local.length)
	})

	it('leaves the database usable by Prisma afterwards, enum arrays included, with no migration lock held', async () => {
		const prisma = db.prisma()
		const user = await prisma.user.create({
			data: { email: `${kind}@example.test`, name: 'Ada', passwordHash: 'x', roles: ['HOLDER', 'ADMIN'] },
		})
		expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['HOLDER', 'ADMIN'])
		await prisma.user.delete({ where: { id: user.id } })
		const locks = await db.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND pid = pg_backend_pid()`,
		)
		expect(locks[0]!.n).toBe(0)
	})

	describe('ledger rules enforced by the database', () => {
		const account = (overrides: Record<string, unknown>) => ({
			kind: 'HOLDER_BUDGET' as const,
			currency: 'GBP',
			name: 'Budget',
			...overrides,
		})

		it('rejects a flagged account whose debits would exceed its credits (a negative balance)', async () => {
			const prisma = db.prisma()
			const flagged = await prisma.ledgerAccount.create({
				data: account({ debitsMustNotExceedCredits: true, creditsPosted: 500n }),
			})
			await prisma.ledgerAccount.update({
				where: { id: flagged.id },
				data: { debitsPosted: 300n, debitsPending: 200n },
			})
			await expect(
				prisma.ledgerAccount.update({ where: { id: flagged.id }, data: { debitsPosted: 301n } }),
			).rejects.toThrow(/ledger_account_debits_within_credits/)
			const sqlError = await db
				.query(`UPDATE "LedgerAccount" SET "debitsPosted" = 600 WHERE id = $1`, [flagged.id])
				.then(
					() => null,
					(e: unknown) => e as { code?: string; constraint?: string },
				)
			expect(sqlError).toMatchObject({ code: '23514' })
			expect(String((sqlError as { message?: string }).message)).toContain('ledger_account_debits_within_credits')
			// The same numbers are fine on an account without the flag.
			const free = await prisma.ledgerAccount.create({
				data: account({ name: 'Source', kind: 'FUNDER_SOURCE', debitsPosted: 600n }),
			})
			expect(free.debitsPosted).toBe(600n)
			await prisma.ledgerAccount.deleteMany({ where: { id: { in: [flagged.id, free.id] } } })
		})

		it('rejects credits beyond debits on a credits-flagged account, and negative cached balances', async () => {
			const prisma = db.prisma()
			await expect(
				prisma.ledgerAccount.create({ data: account({ creditsMustNotExceedDebits: true, creditsPending: 1n }) }),
			).rejects.toThrow(/ledger_account_credits_within_debits/)
			for (const [column, constraint] of [
				['debitsPending', 'ledger_account_debits_pending_not_negative'],
				['debitsPosted', 'ledger_account_debits_posted_not_negative'],
				['creditsPending', 'ledger_account_credits_pending_not_negative'],
				['creditsPosted', 'ledger_account_credits_posted_not_negative'],
			] as const) {
				await expect(prisma.ledgerAccount.create({ data: account({ [column]: -1n }) })).rejects.toThrow(constraint)
			}
			expect(await prisma.ledgerAccount.count()).toBe(0)
		})

		it('rejects transfers of zero and transfers from an account to itself', async () => {
			const prisma = db.prisma()
			const a = await prisma.ledgerAccount.create({ data: account({ name: 'A' }) })
			const b = await prisma.ledgerAccount.create({ data: account({ name: 'B', kind: 'HOLDER_HELD' }) })
			const transfer = (overrides: Record<string, unknown>) =>
				prisma.ledgerTransfer.create({
					data: {
						idempotencyKey: crypto.randomUUID(),
						payloadHash: 'h',
						debitAccountId: a.id,
						creditAccountId: b.id,
						amount: 100n,
						currency: 'GBP',
						phase: 'SINGLE',
						reason: 'ALLOCATION',
						description: 'test',
						initiatorRole: 'SYSTEM',
						...overrides,
					},
				})
			await expect(transfer({ amount: 0n })).rejects.toThrow(/ledger_transfer_amount_positive/)
			await expect(transfer({ creditAccountId: a.id })).rejects.toThrow(/ledger_transfer_accounts_differ/)
			const ok = await transfer({})
			expect(ok.amount).toBe(100n)
			await prisma.ledgerTransfer.delete({ where: { id: ok.id } })
			await prisma.ledgerAccount.deleteMany({ where: { id: { in: [a.id, b.id] } } })
		})
	})
})

describe.each(kinds)('migration history problems on $kind', ({ fresh }) => {
	it('reports an applied migration edited afterwards as drift, with a clear message', async () => {
		rereadMigrations()
		const dir = copyOfMigrations()
		const db = await fresh()
		try {
			expect(await applyMigrations(db.target, { migrationsDir: dir })).toEqual(local.map((m) => m.name))
			fs.appendFileSync(path.join(dir, init.name, 'migration.sql'), '\n-- an innocent-looking edit\n')
			const error = await applyMigrations(db.target, { migrationsDir: dir }).then(
				() => null,
				(e: unknown) => e as Error,
			)
			expect(error).toBeInstanceOf(Error)
			expect(error!.message).toMatch(/drift/i)
			expect(error!.message).toContain(`${init.name}/migration.sql was edited after it was applied`)
			expect(error!.message).toMatch(/checksum mismatch/)

			// A migration the database has but the folder lost is drift too.
			fs.rmSync(path.join(dir, init.name), { recursive: true })
			await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(/missing from/)
		} finally {
			await db.close()
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})

	it('fails on a broken migration, records it as failed, rolls its statements back and refuses to go on', async () => {
		const dir = copyOfMigrations()
		const broken = '29991231235959_broken'
		fs.mkdirSync(path.join(dir, broken))
		fs.writeFileSync(
			path.join(dir, broken, 'migration.sql'),
			'CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INT;\n',
		)
		const db = await fresh()
		try {
			await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(
				new RegExp(`Migration ${broken} failed: [^\\n]*NoSuchTable`),
			)
			const rows = await db.query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
				'SELECT migration_name, finished_at, logs FROM "_prisma_migrations" ORDER BY started_at',
			)
			expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
				...readLocalMigrations(dir)
					.slice(0, -1)
					.map((m) => [m.name, false]),
				[broken, true],
			])
			expect(rows.at(-1)!.logs).toContain('NoSuchTable')
			const halfDone = await db.query<{ t: string | null }>(`SELECT to_regclass('"HalfDone"')::text AS t`)
			expect(halfDone[0]!.t).toBeNull()
			await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(
				new RegExp(`${broken} failed earlier`),
			)
		} finally {
			await db.close()
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})
})

describe('one engine per process', () => {
	// vitest.config.ts runs the unit files in one process per worker and evaluates this module again for each file
	// (vi.resetModules); the engine's JavaScript glue is a dependency, loaded once. A second copy of migrate.ts used to
	// point that glue at a second WebAssembly instance, whose memory the glue's cached views did not cover: the next
	// file's migrations failed with "The encoded data was not valid for encoding utf-8" and then hung.
	it('migrates from a fresh copy of the module, as the next test file in the same process does', async () => {
		const first = await freshPGlite()
		const second = await freshPGlite()
		try {
			const names = local.map((m) => m.name)
			expect(await applyMigrations(first.target)).toEqual(names)
			vi.resetModules()
			const again = (await import('./migrate.ts')) as typeof import('./migrate.ts')
			expect(again.applyMigrations).not.toBe(applyMigrations)
			expect(await again.applyMigrations(second.target)).toEqual(names)
			const rows = await second.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"')
			expect(rows[0]!.n).toBe(names.length)
		} finally {
			await first.close()
			await second.close()
		}
	})
})

describe('creating migrations', () => {
	it('finds nothing to change in the real schema (no spurious migration from the extensions or CHECKs)', async () => {
		const dir = copyOfMigrations()
		const before = readLocalMigrations(dir).map((m) => m.name)
		try {
			const created = await createMigration('nothing', { migrationsDir: dir })
			expect(
				created,
				'prisma/schema.prisma has changes no migration covers: npm run db:migrate:create -- <name>',
			).toBeNull()
			expect(readLocalMigrations(dir).map((m) => m.name)).toEqual(before)
		} finally {
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})

	it('writes the next migration from a schema change, then nothing more, and it applies', async () => {
		const dir = copyOfMigrations()
		const schemaPath = path.join(dir, 'schema.prisma')
		const schema = fs.readFileSync(path.join(migrationsDir(), '..', 'schema.prisma'), 'utf8')
		fs.writeFileSync(schemaPath, `${schema}\nmodel Extra {\n  id   String  @id\n  note String?\n}\n`)
		const db = await freshPGlite()
		try {
			const before = readLocalMigrations(dir).map((m) => m.name)
			const folder = await createMigration('Add extra!', { migrationsDir: dir, schemaPath })
			expect(folder).toMatch(/^\d{14}_add_extra$/)
			expect(folder! > before.at(-1)!).toBe(true)
			const sql = fs.readFileSync(path.join(dir, folder!, 'migration.sql'), 'utf8')
			expect(sql).toContain('CREATE TABLE "Extra"')
			expect(sql).not.toContain('"User"')
			expect(await createMigration('again', { migrationsDir: dir, schemaPath })).toBeNull()
			expect(await applyMigrations(db.target, { migrationsDir: dir })).toEqual([...before, folder])
			expect(await db.query(`SELECT * FROM "Extra"`)).toEqual([])
		} finally {
			await db.close()
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})
})

describe(`createTestDb (${testDbKind()})`, () => {
	let a: TestDb
	let b: TestDb
	beforeAll(async () => {
		rereadMigrations()
		a = await createTestDb()
		b = await createTestDb()
	})
	afterAll(async () => {
		await a?.cleanup()
		await b?.cleanup()
	})

	it('uses real PostgreSQL exactly when TEST_DATABASE_URL is set', () => {
		expect(testDbKind()).toBe(TEST_DATABASE_URL ? 'postgres' : 'pglite')
		expect(a.target.kind).toBe(testDbKind())
		if (testDbKind() === 'pglite') expect(a.pglite).toBeDefined()
		else expect(a.pglite).toBeUndefined()
	})

	it('gives migrated, empty databases', async () => {
		for (const db of [a, b]) {
			const migrations = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string; checksum: string }>>(
				'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY started_at',
			)
			expect(migrations).toEqual(local.map((m) => ({ migration_name: m.name, checksum: m.checksum })))
			expect(await db.prisma.user.count()).toBe(0)
			expect(await db.prisma.ledgerAccount.count()).toBe(0)
		}
	})

	it('gives databases that do not see each other', async () => {
		await a.prisma.category.create({ data: { slug: 'gardening', name: 'Gardening', description: 'Outdoor help' } })
		expect(await a.prisma.category.count()).toBe(1)
		expect(await b.prisma.category.count()).toBe(0)
		const user = await b.prisma.user.create({
			data: { email: 'b@example.test', name: 'B', passwordHash: 'x', roles: ['BROKER'] },
		})
		expect(user.roles).toEqual(['BROKER'])
		expect(await a.prisma.user.count()).toBe(0)
	})

	it('enforces the ledger rules there too', async () => {
		await expect(
			a.prisma.ledgerAccount.create({
				data: { kind: 'HOLDER_BUDGET', currency: 'GBP', name: 'x', debitsMustNotExceedCredits: true, debitsPosted: 1n },
			}),
		).rejects.toThrow(/ledger_account_debits_within_credits/)
	})

	it('removes the database on cleanup', async () => {
		const c = await createTestDb()
		const name = c.target.kind === 'postgres' ? decodeURIComponent(new URL(c.target.url).pathname.slice(1)) : undefined
		await c.prisma.category.create({ data: { slug: 'x', name: 'X', description: 'X' } })
		await c.cleanup()
		if (c.pglite) {
			expect((c.pglite as PGlite).closed).toBe(true)
		} else {
			const rows = await admin((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))
			expect(rows.rowCount).toBe(0)
		}
		// A new one is still empty.
		const d = await createTestDb()
		try {
			expect(await d.prisma.category.count()).toBe(0)
		} finally {
			await d.cleanup()
		}
	})
})
