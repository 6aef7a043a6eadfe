/**
 * The money pages through their loaders and actions, with real Requests: who may see and do what, CSRF, forms that
 * keep what was typed and say what is wrong, double submission, CSV downloads and the Stripe webhook endpoint.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold } from '#app/domain/money/payouts.server.ts'
import { isoDay, startOfDay } from '#app/utils/dates.ts'
import { setStripe } from '#app/utils/stripe.server.ts'
import * as adminFunders from '#app/routes/admin.funders.tsx'
import * as adminPayouts from '#app/routes/admin.payouts.tsx'
import * as funderAllocate from '#app/routes/funder.allocate.tsx'
import * as funderExport from '#app/routes/funder.export[.]csv.tsx'
import * as funderIndex from '#app/routes/funder._index.tsx'
import * as money from '#app/routes/holders.$holderId_.money.tsx'
import * as statementCsv from '#app/routes/holders.$holderId_.statement[.]csv.tsx'
import * as topUp from '#app/routes/holders.$holderId_.top-up.tsx'
import * as providerMoney from '#app/routes/provider.money.tsx'
import * as webhook from '#app/routes/webhooks.stripe.tsx'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { startLocalStripe, type LocalStripe } from '#tests/mocks/stripe-server.ts'
import { closeTestDb, openWorld } from '#tests/setup/domain.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { cookieFor, get, post, statusOf, callRoute } from '#tests/setup/requests.ts'

let db: TestDb
let stripe: LocalStripe
const ids = {} as Record<'funder' | 'otherFunder' | 'sam' | 'margaret' | 'stranger' | 'line', string>
const users = {} as Record<'sam' | 'carer' | 'broker' | 'staff' | 'otherStaff' | 'provider' | 'admin', string>
const cookies = {} as Record<keyof typeof users, string>
let providerId: string
let payoutId: string

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	stripe = await startLocalStripe()
	const p = db.prisma
	ids.funder = world.funderId
	ids.otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	users.staff = world.staff.id
	users.otherStaff = (await world.person({ roles: ['FUNDER_STAFF'], funderId: ids.otherFunder })).id
	users.carer = (await world.person({ roles: ['REPRESENTATIVE'], name: 'Grace Okafor' })).id
	users.broker = (await world.person({ roles: ['BROKER'] })).id
	users.admin = (await world.person({ roles: ['ADMIN'] })).id
	const sam = await createHolder(p, {
		funderId: ids.funder,
		displayName: 'Sam Taylor',
		plan: {
			lines: [
				{ name: 'Personal care', amountPence: 600_000 },
				{ name: 'Getting out', amountPence: 120_000 },
			],
		},
	})
	ids.sam = sam.holder.id
	users.sam = sam.user!.id
	ids.line = sam.plan!.lines.find((l) => l.name === 'Personal care')!.id
	ids.margaret = (await createHolder(p, { funderId: ids.funder, displayName: 'Margaret Okafor', user: null })).holder.id
	ids.stranger = (await createHolder(p, { funderId: ids.otherFunder, displayName: 'Someone Else' })).holder.id
	await p.delegation.create({
		data: { holderId: ids.margaret, delegateId: users.carer, kind: 'REPRESENTATIVE', rights: ['VIEW', 'PAY'] },
	})
	await p.delegation.create({
		data: { holderId: ids.sam, delegateId: users.broker, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
	})
	const made = await createProviderWithService(p, { provider: { name: 'Amina Shah' } })
	providerId = made.provider.id
	users.provider = made.owner.id

	// Sam: £2,400 allocated, a £56 session paid to Amina Shah (payout awaiting, no Stripe keys).
	await createAllocation({
		funderId: ids.funder,
		holderId: ids.sam,
		staffUserId: users.staff,
		schedule: 'INSTALMENTS',
		amountEach: 240_000,
		count: 3,
		intervalDays: 28,
		firstOn: startOfDay(new Date()),
		idempotencyKey: randomUUID(),
	})
	const hold = await reserveForSpending(p, {
		holderId: ids.sam,
		amount: 5_600,
		budgetLineId: ids.line,
		idempotencyKey: randomUUID(),
		description: '£56.00 set aside for 4 hours with Amina Shah on 3 March',
		initiator: { role: 'HOLDER', userId: users.sam },
	})
	const paid = await payFromHold(p, {
		holdTransferId: hold.id,
		providerId,
		price: 5_600,
		feeShown: 0,
		idempotencyKey: `booking:${randomUUID()}`,
		description: '£56.00 paid to Amina Shah for 4 hours on 3 March',
		initiator: { role: 'HOLDER', userId: users.sam },
	})
	payoutId = paid.payout!.id
	for (const key of Object.keys(users) as (keyof typeof users)[]) cookies[key] = await cookieFor(users[key])
})

beforeEach(() => {
	setStripe(null)
})

afterAll(async () => {
	await stripe?.close()
	await closeTestDb(db)
})

/** A CSV download's lines, without the byte-order mark spreadsheets need. */
const csvLines = (text: string) =>
	text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')

