/**
 * A holder's invitation to a helper, from the helper's side, as the browser journeys take it: the emailed link read
 * from the outbox (no mail server in the demo; the demo admin can see every email), and signing up from that link.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { hydrated, signedInPage, textOf } from './browser.ts'

/**
 * The invitation link in the newest email to `email` (after checking it says `says`, when given), read by the demo
 * admin at /dev/emails: a path `/helpers/accept/…`.
 */
export async function invitationLink(baseUrl: string, email: string, says?: string): Promise<string> {
	const admin = await signedInPage('admin@demo.test')
	await admin.goto(`${baseUrl}/dev/emails`)
	const item = admin
		.getByRole('listitem')
		.filter({ hasText: `To: ${email}` })
		.first()
	if (says) await textOf(item, says)
	const link = (await item.getByRole('link', { name: /\/helpers\/accept\// }).getAttribute('href')) ?? ''
	expect(link).toMatch(/^\/helpers\/accept\//)
	await admin.context().close()
	return link
}

/**
 * A broker new to the site follows the invitation link, creates an account (finishing by the emailed link, ADR 016)
 * and comes back to the invitation, signed in.
 */
export async function signUpFromInvitation(
	page: Page,
	baseUrl: string,
	link: string,
	person: { name: string; email: string },
): Promise<void> {
	await page.goto(`${baseUrl}${link}`)
	await page.waitForURL(/\/login\?redirectTo=/)
	await page.locator('main').getByRole('link', { name: 'Create an account' }).click()
	await page.waitForURL(/\/signup\?redirectTo=/)
	await hydrated(page)
	await page.getByLabel('Your name').fill(person.name)
	await page.getByLabel('Email address').fill(person.email)
	await page.getByLabel('Choose a password').fill('a long enough password')
	await page.getByLabel('I am a broker or support planner').check()
	await page.getByRole('button', { name: 'Create account' }).click()
	await page.waitForURL(`${baseUrl}/signup/check-email`)
	await page.getByRole('link', { name: 'Read the email here' }).click()
	await page.getByRole('link', { name: /\/signup\/confirm\// }).click()
	await page.getByRole('button', { name: 'Finish and sign in' }).click()
	await page.waitForURL(`${baseUrl}${link}`)
}
