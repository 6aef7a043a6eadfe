import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import fs from 'node:fs'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { getEnv } from './env.server.ts'
import { statementNames } from './statement-names.server.ts'

export type DbTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string }

export type Db = {
	prisma: PrismaClient
	target: DbTarget
	/** The embedded database, when that is what we run on (migrations and search need the raw handle). */
	pglite?: PGlite
}

/** Extensions the embedded database loads; the migrations create them on PostgreSQL too. */
export const pgliteExtensions = { btree_gist, pg_trgm, unaccent }

/**
 * Settings for the embedded database (issue 14). PostgreSQL's default 128 MB of shared buffers lives inside the
 * WebAssembly memory of the web server's own process and is never given back; 16 MB holds the demo data many
 * times over and keeps about 115 MiB out of the server's resident memory. PostgreSQL proper keeps its own
 * settings: this only concerns PGlite.
 */
export const pglitePostgresConf = ['shared_buffers = 16MB', 'wal_buffers = 512kB']

export function openPGlite(dir: string): PGlite {
	if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true })
	return new PGlite(dir, { extensions: pgliteExtensions, postgresqlconf: pglitePostgresConf })
}

/**
 * Defaults for every `prisma.$transaction(fn)`, the same as `inTransaction`'s (app/utils/transaction.server.ts).
 * Prisma's own (2 s to get a connection, 5 s to run) turned a busy moment into 500s: under 200 people (bench/load),
 * 157 sign-ins failed waiting more than 2 s for one of the pool's 10 connections (issue 13).
 */
export const transactionOptions = { maxWait: 60_000, timeout: 60_000 }

/**
 * A database handle. On PostgreSQL, each distinct query is a named prepared statement, parsed and planned once per
 * connection rather than on every run (ADR 038), unless `preparedStatements` is false (default: PG_PREPARED_STATEMENTS).
 */
export function openDb(
	target: DbTarget,
	{ preparedStatements = getEnv().PG_PREPARED_STATEMENTS !== 'false' }: { preparedStatements?: boolean } = {},
): Db {
	if (target.kind === 'postgres') {
		const adapter = new PrismaPg(
			{ connectionString: target.url, max: 10 },
			preparedStatements ? { statementNameGenerator: statementNames() } : {},
		)
		return { prisma: new PrismaClient({ adapter, transactionOptions }), target }
	}
	const pglite = openPGlite(target.dir)
	return { prisma: new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions }), target, pglite }
}

export function targetFromEnv(): DbTarget {
	const env = getEnv()
	return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dir: env.PGLITE_DIR }
}

// One database handle per process. The server's start-up script and the Remix build each load this module,
// so the handle lives on globalThis: both see the same PGlite instance (only one may open its folder).
const KEY = Symbol.for('budget-market.db')
type WithDb = typeof globalThis & { [KEY]?: Db }

export function getDb(): Db {
	const g = globalThis as WithDb
	g[KEY] ??= openDb(targetFromEnv())
	return g[KEY]
}

/** For tests and scripts: use this handle as the process's database. */
export function setDb(db: Db): void {
	;(globalThis as WithDb)[KEY] = db
}

export async function closeDb(): Promise<void> {
	const g = globalThis as WithDb
	const db = g[KEY]
	if (!db) return
	g[KEY] = undefined
	await db.prisma.$disconnect()
	await db.pglite?.close()
}

/** The Prisma client of this process. Only app/domain modules use it. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
	get(_target, prop) {
		const client = getDb().prisma
		const value = Reflect.get(client, prop, client)
		return typeof value === 'function' ? value.bind(client) : value
	},
})

/**
 * Runs `fn` with `client` as the process's database, then puts back the one before: for the seed, which is handed a
 * client and calls domain modules that use `prisma` above. Not for concurrent use.
 */
export async function usingClient<T>(client: PrismaClient, fn: () => Promise<T>): Promise<T> {
	const g = globalThis as WithDb
	const before = g[KEY]
	if (before?.prisma === client) return fn()
	g[KEY] = { prisma: client, target: before?.target ?? { kind: 'postgres', url: '' } }
	try {
		return await fn()
	} finally {
		g[KEY] = before
	}
}
