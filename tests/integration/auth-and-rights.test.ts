import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '#app/domain/people/auth.server.ts'
import { THROTTLE_RULES } from '#app/domain/people/throttle.ts'
import { rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { loader as holderLoader } from '#app/routes/holders.$holderId.tsx'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as signupAction } from '#app/routes/signup.tsx'
import * as confirmPage from '#app/routes/signup_.confirm.$token.tsx'
import { loader as accountLoader } from '#app/routes/account.tsx'
import type { Role } from '#app/generated/prisma/enums.ts'
import { createFunder, createHolder } from '#tests/db-utils.ts'
import { closeTestDb, openWorld } from '#tests/setup/domain.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { cookieFor, statusOf } from '#tests/setup/requests.ts'

let db: TestDb
const PASSWORD = 'correct horse battery'
const ids = {} as Record<'funderA' | 'funderB' | 'holderA' | 'holderB' | 'holderOther', string>
const users = {} as Record<'holderA' | 'holderB' | 'carer' | 'broker' | 'staffA' | 'outsider' | 'admin', string>

/** A user who signs in with PASSWORD, named by their address's first part ("a" for a@example.test). */
const account = (email: string) => ({ email, name: email.split('@')[0] ?? email, password: PASSWORD })

beforeAll(async () => {
	const world = await openWorld({ name: 'Council A' }, account('staff@example.test'))
	db = world.db
	const p = db.prisma
	ids.funderA = world.funderId
	ids.funderB = (await createFunder(p, { name: 'Council B' })).id
	const person = async (email: string, roles: Role[]) => (await world.person({ ...account(email), roles })).id
	const holder = (email: string, displayName: string, funderId: string) =>
		createHolder(p, { funderId, displayName, user: account(email) })
	const a = await holder('a@example.test', 'Holder A', ids.funderA)
	ids.holderA = a.holder.id
	users.holderA = a.user!.id
	const b = await holder('b@example.test', 'Holder B', ids.funderB)
	ids.holderB = b.holder.id
	users.holderB = b.user!.id
	users.carer = await person('carer@example.test', ['REPRESENTATIVE'])
	users.broker = await person('broker@example.test', ['BROKER'])
	users.staffA = world.staff.id
	users.outsider = await person('outsider@example.test', ['PROVIDER'])
	users.admin = await person('admin@example.test', ['ADMIN'])
	ids.holderOther = (
		await createHolder(p, { funderId: ids.funderA, displayName: 'Represented Person', user: null })
	).holder.id
	await p.delegation.create({
		data: {
			holderId: ids.holderOther,
			delegateId: users.carer,
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY'],
		},
	})
	await p.delegation.create({
		data: { holderId: ids.holderA, delegateId: users.broker, kind: 'BROKER', rights: ['VIEW'], revokedAt: new Date() },
	})
})

afterAll(() => closeTestDb(db))

function holderPage(holderId: string, cookie: string) {
	const request = new Request(`http://localhost/holders/${holderId}`, { headers: { Cookie: cookie } })
	return holderLoader({ request, params: { holderId }, context: {} })
}

