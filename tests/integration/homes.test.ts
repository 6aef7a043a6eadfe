/**
 * A home for each person (issue 12): signing in takes each demo account to its own home, unless a safe redirectTo
 * was given; the holder's home shows the figures the database holds; the carer's home shows each person they act
 * for; a new holder after sign-up is welcomed; the admin's home links every admin place.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { getHolderMoney, reserveForSpending } from '#app/domain/money/holder-money.server.ts'
import { DEMO_PASSWORD, demoAccounts } from '#app/domain/people/demo-accounts.ts'
import { getHolderHome } from '#app/domain/people/home.server.ts'
import * as adminHome from '#app/routes/admin._index.tsx'
import * as home from '#app/routes/home.tsx'
import * as login from '#app/routes/login.tsx'
import * as confirmSignUp from '#app/routes/signup_.confirm.$token.tsx'
import * as signup from '#app/routes/signup.tsx'
import { addDays, startOfDay } from '#app/utils/dates.ts'
import { setDb } from '#app/utils/db.server.ts'
import { seed } from '#prisma/seed.ts'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

let db: TestDb
const ids = {} as Record<'funder' | 'hana' | 'hanaUser' | 'carer' | 'newcomer' | 'provider' | 'service', string>

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	await seed(db.prisma, { providers: 0 })
	const p = db.prisma
	ids.funder = (await createFunder(p, { name: 'Rutland County Council' })).id
	const hana = await createHolder(p, {
		funderId: ids.funder,
		displayName: 'Hana Figures',
		plan: { lines: [{ name: 'Personal care', amountPence: 500_000 }] },
	})
	ids.hana = hana.holder.id
	ids.hanaUser = hana.user!.id
	ids.carer = (await createUserWithRoles(p, { roles: ['REPRESENTATIVE'], name: 'Carla Helper' })).id
	await p.delegation.create({
		data: { holderId: ids.hana, delegateId: ids.carer, kind: 'REPRESENTATIVE', rights: ['VIEW', 'BOOK', 'PAY'] },
	})
	ids.newcomer = (await createHolder(p, { funderId: ids.funder, displayName: 'Nell Newcomer' })).user!.id
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: ids.funder })
	// £300.00 paid in now; £120.00 more due in 28 days.
	await createAllocation({
		funderId: ids.funder,
		holderId: ids.hana,
		staffUserId: staff.id,
		schedule: 'INSTALMENTS',
		amountEach: 30_000,
		count: 2,
		intervalDays: 28,
		firstOn: startOfDay(new Date()),
		idempotencyKey: randomUUID(),
	})
	await p.instalment.updateMany({
		where: { allocation: { holderId: ids.hana }, status: 'SCHEDULED' },
		data: { amountPence: 12_000 },
	})
	// £45.00 set aside.
	await reserveForSpending(p, {
		holderId: ids.hana,
		amount: 4_500,
		budgetLineId: null,
		idempotencyKey: randomUUID(),
		description: '£45.00 set aside for a session',
		initiator: { role: 'HOLDER', userId: ids.hanaUser },
	})
	const made = await createProviderWithService(p, { provider: { name: 'Bea Booked' } })
	const booking = (status: 'ACCEPTED' | 'REQUESTED' | 'DELIVERED', days: number) => {
		const startsAt = addDays(new Date(), days)
		return p.booking.create({
			data: {
				idempotencyKey: randomUUID(),
				holderId: ids.hana,
				providerId: made.provider.id,
				serviceId: made.service.id,
				bookedById: ids.hanaUser,
				startsAt,
				endsAt: new Date(startsAt.getTime() + 3_600_000),
				status,
				priceUnit: 'PER_HOUR',
				unitPricePence: 2_000,
				totalPence: 2_000,
				currency: 'GBP',
			},
		})
	}
	await booking('ACCEPTED', 3)
	await booking('ACCEPTED', 10)
	await booking('REQUESTED', 5)
	await booking('DELIVERED', -1)
	const group = await p.group.create({
		data: { name: 'Oakham swimmers', description: 'Swimming together', createdById: ids.hanaUser },
	})
	const commission = await p.commission.create({
		data: {
			groupId: group.id,
			title: 'Swimming with a hoist',
			description: 'Six weeks',
			targetPence: 60_000,
			currency: 'GBP',
			deadline: addDays(new Date(), 7),
		},
	})
	await p.pledge.create({
		data: { commissionId: commission.id, holderId: ids.hana, agreedMaxPence: 10_000, sharePence: 10_000 },
	})
}, 300_000)

afterAll(async () => {
	await db?.cleanup()
})

async function signInAs(email: string, redirectTo?: string) {
	const fields: Record<string, string> = { email, password: DEMO_PASSWORD }
	if (redirectTo !== undefined) fields.redirectTo = redirectTo
	const request = await post('/login', '', fields)
	return responseOf(login.action({ request, params: {}, context: { clientIp: `10.7.0.${email.length}` } }))
}

describe('where signing in takes each demo account', () => {
	const expected: Record<(typeof demoAccounts)[number]['email'], string> = {
		'holder@demo.test': '/home',
		'holder2@demo.test': '/home',
		'holder3@demo.test': '/home',
		'holder4@demo.test': '/home',
		'carer@demo.test': '/home',
		'provider@demo.test': '/provider',
		'org@demo.test': '/provider',
		'broker@demo.test': '/home',
		'funder@demo.test': '/funder',
		'admin@demo.test': '/admin',
	}
	for (const account of demoAccounts) {
		it(`takes ${account.email} to ${expected[account.email]}`, async () => {
			const response = await signInAs(account.email)
			expect(response.status).toBe(302)
			expect(response.headers.get('Location')).toBe(expected[account.email])
		})
	}

	it('keeps a safe redirectTo, and sends an unsafe one home instead', async () => {
		expect((await signInAs('funder@demo.test', '/search?q=PA')).headers.get('Location')).toBe('/search?q=PA')
		expect((await signInAs('funder@demo.test', '//evil.example')).headers.get('Location')).toBe('/funder')
	})

	it('sends someone already signed in from the sign-in page to their own home', async () => {
		const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } })
		const response = await responseOf(
			login.loader({ request: get('/login', await cookieFor(admin.id)), params: {}, context: {} }),
		)
		expect(response.headers.get('Location')).toBe('/admin')
	})

	it('sends a new budget holder home after sign-up, where they are welcomed', async () => {
		const request = await post('/signup', '', {
			name: 'Rosa Newcomer',
			email: 'rosa@example.test',
			password: 'a long enough password',
			role: 'HOLDER',
			funderId: ids.funder,
		})
		await responseOf(signup.action({ request, params: {}, context: { clientIp: '10.8.0.1' } }))
		const response = await finishSignUp('rosa@example.test')
		expect(response.headers.get('Location')).toBe('/home')
		const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''
		const data = await loadHome(cookie)
		expect(data.own?.isNew).toBe(true)
		// Until Rutland's staff confirm her, the home says so (ADR 016).
		expect(data.own?.funderAnswer).toBe('waiting')
		expect(data.own?.planStep).toEqual({ kind: 'no-plan', funderName: 'Rutland County Council' })
	})

	it('sends a new provider to their dashboard after sign-up', async () => {
		const request = await post('/signup', '', {
			name: 'Pat Provider',
			email: 'pat@example.test',
			password: 'a long enough password',
			role: 'PROVIDER',
		})
		await responseOf(signup.action({ request, params: {}, context: { clientIp: '10.8.0.2' } }))
		expect((await finishSignUp('pat@example.test')).headers.get('Location')).toBe('/provider')
	})
})

/** Sign-up finishes by the emailed link (ADR 016): open it from the outbox and press its button. */
async function finishSignUp(email: string) {
	const sent = await db.prisma.emailOutbox.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: 'desc' } })
	const token = /\/signup\/confirm\/([\w-]+)/.exec(sent.body)?.[1] ?? ''
	const request = await post(`/signup/confirm/${token}`, '', { intent: 'confirm' })
	return responseOf(confirmSignUp.action({ request, params: { token }, context: {} }))
}

