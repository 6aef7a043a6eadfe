/**
 * Collective commissioning on a real database (a fresh PGlite, or PostgreSQL with TEST_DATABASE_URL): pledges held,
 * posted in one linked call, voided exactly once, sessions paid, refunds, races, and who may do what. Time is
 * passed explicitly, as the app's clock would. The ledger check runs after every test.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkLedger, getBalance } from '#app/domain/ledger/ledger.server.ts'
import { getHolderMoney, holderAccounts } from '#app/domain/money/holder-money.server.ts'
import { getStatement } from '#app/domain/money/statements.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { testDbKind, type TestDb } from '#tests/setup/test-db.ts'
import {
	answerQuote,
	cancelByProvider,
	chooseQuote,
	CommissionError,
	type CommissionErrorCode,
	confirmCommission,
	confirmSession,
	createOffer,
	expireDueCommissions,
	getCommissionView,
	groupInviteToken,
	isCommissionError,
	joinGroup,
	listOpenCommissions,
	markSessionDelivered,
	pledge,
	reportSessionProblem,
	requestQuotes,
	resolveSessionProblem,
	runCommissionJobs,
	settleAtDeadline,
	startGroup,
	withdrawPledge,
} from './commissions.server.ts'
import type { OfferInput } from './schemas.ts'
import { commissionInclude } from './access.server.ts'
import { commissionSummary } from './queries.server.ts'
import { finalShares, sessionPayment } from './shares.ts'
import { sessionUser, openTestDb, closeTestDb, expectRefusal, allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
const HOUR = 3_600_000
const DAY = 24 * HOUR
const t0 = new Date()
const deadline = new Date(t0.getTime() + 7 * DAY)
const firstSession = new Date(t0.getTime() + 10 * DAY)

type Person = SessionUser
const people = {} as Record<'provider' | 'rep' | 'bookOnly' | 'staff' | 'organiser' | 'otherProvider', Person>
let providerId = ''
let otherProviderId = ''
let serviceId = ''
let funderA = ''
let funderB = ''

type Member = { holderId: string; user: Person; lineId: string }

/** A holder with a sign-in, an agreed plan with a line for fitness, and `amount` allocated. */
async function member(name: string, amount: number, funderId = funderA, ringFenced = false): Promise<Member> {
	const created = await createHolder(db.prisma, {
		funderId,
		displayName: name,
		plan: {
			lines: ringFenced
				? [
						{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 90_000, ringFenced: true },
						{ name: 'Getting out', categorySlug: 'fitness-and-wellbeing', amountPence: 10_000 },
					]
				: [{ name: 'Getting out', categorySlug: 'fitness-and-wellbeing', amountPence: 100_000 }],
		},
	})
	const staff = await db.prisma.user.findFirstOrThrow({ where: { funderId, roles: { has: 'FUNDER_STAFF' } } })
	await allocateOnce({ funderId, holderId: created.holder.id, staffUserId: staff.id, amountEach: amount })
	const line = created.plan!.lines.find((l) => l.categorySlug === 'fitness-and-wellbeing')!
	return { holderId: created.holder.id, user: sessionUser(created.user!), lineId: line.id }
}

async function available(holderId: string): Promise<number> {
	return Number((await getBalance(db.prisma, (await holderAccounts(db.prisma, holderId)).budgetId)).available)
}

const refusedWith = (promise: Promise<unknown>, code: CommissionErrorCode) =>
	expectRefusal(promise, CommissionError, code)

function offer(over: Partial<OfferInput> = {}): OfferInput {
	return {
		providerId,
		serviceId,
		title: 'Seated yoga, Tuesdays',
		description: 'Gentle seated yoga in the community hall.',
		pricingMode: 'SPLIT_TOTAL',
		pricePence: 30_000,
		minPeople: 3,
		maxPeople: 5,
		firstSessionAt: firstSession,
		sessionCount: 4,
		sessionMinutes: 60,
		deadline,
		cancellationTerms: 'If I cancel, you get back your share of every session not delivered.',
		cancellationCutoffHours: 48,
		companionsAllowed: true,
		...over,
	}
}

