/**
 * The provider profile editor through its loaders and actions, with real Requests against a real database: each
 * form writes the right rows and a search outbox row in the same transaction; bad input is refused with a message
 * per field and writes nothing; nobody but the owner sees or changes anything; photos are resized and stored;
 * and a change reaches search once the outbox is drained.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diskPhotoStore, setPhotoStore } from '#app/domain/providers/photos.server.ts'
import { getSearchEngine, outboxDeps, searchProviders, setSearchEngine } from '#app/domain/search/engine.server.ts'
import * as hub from '#app/routes/provider.profiles.$providerId.tsx'
import * as availability from '#app/routes/provider.profiles.$providerId_.availability.tsx'
import * as credentials from '#app/routes/provider.profiles.$providerId_.credentials.tsx'
import * as photo from '#app/routes/provider.profiles.$providerId_.photo.tsx'
import * as services from '#app/routes/provider.profiles.$providerId_.services.tsx'
import * as serviceEdit from '#app/routes/provider.profiles.$providerId_.services_.$serviceId.tsx'
import * as photoFile from '#app/routes/photos.$file.tsx'
import * as publicProfile from '#app/routes/providers.$slug.tsx'
import * as account from '#app/routes/account.tsx'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { setDb } from '#app/utils/db.server.ts'
import { drainOutbox } from '#search/outbox-worker.ts'
import { createBookingRecord, createFunder, createHolder, createProviderWithService } from '#tests/db-utils.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'
import { cookieFor, get, statusOf } from '#tests/setup/requests.ts'

let db: TestDb
let photoDir: string
const ids = {} as Record<'amina' | 'other' | 'bookedService' | 'otherService', string>
let aminaSlug: string
const cookies = {} as Record<'amina' | 'otherProvider' | 'holder', string>

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	setSearchEngine(undefined)
	photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-photos-'))
	setPhotoStore(diskPhotoStore(photoDir))
	const p = db.prisma
	const amina = await createProviderWithService(p, {
		owner: { name: 'Amina Shah' },
		provider: { name: 'Amina Shah', accessibility: ['easy-read'] },
		service: { title: 'Personal care at home', pricePence: 1650 },
	})
	ids.amina = amina.provider.id
	aminaSlug = amina.provider.slug
	ids.bookedService = amina.service.id
	const other = await createProviderWithService(p, { provider: { name: 'Olu Adeyemi', town: 'Nottingham' } })
	ids.other = other.provider.id
	ids.otherService = other.service.id
	const funder = await createFunder(p, { name: 'Leicester City Council' })
	const sam = await createHolder(p, { funderId: funder.id, displayName: 'Sam Taylor' })
	await createBookingRecord(p, { holderId: sam.holder.id, providerId: ids.amina, serviceId: ids.bookedService })
	cookies.amina = await cookieFor(amina.owner.id)
	cookies.otherProvider = await cookieFor(other.owner.id)
	cookies.holder = await cookieFor(sam.user!.id)
	await getSearchEngine().setup()
	await drain()
})

afterAll(async () => {
	setPhotoStore(undefined)
	setSearchEngine(undefined)
	await db?.cleanup()
	if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true })
})

// ───────────────────────────── Helpers ─────────────────────────────

type Reply = {
	result: { status: string; error: Record<string, string[] | null>; initialValue: Record<string, unknown> }
}

async function csrf(cookie: string) {
	const { token, setCookie } = await getCsrfToken(new Request('http://localhost/'))
	return { token, cookie: [cookie, setCookie?.split(';')[0]].filter(Boolean).join('; ') }
}

async function post(url: string, cookie: string, fields: Record<string, string | string[]>, withCsrf = true) {
	const body = new URLSearchParams()
	for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
	let cookieHeader = cookie
	if (withCsrf) {
		const t = await csrf(cookie)
		body.set('csrf', t.token)
		cookieHeader = t.cookie
	}
	return new Request(`http://localhost${url}`, {
		method: 'POST',
		body,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader },
	})
}

async function upload(url: string, cookie: string, file: File | null, intent = 'upload') {
	const t = await csrf(cookie)
	const body = new FormData()
	body.set('csrf', t.token)
	body.set('intent', intent)
	if (file) body.set('photo', file)
	return new Request(`http://localhost${url}`, { method: 'POST', body, headers: { Cookie: t.cookie } })
}

type ActionModule = { action: (args: ActionFunctionArgs) => Promise<unknown> }
type LoaderModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown> }

function act(mod: ActionModule, request: Request, params: Record<string, string>) {
	return mod.action({ request, params, context: {} }) as Promise<Response>
}

function load(mod: LoaderModule, request: Request, params: Record<string, string>) {
	return mod.loader({ request, params, context: {} }) as Promise<Response>
}

async function reply(response: Response): Promise<Reply['result']> {
	expect(response.status).toBe(400)
	return ((await response.json()) as Reply).result
}

/** Every row the editor can change for this provider, and the outbox, to prove that nothing changed. */
async function snapshot(providerId: string) {
	const p = db.prisma
	const { updatedAt: _u, ...provider } = await p.provider.findUniqueOrThrow({ where: { id: providerId } })
	const [serviceRows, credentialRows, slots, exceptions, outbox] = await Promise.all([
		p.service.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
		p.credential.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
		p.availabilitySlot.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
		p.availabilityException.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
		p.searchOutbox.count(),
	])
	return JSON.stringify({
		provider,
		services: serviceRows.map(({ updatedAt: _s, ...s }) => s),
		credentialRows,
		slots,
		exceptions,
		outbox,
	})
}

