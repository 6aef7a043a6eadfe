/**
 * The Stripe client, from STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET for webhooks). Without a key the app runs
 * without Stripe: card top-ups are off and payouts are recorded as "awaiting payout" for an admin to mark paid.
 *
 * STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL point the SDK at another Stripe-compatible server (a local
 * one for development and tests); unset, it talks to api.stripe.com.
 */
import Stripe from 'stripe'
import { getEnv } from './env.server.ts'

export type { Stripe }

export type StripeSetup = { client: Stripe; webhookSecret: string | null }

export type StripeServer = { host: string; port?: number; protocol?: 'http' | 'https' }

/**
 * A client for `secretKey`, optionally on another server. By default it retries a failed request twice, with the
 * same idempotency key (the SDK's own retries).
 */
export function createStripeClient(
	secretKey: string,
	server?: StripeServer,
	options: { maxNetworkRetries?: number } = {},
): Stripe {
	return new Stripe(secretKey, {
		...(server ? { host: server.host, port: server.port, protocol: server.protocol ?? 'https' } : {}),
		maxNetworkRetries: options.maxNetworkRetries ?? 2,
		timeout: 20_000,
		appInfo: { name: 'Budget Market' },
	})
}

// One client per process, like the database handle; tests and scripts may swap it (setStripe).
const KEY = Symbol.for('budget-market.stripe')
type WithStripe = typeof globalThis & { [KEY]?: StripeSetup | null }

function fromEnv(): StripeSetup | null {
	const env = getEnv()
	if (!env.STRIPE_SECRET_KEY) return null
	const server = env.STRIPE_API_HOST
		? { host: env.STRIPE_API_HOST, port: env.STRIPE_API_PORT, protocol: env.STRIPE_API_PROTOCOL }
		: undefined
	return { client: createStripeClient(env.STRIPE_SECRET_KEY, server), webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null }
}

/** Stripe, or null when this service runs without it. */
export function getStripe(): StripeSetup | null {
	const g = globalThis as WithStripe
	if (g[KEY] === undefined) g[KEY] = fromEnv()
	return g[KEY]
}

export function isStripeEnabled(): boolean {
	return getStripe() !== null
}

/** For tests and scripts: use this Stripe setup (null: run without Stripe; undefined: read the environment again). */
export function setStripe(setup: StripeSetup | null | undefined): void {
	;(globalThis as WithStripe)[KEY] = setup
}
