import type axe from 'axe-core'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'

/**
 * The address of this worker's own app server (tests/e2e/global-setup.ts starts one per e2e worker). Vitest numbers
 * the workers running at once 1, 2, …, so two files running together always get different servers.
 */
export function e2eBaseUrl(): string {
	const urls = inject('baseUrls')
	const worker = Math.max(1, Number(process.env.VITEST_POOL_ID ?? 1))
	return urls[(worker - 1) % urls.length]!
}

/** Debian's headless build of Chromium (package chromium-headless-shell), where installed. */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'

/**
 * The browser the tests drive: CHROMIUM_PATH if set, else Debian's Chromium headless shell if installed (.ci/run
 * installs it), else Debian's full Chromium (`/usr/bin/chromium`). The shell is the same Chromium (Blink, V8) without
 * the desktop browser around it; it is what Playwright itself runs for headless tests, and it did the same pages with
 * about half the CPU (ADR 035). `CHROMIUM_PATH=/usr/bin/chromium npm test` runs everything in the full browser.
 */
export function browserPath(): string {
	return process.env.CHROMIUM_PATH || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium')
}

/** Debian's Chromium (`browserPath`), driven by playwright-core. Never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: browserPath(),
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	})
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext(options)
	return context.newPage()
}

let fileBrowser: Browser | undefined

/**
 * This test file's Chromium: launched before its tests and closed after them (each test file has its own copy of
 * this module). Open pages in it with `openPage`.
 */
export function launchBrowserForFile(): void {
	beforeAll(async () => {
		fileBrowser = await launchBrowser()
	})
	afterAll(async () => {
		await fileBrowser?.close()
	})
}

/** A page of its own (a fresh context, so nobody is signed in) in the browser `launchBrowserForFile` launched. */
export function openPage(options: BrowserContextOptions = {}): Promise<Page> {
	if (!fileBrowser) throw new Error('Call launchBrowserForFile() in the test file before opening pages')
	return newPage(fileBrowser, options)
}

/**
 * The start of a browser test file: launches its Chromium (`launchBrowserForFile`) and returns the address of this
 * worker's app server (`e2eBaseUrl`).
 */
export function browserTestFile(): string {
	launchBrowserForFile()
	return e2eBaseUrl()
}

/**
 * A page of its own (`openPage`), signed in through the form as this person (`signIn`) on this worker's server, or on
 * `own`: a server the test file started on a database of its own, whose people sign in with `own.password`.
 */
export async function signedInPage(email: string, own?: { base: string; password: string }): Promise<Page> {
	const page = await openPage()
	await signIn(page, own?.base ?? e2eBaseUrl(), email, own?.password)
	return page
}

/** The rules axe-core checks: WCAG 2.0 and 2.1, levels A and AA, and its best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
let axeSource: string | undefined

/**
 * Runs axe-core in the page (`axe.run`, the library's own entry point) and fails with a readable list of what is wrong.
 *
 * axe-core is injected and run directly rather than through @axe-core/playwright: the wrapper's default opens a
 * blank page for every check (for cross-origin frames, which the app has none of), and its legacy mode still sent
 * every pass and inapplicable node back; `resultTypes: ['violations']` reports violations in full and one node of the
 * rest. Measured on the demo server: a first check 1.0–1.3 s → 0.7–0.8 s on the sign-in page, 2.9 s → 1.6–1.9 s on
 * search (docs/benchmarks.md, session 8). The rules and tags are the same; a page with frames fails loudly.
 */
export async function expectNoAxeViolations(page: Page) {
	expect(
		page.frames(),
		'a page with frames needs each frame checked: axe-core runs only in the top one here',
	).toHaveLength(1)
	axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
	await page.evaluate(axeSource)
	const violations = await page.evaluate(
		(tags) =>
			(window as unknown as { axe: typeof axe }).axe
				.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
				.then((results) =>
					results.violations.map(({ id, impact, help, nodes }) => ({
						id,
						impact,
						help,
						nodes: nodes.map((n) => ({ target: n.target })),
					})),
				),
		AXE_TAGS,
	)
	const summary = violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
	)
	expect(summary, `axe-core found problems on ${page.url()}:\n${summary.join('\n')}\n`).toEqual([])
}

