/**
 * What an outside probe found (issue 13), each as a test that failed before the fix: see docs/security.md.
 */
import { describe, expect, it, vi } from 'vitest'
import { signIn } from '#app/domain/people/auth.server.ts'
import { THROTTLE_RULES } from '#app/domain/people/throttle.ts'
import type { Role } from '#app/generated/prisma/enums.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { createFunder, createUserWithRoles } from '#tests/db-utils.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { cookieFor, get, post, statusOf } from '#tests/setup/requests.ts'
import * as devClock from '#app/routes/dev.clock.tsx'
import * as devEmails from '#app/routes/dev.emails.tsx'
import { BookingDetailsSchema } from '#app/domain/bookings/schemas.ts'
import { readForm } from '#app/utils/csrf.server.ts'
import * as calendar from '#app/routes/calendar.tsx'
import { action as logoutAction } from '#app/routes/logout.tsx'
import { action as signupAction } from '#app/routes/signup.tsx'
import { loader as accountLoader } from '#app/routes/account.tsx'
import * as funderAllocate from '#app/routes/funder.allocate.tsx'
import * as funderJoinRequests from '#app/routes/funder.join-requests.tsx'
import { loader as funderOverviewLoader } from '#app/routes/funder._index.tsx'
import { confirmSignUp } from '#app/domain/people/sign-up.server.ts'
import { THROTTLE_RULES as RULES } from '#app/domain/people/throttle.ts'

// The test clock exists only with TEST_CLOCK=true; set before the app's modules read the environment.
vi.hoisted(() => {
	process.env.TEST_CLOCK = 'true'
})

const db = testDbForFile()
const PASSWORD = 'correct horse battery'

/** A user who signs in with PASSWORD, named by their address's first part ("sam" for sam@example.test). */
async function makeUser(email: string, roles: Role[] = ['HOLDER'], funderId?: string) {
	const name = email.split('@')[0] ?? email
	return (await createUserWithRoles(db().prisma, { email, name, roles, funderId, password: PASSWORD })).id
}

/** A sign-in form POST as a browser sends it, with its CSRF token and any other cookies it carries. */
async function signInRequest(fields: Record<string, string>, cookies: string[] = []) {
	const { token, setCookie } = await getCsrfToken(new Request('http://localhost/login'))
	const body = new URLSearchParams({ ...fields, csrf: token })
	const cookie = [setCookie?.split(';')[0], ...cookies].filter(Boolean).join('; ')
	return new Request('http://localhost/login', {
		method: 'POST',
		body,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
	})
}

