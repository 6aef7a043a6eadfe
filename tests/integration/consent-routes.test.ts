/**
 * The consent and trail pages through their loaders and actions (issue 10, ADR 020): the holder invites by the
 * form (CSRF-checked, zod-parsed), the invited person accepts by the link, the holder withdraws, and the helper's very
 * next request is refused; the trail page and its CSV say what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as acceptAction, loader as acceptLoader } from '#app/routes/helpers.accept.$token.tsx'
import { loader as holderLoader } from '#app/routes/holders.$holderId.tsx'
import { action as helpersAction, loader as helpersLoader } from '#app/routes/holders.$holderId_.helpers.tsx'
import { loader as trailLoader } from '#app/routes/holders.$holderId_.trail.tsx'
import { loader as trailCsvLoader } from '#app/routes/holders.$holderId_.trail[.]csv.tsx'
import { setDb } from '#app/utils/db.server.ts'
import { createFunder, createHolder, createUserWithRoles } from '#tests/db-utils.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb
let holderId: string
const cookies = {} as Record<'sam' | 'grace' | 'stranger' | 'staff', string>
const users = {} as Record<'sam' | 'grace', { id: string }>

const ctx = { context: { clientIp: '10.0.0.1' } }

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	const p = db.prisma
	const funder = (await createFunder(p, { name: 'Leicester City Council' })).id
	const sam = await createHolder(p, { funderId: funder, displayName: 'Sam Taylor' })
	holderId = sam.holder.id
	users.sam = sam.user!
	const grace = await createUserWithRoles(p, { roles: ['HOLDER'], name: 'Grace Okafor', email: 'grace@example.test' })
	users.grace = grace
	const stranger = await createUserWithRoles(p, { roles: ['HOLDER'], email: 'someone@example.test' })
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder, name: 'Priya Patel' })
	cookies.sam = await cookieFor(sam.user!.id)
	cookies.grace = await cookieFor(grace.id)
	cookies.stranger = await cookieFor(stranger.id)
	cookies.staff = await cookieFor(staff.id)
})

afterAll(async () => {
	await db?.cleanup()
})

const helpersUrl = () => `/holders/${holderId}/helpers`
const params = () => ({ holderId })

async function acceptLink(): Promise<string> {
	const email = await db.prisma.emailOutbox.findFirstOrThrow({
		where: { to: 'grace@example.test' },
		orderBy: { createdAt: 'desc' },
	})
	const match = /\/helpers\/accept\/([A-Za-z0-9_-]+)/.exec(email.body)
	return match![1]!
}

describe('the helpers page and the invitation link', () => {
	it('refuses an invitation without a CSRF token, and an invalid form with each error by its field', async () => {
		const noCsrf = await statusOf(
			helpersAction({
				request: await post(helpersUrl(), cookies.sam, { intent: 'invite' }, false),
				params: params(),
				...ctx,
			}),
		)
		expect(noCsrf).toBe(403)
		const bad = await responseOf(
			helpersAction({
				request: await post(helpersUrl(), cookies.sam, { intent: 'invite', email: 'not an email', perBooking: 'lots' }),
				params: params(),
				...ctx,
			}),
		)
		expect(bad.status).toBe(400)
		const body = (await bad.json()) as { result: { error: Record<string, string[]> }; formId: string }
		expect(body.formId).toBe('invite')
		expect(body.result.error.email).toEqual(['Enter an email address like name@example.com'])
		expect(body.result.error.kind).toEqual(['Choose who they are to you'])
		expect(body.result.error.rights).toEqual(['Choose at least one thing they can do for you'])
		expect(body.result.error.perBooking?.[0]).toMatch(/^Enter the limit for one booking as an amount/)
		expect(await db.prisma.helperInvite.count()).toBe(0)
	})

	it('invites, and the invited person accepts after signing in; a stranger with the link cannot', async () => {
		const sent = await responseOf(
			helpersAction({
				request: await post(helpersUrl(), cookies.sam, {
					intent: 'invite',
					email: 'grace@example.test',
					kind: 'REPRESENTATIVE',
					rights: 'BOOK',
					perBooking: '40.00',
				}),
				params: params(),
				...ctx,
			}),
		)
		expect(sent.status).toBe(302)
		expect(sent.headers.get('Location')).toBe(`${helpersUrl()}?invited=grace%40example.test`)
		const token = await acceptLink()
		const pending = (await (
			await helpersLoader({ request: get(helpersUrl(), cookies.sam), params: params(), ...ctx })
		).json()) as {
			invites: Array<{ email: string; rights: string[] }>
		}
		expect(pending.invites).toMatchObject([{ email: 'grace@example.test', rights: ['VIEW', 'BOOK'] }])

		// Not signed in: sent to sign in and brought back.
		const anon = await responseOf(
			acceptLoader({ request: get(`/helpers/accept/${token}`, ''), params: { token }, ...ctx }),
		)
		expect(anon.status).toBe(302)
		expect(anon.headers.get('Location')).toContain(`redirectTo=${encodeURIComponent(`/helpers/accept/${token}`)}`)
		// A stranger sees it is not theirs, and cannot accept it.
		const theirs = (await (
			await acceptLoader({ request: get(`/helpers/accept/${token}`, cookies.stranger), params: { token }, ...ctx })
		).json()) as { invitation: { forYou: boolean } }
		expect(theirs.invitation).toEqual({ forYou: false })
		expect(
			await statusOf(
				acceptAction({
					request: await post(`/helpers/accept/${token}`, cookies.stranger, {}),
					params: { token },
					...ctx,
				}),
			),
		).toBe(403)

		const page = (await (
			await acceptLoader({ request: get(`/helpers/accept/${token}`, cookies.grace), params: { token }, ...ctx })
		).json()) as { invitation: { holderName: string; perBookingLimitPence: number } }
		expect(page.invitation).toMatchObject({ holderName: 'Sam Taylor', perBookingLimitPence: 4_000 })
		const accepted = await responseOf(
			acceptAction({ request: await post(`/helpers/accept/${token}`, cookies.grace, {}), params: { token }, ...ctx }),
		)
		expect(accepted.status).toBe(302)
		expect(
			await statusOf(holderLoader({ request: get(`/holders/${holderId}`, cookies.grace), params: params(), ...ctx })),
		).toBe(200)
		// Used: the link is a 404 now.
		expect(
			await statusOf(
				acceptLoader({ request: get(`/helpers/accept/${token}`, cookies.grace), params: { token }, ...ctx }),
			),
		).toBe(404)
	})

	it('lets only the holder open the helpers page', async () => {
		expect(await statusOf(helpersLoader({ request: get(helpersUrl(), cookies.grace), params: params(), ...ctx }))).toBe(
			403,
		)
		expect(await statusOf(helpersLoader({ request: get(helpersUrl(), cookies.staff), params: params(), ...ctx }))).toBe(
			403,
		)
		expect(
			await statusOf(helpersLoader({ request: get(helpersUrl(), cookies.stranger), params: params(), ...ctx })),
		).toBe(404)
	})

	it('withdraws at once: the helper’s very next request is refused', async () => {
		const d = await db.prisma.delegation.findFirstOrThrow({ where: { holderId, delegateId: users.grace.id } })
		const done = await responseOf(
			helpersAction({
				request: await post(helpersUrl(), cookies.sam, { intent: 'withdraw', delegationId: d.id }),
				params: params(),
				...ctx,
			}),
		)
		expect(done.headers.get('Location')).toBe(`${helpersUrl()}?done=withdrawn`)
		expect(
			await statusOf(holderLoader({ request: get(`/holders/${holderId}`, cookies.grace), params: params(), ...ctx })),
		).toBe(404)
	})
})

describe('the trail page and its CSV', () => {
	it('shows the holder and their funder’s staff what was done, and downloads it', async () => {
		const page = (await (
			await trailLoader({ request: get(`/holders/${holderId}/trail`, cookies.sam), params: params(), ...ctx })
		).json()) as { rows: Array<{ sentence: string }> }
		expect(page.rows.map((r) => r.sentence)).toEqual([
			'You withdrew every right Grace Okafor had to act for you',
			'Grace Okafor (carer or representative) accepted the invitation and can now see your money and bookings and suggest support and book and cancel support for you',
			'You invited grace@example.test to see your money and bookings and suggest support and book and cancel support for you',
		])
		const csv = await responseOf(
			trailCsvLoader({ request: get(`/holders/${holderId}/trail.csv`, cookies.staff), params: params(), ...ctx }),
		)
		expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		const text = await csv.text()
		expect(text).toContain('When,Who,What,Under the right to')
		expect(text).toContain('Sam Taylor withdrew every right Grace Okafor had to act for Sam Taylor.')
		expect(
			await statusOf(
				trailLoader({ request: get(`/holders/${holderId}/trail`, cookies.stranger), params: params(), ...ctx }),
			),
		).toBe(404)
	})
})
