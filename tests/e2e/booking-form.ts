/**
 * The steps of the booking form (app/routes/providers.$slug_.book.tsx) as a person takes them in the browser, so
 * each journey that books states only its own choices: which day, which start, for whom.
 */
import type { Page } from 'playwright-core'
import { shows } from './browser.ts'

/** Searches for Amina Shah near Leicester, opens her profile and her booking form for personal care at home. */
export async function openAminaBookingForm(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/search?q=Amina+Shah&near=Leicester`)
	await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: 'Amina Shah' }).first().click()
	await page.waitForURL(/\/providers\/amina-shah/)
	await page.getByRole('link', { name: 'Book Personal care at home' }).click()
	await page.waitForURL(/\/book\?service=/)
}

/** For hourly support: chooses how long and shows the free times for that length. */
export async function chooseHours(page: Page, hours: number): Promise<void> {
	await page.getByLabel('How long?').selectOption({ label: `${hours} hours` })
	await page.getByRole('button', { name: 'Show free times' }).click()
	await page.waitForURL(new RegExp(`minutes=${hours * 60}`))
}

/** Chooses the `nth` day with free times (0 is the first) and waits for its start times. */
export async function chooseDay(page: Page, nth: number): Promise<void> {
	await page.getByRole('list', { name: 'Days with free times' }).getByRole('link').nth(nth).click()
	await page.waitForURL(/date=/)
}

/** Ticks the first (or last) free start time of the chosen day. */
export async function chooseStart(page: Page, which: 'first' | 'last' = 'first'): Promise<void> {
	const starts = page.getByRole('group', { name: 'Start time' }).getByRole('radio')
	await (which === 'first' ? starts.first() : starts.last()).check()
}

/** Checks the price and waits for the summary to check before sending. */
export async function checkPrice(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Check the price' }).click()
	await shows(page.getByRole('region', { name: 'Check before you send' }))
}

/** Sends the booking request and waits for the new booking's page. */
export async function sendBookingRequest(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Send booking request' }).click()
	await page.waitForURL(/\/bookings\/[^/?]+\?sent=1$/)
}
