import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { DEFAULT_FLAGS, funderSummaryKey, openAccount } from './accounts.server.ts'
import { checkLedger } from './check.server.ts'
import { LedgerError } from './errors.ts'
import { createTransfers, expirePendingTransfers } from './transfers.server.ts'
import { createTestDb, testDbKind } from '#tests/setup/test-db.ts'
import { ledgerSnapshot, makeFunder, makeProvider, system } from '#tests/setup/ledger-test-utils.ts'
import type { TransferInput, TransferOutcome } from './types.ts'

/**
 * blnk-style property test: random sequences of allocations, reservations, posts (full and partial), voids,
 * expiries, spending, refunds, linked pairs, retries and reused keys, against a simple model of the rules.
 * After every step: the outcome is what the model predicts (success, or which refusal); the accounts hold
 * what the model says; checkLedger finds nothing; nothing flagged is negative; a refused step changed nothing.
 */

const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 200)

type Op =
	| { kind: 'allocate'; holder: number; amount: number }
	| { kind: 'reserve'; holder: number; amount: number; timeout: number | null }
	| { kind: 'spend'; holder: number; amount: number }
	| { kind: 'refund'; holder: number; amount: number }
	| { kind: 'topUp'; holder: number; amount: number }
	| { kind: 'giveBack'; holder: number; amount: number }
	| { kind: 'post'; hold: number; portion: number | null }
	| { kind: 'void'; hold: number }
	| { kind: 'wait'; seconds: number }
	| { kind: 'expire' }
	| { kind: 'linked'; holder: number; spend: number; reserve: number }
	| { kind: 'retry'; request: number }
	| { kind: 'conflict'; request: number }
	| { kind: 'mismatch'; holder: number }

const holderArb = fc.integer({ min: 0, max: 1 })
const amountArb = fc.integer({ min: 1, max: 12_000 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		arbitrary: fc.record({
			kind: fc.constant('allocate' as const),
			holder: holderArb,
			amount: fc.integer({ min: 1, max: 30_000 }),
		}),
		weight: 3,
	},
	{
		arbitrary: fc.record({
			kind: fc.constant('reserve' as const),
			holder: holderArb,
			amount: amountArb,
			timeout: fc.option(fc.integer({ min: 60, max: 7_200 }), { nil: null }),
		}),
		weight: 4,
	},
	{ arbitrary: fc.record({ kind: fc.constant('spend' as const), holder: holderArb, amount: amountArb }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('refund' as const), holder: holderArb, amount: amountArb }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('topUp' as const), holder: holderArb, amount: amountArb }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('giveBack' as const), holder: holderArb, amount: amountArb }), weight: 2 },
	{
		arbitrary: fc.record({
			kind: fc.constant('post' as const),
			hold: fc.nat(),
			portion: fc.option(fc.double({ min: 0.01, max: 1.2, noNaN: true }), { nil: null }),
		}),
		weight: 3,
	},
	{ arbitrary: fc.record({ kind: fc.constant('void' as const), hold: fc.nat() }), weight: 2 },
	{
		arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 5_000 }) }),
		weight: 1,
	},
	{ arbitrary: fc.record({ kind: fc.constant('expire' as const) }), weight: 1 },
	{
		arbitrary: fc.record({
			kind: fc.constant('linked' as const),
			holder: holderArb,
			spend: amountArb,
			reserve: amountArb,
		}),
		weight: 2,
	},
	{ arbitrary: fc.record({ kind: fc.constant('retry' as const), request: fc.nat() }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('conflict' as const), request: fc.nat() }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('mismatch' as const), holder: holderArb }), weight: 1 },
)

/** What each holder is allocated before the random steps: often nothing, so refusals are common too. */
const initialArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30_000 }))

// ───────────────────────────── The model ─────────────────────────────