type Reply = { result: { status: string; error: Record<string, string[]>; initialValue: Record<string, unknown> } }

describe('the holder’s money page', () => {
	const load = (holderId: string, cookie: string, query = '') =>
		callRoute(money.loader, get(`/holders/${holderId}/money${query}`, cookie), { holderId })

	it('shows the holder, their representative, their broker and their funder’s staff; nobody else', async () => {
		expect(await statusOf(load(ids.sam, cookies.sam))).toBe(200)
		expect(await statusOf(load(ids.sam, cookies.broker))).toBe(200)
		expect(await statusOf(load(ids.sam, cookies.staff))).toBe(200)
		expect(await statusOf(load(ids.margaret, cookies.carer))).toBe(200)
		expect(await statusOf(load(ids.sam, cookies.carer))).toBe(404)
		expect(await statusOf(load(ids.sam, cookies.otherStaff))).toBe(404)
		expect(await statusOf(load(ids.sam, cookies.provider))).toBe(404)
		expect(await statusOf(load(ids.sam, ''))).toBe(302)
	})

	it('shows balance, spending by line and the statement in plain words', async () => {
		const response = await load(ids.sam, cookies.sam)
		const data = (await response.json()) as {
			money: { available: number; held: number; spent: number; plan: { lines: { name: string; spent: number }[] } }
			statement: { rows: { description: string; moneyIn: number; moneyOut: number; by: string }[]; count: number }
		}
		expect(data.money).toMatchObject({ available: 240_000 - 5_600, held: 0, spent: 5_600 })
		expect(data.money.plan.lines.find((l) => l.name === 'Personal care')?.spent).toBe(5_600)
		const descriptions = data.statement.rows.map((r) => r.description)
		expect(descriptions).toContain('£56.00 paid to Amina Shah for 4 hours on 3 March')
		expect(descriptions).toContain('£2,400.00 from Leicester City Council: payment 1 of 3 of your personal budget')
		const paid = data.statement.rows.find((r) => r.description.startsWith('£56.00 paid'))
		expect(paid).toMatchObject({ moneyOut: 5_600, moneyIn: 0 })
		expect(paid?.by).toMatch(/\(budget holder\)$/)
	})

	it('filters the statement by category and month', async () => {
		const onlyIn = (await (await load(ids.sam, cookies.sam, '?category=in')).json()) as {
			statement: { rows: { moneyIn: number }[] }
		}
		expect(onlyIn.statement.rows).toHaveLength(1)
		expect(onlyIn.statement.rows[0]?.moneyIn).toBe(240_000)
		const thisMonth = new Date().toISOString().slice(0, 7)
		const byMonth = (await (await load(ids.sam, cookies.sam, `?month=${thisMonth}`)).json()) as {
			statement: { count: number }
		}
		expect(byMonth.statement.count).toBeGreaterThan(0)
		const empty = (await (await load(ids.sam, cookies.sam, '?month=2001-01')).json()) as {
			statement: { count: number }
		}
		expect(empty.statement.count).toBe(0)
	})

	it('downloads the statement as CSV for those who may see it', async () => {
		const request = get(`/holders/${ids.sam}/statement.csv?category=${ids.line}`, cookies.broker)
		const response = (await callRoute(statementCsv.loader, request, { holderId: ids.sam })) as Response
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="statement-sam-taylor-all.csv"')
		const text = await response.text()
		const lines = csvLines(text)
		expect(lines[0]).toBe(
			'Date,What happened,Category,Done by,Money in,Money out,Change in money held,Currency,Reference',
		)
		expect(
			lines.some(
				(l) =>
					l.includes(',£56.00 paid to Amina Shah for 4 hours on 3 March,Personal care,') &&
					l.includes(',,56.00,-56.00,GBP,'),
			),
		).toBe(true)
		expect(text).not.toContain('from Leicester City Council')
		expect(
			await statusOf(
				callRoute(statementCsv.loader, get(`/holders/${ids.sam}/statement.csv`, cookies.carer), { holderId: ids.sam }),
			),
		).toBe(404)
	})
})

