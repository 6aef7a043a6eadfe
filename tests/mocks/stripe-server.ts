/**
 * A local Stripe-compatible server for tests: stripe-stateful-mock 0.0.16 (customers, connected accounts, charges,
 * refunds, idempotency) with the named test double of the endpoints it lacks (./stripe-double.ts) mounted in front,
 * on one port, so the app's real `stripe` SDK talks to one host. Also signs webhook payloads with the SDK's own test
 * header helper, as Stripe signs them.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import express from 'express'
import type Stripe from 'stripe'
import { createStripeClient, type StripeSetup } from '#app/utils/stripe.server.ts'
import { StripeDouble } from './stripe-double.ts'

const require = createRequire(import.meta.url)
const statefulMock = require('stripe-stateful-mock') as { createExpressApp: () => express.Express }
// Its own logger writes every replayed or refused request to the console; tests fail on console.error.
;(require('loglevel') as { setLevel: (level: string) => void }).setLevel('silent')

export const TEST_SECRET_KEY = 'sk_test_budget_market_local'
export const TEST_WEBHOOK_SECRET = 'whsec_budget_market_local_test_secret'

export type LocalStripe = {
	port: number
	baseUrl: string
	double: StripeDouble
	/** A client for the local server (no automatic retries, so tests see each failure). */
	client: Stripe
	/** What to pass to setStripe(). */
	setup: StripeSetup
	/** A webhook delivery as Stripe makes it: the JSON body and its Stripe-Signature header. */
	signed: (event: object, options?: { secret?: string; timestamp?: number }) => { payload: string; signature: string }
	close: () => Promise<void>
}

export async function startLocalStripe(options: { maxNetworkRetries?: number } = {}): Promise<LocalStripe> {
	let baseUrl = ''
	const double = new StripeDouble(() => baseUrl)
	const app = express()
	app.use(double.router())
	app.use(statefulMock.createExpressApp())
	const server = http.createServer(app)
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
	const { port } = server.address() as AddressInfo
	baseUrl = `http://127.0.0.1:${port}`
	const client = createStripeClient(
		TEST_SECRET_KEY,
		{ host: '127.0.0.1', port, protocol: 'http' },
		{ maxNetworkRetries: options.maxNetworkRetries ?? 0 },
	)
	return {
		port,
		baseUrl,
		double,
		client,
		setup: { client, webhookSecret: TEST_WEBHOOK_SECRET },
		signed(event, signOptions = {}) {
			const payload = JSON.stringify(event, null, 2)
			const signature = client.webhooks.generateTestHeaderString({
				payload,
				secret: signOptions.secret ?? TEST_WEBHOOK_SECRET,
				timestamp: signOptions.timestamp,
			})
			return { payload, signature }
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections()
				server.close((error) => (error ? reject(error) : resolve()))
			}),
	}
}
