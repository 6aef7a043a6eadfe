/**
 * A fresh, fully migrated, empty database per call, that no other test file sees.
 *
 * - TEST_DATABASE_URL set (e.g. postgresql://postgres@127.0.0.1:5432/postgres): real PostgreSQL. The migrations
 *   are applied once to a template database named after a hash of the migrations (`bm_template_<hash>`), then
 *   each call is a `CREATE DATABASE bm_test_… TEMPLATE bm_template_<hash>` (tens of milliseconds); cleanup drops
 *   it. Building the template is guarded by an advisory lock so parallel workers do not race.
 * - Otherwise: an in-memory PGlite. Starting PGlite and migrating it takes seconds, so the migrated data folder is
 *   dumped once to a tarball (cached on disk under the OS temp folder, keyed by the same hash, so every vitest
 *   worker and every run reuses it) and each call starts a PGlite from it with `loadDataDir` (under a second).
 */
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { openDb, openPGlite, pgliteExtensions, type Db } from '#app/utils/db.server.ts'
import { applyMigrations, readLocalMigrations } from '#prisma/migrate.ts'

export type TestDb = Db & { cleanup: () => Promise<void> }

export function testDbKind(): 'pglite' | 'postgres' {
	return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'
}

export async function createTestDb(): Promise<TestDb> {
	return testDbKind() === 'postgres' ? createPostgresTestDb(process.env.TEST_DATABASE_URL!) : createPGliteTestDb()
}

/** Changes whenever a migration is added or edited (and, for PGlite, when PGlite or its extensions change). */
function migrationsHash(extra = ''): string {
	const h = crypto.createHash('sha256')
	for (const m of readLocalMigrations()) h.update(`${m.name}\0${m.checksum}\n`)
	h.update(extra)
	return h.digest('hex').slice(0, 16)
}

// ───────────────────────────── PGlite ─────────────────────────────

let snapshot: Promise<Blob> | undefined

function pgliteVersion(): string {
	const require = createRequire(import.meta.url)
	const pkg = JSON.parse(
		fs.readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
	) as { version: string }
	return pkg.version
}

function snapshotPath(): string {
	const key = migrationsHash(`pglite ${pgliteVersion()} ${Object.keys(pgliteExtensions).sort().join(',')}`)
	return path.join(os.tmpdir(), 'budget-market-test-db', `pglite-${key}.tar`)
}

/** The migrated, empty data folder as a tarball: from the disk cache, or built (and cached) now. */
function pgliteSnapshot(): Promise<Blob> {
	snapshot ??= (async () => {
		const file = snapshotPath()
		if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)])
		const db = openPGlite('memory://')
		try {
			await applyMigrations({ kind: 'pglite', pglite: db })
			const tarball = await db.dumpDataDir('none')
			const bytes = Buffer.from(await tarball.arrayBuffer())
			// Write then rename, so a parallel worker never reads half a file.
			fs.mkdirSync(path.dirname(file), { recursive: true })
			const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`
			fs.writeFileSync(tmp, bytes)
			fs.renameSync(tmp, file)
			pruneSnapshots(file)
			return new Blob([bytes])
		} finally {
			await db.close()
		}
	})()
	snapshot.catch(() => (snapshot = undefined))
	return snapshot
}

/** Remove snapshots of older migrations (not the current one), once they are an hour old. */
function pruneSnapshots(keep: string): void {
	const dir = path.dirname(keep)
	for (const name of fs.readdirSync(dir)) {
		const file = path.join(dir, name)
		if (file === keep || !name.startsWith('pglite-')) continue
		try {
			if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true })
		} catch {
			// Another worker pruned it first.
		}
	}
}

async function createPGliteTestDb(): Promise<TestDb> {
	let pglite = new PGlite({ loadDataDir: await pgliteSnapshot(), extensions: pgliteExtensions })
	try {
		// Cheap check (no engine when nothing is pending) that also catches a stale or damaged cached snapshot.
		await applyMigrations({ kind: 'pglite', pglite })
	} catch {
		await pglite.close().catch(() => undefined)
		fs.rmSync(snapshotPath(), { force: true })
		snapshot = undefined
		pglite = new PGlite({ loadDataDir: await pgliteSnapshot(), extensions: pgliteExtensions })
		await applyMigrations({ kind: 'pglite', pglite })
	}
	const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
	let closed = false
	return {
		prisma,
		pglite,
		target: { kind: 'pglite', dir: 'memory://' },
		async cleanup() {
			if (closed) return
			closed = true
			await prisma.$disconnect()
			await pglite.close()
		},
	}
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

let template: Promise<string> | undefined

function withDatabase(url: string, database: string): string {
	const u = new URL(url)
	u.pathname = `/${encodeURIComponent(database)}`
	return u.toString()
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl })
	await client.connect()
	try {
		return await fn(client)
	} finally {
		await client.end()
	}
}

/** Any key will do, as long as every worker uses the same one. */
const TEMPLATE_LOCK = 'budget-market test template'

/** The migrated template database for the current migrations, built once across all processes. */
function ensureTemplate(adminUrl: string): Promise<string> {
	template ??= (async () => {
		const name = `bm_template_${migrationsHash()}`
		await withAdmin(adminUrl, async (admin) => {
			await admin.query('SELECT pg_advisory_lock(hashtext($1))', [TEMPLATE_LOCK])
			try {
				await dropStaleDatabases(admin, name)
				const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
				if (exists.rowCount) {
					await markUsed(admin, name)
					return
				}
				// Build under another name and rename when complete: a crash never leaves a half-migrated template.
				const building = `${name}_building`
				await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`)
				await admin.query(`CREATE DATABASE "${building}"`)
				await applyMigrations({ kind: 'postgres', url: withDatabase(adminUrl, building) })
				await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`)
				await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`)
				await markUsed(admin, name)
			} finally {
				await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [TEMPLATE_LOCK])
			}
		})
		return name
	})()
	template.catch(() => (template = undefined))
	return template
}

