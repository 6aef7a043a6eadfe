/**
 * Money in the browser: a funder allocates a budget, the holder sees it on their balance and statement, downloads
 * the statement as CSV and prints it; every money page passes axe-core. Runs against the built app seeded with
 * the demo data (no Stripe keys: the embedded default).
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestFile, expectNoAxeViolations, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()
const sam = 'holder_demo_sam'

async function availableOn(page: Page): Promise<string> {
	await page.goto(`${baseUrl}/holders/${sam}/money`)
	const figure = page.getByText('Available to spend').locator('..')
	return (await figure.locator('dd').first().textContent()) ?? ''
}

describe('a funder allocates a budget and the holder sees it', () => {
	it('allocates from the funder’s page, sending the form with the Enter key', async () => {
		const holder = await signedInPage('holder@demo.test')
		const before = await availableOn(holder)
		expect(before).toMatch(/^£[\d,]+\.\d\d$/)

		const funder = await signedInPage('funder@demo.test')
		await funder.goto(`${baseUrl}/funder`)
		await textOf(funder.getByRole('heading', { level: 1 }), 'Leicester City Council: personal budgets')
		await expectNoAxeViolations(funder)
		await funder.getByRole('link', { name: 'Give someone a budget' }).click()
		await funder.waitForURL(`${baseUrl}/funder/allocate`)
		await expectNoAxeViolations(funder)

		// Sent empty first: every problem is listed at the top and next to its field.
		await funder.getByRole('button', { name: 'Allocate the budget' }).click()
		await textOf(funder.getByRole('alert'), 'Choose the person to give a budget to')
		await expectNoAxeViolations(funder)

		await funder.getByLabel('Person').selectOption({ label: 'Sam Taylor (Leicester)' })
		await funder.getByLabel('As one payment').check()
		await funder.getByLabel(/Amount of each payment/).fill('150')
		await funder.getByLabel(/Amount of each payment/).press('Enter')
		await funder.waitForURL(/\/funder\?allocated=/)
		await textOf(funder.getByRole('status').first(), 'Budget allocated: £150.00 for Sam Taylor: paid today.')
		await funder.context().close()

		const after = await availableOn(holder)
		const pence = (text: string) => Number(text.replace(/[£,.]/g, ''))
		expect(pence(after) - pence(before)).toBe(15_000)
		const row = holder.getByRole('row', { name: /£150\.00 from Leicester City Council: your personal budget/ })
		await shows(row)
		await textOf(row, 'Priya Patel (funder)')
		await expectNoAxeViolations(holder)
		await holder.context().close()
	})

	it('filters the statement, downloads it as CSV and prints without the site’s header', async () => {
		const page = await signedInPage('holder@demo.test')
		await page.goto(`${baseUrl}/holders/${sam}/money`)
		// React sets a select's default again when it hydrates: choose only once the page is interactive.
		await page.waitForLoadState('networkidle')
		await page.getByLabel('Category').selectOption({ label: 'Money in' })
		await page.getByRole('button', { name: 'Show' }).click()
		await page.waitForURL(/category=in/)
		await textOf(page.getByRole('status'), /\d+ movements?, money in\./)

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download as a spreadsheet (CSV)' }).click(),
		])
		expect(download.suggestedFilename()).toBe('statement-sam-taylor-all.csv')
		const csv = fs.readFileSync((await download.path()) ?? '', 'utf8')
		expect(csv.split('\r\n')[0]).toBe(
			'\uFEFFDate,What happened,Category,Done by,Money in,Money out,Change in money held,Currency,Reference',
		)
		expect(csv).toContain(
			'£150.00 from Leicester City Council: your personal budget,Budget from your funder,Priya Patel (funder),150.00,,,GBP,',
		)

		await page.emulateMedia({ media: 'print' })
		await expect(page.locator('body > header').isVisible()).resolves.toBe(false)
		await expect(page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).resolves.toBe(false)
		await shows(page.getByRole('table', { name: /Statement/ }))
		await page.context().close()
	})
})

describe('accessibility of the money pages (axe-core)', () => {
	const pages: { email: string; paths: string[] }[] = [
		{
			email: 'holder@demo.test',
			paths: [`/holders/${sam}/money`, `/holders/${sam}/money?month=2001-01`, `/holders/${sam}/top-up`],
		},
		{ email: 'carer@demo.test', paths: ['/holders/holder_demo_margaret/money'] },
		{ email: 'provider@demo.test', paths: ['/provider/money'] },
		{ email: 'admin@demo.test', paths: ['/admin/payouts', '/admin/funders', '/admin/emails'] },
	]
	for (const { email, paths } of pages) {
		it(`has no violations for ${email}`, async () => {
			const page = await signedInPage(email)
			for (const path of paths) {
				const response = await page.goto(`${baseUrl}${path}`)
				expect(response?.status(), path).toBe(200)
				await shows(page.getByRole('heading', { level: 1 }))
				await expectNoAxeViolations(page)
			}
			await page.context().close()
		})
	}

	it('shows the admin’s field errors next to the field, keeping what was typed', async () => {
		const page = await signedInPage('admin@demo.test')
		await page.goto(`${baseUrl}/admin/funders`)
		const fee = page.getByLabel('Platform fee (%)').last()
		await page.getByLabel('Name', { exact: true }).fill('Test Scheme Council')
		await fee.fill('lots')
		await page.getByRole('button', { name: 'Add the funder' }).click()
		await textOf(page.getByRole('alert'), 'Enter the platform fee as a percentage, like 0 or 2.5')
		await expect(fee.inputValue()).resolves.toBe('lots')
		await expect(fee.getAttribute('aria-invalid')).resolves.toBe('true')
		await expectNoAxeViolations(page)
		await page.context().close()
	})
})