type Totals = { dPend: bigint; dPost: bigint; cPend: bigint; cPost: bigint }
type ModelAccount = Totals & { debitLimited: boolean; creditLimited: boolean }
type ModelHold = {
	id: string
	debit: string
	credit: string
	amount: bigint
	timeoutAt: number | null
	resolved: boolean
}
type Expected = { ok: true } | { ok: false; code: string }

class Model {
	accounts = new Map<string, ModelAccount>()
	holds: ModelHold[] = []

	add(id: string, flags: { debitLimited: boolean; creditLimited: boolean }) {
		this.accounts.set(id, { dPend: 0n, dPost: 0n, cPend: 0n, cPost: 0n, ...flags })
	}

	/** Applies one transfer to a copy of the accounts, or says which rule refuses it. */
	step(
		accounts: Map<string, ModelAccount>,
		t: { debit: string; credit: string; dPend?: bigint; dPost?: bigint; cPend?: bigint; cPost?: bigint },
	): string | null {
		const d = { ...accounts.get(t.debit)! }
		const c = { ...accounts.get(t.credit)! }
		d.dPend += t.dPend ?? 0n
		d.dPost += t.dPost ?? 0n
		c.cPend += t.cPend ?? 0n
		c.cPost += t.cPost ?? 0n
		if (d.debitLimited && d.dPend + d.dPost > d.cPost) return 'INSUFFICIENT_FUNDS'
		if (c.creditLimited && c.cPend + c.cPost > c.dPost) return 'CREDIT_LIMIT_EXCEEDED'
		accounts.set(t.debit, d)
		accounts.set(t.credit, c)
		return null
	}
}

// ───────────────────────────── The test ─────────────────────────────

let db: Awaited<ReturnType<typeof createTestDb>>
let prisma: PrismaClient
let providerId: string

beforeAll(async () => {
	db = await createTestDb()
	prisma = db.prisma
	providerId = (await makeProvider(prisma, 'Servizi Roma')).id
})
afterAll(async () => {
	await db?.cleanup()
})

let runNumber = 0
/** How often each outcome happened, so the test can show it exercised every rule. */
const seen = new Map<string, number>()
const tally = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1)

