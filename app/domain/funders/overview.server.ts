/**
 * The funder's view (issue 11, ADR 023): for the staff of one funder, figures about all the people it funds, every
 * one of them an aggregate under the small-numbers rule (./privacy.ts). Each figure comes in a table (the page draws
 * a chart of it and shows the table beside it; the CSV download writes the same rows), so what is shown, drawn and
 * downloaded can never disagree.
 *
 * Where the figures come from:
 * - money: the ledger, through app/domain/money (figuresByHolder: allocated, added by people, spent, held, unspent
 *   for each holder; spendingByPurchase: what each holder spent on each booking and each group-activity pledge);
 * - what the spending bought: each booking's service category and provider kind and who booked it; each pledge's
 *   group activity (its service's category, or the category the group asked for) and who pledged.
 * Every query is scoped by the funder's id: a holder is counted here only if this funder funds them.
 */
import { categories } from '#app/domain/reference/categories.ts'
import { figuresByHolder, spendingByPurchase } from '#app/domain/money/funder-overview.server.ts'
import { providerKindLabels } from '#app/domain/providers/labels.ts'
import type { ProviderKind } from '#app/generated/prisma/enums.ts'
import { KNOWN_TO_FUNDER } from '#app/domain/people/join-requests.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { addLocalDays, localDate, startOfDay } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import {
	compareQuarters,
	daysBetween,
	median,
	quarterBefore,
	quarterLabel,
	quarterOf,
	WAIT_BANDS,
	waitBand,
	waitBandLabels,
} from './periods.ts'
import { protectFigure, protectTable, type RawFigure, type SafeFigure } from './privacy.ts'
import { TABLE_IDS, type TableId, type Unit, type ViewRow, type ViewTable } from './tables.ts'

export { TABLE_IDS, type TableId }

export type { Unit, ViewRow, ViewTable }

export type FunderView = {
	funder: { id: string; name: string; currency: string }
	/** The people the funder funds (confirmed, ADR 016). */
	people: SafeFigure
	/**
	 * The share of spending with providers the person chose directly (ADR 023): booked or pledged by the person or
	 * someone acting for them with their consent. Null when it cannot be shown (no spending, or a part of it hidden).
	 */
	chosenDirectlyPercent: number | null
	tables: Record<TableId, ViewTable<TableId>>
}

/** Who decided on a purchase (ADR 023). */
export type Chooser = 'self' | 'helper' | 'other'

export const chooserLabels: Record<Chooser, string> = {
	self: 'Chosen and booked by the person',
	helper: 'Chosen by someone they asked to help (with consent)',
	other: 'Arranged by someone else',
}

export const NO_CATEGORY = 'none'
const UNKNOWN = 'unknown'

/** What one purchase was: its category, its provider's kind, who chose it, and its group (for group activities). */
type Purchase = {
	category: string
	kind: ProviderKind | typeof UNKNOWN
	chooser: Chooser
	group: { id: string; name: string } | null
}

/** A running figure: a sum and the people in it (per person, so people whose parts net to nothing are left out). */
class Tally {
	private byPerson = new Map<string, number>()
	add(holderId: string, value: number) {
		this.byPerson.set(holderId, (this.byPerson.get(holderId) ?? 0) + value)
	}
	raw(): RawFigure {
		let value = 0
		const people = new Set<string>()
		for (const [id, v] of this.byPerson) {
			value += v
			if (v !== 0) people.add(id)
		}
		return { value, people }
	}
}

function tallies<K extends string>(keys: readonly K[]): Record<K, Tally> {
	return Object.fromEntries(keys.map((k) => [k, new Tally()])) as Record<K, Tally>
}

function chunks<T>(items: T[], size = 5000): T[][] {
	const out: T[][] = []
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
	return out
}