async function signInThroughPage(
	fields: Record<string, string>,
	ip: string,
	cookies: string[] = [],
): Promise<Response> {
	try {
		return (await loginAction({
			request: await signInRequest(fields, cookies),
			params: {},
			context: { clientIp: ip },
		})) as Response
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

/** The cookies a response set, as a browser would send them back. */
function cookiesFrom(response: Response): string[] {
	return response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '')
}

describe('open redirect after sign-in', () => {
	it('sends a redirectTo with a TAB or newline home instead of off the site (and never a 500)', async () => {
		await makeUser('redirect@example.test')
		for (const redirectTo of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example']) {
			const response = await signInThroughPage(
				{ email: 'redirect@example.test', password: PASSWORD, redirectTo },
				'10.9.0.1',
			)
			expect(response.status).toBe(302)
			expect(response.headers.get('Location')).toBe('/account')
		}
	})
})

describe('sign-in throttling', () => {
	it(`lets no more than ${THROTTLE_RULES.account.free} of 20 parallel guesses at one account through`, async () => {
		await makeUser('parallel@example.test')
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => signIn('parallel@example.test', `guess ${i}`, `10.2.0.${i}`)),
		)
		const tried = results.filter((r) => !r.ok && r.reason === 'invalid').length
		expect(tried).toBeLessThanOrEqual(THROTTLE_RULES.account.free)
		expect(results.filter((r) => !r.ok && r.reason === 'rate-limited').length).toBe(20 - tried)
	})

	it("never lets a stranger's guesses keep the owner out of their account on their own browser", async () => {
		await makeUser('owner@example.test')
		// The owner has signed in on this browser before: it carries the signed device cookie.
		const first = await signInThroughPage({ email: 'owner@example.test', password: PASSWORD }, '10.3.0.1')
		expect(first.status).toBe(302)
		const device = cookiesFrom(first).filter((c) => c.startsWith('bm_device='))
		expect(device).toHaveLength(1)
		// A stranger guesses, from many addresses, far past the limit.
		for (let i = 0; i < 30; i++) await signIn('owner@example.test', `guess ${i}`, `10.4.0.${i}`)
		expect(await signIn('owner@example.test', PASSWORD, '10.4.1.1')).toMatchObject({
			ok: false,
			reason: 'rate-limited',
		})
		// The owner, on their own browser, still gets in at once.
		const again = await signInThroughPage({ email: 'owner@example.test', password: PASSWORD }, '10.3.0.1', device)
		expect(again.status).toBe(302)
		expect(again.headers.get('Location')).toBe('/account')
	})

	it('slows one address that fails many times, without keeping out the known browsers behind it', async () => {
		await makeUser('office@example.test')
		const first = await signInThroughPage({ email: 'office@example.test', password: PASSWORD }, '10.5.0.1')
		const device = cookiesFrom(first).filter((c) => c.startsWith('bm_device='))
		for (let i = 0; i < THROTTLE_RULES.address.free + 5; i++)
			await signIn(`nobody${i}@example.test`, 'guess', '10.5.0.1')
		expect(await signIn('someone-else@example.test', 'guess', '10.5.0.1')).toMatchObject({
			ok: false,
			reason: 'rate-limited',
		})
		const again = await signInThroughPage({ email: 'office@example.test', password: PASSWORD }, '10.5.0.1', device)
		expect(again.status).toBe(302)
	})

	it('grows the wait, rather than locking the account for a fixed time', async () => {
		await makeUser('slow@example.test')
		const start = new Date('2026-12-01T10:00:00Z')
		const at = (ms: number) => new Date(start.getTime() + ms)
		for (let i = 0; i < THROTTLE_RULES.account.free; i++)
			await signIn('slow@example.test', 'guess', `10.6.0.${i}`, null, start)
		const waiting = await signIn('slow@example.test', PASSWORD, '10.6.1.1', null, at(1_000))
		expect(waiting).toMatchObject({ ok: false, reason: 'rate-limited', retryAfterSeconds: 1 })
		// Once the short wait is over, the right password works from anywhere.
		expect((await signIn('slow@example.test', PASSWORD, '10.6.1.1', null, at(2_500))).ok).toBe(true)
	})
})

