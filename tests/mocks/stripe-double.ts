/**
 * A TEST DOUBLE of the few Stripe endpoints the app uses that stripe-stateful-mock 0.0.16 does not have
 * (it answers 404 for them):
 *
 *   POST /v1/checkout/sessions     create a Checkout Session (mode "payment", line_items with price_data)
 *   GET  /v1/checkout/sessions/:id retrieve one
 *   POST /v1/transfers             create a Connect transfer to a connected account
 *   GET  /v1/transfers             list transfers (filters: transfer_group, destination; limit)
 *   POST /v1/account_links         create an onboarding link for a connected account
 *
 * Responses are shaped on Stripe's API reference (https://docs.stripe.com/api/checkout/sessions/object,
 * /api/transfers/object, /api/account_links/object, /api/errors), errors too ({ error: { type, message, param,
 * code } } with Stripe's status codes). Requests come from the real `stripe` SDK. Connected accounts are
 * stripe-stateful-mock's own (created through its POST /v1/accounts), so a transfer to an account that does not
 * exist is refused as Stripe refuses it. Idempotency follows Stripe's documented rules: the same key and the same
 * parameters replay the first response (with Idempotent-Replayed: true); the same key with other parameters is a
 * 400 idempotency_error; results of requests that failed validation are not saved.
 *
 * It is not Stripe: it does not move money, check capabilities or balances, or send webhooks by itself. Tests
 * build the events Stripe would send (completeCheckout) and sign them with the SDK's test header helper.
 */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import express, { type Request, type Response, type Router } from 'express'

type Json = Record<string, unknown>

const require = createRequire(import.meta.url)
// stripe-stateful-mock's own store of connected accounts (the same module instance its server uses).
const stateful = require('stripe-stateful-mock/dist/api/accounts.js') as {
	accounts: { retrieve: (accountId: string, connectedAccountId: string, censoredKey: string) => Json }
}

function stripeId(prefix: string): string {
	return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
}

function now(): number {
	return Math.floor(Date.now() / 1000)
}

class StripeFailure extends Error {
	constructor(
		readonly status: number,
		readonly body: { type: string; message: string; param?: string; code?: string },
	) {
		super(body.message)
	}
}

function missing(param: string): StripeFailure {
	return new StripeFailure(400, {
		type: 'invalid_request_error',
		message: `Missing required param: ${param}.`,
		param,
		code: 'parameter_missing',
	})
}

function invalid(param: string, message: string): StripeFailure {
	return new StripeFailure(400, { type: 'invalid_request_error', message, param, code: 'parameter_invalid' })
}

function integer(body: Json, param: string): number {
	const value = body[param]
	if (value === undefined || value === '') throw missing(param)
	const n = Number(value)
	if (!Number.isInteger(n)) throw invalid(param, `Invalid integer: ${String(value)}`)
	return n
}

function text(body: Json, param: string, required = true): string | null {
	const value = body[param]
	if (value === undefined || value === '') {
		if (required) throw missing(param)
		return null
	}
	if (typeof value !== 'string') throw invalid(param, `Invalid string: ${JSON.stringify(value)}`)
	return value
}

function metadataOf(value: unknown): Record<string, string> {
	if (value === undefined || value === '') return {}
	if (typeof value !== 'object' || value === null) throw invalid('metadata', 'Invalid object')
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
}

export type DoubleRequest = {
	method: string
	path: string
	idempotencyKey: string | null
	body: Json
	replayed: boolean
}

export type InjectedFailure = { status: number; type?: string; message?: string; code?: string }

export class StripeDouble {
	readonly sessions = new Map<string, Json>()
	readonly transfers = new Map<string, Json>()
	readonly accountLinks: Json[] = []
	/** Every request the double answered, in order. */
	readonly requests: DoubleRequest[] = []
	private readonly idempotent = new Map<string, { body: string; status: number; response: Json }>()
	private readonly failures = new Map<string, InjectedFailure[]>()

	constructor(private readonly baseUrl: () => string) {}

	/** The next `times` requests to "POST /v1/transfers" (say) fail with this error, as a Stripe outage or refusal would. */
	failNext(route: string, failure: InjectedFailure, times = 1): void {
		const queue = this.failures.get(route) ?? []
		for (let i = 0; i < times; i++) queue.push(failure)
		this.failures.set(route, queue)
	}