async function runScenario(initial: [number, number], ops: Op[]) {
	runNumber += 1
	const run = `run${runNumber}`
	// Each run starts from an empty ledger, so it stays small and checkLedger stays fast. (Test-only: nothing
	// but the ledger module ever writes these tables.)
	await prisma.$transaction([
		prisma.ledgerEntry.deleteMany(),
		prisma.ledgerTransfer.deleteMany(),
		prisma.ledgerReasonTotal.deleteMany(),
		prisma.ledgerSummaryTotal.deleteMany(),
		prisma.ledgerAccount.deleteMany(),
	])
	const eurPayable = (
		await openAccount(prisma, {
			kind: 'PROVIDER_PAYABLE',
			currency: 'EUR',
			name: 'Servizi Roma: owed (EUR)',
			providerId,
			...DEFAULT_FLAGS.PROVIDER_PAYABLE,
		})
	).id
	// Fresh accounts for every run (single inserts: ensure… would cost a transaction each).
	const funder = await makeFunder(prisma, 'GBP')
	const holderIds = [`${run}-amina`, `${run}-jack`]
	await prisma.budgetHolder.createMany({
		data: holderIds.map((id, i) => ({ id, funderId: funder.id, displayName: i === 0 ? 'Amina Shah' : 'Jack Nguyen' })),
	})
	const open = (kind: 'FUNDER_SOURCE' | 'HOLDER_BUDGET' | 'PROVIDER_PAYABLE', name: string, owner: object) =>
		openAccount(prisma, { kind, currency: 'GBP', name, ...owner, ...DEFAULT_FLAGS[kind] })
	const source = await open('FUNDER_SOURCE', 'Council: budgets allocated', { funderId: funder.id })
	const budgets = [
		await open('HOLDER_BUDGET', 'Amina Shah: budget', {
			holderId: holderIds[0],
			summaryKey: funderSummaryKey(funder.id),
		}),
		await open('HOLDER_BUDGET', 'Jack Nguyen: budget', {
			holderId: holderIds[1],
			summaryKey: funderSummaryKey(funder.id),
		}),
	]
	const payable = await open('PROVIDER_PAYABLE', 'Bright Days Support: owed', { providerId })
	const cards = await openAccount(prisma, {
		kind: 'CARD_TOPUP_CLEARING',
		currency: 'GBP',
		name: 'Card top-ups',
		...DEFAULT_FLAGS.CARD_TOPUP_CLEARING,
	})

	const model = new Model()
	model.add(source.id, { debitLimited: false, creditLimited: true })
	for (const b of budgets) model.add(b.id, { debitLimited: true, creditLimited: false })
	model.add(payable.id, { debitLimited: true, creditLimited: false })
	model.add(cards.id, { debitLimited: false, creditLimited: false })

	let clock = Date.parse('2030-01-01T09:00:00Z')
	const requests: { inputs: TransferInput[]; ids: string[] }[] = []
	let n = 0
	const newKey = () => `${run}:${(n += 1)}`
	const line = (amount: number | bigint, what: string) => `£${(Number(amount) / 100).toFixed(2)} ${what}`

	const steps: Op[] = [
		...initial.flatMap((amount, holder) => (amount > 0 ? [{ kind: 'allocate' as const, holder, amount }] : [])),
		...ops,
	]
	for (const [stepNo, op] of steps.entries()) {
		stepsRun += 1
		let inputs: TransferInput[] | null = null
		let expected = { ok: true } as Expected
		let expectReplay: string[] | null = null
		const next = new Map(model.accounts)
		const resolving: ModelHold[] = []
		const creating: Omit<ModelHold, 'id'>[] = []

		const single = (
			debit: string,
			credit: string,
			amount: number,
			reason: TransferInput['reason'],
			what: string,
		): TransferInput => ({
			idempotencyKey: newKey(),
			phase: 'SINGLE',
			debitAccountId: debit,
			creditAccountId: credit,
			amount,
			reason: reason!,
			description: line(amount, what),
			initiator: system,
		})
		const pending = (holder: number, amount: number, timeout: number | null): TransferInput => ({
			idempotencyKey: newKey(),
			phase: 'PENDING',
			debitAccountId: budgets[holder]!.id,
			creditAccountId: payable.id,
			amount,
			reason: 'BOOKING',
			description: line(amount, 'held for a booking'),
			initiator: { role: 'HOLDER' },
			timeoutSeconds: timeout,
		})
		const refuse = (code: string | null) => {
			if (code && expected.ok) expected = { ok: false, code }
		}

		switch (op.kind) {
			case 'allocate': {
				inputs = [single(source.id, budgets[op.holder]!.id, op.amount, 'ALLOCATION', 'allocated')]
				refuse(
					model.step(next, {
						debit: source.id,
						credit: budgets[op.holder]!.id,
						dPost: BigInt(op.amount),
						cPost: BigInt(op.amount),
					}),
				)
				break
			}
			case 'spend':
			case 'refund':
			case 'topUp':
			case 'giveBack': {
				const budget = budgets[op.holder]!.id
				const [from, to, reason, what] = {
					spend: [budget, payable.id, 'BOOKING', 'paid'] as const,
					refund: [payable.id, budget, 'REFUND', 'refunded'] as const,
					topUp: [cards.id, budget, 'TOP_UP', 'added by card'] as const,
					giveBack: [budget, source.id, 'REFUND', 'returned to the council'] as const,
				}[op.kind]
				inputs = [single(from, to, op.amount, reason, what)]
				refuse(model.step(next, { debit: from, credit: to, dPost: BigInt(op.amount), cPost: BigInt(op.amount) }))
				break
			}
			case 'reserve': {
				inputs = [pending(op.holder, op.amount, op.timeout)]
				refuse(
					model.step(next, {
						debit: budgets[op.holder]!.id,
						credit: payable.id,
						dPend: BigInt(op.amount),
						cPend: BigInt(op.amount),
					}),
				)
				creating.push({
					debit: budgets[op.holder]!.id,
					credit: payable.id,
					amount: BigInt(op.amount),
					timeoutAt: op.timeout === null ? null : clock + op.timeout * 1000,
					resolved: false,
				})
				break
			}
			case 'linked': {
				const b = budgets[op.holder]!.id
				inputs = [single(b, payable.id, op.spend, 'BOOKING', 'paid'), pending(op.holder, op.reserve, null)]
				refuse(model.step(next, { debit: b, credit: payable.id, dPost: BigInt(op.spend), cPost: BigInt(op.spend) }))
				if (expected.ok)
					refuse(
						model.step(next, { debit: b, credit: payable.id, dPend: BigInt(op.reserve), cPend: BigInt(op.reserve) }),
					)
				creating.push({ debit: b, credit: payable.id, amount: BigInt(op.reserve), timeoutAt: null, resolved: false })
				break
			}
			case 'post':
			case 'void': {
				if (model.holds.length === 0) continue
				const hold = model.holds[op.hold % model.holds.length]!
				const amount =
					op.kind === 'post' && op.portion !== null
						? BigInt(Math.max(1, Math.round(Number(hold.amount) * op.portion)))
						: null
				inputs = [
					{
						idempotencyKey: newKey(),
						phase: op.kind === 'post' ? 'POST_PENDING' : 'VOID_PENDING',
						pendingId: hold.id,
						amount,
						description: op.kind === 'post' ? line(amount ?? hold.amount, 'paid from hold') : 'Hold released',
						initiator: system,
					},
				]
				if (hold.resolved) refuse('PENDING_ALREADY_RESOLVED')
				else if (op.kind === 'post' && amount !== null && amount > hold.amount) refuse('POST_EXCEEDS_PENDING')
				else if (op.kind === 'post' && hold.timeoutAt !== null && hold.timeoutAt <= clock) refuse('PENDING_EXPIRED')
				else {
					const paid = op.kind === 'post' ? (amount ?? hold.amount) : 0n
					refuse(
						model.step(next, {
							debit: hold.debit,
							credit: hold.credit,
							dPend: -hold.amount,
							cPend: -hold.amount,
							dPost: paid,
							cPost: paid,
						}),
					)
					resolving.push(hold)
				}
				break
			}
			case 'retry':
			case 'conflict': {
				if (requests.length === 0) continue
				const request = requests[op.request % requests.length]!
				if (op.kind === 'retry') {
					inputs = request.inputs
					expectReplay = request.ids
				} else {
					inputs = request.inputs.map((t, i) => (i === 0 ? { ...t, description: `${t.description} (changed)` } : t))
					refuse('IDEMPOTENCY_CONFLICT')
				}
				break
			}
			case 'mismatch': {
				inputs = [{ ...pending(op.holder, 100, null), creditAccountId: eurPayable }]
				refuse('CURRENCY_MISMATCH')
				break
			}
			case 'wait': {
				// Time passes; holds past their time stay open until the expiry job runs.
				clock += op.seconds * 1000
				continue
			}
			case 'expire': {
				const before = await ledgerSnapshot(prisma)
				const expired = await expirePendingTransfers(prisma, new Date(clock))
				const mine = new Set(expired.map((t) => t.pendingId))
				for (const hold of model.holds) {
					const due = !hold.resolved && hold.timeoutAt !== null && hold.timeoutAt <= clock
					expect(mine.has(hold.id), `step ${stepNo}: hold ${hold.id} expired`).toBe(due)
					if (due) {
						tally('expired')
						model.step(model.accounts, {
							debit: hold.debit,
							credit: hold.credit,
							dPend: -hold.amount,
							cPend: -hold.amount,
						})
						hold.resolved = true
					}
				}
				if (expired.length === 0) expect(await ledgerSnapshot(prisma)).toEqual(before)
				await verify(stepNo)
				continue
			}
		}
		if (!inputs) continue

		// Only a refusal or a replay must leave everything as it was; skip the snapshot otherwise.
		const before = expectReplay || !expected.ok ? await ledgerSnapshot(prisma) : null
		let outcome: TransferOutcome[] | LedgerError
		try {
			outcome = await createTransfers(prisma, inputs, { now: new Date(clock) })
		} catch (error) {
			if (!(error instanceof LedgerError)) throw error
			outcome = error
		}

		if (expectReplay) {
			expect(outcome, `step ${stepNo} (${op.kind})`).not.toBeInstanceOf(LedgerError)
			const outcomes = outcome as TransferOutcome[]
			expect(outcomes.map((t) => t.id)).toEqual(expectReplay)
			expect(outcomes.every((t) => t.replayed)).toBe(true)
			expect(await ledgerSnapshot(prisma)).toEqual(before)
			tally('replayed')
		} else if (expected.ok) {
			if (outcome instanceof LedgerError)
				throw new Error(`step ${stepNo} (${JSON.stringify(op)}) was refused: ${outcome.code} ${outcome.message}`)
			expect(outcome.every((t) => !t.replayed)).toBe(true)
			model.accounts = next
			for (const hold of resolving) hold.resolved = true
			const pendings = outcome.filter((t) => t.phase === 'PENDING')
			for (const [i, hold] of creating.entries()) model.holds.push({ ...hold, id: pendings[i]!.id })
			requests.push({ inputs, ids: outcome.map((t) => t.id) })
			tally(op.kind === 'post' && op.portion !== null && op.portion < 1 ? 'partial post' : op.kind)
		} else {
			if (!(outcome instanceof LedgerError))
				throw new Error(`step ${stepNo} (${JSON.stringify(op)}) should be refused with ${expected.code}`)
			expect(outcome.code, `step ${stepNo} (${JSON.stringify(op)}): ${outcome.message}`).toBe(expected.code)
			expect(await ledgerSnapshot(prisma)).toEqual(before)
			tally(`${op.kind} refused: ${outcome.code}`)
		}
		await verify(stepNo)
	}

	async function verify(stepNo: number) {
		const rows = await prisma.ledgerAccount.findMany({ where: { id: { in: [...model.accounts.keys()] } } })
		for (const row of rows) {
			const m = model.accounts.get(row.id)!
			expect(
				{ dPend: row.debitsPending, dPost: row.debitsPosted, cPend: row.creditsPending, cPost: row.creditsPosted },
				`step ${stepNo}: ${row.name}`,
			).toEqual({ dPend: m.dPend, dPost: m.dPost, cPend: m.cPend, cPost: m.cPost })
			if (row.debitsMustNotExceedCredits)
				expect(row.creditsPosted - row.debitsPosted - row.debitsPending).toBeGreaterThanOrEqual(0n)
			if (row.creditsMustNotExceedDebits)
				expect(row.debitsPosted - row.creditsPosted - row.creditsPending).toBeGreaterThanOrEqual(0n)
		}
		expect(await checkLedger(prisma), `step ${stepNo}`).toEqual([])
	}
}