describe('adding money by card', () => {
	const action = async (holderId: string, cookie: string, fields: Record<string, string>, withCsrf = true) =>
		callRoute(topUp.action, post(`/holders/${holderId}/top-up`, cookie, fields, withCsrf), { holderId })

	it('needs the PAY right, and a CSRF token', async () => {
		expect(
			await statusOf(callRoute(topUp.loader, get(`/holders/${ids.sam}/top-up`, cookies.broker), { holderId: ids.sam })),
		).toBe(403)
		expect(await statusOf(action(ids.sam, cookies.broker, { amount: '25', idempotencyKey: randomUUID() }))).toBe(403)
		expect(await statusOf(action(ids.sam, cookies.sam, { amount: '25', idempotencyKey: randomUUID() }, false))).toBe(
			403,
		)
		expect(
			await statusOf(
				callRoute(topUp.loader, get(`/holders/${ids.margaret}/top-up`, cookies.carer), { holderId: ids.margaret }),
			),
		).toBe(200)
	})

	it('says plainly when card top-ups are off, and what is wrong with an amount, keeping what was typed', async () => {
		let response = (await action(ids.sam, cookies.sam, { amount: '25', idempotencyKey: randomUUID() })) as Response
		expect(response.status).toBe(400)
		expect(((await response.json()) as Reply).result.error['']).toEqual([
			'Card top-ups are not available on this service.',
		])
		response = (await action(ids.sam, cookies.sam, { amount: '25.555', idempotencyKey: randomUUID() })) as Response
		const reply = (await response.json()) as Reply
		expect(reply.result.error.amount).toEqual(['Enter how much to add as a number, like 25.00'])
		expect(reply.result.initialValue.amount).toBe('25.555')
		response = (await action(ids.sam, cookies.sam, { amount: '9000', idempotencyKey: randomUUID() })) as Response
		expect(((await response.json()) as Reply).result.error.amount).toEqual(['Enter an amount from £1.00 to £5,000.00'])
	})

	it('sends the person to Stripe’s payment page, and a second click to the same one', async () => {
		setStripe(stripe.setup)
		const key = randomUUID()
		const first = (await action(ids.margaret, cookies.carer, { amount: '£30.00', idempotencyKey: key })) as Response
		const second = (await action(ids.margaret, cookies.carer, { amount: '£30.00', idempotencyKey: key })) as Response
		expect(first.status).toBe(302)
		expect(first.headers.get('Location')).toMatch(new RegExp(`^${stripe.baseUrl}/c/pay/cs_test_`))
		expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
		const saved = await db.prisma.topUp.findMany({ where: { holderId: ids.margaret } })
		expect(saved).toHaveLength(1)
		expect(saved[0]).toMatchObject({ amountPence: 3_000, status: 'STARTED' })

		// Stripe calls the webhook endpoint; the carer's top-up lands in Margaret's budget, recorded as the representative's.
		setStripe(stripe.setup)
		const event = stripe.double.completeCheckout(first.headers.get('Location')!.split('/').pop()!)
		const { payload, signature } = stripe.signed(event)
		const delivered = (await callRoute(
			webhook.action,
			new Request('http://localhost/webhooks/stripe', {
				method: 'POST',
				body: payload,
				headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' },
			}),
		)) as Response
		expect(delivered.status).toBe(200)
		const credit = await db.prisma.ledgerTransfer.findFirstOrThrow({
			where: { reason: 'TOP_UP', onBehalfOfId: ids.margaret },
		})
		expect(credit).toMatchObject({ initiatorRole: 'REPRESENTATIVE', initiatedById: users.carer, amount: 3_000n })
	})
})