describe('the /dev pages', () => {
	it('shows each person only the emails sent to them, admins all, and nobody signed out', async () => {
		const sam = await makeUser('sam@example.test')
		const admin = await makeUser('root@example.test', ['ADMIN'])
		await db().prisma.emailOutbox.createMany({
			data: [
				{ to: 'sam@example.test', subject: 'For Sam', body: 'Hello Sam' },
				{ to: 'other@example.test', subject: 'Private to someone else', body: 'Secret' },
			],
		})
		expect(await statusOf(devEmails.loader({ request: get('/dev/emails', ''), params: {}, context: {} }))).toBe(302)
		const mine = (await (
			(await devEmails.loader({
				request: get('/dev/emails', await cookieFor(sam)),
				params: {},
				context: {},
			})) as Response
		).json()) as { emails: Array<{ subject: string }> }
		expect(mine.emails.map((e) => e.subject)).toEqual(['For Sam'])
		const all = (await (
			(await devEmails.loader({
				request: get('/dev/emails', await cookieFor(admin)),
				params: {},
				context: {},
			})) as Response
		).json()) as { emails: Array<{ subject: string }> }
		expect(all.emails.map((e) => e.subject).sort()).toEqual(['For Sam', 'Private to someone else'])
	})

	it('moves the test clock only for a signed-in admin sending the form with its token', async () => {
		const admin = await makeUser('clock-admin@example.test', ['ADMIN'])
		const holder = await makeUser('clock-holder@example.test')
		const json = (body: unknown) =>
			new Request('http://localhost/dev/clock', {
				method: 'POST',
				body: JSON.stringify(body),
				headers: { 'Content-Type': 'application/json' },
			})
		// What any web page could send before: no sign-in, no token.
		expect(await statusOf(devClock.action({ request: json({ advanceMinutes: 60 }), params: {}, context: {} }))).toBe(
			302,
		)
		expect(await statusOf(devClock.loader({ request: get('/dev/clock', ''), params: {}, context: {} }))).toBe(302)
		const holderCookie = await cookieFor(holder)
		expect(
			await statusOf(
				devClock.action({
					request: await post('/dev/clock', holderCookie, { reset: 'true' }),
					params: {},
					context: {},
				}),
			),
		).toBe(403)
		const adminCookie = await cookieFor(admin)
		const noToken = await post('/dev/clock', adminCookie, { advanceMinutes: '0' }, false)
		expect(await statusOf(devClock.action({ request: noToken, params: {}, context: {} }))).toBe(403)
		const ok = await devClock.action({
			request: await post('/dev/clock', adminCookie, { reset: 'true' }),
			params: {},
			context: {},
		})
		expect(ok.status).toBe(200)
	})
})

describe('bad requests get a clear 4xx, never a 500', () => {
	async function statusOfLogin(request: Request) {
		return statusOf(loginAction({ request, params: {}, context: { clientIp: '10.8.0.1' } }))
	}

	it('refuses a body that is not a form (JSON, plain text) with 415', async () => {
		for (const [type, body] of [
			['application/json', JSON.stringify({ email: 'a@example.test' })],
			['text/plain', 'email=a@example.test'],
		] as const) {
			const request = new Request('http://localhost/login', { method: 'POST', body, headers: { 'Content-Type': type } })
			expect(await statusOfLogin(request)).toBe(415)
		}
	})

	it('refuses a form with a valid token sent from another website', async () => {
		const good = await signInRequest({ email: 'a@example.test', password: 'x' })
		const headers = new Headers(good.headers)
		headers.set('Origin', 'https://evil.example')
		const request = new Request(good.url, { method: 'POST', body: await good.text(), headers })
		const response = await responseOrThrown(loginAction({ request, params: {}, context: { clientIp: '10.8.0.2' } }))
		expect(response.status).toBe(403)
		expect(await response.text()).toMatch(/another website/)
	})

	it('refuses a sign-in form far larger than any real one with 413, before reading it', async () => {
		const request = await signInRequest({ email: 'a@example.test', password: 'x'.repeat(400_000) })
		expect(await statusOfLogin(request)).toBe(413)
	})

	it('takes bidirectional-override characters out of every form field as it is read', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: new URLSearchParams({ body: 'Great \u202Eevil\u202C support \u2066ok\u2069' }),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		})
		expect((await readForm(request)).get('body')).toBe('Great evil support ok')
	})

	it('takes NUL bytes out of every form field as it is read (PostgreSQL cannot hold one: a query with it was a 500)', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: new URLSearchParams({ name: 'Sam\u0000 Taylor', serviceId: '\u0000' }),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		})
		const form = await readForm(request)
		expect(form.get('name')).toBe('Sam Taylor')
		expect(form.get('serviceId')).toBe('')
		// What the field would have done: PostgreSQL refuses the byte outright.
		await expect(db().prisma.user.findFirst({ where: { name: 'Sam\u0000 Taylor' } })).rejects.toThrow()
		expect(await db().prisma.user.findFirst({ where: { name: String(form.get('name')) } })).toBeNull()
	})

	it('refuses a booking, allocation or credential date in the year 9999 as not a real date', () => {
		const result = BookingDetailsSchema.safeParse({
			holderId: 'h',
			date: '9999-12-31',
			start: '10:00',
			minutes: '60',
			weeks: '1',
		})
		expect(result.success).toBe(false)
		expect(result.error?.issues.find((i) => i.path[0] === 'date')?.message).toBe('Enter a real date, like 2026-12-08')
	})
})