describe('who may see a budget holder', () => {
	it("refuses one holder another holder's account, and shows them their own", async () => {
		const cookie = await cookieFor(users.holderA)
		expect(await statusOf(holderPage(ids.holderB, cookie))).toBe(404)
		const own = await holderPage(ids.holderA, cookie)
		expect(own.status).toBe(200)
		const body = (await own.json()) as { holder: { displayName: string } }
		expect(body.holder.displayName).toBe('Holder A')
	})

	it('lets a representative see the person they act for, with only the rights they were given', async () => {
		const cookie = await cookieFor(users.carer)
		expect(await statusOf(holderPage(ids.holderOther, cookie))).toBe(200)
		expect(await statusOf(holderPage(ids.holderA, cookie))).toBe(404)
		const carer = await db.prisma.user.findUniqueOrThrow({ where: { id: users.carer } })
		expect([...(await rightsOverHolder(carer, ids.holderOther))].sort()).toEqual(['BOOK', 'PAY', 'VIEW'])
	})

	it('stops a delegate whose consent was withdrawn', async () => {
		const cookie = await cookieFor(users.broker)
		expect(await statusOf(holderPage(ids.holderA, cookie))).toBe(404)
	})

	it("lets funder staff see their own funder's holders only", async () => {
		const cookie = await cookieFor(users.staffA)
		expect(await statusOf(holderPage(ids.holderA, cookie))).toBe(200)
		expect(await statusOf(holderPage(ids.holderOther, cookie))).toBe(200)
		expect(await statusOf(holderPage(ids.holderB, cookie))).toBe(404)
	})

	it('lets an admin see any holder but not act for them', async () => {
		const admin = await db.prisma.user.findUniqueOrThrow({ where: { id: users.admin } })
		expect([...(await rightsOverHolder(admin, ids.holderB))]).toEqual(['VIEW'])
	})

	it('refuses providers and people who are not signed in', async () => {
		expect(await statusOf(holderPage(ids.holderA, await cookieFor(users.outsider)))).toBe(404)
		const anonymous = await statusOf(holderPage(ids.holderA, ''))
		expect(anonymous).toBe(302)
	})

	it('ignores a forged session cookie', async () => {
		const request = new Request('http://localhost/account', { headers: { Cookie: 'bm_session=forged-session-id' } })
		const status = await statusOf(accountLoader({ request, params: {}, context: {} }))
		expect(status).toBe(302)
	})
})

async function formRequest(url: string, fields: Record<string, string>, withCsrf = true) {
	const body = new URLSearchParams(fields)
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
	if (withCsrf) {
		const { token, setCookie } = await getCsrfToken(new Request(url))
		body.set('csrf', token)
		headers.Cookie = setCookie?.split(';')[0] ?? ''
	}
	return new Request(url, { method: 'POST', body, headers })
}

