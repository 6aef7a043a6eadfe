/**
 * Money in and out through Stripe, with the real `stripe` SDK against a local Stripe-compatible server
 * (stripe-stateful-mock + the named test double in tests/mocks/stripe-double.ts), webhooks signed with the SDK's
 * test header helper: card top-ups credited by webhook, Connect onboarding and payouts, and the no-Stripe default.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkLedger, ensurePlatformAccounts, getBalance } from '#app/domain/ledger/ledger.server.ts'
import { isMoneyError } from '#app/domain/money/errors.ts'
import { getHolderMoney, holderAccounts, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import {
	connectStatus,
	markPayoutPaid,
	payFromHold,
	retryPayout,
	sendDuePayouts,
	sendPayout,
	startConnectOnboarding,
} from '#app/domain/money/payouts.server.ts'
import { getProviderMoney, ownedProvidersWithMoney } from '#app/domain/money/provider-money.server.ts'
import { getStatement } from '#app/domain/money/statements.server.ts'
import { handleStripeWebhook, WebhookSignatureError } from '#app/domain/money/stripe-webhooks.server.ts'
import { startTopUp } from '#app/domain/money/top-ups.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { setStripe } from '#app/utils/stripe.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { startLocalStripe, type LocalStripe } from '#tests/mocks/stripe-server.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
let stripe: LocalStripe
let funderId: string
let staffId: string
const origin = 'http://budget.test'

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	stripe = await startLocalStripe()
	funderId = (await createFunder(db.prisma, { name: 'Leicester City Council' })).id
	staffId = (await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId })).id
})

beforeEach(() => {
	setStripe(stripe.setup)
})

afterAll(async () => {
	setStripe(undefined)
	await stripe?.close()
	await db?.cleanup()
})

async function holderWith(amount: number) {
	const { holder, user, plan } = await createHolder(db.prisma, {
		funderId,
		displayName: 'Sam Taylor',
		plan: { lines: [{ name: 'Personal care', amountPence: 600_000 }] },
	})
	if (amount > 0) {
		await allocateOnce({ funderId, holderId: holder.id, staffUserId: staffId, amountEach: amount })
	}
	return { holder, user: user!, line: plan!.lines[0]! }
}

async function available(holderId: string) {
	const { budgetId } = await holderAccounts(db.prisma, holderId)
	return (await getBalance(db.prisma, budgetId)).available
}

async function deliver(event: object, options?: Parameters<LocalStripe['signed']>[1]) {
	const { payload, signature } = stripe.signed(event, options)
	return handleStripeWebhook(payload, signature)
}

describe('card top-ups', () => {
	async function started(amount = 2_500) {
		const { holder, user } = await holderWith(0)
		const key = randomUUID()
		const { topUp, checkoutUrl } = await startTopUp({
			holderId: holder.id,
			amount,
			idempotencyKey: key,
			initiator: { role: 'HOLDER', userId: user.id },
			origin,
		})
		const sessionId = checkoutUrl.split('/').pop()!
		return { holder, user, topUp, checkoutUrl, sessionId, key }
	}

	it('credits the budget only when Stripe’s signed webhook arrives, once however often it is delivered', async () => {
		const { holder, user, topUp, checkoutUrl, sessionId } = await started()
		expect(checkoutUrl.startsWith(stripe.baseUrl)).toBe(true)
		const create = stripe.double.requests.find(
			(r) => r.path === '/v1/checkout/sessions' && r.body.client_reference_id === topUp.id,
		)
		expect(create?.idempotencyKey).toBe(`topup:${topUp.id}`)
		expect(await available(holder.id)).toBe(0n)

		const event = stripe.double.completeCheckout(sessionId)
		const first = await deliver(event)
		// Stripe retries: again and again, and twice at the same moment.
		const repeats = [
			await deliver(event),
			await deliver(event),
			...(await Promise.all([deliver(event), deliver(event)])),
		]
		expect(first.outcome).toBe('applied')
		expect(repeats.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate'])

		expect(await available(holder.id)).toBe(2_500n)
		const saved = await db.prisma.topUp.findUniqueOrThrow({ where: { id: topUp.id } })
		expect(saved).toMatchObject({
			status: 'SUCCEEDED',
			stripePaymentIntentId: (event.data as { object: { id: string } }).object.id,
		})
		const credit = await db.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: saved.transferId! } })
		expect(credit).toMatchObject({
			idempotencyKey: `topup:${topUp.id}`,
			reason: 'TOP_UP',
			initiatorRole: 'HOLDER',
			initiatedById: user.id,
			description: '£25.00 added by card (top-up)',
		})
		// Even a second event about the same payment (another event id) adds nothing.
		const other = await deliver({ ...event, id: `evt_${randomUUID()}` })
		expect(other.outcome).toBe('already-credited')
		expect(await available(holder.id)).toBe(2_500n)
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('refuses anything not signed by Stripe with our secret, recently, over the exact body', async () => {
		const { holder, sessionId } = await started()
		const event = stripe.double.completeCheckout(sessionId)
		const good = stripe.signed(event)
		const attempts = [
			() => handleStripeWebhook(good.payload, null),
			() =>
				handleStripeWebhook(
					good.payload.replace('"amount_received": 2500', '"amount_received": 250000'),
					good.signature,
				),
			() => deliver(event, { secret: 'whsec_someone_else' }),
			() => deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
		]
		for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(WebhookSignatureError)
		expect(await db.prisma.stripeEvent.count({ where: { id: event.id as string } })).toBe(0)
		expect(await available(holder.id)).toBe(0n)
	})

	it('opens one Checkout Session when the form is sent twice', async () => {
		const { holder, user, topUp, checkoutUrl, key } = await started()
		const again = await startTopUp({
			holderId: holder.id,
			amount: 2_500,
			idempotencyKey: key,
			initiator: { role: 'HOLDER', userId: user.id },
			origin,
		})
		expect(again.topUp.id).toBe(topUp.id)
		expect(again.checkoutUrl).toBe(checkoutUrl)
		expect(await db.prisma.topUp.count({ where: { holderId: holder.id } })).toBe(1)
		const refused = await startTopUp({
			holderId: holder.id,
			amount: 9_900,
			idempotencyKey: key,
			initiator: { role: 'HOLDER', userId: user.id },
			origin,
		}).catch((e: unknown) => e)
		expect(isMoneyError(refused, 'IDEMPOTENCY_CONFLICT')).toBe(true)
	})

	it('records a declined card, and still credits the payment when a later attempt succeeds', async () => {
		const { holder, topUp, sessionId } = await started(4_000)
		expect((await deliver(stripe.double.declineCheckout(sessionId))).outcome).toBe('refused')
		expect((await db.prisma.topUp.findUniqueOrThrow({ where: { id: topUp.id } })).status).toBe('FAILED')
		expect((await deliver(stripe.double.completeCheckout(sessionId))).outcome).toBe('applied')
		expect((await db.prisma.topUp.findUniqueOrThrow({ where: { id: topUp.id } })).status).toBe('SUCCEEDED')
		expect(await available(holder.id)).toBe(4_000n)
	})

	it('does not credit a payment in another currency than the budget', async () => {
		const { holder, topUp, sessionId } = await started()
		expect((await deliver(stripe.double.completeCheckout(sessionId, { currency: 'eur' }))).outcome).toBe('refused')
		expect((await db.prisma.topUp.findUniqueOrThrow({ where: { id: topUp.id } })).status).toBe('FAILED')
		expect(await available(holder.id)).toBe(0n)
	})

	it('ignores events it does not handle, but records them so a retry is not handled twice either', async () => {
		const event = stripe.double.event('customer.created', { id: 'cus_123', object: 'customer' })
		expect((await deliver(event)).outcome).toBe('ignored')
		expect((await deliver(event)).outcome).toBe('duplicate')
	})
})

describe('payouts through Stripe Connect', () => {
	async function confirmedBooking(
		options: { price?: number; fee?: number; stripeAccountId?: string | null; onboard?: boolean } = {},
	) {
		const price = options.price ?? 5_600
		const fee = options.fee ?? 0
		const { holder, line } = await holderWith(100_000)
		const { provider, owner } = await createProviderWithService(db.prisma, {
			provider: { name: 'Amina Shah', stripeAccountId: options.stripeAccountId ?? null },
		})
		if (options.onboard !== false && !options.stripeAccountId) {
			await startConnectOnboarding({ providerId: provider.id, ownerId: owner.id, ownerEmail: owner.email, origin })
		}
		const hold = await reserveForSpending(db.prisma, {
			holderId: holder.id,
			amount: price + fee + 400,
			budgetLineId: line.id,
			idempotencyKey: randomUUID(),
			description: '£60.40 set aside for 4 hours with Amina Shah on 3 March',
			initiator: { role: 'SYSTEM' },
		})
		const bookingKey = `booking:${randomUUID()}`
		const paid = await payFromHold(db.prisma, {
			holdTransferId: hold.id,
			providerId: provider.id,
			price,
			feeShown: fee,
			idempotencyKey: bookingKey,
			description: '£56.00 paid to Amina Shah for 4 hours on 3 March',
			initiator: { role: 'HOLDER' },
		})
		return { holder, line, provider, owner, hold, bookingKey, payout: paid.payout!, transfers: paid.transfers }
	}

	it('onboards a provider once and sends them to Stripe’s onboarding page', async () => {
		const { provider, owner } = await createProviderWithService(db.prisma)
		const url = await startConnectOnboarding({
			providerId: provider.id,
			ownerId: owner.id,
			ownerEmail: owner.email,
			origin,
		})
		const again = await startConnectOnboarding({
			providerId: provider.id,
			ownerId: owner.id,
			ownerEmail: owner.email,
			origin,
		})
		const saved = await db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })
		expect(saved.stripeAccountId).toMatch(/^acct_/)
		expect(url).toContain(saved.stripeAccountId)
		expect(again).toContain(saved.stripeAccountId)
		expect(stripe.double.accountLinks.at(-1)).toMatchObject({
			type: 'account_onboarding',
			return_url: `${origin}/provider/money?onboarding=done`,
		})
		// The account exists at Stripe (stripe-stateful-mock), and is not ready for payouts yet.
		expect(await connectStatus(saved.stripeAccountId!)).toEqual({ detailsSubmitted: false, payoutsEnabled: false })
		// Someone else's profile: refused.
		const stranger = await createUserWithRoles(db.prisma, { roles: ['PROVIDER'] })
		await expect(
			startConnectOnboarding({ providerId: provider.id, ownerId: stranger.id, ownerEmail: stranger.email, origin }),
		).rejects.toSatisfy((e) => isMoneyError(e, 'NOT_FOUND'))
	})

	it('pays the provider in full when delivery is confirmed, through one Stripe transfer keyed by the ledger transfer', async () => {
		const { holder, provider, payout } = await confirmedBooking()
		expect(payout).toMatchObject({ status: 'AWAITING_PAYOUT', amountPence: 5_600, currency: 'GBP' })
		const sent = await sendPayout(payout.id)
		expect(sent).toMatchObject({ status: 'PAID', failureReason: null })
		const transfers = [...stripe.double.transfers.values()].filter((t) => t.id === sent.stripeTransferId)
		expect(transfers).toHaveLength(1)
		const account = (await db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).stripeAccountId
		expect(transfers[0]).toMatchObject({ amount: 5_600, currency: 'gbp', destination: account })
		const request = stripe.double.requests.find(
			(r) => r.path === '/v1/transfers' && r.body.transfer_group === `payout_${payout.id}`,
		)
		expect(request?.idempotencyKey).toBe(`payout:${payout.transferId}`)

		// Sending again, or the job, does nothing more.
		await sendPayout(payout.id)
		await sendDuePayouts()
		expect(
			[...stripe.double.transfers.values()].filter((t) => t.transfer_group === `payout_${payout.id}`),
		).toHaveLength(1)

		const [money] = await getProviderMoney(
			(await db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).ownerId,
		)
		expect(money?.balances).toEqual([{ currency: 'GBP', due: 0, beingPaid: 0, paidOut: 5_600 }])
		expect(money?.payouts.map((p) => p.status)).toEqual(['PAID'])
		const holderMoney = await getHolderMoney(holder.id)
		// £1,000 received; £60.00 held, £56.00 paid, the other £4.00 released.
		expect(holderMoney).toMatchObject({ spent: 5_600, held: 0, available: 100_000 - 5_600 })
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('takes exactly the fee that was shown, as its own statement line, and never from the provider', async () => {
		const { holder, payout } = await confirmedBooking({ fee: 140 })
		expect(payout.amountPence).toBe(5_600)
		const { fees } = await ensurePlatformAccounts(db.prisma, 'GBP')
		expect(
			(await db.prisma.ledgerTransfer.findFirst({ where: { creditAccountId: fees.id, onBehalfOfId: holder.id } }))
				?.amount,
		).toBe(140n)
		const statement = await getStatement(holder.id, {})
		expect(statement.rows.filter((r) => r.moneyOut > 0).map((r) => [r.description, r.moneyOut])).toEqual([
			['£1.40 platform fee: £56.00 paid to Amina Shah for 4 hours on 3 March', 140],
			['£56.00 paid to Amina Shah for 4 hours on 3 March', 5_600],
		])
		expect((await getHolderMoney(holder.id))?.spent).toBe(5_740)
	})

	it('confirms a booking once even if the confirmation is sent twice', async () => {
		const { hold, provider, bookingKey, payout } = await confirmedBooking()
		const again = await payFromHold(db.prisma, {
			holdTransferId: hold.id,
			providerId: provider.id,
			price: 5_600,
			feeShown: 0,
			idempotencyKey: bookingKey,
			description: '£56.00 paid to Amina Shah for 4 hours on 3 March',
			initiator: { role: 'HOLDER' },
		})
		expect(again.payout?.id).toBe(payout.id)
		expect(again.transfers.every((t) => t.replayed)).toBe(true)
		expect(await db.prisma.payout.count({ where: { providerId: provider.id } })).toBe(1)
	})

	it('keeps a payout in transit through a Stripe outage, then sends it once', async () => {
		const { payout } = await confirmedBooking()
		stripe.double.failNext('POST /v1/transfers', { status: 500 })
		const during = await sendPayout(payout.id)
		expect(during).toMatchObject({
			status: 'IN_TRANSIT',
			failureReason: 'Stripe could not be reached. We will try again shortly.',
		})
		const report = await sendDuePayouts()
		expect(report.paid).toBeGreaterThanOrEqual(1)
		expect((await db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe('PAID')
		expect(
			[...stripe.double.transfers.values()].filter((t) => t.transfer_group === `payout_${payout.id}`),
		).toHaveLength(1)
	})

	it('never pays twice when Stripe made the transfer but the app stopped before recording it', async () => {
		const { provider, payout } = await confirmedBooking()
		const account = (await db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).stripeAccountId!
		// What a crash after Stripe's answer leaves: the transfer at Stripe, the payout still in transit here, and
		// (a day later) Stripe no longer remembering the idempotency key: a different key reaches it.
		await stripe.client.transfers.create({
			amount: 5_600,
			currency: 'gbp',
			destination: account,
			transfer_group: `payout_${payout.id}`,
		})
		await db.prisma.payout.update({ where: { id: payout.id }, data: { status: 'IN_TRANSIT' } })
		const sent = await sendPayout(payout.id)
		expect(sent.status).toBe('PAID')
		expect(
			[...stripe.double.transfers.values()].filter((t) => t.transfer_group === `payout_${payout.id}`),
		).toHaveLength(1)
	})

	it('records Stripe’s refusal, queues the payout again when the account is ready, and lets an admin retry', async () => {
		const { provider, payout } = await confirmedBooking({ stripeAccountId: 'acct_not_at_stripe' })
		const refused = await sendPayout(payout.id)
		expect(refused.status).toBe('FAILED')
		expect(refused.failureReason).toBe("Stripe did not accept the payout: No such destination: 'acct_not_at_stripe'")
		// The job leaves failed payouts alone…
		await sendDuePayouts()
		expect((await db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe('FAILED')
		// …until Stripe says the account can receive payouts.
		const ready = stripe.double.event('account.updated', {
			id: 'acct_not_at_stripe',
			object: 'account',
			payouts_enabled: true,
			details_submitted: true,
		})
		expect((await deliver(ready)).outcome).toBe('applied')
		expect((await db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe('AWAITING_PAYOUT')
		// The provider finishes onboarding with a real account; an admin retries.
		const { client } = stripe
		const account = await client.accounts.create({ type: 'express' })
		await db.prisma.provider.update({ where: { id: provider.id }, data: { stripeAccountId: account.id } })
		await db.prisma.payout.update({ where: { id: payout.id }, data: { status: 'FAILED' } })
		const admin = await createUserWithRoles(db.prisma, { roles: ['ADMIN'] })
		expect((await retryPayout({ payoutId: payout.id, adminUserId: admin.id })).status).toBe('PAID')
	})

	it('without Stripe keys, records payouts as awaiting payout for an admin to mark paid, once', async () => {
		setStripe(null)
		const { provider, payout, owner } = await confirmedBooking({ onboard: false })
		expect((await sendPayout(payout.id)).status).toBe('AWAITING_PAYOUT')
		expect(await sendDuePayouts()).toEqual({ paid: 0, failed: 0, waiting: 0 })
		const admin = await createUserWithRoles(db.prisma, { roles: ['ADMIN'] })
		const [marked, twice] = await Promise.all([
			markPayoutPaid({ payoutId: payout.id, adminUserId: admin.id, note: 'BACS ref 1234' }),
			markPayoutPaid({ payoutId: payout.id, adminUserId: admin.id, note: 'BACS ref 1234' }),
		])
		expect(marked.status).toBe('PAID')
		expect(twice.status).toBe('PAID')
		const posted = await db.prisma.ledgerTransfer.findMany({ where: { pendingId: payout.transferId } })
		expect(posted).toHaveLength(1)
		expect(posted[0]).toMatchObject({
			phase: 'POST_PENDING',
			initiatorRole: 'ADMIN',
			description: '£56.00 paid out to Amina Shah, recorded by an administrator (BACS ref 1234)',
		})
		const [money] = await getProviderMoney(owner.id)
		expect(money?.balances).toEqual([{ currency: 'GBP', due: 0, beingPaid: 0, paidOut: 5_600 }])
		// The dashboard's one read of the owner's profiles gives the same money, and the profile as its lists show it.
		const owned = await ownedProvidersWithMoney(owner.id)
		expect(owned.money).toEqual([money])
		expect(owned.providers).toEqual([
			{
				id: provider.id,
				name: provider.name,
				slug: provider.slug,
				published: provider.published,
				ratingAverage: provider.ratingAverage,
				reviewCount: provider.reviewCount,
				kind: provider.kind,
				town: provider.town,
			},
		])
		expect(provider.stripeAccountId).toBeNull()
		expect(await checkLedger(db.prisma)).toEqual([])
	})

	it('will not let an admin mark paid a payout Stripe is sending', async () => {
		const { payout } = await confirmedBooking()
		await db.prisma.payout.update({ where: { id: payout.id }, data: { status: 'IN_TRANSIT' } })
		const admin = await createUserWithRoles(db.prisma, { roles: ['ADMIN'] })
		await expect(markPayoutPaid({ payoutId: payout.id, adminUserId: admin.id })).rejects.toSatisfy((e) =>
			isMoneyError(e, 'WRONG_STATE'),
		)
	})
})