/** What each booking and pledge in the spending was, read in batches. */
async function purchasesOf(
	funderId: string,
	bookingIds: string[],
	pledgeIds: string[],
): Promise<{ bookings: Map<string, Purchase>; pledges: Map<string, Purchase> }> {
	const holders = await prisma.budgetHolder.findMany({ where: { funderId }, select: { id: true, userId: true } })
	const ownUser = new Map(holders.map((h) => [h.id, h.userId]))
	// Anyone the holder ever gave rights to: a booking or pledge by them was made with the holder's consent, since the
	// app refuses one without a live delegation with the right to book or pay.
	const delegations = await prisma.delegation.findMany({
		where: { holder: { funderId } },
		select: { holderId: true, delegateId: true },
	})
	const helpers = new Set(delegations.map((d) => `${d.holderId}:${d.delegateId}`))
	const chooser = (holderId: string, userId: string | null): Chooser =>
		userId && ownUser.get(holderId) === userId
			? 'self'
			: userId && helpers.has(`${holderId}:${userId}`)
				? 'helper'
				: 'other'

	const bookings = new Map<string, Purchase>()
	for (const ids of chunks(bookingIds)) {
		const rows = await prisma.booking.findMany({
			where: { id: { in: ids }, holder: { funderId } },
			select: {
				id: true,
				holderId: true,
				bookedById: true,
				service: { select: { categorySlug: true } },
				provider: { select: { kind: true } },
			},
		})
		for (const b of rows) {
			bookings.set(b.id, {
				category: b.service.categorySlug,
				kind: b.provider.kind,
				chooser: chooser(b.holderId, b.bookedById),
				group: null,
			})
		}
	}
	const pledges = new Map<string, Purchase>()
	for (const ids of chunks(pledgeIds)) {
		const rows = await prisma.pledge.findMany({
			where: { id: { in: ids }, holder: { funderId } },
			select: {
				id: true,
				holderId: true,
				pledgedById: true,
				commission: {
					select: {
						service: { select: { categorySlug: true } },
						quote: { select: { request: { select: { categorySlug: true } } } },
						provider: { select: { kind: true } },
						group: { select: { id: true, name: true } },
					},
				},
			},
		})
		for (const p of rows) {
			const c = p.commission
			pledges.set(p.id, {
				category: c.service?.categorySlug ?? c.quote?.request.categorySlug ?? NO_CATEGORY,
				kind: c.provider?.kind ?? UNKNOWN,
				chooser: chooser(p.holderId, p.pledgedById),
				group: c.group,
			})
		}
	}
	return { bookings, pledges }
}

function table(
	base: Omit<ViewTable<TableId>, 'rows' | 'total'>,
	rows: { key: string; label: string; raw: RawFigure }[],
	total: { label: string; raw: RawFigure } | null,
	allHidden = false,
): ViewTable<TableId> {
	const safe = protectTable(
		rows.map((r) => r.raw),
		total?.raw ?? null,
	)
	const hide = (f: SafeFigure): SafeFigure =>
		allHidden && !f.hidden ? { hidden: 'protect', value: null, people: null } : f
	return {
		...base,
		rows: rows.map((r, i) => ({ key: r.key, label: r.label, figure: hide(safe.rows[i]!) })),
		total: total ? { key: 'total', label: total.label, figure: hide(safe.total!) } : null,
	}
}

/** How many days ahead a review counts as due soon. */
export const DUE_SOON_DAYS = 28
/** How many quarters of outcome ratings the view shows (this one and the ones before). */
export const RATING_QUARTERS = 8

/** Plans not yet agreed, by how long they have waited; and the middle wait, now and for plans agreed this year. */
async function planTables(
	funderId: string,
	at: Date,
): Promise<{ plans: ViewTable<TableId>; waits: ViewTable<TableId> }> {
	const scope = { funderId, holder: { funderId } }
	const [open, agreed] = await Promise.all([
		prisma.supportPlan.findMany({
			where: { ...scope, status: { in: ['SUBMITTED', 'QUESTIONED'] } },
			select: { holderId: true, status: true, submittedAt: true, createdAt: true },
		}),
		prisma.supportPlan.findMany({
			where: {
				...scope,
				agreedAt: { gt: new Date(at.getTime() - 365 * 86_400_000), lte: at },
				submittedAt: { not: null },
			},
			select: { holderId: true, submittedAt: true, agreedAt: true },
		}),
	])
	const bands = tallies([...WAIT_BANDS, 'questioned'] as const)
	const all = new Tally()
	const waitingNow: number[] = []
	const waitingPeople = new Set<string>()
	for (const p of open) {
		all.add(p.holderId, 1)
		if (p.status === 'QUESTIONED') {
			bands.questioned.add(p.holderId, 1)
			continue
		}
		const days = daysBetween(p.submittedAt ?? p.createdAt, at)
		bands[waitBand(days)].add(p.holderId, 1)
		waitingNow.push(days)
		waitingPeople.add(p.holderId)
	}
	const plans = table(
		{
			id: 'plans',
			title: 'Plans waiting for agreement',
			about:
				'Plans sent to you and not yet agreed, by how long they have waited, and those you sent back with a question.',
			rowLabel: 'Plans',
			valueLabel: 'Plans',
			unit: 'count',
		},
		[
			...WAIT_BANDS.map((b) => ({ key: b, label: waitBandLabels[b], raw: bands[b].raw() })),
			{ key: 'questioned', label: 'Sent back with a question', raw: bands.questioned.raw() },
		],
		{ label: 'Not yet agreed', raw: all.raw() },
	)
	const agreedWaits = agreed.map((p) => daysBetween(p.submittedAt!, p.agreedAt!))
	const waitRows = [
		{ key: 'now', label: 'Waiting now: the middle wait', values: waitingNow, people: waitingPeople },
		{
			key: 'agreed',
			label: 'Agreed in the last 12 months: the middle wait',
			values: agreedWaits,
			people: new Set(agreed.map((p) => p.holderId)),
		},
	]
	const waits = table(
		{
			id: 'waits',
			title: 'How long plans waited',
			about: 'The middle wait, in days, from when a plan was last sent to you: half waited less, half longer.',
			rowLabel: 'Plans',
			valueLabel: 'Middle wait',
			unit: 'days',
		},
		waitRows
			.filter((r) => r.values.length > 0)
			.map((r) => ({ key: r.key, label: r.label, raw: { value: median(r.values)!, people: r.people } })),
		null,
	)
	return { plans, waits }
}