describe('forms', () => {
	it('refuses a form without its CSRF token', async () => {
		const request = await formRequest('http://localhost/login', { email: 'a@example.test', password: 'x' }, false)
		expect(await statusOf(loginAction({ request, params: {}, context: { clientIp: '10.0.0.1' } }))).toBe(403)
	})

	it('refuses a CSRF token from another browser', async () => {
		const mine = await getCsrfToken(new Request('http://localhost/login'))
		const theirs = await getCsrfToken(new Request('http://localhost/login'))
		const request = new Request('http://localhost/login', {
			method: 'POST',
			body: new URLSearchParams({ email: 'a@example.test', password: 'x', csrf: theirs.token }),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: mine.setCookie?.split(';')[0] ?? '' },
		})
		expect(await statusOf(loginAction({ request, params: {}, context: { clientIp: '10.0.0.1' } }))).toBe(403)
	})

	it('signs in with the right password and sets an HTTP-only session cookie', async () => {
		const request = await formRequest('http://localhost/login', {
			email: 'A@Example.test ',
			password: 'correct horse battery',
			redirectTo: '/holders/x',
		})
		const response = (await loginAction({ request, params: {}, context: { clientIp: '10.0.0.2' } })) as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/holders/x')
		const cookie = response.headers.get('Set-Cookie') ?? ''
		expect(cookie).toMatch(/^bm_session=/)
		expect(cookie).toContain('HttpOnly')
		expect(cookie).toContain('SameSite=Lax')
	})

	it('never redirects off the site after signing in', async () => {
		const request = await formRequest('http://localhost/login', {
			email: 'a@example.test',
			password: 'correct horse battery',
			redirectTo: '//evil.example/steal',
		})
		const response = (await loginAction({ request, params: {}, context: { clientIp: '10.0.0.3' } })) as Response
		// Home instead: a budget holder's home (issue 12).
		expect(response.headers.get('Location')).toBe('/home')
	})

	it('explains a wrong password without saying which part was wrong, and keeps the email', async () => {
		const request = await formRequest('http://localhost/login', { email: 'a@example.test', password: 'wrong' })
		const response = (await loginAction({ request, params: {}, context: { clientIp: '10.0.0.4' } })) as Response
		expect(response.status).toBe(400)
		const { result } = (await response.json()) as {
			result: { error: Record<string, string[]>; initialValue: Record<string, string> }
		}
		expect(Object.values(result.error).flat()).toContain(
			'The email address or password is not right. Check them and try again.',
		)
		expect(result.initialValue.email).toBe('a@example.test')
		expect(result.initialValue.password).toBeUndefined()
	})

	it(`slows sign-in attempts: after ${THROTTLE_RULES.account.free} failures a new browser waits, even with the right password`, async () => {
		const email = 'b@example.test'
		for (let i = 0; i < THROTTLE_RULES.account.free; i++) {
			expect(await signIn(email, 'wrong password', `10.1.0.${i}`)).toEqual({ ok: false, reason: 'invalid' })
		}
		expect(await signIn(email, 'correct horse battery', '10.1.1.1')).toMatchObject({
			ok: false,
			reason: 'rate-limited',
		})
		const request = await formRequest('http://localhost/login', { email, password: 'correct horse battery' })
		const response = (await loginAction({ request, params: {}, context: { clientIp: '10.1.1.2' } })) as Response
		expect(response.status).toBe(429)
		expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
		// Another person is not affected.
		expect((await signIn('a@example.test', 'correct horse battery', '10.1.1.3')).ok).toBe(true)
	})

	it('says exactly what is wrong on the sign-up form and keeps what was typed', async () => {
		const request = await formRequest('http://localhost/signup', {
			name: 'J',
			email: 'not-an-email',
			password: 'short',
			role: 'HOLDER',
		})
		const response = (await signupAction({ request, params: {}, context: {} })) as Response
		expect(response.status).toBe(400)
		const { result } = (await response.json()) as {
			result: { error: Record<string, string[]>; initialValue: Record<string, string> }
		}
		expect(result.error.name).toEqual(['Enter your name (at least 2 letters)'])
		expect(result.error.email).toEqual(['Enter an email address in the right format, like name@example.com'])
		expect(result.error.password).toEqual(['Choose a password of at least 10 characters'])
		expect(result.error.funderId).toEqual(['Choose who funds your budget'])
		expect(result.initialValue).toMatchObject({ name: 'J', email: 'not-an-email', role: 'HOLDER' })
	})

	it('refuses a funder that does not exist, and answers an email already in use as it answers a new one', async () => {
		let request = await formRequest('http://localhost/signup', {
			name: 'New Person',
			email: 'new@example.test',
			password: 'long enough password',
			role: 'HOLDER',
			funderId: 'no-such-funder',
		})
		let response = (await signupAction({ request, params: {}, context: {} })) as Response
		expect(response.status).toBe(400)
		expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error.funderId).toEqual([
			'Choose a funder from the list',
		])
		request = await formRequest('http://localhost/signup', {
			name: 'Copy Cat',
			email: 'a@example.test',
			password: 'long enough password',
			role: 'PROVIDER',
		})
		response = (await signupAction({ request, params: {}, context: {} })) as Response
		// The page does not say the address has an account (a stranger could learn who uses the service): the owner
		// gets an email saying so, and nothing about the account changes.
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/signup/check-email')
		expect(await db.prisma.user.count({ where: { name: 'Copy Cat' } })).toBe(0)
		const told = await db.prisma.emailOutbox.findFirstOrThrow({
			where: { to: 'a@example.test' },
			orderBy: { createdAt: 'desc' },
		})
		expect(told.subject).toBe('You already have a Budget Market account')
		expect((await signIn('a@example.test', 'correct horse battery', '10.1.9.1')).ok).toBe(true)
	})

	it('creates a budget holder with their funder in one step', async () => {
		const request = await formRequest('http://localhost/signup', {
			name: 'Nia Jones',
			email: 'nia@example.test',
			password: 'long enough password',
			role: 'HOLDER',
			funderId: ids.funderA,
		})
		const response = (await signupAction({ request, params: {}, context: {} })) as Response
		expect(response.status).toBe(302)
		const user = await db.prisma.user.findUniqueOrThrow({
			where: { email: 'nia@example.test' },
			include: { holder: true },
		})
		expect(user.roles).toEqual(['HOLDER'])
		expect(user.holder?.funderId).toBe(ids.funderA)
		expect(user.passwordHash).not.toContain('long enough password')
	})
})

