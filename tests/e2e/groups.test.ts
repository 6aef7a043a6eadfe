/**
 * Buying together in the browser (issue 9), on the built app served from this test process on a fresh database
 * (as the reviews journey does), so the test owns its three holders, its provider and its two offers, made with the
 * shared builders and the commissions domain:
 *  - a holder starts a group around a need and another joins it by the invitation link;
 *  - three holders pledge to a class from its page, the provider confirms it, the first session is marked delivered
 *    and confirmed (the server's test clock moves past it), and each member's money page shows their share;
 *  - a class that misses its minimum returns every penny at its deadline (the clock moves past it and the jobs run).
 * Every page passes axe-core, also with its error summary showing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createOffer } from '#app/domain/commissions/commissions.server.ts'
import { createHolder, createProviderWithService, TEST_PASSWORD } from '#tests/db-utils.ts'
import { serveApp, type AppServer } from './app-server.ts'
import { allocateOnce, closeTestDb, openWorld, sessionUser } from '#tests/setup/domain.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import {
	adminClock,
	attributeOf,
	expectNoAxeViolations,
	launchBrowserForFile,
	shows,
	signedInPage,
	textOf,
} from './browser.ts'

// The test clock's route answers only with TEST_CLOCK=true; set before the app reads its environment.
vi.hoisted(() => {
	process.env.TEST_CLOCK = 'true'
})

const DAY = 86_400_000
/** Each journey signs several people in through the form; on a busy 2-core machine that takes a while. */
const JOURNEY = 180_000
const HOUR = 3_600_000
let db: TestDb
let server: AppServer | undefined
let base = ''
let clock: Awaited<ReturnType<typeof adminClock>>
const members = [
	{ key: 'ann', name: 'Ann Archer', email: 'ann@groups.test', holderId: '' },
	{ key: 'ben', name: 'Ben Brook', email: 'ben@groups.test', holderId: '' },
	{ key: 'cat', name: 'Cat Cole', email: 'cat@groups.test', holderId: '' },
] as const
const holderIds: Record<string, string> = {}
const yoga = { id: '', firstSessionAt: new Date() }
const pilates = { id: '', deadline: new Date() }

launchBrowserForFile()

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	const p = db.prisma
	await world.person({ roles: ['ADMIN'], email: 'admin@groups.test', name: 'Alex Morgan' })
	for (const m of members) {
		const created = await createHolder(p, {
			funderId: world.funderId,
			displayName: m.name,
			town: 'Leicester',
			user: { email: m.email },
			plan: { lines: [{ name: 'Getting out', categorySlug: 'fitness-and-wellbeing', amountPence: 100_000 }] },
		})
		holderIds[m.key] = created.holder.id
		await allocateOnce({
			funderId: world.funderId,
			holderId: created.holder.id,
			staffUserId: world.staff.id,
			amountEach: 50_000,
		})
	}
	const amina = await createProviderWithService(p, {
		owner: { name: 'Amina Shah', email: 'amina@groups.test' },
		provider: { name: 'Amina Shah', acceptsGroupBookings: true },
		service: { title: 'Seated yoga', categorySlug: 'fitness-and-wellbeing' },
	})
	const owner = sessionUser(amina.owner)
	const offer = (title: string, firstInDays: number) => {
		const first = new Date(Date.now() + firstInDays * DAY)
		return createOffer(owner, {
			providerId: amina.provider.id,
			serviceId: amina.service.id,
			title,
			description: 'Gentle exercise in the community hall, sitting down. Everyone welcome.',
			pricingMode: 'SPLIT_TOTAL',
			pricePence: 24_000,
			minPeople: 3,
			maxPeople: 6,
			firstSessionAt: first,
			sessionCount: 2,
			sessionMinutes: 60,
			deadline: new Date(first.getTime() - 3 * DAY),
			cancellationTerms: 'If I cancel, you get back your share of every session not delivered.',
			companionsAllowed: true,
		})
	}
	const y = await offer('Seated yoga, Tuesdays', 10)
	yoga.id = y.id
	yoga.firstSessionAt = y.firstSessionAt!
	const c = await offer('Chair pilates, Fridays', 30)
	pilates.id = c.id
	pilates.deadline = c.deadline
	server = await serveApp()
	base = server.base
	clock = await adminClock(base, 'admin@groups.test', TEST_PASSWORD)
})

