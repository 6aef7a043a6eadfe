/**
 * Every page at 320 px wide (WCAG 1.4.10, reflow): as a visitor and signed in as each demo account, the walk visits
 * every page route (tests/e2e/pages.ts reads them from app/routes), filling each address's parameters from the links
 * the account meets on the way, and fails listing each page that scrolls sideways: the whole document, or a box
 * inside it (a table in a scrolling box still makes a phone user scroll sideways). The browser lays out each
 * different page once for each person (`visit`: an address whose HTML has the shape of a page already laid out
 * stands on that check).
 *
 * It also keeps the visible text of every address it visited in test-results/page-text.json, which
 * `npm run readability` measures (bench/readability.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { demoAccounts } from '#app/domain/people/demo-accounts.ts'
import { browserTestFile, expectNoAxeViolations, openPage, shows, signIn } from './browser.ts'
import { pagePatterns, type PagePattern } from './pages.ts'

const baseUrl = browserTestFile()
const NARROW = { width: 320, height: 720 }

/** Addresses a link alone would not give: a search with results, a full comparison, the not-found page. */
const extraVisits = [
	'/search?q=personal+assistant&near=Leicester',
	'/compare?ids=prov_demo_pa&ids=prov_demo_org&ids=prov_demo_club',
	'/no-such-page',
	// After the visitor signs up (signUpHere): the page that follows, and the demo outbox with the emailed link.
	'/signup/check-email',
	'/dev/emails',
]

type Overflow = { who: string; url: string; problem: string }
type PageText = { who: string; url: string; status: number; text: string }
/** A page the browser laid out for this person: what it showed, and what scrolled sideways (null if nothing). */
type LaidOut = PageText & { problem: string | null }

const patterns = pagePatterns()
const overflows: Overflow[] = []
const texts: PageText[] = []
const covered = new Set<string>()

afterAll(async () => {
	const out = path.join(process.cwd(), 'test-results')
	fs.mkdirSync(out, { recursive: true })
	fs.writeFileSync(path.join(out, 'page-text.json'), JSON.stringify(texts, null, '\t'))
})

/** The visitor signs up at 320 px, so the pages after the form (and the emailed link) are visited too. */
async function signUpHere(page: Page) {
	await page.goto(`${baseUrl}/signup`)
	await page.getByLabel('Your name').fill('Nina Narrow')
	await page.getByLabel('Email address').fill(`narrow-${Date.now()}@example.test`)
	await page.getByLabel('Choose a password').fill('a long enough password')
	await page.getByLabel('I offer support').check()
	await page.getByRole('button', { name: 'Create account' }).click()
	await page.waitForURL(`${baseUrl}/signup/check-email`)
}

/**
 * Runs in the page, in one round trip: what is too wide (null if nothing scrolls sideways), the visible text, and the
 * links' addresses.
 */
function readPage(): { problem: string | null; text: string; hrefs: string[] } {
	const root = document.documentElement
	const describe = (el: Element) => {
		const id = el.id ? `#${el.id}` : ''
		const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
		const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
		return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`
	}
	const scrollsInside = (el: Element) => {
		const style = getComputedStyle(el)
		return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
	}
	const problems: string[] = []
	if (root.scrollWidth > root.clientWidth) {
		const all = Array.from(document.body.querySelectorAll('*'))
		const wide = all.filter((el) => {
			const r = el.getBoundingClientRect()
			return r.width > 0 && r.right > root.clientWidth + 0.5
		})
		const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)))
		problems.push(
			`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window: ${innermost.slice(0, 3).map(describe).join(', ')}`,
		)
	}
	for (const el of Array.from(document.body.querySelectorAll('*')).filter(scrollsInside)) {
		problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`)
	}
	return {
		problem: problems.length ? problems.join('; ') : null,
		text: document.body.innerText,
		hrefs: Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''),
	}
}

/**
 * What of a page's HTML decides its layout: the document without its scripts and module preloads (the stylesheets
 * stay), and without what changes with every request or address but is not shown on the page (nonces, the form's
 * CSRF token, the address to return to after signing in, the window's title: a refusal keeps the title of the page
 * refused). Two addresses with the same shape lay out alike.
 */