async function responseOrThrown(promise: Promise<unknown>): Promise<Response> {
	try {
		return (await promise) as Response
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

describe('the Host header is not trusted', () => {
	it('builds the calendar feed address from the configured public origin, not the request', async () => {
		const amina = await makeUser('amina@example.test', ['PROVIDER'])
		const request = new Request('http://evil.example/calendar', {
			headers: { Cookie: await cookieFor(amina), Host: 'evil.example' },
		})
		const page = (await (await calendar.loader({ request, params: {}, context: {} })).json()) as { feedUrl: string }
		expect(page.feedUrl).toMatch(/^http:\/\/localhost:3000\/calendar\/feed\/.+\.ics$/)
	})
})

describe('accounts', () => {
	it('signs a person out on every device at once', async () => {
		const id = await makeUser('everywhere@example.test')
		const phone = await cookieFor(id)
		const laptop = await cookieFor(id)
		expect(await statusOf(accountLoader({ request: get('/account', phone), params: {}, context: {} }))).toBe(200)
		await statusOf(
			logoutAction({ request: await post('/logout', laptop, { intent: 'everywhere' }), params: {}, context: {} }),
		)
		expect(await statusOf(accountLoader({ request: get('/account', phone), params: {}, context: {} }))).toBe(302)
		expect(await db().prisma.session.count({ where: { userId: id } })).toBe(0)
	})

	it(`limits sign-ups from one address (${RULES.signUp.free} at once, then growing waits)`, async () => {
		const statuses = []
		for (let i = 0; i <= RULES.signUp.free; i++) {
			const request = await post('/signup', '', {
				name: `Person ${i}`,
				email: `new${i}@example.test`,
				password: 'a long enough password',
				role: 'PROVIDER',
			})
			statuses.push(await statusOf(signupAction({ request, params: {}, context: { clientIp: '10.7.0.1' } })))
		}
		expect(statuses.slice(0, RULES.signUp.free).every((s) => s === 302)).toBe(true)
		expect(statuses.at(-1)).toBe(429)
	})

	it('keeps a self-signed-up budget holder out of the council’s lists and money until its staff confirm them', async () => {
		const council = await createFunder(db().prisma, { name: 'Join Test Council' })
		const staffId = await makeUser('join-staff@example.test', ['FUNDER_STAFF'], council.id)
		const staff = await cookieFor(staffId)
		const ctx = { params: {}, context: {} }
		const signUpAs = async (name: string, email: string, ip: string) => {
			const request = await post('/signup', '', {
				name,
				email,
				password: 'a long enough password',
				role: 'HOLDER',
				funderId: council.id,
			})
			expect(await statusOf(signupAction({ request, params: {}, context: { clientIp: ip } }))).toBe(302)
			// Until the person opens the emailed link, the funder does not see the request at all.
			expect(
				(
					(await (
						await funderJoinRequests.loader({ request: get('/funder/join-requests', staff), ...ctx })
					).json()) as {
						requests: { email: string }[]
					}
				).requests.map((r) => r.email),
			).not.toContain(email)
			const sent = await db().prisma.emailOutbox.findFirstOrThrow({
				where: { to: email },
				orderBy: { createdAt: 'desc' },
			})
			expect(await confirmSignUp(/\/signup\/confirm\/([\w-]+)/.exec(sent.body)?.[1] ?? '')).not.toBeNull()
			return db().prisma.budgetHolder.findFirstOrThrow({ where: { user: { email } } })
		}
		const stranger = await signUpAs('Mallory Stranger', 'mallory@example.test', '10.8.0.1')
		const real = await signUpAs('Rita Real', 'rita@example.test', '10.8.0.2')
		const overview = async () =>
			(await (await funderOverviewLoader({ request: get('/funder', staff), ...ctx })).json()) as {
				overview: { rows: { id: string }[]; totals: { holders: number } }
				joinRequests: number
			}
		const allocatable = async () =>
			(
				(await (await funderAllocate.loader({ request: get('/funder/allocate', staff), ...ctx })).json()) as {
					holders: { id: string }[]
				}
			).holders.map((h) => h.id)

		// Before: neither is in the council's list, its count or its allocation form; both wait on the requests page.
		expect((await overview()).overview.rows).toEqual([])
		expect((await overview()).overview.totals.holders).toBe(0)
		expect((await overview()).joinRequests).toBe(2)
		expect(await allocatable()).toEqual([])
		const waiting = (await (
			await funderJoinRequests.loader({ request: get('/funder/join-requests', staff), ...ctx })
		).json()) as { requests: { holderId: string; email: string }[] }
		expect(waiting.requests.map((r) => r.email)).toEqual(['mallory@example.test', 'rita@example.test'])

		// Money cannot reach someone unconfirmed, even by a hand-made form.
		const allocation = await funderAllocate.action({
			request: await post('/funder/allocate', staff, {
				holderId: stranger.id,
				amount: '240.00',
				schedule: 'ONE_OFF',
				firstOn: new Date().toISOString().slice(0, 10),
				idempotencyKey: crypto.randomUUID(),
			}),
			...ctx,
		})
		expect(allocation.status).toBe(400)
		expect(JSON.stringify(await allocation.json())).toContain('is not confirmed yet')
		expect(await db().prisma.allocation.count({ where: { holderId: stranger.id } })).toBe(0)

		// Staff confirm one and decline the other; each person is told.
		const answerNow = async (intent: string, holderId: string) =>
			statusOf(
				funderJoinRequests.action({
					request: await post('/funder/join-requests', staff, { intent, holderId }),
					...ctx,
				}),
			)
		expect(await answerNow('confirm', real.id)).toBe(302)
		expect(await answerNow('decline', stranger.id)).toBe(302)
		expect(await answerNow('confirm', real.id)).toBe(302) // the same answer again changes nothing
		expect(await answerNow('confirm', stranger.id)).toBe(409) // a different answer later is refused
		expect((await overview()).overview.rows.map((r) => r.id)).toEqual([real.id])
		expect((await overview()).joinRequests).toBe(0)
		expect(await allocatable()).toEqual([real.id])
		const told = await db().prisma.notification.findMany({
			where: { userId: { in: [real.userId!, stranger.userId!] } },
			select: { userId: true, title: true },
		})
		expect(told).toHaveLength(2)
		expect(told.find((n) => n.userId === real.userId)?.title).toContain('confirmed')
		expect(told.find((n) => n.userId === stranger.userId)?.title).toContain('could not find you')
		expect(await db().prisma.auditLog.count({ where: { action: { in: ['JOIN_CONFIRMED', 'JOIN_DECLINED'] } } })).toBe(2)

		// Staff of another council cannot answer for this one.
		const otherCouncil = await createFunder(db().prisma, { name: 'Other Test Council' })
		const other = await cookieFor(await makeUser('other-staff@example.test', ['FUNDER_STAFF'], otherCouncil.id))
		const late = await signUpAs('Lee Late', 'lee@example.test', '10.8.0.3')
		const foreign = await statusOf(
			funderJoinRequests.action({
				request: await post('/funder/join-requests', other, { intent: 'confirm', holderId: late.id }),
				...ctx,
			}),
		)
		expect(foreign).toBe(404)
		expect(
			(await db().prisma.budgetHolder.findUniqueOrThrow({ where: { id: late.id } })).joinRequestedAt,
		).not.toBeNull()
	})
})
