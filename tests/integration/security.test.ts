/**
 * What an outside probe found (issue 13), each as a test that failed before the fix: see docs/security.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '#app/domain/people/auth.server.ts'
import { hashPassword } from '#app/domain/people/password.server.ts'
import { THROTTLE_RULES } from '#app/domain/people/throttle.ts'
import type { Role } from '#app/generated/prisma/enums.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { createTestDb } from '#tests/setup/test-db.ts'

type TestDb = Awaited<ReturnType<typeof createTestDb>>
let db: TestDb
let passwordHash: string
const PASSWORD = 'correct horse battery'

async function makeUser(email: string, roles: Role[] = ['HOLDER'], funderId?: string) {
	const u = await db.prisma.user.create({ data: { email, name: email.split('@')[0] ?? email, passwordHash, roles, funderId } })
	return u.id
}

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	passwordHash = await hashPassword(PASSWORD)
})

afterAll(async () => {
	await db?.cleanup()
})

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

async function signInThroughPage(fields: Record<string, string>, ip: string, cookies: string[] = []): Promise<Response> {
	try {
		return (await loginAction({ request: await signInRequest(fields, cookies), params: {}, context: { clientIp: ip } })) as Response
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
			const response = await signInThroughPage({ email: 'redirect@example.test', password: PASSWORD, redirectTo }, '10.9.0.1')
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
		expect(await signIn('owner@example.test', PASSWORD, '10.4.1.1')).toMatchObject({ ok: false, reason: 'rate-limited' })
		// The owner, on their own browser, still gets in at once.
		const again = await signInThroughPage({ email: 'owner@example.test', password: PASSWORD }, '10.3.0.1', device)
		expect(again.status).toBe(302)
		expect(again.headers.get('Location')).toBe('/account')
	})

	it('slows one address that fails many times, without keeping out the known browsers behind it', async () => {
		await makeUser('office@example.test')
		const first = await signInThroughPage({ email: 'office@example.test', password: PASSWORD }, '10.5.0.1')
		const device = cookiesFrom(first).filter((c) => c.startsWith('bm_device='))
		for (let i = 0; i < THROTTLE_RULES.address.free + 5; i++) await signIn(`nobody${i}@example.test`, 'guess', '10.5.0.1')
		expect(await signIn('someone-else@example.test', 'guess', '10.5.0.1')).toMatchObject({ ok: false, reason: 'rate-limited' })
		const again = await signInThroughPage({ email: 'office@example.test', password: PASSWORD }, '10.5.0.1', device)
		expect(again.status).toBe(302)
	})

	it('grows the wait, rather than locking the account for a fixed time', async () => {
		await makeUser('slow@example.test')
		const start = new Date('2026-12-01T10:00:00Z')
		const at = (ms: number) => new Date(start.getTime() + ms)
		for (let i = 0; i < THROTTLE_RULES.account.free; i++) await signIn('slow@example.test', 'guess', `10.6.0.${i}`, null, start)
		const waiting = await signIn('slow@example.test', PASSWORD, '10.6.1.1', null, at(1_000))
		expect(waiting).toMatchObject({ ok: false, reason: 'rate-limited', retryAfterSeconds: 1 })
		// Once the short wait is over, the right password works from anywhere.
		expect((await signIn('slow@example.test', PASSWORD, '10.6.1.1', null, at(2_500))).ok).toBe(true)
	})
})
