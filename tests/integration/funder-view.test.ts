/**
 * The funder's view (issue 11, ADR 023), proved by recomputing every figure of it independently: a seeded world of
 * two funders, eight Leicester holders and one in Bristol, with money allocated through the money domain, bookings
 * paid and held through it with personal assistants and a user-led organisation (by the holder, by a helper with
 * consent, and by funder staff), a group activity with a community service paid for together, plans waiting and
 * agreed, reviews overdue, due and done, and outcome ratings over two quarters. Then, for each funder, this file works
 * out each figure again from raw rows (ledger entries, bookings, pledges, plans, reviews, ratings), applies the
 * small-numbers rule, and compares with getFunderView, table by table, row by row. The CSV is checked to write the
 * same figures, hidden ones as "fewer than 5".
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmCommission, createOffer, pledge } from '#app/domain/commissions/commissions.server.ts'
import { getFunderView, type TableId } from '#app/domain/funders/overview.server.ts'
import { protectFigure, protectTable, type RawFigure, type SafeFigure } from '#app/domain/funders/privacy.ts'
import { tableCsv } from '#app/domain/funders/tables.ts'
import { checkLedger, voidPending } from '#app/domain/ledger/ledger.server.ts'
import { reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { payFromHold } from '#app/domain/money/payouts.server.ts'
import { categories } from '#app/domain/reference/categories.ts'
import { startOfDay } from '#app/utils/dates.ts'
import {
	createBookingRecord,
	createFunder,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
} from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { sessionUser, openTestDb, closeTestDb, allocateOnce } from '#tests/setup/domain.ts'

const DAY = 86_400_000
const at = new Date()
const daysAgo = (n: number) => new Date(at.getTime() - n * DAY)
const dayOffset = (n: number) => startOfDay(new Date(at.getTime() + n * DAY))

let db: TestDb
let leicester: string
let bristol: string
const holders: { id: string; userId: string }[] = []

beforeAll(async () => {
	db = await openTestDb()
	const p = db.prisma
	leicester = (await createFunder(p, { name: 'Leicester City Council' })).id
	bristol = (await createFunder(p, { name: 'Bristol City Council' })).id
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: leicester, name: 'Priya Patel' })
	const bristolStaff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: bristol, name: 'Tom Reed' })
	const helper = await createUserWithRoles(p, { roles: ['REPRESENTATIVE'], name: 'Grace Okafor' })
	const pa = await createProviderWithService(p, { provider: { name: 'Amina Shah' }, service: { pricePence: 1_500 } })
	const ulo = await createProviderWithService(p, {
		provider: { name: 'Leicester Centre for Integrated Living', kind: 'USER_LED_ORGANISATION' },
		service: { title: 'Out and about', categorySlug: 'getting-out', priceUnit: 'PER_SESSION', pricePence: 2_000 },
	})
	const club = await createProviderWithService(p, {
		provider: { name: 'Highfields Club', kind: 'COMMUNITY_SERVICE' },
		service: {
			title: 'Seated exercise',
			categorySlug: 'fitness-and-wellbeing',
			priceUnit: 'PER_SESSION',
			pricePence: 1_000,
		},
	})

	const fund = async (funderId: string, staffUserId: string, holderId: string, amount: number) =>
		allocateOnce({ funderId, holderId, staffUserId, amountEach: amount, firstOn: startOfDay(at) })
	for (let i = 1; i <= 8; i++) {
		const h = await createHolder(p, {
			funderId: leicester,
			displayName: `Holder ${i}`,
			plan: {
				status: 'AGREED',
				agreedAt: daysAgo(100 + i),
				lines: [{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 100_000 }],
			},
		})
		holders.push({ id: h.holder.id, userId: h.user!.id })
		await fund(leicester, staff.id, h.holder.id, 100_000)
		// Agreed 100 + i days ago, sent i * 3 days before that.
		await p.supportPlan.update({ where: { id: h.plan!.id }, data: { submittedAt: daysAgo(100 + i + i * 3) } })
	}
	// Someone who asked to join and is not confirmed: not counted among the people funded.
	await createHolder(p, { funderId: leicester, displayName: 'Asked to join', joinRequestedAt: daysAgo(1) })
	for (const h of holders.slice(0, 2)) {
		await p.delegation.create({
			data: { holderId: h.id, delegateId: helper.id, kind: 'REPRESENTATIVE', rights: ['VIEW', 'BOOK', 'PAY'] },
		})
	}

	let slot = 0
	/** A booking, its money held through the money domain, and (unless `held`) paid with the fee shown. */
	const spend = async (
		holderId: string,
		provider: { provider: { id: string }; service: { id: string } },
		bookedById: string,
		price: number,
		fee: number,
		how: 'paid' | 'held' | 'released' = 'paid',
	) => {
		const booking = await createBookingRecord(p, {
			holderId,
			providerId: provider.provider.id,
			serviceId: provider.service.id,
			bookedById,
			totalPence: price,
			status: how === 'paid' ? 'CONFIRMED' : 'ACCEPTED',
			// Each at its own time: a provider's one-to-one sessions never overlap.
			startsAt: new Date(at.getTime() + (how === 'paid' ? -30 - 3 * ++slot : 30 + 3 * ++slot) * 3_600_000),
			overrides: { feePence: fee },
		})
		const initiator = { userId: bookedById, role: 'HOLDER' as const }
		const hold = await reserveForSpending(p, {
			holderId,
			amount: price + fee,
			budgetLineId: null,
			idempotencyKey: `test:${booking.id}:hold`,
			description: 'Held for a session',
			initiator,
			bookingId: booking.id,
		})
		if (how === 'paid') {
			await payFromHold(p, {
				holdTransferId: hold.id,
				providerId: provider.provider.id,
				price,
				feeShown: fee,
				idempotencyKey: `test:${booking.id}`,
				description: 'Paid for a session',
				initiator,
				bookingId: booking.id,
			})
		}
		if (how === 'released') {
			await voidPending(p, {
				pendingId: hold.id,
				idempotencyKey: `test:${booking.id}:release`,
				description: 'Released',
				initiator,
			})
		}
	}
	// Personal care with a PA: Holders 1–2 booked by their helper, 3–6 by themselves, 7 by the funder's staff.
	for (const [i, h] of holders.slice(0, 6).entries()) await spend(h.id, pa, i < 2 ? helper.id : h.userId, 3_000, 60)
	await spend(holders[6]!.id, pa, staff.id, 1_500, 30)
	// Getting out with the user-led organisation: three people (a figure about fewer than 5).
	for (const h of holders.slice(0, 3)) await spend(h.id, ulo, h.userId, 2_000, 40)
	// Held, not yet paid: Holders 4–8; released: Holder 8's second booking.
	for (const h of holders.slice(3, 8)) await spend(h.id, pa, h.userId, 1_000, 20, 'held')
	await spend(holders[7]!.id, pa, holders[7]!.userId, 4_000, 80, 'released')

	// A group activity Holders 1–5 paid for together.
	const offer = await createOffer(sessionUser(club.owner), {
		providerId: club.provider.id,
		serviceId: club.service.id,
		title: 'Seated yoga, Tuesdays',
		description: 'Gentle seated yoga in the hall.',
		pricingMode: 'SPLIT_TOTAL',
		pricePence: 30_000,
		minPeople: 5,
		maxPeople: 6,
		firstSessionAt: new Date(at.getTime() + 20 * DAY),
		sessionCount: 2,
		sessionMinutes: 60,
		deadline: new Date(at.getTime() + 15 * DAY),
		cancellationTerms: 'Your share of every session not delivered comes back.',
	})
	for (const h of holders.slice(0, 5)) {
		const user = await p.user.findUniqueOrThrow({ where: { id: h.userId } })
		await pledge(sessionUser(user), {
			commissionId: offer.id,
			holderId: h.id,
			companions: 0,
			idempotencyKey: randomUUID(),
		})
	}
	await confirmCommission(sessionUser(club.owner), offer.id)

	// Plans: new versions waiting 1, 2, 3, 10, 20 and 40 days; one sent back with a question.
	const waiting = [1, 2, 3, 10, 20, 40]
	for (const [i, days] of waiting.entries()) {
		await p.supportPlan.create({
			data: {
				holderId: holders[i]!.id,
				funderId: leicester,
				status: 'SUBMITTED',
				startsOn: dayOffset(0),
				submittedAt: daysAgo(days),
				version: 2,
			},
		})
	}
	await p.supportPlan.create({
		data: {
			holderId: holders[6]!.id,
			funderId: leicester,
			status: 'QUESTIONED',
			startsOn: dayOffset(0),
			submittedAt: daysAgo(8),
			questionedAt: daysAgo(2),
			question: 'Which day suits you?',
		},
	})
	// Reviews of the agreed plans: Holders 1–5 overdue, 6 due in 10 days, 7 in 60 days; 8 done 20 days ago; Holders
	// 1–6 each did one 200 days ago. Every done review rates the plan's two outcomes.
	const agreed = await p.supportPlan.findMany({
		where: { funderId: leicester, status: 'AGREED' },
		select: { id: true, holderId: true },
	})
	const planOf = (holderId: string) => agreed.find((a) => a.holderId === holderId)!.id
	for (const [i, h] of holders.entries()) {
		const planId = planOf(h.id)
		// The builder's plan comes with outcome rows of its own: these two replace them.
		await p.planOutcome.deleteMany({ where: { planId } })
		const outcomes = await Promise.all(
			['Get out more', 'Stay at home'].map((text, position) =>
				p.planOutcome.create({ data: { planId, position, text } }),
			),
		)
		const done = async (completedAt: Date, base: number) => {
			const review = await p.planReview.create({
				data: {
					planId,
					dueOn: startOfDay(completedAt),
					completedAt,
					reviewerId: h.userId,
					heldOn: startOfDay(completedAt),
				},
			})
			for (const [k, o] of outcomes.entries()) {
				await p.outcomeRating.create({
					data: { reviewId: review.id, outcomeId: o.id, score: Math.min(5, base + k), createdAt: completedAt },
				})
			}
		}
		if (i < 6) await done(daysAgo(200), 2 + (i % 3))
		if (i === 7) await done(daysAgo(20), 4)
		const due = i < 5 ? -3 - i : i === 5 ? 10 : i === 6 ? 60 : null
		if (due !== null) await p.planReview.create({ data: { planId, dueOn: dayOffset(due) } })
	}

	// Bristol: one holder with money spent, a plan waiting, a review overdue and a rating; none of it is Leicester's.
	const rita = await createHolder(p, {
		funderId: bristol,
		displayName: 'Rita Jones',
		plan: { status: 'AGREED', lines: [{ name: 'Care', categorySlug: 'personal-care', amountPence: 50_000 }] },
	})
	await fund(bristol, bristolStaff.id, rita.holder.id, 50_000)
	await spend(rita.holder.id, pa, rita.user!.id, 2_500, 0)
	await p.supportPlan.create({
		data: {
			holderId: rita.holder.id,
			funderId: bristol,
			status: 'SUBMITTED',
			startsOn: dayOffset(0),
			submittedAt: daysAgo(9),
		},
	})
	await p.planReview.create({ data: { planId: rita.plan!.id, dueOn: dayOffset(-5) } })
})

