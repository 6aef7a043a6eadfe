/**
 * A home for each person, and no dead ends (issue 12): each demo account in home-journeys.ts signs in, lands on its
 * own home, and reaches every place the README lists for that person by clicking links alone, never typing an
 * address: on a desktop (1280 px) and on a phone (320 px). The header marks the current place (aria-current="page");
 * no page scrolls sideways on the phone; axe-core checks each page on the desktop (once for each address in a walk)
 * and each home on the phone. On the desktop each walk ends by signing out from My account.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
	browserTestFile,
	expectNoAxeViolations,
	openPage,
	shows,
	signIn,
	signOutThroughAccount,
	textOf,
} from './browser.ts'
import { journeys } from './home-journeys.ts'

const baseUrl = browserTestFile()
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 320, height: 720 } } as const

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

/**
 * Checks the page: a heading, nothing scrolling sideways, and, where `axeChecked` is given, axe-core once for each
 * address in the walk (going back to a home, a dashboard or the money page shows this person the page axe-core
 * already checked).
 */
async function checkPage(page: Page, width: keyof typeof WIDTHS, axeChecked?: Set<string>) {
	await shows(page.getByRole('heading', { level: 1 }))
	expect(await page.evaluate(sidewaysScroll), `${page.url()} scrolls sideways at ${width}`).toBe(0)
	const { pathname, search } = new URL(page.url())
	const address = pathname + search
	if (axeChecked && !axeChecked.has(address)) {
		await expectNoAxeViolations(page)
		axeChecked.add(address)
	}
}

describe('every person reaches their places by links alone', () => {
	for (const width of Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]) {
		for (const journey of journeys) {
			it(`${journey.email} at ${WIDTHS[width].width} px`, { timeout: 300_000 }, async () => {
				const page = await openPage({ viewport: WIDTHS[width] })
				const landed = await signIn(page, baseUrl, journey.email)
				expect(landed, 'where signing in takes them').toBe(journey.home)
				await expectCurrent(page, journey.homeLink)
				const axeChecked = new Set<string>()
				await checkPage(page, width, axeChecked)
				for (const step of journey.steps) {
					const region = step.in === 'nav' ? mainNav(page) : page.getByRole('main')
					const name = step.link === 'Notifications' ? /^Notifications/ : step.link
					await region.getByRole('link', { name, exact: true }).first().click()
					await page.waitForURL((url) => step.to.test(url.pathname), { timeout: 60_000 })
					if (step.in === 'nav') await expectCurrent(page, step.link)
					await checkPage(page, width, width === 'desktop' ? axeChecked : undefined)
				}
				// foundation.test.ts signs out the accounts not walked here.
				if (width === 'desktop') await signOutThroughAccount(page, baseUrl, journey.email)
				await page.context().close()
			})
		}
	}
})