async function loadHome(cookie: string) {
	const response = await responseOf(home.loader({ request: get('/home', cookie), params: {}, context: {} }))
	return (await response.json()) as {
		firstName: string
		own: null | {
			holder: { id: string }
			available: number
			held: number
			nextPayment: { amount: number } | null
			nextSessions: { id: string; startsAt: string; status: string }[]
			toConfirm: { status: string }[]
			waitingForProvider: { status: string }[]
			pledges: { title: string; held: number }[]
			planStep: { kind: string; funderName: string; on?: string }
			isNew: boolean
			funderAnswer: 'waiting' | 'declined' | 'confirmed'
		}
		helping:
			| null
			| {
					id: string
					displayName: string
					currency: string
					available: number
					held: number
					toConfirm: number
					upcoming: number
			  }[]
	}
}

describe('the holder’s home', () => {
	it('shows the balance, what is held, the next payment and sessions, and what needs an answer, from the database', async () => {
		const data = await loadHome(await cookieFor(ids.hanaUser))
		const own = data.own!
		expect(own.holder.id).toBe(ids.hana)
		expect(own.available).toBe(30_000 - 4_500)
		expect(own.held).toBe(4_500)
		expect(own.nextPayment?.amount).toBe(12_000)
		expect(own.nextSessions.map((s) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED'])
		expect(new Date(own.nextSessions[0]!.startsAt).getTime()).toBeLessThan(
			new Date(own.nextSessions[1]!.startsAt).getTime(),
		)
		expect(own.toConfirm.map((b) => b.status)).toEqual(['DELIVERED'])
		expect(own.waitingForProvider.map((b) => b.status)).toEqual(['REQUESTED'])
		expect(own.pledges).toEqual([expect.objectContaining({ title: 'Swimming with a hoist', held: 10_000 })])
		expect(own.planStep.kind).toBe('ask')
		expect(own.isNew).toBe(false)
		expect(data.helping).toBeNull()
	})

	it('gives the next step of the plan: its next review once one is set', async () => {
		const plan = await db.prisma.supportPlan.findFirstOrThrow({ where: { holderId: ids.hana, status: 'AGREED' } })
		const on = addDays(startOfDay(new Date()), 60)
		await db.prisma.planReview.create({
			data: {
				planId: plan.id,
				reviewerId: ids.hanaUser,
				heldOn: startOfDay(new Date()),
				dueOn: startOfDay(new Date()),
				completedAt: new Date(),
				whatWorked: 'Mornings',
				whatToChange: 'Evenings',
				nextReviewOn: on,
			},
		})
		const own = await getHolderHome(ids.hana)
		expect(own?.planStep).toEqual({ kind: 'review', on, funderName: 'Rutland County Council' })
	})

	it('reads the lists, the problems, the pledges, the plan and the funder’s answer the tables hold, capped as before', async () => {
		// issue 14: the home reads these in three queries; here they are read again the way it read them before.
		const p = db.prisma
		const made = await createHolder(p, { funderId: ids.funder, displayName: 'Cas Capped' })
		const holderId = made.holder.id
		await p.budgetHolder.update({ where: { id: holderId }, data: { joinRequestedAt: new Date() } })
		const provider = await createProviderWithService(p, { provider: { name: 'Many Sessions' } })
		const now = new Date()
		const statuses = [
			...Array<'ACCEPTED'>(5).fill('ACCEPTED'),
			...Array<'REQUESTED'>(21).fill('REQUESTED'),
			'CONFIRMED',
			'DECLINED',
		] as const
		let hour = 0
		const book = (status: (typeof statuses)[number] | 'DELIVERED' | 'DISPUTED', hours: number) =>
			p.booking.create({
				data: {
					idempotencyKey: randomUUID(),
					holderId,
					providerId: provider.provider.id,
					serviceId: provider.service.id,
					bookedById: made.user!.id,
					startsAt: new Date(now.getTime() + hours * 3_600_000),
					endsAt: new Date(now.getTime() + hours * 3_600_000 + 1_800_000),
					status,
					priceUnit: 'PER_HOUR',
					unitPricePence: 2_000,
					totalPence: 2_000 + hour,
					feePence: hour,
					currency: 'GBP',
				},
			})
		// Future sessions in mixed order; 22 that happened (20 are shown); two in dispute.
		for (const status of statuses) await book(status, 200 - 2 * ++hour)
		for (let i = 0; i < 22; i++) await book(i % 2 ? 'ACCEPTED' : 'DELIVERED', -2 * ++hour)
		await book('DISPUTED', -2 * ++hour)
		await book('DISPUTED', -2 * ++hour)
		const group = await p.group.create({
			data: { name: 'Cas’s group', description: 'Together', createdById: made.user!.id },
		})
		for (const [title, days, status, pledge] of [
			['Later', 9, 'OPEN', 'HELD'],
			['Sooner', 4, 'OPEN', 'HELD'],
			['Funded', 2, 'FUNDED', 'POSTED'],
			['Withdrawn', 3, 'OPEN', 'VOIDED'],
		] as const) {
			const c = await p.commission.create({
				data: {
					groupId: group.id,
					title,
					description: title,
					targetPence: 60_000,
					currency: 'GBP',
					deadline: addDays(now, days),
					status,
				},
			})
			await p.pledge.create({
				data: { commissionId: c.id, holderId, agreedMaxPence: 1_000 * days, sharePence: 1_000 * days, status: pledge },
			})
		}

		const select = {
			id: true,
			status: true,
			startsAt: true,
			endsAt: true,
			totalPence: true,
			feePence: true,
			currency: true,
			seriesId: true,
			holder: { select: { displayName: true } },
			provider: { select: { name: true } },
			service: { select: { title: true } },
		} as const
		const list = (where: object, take: number) =>
			p.booking.findMany({ where: { holderId, ...where }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take, select })
		const own = await getHolderHome(holderId, now)
		expect(own?.nextSessions).toEqual(await list({ status: 'ACCEPTED', startsAt: { gt: now } }, 3))
		expect(own?.toConfirm).toEqual(
			await list({ status: { in: ['ACCEPTED', 'DELIVERED'] }, startsAt: { lte: now } }, 20),
		)
		expect(own?.waitingForProvider).toEqual(await list({ status: 'REQUESTED', startsAt: { gt: now } }, 20))
		expect([own?.nextSessions.length, own?.toConfirm.length, own?.waitingForProvider.length]).toEqual([3, 20, 20])
		expect(own?.problems).toBe(2)
		expect(own?.pledges.map((x) => [x.title, x.held, x.groupName, x.currency])).toEqual([
			['Sooner', 4_000, 'Cas’s group', 'GBP'],
			['Later', 9_000, 'Cas’s group', 'GBP'],
		])
		expect(own?.pledges[0]?.deadline).toEqual(addDays(now, 4))
		expect(own?.funderAnswer).toBe('waiting')
		expect(own?.isNew).toBe(false)
		expect(own?.planStep).toEqual({ kind: 'no-plan', funderName: 'Rutland County Council' })
		await p.budgetHolder.update({ where: { id: holderId }, data: { joinDeclinedAt: new Date() } })
		expect((await getHolderHome(holderId, now))?.funderAnswer).toBe('declined')
	})

	it('welcomes a holder with nothing yet', async () => {
		const data = await loadHome(await cookieFor(ids.newcomer))
		expect(data.own?.isNew).toBe(true)
		expect(data.own?.available).toBe(0)
	})
})

describe('the helper’s home', () => {
	it('lists each person they act for with their balance and what waits', async () => {
		const data = await loadHome(await cookieFor(ids.carer))
		expect(data.own).toBeNull()
		expect(data.helping).toEqual([
			expect.objectContaining({
				id: ids.hana,
				displayName: 'Hana Figures',
				available: 25_500,
				held: 4_500,
				toConfirm: 1,
				upcoming: 2,
			}),
		])
		// The card's balances are the money page's (issue 14: the card now reads only the accounts).
		const money = await getHolderMoney(ids.hana)
		expect(data.helping?.[0]).toMatchObject({
			currency: money?.currency,
			available: money?.available,
			held: money?.held,
		})
	})

	it('lists nobody once the holder withdraws their consent', async () => {
		const lapsed = await createUserWithRoles(db.prisma, { roles: ['BROKER'] })
		await db.prisma.delegation.create({
			data: { holderId: ids.hana, delegateId: lapsed.id, kind: 'BROKER', rights: ['VIEW'], revokedAt: new Date() },
		})
		const data = await loadHome(await cookieFor(lapsed.id))
		expect(data.helping).toEqual([])
	})

	it('shows the demo carer Margaret Okafor', async () => {
		const carer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'carer@demo.test' } })
		const data = await loadHome(await cookieFor(carer.id))
		expect(data.helping?.map((h) => h.displayName)).toContain('Margaret Okafor')
	})
})