describe('the Stripe webhook endpoint', () => {
	const deliver = (body: string, headers: Record<string, string>) =>
		callRoute(
			webhook.action,
			new Request('http://localhost/webhooks/stripe', { method: 'POST', body, headers }),
		) as Promise<Response>

	it('answers 400 to an unsigned or forged request and 404 when Stripe is not set up', async () => {
		const event = stripe.double.event('payment_intent.succeeded', {
			id: 'pi_x',
			object: 'payment_intent',
			metadata: {},
		})
		const { payload, signature } = stripe.signed(event, { secret: 'whsec_forged' })
		expect((await deliver(payload, { 'Stripe-Signature': signature })).status).toBe(404)
		setStripe(stripe.setup)
		expect((await deliver(payload, { 'Stripe-Signature': signature })).status).toBe(400)
		expect((await deliver(payload, {})).status).toBe(400)
		const good = stripe.signed(event)
		const ok = await deliver(good.payload, { 'Stripe-Signature': good.signature })
		expect(ok.status).toBe(200)
		expect(await ok.json()).toMatchObject({ received: true, outcome: 'not-ours' })
		expect((webhook.loader() as Response).status).toBe(405)
	})
})

describe('funder pages', () => {
	const allocate = async (cookie: string, fields: Record<string, string>) =>
		callRoute(funderAllocate.action, post('/funder/allocate', cookie, fields)) as Promise<Response>
	const validForm = () => ({
		holderId: ids.margaret,
		schedule: 'ONE_OFF',
		amount: '1,500.00',
		firstOn: isoDay(new Date()),
		idempotencyKey: randomUUID(),
	})

	it('are for funder staff only, scoped to their own funder', async () => {
		expect(await statusOf(callRoute(funderIndex.loader, get('/funder', cookies.sam)))).toBe(403)
		expect(await statusOf(callRoute(funderIndex.loader, get('/funder', cookies.admin)))).toBe(403)
		const response = (await callRoute(funderIndex.loader, get('/funder', cookies.staff))) as Response
		const data = (await response.json()) as {
			overview: { rows: { displayName: string; allocated: number; spent: number; unspent: number }[] }
		}
		expect(data.overview.rows.map((r) => r.displayName)).toEqual(['Margaret Okafor', 'Sam Taylor'])
		expect(data.overview.rows.find((r) => r.displayName === 'Sam Taylor')).toMatchObject({
			allocated: 240_000,
			spent: 5_600,
			unspent: 234_400,
		})
		// Another funder's staff cannot allocate to this funder's people.
		const refused = await allocate(cookies.otherStaff, validForm())
		expect(refused.status).toBe(400)
		expect(((await refused.json()) as Reply).result.error.holderId).toEqual([
			'Choose a person your organisation funds.',
		])
	})

	it('allocate once when the form is sent twice, then say what was done', async () => {
		const form = validForm()
		const [first, second] = await Promise.all([allocate(cookies.staff, form), allocate(cookies.staff, form)])
		expect(first.status).toBe(302)
		expect(second.status).toBe(302)
		expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
		expect(await db.prisma.allocation.count({ where: { holderId: ids.margaret } })).toBe(1)
		const after = (await callRoute(funderIndex.loader, get(first.headers.get('Location')!, cookies.staff))) as Response
		const data = (await after.json()) as { allocated: { text: string } }
		expect(data.allocated.text).toBe('Budget allocated: £1,500.00 for Margaret Okafor: paid today.')
	})

	it('say what is wrong with each field of the allocation form, keeping what was typed', async () => {
		const response = await allocate(cookies.staff, {
			holderId: '',
			schedule: 'INSTALMENTS',
			amount: 'lots',
			count: '1',
			intervalDays: '',
			firstOn: '2001-01-01',
			idempotencyKey: randomUUID(),
		})
		expect(response.status).toBe(400)
		const { result } = (await response.json()) as Reply
		expect(result.error).toMatchObject({
			holderId: ['Choose the person to give a budget to'],
			amount: ['Enter the amount of each payment as a number, like 240.00'],
			count: ['Enter how many payments, from 2 to 120'],
			firstOn: ['The first payment can be today or later, not in the past'],
		})
		expect(result.initialValue).toMatchObject({ amount: 'lots', count: '1', firstOn: '2001-01-01' })
	})

	it('export every movement of their own money for audit, and nothing of another funder’s', async () => {
		const response = (await callRoute(funderExport.loader, get('/funder/export.csv', cookies.staff))) as Response
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		const text = await response.text()
		const lines = csvLines(text)
		expect(lines[0]).toBe(
			'Date and time (UTC),Transfer,Budget holder,Kind,What happened,Budget line,Amount,Currency,Stage,From account,To account,Done by,On behalf of,Resolves hold,Idempotency key',
		)
		expect(text).toContain('£56.00 paid to Amina Shah for 4 hours on 3 March')
		expect(text).toContain('Margaret Okafor')
		const other = (await callRoute(funderExport.loader, get('/funder/export.csv', cookies.otherStaff))) as Response
		const otherText = await other.text()
		expect(otherText).not.toContain('Sam Taylor')
		expect(csvLines(otherText)).toHaveLength(1)
	})
})

