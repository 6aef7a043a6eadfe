import { json, type ActionFunctionArgs } from '@remix-run/node'
import { isMoneyError } from '#app/domain/money/errors.ts'
import { handleStripeWebhook, WebhookSignatureError } from '#app/domain/money/stripe-webhooks.server.ts'

/**
 * Stripe's webhook endpoint (POST /webhooks/stripe). No CSRF token: the request is trusted only if its
 * Stripe-Signature verifies against STRIPE_WEBHOOK_SECRET over the exact raw body. Answers 2xx once the event is
 * applied (or was already), so Stripe stops retrying; 400 for a bad signature; 500 if applying failed (Stripe
 * retries later, and the event is applied then, once).
 */
export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return json({ error: 'Use POST.' }, { status: 405, headers: { Allow: 'POST' } })
	const payload = await request.text()
	try {
		const result = await handleStripeWebhook(payload, request.headers.get('stripe-signature'))
		return json({ received: true, ...result })
	} catch (error) {
		if (error instanceof WebhookSignatureError) return json({ error: 'The signature is not valid.' }, { status: 400 })
		if (isMoneyError(error, 'STRIPE_OFF'))
			return json({ error: 'Stripe is not set up on this service.' }, { status: 404 })
		throw error
	}
}

export function loader() {
	return json({ error: 'Use POST.' }, { status: 405, headers: { Allow: 'POST' } })
}
