import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestFile, expectNoAxeViolations, hydrated, openPage, shows, textOf } from './browser.ts'

const baseUrl = browserTestFile()

/** The number announced in the status region: "23 results". */
async function resultCount(page: Page): Promise<number> {
	const text = await textOf(page.getByRole('status'), /\d+ results?/)
	return Number(/(\d+) results?/.exec(text)![1])
}

function results(page: Page) {
	return page
		.getByRole('list', { name: 'Search results' })
		.getByRole('listitem')
		.filter({ has: page.getByRole('article') })
}

async function resultNames(page: Page): Promise<string[]> {
	return results(page).getByRole('heading', { level: 3 }).allTextContents()
}

/** The count shown beside a filter choice: "Personal assistant (12)". */
async function facetCount(page: Page, legend: string, option: string): Promise<number> {
	const label = page.getByRole('group', { name: legend }).locator('label', { hasText: option }).first()
	const text = (await label.textContent()) ?? ''
	const match = /\((\d+)\)\s*$/.exec(text)
	if (!match) throw new Error(`No count in "${text}"`)
	return Number(match[1])
}

/** Waits until the page shows the results for the current URL (after search-as-you-type or a filter change). */
async function settled(page: Page, url: RegExp): Promise<void> {
	await page.waitForURL(url)
	await page.locator('ul[aria-label="Search results"]:not([aria-busy])').waitFor()
}

describe('finding support', () => {
	it('finds personal assistants near Leicester from a misspelt search on the home page', async () => {
		const page = await openPage()
		await page.goto(baseUrl)
		await page.getByLabel('What support are you looking for?').fill('personal asistant leicster')
		await page.getByRole('button', { name: 'Search' }).click()
		await page.waitForURL(/\/search\?q=personal/)
		expect(await resultCount(page)).toBeGreaterThan(0)
		const first = results(page).first()
		await textOf(first, 'Personal assistant in Leicester')
		// The words that matched, despite the typos, are highlighted.
		expect(await first.locator('mark').count()).toBeGreaterThan(0)
		await page.context().close()
	})

	it('combines filters, shows the counts change, and gives the same results from a shared link', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/search?near=Leicester`)
		const everyone = await resultCount(page)
		expect(everyone).toBeGreaterThan(5)
		const paCount = await facetCount(page, 'Kind of provider', 'Personal assistant')
		expect(paCount).toBeGreaterThan(0)
		expect(paCount).toBeLessThan(everyone)

		// With JavaScript on, ticking a filter updates the results at once.
		await hydrated(page)
		await page
			.getByRole('group', { name: 'Kind of provider' })
			.getByLabel(/Personal assistant/)
			.check()
		await settled(page, /kind=personal-assistant/)
		expect(await resultCount(page)).toBe(paCount)
		for (const text of await results(page).allTextContents()) expect(text).toContain('Personal assistant in')

		const withCare = await facetCount(page, 'What you need help with', 'Personal care')
		expect(withCare).toBeGreaterThan(0)
		expect(withCare).toBeLessThanOrEqual(paCount)
		await page
			.getByRole('group', { name: 'What you need help with' })
			.getByLabel(/Personal care/)
			.check()
		await settled(page, /category=personal-care/)
		expect(await resultCount(page)).toBe(withCare)
		// The kind counts now describe personal-care providers only.
		expect(await facetCount(page, 'Kind of provider', 'Personal assistant')).toBe(withCare)

		await page.getByLabel('Sort by').selectOption({ label: 'Price, lowest first' })
		await settled(page, /sort=price-asc/)
		const sharedUrl = page.url()
		const names = await resultNames(page)
		expect(names.length).toBeGreaterThan(0)
		await page.context().close()

		// Someone else opens the shared link, without JavaScript: the same results in the same order.
		const other = await openPage({ javaScriptEnabled: false })
		await other.goto(sharedUrl)
		expect(await resultCount(other)).toBe(withCare)
		expect(await resultNames(other)).toEqual(names)
		await expect(
			other
				.getByRole('group', { name: 'Kind of provider' })
				.getByLabel(/Personal assistant/)
				.isChecked(),
		).resolves.toBe(true)
		await other.context().close()
	})

	it('shows results as the person types', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/search`)
		await hydrated(page)
		await page.getByLabel('What are you looking for?').pressSequentially('dement', { delay: 40 })
		await settled(page, /q=dement/)
		expect(await resultCount(page)).toBeGreaterThan(0)
		await textOf(results(page).first().locator('mark').first(), /dement/i)
		await page.context().close()
	})

	it('compares three personal assistants side by side', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/search?q=personal+assistant&near=Leicester&kind=personal-assistant`)
		const names = (await resultNames(page)).slice(0, 3)
		expect(names).toHaveLength(3)
		for (const name of names) await page.getByLabel(`Compare ${name}`).check()
		await page.getByRole('button', { name: 'Compare ticked providers' }).click()
		await page.waitForURL(/\/compare\?/)
		await textOf(page.getByRole('heading', { level: 1 }), 'Compare providers')
		const columns = await page.getByRole('columnheader').allTextContents()
		expect(columns.map((c) => c.trim())).toEqual(names.map((n) => n.trim()))
		for (const row of ['Prices', 'Checks and credentials', 'Reviews', 'Languages', 'Next available', 'Distance']) {
			await shows(page.getByRole('rowheader', { name: row }))
		}
		await expectNoAxeViolations(page)
		await page.context().close()
	})

	it('explains an empty search and suggests how to widen it', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/search?q=personal+assistant&near=Leicester&radius=2&lang=Welsh&day=sun`)
		expect(await resultCount(page)).toBe(0)
		await shows(page.getByRole('heading', { name: 'No providers found' }))
		await shows(page.getByRole('heading', { name: 'Try widening your search' }))
		// Each suggestion says how many results it would give, and gives them.
		const suggestion = page.getByRole('link', { name: /^(Remove|Search within|Search everywhere|Search for)/ }).first()
		const promised = Number(/\((\d+) results?\)/.exec((await suggestion.locator('..').textContent()) ?? '')?.[1])
		expect(promised).toBeGreaterThan(0)
		const href = (await suggestion.getAttribute('href')) ?? ''
		await suggestion.click()
		await page.waitForURL((url) => url.pathname + url.search === href)
		await page.locator('ul[aria-label="Search results"]:not([aria-busy])').waitFor()
		expect(await resultCount(page)).toBe(promised)
		await page.context().close()
	})

	it('has no axe-core violations on the search page', async () => {
		const page = await openPage()
		for (const path of [
			'/search',
			'/search?q=personal+asistant+leicster',
			'/search?near=Leicester&kind=personal-assistant&category=personal-care',
			'/search?q=zzzzqqqxx',
			'/search?near=Nowhere-on-earth',
		]) {
			await page.goto(`${baseUrl}${path}`)
			await expectNoAxeViolations(page)
		}
		await page.context().close()
	})
})
