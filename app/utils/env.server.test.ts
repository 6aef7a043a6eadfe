import { describe, expect, it } from 'vitest'
import { checkEnv, devPagesEnabled, type Env } from './env.server.ts'

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
})