afterAll(() => closeTestDb(db))

// ───────────────────────────── The figures again, from raw rows ─────────────────────────────

/** Sums per person, then a raw figure (people: those whose own sum is not 0). */
function figureOf(parts: Map<string, number>): RawFigure {
	let value = 0
	const people = new Set<string>()
	for (const [id, v] of parts) {
		value += v
		if (v !== 0) people.add(id)
	}
	return { value, people }
}

function addTo(map: Map<string, Map<string, number>>, key: string, holderId: string, value: number) {
	const inner = map.get(key) ?? new Map<string, number>()
	inner.set(holderId, (inner.get(holderId) ?? 0) + value)
	map.set(key, inner)
}

const medianOf = (values: number[]) => {
	const s = [...values].sort((a, b) => a - b)
	const m = Math.floor(s.length / 2)
	return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2)
}

/** "2026-3" for an instant: the quarter its UK date falls in, read with Intl (not the app's date module). */
function quarterKey(instant: Date): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric' })
		.formatToParts(instant)
		.reduce<Record<string, string>>((o, part) => ({ ...o, [part.type]: part.value }), {})
	return `${Number(parts.year)}-${Math.floor((Number(parts.month) - 1) / 3) + 1}`
}

type Expected = Record<TableId, { rows: Record<string, SafeFigure>; total: SafeFigure | null }>