/** Outcome reviews of agreed plans not yet done (overdue, due soon, due later), and those done this year. */
async function reviewTable(funderId: string, at: Date): Promise<ViewTable<TableId>> {
	const today = startOfDay(new Date(`${localDate(at)}T00:00:00Z`))
	const soon = new Date(`${addLocalDays(localDate(at), DUE_SOON_DAYS)}T00:00:00Z`)
	const scope = { plan: { funderId, holder: { funderId } } }
	const [open, done] = await Promise.all([
		prisma.planReview.findMany({
			where: { ...scope, completedAt: null, plan: { ...scope.plan, status: 'AGREED' } },
			select: { dueOn: true, plan: { select: { holderId: true } } },
		}),
		prisma.planReview.findMany({
			where: { ...scope, completedAt: { gt: new Date(at.getTime() - 365 * 86_400_000), lte: at } },
			select: { plan: { select: { holderId: true } } },
		}),
	])
	const rows = tallies(['overdue', 'soon', 'later', 'done'] as const)
	for (const r of open) {
		const key = r.dueOn < today ? 'overdue' : r.dueOn < soon ? 'soon' : 'later'
		rows[key].add(r.plan.holderId, 1)
	}
	for (const r of done) rows.done.add(r.plan.holderId, 1)
	return table(
		{
			id: 'reviews',
			title: 'Reviews due and overdue',
			about:
				'Reviews of how agreed plans are going: those overdue, due in the next 4 weeks, due later, and done in the last 12 months.',
			rowLabel: 'Reviews',
			valueLabel: 'Reviews',
			unit: 'count',
		},
		[
			{ key: 'overdue', label: 'Overdue', raw: rows.overdue.raw() },
			{ key: 'soon', label: `Due in the next ${DUE_SOON_DAYS / 7} weeks`, raw: rows.soon.raw() },
			{ key: 'later', label: 'Due later', raw: rows.later.raw() },
			{ key: 'done', label: 'Done in the last 12 months', raw: rows.done.raw() },
		],
		null,
	)
}

/** The average outcome rating (1 to 5) given in each quarter's completed reviews, for the last RATING_QUARTERS. */
async function ratingTable(funderId: string, at: Date): Promise<ViewTable<TableId>> {
	const first = quarterBefore(at, RATING_QUARTERS - 1)
	const ratings = await prisma.outcomeRating.findMany({
		where: { review: { completedAt: { not: null, lte: at }, plan: { funderId, holder: { funderId } } } },
		select: { score: true, review: { select: { completedAt: true, plan: { select: { holderId: true } } } } },
	})
	const byQuarter = new Map<string, { sum: number; count: number; people: Set<string> }>()
	for (const r of ratings) {
		const quarter = quarterOf(r.review.completedAt!)
		if (compareQuarters(quarter, first) < 0) continue
		const q = byQuarter.get(quarter) ?? { sum: 0, count: 0, people: new Set<string>() }
		q.sum += r.score
		q.count += 1
		q.people.add(r.review.plan.holderId)
		byQuarter.set(quarter, q)
	}
	return table(
		{
			id: 'ratings',
			title: 'How well outcomes are going, over time',
			about:
				'The average rating people gave their outcomes in reviews, from 1 (not well at all) to 5 (really well), for each quarter of the year.',
			rowLabel: 'Quarter',
			valueLabel: 'Average rating',
			unit: 'score',
		},
		[...byQuarter.entries()]
			.sort((a, b) => compareQuarters(a[0], b[0]))
			.map(([quarter, q]) => ({
				key: quarter,
				label: quarterLabel(quarter),
				raw: { value: Math.round((q.sum * 10) / q.count) / 10, people: q.people },
			})),
		null,
	)
}

