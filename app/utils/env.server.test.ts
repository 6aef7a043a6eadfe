import express from 'express'
import { describe, expect, it } from 'vitest'
import { checkEnv, devPagesEnabled, parseEnv, webConcurrency, type Env } from './env.server.ts'

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

describe('TRUST_PROXY', () => {
	/** Whether Express, given this setting, believes the proxy at `address`, `hop` steps from the server. */
	const trusts = (value: string, address: string, hop: number) => {
		const app = express()
		app.set('trust proxy', parseEnv({ TRUST_PROXY: value }).TRUST_PROXY)
		return (app.get('trust proxy fn') as (address: string, hop: number) => boolean)(address, hop)
	}

	it('reads a number as how many proxies stand in front, not as the address 0.0.0.1', () => {
		expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
		expect(trusts('1', '10.0.0.7', 0)).toBe(true)
		expect(trusts('1', '10.0.0.7', 1)).toBe(false)
		expect(trusts('2', '10.0.0.7', 1)).toBe(true)
	})

	it('reads true and false as trusting every or no proxy, and anything else as addresses or names', () => {
		expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
		expect(trusts('true', '203.0.113.9', 5)).toBe(true)
		expect(trusts('false', '127.0.0.1', 0)).toBe(false)
		expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8')
		expect(trusts('loopback, 10.0.0.0/8', '127.0.0.1', 0)).toBe(true)
		expect(trusts('loopback, 10.0.0.0/8', '10.1.2.3', 1)).toBe(true)
		expect(trusts('loopback, 10.0.0.0/8', '203.0.113.9', 0)).toBe(false)
		expect(parseEnv({}).TRUST_PROXY).toBeUndefined()
	})
})
