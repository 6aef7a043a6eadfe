/**
 * The group and commission pages (issue 9) through their loaders and actions, with real Requests on a real database:
 * the public list, pledging and withdrawing from a commission's page, the provider confirming, a session delivered
 * and confirmed, starting a group, joining by its link, the message thread (sent twice, stored once), asking for and
 * choosing a quote, a stranger refused, and bad input answered with a clear message by its field. The ledger check
 * runs after every test.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { answerQuote, createOffer } from '#app/domain/commissions/commissions.server.ts'
import { checkLedger } from '#app/domain/ledger/ledger.server.ts'
import { getHolderMoney } from '#app/domain/money/holder-money.server.ts'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import * as feed from '#app/routes/calendar.feed.$file.tsx'
import * as calendar from '#app/routes/calendar.tsx'
import * as commissionPage from '#app/routes/commissions.$commissionId.tsx'
import * as groupPage from '#app/routes/groups.$groupId.tsx'
import * as groupsIndex from '#app/routes/groups._index.tsx'
import * as joinPage from '#app/routes/groups.join.$token.tsx'
import * as newGroup from '#app/routes/groups.new.tsx'
import { setClockOffset } from '#app/utils/clock.server.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { sessionUser, openTestDb, closeTestDb, allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
const HOUR = 3_600_000
const DAY = 24 * HOUR
type Name = 'ann' | 'ben' | 'cat' | 'carer' | 'amina' | 'stranger'
const users = {} as Record<Name, SessionUser>
const cookies = {} as Record<Name, string>
const holders = {} as Record<'ann' | 'ben' | 'cat' | 'dot', string>
let providerId = ''
let serviceId = ''

type Reply = { result?: { error?: Record<string, string[] | null> }; error?: string; intent?: string }
const replyOf = async (response: Response) => (await response.json()) as Reply

beforeAll(async () => {
	db = await openTestDb()
	const p = db.prisma
	const funder = await createFunder(p, { name: 'Leicester City Council' })
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder.id })
	const member = async (displayName: string, user: boolean) => {
		const created = await createHolder(p, {
			funderId: funder.id,
			displayName,
			town: 'Leicester',
			user: user ? {} : null,
			plan: { lines: [{ name: 'Personal care', categorySlug: 'personal-care', amountPence: 200_000 }] },
		})
		await allocateOnce({ funderId: funder.id, holderId: created.holder.id, staffUserId: staff.id, amountEach: 50_000 })
		return created
	}
	const ann = await member('Ann Archer', true)
	const ben = await member('Ben Brook', true)
	const cat = await member('Cat Cole', true)
	const dot = await member('Dot Dale', false)
	holders.ann = ann.holder.id
	holders.ben = ben.holder.id
	holders.cat = cat.holder.id
	holders.dot = dot.holder.id
	users.ann = sessionUser(ann.user!)
	users.ben = sessionUser(ben.user!)
	users.cat = sessionUser(cat.user!)
	users.carer = sessionUser(await createUserWithRoles(p, { roles: ['REPRESENTATIVE'], name: 'Grace Okafor' }))
	await p.delegation.create({
		data: {
			holderId: holders.dot,
			delegateId: users.carer.id,
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY'],
		},
	})
	users.stranger = sessionUser(await createUserWithRoles(p, { roles: ['HOLDER'], name: 'Stan Stranger' }))
	const amina = await createProviderWithService(p, { owner: { name: 'Amina Shah' }, provider: { name: 'Amina Shah' } })
	providerId = amina.provider.id
	serviceId = amina.service.id
	users.amina = sessionUser(amina.owner)
	for (const key of Object.keys(users) as Name[]) cookies[key] = await cookieFor(users[key].id)
})

afterEach(async () => {
	setClockOffset(0)
	expect(await checkLedger(db.prisma)).toEqual([])
})

afterAll(() => closeTestDb(db))

async function offer(title: string, over: { minPeople?: number; firstInDays?: number } = {}) {
	const first = new Date(Date.now() + (over.firstInDays ?? 10) * DAY)
	return createOffer(users.amina, {
		providerId,
		serviceId,
		title,
		description: 'Gentle seated yoga in the community hall.',
		pricingMode: 'SPLIT_TOTAL',
		pricePence: 24_000,
		minPeople: over.minPeople ?? 3,
		maxPeople: 6,
		firstSessionAt: first,
		sessionCount: 2,
		sessionMinutes: 60,
		deadline: new Date(first.getTime() - 2 * DAY),
		cancellationTerms: 'If I cancel, you get back your share of every session not delivered.',
		cancellationCutoffHours: 48,
		companionsAllowed: true,
	})
}

const commissionUrl = (id: string, query = '') => `/commissions/${id}${query}`
const loadCommission = async (id: string, cookie: string) =>
	(await (
		(await commissionPage.loader({
			request: get(commissionUrl(id), cookie),
			params: { commissionId: id },
			context: {},
		})) as Response
	).json()) as {
		view: {
			status: string
			progress: { paying: number; min: number }
			holders: Array<{ id: string; actions: string[]; pledge: { status: string } | null }>
			sessions: Array<{ id: string; status: string; actions: string[] }> | null
			sessionHolderId: string | null
			actions: string[]
			money: { history: Array<{ description: string }> } | null
		}
		choices: Record<string, { total: number; defaultLineId: string | null }>
	}
const actOnCommission = async (id: string, cookie: string, fields: Record<string, string>) =>
	responseOf(
		commissionPage.action({
			request: await post(commissionUrl(id), cookie, fields),
			params: { commissionId: id },
			context: {},
		}),
	)
const pledgeFields = (holderId: string, over: Record<string, string> = {}) => ({
	intent: 'pledge',
	holderId,
	companions: '0',
	idempotencyKey: randomUUID(),
	...over,
})

describe('group activities near you', () => {
	it('lists open commissions to anyone, in the holder’s town by default, with the share and places left', async () => {
		const c = await offer('Seated yoga, Tuesdays')
		const anon = (await (
			(await groupsIndex.loader({ request: get('/groups', ''), params: {}, context: {} })) as Response
		).json()) as { town: string | null; open: Array<{ id: string; shareNow: number; placesLeft: number }>; yours: null }
		expect(anon.town).toBeNull()
		expect(anon.yours).toBeNull()
		expect(anon.open.find((o) => o.id === c.id)).toMatchObject({ shareNow: 8_000, placesLeft: 6 })

		const ann = (await (
			(await groupsIndex.loader({ request: get('/groups', cookies.ann), params: {}, context: {} })) as Response
		).json()) as { town: string | null; open: Array<{ id: string }>; yours: unknown[] }
		expect(ann.town).toBe('Leicester')
		expect(ann.open.map((o) => o.id)).toContain(c.id)
		const elsewhere = (await (
			(await groupsIndex.loader({
				request: get('/groups?town=bristol', cookies.ann),
				params: {},
				context: {},
			})) as Response
		).json()) as { town: string | null; open: unknown[] }
		expect(elsewhere).toMatchObject({ town: 'Bristol', open: [] })
	})
})

describe('a commission’s page', () => {
	it('shows the terms and progress to a visitor, with no one’s names and nothing to press', async () => {
		const c = await offer('Chair pilates')
		const data = await loadCommission(c.id, '')
		expect(data.view).toMatchObject({ status: 'OPEN', holders: [], actions: [], sessions: null, money: null })
		expect(data.view.progress).toMatchObject({ paying: 0, min: 3 })
		// A visitor is sent to sign in before anything is posted.
		const response = await actOnCommission(c.id, '', pledgeFields(holders.ann))
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
		expect(await db.prisma.pledge.count({ where: { commissionId: c.id } })).toBe(0)
	})

	it('pledges, withdraws, confirms and delivers a session through the page', async () => {
		const c = await offer('Seated yoga, Thursdays')
		const before = await loadCommission(c.id, cookies.ann)
		expect(before.view.holders).toEqual([expect.objectContaining({ id: holders.ann, actions: ['pledge'] })])
		expect(before.choices[holders.ann]).toMatchObject({ total: 8_000 })
		expect(before.choices[holders.ann]!.defaultLineId).not.toBeNull()

		const pledged = await actOnCommission(c.id, cookies.ann, pledgeFields(holders.ann))
		expect(pledged.status).toBe(302)
		expect(pledged.headers.get('Location')).toBe(`/commissions/${c.id}?done=pledge`)
		expect(await getHolderMoney(holders.ann)).toMatchObject({ held: 8_000 })

		// Sent again with the same key: one pledge.
		const key = randomUUID()
		expect((await actOnCommission(c.id, cookies.ben, pledgeFields(holders.ben, { idempotencyKey: key }))).status).toBe(
			302,
		)
		expect((await actOnCommission(c.id, cookies.ben, pledgeFields(holders.ben, { idempotencyKey: key }))).status).toBe(
			302,
		)
		expect(await db.prisma.pledge.count({ where: { commissionId: c.id, status: 'HELD' } })).toBe(2)

		// Withdraw, then pledge again.
		expect((await actOnCommission(c.id, cookies.ben, { intent: 'withdraw', holderId: holders.ben })).status).toBe(302)
		expect(await getHolderMoney(holders.ben)).toMatchObject({ held: 0 })
		expect((await loadCommission(c.id, cookies.ben)).view.holders[0]).toMatchObject({
			pledge: { status: 'VOIDED' },
			actions: ['pledge'],
		})

		// The provider cannot confirm below the minimum: the page says why.
		const early = await actOnCommission(c.id, cookies.amina, { intent: 'confirm' })
		expect(early.status).toBe(409)
		expect((await replyOf(early)).error).toBe('2 more people need to pledge before this can go ahead.')

		// A carer pledges for the person they act for.
		const carerView = await loadCommission(c.id, cookies.carer)
		expect(carerView.view.holders.map((h) => h.id)).toEqual([holders.dot])
		expect((await actOnCommission(c.id, cookies.carer, pledgeFields(holders.dot, { companions: '1' }))).status).toBe(
			302,
		)
		expect((await actOnCommission(c.id, cookies.ben, pledgeFields(holders.ben))).status).toBe(302)

		const provider = await loadCommission(c.id, cookies.amina)
		expect(provider.view.actions).toEqual(expect.arrayContaining(['confirm', 'cancel']))
		expect((await actOnCommission(c.id, cookies.amina, { intent: 'confirm' })).status).toBe(302)
		const funded = await loadCommission(c.id, cookies.ann)
		expect(funded.view.status).toBe('FUNDED')
		expect(funded.view.holders[0]).toMatchObject({ pledge: { status: 'POSTED' }, actions: [] })
		expect(funded.view.sessions).toHaveLength(2)
		expect(funded.view.money?.history.some((m) => /paid into the group’s money/.test(m.description))).toBe(true)
		expect(await getHolderMoney(holders.ann)).toMatchObject({ spent: 8_000, held: 0 })

		// The sessions are in each member's calendar (a carer's too, for the person they act for) and the provider's,
		// linking to the activity; not in anyone else's. The phone feed carries them as well.
		const groupItems = async (cookie: string) => {
			const page = (await (
				await calendar.loader({ request: get('/calendar', cookie), params: {}, context: {} })
			).json()) as {
				feedUrl: string
				days: { items: { href: string; title: string; with: string }[] }[]
			}
			return { page, items: page.days.flatMap((d) => d.items).filter((i) => i.href === `/commissions/${c.id}`) }
		}
		const dot = await db.prisma.budgetHolder.findUniqueOrThrow({ where: { id: holders.dot } })
		for (const who of [cookies.ann, cookies.ben, cookies.carer, cookies.amina]) {
			const { items } = await groupItems(who)
			expect(items.map((i) => i.title)).toEqual([
				'Seated yoga, Thursdays (group, session 1 of 2)',
				'Seated yoga, Thursdays (group, session 2 of 2)',
			])
		}
		expect((await groupItems(cookies.carer)).items[0]!.with).toMatch(new RegExp(`\\(for ${dot.displayName}\\)$`))
		expect((await groupItems(cookies.amina)).items[0]!.with).toBe('the group')
		expect((await groupItems(cookies.stranger)).items).toEqual([])
		const file = (await groupItems(cookies.ann)).page.feedUrl.split('/').at(-1)!
		const ics = await (
			(await feed.loader({ request: get(`/calendar/feed/${file}`, ''), params: { file }, context: {} })) as Response
		).text()
		expect(ics).toContain('SUMMARY:Seated yoga\\, Thursdays (group\\, session 1 of 2) with')
		expect(ics).toContain(`/commissions/${c.id}`)

		// After the first session: the provider marks it delivered and a member confirms it.
		setClockOffset(11 * DAY)
		const sessionId = funded.view.sessions![0]!.id
		const amina = await loadCommission(c.id, cookies.amina)
		expect(amina.view.sessions![0]!.actions).toContain('markDelivered')
		expect((await actOnCommission(c.id, cookies.amina, { intent: 'deliver', sessionId })).status).toBe(302)
		const ann = await loadCommission(c.id, cookies.ann)
		expect(ann.view.sessionHolderId).toBe(holders.ann)
		expect(ann.view.sessions![0]).toMatchObject({ status: 'DELIVERED', actions: ['confirmSession', 'reportProblem'] })
		const confirmed = await actOnCommission(c.id, cookies.ann, {
			intent: 'confirmSession',
			sessionId,
			holderId: holders.ann,
		})
		expect(confirmed.status).toBe(302)
		expect(await db.prisma.commissionSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
			status: 'CONFIRMED',
			paidPence: 12_000,
		})
	})

	it('answers bad input and refusals with a clear message by the form, changing nothing', async () => {
		const c = await offer('Gentle stretching')
		const noKey = await actOnCommission(c.id, cookies.ann, pledgeFields(holders.ann, { idempotencyKey: '' }))
		expect(noKey.status).toBe(400)
		expect((await replyOf(noKey)).result?.error?.idempotencyKey).toEqual([
			'This form is out of date. Reload the page and try again.',
		])
		const tooMany = await actOnCommission(c.id, cookies.ann, pledgeFields(holders.ann, { companions: '9' }))
		expect(tooMany.status).toBe(400)
		expect((await replyOf(tooMany)).result?.error?.companions).toEqual([
			'At most 5 companions can come with one person',
		])
		// Pledging for someone they do not act for.
		const notTheirs = await actOnCommission(c.id, cookies.stranger, pledgeFields(holders.ann))
		expect(notTheirs.status).toBe(403)
		expect((await replyOf(notTheirs)).result?.error?.['']).toEqual([
			'You do not have the right to pledge money for this person.',
		])
		// A holder cannot confirm or cancel: only the provider.
		const notProvider = await actOnCommission(c.id, cookies.ann, { intent: 'confirm' })
		expect(notProvider.status).toBe(403)
		expect((await replyOf(notProvider)).error).toBe('Only the provider can confirm this commission.')
		const noReason = await actOnCommission(c.id, cookies.amina, { intent: 'cancel', reason: ' ' })
		expect(noReason.status).toBe(400)
		expect((await replyOf(noReason)).result?.error?.reason?.[0]).toMatch(/^Enter why you are cancelling/)
		const unknown = await actOnCommission(c.id, cookies.ann, { intent: 'steal' })
		expect(unknown.status).toBe(400)
		expect(await db.prisma.pledge.count({ where: { commissionId: c.id } })).toBe(0)
		expect(
			await statusOf(
				commissionPage.loader({ request: get('/commissions/nope', ''), params: { commissionId: 'nope' }, context: {} }),
			),
		).toBe(404)
	})
})

describe('a group around a need', () => {
	let groupId = ''
	let token = ''

	it('is started from /groups/new, with each problem by its field', async () => {
		const url = '/groups/new'
		expect(await statusOf(newGroup.loader({ request: get(url, ''), params: {}, context: {} }))).toBe(302)
		const empty = await responseOf(
			newGroup.action({ request: await post(url, cookies.ann, { name: '' }), params: {}, context: {} }),
		)
		expect(empty.status).toBe(400)
		expect((await replyOf(empty)).result?.error).toMatchObject({
			name: ['Enter a name for the group'],
			description: ['Enter what the group needs'],
		})
		const started = await responseOf(
			newGroup.action({
				request: await post(url, cookies.ann, {
					name: 'Saturday swimming',
					description: 'A swimming session for wheelchair users, Saturdays.',
					town: 'leicester',
				}),
				params: {},
				context: {},
			}),
		)
		expect(started.status).toBe(302)
		groupId = /^\/groups\/([^?]+)\?started=1$/.exec(started.headers.get('Location') ?? '')?.[1] ?? ''
		expect(await db.prisma.group.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({
			town: 'Leicester',
			createdById: users.ann.id,
		})
	})

	const loadGroup = async (cookie: string) =>
		groupPage.loader({ request: get(`/groups/${groupId}`, cookie), params: { groupId }, context: {} })
	const actOnGroup = async (cookie: string, fields: Record<string, string>) =>
		responseOf(
			groupPage.action({ request: await post(`/groups/${groupId}`, cookie, fields), params: { groupId }, context: {} }),
		)

	it('shows the organiser the invitation link, and refuses a stranger and a visitor', async () => {
		const data = (await ((await loadGroup(cookies.ann)) as Response).json()) as { inviteLink: string | null }
		token = /\/groups\/join\/([^/]+)$/.exec(data.inviteLink ?? '')?.[1] ?? ''
		expect(token).not.toBe('')
		expect(await statusOf(loadGroup(cookies.stranger))).toBe(404)
		const visitor = await responseOf(loadGroup(''))
		expect(visitor.status).toBe(302)
		expect(visitor.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/groups/${groupId}`)}`)
		expect(
			(await actOnGroup(cookies.stranger, { intent: 'message', body: 'Hello', idempotencyKey: randomUUID() })).status,
		).toBe(404)
		expect(await db.prisma.groupMessage.count({ where: { groupId } })).toBe(0)
	})

	it('lets someone join by the link, for themself or a person they act for', async () => {
		const joinUrl = `/groups/join/${token}`
		const visitor = await responseOf(joinPage.loader({ request: get(joinUrl, ''), params: { token }, context: {} }))
		expect(visitor.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(joinUrl)}`)
		expect(
			await statusOf(
				joinPage.loader({ request: get('/groups/join/wrong', cookies.ben), params: { token: 'wrong' }, context: {} }),
			),
		).toBe(404)
		const invitation = (await (
			(await joinPage.loader({ request: get(joinUrl, cookies.carer), params: { token }, context: {} })) as Response
		).json()) as { holders: Array<{ id: string; member: boolean }> }
		expect(invitation.holders).toEqual([{ id: holders.dot, name: 'Dot Dale', member: false }])
		const join = async (cookie: string, fields: Record<string, string>) =>
			responseOf(joinPage.action({ request: await post(joinUrl, cookie, fields), params: { token }, context: {} }))
		const none = await join(cookies.carer, {})
		expect(none.status).toBe(400)
		expect((await replyOf(none)).result?.error?.holderId).toEqual(['Choose who is joining the group'])
		const notTheirs = await join(cookies.carer, { holderId: holders.ben })
		expect(notTheirs.status).toBe(403)
		expect((await replyOf(notTheirs)).result?.error?.['']).toEqual([
			'You can only add yourself, or someone you book or pay for.',
		])
		const joined = await join(cookies.carer, { holderId: holders.dot })
		expect(joined.headers.get('Location')).toBe(`/groups/${groupId}?done=joined`)
		expect((await join(cookies.ben, { holderId: holders.ben, showFullName: 'on' })).status).toBe(302)
		const view = (await ((await loadGroup(cookies.carer)) as Response).json()) as {
			view: { members: Array<{ name: string; you: boolean }> }
		}
		expect(view.view.members).toEqual([
			{ name: 'Dot', you: true },
			{ name: 'Ben Brook', you: false },
		])
	})

	it('keeps one message when the form is sent twice, and refuses an empty one', async () => {
		const key = randomUUID()
		for (let i = 0; i < 2; i++) {
			const sent = await actOnGroup(cookies.carer, {
				intent: 'message',
				body: 'Saturdays suit Dot best.',
				idempotencyKey: key,
			})
			expect(sent.headers.get('Location')).toBe(`/groups/${groupId}?done=message#messages`)
		}
		const empty = await actOnGroup(cookies.ben, { intent: 'message', body: '  ', idempotencyKey: randomUUID() })
		expect(empty.status).toBe(400)
		expect((await replyOf(empty)).result?.error?.body).toEqual(['Enter a message'])
		const view = (await ((await loadGroup(cookies.ann)) as Response).json()) as {
			view: { messages: Array<{ author: string; body: string }> }
		}
		expect(view.view.messages).toEqual([expect.objectContaining({ author: 'Grace', body: 'Saturdays suit Dot best.' })])
	})

	it('asks providers for a quote and lets the organiser choose one, which opens for pledges', async () => {
		const asked = await actOnGroup(cookies.ben, {
			intent: 'request',
			title: 'Saturday swimming',
			need: 'Six of us, wheelchair users, need a pool with a hoist.',
			when: 'Saturday mornings',
			providerIds: providerId,
		})
		expect(asked.status).toBe(302)
		const request = await db.prisma.commissionRequest.findFirstOrThrow({ where: { groupId } })
		expect(
			await db.prisma.notification.count({ where: { userId: users.amina.id, link: { contains: request.id } } }),
		).toBe(1)
		const quote = await answerQuote(users.amina, {
			requestId: request.id,
			providerId,
			pricingMode: 'PER_PLACE',
			pricePence: 6_000,
			firstSessionAt: new Date(Date.now() + 20 * DAY),
			sessionCount: 4,
			sessionMinutes: 60,
			minPeople: 2,
			maxPeople: 6,
			message: 'I can book the pool with a hoist.',
		})
		const benView = (await ((await loadGroup(cookies.ben)) as Response).json()) as {
			view: { requests: Array<{ quotes: Array<{ id: string; canChoose: boolean }> }> }
		}
		expect(benView.view.requests[0]!.quotes).toEqual([expect.objectContaining({ id: quote.id, canChoose: true })])
		// Someone who did not ask and did not start the group cannot choose.
		const refused = await actOnGroup(cookies.carer, { intent: 'choose', quoteId: quote.id, deadline: '2099-01-01' })
		expect(refused.status).toBe(403)
		const badDay = await actOnGroup(cookies.ann, { intent: 'choose', quoteId: quote.id, deadline: 'soon' })
		expect(badDay.status).toBe(400)
		expect((await replyOf(badDay)).result?.error?.deadline).toEqual([
			'Enter the last day people can pledge, like 2026-12-20',
		])
		const deadline = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10)
		const chosen = await actOnGroup(cookies.ann, {
			intent: 'choose',
			quoteId: quote.id,
			deadline,
			companionsAllowed: 'on',
		})
		expect(chosen.status).toBe(302)
		const commission = await db.prisma.commission.findFirstOrThrow({ where: { quoteId: quote.id } })
		expect(chosen.headers.get('Location')).toBe(`/commissions/${commission.id}?done=chosen`)
		expect(commission).toMatchObject({ status: 'OPEN', groupId, companionsAllowed: true, placePricePence: 6_000 })
	})
})