describe('provider and admin pages', () => {
	it('show a provider their own money and payout status only', async () => {
		const response = (await callRoute(providerMoney.loader, get('/provider/money', cookies.provider))) as Response
		const data = (await response.json()) as {
			providers: { name: string; balances: unknown[]; payouts: { status: string }[] }[]
			stripe: boolean
		}
		expect(data.stripe).toBe(false)
		expect(data.providers).toHaveLength(1)
		expect(data.providers[0]).toMatchObject({
			name: 'Amina Shah',
			balances: [{ currency: 'GBP', due: 0, beingPaid: 5_600, paidOut: 0 }],
		})
		expect(data.providers[0]?.payouts.map((p) => p.status)).toEqual(['AWAITING_PAYOUT'])
		expect(await statusOf(callRoute(providerMoney.loader, get('/provider/money', cookies.sam)))).toBe(403)
	})

	it('send a provider to Stripe to set up payouts, for their own profile only', async () => {
		setStripe(stripe.setup)
		const mine = (await callRoute(
			providerMoney.action,
			post('/provider/money', cookies.provider, { intent: 'connect', providerId }),
		)) as Response
		expect(mine.status).toBe(302)
		expect(mine.headers.get('Location')).toMatch(new RegExp(`^${stripe.baseUrl}/setup/e/acct_`))
		const other = await createUserWithRoles(db.prisma, { roles: ['PROVIDER'] })
		const theirs = callRoute(
			providerMoney.action,
			post('/provider/money', await cookieFor(other.id), { intent: 'connect', providerId }),
		)
		expect(await statusOf(theirs)).toBe(404)
		await db.prisma.provider.update({ where: { id: providerId }, data: { stripeAccountId: null } })
	})

	it('let an admin mark a payout paid, once, and nobody else', async () => {
		const form = { intent: 'mark-paid', payoutId, note: 'BACS 0042' }
		expect(await statusOf(callRoute(adminPayouts.action, post('/admin/payouts', cookies.staff, form)))).toBe(403)
		expect(await statusOf(callRoute(adminPayouts.action, post('/admin/payouts', cookies.admin, form, false)))).toBe(403)
		const done = (await callRoute(adminPayouts.action, post('/admin/payouts', cookies.admin, form))) as Response
		expect(done.status).toBe(302)
		expect(done.headers.get('Location')).toBe(`/admin/payouts?done=${payoutId}&status=PAID`)
		const again = (await callRoute(adminPayouts.action, post('/admin/payouts', cookies.admin, form))) as Response
		expect(again.status).toBe(302)
		expect(
			await db.prisma.ledgerTransfer.count({
				where: { pendingId: (await db.prisma.payout.findUniqueOrThrow({ where: { id: payoutId } })).transferId },
			}),
		).toBe(1)
	})

	it('let an admin set a funder’s fee and add a funder, with errors by each field', async () => {
		const save = await callRoute(
			adminFunders.action,
			post('/admin/funders', cookies.admin, {
				intent: 'update',
				funderId: ids.funder,
				instalmentDays: '14',
				feePercent: '2.5',
				autoConfirmHours: '72',
				reviewEveryMonths: '12',
			}),
		)
		expect(await statusOf(Promise.resolve(save))).toBe(302)
		expect(await db.prisma.funder.findUniqueOrThrow({ where: { id: ids.funder } })).toMatchObject({
			instalmentDays: 14,
			platformFeeBps: 250,
			autoConfirmHours: 72,
			reviewEveryMonths: 12,
		})
		const neverReviewed = (await callRoute(
			adminFunders.action,
			post('/admin/funders', cookies.admin, {
				intent: 'update',
				funderId: ids.funder,
				instalmentDays: '14',
				feePercent: '2.5',
				autoConfirmHours: '72',
				reviewEveryMonths: '0',
			}),
		)) as Response
		expect(neverReviewed.status).toBe(400)
		expect(
			((await neverReviewed.json()) as { update: { errors: Record<string, string[]> } }).update.errors
				.reviewEveryMonths,
		).toEqual(['Enter how many months between plan reviews, from 1 to 24'])
		expect((await db.prisma.funder.findUniqueOrThrow({ where: { id: ids.funder } })).reviewEveryMonths).toBe(12)
		const tooSoon = (await callRoute(
			adminFunders.action,
			post('/admin/funders', cookies.admin, {
				intent: 'update',
				funderId: ids.funder,
				instalmentDays: '14',
				feePercent: '2.5',
				autoConfirmHours: '2',
			}),
		)) as Response
		expect(tooSoon.status).toBe(400)
		expect(
			((await tooSoon.json()) as { update: { errors: Record<string, string[]> } }).update.errors.autoConfirmHours,
		).toEqual(['Enter a number of hours, from 24 to 336'])
		expect((await db.prisma.funder.findUniqueOrThrow({ where: { id: ids.funder } })).autoConfirmHours).toBe(72)
		const bad = (await callRoute(
			adminFunders.action,
			post('/admin/funders', cookies.admin, {
				intent: 'create',
				name: 'NDIS',
				scheme: 'AU_NDIS',
				currency: 'GBP',
				instalmentDays: '14',
				feePercent: 'x',
			}),
		)) as Response
		expect(bad.status).toBe(400)
		expect(((await bad.json()) as Reply).result.error).toMatchObject({
			feePercent: ['Enter the platform fee as a percentage, like 0 or 2.5'],
		})
		const wrongCurrency = (await callRoute(
			adminFunders.action,
			post('/admin/funders', cookies.admin, {
				intent: 'create',
				name: 'NDIA',
				scheme: 'AU_NDIS',
				currency: 'GBP',
				instalmentDays: '14',
				feePercent: '0',
			}),
		)) as Response
		expect(((await wrongCurrency.json()) as Reply).result.error.currency).toEqual([
			'Choose a currency this scheme uses: AUD.',
		])
		expect(await statusOf(callRoute(adminFunders.loader, get('/admin/funders', cookies.staff)))).toBe(403)
	})
})