	/**
	 * What Stripe does when the customer pays on the Checkout page: the session completes and its PaymentIntent
	 * succeeds. Returns the payment_intent.succeeded event Stripe would send (https://docs.stripe.com/api/events).
	 */
	completeCheckout(sessionId: string, options: { amountReceived?: number; currency?: string } = {}): Json {
		const session = this.sessions.get(sessionId)
		if (!session) throw new Error(`No Checkout Session ${sessionId}`)
		const intentId = (session.payment_intent as string | null) ?? stripeId('pi')
		Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intentId })
		const amount = session.amount_total as number
		const intent = {
			id: intentId,
			object: 'payment_intent',
			amount,
			amount_capturable: 0,
			amount_received: options.amountReceived ?? amount,
			currency: options.currency ?? session.currency,
			status: 'succeeded',
			created: now(),
			livemode: false,
			description: (session.payment_intent_data as Json | undefined)?.description ?? null,
			metadata: session.payment_intent_metadata,
			latest_charge: stripeId('ch'),
			payment_method_types: ['card'],
		}
		return this.event('payment_intent.succeeded', intent)
	}

	/** The payment_intent.payment_failed event for a session whose card was declined. */
	declineCheckout(sessionId: string): Json {
		const session = this.sessions.get(sessionId)
		if (!session) throw new Error(`No Checkout Session ${sessionId}`)
		const intentId = (session.payment_intent as string | null) ?? stripeId('pi')
		session.payment_intent = intentId
		return this.event('payment_intent.payment_failed', {
			id: intentId,
			object: 'payment_intent',
			amount: session.amount_total,
			amount_received: 0,
			currency: session.currency,
			status: 'requires_payment_method',
			metadata: session.payment_intent_metadata,
			last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
		})
	}

	/** An event envelope as Stripe sends it. */
	event(type: string, object: Json): Json {
		return {
			id: stripeId('evt'),
			object: 'event',
			api_version: '2026-10-28.endive',
			created: now(),
			data: { object },
			livemode: false,
			pending_webhooks: 1,
			request: { id: stripeId('req'), idempotency_key: null },
			type,
		}
	}

	router(): Router {
		const router = express.Router()
		router.use(express.urlencoded({ extended: true }))
		router.post(
			'/v1/checkout/sessions',
			this.handle('POST /v1/checkout/sessions', (body) => this.createSession(body)),
		)
		router.get(
			'/v1/checkout/sessions/:id',
			this.handle('GET /v1/checkout/sessions/:id', (_body, req) => this.getSession(req.params.id ?? '')),
		)
		router.post(
			'/v1/transfers',
			this.handle('POST /v1/transfers', (body, req) => this.createTransfer(body, req)),
		)
		router.get(
			'/v1/transfers',
			this.handle('GET /v1/transfers', (_body, req) => this.listTransfers(req.query as Json)),
		)
		router.post(
			'/v1/account_links',
			this.handle('POST /v1/account_links', (body, req) => this.createAccountLink(body, req)),
		)
		return router
	}

	private handle(route: string, fn: (body: Json, req: Request) => Json) {
		return (req: Request, res: Response) => {
			const authorization = req.header('authorization') ?? ''
			if (!/^Bearer sk_test_/.test(authorization)) {
				res.status(401).json({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } })
				return
			}
			const body = (req.body ?? {}) as Json
			const key = req.method === 'POST' ? (req.header('idempotency-key') ?? null) : null
			const record = (replayed: boolean) =>
				this.requests.push({ method: req.method, path: req.path, idempotencyKey: key, body, replayed })
			const storeKey = key ? `${req.method} ${req.path} ${key}` : null
			const stored = storeKey ? this.idempotent.get(storeKey) : undefined
			if (stored) {
				record(true)
				if (stored.body !== JSON.stringify(body)) {
					res.status(400).json({
						error: {
							type: 'idempotency_error',
							message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
						},
					})
					return
				}
				res.status(stored.status).set('Idempotent-Replayed', 'true').json(stored.response)
				return
			}
			record(false)
			const injected = this.failures.get(route)?.shift()
			if (injected) {
				const type = injected.type ?? (injected.status >= 500 ? 'api_error' : 'invalid_request_error')
				res.status(injected.status).json({
					error: { type, message: injected.message ?? 'Something went wrong on Stripe’s end.', code: injected.code },
				})
				return
			}
			try {
				const response = fn(body, req)
				if (storeKey) this.idempotent.set(storeKey, { body: JSON.stringify(body), status: 200, response })
				res.status(200).json(response)
			} catch (error) {
				if (!(error instanceof StripeFailure)) throw error
				res.status(error.status).json({ error: error.body })
			}
		}
	}

	private createSession(body: Json): Json {
		const mode = text(body, 'mode')
		if (mode !== 'payment') throw invalid('mode', 'This test double supports mode=payment only.')
		const successUrl = text(body, 'success_url')
		const items = body.line_items
		if (!Array.isArray(items) || items.length === 0) throw missing('line_items')
		let total = 0
		let currency: string | null = null
		for (const [i, item] of items.entries()) {
			const line = item as Json
			const priceData = line.price_data as Json | undefined
			if (!priceData) throw missing(`line_items[${i}][price_data]`)
			const unit = integer(priceData, 'unit_amount')
			const quantity = line.quantity === undefined ? 1 : integer(line, 'quantity')
			const lineCurrency = text(priceData, 'currency')
			if (currency && currency !== lineCurrency) throw invalid('line_items', 'All line items must be in one currency.')
			currency = lineCurrency
			total += unit * quantity
		}
		const paymentIntentData = (body.payment_intent_data ?? {}) as Json
		const id = stripeId('cs_test')
		const session = {
			id,
			object: 'checkout.session',
			amount_subtotal: total,
			amount_total: total,
			cancel_url: text(body, 'cancel_url', false),
			client_reference_id: text(body, 'client_reference_id', false),
			created: now(),
			currency,
			expires_at: now() + 24 * 3600,
			livemode: false,
			metadata: metadataOf(body.metadata),
			mode,
			payment_intent: null,
			payment_intent_data: { description: paymentIntentData.description ?? null },
			payment_status: 'unpaid',
			status: 'open',
			success_url: successUrl,
			url: `${this.baseUrl()}/c/pay/${id}`,
		}
		// Kept for completeCheckout; not part of the session object Stripe returns.
		this.sessions.set(id, { ...session, payment_intent_metadata: metadataOf(paymentIntentData.metadata) })
		return session
	}

	private getSession(id: string): Json {
		const session = this.sessions.get(id)
		if (!session) {
			throw new StripeFailure(404, {
				type: 'invalid_request_error',
				message: `No such checkout.session: '${id}'`,
				param: 'session',
				code: 'resource_missing',
			})
		}
		const { payment_intent_metadata: _hidden, ...visible } = session
		return visible
	}

	private connectedAccount(accountId: string, req: Request, param: string): void {
		try {
			stateful.accounts.retrieve('acct_default', accountId, (req.header('authorization') ?? '').slice(7, 18))
		} catch {
			throw new StripeFailure(400, {
				type: 'invalid_request_error',
				message: `No such ${param}: '${accountId}'`,
				param,
				code: 'resource_missing',
			})
		}
	}

	private createTransfer(body: Json, req: Request): Json {
		const amount = integer(body, 'amount')
		if (amount <= 0) throw invalid('amount', 'This value must be greater than or equal to 1.')
		const currency = text(body, 'currency') ?? ''
		const destination = text(body, 'destination') ?? ''
		this.connectedAccount(destination, req, 'destination')
		const id = stripeId('tr')
		const transfer = {
			id,
			object: 'transfer',
			amount,
			amount_reversed: 0,
			balance_transaction: stripeId('txn'),
			created: now(),
			currency,
			description: text(body, 'description', false),
			destination,
			destination_payment: stripeId('py'),
			livemode: false,
			metadata: metadataOf(body.metadata),
			reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
			reversed: false,
			source_transaction: null,
			source_type: 'card',
			transfer_group: text(body, 'transfer_group', false),
		}
		this.transfers.set(id, transfer)
		return transfer
	}

	private listTransfers(query: Json): Json {
		const limit = query.limit === undefined ? 10 : Number(query.limit)
		const data = [...this.transfers.values()]
			.filter((t) => (query.transfer_group ? t.transfer_group === query.transfer_group : true))
			.filter((t) => (query.destination ? t.destination === query.destination : true))
			.reverse()
		return { object: 'list', data: data.slice(0, limit), has_more: data.length > limit, url: '/v1/transfers' }
	}

	private createAccountLink(body: Json, req: Request): Json {
		const account = text(body, 'account') ?? ''
		const type = text(body, 'type')
		if (type !== 'account_onboarding' && type !== 'account_update') throw invalid('type', `Invalid type: ${type}`)
		text(body, 'return_url')
		text(body, 'refresh_url')
		this.connectedAccount(account, req, 'account')
		const link = {
			object: 'account_link',
			created: now(),
			expires_at: now() + 300,
			url: `${this.baseUrl()}/setup/e/${account}/${randomBytes(8).toString('hex')}`,
		}
		this.accountLinks.push({ ...link, account, type, return_url: body.return_url, refresh_url: body.refresh_url })
		return link
	}
}