const pledgeFor = (
	m: Member,
	commissionId: string,
	over: { by?: Person; companions?: number; budgetLineId?: string | null; key?: string } = {},
) =>
	pledge(
		over.by ?? m.user,
		{
			commissionId,
			holderId: m.holderId,
			companions: over.companions ?? 0,
			idempotencyKey: over.key ?? randomUUID(),
			...(over.budgetLineId !== undefined ? { budgetLineId: over.budgetLineId } : {}),
		},
		t0,
	)

beforeAll(async () => {
	db = await openTestDb()
	const p = db.prisma
	funderA = (await createFunder(p, { name: 'Leicester City Council', autoConfirmHours: 48 })).id
	funderB = (
		await createFunder(p, { name: 'Leicestershire County Council', autoConfirmHours: 72, platformFeeBps: 250 })
	).id
	people.staff = sessionUser(
		await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funderA, name: 'Priya Patel' }),
	)
	await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funderB, name: 'Tom Reed' })
	people.rep = sessionUser(await createUserWithRoles(p, { roles: ['REPRESENTATIVE'], name: 'Jo Carer' }))
	people.bookOnly = sessionUser(await createUserWithRoles(p, { roles: ['BROKER'], name: 'Booking Only' }))
	people.organiser = sessionUser(
		await createUserWithRoles(p, { roles: ['BROKER'], name: 'Leicester Disabled People’s Forum' }),
	)
	const club = await createProviderWithService(p, {
		owner: { name: 'Highfields Club' },
		provider: { name: 'Highfields Seated Exercise Club', kind: 'COMMUNITY_SERVICE' },
		service: {
			title: 'Seated exercise class',
			categorySlug: 'fitness-and-wellbeing',
			priceUnit: 'PER_SESSION',
			pricePence: 1_000,
		},
	})
	providerId = club.provider.id
	serviceId = club.service.id
	people.provider = sessionUser(club.owner)
	const other = await createProviderWithService(p, {
		owner: { name: 'Swim Coach' },
		provider: { name: 'Leicester Swim Coaching' },
	})
	otherProviderId = other.provider.id
	people.otherProvider = sessionUser(other.owner)
})

afterEach(async () => {
	expect(await checkLedger(db.prisma)).toEqual([])
})

afterAll(() => closeTestDb(db))