/**
 * Signs in through the form, as a person would, and waits for the home signing in takes them to (issue 12: a
 * holder's or helper's /home, the provider's dashboard, the funder's overview, the admin's home). Returns its path.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password = 'demo-password'): Promise<string> {
	await page.goto(`${baseUrl}/login`)
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL((url) => url.pathname !== '/login', { timeout: 60_000 })
	await shows(page.getByRole('heading', { level: 1 }))
	return new URL(page.url()).pathname
}

/**
 * From a signed-in page: opens My account (unless there already), which shows the account's email, signs out, and
 * checks that signing out took effect (the account page now asks to sign in).
 */
export async function signOutThroughAccount(page: Page, baseUrl: string, email: string): Promise<void> {
	if (new URL(page.url()).pathname !== '/account') {
		await page.getByRole('link', { name: 'My account' }).click()
		await page.waitForURL(`${baseUrl}/account`)
	}
	await shows(page.getByText(email))
	await page.getByRole('button', { name: 'Sign out', exact: true }).click()
	await page.waitForURL(`${baseUrl}/`)
	await shows(page.getByRole('link', { name: 'Sign in' }))
	await page.goto(`${baseUrl}/account`)
	expect(new URL(page.url()).pathname).toBe('/login')
}

/** Waits until the element is visible (playwright-core has no auto-retrying expect); fails after 10 s. */
export async function shows(locator: Locator): Promise<void> {
	await locator.first().waitFor({ state: 'visible', timeout: 10_000 })
}

/** Waits until the element's text matches, then returns it. */
export async function textOf(locator: Locator, pattern: RegExp | string): Promise<string> {
	const deadline = Date.now() + 10_000
	let text = ''
	while (Date.now() < deadline) {
		text = (await locator.first().textContent({ timeout: 10_000 })) ?? ''
		if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text
		await new Promise((r) => setTimeout(r, 100))
	}
	throw new Error(`Expected ${String(locator)} to have text ${String(pattern)}, but it was "${text}"`)
}

/**
 * Waits until the element's attribute has this value, then returns it (the URL changes a moment before React shows
 * the new page, so reading at once can see the old one); fails after 10 s with the last value seen.
 */
export async function attributeOf(locator: Locator, name: string, value: string): Promise<string | null> {
	const deadline = Date.now() + 10_000
	let seen: string | null = null
	while (Date.now() < deadline) {
		seen = await locator.first().getAttribute(name, { timeout: 10_000 })
		if (seen === value) return seen
		await new Promise((r) => setTimeout(r, 100))
	}
	return seen
}

/** Waits until React has taken over the page (Remix's router is running), so typing and ticking reach its handlers. */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => '__remixRouter' in window, undefined, { timeout: 15_000 })
	// One more frame, so the effects that attach listeners have run.
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
}

/**
 * The server's test clock (POST /dev/clock), which answers only a signed-in admin sending the form's CSRF token:
 * signs in as the demo admin over plain HTTP, as a browser would, and keeps the cookies.
 */
export async function adminClock(baseUrl: string, email = 'admin@demo.test', password = 'demo-password') {
	const cookies = new Map<string, string>()
	const keep = (response: Response) => {
		for (const c of response.headers.getSetCookie()) {
			const [pair] = c.split(';')
			const [name, ...value] = (pair ?? '').split('=')
			if (name) cookies.set(name, value.join('='))
		}
	}
	const cookie = () => [...cookies].map(([n, v]) => `${n}=${v}`).join('; ')
	const page = await fetch(`${baseUrl}/login`)
	keep(page)
	const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
	const signedIn = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email, password, csrf }),
		headers: { Cookie: cookie() },
		redirect: 'manual',
	})
	keep(signedIn)
	if (signedIn.status !== 302) throw new Error(`Could not sign in as ${email} for the test clock (${signedIn.status})`)
	return {
		async now(): Promise<Date> {
			const state = (await (await fetch(`${baseUrl}/dev/clock`, { headers: { Cookie: cookie() } })).json()) as {
				now: string
			}
			return new Date(state.now)
		},
		async send(fields: { advanceMinutes: number } | { reset: true }): Promise<Response> {
			const body = new URLSearchParams({
				csrf,
				...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
			})
			return fetch(`${baseUrl}/dev/clock`, { method: 'POST', body, headers: { Cookie: cookie() } })
		},
	}
}
