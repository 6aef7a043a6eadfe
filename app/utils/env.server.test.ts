import { describe, expect, it } from 'vitest'
import { checkEnv, devPagesEnabled, webConcurrency, type Env } from './env.server.ts'

const base: Env = { NODE_ENV: 'development', PORT: 3000, PGLITE_DIR: '/tmp/x', PHOTO_DIR: '/tmp/p' }

describe('dangerous combinations of settings', () => {
	it('refuses a real database on the public demo secret whatever NODE_ENV says', () => {
		expect(() => checkEnv({ ...base, DATABASE_URL: 'postgresql://db/app' })).toThrow(/SESSION_SECRET must be set/)
		expect(() => checkEnv({ ...base, NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/app' })).toThrow(
			/SESSION_SECRET/,
		)
		expect(() =>
			checkEnv({ ...base, DATABASE_URL: 'postgresql://db/app', SESSION_SECRET: 'a'.repeat(32) }),
		).not.toThrow()
		expect(() => checkEnv(base)).not.toThrow()
	})

	it('allows the test clock only on the embedded database', () => {
		expect(() => checkEnv({ ...base, TEST_CLOCK: 'true' })).not.toThrow()
		const real = { ...base, DATABASE_URL: 'postgresql://db/app', SESSION_SECRET: 'a'.repeat(32) }
		expect(() => checkEnv({ ...real, TEST_CLOCK: 'true' })).toThrow(/TEST_CLOCK/)
	})

	it('never serves the /dev pages in production on a real database, even in demo mode', () => {
		expect(devPagesEnabled(base)).toBe(true)
		expect(
			devPagesEnabled({ ...base, NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/app', DEMO_MODE: 'true' }),
		).toBe(false)
	})

	it('runs several web server processes only on PostgreSQL: the embedded database lives in one process', () => {
		expect(() => checkEnv({ ...base, WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY=2 needs DATABASE_URL/)
		expect(() => checkEnv({ ...base, WEB_CONCURRENCY: '1' })).not.toThrow()
		expect(() => checkEnv({ ...base, WEB_CONCURRENCY: 'auto' })).not.toThrow()
		const real = { ...base, DATABASE_URL: 'postgresql://db/app', SESSION_SECRET: 'a'.repeat(32) }
		expect(() => checkEnv({ ...real, WEB_CONCURRENCY: '2' })).not.toThrow()
	})
})

describe('webConcurrency', () => {
	const real = { ...base, DATABASE_URL: 'postgresql://db/app', SESSION_SECRET: 'a'.repeat(32) }
	it('is one process unless asked, on either database', () => {
		expect(webConcurrency(base, 8)).toBe(1)
		expect(webConcurrency(real, 8)).toBe(1)
	})
	it('is one per core for auto on PostgreSQL, and one on the embedded database', () => {
		expect(webConcurrency({ ...real, WEB_CONCURRENCY: 'auto' }, 8)).toBe(8)
		expect(webConcurrency({ ...base, WEB_CONCURRENCY: 'auto' }, 8)).toBe(1)
	})
	it('is the number given', () => {
		expect(webConcurrency({ ...real, WEB_CONCURRENCY: '3' }, 8)).toBe(3)
	})
})