async function outboxRows(providerId: string): Promise<number> {
	return db.prisma.searchOutbox.count({ where: { providerId, op: 'UPSERT' } })
}

/** Drains the search outbox as the server's worker does, with the app's own document loader and engine. */
async function drain() {
	const result = await drainOutbox(outboxDeps(db.prisma, getSearchEngine()))
	expect(result.error).toBeNull()
}

async function searchIds(q: string): Promise<string[]> {
	const r = await searchProviders({ q })
	return r.hits.map((h) => h.document.id)
}

const validAbout = {
	intent: 'about',
	name: 'Amina Shah',
	headline: 'Friendly personal assistant in Nottingham: zumbafitness and getting out',
	bio: 'I have worked as a personal assistant for eight years.',
	town: 'nottingham',
	postcodeDistrict: 'ng7 2rd',
	coverRadiusKm: '15',
	languages: 'English, urdu, Punjabi',
	accessibility: ['easy-read', 'large-print'],
	acceptsGroupBookings: 'yes',
	cancellationPolicy: 'Free to cancel up to 24 hours before. After that I charge half.',
	lateCancelPercent: '50',
}

// ───────────────────────────── Rights ─────────────────────────────

describe('who may use the profile editor', () => {
	const pages: Array<[string, LoaderModule, (id: string) => string, Record<string, string>]> = [
		['hub', hub, (id) => `/provider/profiles/${id}`, {}],
		['services', services, (id) => `/provider/profiles/${id}/services`, {}],
		['new service', serviceEdit, (id) => `/provider/profiles/${id}/services/new`, { serviceId: 'new' }],
		['availability', availability, (id) => `/provider/profiles/${id}/availability`, {}],
		['credentials', credentials, (id) => `/provider/profiles/${id}/credentials`, {}],
		['photo', photo, (id) => `/provider/profiles/${id}/photo`, {}],
	]

	it('shows every page to the owner, 404 to another provider and to a holder, and sign-in to a visitor', async () => {
		for (const [name, mod, url, extra] of pages) {
			const params = { providerId: ids.amina, ...extra }
			expect(await statusOf(load(mod, get(url(ids.amina), cookies.amina), params)), name).toBe(200)
			expect(await statusOf(load(mod, get(url(ids.amina), cookies.otherProvider), params)), name).toBe(404)
			expect(await statusOf(load(mod, get(url(ids.amina), cookies.holder), params)), name).toBe(404)
			expect(await statusOf(load(mod, get(url(ids.amina), ''), params)), name).toBe(302)
			expect(
				await statusOf(load(mod, get(url('no-such-id'), cookies.amina), { ...params, providerId: 'no-such-id' })),
				name,
			).toBe(404)
		}
		// Someone else's service through your own profile's address is not found either.
		expect(
			await statusOf(
				load(serviceEdit, get(`/provider/profiles/${ids.amina}/services/${ids.otherService}`, cookies.amina), {
					providerId: ids.amina,
					serviceId: ids.otherService,
				}),
			),
		).toBe(404)
	})

	it('refuses every change by anyone but the owner with 404, and changes nothing', async () => {
		const before = await snapshot(ids.amina)
		const params = { providerId: ids.amina }
		for (const cookie of [cookies.otherProvider, cookies.holder]) {
			expect(await statusOf(act(hub, await post('/x', cookie, validAbout), params))).toBe(404)
			expect(await statusOf(act(hub, await post('/x', cookie, { intent: 'hide' }), params))).toBe(404)
			expect(
				await statusOf(
					act(services, await post('/x', cookie, { intent: 'deactivate', serviceId: ids.bookedService }), params),
				),
			).toBe(404)
			expect(
				await statusOf(
					act(
						serviceEdit,
						await post('/x', cookie, {
							title: 'Hijack',
							description: 'x',
							categorySlug: 'personal-care',
							priceUnit: 'PER_HOUR',
							price: '1',
						}),
						{
							...params,
							serviceId: ids.bookedService,
						},
					),
				),
			).toBe(404)
			expect(
				await statusOf(
					act(
						availability,
						await post('/x', cookie, { intent: 'add-range', weekday: '0', start: '09:00', end: '10:00' }),
						params,
					),
				),
			).toBe(404)
			expect(
				await statusOf(
					act(
						credentials,
						await post('/x', cookie, {
							intent: 'add',
							kind: 'FIRST_AID',
							title: 'x',
							issuer: 'y',
							issuedOn: '2025-01-01',
						}),
						params,
					),
				),
			).toBe(404)
			expect(await statusOf(act(photo, await upload('/x', cookie, null, 'remove'), params))).toBe(404)
		}
		// The owner's form without the CSRF token is refused too.
		expect(await statusOf(act(hub, await post('/x', cookies.amina, validAbout, false), params))).toBe(403)
		expect(await snapshot(ids.amina)).toBe(before)
	})

	it('links each of the owner’s profiles to its editor from their account page', async () => {
		const response = await load(account, get('/account', cookies.amina), {})
		const data = (await response.json()) as { profileIds: Record<string, string> }
		expect(data.profileIds).toEqual({ [aminaSlug]: ids.amina })
	})
})