afterAll(async () => {
	await clock?.send({ reset: true })
	await server?.close()
	await closeTestDb(db)
})

/** Moves the server's clock forward to just after `instant` and runs the scheduled jobs once. */
async function advanceClockPast(instant: Date): Promise<void> {
	const serverNow = await clock.now()
	const minutes = Math.max(0, Math.ceil((instant.getTime() - serverNow.getTime()) / 60_000) + 5)
	expect((await clock.send({ advanceMinutes: minutes })).status).toBe(200)
}

/** A page signed in as this person on this file's own server. */
const signedIn = (email: string): Promise<Page> => signedInPage(email, { base, password: TEST_PASSWORD })

/** The "Available to spend" figure on the holder's money page, in pence. */
async function availableOf(page: Page, holderId: string): Promise<number> {
	await page.goto(`${base}/holders/${holderId}/money`)
	const figure = page.getByText('Available to spend').locator('..')
	return Number(((await figure.locator('dd').first().textContent()) ?? '').replace(/[£,.]/g, ''))
}

describe('a group around a need', () => {
	it(
		'is started by one holder and joined by another through its invitation link',
		async () => {
			const ann = await signedIn('ann@groups.test')
			await ann.goto(`${base}/groups`)
			await textOf(ann.getByRole('heading', { level: 1 }), 'Group activities near you')
			await textOf(ann.getByRole('heading', { name: /Open for pledges in Leicester/ }), 'Leicester')
			await expectNoAxeViolations(ann)
			await ann.getByRole('link', { name: 'Start a group', exact: true }).click()
			await ann.waitForURL(`${base}/groups/new`)
			await ann.getByRole('button', { name: 'Start the group' }).click()
			await textOf(ann.getByRole('alert'), 'Enter a name for the group')
			await expectNoAxeViolations(ann)
			await ann.getByLabel('Name of the group').fill('Saturday swimming')
			await ann.getByLabel('What do you need?').fill('A swimming session for wheelchair users, Saturdays.')
			await ann.getByLabel('Town (optional)').fill('Leicester')
			await ann.getByRole('button', { name: 'Start the group' }).click()
			await ann.waitForURL(/\/groups\/[^/]+\?started=1$/)
			await textOf(ann.getByRole('status'), 'Your group has started.')
			const link = await ann.getByLabel('Invitation link').inputValue()
			expect(link).toMatch(/\/groups\/join\/[\w-]+$/)
			await expectNoAxeViolations(ann)

			const ben = await signedIn('ben@groups.test')
			await ben.goto(link)
			await textOf(ben.getByRole('heading', { level: 1 }), 'Join Saturday swimming')
			await expectNoAxeViolations(ben)
			await ben.getByLabel('Ben Brook (you)').check()
			await ben.getByRole('button', { name: 'Join the group' }).click()
			await ben.waitForURL(/\?done=joined$/)
			await textOf(ben.getByRole('region', { name: 'Members' }), 'Ben (you, or someone you act for)')
			await ben.getByLabel('Write a message to the group').fill('Saturday mornings suit me.')
			await ben.getByRole('button', { name: 'Send the message' }).click()
			await ben.waitForURL(/done=message/)
			await textOf(ben.getByRole('list', { name: 'Messages, oldest first' }), 'Saturday mornings suit me.')
			await expectNoAxeViolations(ben)
			await ann.context().close()
			await ben.context().close()
		},
		JOURNEY,
	)
})