/** Templates record when a run last used them (in the database comment), so unused ones can be dropped. */
async function markUsed(admin: pg.Client, template: string): Promise<void> {
	await admin.query(
		`COMMENT ON DATABASE "${template}" IS 'budget-market test template, last used ${new Date().toISOString()}'`,
	)
}

const DAY = 86_400_000

/**
 * Clean up after killed runs and old migrations: test databases (named with their creation time) older than a
 * day, and templates of other migration sets unused for a day. A database someone is connected to is left alone.
 */
async function dropStaleDatabases(admin: pg.Client, currentTemplate: string): Promise<void> {
	const { rows } = await admin.query<{ datname: string; comment: string | null }>(
		`SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database
		 WHERE datname LIKE 'bm\\_test\\_%' OR datname LIKE 'bm\\_template\\_%'`,
	)
	for (const { datname, comment } of rows) {
		let usedAt: number
		if (datname.startsWith('bm_test_')) usedAt = Number(datname.split('_')[2]) * 1000
		else if (datname === currentTemplate || datname.endsWith('_building')) continue
		// Every template built by this code has the comment; one without is from before it: treat it as unused.
		else usedAt = comment ? Date.parse(comment.match(/last used (\S+)/)?.[1] ?? '') : 0
		if (!Number.isFinite(usedAt) || Date.now() - usedAt < DAY) continue
		if (datname.startsWith('bm_template_')) {
			await admin.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`).catch(() => undefined)
		}
		await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined)
	}
}

let counter = 0

async function createPostgresTestDb(adminUrl: string): Promise<TestDb> {
	const templateName = await ensureTemplate(adminUrl)
	const name = `bm_test_${Math.floor(Date.now() / 1000)}_${process.pid}_${++counter}_${crypto.randomBytes(3).toString('hex')}`
	await withAdmin(adminUrl, async (admin) => {
		// CREATE DATABASE … TEMPLATE fails while anyone is connected to the template (only ever briefly): retry.
		for (let attempt = 1; ; attempt++) {
			try {
				await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`)
				return
			} catch (error) {
				const busy = error instanceof Error && /being accessed by other users/.test(error.message)
				if (!busy || attempt >= 20) throw error
				await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
			}
		}
	})
	const url = withDatabase(adminUrl, name)
	const db = openDb({ kind: 'postgres', url })
	let closed = false
	return {
		...db,
		async cleanup() {
			if (closed) return
			closed = true
			await db.prisma.$disconnect()
			await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
		},
	}
}