/** Hand-written sequences that always run first, so every rule is met whatever the random seed. */
const EXAMPLES: [[number, number], Op[]][] = [
	// A top-up can be spent but not handed to the council: it only takes back what it allocated.
	// And nothing can be spent, held or refunded beyond what is there.
	[
		[1000, 0],
		[
			{ kind: 'topUp', holder: 0, amount: 5000 },
			{ kind: 'giveBack', holder: 0, amount: 3000 },
			{ kind: 'giveBack', holder: 0, amount: 1000 },
			{ kind: 'giveBack', holder: 1, amount: 1 },
			{ kind: 'reserve', holder: 1, amount: 2000, timeout: null },
			{ kind: 'spend', holder: 1, amount: 1 },
			{ kind: 'refund', holder: 1, amount: 1 },
		],
	],
	// A hold past its time cannot be paid, can be released by the job once, and is then resolved.
	[
		[20000, 0],
		[
			{ kind: 'reserve', holder: 0, amount: 2000, timeout: 600 },
			{ kind: 'reserve', holder: 0, amount: 3000, timeout: 6000 },
			{ kind: 'wait', seconds: 601 },
			{ kind: 'post', hold: 0, portion: null },
			{ kind: 'expire' },
			{ kind: 'expire' },
			{ kind: 'void', hold: 0 },
			{ kind: 'post', hold: 1, portion: 0.5 },
			{ kind: 'post', hold: 1, portion: null },
		],
	],
	// Over-posting, reusing keys, and a linked pair whose second half does not fit.
	[
		[10000, 5000],
		[
			{ kind: 'reserve', holder: 1, amount: 4000, timeout: null },
			{ kind: 'post', hold: 0, portion: 1.2 },
			{ kind: 'post', hold: 0, portion: 1 },
			{ kind: 'retry', request: 3 },
			{ kind: 'conflict', request: 3 },
			{ kind: 'linked', holder: 0, spend: 6000, reserve: 5000 },
			{ kind: 'refund', holder: 1, amount: 5000 },
			{ kind: 'mismatch', holder: 0 },
		],
	],
	// The everyday path: pay, hold, release, refund, and a linked pair that fits.
	[
		[10000, 0],
		[
			{ kind: 'spend', holder: 0, amount: 2500 },
			{ kind: 'reserve', holder: 0, amount: 1000, timeout: null },
			{ kind: 'void', hold: 0 },
			{ kind: 'refund', holder: 0, amount: 500 },
			{ kind: 'linked', holder: 0, spend: 1000, reserve: 1000 },
		],
	],
]