// ───────────────────────────── About, publish and hide ─────────────────────────────

describe('about you', () => {
	it('saves every field, gives the town its coordinates, adds an outbox row, and the change reaches search', async () => {
		await drain()
		const outboxBefore = await outboxRows(ids.amina)
		const response = await act(hub, await post('/x', cookies.amina, validAbout), { providerId: ids.amina })
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}?saved=about`)
		const row = await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina } })
		expect(row).toMatchObject({
			headline: validAbout.headline,
			town: 'Nottingham',
			postcodeDistrict: 'NG7',
			lat: 52.9548,
			lng: -1.1581,
			coverRadiusKm: 15,
			languages: ['English', 'Urdu', 'Punjabi'],
			accessibility: ['easy-read', 'large-print'],
			acceptsGroupBookings: true,
			lateCancelPercent: 50,
			cancellationPolicy: validAbout.cancellationPolicy,
		})
		expect(await outboxRows(ids.amina)).toBe(outboxBefore + 1)

		expect(await searchIds('zumbafitness')).toEqual([])
		await drain()
		expect(await searchIds('zumbafitness')).toEqual([ids.amina])
		const hit = (await searchProviders({ q: 'zumbafitness' })).hits[0]!.document
		expect(hit).toMatchObject({
			town: 'Nottingham',
			acceptsGroupBookings: true,
			languages: ['English', 'Urdu', 'Punjabi'],
		})
	})

	it('refuses bad input with 400 and a message by each field, keeps what was typed, and writes nothing', async () => {
		const before = await snapshot(ids.amina)
		const response = await act(
			hub,
			await post('/x', cookies.amina, {
				...validAbout,
				headline: '',
				town: 'Leicster',
				postcodeDistrict: 'not a postcode',
				coverRadiusKm: 'ten',
				languages: '42',
				acceptsGroupBookings: 'maybe',
				cancellationPolicy: '',
				lateCancelPercent: '120',
			}),
			{ providerId: ids.amina },
		)
		const result = await reply(response)
		expect(result.error).toMatchObject({
			headline: ['Enter a headline: one sentence about what you offer'],
			town: ['We do not know a town called “Leicster”. Did you mean Leicester?'],
			postcodeDistrict: ['Enter the first part of your postcode, like LE4'],
			coverRadiusKm: ['Enter how far you travel as a whole number of kilometres, like 10'],
			languages: ['“42” does not look like a language. Use letters only and put a comma between languages'],
			acceptsGroupBookings: ['Choose yes if you take bookings for groups of people, or no'],
			cancellationPolicy: ['Say what happens when someone cancels, like “Free to cancel up to 24 hours before”'],
			lateCancelPercent: ['Enter a late cancellation charge from 0 to 100 per cent'],
		})
		expect(result.initialValue).toMatchObject({ town: 'Leicster', coverRadiusKm: 'ten', lateCancelPercent: '120' })
		// A town we do not know at all, and a district from another town.
		const unknown = await reply(
			await act(hub, await post('/x', cookies.amina, { ...validAbout, town: 'Atlantis' }), { providerId: ids.amina }),
		)
		expect(unknown.error.town).toEqual([
			'We do not know a town called “Atlantis”. Enter a town from the list, or the nearest one to you',
		])
		const elsewhere = await reply(
			await act(hub, await post('/x', cookies.amina, { ...validAbout, postcodeDistrict: 'LE4' }), {
				providerId: ids.amina,
			}),
		)
		expect(elsewhere.error.postcodeDistrict).toEqual([
			'LE4 is not a postcode in Nottingham. Postcodes there start with NG, like NG1',
		])
		expect(await snapshot(ids.amina)).toBe(before)
	})

	it('hides the profile from everyone but its owner and from search, then publishes it again', async () => {
		const publicPage = (cookie: string) =>
			statusOf(load(publicProfile, get(`/providers/${aminaSlug}`, cookie), { slug: aminaSlug }))
		await drain()
		expect(await searchIds('zumbafitness')).toEqual([ids.amina])

		let outbox = await outboxRows(ids.amina)
		let response = await act(hub, await post('/x', cookies.amina, { intent: 'hide' }), { providerId: ids.amina })
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}?saved=hidden`)
		expect((await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina } })).published).toBe(false)
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
		expect(await publicPage('')).toBe(404)
		expect(await publicPage(cookies.holder)).toBe(404)
		expect(await publicPage(cookies.amina)).toBe(200)
		await drain()
		expect(await searchIds('zumbafitness')).toEqual([])

		outbox = await outboxRows(ids.amina)
		response = await act(hub, await post('/x', cookies.amina, { intent: 'publish' }), { providerId: ids.amina })
		expect(response.status).toBe(302)
		expect((await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina } })).published).toBe(true)
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
		expect(await publicPage('')).toBe(200)
		await drain()
		expect(await searchIds('zumbafitness')).toEqual([ids.amina])
	})
})