async function recompute(funderId: string): Promise<{
	expected: Expected
	people: SafeFigure
	raw: Record<'spent' | 'held' | 'allocated' | 'unspent' | 'personalCare', RawFigure>
}> {
	const p = db.prisma
	const funded = await p.budgetHolder.findMany({
		where: { funderId },
		select: { id: true, userId: true, joinRequestedAt: true },
	})
	const ids = funded.map((h) => h.id)
	const entries = await p.ledgerEntry.findMany({
		where: { account: { holderId: { in: ids }, kind: { in: ['HOLDER_BUDGET', 'HOLDER_HELD'] } } },
		select: {
			amount: true,
			phase: true,
			account: { select: { holderId: true, kind: true } },
			transfer: { select: { reason: true, bookingId: true, pledgeId: true } },
		},
	})
	const money = new Map<string, Map<string, number>>()
	const purchases = new Map<string, Map<string, number>>()
	for (const e of entries) {
		const holderId = e.account.holderId!
		const amount = Number(e.amount)
		const { reason } = e.transfer
		if (e.phase === 'POSTED' && reason === 'ALLOCATION') addTo(money, 'allocated', holderId, amount)
		if (e.phase === 'POSTED' && reason === 'TOP_UP') addTo(money, 'toppedUp', holderId, amount)
		if (e.phase === 'POSTED' && ['BOOKING', 'PLEDGE', 'FEE', 'REFUND'].includes(reason)) {
			addTo(money, 'spent', holderId, -amount)
			const what = e.transfer.bookingId
				? `b:${e.transfer.bookingId}`
				: e.transfer.pledgeId
					? `p:${e.transfer.pledgeId}`
					: '-'
			addTo(purchases, what, holderId, -amount)
		}
		// What is available: every entry on the budget, posted or pending; held: pending debits of the budget and
		// whatever sits posted on the held account.
		if (e.account.kind === 'HOLDER_BUDGET') addTo(money, 'unspent', holderId, amount)
		if (e.account.kind === 'HOLDER_BUDGET' && e.phase === 'PENDING') addTo(money, 'held', holderId, -amount)
		if (e.account.kind === 'HOLDER_HELD' && e.phase === 'POSTED') addTo(money, 'held', holderId, amount)
		if (e.phase === 'POSTED' && ['ALLOCATION', 'TOP_UP'].includes(reason)) addTo(money, 'paidIn', holderId, amount)
	}
	const m = (k: string) => figureOf(money.get(k) ?? new Map())
	const moneyIn = protectTable([m('allocated'), m('toppedUp')], m('paidIn'))
	const moneyNow = protectTable([m('spent'), m('held'), m('unspent')], m('paidIn'))

	// What each purchase was.
	const bookingIds = [...purchases.keys()].filter((k) => k.startsWith('b:')).map((k) => k.slice(2))
	const pledgeIds = [...purchases.keys()].filter((k) => k.startsWith('p:')).map((k) => k.slice(2))
	const bookings = await p.booking.findMany({
		where: { id: { in: bookingIds } },
		select: {
			id: true,
			holderId: true,
			bookedById: true,
			service: { select: { categorySlug: true } },
			provider: { select: { kind: true } },
		},
	})
	const pledges = await p.pledge.findMany({
		where: { id: { in: pledgeIds } },
		select: {
			id: true,
			holderId: true,
			pledgedById: true,
			commission: {
				select: { service: { select: { categorySlug: true } }, provider: { select: { kind: true } }, group: true },
			},
		},
	})
	const delegations = await p.delegation.findMany({ where: { holderId: { in: ids } } })
	const who = (holderId: string, userId: string | null) =>
		funded.find((h) => h.id === holderId)?.userId === userId
			? 'self'
			: delegations.some((d) => d.holderId === holderId && d.delegateId === userId)
				? 'helper'
				: 'other'
	const byCategory = new Map<string, Map<string, number>>()
	const byKind = new Map<string, Map<string, number>>()
	const byWho = new Map<string, Map<string, number>>()
	const byGroup = new Map<string, Map<string, number>>()
	const allSpent = new Map<string, Map<string, number>>()
	const allGroups = new Map<string, Map<string, number>>()
	for (const [what, perHolder] of purchases) {
		const b = what.startsWith('b:') ? bookings.find((x) => x.id === what.slice(2)) : undefined
		const pl = what.startsWith('p:') ? pledges.find((x) => x.id === what.slice(2)) : undefined
		for (const [holderId, v] of perHolder) {
			addTo(allSpent, 'all', holderId, v)
			addTo(byCategory, b?.service.categorySlug ?? pl?.commission.service?.categorySlug ?? 'unknown', holderId, v)
			addTo(byKind, b?.provider.kind ?? pl?.commission.provider?.kind ?? 'unknown', holderId, v)
			addTo(byWho, b ? who(holderId, b.bookedById) : pl ? who(holderId, pl.pledgedById) : 'unknown', holderId, v)
			if (pl) {
				addTo(byGroup, pl.commission.group.id, holderId, v)
				addTo(allGroups, 'all', holderId, v)
			}
		}
	}
	const spentTotal = figureOf(allSpent.get('all') ?? new Map())
	const spentShown = !moneyNow.rows[0]!.hidden
	const spendTable = (
		groups: Map<string, Map<string, number>>,
		always: string[],
		total: RawFigure,
		hideAll: boolean,
	) => {
		const keys = [...new Set([...always, ...groups.keys()])]
		const safe = protectTable(
			keys.map((k) => figureOf(groups.get(k) ?? new Map())),
			total,
		)
		const hide = (f: SafeFigure): SafeFigure =>
			hideAll && !f.hidden ? { hidden: 'protect', value: null, people: null } : f
		return {
			rows: Object.fromEntries(keys.map((k, i) => [k, hide(safe.rows[i]!)])),
			total: hide(safe.total!),
		}
	}

	// Plans.
	const open = await p.supportPlan.findMany({
		where: { funderId, holderId: { in: ids }, status: { in: ['SUBMITTED', 'QUESTIONED'] } },
	})
	const planBands = new Map<string, Map<string, number>>()
	const allOpen = new Map<string, Map<string, number>>()
	const waitsNow: number[] = []
	for (const plan of open) {
		addTo(allOpen, 'all', plan.holderId, 1)
		if (plan.status === 'QUESTIONED') {
			addTo(planBands, 'questioned', plan.holderId, 1)
			continue
		}
		const days = Math.floor((at.getTime() - plan.submittedAt!.getTime()) / DAY)
		waitsNow.push(days)
		addTo(planBands, days < 7 ? 'week' : days < 14 ? 'twoWeeks' : days < 28 ? 'fourWeeks' : 'longer', plan.holderId, 1)
	}
	const bandKeys = ['week', 'twoWeeks', 'fourWeeks', 'longer', 'questioned']
	const plansSafe = protectTable(
		bandKeys.map((k) => figureOf(planBands.get(k) ?? new Map())),
		figureOf(allOpen.get('all') ?? new Map()),
	)
	const agreedThisYear = await p.supportPlan.findMany({
		where: { funderId, holderId: { in: ids }, agreedAt: { gt: daysAgo(365), lte: at }, submittedAt: { not: null } },
	})
	const waits: Record<string, SafeFigure> = {}
	if (waitsNow.length)
		waits.now = protectFigure({
			value: medianOf(waitsNow),
			people: new Set(open.filter((o) => o.status === 'SUBMITTED').map((o) => o.holderId)),
		})
	if (agreedThisYear.length)
		waits.agreed = protectFigure({
			value: medianOf(agreedThisYear.map((a) => Math.floor((a.agreedAt!.getTime() - a.submittedAt!.getTime()) / DAY))),
			people: new Set(agreedThisYear.map((a) => a.holderId)),
		})

	// Reviews.
	const todayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at)
	const soonKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(at.getTime() + 28 * DAY),
	)
	const reviews = await p.planReview.findMany({
		where: { plan: { funderId, holderId: { in: ids } } },
		select: { dueOn: true, completedAt: true, plan: { select: { holderId: true, status: true } } },
	})
	const reviewRows = new Map<string, Map<string, number>>()
	for (const r of reviews) {
		const day = r.dueOn.toISOString().slice(0, 10)
		if (!r.completedAt && r.plan.status === 'AGREED')
			addTo(reviewRows, day < todayKey ? 'overdue' : day < soonKey ? 'soon' : 'later', r.plan.holderId, 1)
		if (r.completedAt && r.completedAt > daysAgo(365) && r.completedAt <= at)
			addTo(reviewRows, 'done', r.plan.holderId, 1)
	}
	const reviewKeys = ['overdue', 'soon', 'later', 'done']
	const reviewsSafe = protectTable(reviewKeys.map((k) => figureOf(reviewRows.get(k) ?? new Map())))

	// Ratings by quarter of the review's completion, over this quarter and the 7 before.
	const ratings = await p.outcomeRating.findMany({
		where: { review: { completedAt: { not: null }, plan: { funderId, holderId: { in: ids } } } },
		select: { score: true, review: { select: { completedAt: true, plan: { select: { holderId: true } } } } },
	})
	const [yearNow, qNow] = quarterKey(at).split('-').map(Number)
	const firstIndex = yearNow! * 4 + qNow! - 1 - 7
	const quarters = new Map<string, { sum: number; count: number; people: Set<string> }>()
	for (const r of ratings) {
		const key = quarterKey(r.review.completedAt!)
		const [y, q] = key.split('-').map(Number)
		if (y! * 4 + q! - 1 < firstIndex) continue
		const entry = quarters.get(key) ?? { sum: 0, count: 0, people: new Set() }
		entry.sum += r.score
		entry.count += 1
		entry.people.add(r.review.plan.holderId)
		quarters.set(key, entry)
	}
	const ratingRows = Object.fromEntries(
		[...quarters].map(([k, q]) => [
			k,
			protectFigure({ value: Math.round((q.sum * 10) / q.count) / 10, people: q.people }),
		]),
	)

	const groupsSafe = protectTable(
		[...byGroup.keys()].map((k) => figureOf(byGroup.get(k)!)),
		figureOf(allGroups.get('all') ?? new Map()),
	)
	const known = funded.filter((h) => h.joinRequestedAt === null)
	return {
		people: protectFigure({ value: known.length, people: new Set(known.map((h) => h.id)) }),
		raw: {
			spent: m('spent'),
			held: m('held'),
			allocated: m('allocated'),
			unspent: m('unspent'),
			personalCare: figureOf(byCategory.get('personal-care') ?? new Map()),
		},
		expected: {
			money: {
				rows: {
					allocated: moneyIn.rows[0]!,
					toppedUp: moneyIn.rows[1]!,
					spent: moneyNow.rows[0]!,
					held: moneyNow.rows[1]!,
					unspent: moneyNow.rows[2]!,
				},
				total: null,
			},
			categories: spendTable(
				byCategory,
				categories.map((c) => c.slug),
				spentTotal,
				!spentShown,
			),
			providers: spendTable(
				byKind,
				['PERSONAL_ASSISTANT', 'USER_LED_ORGANISATION', 'COMMUNITY_SERVICE'],
				spentTotal,
				!spentShown,
			),
			choice: spendTable(byWho, ['self', 'helper', 'other'], spentTotal, !spentShown),
			plans: {
				rows: Object.fromEntries(bandKeys.map((k, i) => [k, plansSafe.rows[i]!])),
				total: plansSafe.total,
			},
			waits: { rows: waits, total: null },
			reviews: { rows: Object.fromEntries(reviewKeys.map((k, i) => [k, reviewsSafe.rows[i]!])), total: null },
			ratings: { rows: ratingRows, total: null },
			groups: {
				rows: Object.fromEntries([...byGroup.keys()].map((k, i) => [k, groupsSafe.rows[i]!])),
				total: groupsSafe.total,
			},
		},
	}
}

