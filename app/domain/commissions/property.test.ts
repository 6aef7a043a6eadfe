/**
 * A model-based property test of the pledge money path (like ledger/property.test.ts): random sequences of
 * pledges (with companions, some too big for the budget), withdrawals, retries, confirmations, the deadline,
 * sessions paid and provider cancellations, against a simple model of the rules in plain numbers. After every
 * step: the outcome is what the model predicts (success, or which refusal); every holder's available balance, the
 * commission account's posted and pending totals and the commission's status are what the model says; and
 * checkLedger finds nothing. A refused step changes nothing.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { checkLedger, getBalance } from '#app/domain/ledger/ledger.server.ts'
import { platformFee } from '#app/domain/money/fees.ts'
import { holderAccounts } from '#app/domain/money/holder-money.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { testDbKind, type TestDb } from '#tests/setup/test-db.ts'
import {
	cancelByProvider,
	type CommissionErrorCode,
	confirmCommission,
	confirmSession,
	createOffer,
	isCommissionError,
	markSessionDelivered,
	pledge,
	SYSTEM,
	settleAtDeadline,
	withdrawPledge,
} from './commissions.server.ts'
import { finalShares, pledgeShare, type PriceTerms, refundFor, sessionPayment } from './shares.ts'
import { openTestDb, closeTestDb, allocateOnce } from '#tests/setup/domain.ts'

const RUNS = Number(process.env.COMMISSION_PROPERTY_RUNS ?? 10)
const HOLDERS = 4
const SESSIONS = 3
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Op =
	| { kind: 'pledge'; holder: number; companions: number }
	| { kind: 'retry' }
	| { kind: 'withdraw'; holder: number }
	| { kind: 'confirm' }
	| { kind: 'deadline' }
	| { kind: 'paySession'; session: number }
	| { kind: 'cancel' }

const holderArb = fc.integer({ min: 0, max: HOLDERS - 1 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({
			kind: fc.constant('pledge' as const),
			holder: holderArb,
			companions: fc.constantFrom(0, 0, 0, 1, 2),
		}),
		weight: 6,
	},
	{ arbitrary: fc.constant({ kind: 'retry' as const }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('withdraw' as const), holder: holderArb }), weight: 2 },
	{ arbitrary: fc.constant({ kind: 'confirm' as const }), weight: 2 },
	{ arbitrary: fc.constant({ kind: 'deadline' as const }), weight: 1 },
	{
		arbitrary: fc.record({
			kind: fc.constant('paySession' as const),
			session: fc.integer({ min: 0, max: SESSIONS - 1 }),
		}),
		weight: 3,
	},
	{ arbitrary: fc.constant({ kind: 'cancel' as const }), weight: 1 },
)
const setupArb = fc.record({
	pricingMode: fc.constantFrom('PER_PLACE' as const, 'SPLIT_TOTAL' as const),
	price: fc.integer({ min: 1_000, max: 30_000 }),
	minPeople: fc.integer({ min: 1, max: 3 }),
	maxPeople: fc.option(fc.integer({ min: 3, max: 6 }), { nil: null }),
	companionsAllowed: fc.boolean(),
	budgets: fc.array(fc.integer({ min: 0, max: 25_000 }), { minLength: HOLDERS, maxLength: HOLDERS }),
})

type ModelPledge = {
	status: 'HELD' | 'POSTED' | 'VOIDED' | 'REFUNDED'
	agreedMax: number
	share: number
	feeBps: number
	fee: number
	companions: number
	order: number
}

let db: TestDb
let provider: SessionUser
let providerId = ''
const funders: Array<{ id: string; feeBps: number }> = []

beforeAll(async () => {
	db = await openTestDb()
	for (const feeBps of [0, 250]) {
		const funder = await createFunder(db.prisma, { platformFeeBps: feeBps })
		funders.push({ id: funder.id, feeBps })
		await createUserWithRoles(db.prisma, { roles: ['FUNDER_STAFF'], funderId: funder.id })
	}
	const club = await createProviderWithService(db.prisma, {
		service: { categorySlug: 'fitness-and-wellbeing', priceUnit: 'PER_SESSION' },
	})
	providerId = club.provider.id
	const owner = club.owner
	provider = { id: owner.id, email: owner.email, name: owner.name, roles: owner.roles, funderId: null }
})

afterAll(() => closeTestDb(db))

async function outcome(run: () => Promise<unknown>): Promise<'ok' | CommissionErrorCode> {
	try {
		await run()
		return 'ok'
	} catch (error) {
		if (isCommissionError(error)) return error.code
		throw error
	}
}

test(
	`random pledge sequences keep the money where the model says (${testDbKind()}, ${RUNS} runs)`,
	async () => {
		await fc.assert(
			fc.asyncProperty(setupArb, fc.array(opArb, { minLength: 1, maxLength: 14 }), async (setup, ops) => {
				const t0 = new Date()
				const deadline = new Date(t0.getTime() + 7 * DAY)
				const firstSession = new Date(t0.getTime() + 10 * DAY)
				// Fresh holders for each run, half of them with a funder that charges a fee.
				const holders: Array<{ id: string; user: SessionUser; feeBps: number }> = []
				for (let i = 0; i < HOLDERS; i++) {
					const funder = funders[i % 2]!
					const h = await createHolder(db.prisma, { funderId: funder.id })
					if (setup.budgets[i]! > 0) {
						const staff = await db.prisma.user.findFirstOrThrow({ where: { funderId: funder.id } })
						await allocateOnce({
							funderId: funder.id,
							holderId: h.holder.id,
							staffUserId: staff.id,
							amountEach: setup.budgets[i]!,
						})
					}
					const u = h.user!
					holders.push({
						id: h.holder.id,
						user: { id: u.id, email: u.email, name: u.name, roles: u.roles, funderId: null },
						feeBps: funder.feeBps,
					})
				}
				const c = await createOffer(
					provider,
					{
						providerId,
						title: 'Property test class',
						description: 'A class.',
						pricingMode: setup.pricingMode,
						pricePence: setup.price,
						minPeople: setup.minPeople,
						maxPeople: setup.maxPeople,
						firstSessionAt: firstSession,
						sessionCount: SESSIONS,
						sessionMinutes: 60,
						deadline,
						cancellationTerms: 'Refunds for undelivered sessions.',
						companionsAllowed: setup.companionsAllowed,
					},
					t0,
				)
				const terms: PriceTerms = {
					pricingMode: setup.pricingMode,
					totalPence: setup.price,
					placePricePence: setup.pricingMode === 'PER_PLACE' ? setup.price : null,
					minPledgers: setup.minPeople,
				}

				// The model.
				let status: 'OPEN' | 'FUNDED' | 'FAILED' | 'CANCELLED' | 'COMPLETED' = 'OPEN'
				const available = [...setup.budgets]
				const pledges = new Map<number, ModelPledge>()
				const paid = new Set<number>()
				let account = 0
				let order = 0
				let lastPledge: { holder: number; key: string; companions: number } | null = null
				const live = () =>
					[...pledges.entries()]
						.filter(([, p]) => p.status === 'HELD' || p.status === 'POSTED')
						.sort((a, b) => a[1].order - b[1].order)

				for (const op of ops) {
					let expected: 'ok' | CommissionErrorCode = 'ok'
					let actual: 'ok' | CommissionErrorCode
					switch (op.kind) {
						case 'pledge': {
							const existing = pledges.get(op.holder)
							const places = live().reduce((n, [, p]) => n + 1 + p.companions, 0)
							const share = pledgeShare(terms, live().length)
							const feeBps = holders[op.holder]!.feeBps
							const agreedMax = share + platformFee(share, feeBps)
							if (status !== 'OPEN') expected = 'WRONG_STATE'
							else if (existing && existing.status !== 'VOIDED') expected = 'WRONG_STATE'
							else if (op.companions > 0 && !setup.companionsAllowed) expected = 'WRONG_STATE'
							else if (setup.maxPeople !== null && places + 1 + op.companions > setup.maxPeople) expected = 'FULL'
							else if (agreedMax > available[op.holder]!) expected = 'NOT_ENOUGH_MONEY'
							const key = randomUUID()
							actual = await outcome(() =>
								pledge(
									holders[op.holder]!.user,
									{
										commissionId: c.id,
										holderId: holders[op.holder]!.id,
										companions: op.companions,
										idempotencyKey: key,
										budgetLineId: null,
									},
									t0,
								),
							)
							if (expected === 'ok') {
								pledges.set(op.holder, {
									status: 'HELD',
									agreedMax,
									share,
									feeBps,
									fee: agreedMax - share,
									companions: op.companions,
									order: order++,
								})
								available[op.holder]! -= agreedMax
								lastPledge = { holder: op.holder, key, companions: op.companions }
							}
							break
						}
						case 'retry': {
							if (!lastPledge) continue
							const lp = lastPledge
							actual = await outcome(() =>
								pledge(
									holders[lp.holder]!.user,
									{
										commissionId: c.id,
										holderId: holders[lp.holder]!.id,
										companions: lp.companions,
										idempotencyKey: lp.key,
										budgetLineId: null,
									},
									t0,
								),
							)
							break
						}
						case 'withdraw': {
							const p = pledges.get(op.holder)
							if (p?.status === 'VOIDED') expected = 'ok'
							else if (!p || p.status !== 'HELD' || status !== 'OPEN') expected = 'WRONG_STATE'
							actual = await outcome(() =>
								withdrawPledge(holders[op.holder]!.user, { commissionId: c.id, holderId: holders[op.holder]!.id }, t0),
							)
							if (expected === 'ok' && p?.status === 'HELD') {
								p.status = 'VOIDED'
								available[op.holder]! += p.agreedMax
							}
							break
						}
						case 'confirm':
						case 'deadline': {
							const paying = live()
							// Enough people, and each one's final share within what they agreed (someone who pledged earlier
							// may have withdrawn, leaving later members' smaller agreed shares short).
							const shares = paying.length > 0 ? finalShares(terms, paying.length) : []
							const covered = paying.every(([, p], i) => shares[i]! + platformFee(shares[i]!, p.feeBps) <= p.agreedMax)
							const reached = paying.length >= setup.minPeople && covered
							if (op.kind === 'confirm') {
								if (status === 'FUNDED') expected = 'ok'
								else if (status !== 'OPEN' || !reached) expected = 'WRONG_STATE'
								actual = await outcome(() => confirmCommission(provider, c.id, t0))
							} else {
								actual = await outcome(() => settleAtDeadline(c.id, new Date(deadline.getTime() + 1)))
							}
							if (status === 'OPEN' && expected === 'ok' && (reached || op.kind === 'deadline')) {
								if (reached) {
									paying.forEach(([h, p], i) => {
										const fee = platformFee(shares[i]!, p.feeBps)
										available[h]! += p.agreedMax - (shares[i]! + fee)
										account += shares[i]! + fee
										Object.assign(p, { status: 'POSTED', share: shares[i]!, fee })
									})
									status = 'FUNDED'
								} else {
									for (const [h, p] of paying) {
										available[h]! += p.agreedMax
										p.status = 'VOIDED'
									}
									status = 'FAILED'
								}
							}
							break
						}
						case 'paySession': {
							if (status !== 'FUNDED' || paid.has(op.session)) continue
							const s = await db.prisma.commissionSession.findFirstOrThrow({
								where: { commissionId: c.id, number: op.session + 1 },
							})
							await markSessionDelivered(provider, s.id, new Date(s.endsAt.getTime() + HOUR))
							actual = await outcome(() =>
								confirmSession(SYSTEM, { sessionId: s.id, holderId: null }, new Date(s.endsAt.getTime() + 200 * HOUR)),
							)
							const members = live().map(([, p]) => ({ share: p.share, fee: p.fee }))
							const pay = sessionPayment(members, SESSIONS, op.session)
							account -= pay.price + pay.fee
							paid.add(op.session)
							if (paid.size === SESSIONS) status = 'COMPLETED'
							break
						}
						case 'cancel': {
							if (status === 'CANCELLED') expected = 'ok'
							else if (status !== 'OPEN' && status !== 'FUNDED') expected = 'WRONG_STATE'
							actual = await outcome(() => cancelByProvider(provider, c.id, 'Cannot run it.', t0))
							if (expected === 'ok' && status === 'OPEN') {
								for (const [h, p] of live()) {
									available[h]! += p.agreedMax
									p.status = 'VOIDED'
								}
								status = 'CANCELLED'
							} else if (expected === 'ok' && status === 'FUNDED') {
								const undelivered = Array.from({ length: SESSIONS }, (_, i) => i).filter((i) => !paid.has(i))
								for (const [h, p] of live()) {
									const back = refundFor({ share: p.share, fee: p.fee }, SESSIONS, undelivered)
									available[h]! += back
									account -= back
									if (paid.size === 0) p.status = 'REFUNDED'
								}
								status = 'CANCELLED'
							}
							break
						}
					}
					expect(actual!, `${op.kind}: ${JSON.stringify(op)}`).toBe(expected)

					// The database agrees with the model.
					const row = await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id }, include: { pledges: true } })
					expect(row.status).toBe(status)
					for (const [i, h] of holders.entries()) {
						const budget = await getBalance(db.prisma, (await holderAccounts(db.prisma, h.id)).budgetId)
						expect(Number(budget.available), `holder ${i} after ${op.kind}`).toBe(available[i])
					}
					const held = live()
						.filter(([, p]) => p.status === 'HELD')
						.reduce((n, [, p]) => n + p.agreedMax, 0)
					if (row.accountId) {
						const acc = await getBalance(db.prisma, row.accountId)
						expect(Number(acc.posted)).toBe(account)
						expect(Number(acc.creditsPending)).toBe(held)
					} else {
						expect(account + held).toBe(0)
					}
					for (const p of row.pledges)
						if (p.postedPence !== null) expect(p.postedPence).toBeLessThanOrEqual(p.agreedMaxPence)
					expect(await checkLedger(db.prisma)).toEqual([])
				}
			}),
			{ numRuns: RUNS },
		)
	},
	60_000 + RUNS * 8_000,
)
