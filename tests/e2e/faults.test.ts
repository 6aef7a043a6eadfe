/**
 * Faults (issue 13): the built server on a real PostgreSQL of this test's own (tests/setup/private-postgres.ts, so
 * the shared server is never restarted), driven over HTTP by signed-in people sending forms with their CSRF token.
 *
 * 1. The server is killed with SIGKILL while 100 booking requests (3 weekly sessions each) and 50 acceptances (each
 *    holds money in the ledger) are in flight, then started again: every request is whole or absent, every
 *    answered one is whole, sending the unanswered ones again makes each exactly once, and the ledger check passes.
 * 2. PostgreSQL is stopped under steady traffic: pages answer 503 with Retry-After and a plain-English page, never
 *    500; when PostgreSQL is back the same server process serves and writes again without a restart.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { ledgerCheckReport } from '#app/domain/ledger/check.server.ts'
import { closeDb, openDb, setDb, type Db } from '#app/utils/db.server.ts'
import { addLocalDays, localDate, startOfDay } from '#app/utils/dates.ts'
import { OUTAGE_MESSAGE } from '#app/utils/outage.server.ts'
import { startAppProcess, type AppProcess } from '#bench/server-process.ts'
import { applyMigrations } from '#prisma/migrate.ts'
import {
	createFunder,
	createHolder,
	createProviderWithService,
	createUserWithRoles,
	TEST_PASSWORD,
	openEveryDay,
} from '#tests/db-utils.ts'
import { HttpPerson } from '#tests/setup/http-person.ts'
import { startPrivatePostgres, type PrivatePostgres } from '#tests/setup/private-postgres.ts'

const PROVIDERS = 20
const SENDS = 100
const ACCEPTS = 50
const WEEKS = 3
const STEP = 300_000

let pg: PrivatePostgres
let db: Db
let databaseUrl: string
let server: AppProcess | undefined
const servers: AppProcess[] = []
const start = async () => {
	server = await startAppProcess(serverEnv())
	servers.push(server)
	return server
}
const serverEnv = () => ({
	DATABASE_URL: databaseUrl,
	SESSION_SECRET: 'faults-test-secret-faults-test-secret',
	// Each simulated person comes from their own address (X-Forwarded-For), as real people do, so the sign-in
	// throttle's per-address limit sees 150 people, not one.
	TRUST_PROXY: 'loopback',
})

type Holder = { holderId: string; email: string; provider: number; slug: string; serviceId: string; hour: number }
type ProviderRow = { slug: string; serviceId: string; email: string }
const providers: ProviderRow[] = []
const holders: Holder[] = []
const day = addLocalDays(localDate(new Date()), 6)

let address = 0
const person = (url: string) =>
	new HttpPerson(url, { address: `10.13.${Math.floor(++address / 250)}.${address % 250}` })

beforeAll(async () => {
	if (!fs.existsSync('build/index.js')) throw new Error('Build the app first: npm run build')
	pg = await startPrivatePostgres()
	const admin = openDb({ kind: 'postgres', url: pg.adminUrl })
	await admin.prisma.$executeRawUnsafe('CREATE DATABASE bm_faults')
	await admin.prisma.$disconnect()
	databaseUrl = pg.urlFor('bm_faults')
	await applyMigrations({ kind: 'postgres', url: databaseUrl })
	db = openDb({ kind: 'postgres', url: databaseUrl })
	setDb(db)
	const p = db.prisma
	const funder = await createFunder(p, { name: 'Faultshire Council' })
	const staff = await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder.id })
	for (let i = 0; i < PROVIDERS; i++) {
		const created = await createProviderWithService(p, {
			owner: { email: `provider${i}@faults.test`, name: `Provider ${i}` },
			provider: { name: `Provider ${i}` },
		})
		await openEveryDay(p, created.provider.id, { from: 8 * 60, to: 20 * 60 })
		providers.push({ slug: created.provider.slug, serviceId: created.service.id, email: created.owner.email })
	}
	for (let i = 0; i < SENDS; i++) {
		const email = `holder${i}@faults.test`
		const created = await createHolder(p, { funderId: funder.id, displayName: `Holder ${i}`, user: { email } })
		await createAllocation({
			funderId: funder.id,
			holderId: created.holder.id,
			staffUserId: staff.id,
			schedule: 'ONE_OFF',
			amountEach: 50_000,
			firstOn: startOfDay(new Date()),
			idempotencyKey: randomUUID(),
		})
		const provider = i % PROVIDERS
		holders.push({
			holderId: created.holder.id,
			email,
			provider,
			slug: providers[provider]!.slug,
			serviceId: providers[provider]!.serviceId,
			hour: 9 + Math.floor(i / PROVIDERS),
		})
	}
}, STEP)

afterAll(async () => {
	// stop() also deletes each server's temporary folder; the killed one has exited already.
	for (const started of servers) await started.stop()
	await closeDb().catch(() => undefined)
	pg?.destroy()
})

const bookPath = (h: Holder) => `/providers/${h.slug}/book?service=${h.serviceId}`
const bookData = (h: Holder) => `${bookPath(h)}&_data=${encodeURIComponent('routes/providers.$slug_.book')}`
const form = (h: Holder, date: string, weeks: number) => ({
	serviceId: h.serviceId,
	holderId: h.holderId,
	date,
	start: `${String(h.hour).padStart(2, '0')}:00`,
	minutes: '60',
	weeks: String(weeks),
	budgetLineId: 'none',
})

/** Checks the price (as the page's first button does) and returns what the send must repeat. */
async function quote(who: HttpPerson, h: Holder, date: string, weeks: number): Promise<string> {
	const response = await who.post(bookData(h), form(h, date, weeks))
	const data = (await response.json()) as { quotedFor?: string | null }
	if (response.status !== 200 || !data.quotedFor) throw new Error(`Quote for ${h.email}: ${response.status}`)
	return data.quotedFor
}