// ───────────────────────────── Services ─────────────────────────────

describe('services and prices', () => {
	const newService = {
		title: 'Gardening together',
		description: 'We look after your garden together, at your pace.',
		categorySlug: 'home-help',
		priceUnit: 'PER_SESSION',
		price: '£17.50',
		durationMinutes: '90',
		maxGroupSize: '',
	}

	it('adds a service with its price in pence, changes it, and both reach search', async () => {
		let outbox = await outboxRows(ids.amina)
		let response = await act(serviceEdit, await post('/x', cookies.amina, newService), {
			providerId: ids.amina,
			serviceId: 'new',
		})
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/services?saved=added`)
		const created = await db.prisma.service.findFirstOrThrow({
			where: { providerId: ids.amina, title: 'Gardening together' },
		})
		expect(created).toMatchObject({
			pricePence: 1750,
			priceUnit: 'PER_SESSION',
			durationMinutes: 90,
			maxGroupSize: null,
			currency: 'GBP',
			active: true,
			categorySlug: 'home-help',
		})
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)

		outbox = await outboxRows(ids.amina)
		response = await act(
			serviceEdit,
			await post('/x', cookies.amina, { ...newService, price: '1,200', priceUnit: 'FIXED', maxGroupSize: '6' }),
			{
				providerId: ids.amina,
				serviceId: created.id,
			},
		)
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/services?saved=changed`)
		expect(await db.prisma.service.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
			pricePence: 120_000,
			priceUnit: 'FIXED',
			maxGroupSize: 6,
		})
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
		await drain()
		const doc = (await searchProviders({ q: 'zumbafitness' })).hits[0]!.document
		expect(doc.services.find((s) => s.title === 'Gardening together')).toMatchObject({
			pricePence: 120_000,
			priceUnit: 'FIXED',
			maxGroupSize: 6,
		})
	})

	it('refuses a bad service with a message by each field and writes nothing', async () => {
		const before = await snapshot(ids.amina)
		const result = await reply(
			await act(
				serviceEdit,
				await post('/x', cookies.amina, {
					title: '',
					description: 'x',
					categorySlug: 'astrology',
					priceUnit: 'PER_WEEK',
					price: '12.345',
					durationMinutes: 'long',
					maxGroupSize: '1',
				}),
				{ providerId: ids.amina, serviceId: 'new' },
			),
		)
		expect(result.error).toMatchObject({
			title: ['Enter the name of the service, like Personal care at home'],
			categorySlug: ['Choose what kind of support this is from the list'],
			priceUnit: ['Choose how you charge: by the hour, by the session or a fixed price'],
			price: ['Enter the price in pounds and pence, like 15.50'],
			durationMinutes: ['Enter how long it lasts as a whole number of minutes, like 60'],
			maxGroupSize: ['Enter a group size from 2 to 100, or leave it empty for one-to-one support'],
		})
		expect(result.initialValue).toMatchObject({ price: '12.345', description: 'x' })
		expect(await snapshot(ids.amina)).toBe(before)
	})

	it('switches a booked service off instead of deleting it, and deletes one nobody booked', async () => {
		const outbox = await outboxRows(ids.amina)
		let response = await act(
			services,
			await post('/x', cookies.amina, { intent: 'deactivate', serviceId: ids.bookedService }),
			{ providerId: ids.amina },
		)
		expect(response.status).toBe(302)
		expect((await db.prisma.service.findUniqueOrThrow({ where: { id: ids.bookedService } })).active).toBe(false)
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)

		const before = await snapshot(ids.amina)
		const refused = await reply(
			await act(services, await post('/x', cookies.amina, { intent: 'delete', serviceId: ids.bookedService }), {
				providerId: ids.amina,
			}),
		)
		expect(refused.error['']).toEqual([
			'“Personal care at home” has been booked, so it cannot be deleted. Stop offering it instead: it will no longer be shown or bookable.',
		])
		expect(await snapshot(ids.amina)).toBe(before)

		response = await act(
			services,
			await post('/x', cookies.amina, { intent: 'activate', serviceId: ids.bookedService }),
			{ providerId: ids.amina },
		)
		expect((await db.prisma.service.findUniqueOrThrow({ where: { id: ids.bookedService } })).active).toBe(true)

		const garden = await db.prisma.service.findFirstOrThrow({
			where: { providerId: ids.amina, title: 'Gardening together' },
		})
		response = await act(services, await post('/x', cookies.amina, { intent: 'delete', serviceId: garden.id }), {
			providerId: ids.amina,
		})
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/services?saved=delete`)
		expect(await db.prisma.service.findUnique({ where: { id: garden.id } })).toBeNull()

		// Another provider's service through your own profile is not found, and is left alone.
		expect(
			await statusOf(
				act(services, await post('/x', cookies.amina, { intent: 'deactivate', serviceId: ids.otherService }), {
					providerId: ids.amina,
				}),
			),
		).toBe(404)
		expect((await db.prisma.service.findUniqueOrThrow({ where: { id: ids.otherService } })).active).toBe(true)
	})
})

// ───────────────────────────── Credentials ─────────────────────────────

describe('checks and credentials', () => {
	it('adds one with its dates, shows an expired one as expired, removes it, each with an outbox row', async () => {
		let outbox = await outboxRows(ids.amina)
		const response = await act(
			credentials,
			await post('/x', cookies.amina, {
				intent: 'add',
				kind: 'FIRST_AID',
				title: 'Emergency first aid at work',
				issuer: 'St John Ambulance',
				reference: 'SJA-1234',
				issuedOn: '2020-03-14',
				expiresOn: '14/03/2023',
			}),
			{ providerId: ids.amina },
		)
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/credentials?saved=added`)
		const row = await db.prisma.credential.findFirstOrThrow({
			where: { providerId: ids.amina, title: 'Emergency first aid at work' },
		})
		expect(row).toMatchObject({ kind: 'FIRST_AID', issuer: 'St John Ambulance', reference: 'SJA-1234' })
		expect(row.issuedOn.toISOString()).toBe('2020-03-14T00:00:00.000Z')
		expect(row.expiresOn?.toISOString()).toBe('2023-03-14T00:00:00.000Z')
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)

		const page = (await (await load(credentials, get('/x', cookies.amina), { providerId: ids.amina })).json()) as {
			credentials: Array<{ id: string; expired: boolean }>
		}
		expect(page.credentials.find((c) => c.id === row.id)?.expired).toBe(true)
		// An expired credential does not count for search's "has a current first aid certificate".
		await drain()
		expect((await searchProviders({ q: 'zumbafitness' })).hits[0]!.document.credentials).not.toContain('FIRST_AID')

		outbox = await outboxRows(ids.amina)
		await act(credentials, await post('/x', cookies.amina, { intent: 'remove', credentialId: row.id }), {
			providerId: ids.amina,
		})
		expect(await db.prisma.credential.findUnique({ where: { id: row.id } })).toBeNull()
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
	})

	it('refuses an expiry before the issue date and missing fields, writing nothing', async () => {
		const before = await snapshot(ids.amina)
		const result = await reply(
			await act(
				credentials,
				await post('/x', cookies.amina, {
					intent: 'add',
					kind: 'PASSPORT',
					title: '',
					issuer: 'DBS',
					issuedOn: '2025-05-01',
					expiresOn: '2025-04-30',
				}),
				{
					providerId: ids.amina,
				},
			),
		)
		expect(result.error).toMatchObject({
			kind: ['Choose what kind of check or credential this is'],
			title: ['Enter the name of the check, course or registration, like Enhanced DBS check'],
			expiresOn: ['The expiry date must be after the date it was issued'],
		})
		const future = await reply(
			await act(
				credentials,
				await post('/x', cookies.amina, {
					intent: 'add',
					kind: 'TRAINING',
					title: 'Care Certificate',
					issuer: 'Skills for Care',
					issuedOn: '2999-01-01',
				}),
				{
					providerId: ids.amina,
				},
			),
		)
		expect(future.error.issuedOn).toEqual(['The date it was issued must be today or in the past'])
		// Someone else's credential id cannot be removed through this profile.
		const theirs = await db.prisma.credential.create({
			data: {
				providerId: ids.other,
				kind: 'INSURANCE',
				title: 'Public liability',
				issuer: 'Insurer',
				issuedOn: new Date('2025-01-01'),
			},
		})
		expect(
			await statusOf(
				act(credentials, await post('/x', cookies.amina, { intent: 'remove', credentialId: theirs.id }), {
					providerId: ids.amina,
				}),
			),
		).toBe(404)
		expect(await db.prisma.credential.findUnique({ where: { id: theirs.id } })).not.toBeNull()
		expect(await snapshot(ids.amina)).toBe(before)
	})
})