describe('three holders buy a class together', () => {
	it(
		'is pledged for by three holders from its page',
		async () => {
			for (const [i, m] of members.entries()) {
				const page = await signedIn(m.email)
				await page.goto(`${base}/groups`)
				await page.getByRole('link', { name: 'Seated yoga, Tuesdays' }).click()
				await page.waitForURL(`${base}/commissions/${yoga.id}`)
				await textOf(page.getByRole('heading', { level: 1 }), 'Seated yoga, Tuesdays')
				const bar = page.getByRole('progressbar')
				expect(await bar.getAttribute('aria-valuenow')).toBe(String(i))
				expect(await bar.getAttribute('aria-valuemax')).toBe('3')
				expect(await bar.getAttribute('aria-valuetext')).toBe(`${i} of 3 people needed; £80.00 each`)
				await textOf(page.getByText(/will be set aside from/), `£80.00 will be set aside from ${m.name}’s budget now.`)
				if (i === 0) await expectNoAxeViolations(page)
				await page.getByRole('button', { name: `Pledge £80.00 for ${m.name}` }).click()
				await page.waitForURL(`${base}/commissions/${yoga.id}?done=pledge`)
				await textOf(page.getByRole('status'), 'Your pledge is in.')
				expect(await attributeOf(page.getByRole('progressbar'), 'aria-valuenow', String(i + 1))).toBe(String(i + 1))
				if (i === 2) await expectNoAxeViolations(page)
				await page.context().close()
			}
		},
		JOURNEY,
	)

	it(
		'is confirmed by the provider, and its first session delivered, confirmed and paid',
		async () => {
			const provider = await signedIn('amina@groups.test')
			await provider.goto(`${base}/commissions/${yoga.id}`)
			await textOf(provider.getByText(/3 of 3 people needed/).first(), 'The minimum is reached.')
			await expectNoAxeViolations(provider)
			await provider.getByRole('button', { name: 'Confirm it goes ahead' }).click()
			await provider.waitForURL(/done=confirm/)
			await textOf(provider.locator('#commission-status'), 'Going ahead')

			// The first session happens: the provider marks it delivered and a member confirms it.
			await advanceClockPast(new Date(yoga.firstSessionAt.getTime() + HOUR))
			await provider.reload()
			await provider.getByRole('button', { name: 'Mark session 1 as delivered' }).click()
			await provider.waitForURL(/done=deliver/)
			await textOf(
				provider.getByRole('list').filter({ hasText: 'Session 1:' }).first(),
				'Delivered: waiting for confirmation',
			)
			await expectNoAxeViolations(provider)

			const ann = await signedIn('ann@groups.test')
			await ann.goto(`${base}/commissions/${yoga.id}`)
			await ann.getByRole('button', { name: 'Confirm session 1 happened' }).click()
			await ann.waitForURL(/done=confirmSession/)
			await textOf(ann.getByRole('list').filter({ hasText: 'Session 1:' }).first(), '£120.00 paid to the provider')
			await textOf(ann.getByRole('region', { name: 'Where the money is' }), 'The group’s money holds £120.00 now.')
			await expectNoAxeViolations(ann)
			await ann.context().close()
			await provider.context().close()
		},
		JOURNEY,
	)

	it(
		'shows each member their share on their money page',
		async () => {
			for (const m of members) {
				const page = await signedIn(m.email)
				expect(await availableOf(page, holderIds[m.key]!)).toBe(42_000)
				await shows(page.getByRole('row', { name: /£80\.00 paid into the group’s money for “Seated yoga, Tuesdays”/ }))
				if (m.key === 'cat') await expectNoAxeViolations(page)
				await page.context().close()
			}
		},
		JOURNEY,
	)
})

describe('a class that misses its minimum', () => {
	it(
		'returns every penny at the deadline',
		async () => {
			const ann = await signedIn('ann@groups.test')
			const before = await availableOf(ann, holderIds.ann!)
			await ann.goto(`${base}/commissions/${pilates.id}`)
			await ann.getByRole('button', { name: 'Pledge £80.00 for Ann Archer' }).click()
			await ann.waitForURL(/done=pledge/)
			expect(await availableOf(ann, holderIds.ann!)).toBe(before - 8_000)

			await advanceClockPast(pilates.deadline)
			await ann.goto(`${base}/commissions/${pilates.id}`)
			await textOf(ann.locator('#commission-status'), 'Did not go ahead: every pledge returned')
			await textOf(ann.locator(`[id="pledge-${holderIds.ann}"]`), 'Returned to the budget')
			await expectNoAxeViolations(ann)
			expect(await availableOf(ann, holderIds.ann!)).toBe(before)
			await ann.goto(`${base}/notifications`)
			await shows(ann.getByText('“Chair pilates, Fridays” is not going ahead: your money is back'))
			await ann.context().close()
		},
		JOURNEY,
	)
})