describe('signing up with an emailed link (ADR 016)', () => {
	const form = (email: string, extra: Record<string, string> = {}) =>
		formRequest('http://localhost/signup', {
			name: 'Sign Up Person',
			email,
			password: 'long enough password',
			role: 'PROVIDER',
			...extra,
		})
	let address = 0
	// Each from its own address, clear of the sign-up limit (tested in security.test.ts).
	const send = async (request: Request) =>
		(await signupAction({ request, params: {}, context: { clientIp: `10.2.${++address}.1` } })) as Response
	const linkIn = async (email: string) => {
		const sent = await db.prisma.emailOutbox.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: 'desc' } })
		const token = /\/signup\/confirm\/([\w-]+)/.exec(sent.body)?.[1]
		if (!token) throw new Error(`No confirmation link in: ${sent.body}`)
		return token
	}
	const confirm = async (token: string, cookie = '') => {
		const { token: csrf, setCookie } = await getCsrfToken(new Request('http://localhost/'))
		const request = new Request(`http://localhost/signup/confirm/${token}`, {
			method: 'POST',
			body: new URLSearchParams({ csrf, intent: 'confirm' }),
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Cookie: [setCookie?.split(';')[0], cookie].filter(Boolean).join('; '),
			},
		})
		try {
			return (await confirmPage.action({ request, params: { token }, context: {} })) as Response
		} catch (thrown) {
			if (thrown instanceof Response) return thrown
			throw thrown
		}
	}

	it('answers a new address and a known one the same way', async () => {
		const fresh = await send(await form('fresh@example.test'))
		const known = await send(await form('b@example.test'))
		for (const r of [fresh, known]) {
			expect(r.status).toBe(302)
			expect(r.headers.get('Location')).toBe('/signup/check-email')
			expect(r.headers.get('Set-Cookie')).toMatch(/^bm_signup=/)
		}
		expect([...fresh.headers.keys()].sort()).toEqual([...known.headers.keys()].sort())
	})

	it('lets nobody sign in until the emailed link is used, then signs them in once', async () => {
		await send(await form('link@example.test', { redirectTo: '/search?q=yoga' }))
		const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'link@example.test' } })
		expect(user.emailConfirmedAt).toBeNull()
		expect(await signIn('link@example.test', 'long enough password', '10.1.9.2')).toEqual({
			ok: false,
			reason: 'unconfirmed',
		})
		// A wrong password says nothing about the account's state.
		expect(await signIn('link@example.test', 'wrong password here', '10.1.9.2')).toEqual({
			ok: false,
			reason: 'invalid',
		})
		const token = await linkIn('link@example.test')
		// Opening the link changes nothing: mail scanners open links too.
		const opened = await confirmPage.loader({
			request: new Request('http://localhost/'),
			params: { token },
			context: {},
		})
		expect(await opened.json()).toEqual({ name: 'Sign Up Person', email: 'link@example.test' })
		expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailConfirmedAt).toBeNull()

		const done = await confirm(token)
		expect(done.status).toBe(302)
		expect(done.headers.get('Location')).toBe('/search?q=yoga')
		expect(done.headers.get('Set-Cookie')).toContain('bm_session=')
		expect((await signIn('link@example.test', 'long enough password', '10.1.9.3')).ok).toBe(true)
		// The link works once.
		expect((await confirm(token)).status).toBe(404)
		expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(1)
	})

	it('refuses a link out of date or unknown, and a newer sign-up replaces an older link', async () => {
		await send(await form('late@example.test'))
		const first = await linkIn('late@example.test')
		await db.prisma.signUpConfirmation.updateMany({
			where: { user: { email: 'late@example.test' } },
			data: { expiresAt: new Date(Date.now() - 1000) },
		})
		expect((await confirm(first)).status).toBe(404)
		expect((await confirm('no-such-token')).status).toBe(404)

		// Signing up again before confirming: the newest form wins (nobody has proved the address yet).
		await send(await form('late@example.test', { name: 'Second Try' }))
		const second = await linkIn('late@example.test')
		expect(second).not.toBe(first)
		expect((await confirm(second)).status).toBe(302)
		const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'late@example.test' } })
		expect(user.name).toBe('Second Try')
		expect(user.emailConfirmedAt).not.toBeNull()
	})
})