describe(`a commission from offer to paid sessions (${testDbKind()})`, () => {
	it('three holders pledge, it confirms in one linked call, sessions are delivered and paid, statements show the shares', async () => {
		const [ann, ben, cat] = [
			await member('Ann Lee', 50_000),
			await member('Ben Ode', 50_000),
			await member('Cat Ray', 50_000, funderB),
		]
		await db.prisma.delegation.create({
			data: { holderId: ann.holderId, delegateId: people.rep.id, kind: 'REPRESENTATIVE', rights: ['VIEW', 'PAY'] },
		})
		const c = await createOffer(people.provider, offer(), t0)
		expect(c).toMatchObject({
			status: 'OPEN',
			pricingMode: 'SPLIT_TOTAL',
			targetPence: 30_000,
			minPledgers: 3,
			maxPledgers: 5,
		})
		expect(await listOpenCommissions({ providerId }, t0)).toEqual([
			expect.objectContaining({ id: c.id, shareNow: 10_000, paying: 0, placesLeft: 5 }),
		])

		// Ann's carer pledges for her (PAY right), with a companion; Ben and Cat pledge themselves.
		const pa = await pledgeFor(ann, c.id, { by: people.rep, companions: 1 })
		const pb = await pledgeFor(ben, c.id)
		const pc = await pledgeFor(cat, c.id)
		expect([pa.agreedMaxPence, pb.agreedMaxPence, pc.agreedMaxPence]).toEqual([10_000, 10_000, 10_250])
		expect(pa).toMatchObject({ status: 'HELD', budgetLineId: ann.lineId, pledgedById: people.rep.id, companions: 1 })
		expect(await available(ann.holderId)).toBe(40_000)
		expect(await available(cat.holderId)).toBe(39_750)
		const view = await getCommissionView(people.provider, c.id, t0)
		expect(view?.progress).toMatchObject({ paying: 3, min: 3, placesTaken: 4, placesLeft: 1, shareNow: 10_000 })
		expect(view?.actions).toContain('confirm')
		expect(view?.members?.map((m) => m.name)).toEqual(['Ann', 'Ben', 'Cat'])
		// The open list reads its cards in one query (issue 14): the same as the card made from the commission read whole.
		const whole = await db.prisma.commission.findUniqueOrThrow({
			where: { id: c.id },
			include: { ...commissionInclude, group: { select: { id: true, name: true, createdById: true, town: true } } },
		})
		const card = { ...commissionSummary(whole), town: whole.group.town }
		expect(card).toMatchObject({ paying: 3, placesLeft: 1, providerName: 'Highfields Seated Exercise Club' })
		expect(await listOpenCommissions({ providerId }, t0)).toEqual([card])
		expect(await listOpenCommissions({ providerId: otherProviderId }, t0)).toEqual([])
		expect(await listOpenCommissions({ providerId }, new Date(whole.deadline.getTime()))).toEqual([])
		await db.prisma.group.update({ where: { id: whole.groupId }, data: { town: 'Card Town' } })
		expect(await listOpenCommissions({ town: 'Card Town' }, t0)).toEqual([{ ...card, town: 'Card Town' }])
		expect(await listOpenCommissions({ town: 'Elsewhere' }, t0)).toEqual([])
		await db.prisma.group.update({ where: { id: whole.groupId }, data: { town: whole.group.town } })

		const confirmed = await confirmCommission(people.provider, c.id, t0)
		expect(confirmed.status).toBe('FUNDED')
		const posts = await db.prisma.ledgerTransfer.findMany({
			where: { phase: 'POST_PENDING', pledgeId: { in: [pa.id, pb.id, pc.id] } },
		})
		expect(posts).toHaveLength(3)
		expect(new Set(posts.map((t) => t.linkId)).size).toBe(1)
		expect(posts[0]!.linkId).not.toBeNull()
		const account = (await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).accountId!
		expect(Number((await getBalance(db.prisma, account)).posted)).toBe(30_250)
		// Confirming again changes nothing.
		await confirmCommission(people.provider, c.id, t0)

		const sessions = await db.prisma.commissionSession.findMany({
			where: { commissionId: c.id },
			orderBy: { number: 'asc' },
		})
		expect(sessions).toHaveLength(4)
		expect(sessions[1]!.startsAt.getTime() - sessions[0]!.startsAt.getTime()).toBeGreaterThanOrEqual(7 * DAY - HOUR)
		const members = [
			{ share: 10_000, fee: 0 },
			{ share: 10_000, fee: 0 },
			{ share: 10_000, fee: 250 },
		]
		const after = (s: { endsAt: Date }, hours = 1) => new Date(s.endsAt.getTime() + hours * HOUR)

		// Session 1: delivered, confirmed by a member: the provider is paid at once.
		await refusedWith(markSessionDelivered(people.provider, sessions[0]!.id, sessions[0]!.startsAt), 'WRONG_STATE')
		const delivered = await markSessionDelivered(people.provider, sessions[0]!.id, after(sessions[0]!))
		expect(delivered.autoConfirmAt!.getTime() - delivered.deliveredAt!.getTime()).toBe(72 * HOUR)
		await refusedWith(
			confirmSession(people.bookOnly, { sessionId: sessions[0]!.id, holderId: ann.holderId }, after(sessions[0]!)),
			'FORBIDDEN',
		)
		const paid = await confirmSession(
			ben.user,
			{ sessionId: sessions[0]!.id, holderId: ben.holderId },
			after(sessions[0]!, 2),
		)
		expect(paid).toMatchObject({
			status: 'CONFIRMED',
			...{ paidPence: sessionPayment(members, 4, 0).price, feePence: sessionPayment(members, 4, 0).fee },
		})
		expect(await db.prisma.payout.count({ where: { providerId } })).toBe(1)

		// Session 2 by the carer, session 3 automatically after 72 hours, session 4 by a member.
		await markSessionDelivered(people.provider, sessions[1]!.id, after(sessions[1]!))
		await confirmSession(people.rep, { sessionId: sessions[1]!.id, holderId: ann.holderId }, after(sessions[1]!, 2))
		await markSessionDelivered(people.provider, sessions[2]!.id, after(sessions[2]!))
		expect((await runCommissionJobs(after(sessions[2]!, 48))).sessionsConfirmed).toBe(0)
		expect((await runCommissionJobs(after(sessions[2]!, 74))).sessionsConfirmed).toBe(1)
		await markSessionDelivered(people.provider, sessions[3]!.id, after(sessions[3]!))
		await confirmSession(cat.user, { sessionId: sessions[3]!.id, holderId: cat.holderId }, after(sessions[3]!, 2))

		expect((await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('COMPLETED')
		expect(Number((await getBalance(db.prisma, account)).posted)).toBe(0)
		const payable = await db.prisma.ledgerAccount.findFirstOrThrow({ where: { providerId, kind: 'PROVIDER_PAYABLE' } })
		expect(Number(payable.creditsPosted)).toBe(30_000)
		// Each member's statement shows their share paid into the group's money, against their line.
		expect(await getHolderMoney(ann.holderId)).toMatchObject({ spent: 10_000, held: 0, available: 40_000 })
		expect(await getHolderMoney(cat.holderId)).toMatchObject({ spent: 10_250, held: 0, available: 39_750 })
		const statement = await getStatement(ben.holderId, {})
		expect(statement.rows.find((r) => r.moneyOut === 10_000)?.description).toMatch(
			/£100\.00 paid into the group’s money for “Seated yoga, Tuesdays”/,
		)
		expect(
			await db.prisma.notification.count({ where: { userId: ben.user.id, title: { contains: 'is going ahead' } } }),
		).toBe(1)
	})

	it('splits a total among everyone who pledges: shares fall as more join, and nobody pays more than they agreed', async () => {
		const ms = [
			await member('Dee A', 20_000),
			await member('Eve B', 20_000),
			await member('Fay C', 20_000),
			await member('Gus D', 20_000),
		]
		const c = await createOffer(people.provider, offer({ pricePence: 10_001, minPeople: 2, maxPeople: null }), t0)
		const agreed = []
		for (const m of ms) agreed.push((await pledgeFor(m, c.id)).agreedMaxPence)
		expect(agreed).toEqual([5_001, 5_001, 3_334, 2_501])
		expect((await getCommissionView(null, c.id, t0))?.progress.shareNow).toBe(2_501)
		await confirmCommission(people.provider, c.id, t0)
		const pledges = await db.prisma.pledge.findMany({ where: { commissionId: c.id }, orderBy: { createdAt: 'asc' } })
		expect(pledges.map((p) => p.postedPence)).toEqual(
			finalShares({ pricingMode: 'SPLIT_TOTAL', totalPence: 10_001, placePricePence: null, minPledgers: 2 }, 4),
		)
		expect(pledges.map((p) => p.postedPence)).toEqual([2_501, 2_500, 2_500, 2_500])
		for (const [i, m] of ms.entries()) expect(await available(m.holderId)).toBe(20_000 - pledges[i]!.postedPence!)
	})

	it('per place: each member pays the price', async () => {
		const ms = [await member('Hal A', 20_000), await member('Ida B', 20_000)]
		const c = await createOffer(
			people.provider,
			offer({ pricingMode: 'PER_PLACE', pricePence: 4_000, minPeople: 2, maxPeople: 10 }),
			t0,
		)
		for (const m of ms) expect((await pledgeFor(m, c.id)).agreedMaxPence).toBe(4_000)
		await confirmCommission(people.provider, c.id, t0)
		const account = (await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).accountId!
		expect(Number((await getBalance(db.prisma, account)).posted)).toBe(8_000)
	})
})

describe('the deadline', () => {
	it('fails a commission below its minimum and returns every penny, once, even when two jobs run together', async () => {
		const ms = [await member('Jan A', 30_000), await member('Kim B', 30_000)]
		const c = await createOffer(people.provider, offer(), t0)
		for (const m of ms) await pledgeFor(m, c.id)
		expect(await available(ms[0]!.holderId)).toBe(20_000)
		expect((await expireDueCommissions(new Date(deadline.getTime() - 1))).failed).toBe(0)
		const when = new Date(deadline.getTime() + 1)
		const reports = await Promise.all([expireDueCommissions(when), expireDueCommissions(when)])
		expect(reports.flatMap((r) => r.errors)).toEqual([])
		expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(1)
		expect((await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('FAILED')
		const pledges = await db.prisma.pledge.findMany({ where: { commissionId: c.id } })
		expect(pledges.map((p) => p.status)).toEqual(['VOIDED', 'VOIDED'])
		expect(
			await db.prisma.ledgerTransfer.count({
				where: { phase: 'VOID_PENDING', pledgeId: { in: pledges.map((p) => p.id) } },
			}),
		).toBe(2)
		for (const m of ms) {
			expect(await available(m.holderId)).toBe(30_000)
			expect(await getHolderMoney(m.holderId)).toMatchObject({ spent: 0, held: 0 })
			expect(
				await db.prisma.notification.count({ where: { userId: m.user.id, title: { contains: 'your money is back' } } }),
			).toBe(1)
		}
		await refusedWith(pledgeFor(await member('Late C', 30_000), c.id), 'WRONG_STATE')
	})

	it('confirms automatically at the deadline when the minimum is reached', async () => {
		const ms = [await member('Lee A', 30_000), await member('Mo B', 30_000), await member('Ned C', 30_000)]
		const c = await createOffer(people.provider, offer(), t0)
		for (const m of ms) await pledgeFor(m, c.id)
		const report = await runCommissionJobs(new Date(deadline.getTime() + 1))
		expect(report.confirmed).toBe(1)
		expect((await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('FUNDED')
	})
})

describe('a withdrawal that leaves later members’ shares short', () => {
	// Split £300 with at least one person: the first to pledge agrees to £300, the second £150, the third £100. When the
	// first withdraws, two would pay £150 each: more than the third agreed, so it cannot go ahead as things stand.
	async function afterFirstWithdraws() {
		const ms = [await member('Ola A', 30_000), await member('Pat B', 30_000), await member('Quin C', 30_000)]
		const c = await createOffer(people.provider, offer({ minPeople: 1 }), t0)
		for (const m of ms) await pledgeFor(m, c.id)
		await withdrawPledge(ms[0]!.user, { commissionId: c.id, holderId: ms[0]!.holderId }, t0)
		return { ms, c }
	}

	it('is not confirmed, with the reason, until another pledge brings the shares within what each agreed', async () => {
		const { ms, c } = await afterFirstWithdraws()
		// The page offers no Confirm button, and says why.
		const page = await getCommissionView(people.provider, c.id, t0)
		expect(page?.actions).not.toContain('confirm')
		expect(page?.confirmWaits).toMatch(/^Someone withdrew, so each share would now be more than some members agreed/)
		const refused = confirmCommission(people.provider, c.id, t0)
		await refusedWith(refused, 'WRONG_STATE')
		await expect(confirmCommission(people.provider, c.id, t0)).rejects.toThrow(/Someone withdrew/)
		expect((await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('OPEN')
		expect(await available(ms[1]!.holderId)).toBe(15_000)
		expect(await available(ms[2]!.holderId)).toBe(20_000)
		// A new member agrees £100 (two had pledged before): three pay £100 each, within what everyone agreed.
		await pledgeFor(await member('Rae D', 30_000), c.id)
		const ready = await getCommissionView(people.provider, c.id, t0)
		expect(ready?.actions).toContain('confirm')
		expect(ready?.confirmWaits).toBeNull()
		expect((await confirmCommission(people.provider, c.id, t0)).status).toBe('FUNDED')
		expect(await available(ms[1]!.holderId)).toBe(20_000)
	})

	it('fails at the deadline, every penny back, and says why', async () => {
		const { ms, c } = await afterFirstWithdraws()
		expect(await settleAtDeadline(c.id, new Date(deadline.getTime() + 1))).toBe('failed')
		for (const m of ms) expect(await available(m.holderId)).toBe(30_000)
		const told = await db.prisma.notification.findFirstOrThrow({
			where: { userId: ms[2]!.user.id, title: { contains: 'your money is back' } },
		})
		expect(told.body).toMatch(
			/^Someone withdrew, so the 2 people who pledged by the deadline would each have paid more/,
		)
	})
})

describe('races', () => {
	it('the last two places pledged at the same moment: exactly one wins', async () => {
		const ms = [
			await member('Oli A', 30_000),
			await member('Pat B', 30_000),
			await member('Quin C', 30_000),
			await member('Ria D', 30_000),
		]
		const c = await createOffer(people.provider, offer({ maxPeople: 3 }), t0)
		await pledgeFor(ms[0]!, c.id)
		await pledgeFor(ms[1]!, c.id)
		const results = await Promise.allSettled([pledgeFor(ms[2]!, c.id), pledgeFor(ms[3]!, c.id)])
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
		expect(isCommissionError(rejected.reason, 'FULL')).toBe(true)
		expect(await db.prisma.pledge.count({ where: { commissionId: c.id, status: 'HELD' } })).toBe(3)
		const loser = results[0]!.status === 'rejected' ? ms[2]! : ms[3]!
		expect(await available(loser.holderId)).toBe(30_000)
	})

	it('a withdrawal racing a confirmation ends in one consistent state', async () => {
		const ms = [await member('Sal A', 30_000), await member('Tam B', 30_000), await member('Uma C', 30_000)]
		const c = await createOffer(people.provider, offer(), t0)
		for (const m of ms) await pledgeFor(m, c.id)
		const [withdrawn, confirmed] = await Promise.allSettled([
			withdrawPledge(ms[0]!.user, { commissionId: c.id, holderId: ms[0]!.holderId }, t0),
			confirmCommission(people.provider, c.id, t0),
		])
		const after = await db.prisma.commission.findUniqueOrThrow({ where: { id: c.id }, include: { pledges: true } })
		const account = Number((await getBalance(db.prisma, after.accountId!)).posted)
		if (withdrawn.status === 'fulfilled') {
			expect(confirmed.status).toBe('rejected')
			expect(isCommissionError((confirmed as PromiseRejectedResult).reason, 'WRONG_STATE')).toBe(true)
			expect(after.status).toBe('OPEN')
			expect(after.pledges.map((p) => p.status).sort()).toEqual(['HELD', 'HELD', 'VOIDED'])
			expect(account).toBe(0)
			expect(await available(ms[0]!.holderId)).toBe(30_000)
		} else {
			expect(confirmed.status).toBe('fulfilled')
			expect(isCommissionError(withdrawn.reason, 'WRONG_STATE')).toBe(true)
			expect(after.status).toBe('FUNDED')
			expect(after.pledges.map((p) => p.status)).toEqual(['POSTED', 'POSTED', 'POSTED'])
			expect(account).toBe(30_000)
		}
	})
})

describe('cancellation and problems', () => {
	async function funded(names: string[]) {
		const ms = []
		for (const n of names) ms.push(await member(n, 30_000))
		const c = await createOffer(people.provider, offer(), t0)
		for (const m of ms) await pledgeFor(m, c.id)
		await confirmCommission(people.provider, c.id, t0)
		const sessions = await db.prisma.commissionSession.findMany({
			where: { commissionId: c.id },
			orderBy: { number: 'asc' },
		})
		return { ms, c, sessions }
	}

	it('the provider cancels after one session: every member gets back their share of the sessions not delivered', async () => {
		const { ms, c, sessions } = await funded(['Vic A', 'Wyn B', 'Xan C'])
		const s1 = sessions[0]!
		await markSessionDelivered(people.provider, s1.id, new Date(s1.endsAt.getTime() + HOUR))
		await confirmSession(
			ms[0]!.user,
			{ sessionId: s1.id, holderId: ms[0]!.holderId },
			new Date(s1.endsAt.getTime() + 2 * HOUR),
		)
		await refusedWith(cancelByProvider(ms[0]!.user, c.id, 'No', t0), 'FORBIDDEN')
		const cancelled = await cancelByProvider(
			people.provider,
			c.id,
			'The hall has closed.',
			new Date(s1.endsAt.getTime() + 3 * HOUR),
		)
		expect(cancelled.status).toBe('CANCELLED')
		for (const m of ms) {
			expect(await available(m.holderId)).toBe(30_000 - 2_500)
			expect(await getHolderMoney(m.holderId)).toMatchObject({ spent: 2_500, held: 0 })
		}
		const pledges = await db.prisma.pledge.findMany({ where: { commissionId: c.id } })
		expect(pledges.map((p) => p.refundedPence)).toEqual([7_500, 7_500, 7_500])
		const account = Number((await getBalance(db.prisma, cancelled.accountId!)).posted)
		expect(account).toBe(0)
		expect(
			(await db.prisma.commissionSession.findMany({ where: { commissionId: c.id }, orderBy: { number: 'asc' } })).map(
				(s) => s.status,
			),
		).toEqual(['CONFIRMED', 'REFUNDED', 'REFUNDED', 'REFUNDED'])
		// Again: nothing more moves.
		await cancelByProvider(people.provider, c.id, 'The hall has closed.', t0)
	})

	it('the provider cancels before confirmation: every hold is released', async () => {
		const ms = [await member('Yas A', 30_000)]
		const c = await createOffer(people.provider, offer(), t0)
		await pledgeFor(ms[0]!, c.id)
		await cancelByProvider(people.provider, c.id, 'I am ill.', t0)
		expect(await available(ms[0]!.holderId)).toBe(30_000)
	})

	it('a problem holds that session’s payment until funder staff decide; a refund returns each member’s part', async () => {
		const { ms, c, sessions } = await funded(['Zed A', 'Abi B', 'Bo C'])
		const s1 = sessions[0]!
		const later = (h: number) => new Date(s1.endsAt.getTime() + h * HOUR)
		await markSessionDelivered(people.provider, s1.id, later(1))
		await reportSessionProblem(
			ms[1]!.user,
			{ sessionId: s1.id, holderId: ms[1]!.holderId, description: 'Nobody came to open the hall.' },
			later(2),
		)
		expect((await runCommissionJobs(later(200))).sessionsConfirmed).toBe(0)
		await refusedWith(
			resolveSessionProblem(people.provider, { sessionId: s1.id, outcome: 'PAY', note: 'x' }, later(3)),
			'FORBIDDEN',
		)
		const settled = await resolveSessionProblem(
			people.staff,
			{ sessionId: s1.id, outcome: 'REFUND', note: 'The session did not happen.' },
			later(3),
		)
		expect(settled.status).toBe('REFUNDED')
		for (const m of ms) expect(await available(m.holderId)).toBe(30_000 - 10_000 + 2_500)
		const view = await getCommissionView(ms[0]!.user, c.id, later(3))
		expect(view?.money?.holdsNow).toBe(22_500)
		expect(view?.sessions?.[0]?.status).toBe('REFUNDED')
	})
})

describe('who may pledge, and what is refused', () => {
	it('refuses without the PAY right, without enough money, against a ring-fenced line, and replays a retry', async () => {
		const rich = await member('Cy Rich', 30_000)
		const poor = await member('Di Poor', 1_000)
		const fenced = await member('Ed Fenced', 20_000, funderA, true)
		await db.prisma.delegation.create({
			data: { holderId: rich.holderId, delegateId: people.bookOnly.id, kind: 'BROKER', rights: ['VIEW', 'BOOK'] },
		})
		const c = await createOffer(people.provider, offer(), t0)
		await refusedWith(pledgeFor(rich, c.id, { by: people.bookOnly }), 'FORBIDDEN')
		await refusedWith(pledgeFor(rich, c.id, { by: people.rep }), 'FORBIDDEN')
		expect(await refusedWith(pledgeFor(poor, c.id), 'NOT_ENOUGH_MONEY')).toMatch(/not enough money/)
		await refusedWith(pledgeFor(fenced, c.id, { budgetLineId: null }), 'RING_FENCED')
		await refusedWith(pledgeFor(rich, c.id, { companions: 5 }), 'FULL')
		const key = randomUUID()
		const first = await pledgeFor(rich, c.id, { key })
		const again = await pledgeFor(rich, c.id, { key })
		expect(again.id).toBe(first.id)
		expect(await available(rich.holderId)).toBe(20_000)
		await refusedWith(pledgeFor(rich, c.id), 'WRONG_STATE')
		// Withdraw, then pledge again.
		await withdrawPledge(rich.user, { commissionId: c.id, holderId: rich.holderId }, t0)
		await withdrawPledge(rich.user, { commissionId: c.id, holderId: rich.holderId }, t0)
		expect(await available(rich.holderId)).toBe(30_000)
		expect((await pledgeFor(rich, c.id)).status).toBe('HELD')
		expect(await available(rich.holderId)).toBe(20_000)
		await refusedWith(confirmCommission(people.provider, c.id, t0), 'WRONG_STATE')
		await refusedWith(confirmCommission(people.otherProvider, c.id, t0), 'FORBIDDEN')
	})

	it('refuses an offer from someone who does not own the provider, or with a deadline after the first session', async () => {
		await refusedWith(createOffer(people.otherProvider, offer(), t0), 'FORBIDDEN')
		const message = await refusedWith(
			createOffer(people.provider, offer({ deadline: new Date(firstSession.getTime() + DAY) }), t0),
			'INVALID',
		)
		expect(message).toBe('The deadline for pledges must be before the first session')
		await refusedWith(createOffer(people.provider, offer({ minPeople: 6, maxPeople: 5 }), t0), 'INVALID')
	})
})

describe('people ask, a provider quotes, the group chooses', () => {
	it('forms a group by invitation, asks for quotes, and turns the chosen quote into an offer', async () => {
		const ann = await member('Fi Swim', 30_000)
		const group = await startGroup(people.organiser, {
			name: 'Wheelchair swimmers, Leicester',
			description: 'Saturday swimming for wheelchair users.',
			town: 'Leicester',
		})
		const token = await groupInviteToken(people.organiser, group.id)
		expect(await groupInviteToken(people.organiser, group.id)).toBe(token)
		await refusedWith(joinGroup(people.bookOnly, { token, holderId: ann.holderId }, t0), 'FORBIDDEN')
		await joinGroup(ann.user, { token, holderId: ann.holderId }, t0)
		const request = await requestQuotes(
			ann.user,
			{
				groupId: group.id,
				title: 'Swimming for wheelchair users',
				need: 'An instructor and a hoist, Saturdays.',
				providerIds: [otherProviderId],
			},
			t0,
		)
		expect(
			await db.prisma.notification.count({
				where: { userId: people.otherProvider.id, title: { contains: 'asks for a quote' } },
			}),
		).toBe(1)
		const quote = await answerQuote(
			people.otherProvider,
			{
				requestId: request.id,
				providerId: otherProviderId,
				pricingMode: 'PER_PLACE',
				pricePence: 6_000,
				firstSessionAt: firstSession,
				sessionCount: 6,
				sessionMinutes: 45,
				minPeople: 4,
				maxPeople: 8,
				message: 'I can do Saturdays at 9.',
			},
			t0,
		)
		await refusedWith(chooseQuote(people.rep, { quoteId: quote.id, deadline }, t0), 'FORBIDDEN')
		const c = await chooseQuote(people.organiser, { quoteId: quote.id, deadline, companionsAllowed: true }, t0)
		expect(c).toMatchObject({
			status: 'OPEN',
			groupId: group.id,
			providerId: otherProviderId,
			pricingMode: 'PER_PLACE',
			placePricePence: 6_000,
			minPledgers: 4,
			maxPledgers: 8,
			sessionCount: 6,
			quoteId: quote.id,
		})
		expect(await chooseQuote(people.organiser, { quoteId: quote.id, deadline }, t0)).toMatchObject({ id: c.id })
		expect((await db.prisma.commissionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('CHOSEN')
		expect((await pledgeFor(ann, c.id)).agreedMaxPence).toBe(6_000)
	})
})
