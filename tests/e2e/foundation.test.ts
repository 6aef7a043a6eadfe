import { describe, expect, it } from 'vitest'
import { demoAccounts } from '#app/domain/people/demo-accounts.ts'
import {
	browserTestFile,
	expectNoAxeViolations,
	hydrated,
	openPage,
	shows,
	signedInPage,
	signOutThroughAccount,
	textOf,
} from './browser.ts'
import { journeys } from './home-journeys.ts'

const baseUrl = browserTestFile()

describe("a newcomer's first visit", () => {
	it('finds demo providers from the home page and opens a profile', async () => {
		const page = await openPage()
		await page.goto(baseUrl)
		await textOf(page.getByRole('heading', { level: 1 }), 'Find, book and pay')
		await page.getByRole('link', { name: /browse all \d+ providers/ }).click()
		await page.waitForURL(`${baseUrl}/providers`)
		await textOf(page.getByRole('status'), /\d{3,} providers\. Page 1 of \d+/)
		const items = page.getByRole('list', { name: 'Providers' }).getByRole('listitem')
		expect(await items.count()).toBe(20)

		await page.getByRole('link', { name: 'Next page' }).click()
		await page.waitForURL(/page=2/)
		await textOf(page.getByRole('status'), /Page 2 of/)

		const first = items.first().getByRole('link')
		const name = (await first.textContent()) ?? ''
		expect(name.length).toBeGreaterThan(0)
		await first.click()
		await page.waitForURL(/\/providers\/[a-z0-9-]+$/)
		await textOf(page.getByRole('heading', { level: 1 }), name)
		await shows(page.getByRole('heading', { name: 'Services and prices' }))
		await shows(page.getByText(/£\d+\.\d\d (an hour|a session|fixed price)/))
		await page.context().close()
	})

	it('searches the directory from the home page search box', async () => {
		const page = await openPage()
		await page.goto(baseUrl)
		await page.getByLabel('What support are you looking for?').fill('Leicester')
		await page.getByRole('button', { name: 'Search' }).click()
		await page.waitForURL(/q=Leicester/)
		await textOf(page.getByRole('status'), /\d+ (providers|results)/)
		const items = page.getByRole('list', { name: /Providers|Search results/ }).getByRole('listitem')
		expect(await items.count()).toBeGreaterThan(0)
		await textOf(items.first(), 'Leicester')
		await page.context().close()
	})

	it('shows a helpful page for an address that does not exist', async () => {
		const page = await openPage()
		const response = await page.goto(`${baseUrl}/no-such-page`)
		expect(response?.status()).toBe(404)
		await textOf(page.getByRole('heading', { level: 1 }), 'Page not found')
		await page.context().close()
	})
})

// homes.test.ts walks some accounts: it signs each in, runs axe-core on every page of the walk (the home included) at
// 1280 px, and signs out. The accounts it does not walk get the same here, so an account added to the demo data is
// checked somewhere.
const walked = new Set(journeys.map((j) => j.email))
const unwalked = demoAccounts.filter((a) => !walked.has(a.email))

