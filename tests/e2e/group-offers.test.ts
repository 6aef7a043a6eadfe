/**
 * Group offers from the provider's side in the browser (issue 9), on the built app served from this test process on
 * a fresh database (as tests/e2e/groups.test.ts does), so the test owns its people:
 *  - a group asks for quotes; the provider finds the request on her dashboard, answers it with a quote, the group's
 *    organiser chooses it, and it becomes an offer a member can pledge to;
 *  - a provider offers a group activity from her dashboard (the form's problems shown first), and it shows on her
 *    public profile with the share per person and places left.
 * Every page passes axe-core, also with its error summary showing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestQuotes, startGroup } from '#app/domain/commissions/commissions.server.ts'
import { createHolder, createProviderWithService, TEST_PASSWORD } from '#tests/db-utils.ts'
import { serveApp, type AppServer } from './app-server.ts'
import { allocateOnce, closeTestDb, openWorld } from '#tests/setup/domain.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { attributeOf, expectNoAxeViolations, launchBrowserForFile, signedInPage, textOf } from './browser.ts'

const JOURNEY = 180_000
let db: TestDb
let server: AppServer | undefined
let base = ''
let groupId = ''
let providerSlug = ''

launchBrowserForFile()

beforeAll(async () => {
	const world = await openWorld()
	db = world.db
	const p = db.prisma
	const ann = await createHolder(p, {
		funderId: world.funderId,
		displayName: 'Ann Archer',
		town: 'Leicester',
		user: { email: 'ann@offers.test' },
		plan: { lines: [{ name: 'Getting out', categorySlug: 'fitness-and-wellbeing', amountPence: 100_000 }] },
	})
	await allocateOnce({
		funderId: world.funderId,
		holderId: ann.holder.id,
		staffUserId: world.staff.id,
		amountEach: 50_000,
	})
	const amina = await createProviderWithService(p, {
		owner: { name: 'Amina Shah', email: 'amina@offers.test' },
		provider: { name: 'Amina Shah' },
		service: { title: 'Seated yoga', categorySlug: 'fitness-and-wellbeing' },
	})
	providerSlug = amina.provider.slug
	const annUser = { id: ann.user!.id, name: ann.user!.name, roles: ann.user!.roles, funderId: world.funderId }
	const group = await startGroup(annUser, {
		name: 'Saturday swimming',
		description: 'Wheelchair users in Leicester.',
		town: 'Leicester',
	})
	groupId = group.id
	await requestQuotes(annUser, {
		groupId,
		title: 'Saturday swimming',
		need: 'A pool with a hoist and a changing place, for about six of us.',
		when: 'Saturday mornings',
		providerIds: [amina.provider.id],
	})
	server = await serveApp()
	base = server.base
}, JOURNEY)

afterAll(async () => {
	await server?.close()
	await closeTestDb(db)
})

/** A page signed in as this person on this file's own server. */
const signedIn = (email: string): Promise<Page> => signedInPage(email, { base, password: TEST_PASSWORD })