describe("the funder's view", () => {
	it('holds a world that is healthy and worth checking', async () => {
		expect(await checkLedger(db.prisma)).toEqual([])
		const { raw } = await recompute(leicester)
		// 6 × (£30 + 60p) + (£15 + 30p) with the PA, 3 × (£20 + 40p) with the organisation, 5 × £60 for the yoga.
		expect(raw.spent.value).toBe(6 * 3_060 + 1_530 + 3 * 2_040 + 5 * 6_000)
		expect(raw.personalCare).toMatchObject({ value: 6 * 3_060 + 1_530 })
		expect(raw.personalCare.people.size).toBe(7)
		expect(raw.held.value).toBe(5 * 1_020)
		expect(raw.allocated.value).toBe(8 * 100_000)
	})

	for (const funder of ['Leicester', 'Bristol'] as const) {
		it(`${funder}: every figure on the page equals the one worked out from the ledger, bookings, plans and reviews`, async () => {
			const funderId = funder === 'Leicester' ? leicester : bristol
			const view = (await getFunderView(funderId, at))!
			const { expected, people } = await recompute(funderId)
			expect(view.people).toEqual(people)
			for (const id of Object.keys(expected) as TableId[]) {
				const table = view.tables[id]
				const got = Object.fromEntries(table.rows.map((r) => [r.key, r.figure]))
				// The view leaves out rows about nobody (other than the ones it always shows): so does the comparison.
				const want = Object.fromEntries(
					Object.entries(expected[id].rows).filter(([key, f]) => key in got || f.hidden !== null || f.people !== 0),
				)
				expect(got, `${funder}: ${id}`).toEqual(want)
				expect(table.total?.figure ?? null, `${funder}: ${id} total`).toEqual(expected[id].total)
			}
		})
	}

	it('shows what can be shown and hides figures about fewer than 5 people, on the page and in the CSV', async () => {
		const view = (await getFunderView(leicester, at))!
		const row = (id: TableId, key: string) => view.tables[id].rows.find((r) => r.key === key)?.figure
		expect(view.people).toEqual({ hidden: null, value: 8, people: 8 })
		expect(row('money', 'allocated')).toEqual({ hidden: null, value: 800_000, people: 8 })
		// Getting out: 3 people, hidden; and another row with it, so it cannot be worked out from the total.
		expect(row('categories', 'getting-out')?.hidden).toBe('few')
		expect(view.tables.categories.rows.filter((r) => r.figure.hidden === 'protect')).toHaveLength(1)
		expect(row('categories', 'personal-care')).toEqual({ hidden: null, value: 6 * 3_060 + 1_530, people: 7 })
		// The organisation's 3 people are hidden, and the community service's 5 with them (fewest people first).
		expect(row('providers', 'USER_LED_ORGANISATION')?.hidden).toBe('few')
		expect(row('providers', 'COMMUNITY_SERVICE')?.hidden).toBe('protect')
		expect(row('providers', 'PERSONAL_ASSISTANT')).toEqual({ hidden: null, value: 6 * 3_060 + 1_530, people: 7 })
		// Arranged by the funder's staff for one person: hidden, and so is the share chosen directly.
		expect(row('choice', 'other')?.hidden).toBe('few')
		expect(view.chosenDirectlyPercent).toBeNull()
		expect(row('plans', 'week')?.hidden).toBe('few')
		expect(view.tables.plans.total?.figure).toEqual({ hidden: null, value: 7, people: 7 })
		// The middle of 1, 2, 3, 10, 20 and 40 days.
		expect(row('waits', 'now')).toEqual({ hidden: null, value: 7, people: 6 })
		expect(row('reviews', 'overdue')).toEqual({ hidden: null, value: 5, people: 5 })
		expect(row('reviews', 'soon')?.hidden).toBe('few')
		expect(view.tables.ratings.rows.some((r) => r.figure.hidden === null && r.figure.people === 6)).toBe(true)
		expect(view.tables.groups.rows).toEqual([
			expect.objectContaining({ label: 'Seated yoga, Tuesdays', figure: { hidden: null, value: 30_000, people: 5 } }),
		])

		const csv = tableCsv(view.tables.categories, 'GBP')
		expect(csv).toContain('Kind of support,Spent (GBP),People')
		expect(csv).toContain(`Personal care,${((6 * 3_060 + 1_530) / 100).toFixed(2)},7`)
		expect(csv).toContain('Getting out,fewer than 5,fewer than 5')
		expect(csv).not.toContain('61.20') // Getting out's hidden total, 3 × £20.40
	})

	it("counts nothing of another funder's people", async () => {
		const bristolView = (await getFunderView(bristol, at))!
		expect(bristolView.people.hidden).toBe('few')
		expect(bristolView.tables.money.rows.every((r) => r.figure.hidden === 'few')).toBe(true)
		expect(bristolView.tables.groups.rows).toEqual([])
		const leicesterView = (await getFunderView(leicester, at))!
		// Rita's £25.00 booking, plan and overdue review are not Leicester's.
		expect(leicesterView.tables.reviews.rows.find((r) => r.key === 'overdue')?.figure.value).toBe(5)
	})
})