// ───────────────────────────── Availability ─────────────────────────────

describe('availability and time off', () => {
	it('adds weekly ranges and refuses overlaps, reversed and off-step times, writing nothing', async () => {
		let outbox = await outboxRows(ids.amina)
		const add = async (fields: Record<string, string>) =>
			act(availability, await post('/x', cookies.amina, { intent: 'add-range', ...fields }), { providerId: ids.amina })
		let response = await add({ weekday: '5', start: '09:00', end: '13:00' })
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/availability?saved=range-added`)
		response = await add({ weekday: '5', start: '13:00', end: '00:00' })
		expect(response.status).toBe(302)
		const slots = await db.prisma.availabilitySlot.findMany({
			where: { providerId: ids.amina, weekday: 5 },
			orderBy: { startMinute: 'asc' },
		})
		expect(slots.map((s) => [s.startMinute, s.endMinute])).toEqual([
			[540, 780],
			[780, 1440],
		])
		expect(await outboxRows(ids.amina)).toBe(outbox + 2)

		const before = await snapshot(ids.amina)
		expect((await reply(await add({ weekday: '5', start: '12:00', end: '14:00' }))).error.start).toEqual([
			'This overlaps 09:00 to 13:00 on Saturday. Choose times that do not overlap, or remove that time first',
		])
		expect((await reply(await add({ weekday: '1', start: '14:00', end: '09:00' }))).error.end).toEqual([
			'The end time must be after the start time',
		])
		expect((await reply(await add({ weekday: '1', start: '09:05', end: '10:00' }))).error.start).toEqual([
			'Enter a start time on the hour or quarter hour, like 09:00, 09:15, 09:30 or 09:45',
		])
		expect((await reply(await add({ weekday: '9', start: '', end: '10:00' }))).error).toMatchObject({
			weekday: ['Choose a day of the week'],
			start: ['Enter the start time, like 09:00'],
		})
		expect(await snapshot(ids.amina)).toBe(before)

		// Saturday morning now finds her in search.
		await drain()
		const r = await searchProviders({ q: 'zumbafitness', filters: { days: ['sat'], partsOfDay: ['morning'] } })
		expect(r.hits.map((h) => h.document.id)).toEqual([ids.amina])

		outbox = await outboxRows(ids.amina)
		await act(availability, await post('/x', cookies.amina, { intent: 'remove-range', slotId: slots[1]!.id }), {
			providerId: ids.amina,
		})
		expect(await db.prisma.availabilitySlot.count({ where: { providerId: ids.amina, weekday: 5 } })).toBe(1)
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
	})

	it('adds time off in UK time and refuses an end before the start, writing nothing', async () => {
		const year = new Date().getUTCFullYear() + 1
		const outbox = await outboxRows(ids.amina)
		const add = async (fields: Record<string, string>) =>
			act(availability, await post('/x', cookies.amina, { intent: 'add-time-off', ...fields }), {
				providerId: ids.amina,
			})
		const response = await add({
			startDate: `${year}-07-01`,
			startTime: '09:00',
			endDate: `${year}-07-14`,
			reason: 'Holiday',
		})
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/availability?saved=time-off-added`)
		const row = await db.prisma.availabilityException.findFirstOrThrow({ where: { providerId: ids.amina } })
		// 09:00 in July is 08:00 UTC (British Summer Time); an empty end time is the end of the last day.
		expect(row.startsAt.toISOString()).toBe(`${year}-07-01T08:00:00.000Z`)
		expect(row.endsAt.toISOString()).toBe(`${year}-07-14T23:00:00.000Z`)
		expect(row.reason).toBe('Holiday')
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
		await drain()
		expect((await searchProviders({ q: 'zumbafitness' })).hits[0]!.document.timeOff).toEqual([
			{ startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
		])

		const before = await snapshot(ids.amina)
		const result = await reply(
			await add({ startDate: `${year}-08-10`, startTime: '12:00', endDate: `${year}-08-10`, endTime: '09:00' }),
		)
		expect(result.error.endDate).toEqual(['The end of your time off must be after its start'])
		// Empty time fields, as a browser sends them: whole days, and the last day before the first is refused.
		const daysBackwards = await reply(
			await add({ startDate: `${year}-08-03`, startTime: '', endDate: `${year}-08-01`, endTime: '', reason: '' }),
		)
		expect(daysBackwards.error.endDate).toEqual(['The end of your time off must be after its start'])
		const missing = await reply(await add({ startDate: 'soon', endDate: '' }))
		expect(missing.error).toMatchObject({
			startDate: ['Enter the first day as a real date, like 24/12/2026'],
			endDate: ['Enter the last day of your time off'],
		})
		expect(await snapshot(ids.amina)).toBe(before)

		await act(availability, await post('/x', cookies.amina, { intent: 'remove-time-off', exceptionId: row.id }), {
			providerId: ids.amina,
		})
		expect(await db.prisma.availabilityException.count({ where: { providerId: ids.amina } })).toBe(0)
	})

	it('says which form a refusal answers, so the page shows its errors by that form, and refuses a remove it did not build', async () => {
		const send = async (fields: Record<string, string>) =>
			act(availability, await post('/x', cookies.amina, fields), { providerId: ids.amina })
		for (const intent of ['add-range', 'add-time-off']) {
			const response = await send({ intent })
			expect(response.status).toBe(400)
			expect(((await response.json()) as { intent: string }).intent).toBe(intent)
		}
		for (const intent of ['remove-range', 'remove-time-off']) {
			const refused = await send({ intent }).catch((thrown: unknown) => thrown)
			expect(refused).toBeInstanceOf(Response)
			expect((refused as Response).status).toBe(400)
		}
	})
})