describe('a group asks for quotes', () => {
	it(
		'is answered by a provider with a quote that the group chooses, and people can pledge to it',
		async () => {
			const amina = await signedIn('amina@offers.test')
			await amina.goto(`${base}/provider`)
			const asking = amina.getByRole('list', { name: 'Groups asking you for a quote' })
			await asking.getByRole('link', { name: 'Saturday swimming' }).click()
			await amina.waitForURL(/\/provider\/quote-requests\/[^/]+$/)
			await textOf(amina.getByRole('heading', { level: 1 }), 'A group asks for a quote: Saturday swimming')
			await textOf(amina.getByText(/A pool with a hoist/), 'about six of us')
			await expectNoAxeViolations(amina)
			await amina.getByLabel('Price in pounds').fill('')
			await amina.getByRole('button', { name: 'Send the quote from Amina Shah' }).click()
			await textOf(amina.getByRole('alert').first(), 'Enter a price')
			await expectNoAxeViolations(amina)
			await amina.getByLabel('A price for each person').check()
			await amina.getByLabel('Price in pounds').fill('30.00')
			await amina.getByLabel('Fewest people').fill('2')
			await amina.getByLabel('Most people (optional)').fill('6')
			await amina.getByLabel('Your message to the group').fill('I can book the pool at Spence Street with a hoist.')
			await amina.getByRole('button', { name: 'Send the quote from Amina Shah' }).click()
			await amina.waitForURL(/\?done=sent$/)
			await textOf(amina.getByRole('status'), 'Your quote has been sent.')
			await textOf(amina.getByText(/a person$/), '£30.00 a person')
			await expectNoAxeViolations(amina)

			const ann = await signedIn('ann@offers.test')
			await ann.goto(`${base}/groups/${groupId}#quotes`)
			await textOf(ann.getByRole('region', { name: 'Quotes from providers' }), 'Amina Shah: £30.00 a person')
			await ann.getByRole('button', { name: 'Choose this quote from Amina Shah' }).click()
			await ann.waitForURL(/\/commissions\/[^/]+\?done=chosen$/)
			await textOf(ann.getByRole('heading', { level: 1 }), 'Saturday swimming')
			const bar = ann.getByRole('progressbar')
			expect(await bar.getAttribute('aria-valuenow')).toBe('0')
			expect(await bar.getAttribute('aria-valuemax')).toBe('2')
			await expectNoAxeViolations(ann)
			await ann.getByRole('button', { name: /^Pledge £[\d,.]+ for Ann Archer$/ }).click()
			await ann.waitForURL(/\?done=pledge$/)
			expect(await attributeOf(ann.getByRole('progressbar'), 'aria-valuenow', '1')).toBe('1')

			// The provider's page now says the group chose her quote, with a link to the activity.
			await amina.reload()
			await textOf(amina.getByText('The group chose your quote.'), 'chose your quote')
			await amina.getByRole('link', { name: 'See the group activity it became' }).click()
			await amina.waitForURL(/\/commissions\//)
			await ann.context().close()
			await amina.context().close()
		},
		JOURNEY,
	)
})

describe('a provider offers a group activity', () => {
	it(
		'is made from the dashboard and shows on her profile',
		async () => {
			const amina = await signedIn('amina@offers.test')
			await amina.goto(`${base}/provider`)
			await amina.getByRole('link', { name: 'Offer a group activity' }).click()
			await amina.waitForURL(`${base}/provider/group-offers/new`)
			await expectNoAxeViolations(amina)
			await amina.getByRole('button', { name: 'Offer the activity' }).click()
			await textOf(amina.getByRole('alert').first(), 'Enter a title')
			await expectNoAxeViolations(amina)
			await amina.getByLabel('Title').fill('Seated yoga, Tuesdays 10:00')
			await amina.getByLabel('What will people do?').fill('Gentle seated yoga in the community hall. Step-free.')
			await amina.getByLabel('A price for each person').check()
			await amina.getByLabel('Price in pounds').fill('48.00')
			await amina.getByLabel('Your cancellation terms').fill('If I cancel, you get back your share of every session.')
			await amina.getByLabel('Carers and companions can come free').check()
			await amina.getByRole('button', { name: 'Offer the activity' }).click()
			await amina.waitForURL(/\/commissions\/[^/]+\?done=offered$/)
			await textOf(amina.getByRole('status'), 'Your group activity is open for pledges.')
			await expectNoAxeViolations(amina)

			await amina.goto(`${base}/provider`)
			await amina.getByRole('link', { name: 'Amina Shah', exact: true }).first().click()
			await amina.waitForURL(`${base}/providers/${providerSlug}`)
			const block = amina.getByRole('region', { name: 'Group activities' })
			await textOf(block, 'Seated yoga, Tuesdays 10:00')
			await textOf(block, '£48.00 a person')
			await textOf(block, '10 places left')
			await expectNoAxeViolations(amina)
			await amina.context().close()
		},
		JOURNEY,
	)
})