async function send(who: HttpPerson, h: Holder, date: string, weeks: number, quotedFor: string, key: string) {
	return who.post(bookPath(h), { ...form(h, date, weeks), intent: 'send', quotedFor, idempotencyKey: key })
}

/** Runs fn over items, `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length)
	let next = 0
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) {
				const i = next++
				results[i] = await fn(items[i]!, i)
			}
		}),
	)
	return results
}

describe('faults', () => {
	const people = new Map<string, HttpPerson>()
	const keys: string[] = []
	const quotes: string[] = []
	const toAccept: { bookingId: string; provider: number }[] = []

	test(
		'a server killed during 100 bookings and 50 acceptances leaves each whole or absent, and the ledger healthy',
		async () => {
			server = await start()
			const url = server.baseUrl
			// Set-up over HTTP: everyone signs in; the first 50 holders send a one-off request for their provider to
			// accept during the fault; every holder checks the price of the 3-week request sent during the fault.
			await pool(holders, 10, async (h) => {
				const who = person(url)
				await who.signIn(h.email, TEST_PASSWORD)
				people.set(h.email, who)
			})
			await pool(providers, 10, async (pr) => {
				const who = person(url)
				await who.signIn(pr.email, TEST_PASSWORD)
				people.set(pr.email, who)
			})
			const nextDay = addLocalDays(day, 1)
			await pool(holders.slice(0, ACCEPTS), 10, async (h) => {
				const who = people.get(h.email)!
				const response = await send(who, h, nextDay, 1, await quote(who, h, nextDay, 1), randomUUID())
				expect(response.status).toBe(302)
				const bookingId = /\/bookings\/([^?]+)/.exec(response.headers.get('location') ?? '')?.[1]
				toAccept.push({ bookingId: bookingId!, provider: h.provider })
			})
			for (const h of holders) {
				quotes.push(await quote(people.get(h.email)!, h, day, WEEKS))
				keys.push(randomUUID())
			}

			// The fault: everything at once, and SIGKILL once the first answers are back.
			const answered: (number | 'lost')[] = []
			const settle = (r: Promise<Response>) =>
				r.then(
					async (res) => {
						await res.body?.cancel()
						return res.status
					},
					() => 'lost' as const,
				)
			const sends = holders.map((h, i) =>
				settle(send(people.get(h.email)!, h, day, WEEKS, quotes[i]!, keys[i]!)).then((s) => (answered[i] = s)),
			)
			const accepts = toAccept.map((a, i) =>
				settle(people.get(providers[a.provider]!.email)!.post(`/bookings/${a.bookingId}`, { intent: 'accept' })).then(
					(s) => (answered[SENDS + i] = s),
				),
			)
			const started = Date.now()
			while (answered.filter(Boolean).length < 15 && Date.now() - started < 120_000) {
				await new Promise((r) => setTimeout(r, 5))
			}
			server.child.kill('SIGKILL')
			const sendStatus = await Promise.all(sends)
			const acceptStatus = await Promise.all(accepts)
			const lost = [...sendStatus, ...acceptStatus].filter((s) => s === 'lost').length
			console.info(
				`faults: killed after ${Date.now() - started} ms; answered ${sendStatus.filter((s) => s === 302).length}/${SENDS} sends and ${acceptStatus.filter((s) => s === 302).length}/${ACCEPTS} acceptances, ${lost} lost`,
			)
			// The kill must have hit work in flight, or the test proves nothing.
			expect(lost).toBeGreaterThan(0)
			// Nothing answered anything but a redirect (done) before the kill.
			expect([...sendStatus, ...acceptStatus].filter((s) => s !== 302 && s !== 'lost')).toEqual([])

			// Whole or absent, straight from the database, before anything runs again.
			const p = db.prisma
			const sent = await p.booking.findMany({
				where: { idempotencyKey: { in: keys.flatMap((k) => [1, 2, 3].map((n) => `${k}:${n}`)) } },
				include: { events: true },
			})
			let whole = 0
			for (const [i, key] of keys.entries()) {
				const rows = sent.filter((b) => b.idempotencyKey.startsWith(`${key}:`))
				expect([0, WEEKS]).toContain(rows.length)
				for (const b of rows) expect(b.events.map((e) => e.kind)).toEqual(['REQUESTED'])
				if (sendStatus[i] === 302) expect(rows.length).toBe(WEEKS)
				if (rows.length) whole++
			}
			const notified = await p.notification.count({ where: { title: { startsWith: 'New booking request' } } })
			expect(notified).toBe(ACCEPTS + whole)
			const accepted = await p.booking.findMany({ where: { id: { in: toAccept.map((a) => a.bookingId) } } })
			let held = 0
			for (const [i, a] of toAccept.entries()) {
				const b = accepted.find((x) => x.id === a.bookingId)!
				if (acceptStatus[i] === 302) expect(b.status).toBe('ACCEPTED')
				if (b.status === 'ACCEPTED') {
					held++
					const hold = await p.ledgerTransfer.findUniqueOrThrow({ where: { id: b.holdTransferId! } })
					expect(hold.phase).toBe('PENDING')
					expect(Number(hold.amount)).toBe(b.totalPence + b.feePence)
				} else {
					expect(b.status).toBe('REQUESTED')
					expect(b.holdTransferId).toBeNull()
				}
			}
			const holds = await p.ledgerTransfer.count({ where: { phase: 'PENDING', reason: 'BOOKING' } })
			expect(holds).toBe(held)
			const report = await ledgerCheckReport(p)
			expect(report.problems).toEqual([])

			// Started again on the same database; every form that got no answer is sent again by its person, with the
			// same idempotency key (a browser's resend): each booking now exists exactly once.
			server = await start()
			for (const who of people.values()) who.baseUrl = server.baseUrl
			const retried = await pool(holders, 10, async (h, i) => {
				if (sendStatus[i] === 302) return 302
				const r = await send(people.get(h.email)!, h, day, WEEKS, quotes[i]!, keys[i]!)
				await r.body?.cancel()
				return r.status
			})
			const reaccepted = await pool(toAccept, 10, async (a, i) => {
				if (acceptStatus[i] === 302) return 302
				const r = await people.get(providers[a.provider]!.email)!.post(`/bookings/${a.bookingId}`, {
					intent: 'accept',
				})
				await r.body?.cancel()
				// A provider who accepted just before the kill is told the booking has moved on (409): it is done.
				return r.status === 409 ? 302 : r.status
			})
			expect(retried.filter((s) => s !== 302)).toEqual([])
			expect(reaccepted.filter((s) => s !== 302)).toEqual([])
			const after = await p.booking.groupBy({
				by: ['holderId'],
				where: { startsAt: { gte: new Date(`${day}T00:00:00Z`) }, idempotencyKey: { endsWith: ':1' } },
				_count: true,
			})
			expect(after.reduce((n, g) => n + g._count, 0)).toBe(SENDS + ACCEPTS)
			expect(await p.booking.count()).toBe(SENDS * WEEKS + ACCEPTS)
			expect(await p.booking.count({ where: { status: 'ACCEPTED' } })).toBe(ACCEPTS)
			expect(await p.ledgerTransfer.count({ where: { phase: 'PENDING', reason: 'BOOKING' } })).toBe(ACCEPTS)
			expect((await ledgerCheckReport(p)).healthy).toBe(true)
		},
		3 * STEP,
	)

	test(
		'PostgreSQL restarted under traffic: 503 pages with Retry-After, never a 500, and the app recovers by itself',
		async () => {
			if (!server || server.child.exitCode !== null) server = await start()
			const url = server.baseUrl
			const holder = holders[SENDS - 1]!
			const signedIn = people.get(holder.email) ?? person(url)
			if (signedIn.baseUrl !== url || !people.has(holder.email)) {
				signedIn.baseUrl = url
				await signedIn.signIn(holder.email, TEST_PASSWORD)
			}
			const anonymous = person(url)
			const statuses: { at: number; status: number; path: string }[] = []
			const outagePages: string[] = []
			let retryAfter: string | null = null
			let dataAnswer: unknown = null
			let running = true
			const paths = [
				'/providers',
				'/bookings',
				`/providers/${holder.slug}`,
				'/providers?_data=routes%2Fproviders._index',
			]
			const traffic = Promise.all(
				paths.map(async (path, i) => {
					const who = i === 1 ? signedIn : anonymous
					while (running) {
						const response = await who.get(path).catch(() => null)
						if (response) {
							statuses.push({ at: Date.now(), status: response.status, path })
							if (response.status === 503) {
								retryAfter = response.headers.get('Retry-After')
								if (path.includes('_data')) dataAnswer = await response.json()
								else outagePages.push(await response.text())
							} else await response.body?.cancel()
						}
						await new Promise((r) => setTimeout(r, 50))
					}
				}),
			)
			await new Promise((r) => setTimeout(r, 2_000))
			// pg_ctl blocks this process, so answers that came before the stop are read after it: count from here.
			pg.stop()
			const stoppedAt = Date.now()
			await new Promise((r) => setTimeout(r, 5_000))
			pg.start()
			const startedAt = Date.now()
			// Recovery: the same process serves the database's pages again, without anyone restarting it.
			let recoveredMs = -1
			while (Date.now() - startedAt < 60_000) {
				const r = await anonymous.get('/providers')
				await r.body?.cancel()
				if (r.status === 200) {
					recoveredMs = Date.now() - startedAt
					break
				}
				await new Promise((res) => setTimeout(res, 200))
			}
			await new Promise((r) => setTimeout(r, 1_000))
			running = false
			await traffic
			const during = statuses.filter((s) => s.at > stoppedAt + 500 && s.at < startedAt)
			const counts = (list: typeof statuses) =>
				list.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {})
			console.info(
				`faults: PostgreSQL down 5 s; answers during the outage ${JSON.stringify(counts(during))}, overall ${JSON.stringify(counts(statuses))}; serving again ${recoveredMs} ms after PostgreSQL was back`,
			)
			expect(server.child.exitCode).toBeNull()
			expect(statuses.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([])
			expect(during.length).toBeGreaterThan(0)
			expect(during.filter((s) => s.status !== 503)).toEqual([])
			expect(retryAfter).toBe('30')
			expect(outagePages.length).toBeGreaterThan(0)
			expect(outagePages[0]).toContain('<h1>The service is briefly unavailable</h1>')
			expect(outagePages[0]).toContain(OUTAGE_MESSAGE)
			expect(dataAnswer).toBe(OUTAGE_MESSAGE)
			expect(recoveredMs).toBeGreaterThanOrEqual(0)
			const last = statuses.slice(-8)
			expect(last.every((s) => s.status === 200)).toBe(true)
			// Writing works again too: a new booking request.
			const date = addLocalDays(day, 2)
			const r = await send(signedIn, holder, date, 1, await quote(signedIn, holder, date, 1), randomUUID())
			expect(r.status).toBe(302)
		},
		STEP,
	)
})