let stepsRun = 0
const started = performance.now()
test(`random sequences of money operations keep the ledger consistent (${testDbKind()}, ${RUNS} runs)`, async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.tuple(initialArb, initialArb),
			fc.array(opArb, { minLength: 1, maxLength: 8 }),
			async (initial, ops) => {
				await runScenario(initial, ops)
			},
		),
		{ numRuns: RUNS, examples: EXAMPLES },
	)
	const counts = Object.fromEntries([...seen.entries()].sort())
	if (process.env.LEDGER_PROPERTY_VERBOSE)
		console.log(counts, { steps: stepsRun, msPerStep: (performance.now() - started) / stepsRun })
	// The examples and the random runs together must have met every rule at least once.
	{
		for (const what of [
			'allocate',
			'reserve',
			'spend',
			'refund',
			'post',
			'partial post',
			'void',
			'linked',
			'expired',
			'replayed',
			'reserve refused: INSUFFICIENT_FUNDS',
			'linked refused: INSUFFICIENT_FUNDS',
			'spend refused: INSUFFICIENT_FUNDS',
			'refund refused: INSUFFICIENT_FUNDS',
			'topUp',
			'giveBack',
			'giveBack refused: CREDIT_LIMIT_EXCEEDED',
			'post refused: PENDING_EXPIRED',
			'post refused: PENDING_ALREADY_RESOLVED',
			'void refused: PENDING_ALREADY_RESOLVED',
			'post refused: POST_EXCEEDS_PENDING',
			'conflict refused: IDEMPOTENCY_CONFLICT',
			'mismatch refused: CURRENCY_MISMATCH',
		]) {
			expect(counts[what], `${what} never happened: ${JSON.stringify(counts)}`).toBeGreaterThan(0)
		}
	}
}, 600_000)