export async function getFunderView(funderId: string, at: Date = clockNow()): Promise<FunderView | null> {
	const funder = await prisma.funder.findUnique({
		where: { id: funderId },
		select: { id: true, name: true, currency: true },
	})
	if (!funder) return null
	const known = await prisma.budgetHolder.findMany({ where: { funderId, ...KNOWN_TO_FUNDER }, select: { id: true } })
	const [perHolder, spending] = await Promise.all([figuresByHolder(funderId), spendingByPurchase(funderId)])

	// ── Money: allocated, added by people, spent, held, unspent ──
	const money = tallies(['allocated', 'toppedUp', 'spent', 'held', 'unspent', 'paidIn'] as const)
	for (const [holderId, f] of perHolder) {
		money.allocated.add(holderId, f.allocated)
		money.toppedUp.add(holderId, f.toppedUp)
		money.spent.add(holderId, f.spent)
		money.held.add(holderId, f.held)
		money.unspent.add(holderId, f.unspent)
		money.paidIn.add(holderId, f.allocated + f.toppedUp)
	}
	// Money in (allocated + added) and where it is now (spent + held + unspent) both add up to what was paid in, which
	// anyone can work out from the rows shown: so each part is protected against that total.
	const paidIn = money.paidIn.raw()
	const moneyIn = protectTable([money.allocated.raw(), money.toppedUp.raw()], paidIn)
	const moneyNow = protectTable([money.spent.raw(), money.held.raw(), money.unspent.raw()], paidIn)
	const moneyTable: ViewTable<TableId> = {
		id: 'money',
		title: 'The money',
		rowLabel: 'Money',
		about: 'Budgets allocated by you and added by people themselves, and what became of them: spent, held, unspent.',
		valueLabel: 'Amount',
		unit: 'money',
		rows: [
			{ key: 'allocated', label: 'Allocated by you', figure: moneyIn.rows[0]! },
			{ key: 'toppedUp', label: 'Added by people themselves', figure: moneyIn.rows[1]! },
			{ key: 'spent', label: 'Spent', figure: moneyNow.rows[0]! },
			{ key: 'held', label: 'Held for bookings and group activities', figure: moneyNow.rows[1]! },
			{ key: 'unspent', label: 'Unspent', figure: moneyNow.rows[2]! },
		],
		total: null,
	}
	const spentShown = !moneyNow.rows[0]!.hidden

	// ── Spending: by category, by kind of provider, by who chose ──
	const { bookings, pledges } = await purchasesOf(
		funderId,
		[...new Set(spending.flatMap((s) => (s.bookingId ? [s.bookingId] : [])))],
		[...new Set(spending.flatMap((s) => (s.pledgeId && !s.bookingId ? [s.pledgeId] : [])))],
	)
	const categoryKeys = [...categories.map((c) => c.slug), NO_CATEGORY, UNKNOWN]
	const kindKeys = ['PERSONAL_ASSISTANT', 'USER_LED_ORGANISATION', 'COMMUNITY_SERVICE', UNKNOWN] as const
	const chooserKeys = ['self', 'helper', 'other', UNKNOWN] as const
	const byCategory: Record<string, Tally | undefined> = tallies(categoryKeys)
	const byKind = tallies(kindKeys)
	const byChooser = tallies(chooserKeys)
	const allSpent = new Tally()
	const byGroup = new Map<string, { name: string; tally: Tally }>()
	const groupTotal = new Tally()
	for (const s of spending) {
		const what = s.bookingId ? bookings.get(s.bookingId) : s.pledgeId ? pledges.get(s.pledgeId) : undefined
		allSpent.add(s.holderId, s.spent)
		const category = byCategory[what?.category ?? UNKNOWN] ?? byCategory[UNKNOWN]!
		category.add(s.holderId, s.spent)
		byKind[what?.kind ?? UNKNOWN].add(s.holderId, s.spent)
		byChooser[what?.chooser ?? UNKNOWN].add(s.holderId, s.spent)
		if (what?.group) {
			const g = byGroup.get(what.group.id) ?? { name: what.group.name, tally: new Tally() }
			g.tally.add(s.holderId, s.spent)
			byGroup.set(what.group.id, g)
			groupTotal.add(s.holderId, s.spent)
		}
	}
	const spentTotal = { label: 'All spending', raw: allSpent.raw() }
	const keep = (rows: { key: string; label: string; raw: RawFigure }[], always: string[] = []) =>
		rows.filter((r) => r.raw.people.size > 0 || r.raw.value !== 0 || always.includes(r.key))
	const categoryName = (slug: string) =>
		categories.find((c) => c.slug === slug)?.name ??
		(slug === NO_CATEGORY ? 'Group activities without a category' : 'Other, or not linked to a booking')
	const categoriesTable = table(
		{
			id: 'categories',
			title: 'Spending by kind of support',
			rowLabel: 'Kind of support',
			about: 'What people spent, by the kind of support it paid for.',
			valueLabel: 'Spent',
			unit: 'money',
		},
		keep(
			categoryKeys.map((k) => ({ key: k, label: categoryName(k), raw: byCategory[k]!.raw() })),
			categories.map((c) => c.slug),
		),
		spentTotal,
		!spentShown,
	)
	const providersTable = table(
		{
			id: 'providers',
			title: 'Spending by kind of provider',
			rowLabel: 'Kind of provider',
			about: 'What people spent with personal assistants, user-led organisations and community services.',
			valueLabel: 'Spent',
			unit: 'money',
		},
		keep(
			kindKeys.map((k) => ({
				key: k,
				label: k === UNKNOWN ? 'Not linked to a provider' : providerKindLabels[k],
				raw: byKind[k].raw(),
			})),
			['PERSONAL_ASSISTANT', 'USER_LED_ORGANISATION', 'COMMUNITY_SERVICE'],
		),
		spentTotal,
		!spentShown,
	)
	const choiceTable = table(
		{
			id: 'choice',
			title: 'Who chose the provider',
			rowLabel: 'Who chose',
			about: 'What people spent, by who chose the provider: the person, someone they asked to help, or someone else.',
			valueLabel: 'Spent',
			unit: 'money',
		},
		keep(
			chooserKeys.map((k) => ({
				key: k,
				label: k === UNKNOWN ? 'Not linked to a booking' : chooserLabels[k],
				raw: byChooser[k].raw(),
			})),
			['self', 'helper', 'other'],
		),
		spentTotal,
		!spentShown,
	)
	const groupsTable = table(
		{
			id: 'groups',
			title: 'Groups that commissioned together',
			rowLabel: 'Group',
			about: 'Groups in which people you fund paid for a group activity together, and what those people spent.',
			valueLabel: 'Spent by people you fund',
			unit: 'money',
		},
		[...byGroup.entries()]
			.map(([id, g]) => ({ key: id, label: g.name, raw: g.tally.raw() }))
			.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key)),
		{ label: 'All group activities', raw: groupTotal.raw() },
	)

	const total = choiceTable.total?.figure
	const direct = choiceTable.rows.filter((r) => r.key === 'self' || r.key === 'helper')
	const chosenDirectlyPercent =
		total && !total.hidden && total.value > 0 && choiceTable.rows.every((r) => !r.figure.hidden)
			? Math.round((direct.reduce((s, r) => s + (r.figure.value ?? 0), 0) * 100) / total.value)
			: null

	const [{ plans, waits }, reviews, ratings] = await Promise.all([
		planTables(funderId, at),
		reviewTable(funderId, at),
		ratingTable(funderId, at),
	])

	return {
		funder: { id: funder.id, name: funder.name, currency: funder.currency.trim() },
		people: protectFigure({ value: known.length, people: new Set(known.map((h) => h.id)) }),
		chosenDirectlyPercent,
		tables: {
			money: moneyTable,
			categories: categoriesTable,
			providers: providersTable,
			choice: choiceTable,
			plans,
			waits,
			reviews,
			ratings,
			groups: groupsTable,
		},
	}
}
