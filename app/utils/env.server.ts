import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/**
 * Every environment variable the app reads, checked once at start-up.
 * With none set, the app runs on its embedded defaults (PGlite, embedded search, no Stripe).
 */
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	// Real PostgreSQL. Unset: embedded PGlite stored in PGLITE_DIR.
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql://')
		.optional(),
	// On PostgreSQL, each distinct query is prepared once per connection and reused (app/utils/statement-names.server.ts,
	// docs/decisions/038-named-prepared-statements.md). "false" sends every query unnamed, as a pooler in transaction
	// mode that cannot keep prepared statements (PgBouncer before 1.21, or without max_prepared_statements) needs.
	PG_PREPARED_STATEMENTS: z.enum(['true', 'false']).optional(),
	// Where embedded PGlite keeps its files; "memory://" keeps nothing on disk.
	PGLITE_DIR: z.string().default(path.resolve('.data/pglite')),
	// Where profile photos are kept. With several web servers, a folder they all share (see ADR 010).
	PHOTO_DIR: z.string().default(path.resolve('.data/photos')),
	// Signs the session and CSRF cookies. Required in production.
	SESSION_SECRET: z.string().min(16).optional(),
	// Shows the demo accounts on the sign-in page. On by default on the embedded database.
	DEMO_MODE: z.enum(['true', 'false']).optional(),
	// Seed demo data into an empty database at start-up (default: only on the embedded database).
	SEED_ON_START: z.enum(['true', 'false']).optional(),
	MEILI_URL: z.string().url().optional(),
	MEILI_KEY: z.string().optional(),
	// Stripe: card top-ups and payouts to providers. Unset: top-ups are off and payouts wait for an admin.
	STRIPE_SECRET_KEY: z
		.string()
		.regex(/^(sk|rk)_/, 'STRIPE_SECRET_KEY must start with sk_ or rk_')
		.optional(),
	STRIPE_WEBHOOK_SECRET: z
		.string()
		.regex(/^whsec_/, 'STRIPE_WEBHOOK_SECRET must start with whsec_')
		.optional(),
	// A Stripe-compatible server other than api.stripe.com (a local one for development and tests).
	STRIPE_API_HOST: z.string().min(1).optional(),
	STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
	STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
	// The address people reach the app at, e.g. https://budget.example.org (used for links in feeds, emails and Stripe
	// return addresses, never the request's Host header). Default: http://localhost:PORT.
	PUBLIC_URL: z
		.string()
		.url()
		.regex(/^https?:\/\//, 'PUBLIC_URL must start with http:// or https://')
		.transform((u) => new URL(u).origin)
		.optional(),
	// The mail server that sends the email outbox, e.g. smtps://user:password@smtp.example.org:465. Unset: emails wait
	// in the outbox and demo mode shows them at /dev/emails.
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\/[^/]/, 'SMTP_URL must look like smtp://host:port or smtps://user:password@host:465')
		.optional(),
	// Who the emails are from, e.g. "Budget Market <hello@budget.example.org>". Default: no-reply at PUBLIC_URL's host.
	SMTP_FROM: z.string().min(3).optional(),
	// How many web server processes `npm start` runs (Node's cluster, server/cluster.ts): a number, or "auto" for one
	// per core on PostgreSQL. Default 1. More than 1 needs DATABASE_URL: the embedded database lives in one process.
	WEB_CONCURRENCY: z
		.string()
		.regex(/^(auto|[1-9][0-9]?)$/, 'WEB_CONCURRENCY must be a number from 1 to 99, or auto')
		.optional(),
	// The public page cache (server/page-cache.ts, docs/decisions/027-public-page-cache.md): its size in bytes (0 keeps
	// nothing, and pages still answer If-None-Match; default 4 MiB), how often each process asks the database whether
	// public content changed (ms, default 1000), and how long a page may be kept at most (ms, default 60000).
	PAGE_CACHE_MAX_BYTES: z.coerce
		.number()
		.int()
		.min(0)
		.max(1024 * 1024 * 1024)
		.optional(),
	PAGE_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(60_000).optional(),
	PAGE_CACHE_TTL_MS: z.coerce.number().int().min(1000).max(86_400_000).optional(),
	// Behind a load balancer: Express's `trust proxy`, so the sign-in throttle sees the visitor's address. A number is how
	// many proxies stand in front (1: one load balancer), true or false trusts every or no proxy, anything else is a
	// comma-separated list of addresses, subnets or names (loopback, uniquelocal). Express reads a number given as text
	// ("1") as an address, so it is turned into a number here.
	TRUST_PROXY: z
		.string()
		.transform((value): boolean | number | string => {
			if (value === 'true' || value === 'false') return value === 'true'
			return /^[0-9]+$/.test(value) ? Number(value) : value
		})
		.optional(),
	// Browser tests only: lets POST /dev/clock move this process's clock forward (app/utils/clock.server.ts).
	TEST_CLOCK: z.enum(['true', 'false']).optional(),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined

export function getEnv(): Env {
	cached ??= parseEnv(process.env)
	return cached
}

/** Checks these variables as getEnv checks the process's, throwing one error that lists every problem. */
export function parseEnv(variables: Record<string, string | undefined>): Env {
	// An empty variable (DATABASE_URL=) means "not set", as in most tools.
	const given = Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== ''))
	const parsed = schema.safeParse(given)
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
		throw new Error(`Some environment variables are not valid:\n${problems}`)
	}
	checkEnv(parsed.data)
	return parsed.data
}

/**
 * Settings that are each valid but dangerous together. The public demo secret is in this repository, so it may only
 * sign cookies for the embedded database (tests excepted); the test clock only exists on the embedded database.
 */
export function checkEnv(env: Env): void {
	if (env.DATABASE_URL && !env.SESSION_SECRET && env.NODE_ENV !== 'test') {
		throw new Error(
			'SESSION_SECRET must be set (16 characters or more) when running on a real database (DATABASE_URL).',
		)
	}
	if (env.DATABASE_URL && env.TEST_CLOCK === 'true') {
		throw new Error('TEST_CLOCK is for browser tests on the embedded database; it cannot be used with DATABASE_URL.')
	}
	if (!env.DATABASE_URL && env.WEB_CONCURRENCY && env.WEB_CONCURRENCY !== 'auto' && Number(env.WEB_CONCURRENCY) > 1) {
		throw new Error(
			`WEB_CONCURRENCY=${env.WEB_CONCURRENCY} needs DATABASE_URL: the embedded database (PGlite) can only be opened by ` +
				'one process. Set DATABASE_URL to a PostgreSQL database to run several web server processes, or leave ' +
				'WEB_CONCURRENCY unset (one process).',
		)
	}
}

/**
 * How many web server processes to run: WEB_CONCURRENCY, where "auto" is one per core on PostgreSQL and one on the
 * embedded database. Default 1 (several processes are a choice: each holds its own search index and database pool).
 */
export function webConcurrency(env: Env = getEnv(), cores = os.availableParallelism()): number {
	if (!env.WEB_CONCURRENCY) return 1
	if (env.WEB_CONCURRENCY === 'auto') return env.DATABASE_URL ? cores : 1
	return Number(env.WEB_CONCURRENCY)
}

/** The /dev pages (the email outbox): only in demo mode, and never in production on a real database. */
export function devPagesEnabled(env: Env = getEnv()): boolean {
	if (env.NODE_ENV === 'production' && env.DATABASE_URL) return false
	return isDemoMode(env)
}

/** The app's public origin (scheme, host and port): PUBLIC_URL, or http://localhost:PORT. */
export function publicOrigin(env: Env = getEnv()): string {
	return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`
}

/** Demo mode: the embedded database, unless DEMO_MODE says otherwise. */
export function isDemoMode(env: Env = getEnv()): boolean {
	if (env.DEMO_MODE) return env.DEMO_MODE === 'true'
	return !env.DATABASE_URL
}

export function sessionSecret(env: Env = getEnv()): string {
	// The embedded demo has no secret to configure; a fixed one is fine for a database that lives on this disk.
	return env.SESSION_SECRET ?? 'budget-market-embedded-demo-secret'
}