describe('places without a personal home', () => {
	it('sends someone not signed in, or with an expired session, to sign in and back to /home', async () => {
		const signIn = '/login?redirectTo=%2Fhome%3Ftab%3D1'
		const anonymous = await responseOf(home.loader({ request: get('/home?tab=1', ''), params: {}, context: {} }))
		expect(anonymous.headers.get('Location')).toBe(signIn)
		expect(anonymous.headers.get('Set-Cookie')).toBeNull()
		const user = await createUserWithRoles(db.prisma, { roles: ['HOLDER'] })
		const cookie = await cookieFor(user.id)
		await db.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
		const expired = await responseOf(home.loader({ request: get('/home?tab=1', cookie), params: {}, context: {} }))
		expect(expired.headers.get('Location')).toBe(signIn)
		// The stale cookie is cleared on the way.
		expect(expired.headers.get('Set-Cookie')).toMatch(/^bm_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/)
	})

	it('sends a provider or funder staff from /home to their own home', async () => {
		for (const [email, to] of [
			['provider@demo.test', '/provider'],
			['funder@demo.test', '/funder'],
			['admin@demo.test', '/admin'],
		] as const) {
			const user = await db.prisma.user.findUniqueOrThrow({ where: { email } })
			const response = await responseOf(
				home.loader({ request: get('/home', await cookieFor(user.id)), params: {}, context: {} }),
			)
			expect(response.headers.get('Location'), email).toBe(to)
		}
	})

	it('shows the admin home to admins only, with what waits in each admin place', async () => {
		const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } })
		const data = (await (
			await responseOf(adminHome.loader({ request: get('/admin', await cookieFor(admin.id)), params: {}, context: {} }))
		).json()) as { people: number; funders: number }
		expect(data.people).toBe(await db.prisma.user.count())
		expect(data.funders).toBe(await db.prisma.funder.count())
		expect(
			await statusOf(
				adminHome.loader({ request: get('/admin', await cookieFor(ids.hanaUser)), params: {}, context: {} }),
			),
		).toBe(403)
	})
})
