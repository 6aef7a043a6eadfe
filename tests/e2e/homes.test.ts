/**
 * A home for each person, and no dead ends (issue 12): each demo account signs in, lands on its own home, and
 * reaches every place the README lists for that person by clicking links alone, never typing an address: on a
 * desktop (1280 px) and on a phone (320 px). The header marks the current place (aria-current="page"); no page
 * scrolls sideways on the phone; axe-core checks each page on the desktop and each home on the phone.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestFile, expectNoAxeViolations, openPage, shows, signIn, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 320, height: 720 } } as const

/** A click on a link: in the header's main navigation, or in the page's main content. */
type Step = { link: string; in: 'nav' | 'main'; to: RegExp }

const nav = (link: string, to: RegExp): Step => ({ link, in: 'nav', to })
const main = (link: string, to: RegExp): Step => ({ link, in: 'main', to })

const money = /\/holders\/[^/]+\/money$/
const helperSteps = (person: string): Step[] => [
	nav('Search', /\/search$/),
	nav('Bookings', /\/bookings$/),
	nav('People I help', /\/home$/),
	main(person, /\/holders\/[^/]+$/),
	main(`Money of ${person}`, money),
	nav('People I help', /\/home$/),
	main(`Statement of ${person}`, money),
	nav('Notifications', /\/notifications$/),
	nav('My account', /\/account$/),
]
const providerSteps: Step[] = [
	nav('Money', /\/provider\/money$/),
	nav('Dashboard', /\/provider$/),
	nav('Find support', /\/search$/),
	nav('Dashboard', /\/provider$/),
	main('See your calendar, or add it to your phone', /\/calendar$/),
	nav('My account', /\/account$/),
]

const journeys: { email: string; home: string; homeLink: string; steps: Step[] }[] = [
	{
		email: 'holder@demo.test',
		home: '/home',
		homeLink: 'Home',
		steps: [
			nav('Search', /\/search$/),
			nav('Bookings', /\/bookings$/),
			nav('Money', money),
			nav('Groups', /\/groups$/),
			nav('Home', /\/home$/),
			main('Your statement', money),
			nav('Home', /\/home$/),
			main('See your budget and plan', /\/holders\/[^/]+$/),
			nav('Notifications', /\/notifications$/),
			nav('My account', /\/account$/),
		],
	},
	{ email: 'carer@demo.test', home: '/home', homeLink: 'People I help', steps: helperSteps('Margaret Okafor') },
	{ email: 'broker@demo.test', home: '/home', homeLink: 'People I help', steps: helperSteps('Sam Taylor') },
	{ email: 'provider@demo.test', home: '/provider', homeLink: 'Dashboard', steps: providerSteps },
	{ email: 'org@demo.test', home: '/provider', homeLink: 'Dashboard', steps: providerSteps },
	{
		email: 'funder@demo.test',
		home: '/funder',
		homeLink: 'Overview',
		steps: [
			nav('Figures', /\/funder\/figures$/),
			nav('Allocate', /\/funder\/allocate$/),
			nav('Problems', /\/funder\/problems$/),
			nav('Moderation', /\/moderation\/reviews$/),
			nav('Overview', /\/funder$/),
			nav('My account', /\/account$/),
		],
	},
	{
		email: 'admin@demo.test',
		home: '/admin',
		homeLink: 'Admin',
		steps: [
			main('Funders and schemes', /\/admin\/funders$/),
			nav('Admin', /\/admin$/),
			main('Payouts to providers', /\/admin\/payouts$/),
			nav('Admin', /\/admin$/),
			main('Emails not sent', /\/admin\/emails$/),
			nav('Moderation', /\/moderation\/reviews$/),
			nav('Admin', /\/admin$/),
			main('Reported reviews', /\/moderation\/reviews$/),
		],
	},
]

/** Runs in the page: how far the document is wider than the window (0: nothing scrolls sideways). */
function sidewaysScroll(): number {
	return document.documentElement.scrollWidth - document.documentElement.clientWidth
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

/** The header marks this place as the current page (after a client-side navigation, once React has rendered it). */
async function expectCurrent(page: Page, name: string) {
	await textOf(mainNav(page).locator('a[aria-current="page"]'), new RegExp(`^${name}`))
	expect(await mainNav(page).locator('a[aria-current="page"]').count(), 'one current place').toBe(1)
}

async function checkPage(page: Page, width: keyof typeof WIDTHS, axe: boolean) {
	await shows(page.getByRole('heading', { level: 1 }))
	expect(await page.evaluate(sidewaysScroll), `${page.url()} scrolls sideways at ${width}`).toBe(0)
	if (axe) await expectNoAxeViolations(page)
}

describe('every person reaches their places by links alone', () => {
	for (const width of Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]) {
		for (const journey of journeys) {
			it(`${journey.email} at ${WIDTHS[width].width} px`, { timeout: 300_000 }, async () => {
				const page = await openPage({ viewport: WIDTHS[width] })
				const landed = await signIn(page, baseUrl, journey.email)
				expect(landed, 'where signing in takes them').toBe(journey.home)
				await expectCurrent(page, journey.homeLink)
				await checkPage(page, width, true)
				for (const step of journey.steps) {
					const region = step.in === 'nav' ? mainNav(page) : page.getByRole('main')
					const name = step.link === 'Notifications' ? /^Notifications/ : step.link
					await region.getByRole('link', { name, exact: true }).first().click()
					await page.waitForURL((url) => step.to.test(url.pathname), { timeout: 60_000 })
					if (step.in === 'nav') await expectCurrent(page, step.link)
					await checkPage(page, width, width === 'desktop')
				}
				await page.context().close()
			})
		}
	}
})
