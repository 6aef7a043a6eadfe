/**
 * Reading groups for the pages (groups.server.ts) and the pledge form's figures (pledge-choices.server.ts), on a real
 * database: who sees a group and what of it, first names unless a member chose otherwise, "Your groups", the town
 * the list is for, what an invitation offers, and the amount a pledge would set aside with its fee.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { createHolder, createProviderWithService } from '#tests/db-utils.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { createOffer, joinGroup, pledge, postGroupMessage, startGroup } from './commissions.server.ts'
import { getGroupView, getInvitation, groupsFor, groupsPage, knownTown } from './groups.server.ts'
import { pledgeChoices } from './pledge-choices.server.ts'
import { allocateOnce, closeTestDb, openWorld, sessionUser } from '#tests/setup/domain.ts'

let db: TestDb
const DAY = 86_400_000
let ann: { user: SessionUser; holderId: string }
let ben: { user: SessionUser; holderId: string }
let carer: SessionUser
let dotId = ''
let stranger: SessionUser
let amina: SessionUser
let providerId = ''

beforeAll(async () => {
	const world = await openWorld({ platformFeeBps: 500 })
	db = world.db
	const p = db.prisma
	const holder = async (displayName: string, withUser = true) => {
		const created = await createHolder(p, {
			funderId: world.funderId,
			displayName,
			town: 'Leicester',
			user: withUser ? {} : null,
			plan: {
				lines: [
					{ name: 'Getting out', categorySlug: 'fitness-and-wellbeing', amountPence: 50_000 },
					{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 50_000 },
				],
			},
		})
		await allocateOnce({
			funderId: world.funderId,
			holderId: created.holder.id,
			staffUserId: world.staff.id,
			amountEach: 30_000,
		})
		return {
			user: created.user ? sessionUser(created.user) : (null as unknown as SessionUser),
			holderId: created.holder.id,
		}
	}
	ann = await holder('Ann Archer')
	ben = await holder('Ben Brook')
	dotId = (await holder('Dot Dale', false)).holderId
	carer = await world.person({ roles: ['REPRESENTATIVE'], name: 'Grace Okafor' })
	await p.delegation.create({
		data: { holderId: dotId, delegateId: carer.id, kind: 'REPRESENTATIVE', rights: ['VIEW', 'BOOK', 'PAY'] },
	})
	stranger = await world.person({ roles: ['HOLDER'], name: 'Stan Stranger' })
	const provider = await createProviderWithService(p, {
		owner: { name: 'Amina Shah' },
		provider: { name: 'Amina Shah', acceptsGroupBookings: true },
		service: { categorySlug: 'fitness-and-wellbeing' },
	})
	amina = sessionUser(provider.owner)
	providerId = provider.provider.id
})

afterAll(() => closeTestDb(db))

describe('a group around a need', () => {
	it('is seen only by the people involved; members by first name unless they chose otherwise', async () => {
		const group = await startGroup(ann.user, {
			name: 'Saturday swimming',
			description: 'A pool with a hoist.',
			town: 'Leicester',
		})
		expect(await getGroupView(null, group.id)).toBeNull()
		expect(await getGroupView(stranger, group.id)).toBeNull()
		await joinGroup(carer, { groupId: undefined, token: group.inviteToken!, holderId: dotId })
		await joinGroup(ben.user, { token: group.inviteToken!, holderId: ben.holderId, showFullName: true })
		await postGroupMessage(carer, group.id, { body: 'Saturdays suit Dot.', idempotencyKey: randomUUID() })

		const organiser = await getGroupView(ann.user, group.id)
		expect(organiser).toMatchObject({
			you: { organiser: true, member: false, provider: false },
			members: [
				{ name: 'Dot', you: false },
				{ name: 'Ben Brook', you: false },
			],
			messages: [{ author: 'Grace', role: 'member', body: 'Saturdays suit Dot.' }],
			inviteToken: group.inviteToken,
			canPost: true,
			canAskForQuotes: true,
			providersToAsk: [{ id: providerId, name: 'Amina Shah' }],
		})
		const viaCarer = await getGroupView(carer, group.id)
		expect(viaCarer?.you).toEqual({ organiser: false, member: true, provider: false })
		expect(viaCarer?.members?.find((m) => m.name === 'Dot')?.you).toBe(true)

		expect((await groupsFor(carer)).map((g) => g.id)).toEqual([group.id])
		expect(await groupsFor(ann.user)).toEqual([
			{ id: group.id, name: 'Saturday swimming', town: 'Leicester', members: 2, organiser: true, active: 0 },
		])
		expect(await groupsFor(stranger)).toEqual([])
	})

	it('offers an invitation to the holders the person may add, and nothing for a bad link', async () => {
		const group = await startGroup(ben.user, { name: 'Chair yoga', description: 'Mondays.', town: null })
		expect(await getInvitation(carer, 'not-a-token')).toBeNull()
		expect(await getInvitation(carer, group.inviteToken!)).toMatchObject({
			group: { id: group.id, name: 'Chair yoga', organiserName: 'Ben' },
			holders: [{ id: dotId, name: 'Dot Dale', member: false }],
		})
		await joinGroup(ann.user, { token: group.inviteToken!, holderId: ann.holderId })
		expect((await getInvitation(ann.user, group.inviteToken!))?.holders).toEqual([
			{ id: ann.holderId, name: 'Ann Archer (you)', member: true },
		])
		expect((await getInvitation(stranger, group.inviteToken!))?.holders).toEqual([])
	})
})

describe('a provider’s offer', () => {
	it('is public: anyone sees its group and commissions, only the involved its members and thread', async () => {
		const first = new Date(Date.now() + 10 * DAY)
		const c = await createOffer(amina, {
			providerId,
			title: 'Seated yoga',
			description: 'Gentle.',
			pricingMode: 'SPLIT_TOTAL',
			pricePence: 30_000,
			minPeople: 3,
			maxPeople: 5,
			firstSessionAt: first,
			sessionCount: 3,
			sessionMinutes: 60,
			deadline: new Date(first.getTime() - DAY),
			cancellationTerms: 'Your share of every session not delivered comes back.',
		})
		const choices = await pledgeChoices(c.id, [ann.holderId], 10_000)
		const lines = (await db.prisma.budgetLine.findMany({ where: { plan: { holderId: ann.holderId } } })).sort((a, b) =>
			a.name.localeCompare(b.name),
		)
		expect(choices.get(ann.holderId)).toEqual({
			share: 10_000,
			fee: 500,
			total: 10_500,
			available: 30_000,
			currency: 'GBP',
			lines: lines.map((l) => ({ id: l.id, name: l.name })),
			defaultLineId: null,
		})
		await pledge(ann.user, { commissionId: c.id, holderId: ann.holderId, idempotencyKey: randomUUID() })

		const visitor = await getGroupView(null, c.groupId)
		expect(visitor).toMatchObject({
			name: 'Seated yoga',
			members: null,
			messages: null,
			requests: null,
			inviteToken: null,
			canPost: false,
			commissions: [{ id: c.id, status: 'OPEN', paying: 1, min: 3, shareNow: 10_000, placesLeft: 4 }],
		})
		const provider = await getGroupView(amina, c.groupId)
		expect(provider?.you.provider).toBe(true)
		expect(provider?.members).toEqual([{ name: 'Ann', you: false }])
		expect((await getGroupView(ann.user, c.groupId))?.members).toEqual([{ name: 'Ann', you: true }])
	})
})

describe('group activities near you', () => {
	it('defaults to the holder’s town, knows towns whatever their case, and says when it does not know one', async () => {
		expect(knownTown('  leicester ')).toBe('Leicester')
		expect(knownTown('Atlantis')).toBeNull()
		const mine = await groupsPage(ann.user, {})
		expect(mine.town).toBe('Leicester')
		expect(mine.open.map((o) => o.title)).toContain('Seated yoga')
		expect(mine.yours?.length).toBeGreaterThan(0)
		expect(await groupsPage(null, {})).toMatchObject({ town: null, unknownTown: null, yours: null })
		const unknown = await groupsPage(stranger, { town: 'Atlantis' })
		expect(unknown).toMatchObject({ town: null, unknownTown: 'Atlantis', yours: [] })
		expect(unknown.open.map((o) => o.title)).toContain('Seated yoga')
		expect((await groupsPage(null, { town: 'Bristol' })).open).toEqual([])
	})
})
