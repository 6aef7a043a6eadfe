/**
 * The funder's view in Chromium (issue 11, ADR 023): the demo council's staff reach it by the header's link, see each
 * figure as a chart (an image with a name and a description) with its table beside it, download a table as CSV,
 * and the page passes axe-core, on a laptop and at 320 px.
 */
import { describe, expect, it } from 'vitest'
import { browserTestFile, expectNoAxeViolations, openPage, shows, signIn, textOf } from './browser.ts'

const baseUrl = browserTestFile()

const SECTIONS = [
	'The money',
	'Spending by kind of support',
	'Spending by kind of provider',
	'Who chose the provider',
	'Plans waiting for agreement',
	'How long plans waited',
	'Reviews due and overdue',
	'How well outcomes are going, over time',
	'Groups that commissioned together',
]

describe("the funder's view", () => {
	for (const viewport of [
		{ width: 1280, height: 900 },
		{ width: 320, height: 720 },
	]) {
		it(`shows every figure as a chart and a table, with CSV, and passes axe at ${viewport.width} px`, async () => {
			const page = await openPage({ viewport, acceptDownloads: true })
			expect(await signIn(page, baseUrl, 'funder@demo.test')).toBe('/funder')
			await page.getByRole('link', { name: 'Figures', exact: true }).click()
			await page.waitForURL(/\/funder\/figures$/)
			await textOf(page.getByRole('heading', { level: 1 }), 'Leicester City Council: how it is going')
			for (const title of SECTIONS) {
				const section = page.getByRole('region', { name: title })
				await shows(section)
				// The chart: an image named by its title, described with every value in words.
				const chart = section.getByRole('img', { name: title })
				await shows(chart)
				const description = await chart.evaluate((svg) => svg.querySelector('desc')?.textContent ?? '')
				expect(description.length, title).toBeGreaterThan(20)
				await shows(section.getByRole('table', { name: `${title}: the figures` }))
				await shows(section.getByRole('link', { name: `Download “${title}” as a spreadsheet (CSV)` }))
			}
			// The money is shown for the demo council's people: an amount, not "fewer than 5".
			const allocated = page
				.getByRole('table', { name: 'The money: the figures' })
				.getByRole('row', { name: /Allocated by you/ })
			await textOf(allocated, /£[\d,]+\.\d\d/)
			const widerBy = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
			expect(widerBy, 'the page scrolls sideways').toBeLessThanOrEqual(0)
			await expectNoAxeViolations(page)

			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: 'Download “Spending by kind of support” as a spreadsheet (CSV)' }).click(),
			])
			expect(download.suggestedFilename()).toMatch(/^leicester-city-council-categories-\d{4}-\d{2}-\d{2}\.csv$/)
			const text = await (await page.request.get(`${baseUrl}/funder/figures.csv?table=categories`)).text()
			expect(text.split('\r\n')[0]).toBe('\uFEFFKind of support,Spent (GBP),People')
			expect(text).toContain('All spending,')
			await page.context().close()
		})
	}
})