function layoutShape(status: number, html: string): string {
	const shape = html
		.replace(/<title>[^<]*<\/title>/, '')
		.replace(/<script\b[\s\S]*?<\/script>/g, '')
		.replace(/<link\b(?![^>]*rel="stylesheet")[^>]*>/g, '')
		.replace(/ nonce="[^"]*"/g, '')
		.replace(/(name="(csrf|redirectTo)" value=)"[^"]*"/g, '$1""')
		.replace(/([?&](amp;)?redirectTo=)[^"&]*/g, '$1')
	return `${status} ${shape}`
}

/**
 * Visits the address as this person. The server's answer is read first (with the browser's cookies): when it has the
 * shape of a page the browser already laid out for this person (the sign-in page a visitor is sent to from every
 * private address, a signed-in person's refusals), that check stands for it, and the browser does not lay it out
 * again. Most of a visitor's addresses are the sign-in page, and about a third of a signed-in person's are refusals.
 */
async function visit(page: Page, who: string, url: string, laidOut: Map<string, LaidOut>) {
	const answer = await page.request.get(`${baseUrl}${url}`)
	const shape = layoutShape(answer.status(), await answer.text())
	await answer.dispose()
	// Where the person ended up, after any redirect.
	const landed = new URL(answer.url()).pathname
	const same = laidOut.get(shape)
	if (same) {
		if (same.problem) overflows.push({ who, url, problem: same.problem })
		texts.push({ who, url, status: same.status, text: same.text })
		return { status: same.status, landed, links: [] }
	}
	const response = await page.goto(`${baseUrl}${url}`, { waitUntil: 'load' })
	const status = response?.status() ?? 0
	// The browser was answered as the request was (same person, same page), or the shapes would stand for nothing.
	expect([new URL(page.url()).pathname, status], `${url} for ${who}`).toEqual([landed, answer.status()])
	const { problem, text, hrefs } = await page.evaluate(readPage)
	if (problem) overflows.push({ who, url, problem })
	texts.push({ who, url, status, text })
	laidOut.set(shape, { who, url, status, text, problem })
	return { status, landed, links: hrefs.filter((h) => h.startsWith('/')).map((h) => h.split(/[?#]/)[0] ?? h) }
}

/** The confirmed demo booking (prisma/seed/demo-bookings.ts), whose review and feedback pages a link only shows later. */
const seedLinks = ['/bookings/booking_demo_sam_out']
/** Each route is visited at up to this many addresses where the person reached it (two bookings in two states). */
const VISITS_PER_ROUTE = 2
/**
 * …and at up to this many where they were refused or sent to another page: an address built from an id seen in
 * another link (someone else's review, say) can come before the link to the person's own.
 */
const REFUSALS_PER_ROUTE = 3
/**
 * Page routes no demo account can reach at their own address: their links are made when someone invites another
 * person, and the demo data holds no invitation waiting. helping.test.ts and consent.test.ts open a helper's link in
 * the browser at 1280 px; the authorisation matrix (tests/integration) checks both routes' answers for every kind of
 * person. Not laid out at 320 px.
 */
const NOT_IN_DEMO_DATA = new Set(['helpers.accept.$token.tsx', 'staff.accept.$token.tsx'])

/**
 * Visits every page this person can reach, until none is left, starting from the extra addresses and `home` (where
 * signing in took them). A parameter is filled from the links seen so far, newest first (the newest come from the
 * person's own pages), or from a value the same parameter had in another link (a review's id from its report link
 * fills the moderation page's address).
 */
async function visitEveryPage(page: Page, who: string, home: string | null) {
	const links: string[] = [...seedLinks]
	const values = new Map<string, string[]>()
	const seen = new Set<string>()
	const reached = new Map<string, number>()
	const refused = new Map<string, number>()
	const laidOut = new Map<string, LaidOut>()
	const learn = (found: string[]) => {
		for (const link of found) {
			if (links.includes(link)) continue
			links.push(link)
			for (const p of patterns) {
				const m = p.matches.exec(link)
				if (!m || p.params.includes('*')) continue
				p.params.forEach((name, i) => {
					const value = m[i + 1]
					if (value && !values.get(name)?.includes(value)) values.set(name, [value, ...(values.get(name) ?? [])])
				})
			}
		}
	}
	const candidates = (p: PagePattern): string[] => {
		if (p.params.length === 0) return [p.pattern]
		if (p.params.includes('*')) return ['/no-such-page']
		const fromLinks = [...seedLinks, ...[...links].reverse()].filter((l) => p.matches.test(l))
		const built = p.params.reduce(
			(address, name) => {
				const value = values.get(name)?.[0]
				return address && value ? address.replace(`:${name}`, value) : null
			},
			p.pattern as string | null,
		)
		return [...fromLinks, ...(built ? [built] : [])]
	}
	const full = (p: PagePattern) =>
		(reached.get(p.file) ?? 0) >= VISITS_PER_ROUTE || (refused.get(p.file) ?? 0) >= REFUSALS_PER_ROUTE
	const visitRoute = async (p: PagePattern, url: string) => {
		seen.add(url)
		const { status, landed, links: found } = await visit(page, who, url, laidOut)
		// A page counts as covered once someone was answered 200 at its own address, not sent on to another page
		// (the sign-in page, say); the not-found page is its own proof.
		const ok = status === 200 && p.matches.test(landed)
		const counted = ok ? reached : refused
		counted.set(p.file, (counted.get(p.file) ?? 0) + 1)
		if (ok || p.params.includes('*')) covered.add(p.file)
		learn(found)
		return found
	}
	for (const url of extraVisits) learn((await visit(page, who, url, laidOut)).links)
	// The person's own pages first: their home (where signing in took them), then each address it links to, so that
	// their own profile or booking comes before those the search found.
	if (home) {
		const homePattern = patterns.find((p) => p.matches.test(home))
		const fromHome = homePattern ? await visitRoute(homePattern, home) : []
		for (const link of fromHome) {
			const p = patterns.find((q) => !q.params.includes('*') && q.matches.test(link))
			if (p && !seen.has(link) && !full(p)) await visitRoute(p, link)
		}
	}
	let progress = true
	while (progress) {
		progress = false
		for (const p of patterns) {
			if (full(p)) continue
			const url = candidates(p).find((c) => !seen.has(c))
			if (!url) continue
			progress = true
			await visitRoute(p, url)
		}
	}
	return patterns.filter((p) => !reached.has(p.file) && !refused.has(p.file)).map((p) => p.pattern)
}

describe('every page at 320 px wide', () => {
	const people = [{ who: 'a visitor', email: null }, ...demoAccounts.map((a) => ({ who: a.email, email: a.email }))]
	for (const { who, email } of people) {
		it(`nothing scrolls sideways for ${who}`, { timeout: 600_000 }, async () => {
			// Without JavaScript: the layout at 320 px is the server's HTML, which hydration keeps as it is (the one
			// effect that changes a page, search's filters opening, acts only at 48rem and wider; 'search on a phone'
			// below checks that page with JavaScript on too). Loading and hydrating each page's scripts had taken
			// a third of this file's time.
			const page = await openPage({ viewport: NARROW, javaScriptEnabled: false })
			const home = email ? await signIn(page, baseUrl, email) : null
			if (!email) await signUpHere(page)
			const unreached = await visitEveryPage(page, who, home)
			await page.context().close()
			if (unreached.length) console.info(`${who} found no link to: ${unreached.join(', ')}`)
			const mine = overflows.filter((o) => o.who === who).map((o) => `${o.url}: ${o.problem}`)
			expect(mine, `pages that scroll sideways at 320 px for ${who}`).toEqual([])
		})
	}

	it('reached every page route as someone', () => {
		const missed = patterns
			.filter((p) => !covered.has(p.file) && !NOT_IN_DEMO_DATA.has(p.file))
			.map((p) => `${p.file} (${p.pattern})`)
		// The routes set aside above exist, and nobody reaches them yet (else they belong with the others again).
		expect(patterns.filter((p) => NOT_IN_DEMO_DATA.has(p.file) && !covered.has(p.file)).map((p) => p.file)).toEqual([
			...NOT_IN_DEMO_DATA,
		])
		expect(missed, 'page routes no demo account could open').toEqual([])
	})
})

describe('search on a phone', () => {
	for (const javaScriptEnabled of [false, true]) {
		it(`puts the results first and the filters behind a Filters button (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
			const page = await openPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled })
			await page.goto(`${baseUrl}/search?q=personal+assistant&near=Leicester`)
			const button = page.locator('summary', { hasText: 'Filters' })
			await shows(button)
			const firstResult = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()
			await shows(firstResult)
			// The first result is on the first screen, and the filters wait closed.
			expect((await firstResult.boundingBox())!.y).toBeLessThan(844)
			const anyFilter = page.getByRole('group', { name: /Price/ })
			expect(await anyFilter.isVisible()).toBe(false)
			await button.focus()
			await page.keyboard.press('Enter')
			await shows(anyFilter)
			// axe-core runs as a script in the page, so only where scripts run.
			if (javaScriptEnabled) await expectNoAxeViolations(page)
			await page.context().close()
		})
	}

	it('shows the filters beside the results on a wide screen, without JavaScript too', async () => {
		const page = await openPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
		await page.goto(`${baseUrl}/search?q=personal+assistant&near=Leicester`)
		await shows(page.getByRole('group', { name: /Price/ }))
		expect(await page.locator('summary', { hasText: 'Filters' }).isVisible()).toBe(false)
		const filters = (await page.getByRole('group', { name: /Price/ }).boundingBox())!
		const results = (await page.getByRole('list', { name: 'Search results' }).boundingBox())!
		expect(filters.x + filters.width).toBeLessThanOrEqual(results.x)
		await page.context().close()
	})
})
