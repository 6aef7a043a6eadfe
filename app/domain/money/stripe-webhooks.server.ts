/**
 * Stripe's webhooks. The route hands over the raw body and the Stripe-Signature header; we verify the signature with
 * STRIPE_WEBHOOK_SECRET (the SDK's constructEvent: HMAC, and a timestamp no older than 5 minutes), then apply the
 * event in ONE transaction together with a StripeEvent row keyed by the event id. Stripe delivers at least once
 * and retries until it gets a 2xx: a repeated event finds its row and changes nothing; an event whose handling
 * fails rolls back (row included) and is applied when Stripe retries.
 */
import { prisma } from '#app/utils/db.server.ts'
import { getStripe, type Stripe } from '#app/utils/stripe.server.ts'
import { type Db, inTransaction } from '#app/utils/transaction.server.ts'
import { MoneyError } from './errors.ts'
import { connectAccountUpdatedIn } from './payouts.server.ts'
import { creditTopUpIn, failTopUpIn } from './top-ups.server.ts'

export type WebhookResult = { eventId: string; type: string; outcome: 'applied' | 'duplicate' | 'ignored' | string }

/** Thrown for a request that is not a genuine, recent Stripe event: answer 400. */
export class WebhookSignatureError extends Error {
	override name = 'WebhookSignatureError'
}

/** Verifies and applies one webhook delivery. */
export async function handleStripeWebhook(
	payload: string,
	signature: string | null,
	db: Db = prisma,
): Promise<WebhookResult> {
	const stripe = getStripe()
	if (!stripe?.webhookSecret) throw new MoneyError('STRIPE_OFF', 'Stripe webhooks are not configured on this service.')
	if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing.')
	let event: Stripe.Event
	try {
		event = stripe.client.webhooks.constructEvent(payload, signature, stripe.webhookSecret)
	} catch (error) {
		throw new WebhookSignatureError(error instanceof Error ? error.message : 'The signature does not match.')
	}
	return applyStripeEvent(event, db)
}

/** Applies a verified event once. Exposed for the tests of each handler; production goes through handleStripeWebhook. */
export async function applyStripeEvent(event: Stripe.Event, db: Db = prisma): Promise<WebhookResult> {
	return inTransaction(db, async (tx) => {
		// ON CONFLICT DO NOTHING: a second delivery running at the same time waits for the first to commit, then
		// inserts nothing.
		const inserted = await tx.stripeEvent.createMany({
			data: [{ id: event.id, type: event.type }],
			skipDuplicates: true,
		})
		if (inserted.count === 0) return { eventId: event.id, type: event.type, outcome: 'duplicate' }
		let outcome: string
		switch (event.type) {
			case 'payment_intent.succeeded':
				outcome = await creditTopUpIn(tx, event.data.object)
				break
			case 'payment_intent.payment_failed':
				outcome = await failTopUpIn(tx, event.data.object)
				break
			case 'account.updated':
				outcome = await connectAccountUpdatedIn(tx, event.data.object)
				break
			default:
				outcome = 'ignored'
		}
		return {
			eventId: event.id,
			type: event.type,
			outcome: outcome === 'credited' || outcome === 'payouts-released' ? 'applied' : outcome,
		}
	})
}
