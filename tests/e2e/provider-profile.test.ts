/**
 * A provider edits her profile in a real browser: Amina Shah (provider@demo.test) changes her headline and a
 * price, adds a time to her week and a holiday, uploads a photo, hides and publishes her profile, sees the changes
 * on her public profile, and finds her new headline in search within seconds. Every edit page is checked with
 * axe, also with its error summary showing.
 */
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { browserTestFile, expectNoAxeViolations, openPage, shows, signedInPage, textOf } from './browser.ts'

const baseUrl = browserTestFile()

/** The error summary at the top of a form, with this message in it. */
async function errorSummaryShows(page: Page, message: string | RegExp) {
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) })
	await textOf(summary, message)
}

async function notice(page: Page, message: string | RegExp) {
	await textOf(page.getByRole('status').filter({ hasText: message }), message)
}

describe('a provider editing her profile', () => {
	it(
		'changes her headline, a price, her week, a holiday and her photo; hides and publishes; and search sees it',
		{ timeout: 300_000 },
		async () => {
			const page = await signedInPage('provider@demo.test')
			await page.getByRole('link', { name: 'My account' }).click()
			await page.getByRole('link', { name: 'Edit your profile for Amina Shah' }).click()
			await page.waitForURL(/\/provider\/profiles\/[^/]+$/)
			const hubUrl = page.url()
			await textOf(page.getByRole('heading', { level: 1 }), 'Edit your profile')
			await expectNoAxeViolations(page)

			// An empty headline and an unknown town are refused, with a summary linked to each field.
			const headline = page.getByLabel('Headline', { exact: true })
			await headline.fill('')
			await page.getByLabel('Town', { exact: true }).fill('Leicster')
			await page.getByRole('button', { name: 'Save your profile' }).click()
			await errorSummaryShows(page, 'Enter a headline: one sentence about what you offer')
			await errorSummaryShows(page, 'Did you mean Leicester?')
			await expectNoAxeViolations(page)
			// Each message in the summary links to its field.
			const summaryLink = page.getByRole('link', { name: 'Enter a headline: one sentence about what you offer' })
			expect(await summaryLink.getAttribute('href')).toBe(`#${await headline.getAttribute('id')}`)
			expect(await headline.getAttribute('aria-invalid')).toBe('true')

			const newHeadline = 'Calm personal assistant in Leicester who plays the kalimba'
			await headline.fill(newHeadline)
			await page.getByLabel('Town', { exact: true }).fill('Leicester')
			await page.getByRole('button', { name: 'Save your profile' }).click()
			await notice(page, 'Your profile has been saved.')
			expect(await headline.inputValue()).toBe(newHeadline)

			// A price: a wrong one first, then £18.25 an hour.
			await page.getByRole('link', { name: 'Services and prices' }).click()
			await textOf(page.getByRole('heading', { level: 1 }), 'Services and prices')
			await expectNoAxeViolations(page)
			await page.getByRole('link', { name: 'Change Personal care at home' }).click()
			await textOf(page.getByRole('heading', { level: 1 }), 'Change “Personal care at home”')
			await expectNoAxeViolations(page)
			const price = page.getByLabel('Price in pounds')
			const seededPrice = await price.inputValue()
			await price.fill('eighteen')
			await page.getByRole('button', { name: 'Save the service' }).click()
			await errorSummaryShows(page, 'Enter the price in pounds and pence, like 15.50')
			await expectNoAxeViolations(page)
			await price.fill('18.25')
			await page.getByRole('button', { name: 'Save the service' }).click()
			await notice(page, 'Your changes to the service have been saved.')
			await textOf(
				page
					.getByRole('list', { name: 'Your services' })
					.getByRole('listitem')
					.filter({ hasText: 'Personal care at home' }),
				'£18.25 an hour',
			)

			// A time in her usual week (after one that ends before it starts), and a holiday.
			await page.goto(hubUrl)
			await page.getByRole('link', { name: 'Availability and time off' }).click()
			await textOf(page.getByRole('heading', { level: 1 }), 'Availability and time off')
			await expectNoAxeViolations(page)
			await page.getByLabel('Day', { exact: true }).selectOption({ label: 'Sunday' })
			await page.getByLabel('From', { exact: true }).fill('23:00')
			await page.getByLabel('Until', { exact: true }).fill('21:00')
			await page.getByRole('button', { name: 'Add this time' }).click()
			await errorSummaryShows(page, 'The end time must be after the start time')
			await expectNoAxeViolations(page)
			await page.getByLabel('From', { exact: true }).fill('21:00')
			await page.getByLabel('Until', { exact: true }).fill('23:00')
			await page.getByRole('button', { name: 'Add this time' }).click()
			await notice(page, 'The time has been added to your usual week.')
			await shows(page.getByRole('button', { name: 'Remove Sunday 21:00 to 23:00' }))

			const year = new Date().getUTCFullYear() + 1
			await page.getByLabel('First day').fill(`${year}-08-03`)
			await page.getByLabel('Last day').fill(`${year}-08-01`)
			await page.getByRole('button', { name: 'Add time off' }).click()
			await errorSummaryShows(page, 'The end of your time off must be after its start')
			await expectNoAxeViolations(page)
			await page.getByLabel('Last day').fill(`${year}-08-14`)
			await page.getByLabel('Reason (optional)').fill('Summer holiday')
			await page.getByRole('button', { name: 'Add time off' }).click()
			await notice(page, 'Your time off has been added.')
			await shows(page.getByText(`From ${weekdayName(year, 8, 3)} 3 August ${year}, 00:00`))

			// Credentials: the page, and its error summary.
			await page.goto(hubUrl)
			await page.getByRole('link', { name: 'Checks and credentials' }).click()
			await textOf(page.getByRole('heading', { level: 1 }), 'Checks and credentials')
			await expectNoAxeViolations(page)
			await page.getByRole('button', { name: 'Add the credential' }).click()
			await errorSummaryShows(page, 'Choose what kind of check or credential this is')
			await expectNoAxeViolations(page)

			// A photo: a file that is not one is refused, then a real PNG is resized and shown with her name.
			await page.goto(hubUrl)
			await page.getByRole('link', { name: 'Photo', exact: true }).click()
			await textOf(page.getByRole('heading', { level: 1 }), 'Your photo')
			await expectNoAxeViolations(page)
			const fileInput = page.getByLabel('Photo', { exact: true })
			await fileInput.setInputFiles({
				name: 'notes.png',
				mimeType: 'image/png',
				buffer: Buffer.from('not really a picture'),
			})
			await page.getByRole('button', { name: 'Upload the photo' }).click()
			await errorSummaryShows(page, 'The file is not a photo we can read. Upload a JPEG, PNG or WebP image')
			await expectNoAxeViolations(page)
			const png = await sharp({
				create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 120, b: 200 } },
			})
				.png()
				.toBuffer()
			await fileInput.setInputFiles({ name: 'amina.png', mimeType: 'image/png', buffer: png })
			await page.getByRole('button', { name: 'Upload the photo' }).click()
			await notice(page, 'Your new photo is on your profile.')
			const img = page.getByRole('img', { name: 'Amina Shah' })
			await shows(img)
			// Visible is not loaded: wait for the image itself before reading its size.
			await img.evaluate((el: HTMLImageElement) => el.decode())
			expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(400)

			// Hidden: a visitor cannot see the profile. Published again: they can.
			await page.goto(hubUrl)
			await page.getByRole('button', { name: 'Hide your profile' }).click()
			await notice(page, 'Your profile is hidden.')
			const profileLink = page.getByRole('link', { name: 'See your profile as others see it' })
			const profilePath = (await profileLink.getAttribute('href')) ?? ''
			expect(profilePath).toMatch(/^\/providers\/[a-z0-9-]+$/)
			const visitor = await openPage()
			expect((await visitor.goto(`${baseUrl}${profilePath}`))?.status()).toBe(404)
			await page.getByRole('button', { name: 'Publish your profile' }).click()
			await notice(page, 'Your profile is published.')
			expect((await visitor.goto(`${baseUrl}${profilePath}`))?.status()).toBe(200)

			// The public profile shows the new headline, price and photo.
			await textOf(visitor.getByRole('heading', { level: 1 }), 'Amina Shah')
			await shows(visitor.getByText(newHeadline))
			await shows(visitor.getByText('£18.25 an hour'))
			await shows(visitor.getByText('Sunday: 21:00 to 23:00'))
			const publicImg = visitor.getByRole('img', { name: 'Amina Shah' })
			await shows(publicImg)
			expect(await publicImg.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(400)

			// Search catches up within seconds (the server's outbox worker).
			const deadline = Date.now() + 15_000
			let found = false
			while (!found && Date.now() < deadline) {
				await visitor.goto(`${baseUrl}/search?q=kalimba`)
				const hits = visitor.getByRole('list', { name: 'Search results' }).getByRole('article')
				found = (await hits.count()) > 0 && ((await hits.first().textContent()) ?? '').includes('Amina Shah')
				if (!found) await new Promise((r) => setTimeout(r, 500))
			}
			expect(found, 'the new headline is found in search within 15 seconds').toBe(true)
			await textOf(visitor.getByRole('list', { name: 'Search results' }).getByRole('article').first(), 'kalimba')
			await visitor.context().close()

			// Her seeded price back: the other browser files that run on this server after this one book her at it.
			await page.goto(hubUrl)
			await page.getByRole('link', { name: 'Services and prices' }).click()
			await page.getByRole('link', { name: 'Change Personal care at home' }).click()
			await price.fill(seededPrice)
			await page.getByRole('button', { name: 'Save the service' }).click()
			await notice(page, 'Your changes to the service have been saved.')
			expect(seededPrice).toMatch(/^\d+\.\d\d$/)
			await page.context().close()
		},
	)
})

/** "Tuesday" for 3 August of that year (month 1-based). */
function weekdayName(year: number, month: number, day: number): string {
	return new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
		new Date(Date.UTC(year, month - 1, day)),
	)
}