describe('signing in', () => {
	it('signs in every demo account somewhere: walked by homes.test.ts or here', () => {
		// Every walked account is a demo account (a misspelt one would leave a real account unchecked).
		expect(unwalked.length + walked.size, 'demo accounts, walked or checked here').toBe(demoAccounts.length)
	})

	for (const account of unwalked) {
		it(`signs in as ${account.email}, whose home and budget pass axe-core, and signs out`, async () => {
			const page = await signedInPage(account.email)
			await expectNoAxeViolations(page)
			const holderLink = page.locator('a[href^="/holders/"]').first()
			if ((await holderLink.count()) > 0) {
				await holderLink.click()
				await page.waitForURL(/\/holders\//)
				await expectNoAxeViolations(page)
			}
			await signOutThroughAccount(page, baseUrl, account.email)
			await page.context().close()
		})
	}

	it('says what is wrong and keeps the email when the password is wrong', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/login`)
		await page.getByLabel('Email address').fill('holder@demo.test')
		await page.getByLabel('Password').fill('not-the-password')
		await page.getByRole('button', { name: 'Sign in' }).click()
		await textOf(page.getByRole('alert'), 'The email address or password is not right')
		await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('holder@demo.test')
		await page.context().close()
	})

	it('shows field errors from the server without JavaScript, keeping what was typed', async () => {
		const page = await openPage({ javaScriptEnabled: false })
		await page.goto(`${baseUrl}/signup`)
		await page.getByLabel('Your name').fill('Jo')
		await page.getByLabel('Email address').fill('not-an-email')
		await page.getByLabel('Choose a password').fill('short')
		await page.getByRole('button', { name: 'Create account' }).click()
		await page.getByRole('alert').waitFor()
		const alert = (await page.getByRole('alert').textContent()) ?? ''
		expect(alert).toContain('Enter an email address in the right format')
		expect(alert).toContain('Choose a password of at least 10 characters')
		expect(alert).toContain('Choose what describes you')
		// The message sits next to its field, and the field keeps what was typed.
		const email = page.getByLabel('Email address')
		await expect(email.getAttribute('aria-invalid')).resolves.toBe('true')
		await expect(email.inputValue()).resolves.toBe('not-an-email')
		await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Jo')
		await page.context().close()
	})

	it('creates an account for a new budget holder', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/signup`)
		await page.getByLabel('Your name').fill('Rosa Newcomer')
		await page.getByLabel('Email address').fill(`rosa-${Date.now()}@example.test`)
		await page.getByLabel('Choose a password').fill('a long enough password')
		await page.getByLabel('I have a personal budget').check()
		await page.getByLabel('Who funds your budget?').selectOption({ label: 'Leicester City Council' })
		await page.getByRole('button', { name: 'Create account' }).click()
		// The page says the same for any address; the link to finish comes by email (read here from the demo outbox).
		await page.waitForURL(`${baseUrl}/signup/check-email`)
		await textOf(page.getByRole('heading', { level: 1 }), 'Check your email')
		await expectNoAxeViolations(page)
		await page.getByRole('link', { name: 'Read the email here' }).click()
		await page.waitForURL(`${baseUrl}/dev/emails`)
		await page.getByRole('link', { name: /\/signup\/confirm\// }).click()
		await textOf(page.getByRole('heading', { level: 1 }), 'Finish creating your account')
		await expectNoAxeViolations(page)
		await page.getByRole('button', { name: 'Finish and sign in' }).click()
		// A new holder lands on their home, which welcomes them with what to do first (issue 12).
		await page.waitForURL(`${baseUrl}/home`)
		await shows(page.getByRole('heading', { name: 'Welcome to Budget Market' }))
		await shows(page.getByRole('link', { name: 'Search for support' }))
		await page.context().close()
	})
})

describe('rights', () => {
	it("does not show one holder another holder's budget", async () => {
		const carer = await signedInPage('carer@demo.test')
		await carer.getByRole('link', { name: 'Margaret Okafor', exact: true }).click()
		await carer.waitForURL(/\/holders\//)
		const margaretUrl = carer.url()
		await textOf(carer.getByRole('heading', { level: 1 }), 'Margaret Okafor')
		await carer.context().close()

		const holder = await signedInPage('holder@demo.test')
		const response = await holder.goto(margaretUrl)
		expect(response?.status()).toBe(404)
		await textOf(holder.getByRole('heading', { level: 1 }), 'Page not found')
		await expect(holder.getByText('Margaret Okafor').count()).resolves.toBe(0)
		await holder.context().close()
	})
})

describe('accessibility (axe-core)', () => {
	it('has no violations on the public pages', { timeout: 180_000 }, async () => {
		const page = await openPage()
		for (const path of ['/', '/providers', '/providers?page=2', '/login', '/signup', '/no-such-page']) {
			await page.goto(`${baseUrl}${path}`)
			await expectNoAxeViolations(page)
		}
		await page.goto(`${baseUrl}/providers`)
		await page.getByRole('list', { name: 'Providers' }).getByRole('link').first().click()
		await page.waitForURL(/\/providers\/[a-z0-9-]+$/)
		await expectNoAxeViolations(page)
		await page.goto(`${baseUrl}/providers/amina-shah-leicester`)
		await expectNoAxeViolations(page)
		await page.context().close()
	})

	it('the check itself fails on a page with an unlabelled field and an image without text', async () => {
		const page = await openPage()
		await page.goto(baseUrl)
		// After hydration, which would remove what the test adds.
		await hydrated(page)
		await page.evaluate(() => {
			const image = Object.assign(document.createElement('img'), { src: '/favicon.ico', width: 20, height: 20 })
			document.querySelector('main')?.append(image, document.createElement('input'))
		})
		await expect(expectNoAxeViolations(page)).rejects.toThrow(/image-alt[\s\S]*label|label[\s\S]*image-alt/)
		await page.context().close()
	})

	it('has no violations on the sign-in and sign-up pages showing errors', async () => {
		const page = await openPage()
		await page.goto(`${baseUrl}/signup`)
		await page.getByRole('button', { name: 'Create account' }).click()
		await page.getByRole('alert').waitFor()
		await expectNoAxeViolations(page)
		await page.goto(`${baseUrl}/login`)
		await page.getByRole('button', { name: 'Sign in' }).click()
		await page.getByRole('alert').waitFor()
		await expectNoAxeViolations(page)
		await page.context().close()
	})
})

describe('keyboard', () => {
	it('reaches the main content with the skip link', async () => {
		const page = await openPage()
		await page.goto(baseUrl)
		await page.keyboard.press('Tab')
		const skip = page.getByRole('link', { name: 'Skip to main content' })
		await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
		await page.keyboard.press('Enter')
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content')
		await page.context().close()
	})
})