// ───────────────────────────── Photo ─────────────────────────────

describe('the photo', () => {
	const photoParams = () => ({ providerId: ids.amina })

	it('resizes an upload to a 400 × 400 WebP stored by its hash, serves it with long caching, and removes it', async () => {
		const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 80, b: 40 } } })
			.png()
			.toBuffer()
		const outbox = await outboxRows(ids.amina)
		const response = await act(
			photo,
			await upload('/x', cookies.amina, new File([new Uint8Array(png)], 'me.png', { type: 'image/png' })),
			photoParams(),
		)
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/provider/profiles/${ids.amina}/photo?saved=uploaded`)
		const { photoPath } = await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina } })
		expect(photoPath).toMatch(/^[a-f0-9]{64}\.webp$/)
		expect(await outboxRows(ids.amina)).toBe(outbox + 1)
		const stored = fs.readFileSync(path.join(photoDir, photoPath!))
		const meta = await sharp(stored).metadata()
		expect(meta).toMatchObject({ format: 'webp', width: 400, height: 400 })
		expect(meta.exif).toBeUndefined()

		const served = (await load(photoFile, get(`/photos/${photoPath}`, ''), { file: photoPath! })) as Response
		expect(served.status).toBe(200)
		expect(served.headers.get('Content-Type')).toBe('image/webp')
		expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true)
		expect(
			((await load(photoFile, get('/photos/../../etc/passwd', ''), { file: '../../etc/passwd' })) as Response).status,
		).toBe(404)

		const profile = (await (
			await load(publicProfile, get(`/providers/${aminaSlug}`, ''), { slug: aminaSlug })
		).json()) as { provider: { photoPath: string } }
		expect(profile.provider.photoPath).toBe(photoPath)

		await act(photo, await upload('/x', cookies.amina, null, 'remove'), photoParams())
		expect((await db.prisma.provider.findUniqueOrThrow({ where: { id: ids.amina } })).photoPath).toBeNull()
		expect(fs.existsSync(path.join(photoDir, photoPath!))).toBe(false)
	})

	it('refuses a file that is not a photo, a wrong type, no file and a file over 5 MB, and changes nothing', async () => {
		const before = await snapshot(ids.amina)
		const files = fs.readdirSync(photoDir)
		const send = async (file: File | null) =>
			reply(await act(photo, await upload('/x', cookies.amina, file), photoParams()))
		expect((await send(new File(['this is not a picture'], 'holiday.png', { type: 'image/png' }))).error.photo).toEqual(
			['The file is not a photo we can read. Upload a JPEG, PNG or WebP image'],
		)
		expect((await send(new File(['hello'], 'notes.txt', { type: 'text/plain' }))).error.photo).toEqual([
			'The photo must be a JPEG, PNG or WebP image',
		])
		const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'blue' } })
			.gif()
			.toBuffer()
		expect((await send(new File([new Uint8Array(gif)], 'pretend.png', { type: 'image/png' }))).error.photo).toEqual([
			'The photo must be a JPEG, PNG or WebP image',
		])
		expect((await send(null)).error.photo).toEqual(['Choose a photo to upload'])
		expect(
			(await send(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'huge.jpg', { type: 'image/jpeg' }))).error.photo,
		).toEqual(['The photo must be 5 MB or smaller'])
		expect(await snapshot(ids.amina)).toBe(before)
		expect(fs.readdirSync(photoDir)).toEqual(files)
	})
})
