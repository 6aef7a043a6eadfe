/**
 * Who may see the funder's view (issue 11, ADR 023): only funder staff, and each only their own funder's figures.
 * Holders, a broker with every right for a holder, a carer, providers and admins are refused the page and every
 * CSV; another funder's staff see their own funder's figures and nothing of this one's; the page and the CSVs name
 * no one; a bad ?table= is refused; and nothing is written by any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TABLE_IDS } from '#app/domain/funders/overview.server.ts'
import * as figures from '#app/routes/funder.figures.tsx'
import * as figuresCsv from '#app/routes/funder.figures[.]csv.tsx'
import { createFunder, createHolder, createProviderWithService, createUserWithRoles } from '#tests/db-utils.ts'
import { fingerprinter } from '#tests/setup/fuzz.ts'
import { cookieFor, get, responseOf, statusOf } from '#tests/setup/requests.ts'
import { type TestDb } from '#tests/setup/test-db.ts'
import { openTestDb, closeTestDb, allocateOnce } from '#tests/setup/domain.ts'

let db: TestDb
const cookies = {} as Record<
	'staff' | 'otherStaff' | 'holder' | 'otherHolder' | 'broker' | 'carer' | 'provider' | 'admin',
	string
>
const names: string[] = []

beforeAll(async () => {
	db = await openTestDb()
	const p = db.prisma
	const leicester = (await createFunder(p, { name: 'Leicester City Council' })).id
	const bristol = (await createFunder(p, { name: 'Bristol City Council' })).id
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: leicester })
	const otherStaff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: bristol })
	// Six people in each, so the money figures are shown: £1,234.00 each in Leicester, £987.00 in Bristol.
	const holdersOf = async (funderId: string, staffUserId: string, amount: number, town: string) => {
		const made = []
		for (let i = 0; i < 6; i++) {
			const h = await createHolder(p, { funderId, displayName: `${town} Person ${i}` })
			names.push(h.holder.displayName)
			await allocateOnce({ funderId, holderId: h.holder.id, staffUserId, amountEach: amount })
			made.push(h)
		}
		return made
	}
	const ours = await holdersOf(leicester, staff.id, 123_400, 'Leicester')
	const theirs = await holdersOf(bristol, otherStaff.id, 98_700, 'Bristol')
	const broker = await createUserWithRoles(p, { roles: ['BROKER'] })
	const carer = await createUserWithRoles(p, { roles: ['REPRESENTATIVE'] })
	for (const [delegate, kind] of [
		[broker.id, 'BROKER'],
		[carer.id, 'REPRESENTATIVE'],
	] as const) {
		await p.delegation.create({
			data: {
				holderId: ours[0]!.holder.id,
				delegateId: delegate,
				kind,
				rights: ['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'],
			},
		})
	}
	const provider = await createProviderWithService(p)
	const admin = await createUserWithRoles(p, { roles: ['ADMIN'] })
	cookies.staff = await cookieFor(staff.id)
	cookies.otherStaff = await cookieFor(otherStaff.id)
	cookies.holder = await cookieFor(ours[0]!.user!.id)
	cookies.otherHolder = await cookieFor(theirs[0]!.user!.id)
	cookies.broker = await cookieFor(broker.id)
	cookies.carer = await cookieFor(carer.id)
	cookies.provider = await cookieFor(provider.owner.id)
	cookies.admin = await cookieFor(admin.id)
})

afterAll(() => closeTestDb(db))

const page = (cookie: string) => figures.loader({ request: get('/funder/figures', cookie), params: {}, context: {} })
const csv = (cookie: string, table: string) =>
	figuresCsv.loader({ request: get(`/funder/figures.csv?table=${table}`, cookie), params: {}, context: {} })

describe("who may see the funder's view", () => {
	it('refuses holders, a broker and a carer with every right, providers and admins, and writes nothing', async () => {
		const fingerprint = await fingerprinter(db.prisma)
		const before = await fingerprint()
		for (const who of ['holder', 'otherHolder', 'broker', 'carer', 'provider', 'admin'] as const) {
			expect(await statusOf(page(cookies[who])), who).toBe(403)
			for (const table of TABLE_IDS) expect(await statusOf(csv(cookies[who], table)), `${who} ${table}`).toBe(403)
		}
		const anon = await responseOf(page(''))
		expect(anon.status).toBe(302)
		expect(anon.headers.get('Location')).toMatch(/^\/login/)
		expect(await statusOf(csv('', 'money'))).toBe(302)
		expect(await fingerprint()).toEqual(before)
	})

	it("shows each funder's staff their own funder's figures only, and names no one", async () => {
		const ours = JSON.stringify(await (await responseOf(page(cookies.staff))).json())
		const theirs = JSON.stringify(await (await responseOf(page(cookies.otherStaff))).json())
		// Allocated: 6 × £1,234.00 in Leicester, 6 × £987.00 in Bristol.
		expect(ours).toContain('"value":740400')
		expect(ours).not.toContain('592200')
		expect(ours).toContain('Leicester City Council')
		expect(ours).not.toContain('Bristol')
		expect(theirs).toContain('"value":592200')
		expect(theirs).not.toContain('740400')
		for (const name of names) {
			expect(ours).not.toContain(name)
			expect(theirs).not.toContain(name)
		}
	})

	it('gives staff a CSV of every table, their own funder only, and refuses a table that does not exist', async () => {
		for (const table of TABLE_IDS) {
			const response = await responseOf(csv(cookies.staff, table))
			expect(response.status, table).toBe(200)
			expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
			const text = await response.text()
			for (const name of names) expect(text).not.toContain(name)
			if (table === 'money') {
				expect(text).toContain('Allocated by you,7404.00,6')
				expect(text).not.toContain('5922.00')
			}
		}
		const theirs = await (await responseOf(csv(cookies.otherStaff, 'money'))).text()
		expect(theirs).toContain('Allocated by you,5922.00,6')
		expect(await statusOf(csv(cookies.staff, 'everyone'))).toBe(400)
		expect(
			await statusOf(
				figuresCsv.loader({ request: get('/funder/figures.csv', cookies.staff), params: {}, context: {} }),
			),
		).toBe(400)
	})
})
