/**
 * Every loader and action, driven with generated hostile input (issue 13, "Then prove it": fuzzing). The routes are
 * read from app/routes, so a new route fails here until it has a line in `specs` below. Each case is a request from
 * a signed-in person with the right role for the route (the holder, the provider, funder staff or an admin), with a
 * valid CSRF token most of the time, and with generated path params, query strings, fields and bodies (see
 * tests/setup/fuzz.ts). What must hold for every case:
 * - no 5xx: the server (server/http-security.ts, whose address check is applied here too) or the route answers a bad request with a 4xx (a thrown error that is not a Response counts as a 500);
 * - a refused request (a 4xx or a redirect to sign in) writes nothing: the database's fingerprint (every row of every
 *   table but sign-in throttling and sessions) is the same before and after;
 * and at the end the ledger check is healthy.
 *
 * FUZZ_RUNS sets the cases per loader and per action (default 12, which keeps this file well under a minute on PGlite);
 * `npm run fuzz` runs 1,000. Figures of the last full run: docs/security.md.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { checkLedger } from '#app/domain/ledger/ledger.server.ts'
import { setClockOffset } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { TEST_PASSWORD } from '#tests/db-utils.ts'
import {
	answerOf,
	changedTables,
	type FieldSpec,
	formCase,
	formRequest,
	fuzzRuns,
	isSignInRedirect,
	loadRoutes,
	paramNames,
	paramValue,
	queryString,
	routePath,
} from '#tests/setup/fuzz.ts'
import { type Kind, routeParams, routeWorldForFile, type World } from '#tests/setup/route-world.ts'
import { urlRefusal } from '../../server/http-security.ts'

// The test clock's route exists only with TEST_CLOCK=true; set before the app's modules read the environment.
vi.hoisted(() => {
	process.env.TEST_CLOCK = 'true'
})

const RUNS = fuzzRuns(12)

type Spec = {
	/** Who sends the requests: people with the right role for the route (one is picked per case). */
	as: Kind[]
	/** Query parameters the loader reads. */
	query?: string[]
	/** Form fields the action reads (intents are added as `intent`). */
	fields?: string[]
	intents?: string[]
	/** The file field of a multipart upload. */
	file?: string
}

/**
 * What each route reads. A route missing here fails the test (add it); a route that takes no input still gets
 * hostile query strings and bodies. Nothing is skipped: every resource route here either reads input (a param, a
 * query, a body) or answers the same to everything, which is cheap to prove.
 */
const specs: Record<string, Spec> = {
	$: { as: ['holder', 'anon'] },
	_index: { as: ['anon'], query: ['q'] },
	account: { as: ['holder', 'provider'] },
	home: { as: ['holder', 'rep', 'provider'] },
	'admin._index': { as: ['admin'] },
	'admin.funders': {
		as: ['admin'],
		query: ['saved'],
		intents: ['update', 'create'],
		fields: ['funderId', 'name', 'scheme', 'currency', 'instalmentDays', 'feePercent', 'autoConfirmHours'],
	},
	'admin.emails': { as: ['admin'], query: ['retried'], intents: ['retry'], fields: ['emailId'] },
	'admin.payouts': {
		as: ['admin'],
		query: ['done', 'status'],
		intents: ['mark-paid', 'retry'],
		fields: ['payoutId', 'note'],
	},
	'bookings.$bookingId': {
		as: ['holder', 'provider', 'staff'],
		query: ['sent', 'done'],
		intents: [
			'accept',
			'deliver',
			'confirm',
			'acceptProposal',
			'decline',
			'cancel',
			'problem',
			'propose',
			'resolve',
			'message',
		],
		fields: ['reason', 'description', 'paid', 'note', 'body', 'idempotencyKey', 'expectedPaid', 'expectedCharge'],
	},
	'bookings.$bookingId_.feedback': { as: ['provider'], query: ['written'], fields: ['rating', 'body'] },
	'bookings.$bookingId_.review': {
		as: ['holder'],
		query: ['written'],
		fields: ['rating', 'reliable', 'respectful', 'didWhatAgreed', 'body'],
	},
	'bookings._index': { as: ['holder', 'provider'] },
	'calendar.feed.$file': { as: ['anon'] },
	calendar: { as: ['holder'], query: ['replaced'] },
	'commissions.$commissionId_.review.$holderId': {
		as: ['holder', 'rep', 'provider'],
		query: ['written'],
		fields: ['rating', 'reliable', 'respectful', 'didWhatAgreed', 'body'],
	},
	'commissions.$commissionId': {
		as: ['holder', 'provider', 'rep', 'anon'],
		query: ['done'],
		intents: ['pledge', 'withdraw', 'confirm', 'cancel', 'deliver', 'confirmSession', 'problem'],
		fields: ['holderId', 'budgetLineId', 'companions', 'idempotencyKey', 'reason', 'sessionId', 'description'],
	},
	compare: { as: ['anon', 'holder'], query: ['ids', 'near'] },
	'dev.clock': { as: ['admin'], fields: ['advanceMinutes', 'reset'] },
	'dev.emails': { as: ['holder', 'admin'] },
	'funder._index': { as: ['staff'], query: ['page', 'q', 'allocated'] },
	'funder.allocate': {
		as: ['staff'],
		query: ['holder'],
		fields: ['holderId', 'amount', 'schedule', 'count', 'intervalDays', 'firstOn', 'idempotencyKey'],
	},
	'funder.commissions': { as: ['staff'] },
	'funder.export[.]csv': { as: ['staff'] },
	'funder.holders.$holderId_.representatives': {
		as: ['staff', 'otherStaff'],
		query: ['invited', 'done'],
		intents: ['record', 'change', 'withdraw'],
		fields: ['email', 'rights', 'reason', 'delegationId'],
	},
	'funder.figures': { as: ['staff'] },
	'funder.figures[.]csv': { as: ['staff'], query: ['table'] },
	'funder.join-requests': {
		as: ['staff'],
		query: ['confirmed', 'declined'],
		intents: ['confirm', 'decline'],
		fields: ['holderId'],
	},
	'funder.problems': { as: ['staff'] },
	'groups._index': { as: ['anon', 'holder'], query: ['town'] },
	'groups.$groupId': {
		as: ['holder', 'otherHolder'],
		query: ['started', 'done'],
		intents: ['message', 'request', 'choose', 'renew'],
		fields: [
			'body',
			'idempotencyKey',
			'title',
			'need',
			'when',
			'providerIds',
			'quoteId',
			'deadline',
			'companionsAllowed',
		],
	},
	'groups.join.$token': { as: ['holder', 'rep', 'otherHolder'], fields: ['holderId', 'showFullName'] },
	'groups.new': { as: ['holder', 'rep'], fields: ['name', 'description', 'town'] },
	'holders.$holderId': { as: ['holder', 'rep'] },
	'holders.$holderId_.money': { as: ['holder', 'rep'], query: ['month', 'category', 'page'] },
	'holders.$holderId_.statement[.]csv': { as: ['holder'], query: ['month', 'category', 'page'] },
	'holders.$holderId_.helpers': {
		as: ['holder'],
		query: ['invited', 'done'],
		intents: ['invite', 'change', 'withdraw', 'cancel-invite'],
		fields: ['email', 'kind', 'rights', 'perBooking', 'perMonth', 'endsOn', 'delegationId', 'inviteId'],
	},
	'holders.$holderId_.plan': {
		as: ['holder', 'staff'],
		query: ['done'],
		intents: ['start', 'change', 'submit', 'answer', 'request-review'],
		fields: ['reason', 'answer'],
	},
	'holders.$holderId_.plan_.$step': {
		as: ['holder', 'rep'],
		intents: ['save', 'stay', 'submit'],
		fields: [
			'goodDay',
			'whatMatters',
			'outcomes[0]',
			'outcomes[1]',
			'outcomes[2]',
			'whoHelps',
			'lines[0].name',
			'lines[0].category',
			'lines[0].amount',
		],
	},
	'holders.$holderId_.review': {
		as: ['holder', 'rep'],
		query: ['done'],
		fields: ['ratings[0].outcomeId', 'ratings[0].score', 'ratings[0].comment', 'whatWorked', 'whatToChange', 'change'],
	},
	'funder.plans': { as: ['staff', 'holder'] },
	'funder.holders.$holderId': {
		as: ['staff', 'otherStaff'],
		query: ['done'],
		intents: ['budget', 'agree', 'question', 'notes', 'request-review'],
		fields: ['amount', 'paidHow', 'question', 'notes', 'reviewId'],
	},
	'holders.$holderId_.trail': { as: ['holder', 'staff'], query: ['page'] },
	'holders.$holderId_.trail[.]csv': { as: ['holder', 'staff'] },
	'helpers.accept.$token': { as: ['holder', 'rep'] },
	'staff.accept.$token': { as: ['orgStaff', 'holder'] },
	// The helper's workspace, shortlists and suggestions (ADR 024).
	helping: {
		as: ['rep', 'holder'],
		query: ['saved'],
		intents: ['act', 'stop', 'save'],
		fields: ['holderId', 'providerId', 'note', 'redirectTo'],
	},
	'shortlists.$shortlistId': {
		as: ['rep', 'holder'],
		query: ['saved'],
		intents: ['remove', 'send', 'choose', 'more', 'helper-chooses'],
		fields: ['itemId', 'note'],
	},
	'proposals.$proposalId': { as: ['rep', 'holder'], intents: ['approve', 'decline', 'withdraw'], fields: ['reason'] },
	'proposals.answer.$token': { as: ['holder'], intents: ['approve', 'decline', 'withdraw'], fields: ['reason'] },
	'holders.$holderId_.top-up': { as: ['holder'], query: ['topUp', 'cancelled'], fields: ['amount', 'idempotencyKey'] },
	login: { as: ['anon'], query: ['redirectTo'], fields: ['email', 'password', 'redirectTo'] },
	logout: { as: ['holder'], intents: ['everywhere'] },
	'moderation.reviews': { as: ['admin', 'staff'], query: ['decided'] },
	'moderation.reviews_.$reviewId': { as: ['admin', 'staff'], fields: ['decision', 'reason'] },
	notifications: { as: ['holder'], query: ['page'] },
	'photos.$file': { as: ['anon'] },
	'provider._index': { as: ['provider'] },
	'provider.group-offers.new': {
		as: ['provider'],
		fields: [
			'providerId',
			'serviceId',
			'pricingMode',
			'price',
			'firstDay',
			'firstTime',
			'sessionCount',
			'sessionMinutes',
			'minPeople',
			'maxPeople',
			'title',
			'description',
			'deadline',
			'cancellationTerms',
			'cancellationCutoffHours',
			'companionsAllowed',
		],
	},
	'provider.quote-requests.$requestId': {
		as: ['provider'],
		query: ['done'],
		fields: [
			'providerId',
			'serviceId',
			'pricingMode',
			'price',
			'firstDay',
			'firstTime',
			'sessionCount',
			'sessionMinutes',
			'minPeople',
			'maxPeople',
			'message',
		],
	},
	'provider.staff': {
		as: ['orgOwner'],
		query: ['invited', 'done'],
		intents: ['invite', 'remove', 'cancel-invite'],
		fields: ['providerId', 'email', 'staffId', 'inviteId'],
	},
	'provider.money': { as: ['provider'], query: ['onboarding'], intents: ['connect'], fields: ['providerId'] },
	'provider.profiles.$providerId': {
		as: ['provider'],
		query: ['saved'],
		intents: ['about', 'publish', 'hide'],
		fields: [
			'name',
			'headline',
			'bio',
			'town',
			'postcodeDistrict',
			'coverRadiusKm',
			'languages',
			'accessibility',
			'acceptsGroupBookings',
			'cancellationPolicy',
			'lateCancelPercent',
		],
	},
	'provider.profiles.$providerId_.availability': {
		as: ['provider'],
		query: ['saved'],
		intents: ['add-range', 'add-time-off', 'remove-range', 'remove-time-off'],
		fields: [
			'weekday',
			'start',
			'end',
			'startDate',
			'startTime',
			'endDate',
			'endTime',
			'reason',
			'slotId',
			'exceptionId',
		],
	},
	'provider.profiles.$providerId_.credentials': {
		as: ['provider'],
		query: ['saved'],
		intents: ['add', 'remove'],
		fields: ['kind', 'title', 'issuer', 'reference', 'issuedOn', 'expiresOn', 'credentialId'],
	},
	'provider.profiles.$providerId_.photo': {
		as: ['provider'],
		query: ['saved'],
		intents: ['upload', 'remove'],
		file: 'photo',
	},
	'provider.profiles.$providerId_.services': {
		as: ['provider'],
		query: ['saved'],
		intents: ['deactivate', 'activate', 'delete'],
		fields: ['serviceId'],
	},
	'provider.profiles.$providerId_.services_.$serviceId': {
		as: ['provider'],
		fields: ['title', 'description', 'categorySlug', 'priceUnit', 'price', 'durationMinutes', 'maxGroupSize'],
	},
	'providers.$slug': { as: ['anon', 'holder'] },
	'providers.$slug_.book': {
		as: ['holder'],
		query: ['service', 'holder', 'date', 'minutes'],
		intents: ['check', 'send'],
		fields: [
			'serviceId',
			'holderId',
			'date',
			'start',
			'minutes',
			'weeks',
			'budgetLineId',
			'note',
			'idempotencyKey',
			'quotedFor',
		],
	},
	'providers._index': { as: ['anon'], query: ['page', 'q'] },
	'reviews.$reviewId.reply': { as: ['provider'], fields: ['reply'] },
	'reviews.$reviewId.report': { as: ['provider', 'holder'], query: ['sent'], fields: ['reason'] },
	search: {
		as: ['anon'],
		query: [
			'q',
			'near',
			'radius',
			'sort',
			'min',
			'max',
			'page',
			'category',
			'kind',
			'lang',
			'access',
			'cred',
			'day',
			'time',
			'group',
			'type',
			'district',
			'lastPage',
		],
	},
	signup: {
		as: ['anon'],
		query: ['redirectTo'],
		fields: ['email', 'name', 'password', 'role', 'funderId', 'redirectTo'],
	},
	'signup_.check-email': { as: ['anon'] },
	'signup_.confirm.$token': { as: ['anon'], intents: ['confirm'] },
	'webhooks.stripe': { as: ['anon'], fields: ['id', 'type', 'data'] },
}

/** Plausible values by field name, so about half the fields get past the first check and into the route's logic. */
function goodValues(w: World, spec: Spec): FieldSpec['good'] {
	const sentence = 'Arrived on time and did everything we agreed, thank you.'
	const good: Record<string, string[]> = {
		intent: spec.intents ?? [],
		holderId: [w.ids.holder],
		holder: [w.ids.holder],
		serviceId: [w.ids.service],
		service: [w.ids.service],
		providerId: [w.ids.provider],
		funderId: [w.ids.funder],
		budgetLineId: [w.ids.budgetLine, 'none'],
		credentialId: [w.ids.credential],
		slotId: [w.ids.slot],
		exceptionId: [w.ids.timeOff],
		ids: [`${w.ids.provider},${w.ids.otherProvider}`],
		date: [w.day],
		firstOn: [w.day],
		startDate: [w.day],
		endDate: [w.day],
		issuedOn: ['2025-01-01'],
		expiresOn: ['2030-01-01'],
		month: ['2026-01'],
		start: ['10:00'],
		end: ['12:00'],
		startTime: ['09:00'],
		endTime: ['17:00'],
		weekday: ['1'],
		minutes: ['60', '120'],
		weeks: ['1', '2'],
		amount: ['10.00', '25'],
		price: ['15.00'],
		paid: ['0', '10.00'],
		count: ['3'],
		intervalDays: ['28'],
		schedule: ['ONE_OFF', 'INSTALMENTS'],
		instalmentDays: ['28'],
		feePercent: ['5'],
		autoConfirmHours: ['48'],
		advanceMinutes: ['0', '60'],
		reset: ['true'],
		rating: ['1', '5'],
		reliable: ['4'],
		respectful: ['5'],
		didWhatAgreed: ['3'],
		decision: ['KEEP', 'REMOVE'],
		kind: ['DBS', 'INSURANCE'],
		role: ['HOLDER', 'PROVIDER'],
		priceUnit: ['PER_HOUR', 'PER_SESSION'],
		categorySlug: ['personal-care'],
		durationMinutes: ['60'],
		email: [w.users.holder.email, `new-${randomUUID()}@example.test`],
		password: [TEST_PASSWORD],
		redirectTo: ['/account'],
		idempotencyKey: [randomUUID()],
		name: ['Amina Shah'],
		title: ['Personal care at home'],
		languages: ['English, Urdu'],
		town: ['Leicester'],
		postcodeDistrict: ['LE1'],
		q: ['care', 'Leicester'],
		near: ['Leicester'],
		companions: ['0', '1'],
		need: ['Six of us need a pool with a hoist.'],
		when: ['Saturday mornings'],
		providerIds: [w.ids.provider],
		deadline: [w.day],
		companionsAllowed: ['on'],
		showFullName: ['on'],
		commissionId: [w.ids.commission],
		page: ['1', '2'],
	}
	for (const f of ['reason', 'description', 'note', 'body', 'reply', 'bio', 'headline', 'issuer', 'cancellationPolicy'])
		good[f] = [sentence]
	return good
}

const file = routeWorldForFile()
const routes = await loadRoutes()
const figures = { cases: 0, serverErrors: 0, refused: 0, started: Date.now() }

afterAll(() => {
	const seconds = ((Date.now() - figures.started) / 1000).toFixed(1)
	console.log(
		`fuzz: ${routes.length} routes, ${RUNS} cases per loader and action, ${figures.cases} requests (${figures.refused} refused), ${figures.serverErrors} 5xx, ${seconds} s on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
	)
})

type Problem = { route: string; method: string; url: string; status: number; detail: string }

function describeError(error: unknown): string {
	return error instanceof Error
		? `${error.name}: ${error.message.split('\n')[0]}\n${error.stack?.split('\n').slice(1, 4).join('\n')}`
		: String(error)
}

/** One property per loader or action: generated requests, each checked for 5xx and, when refused, for writes. */
async function fuzz(routeId: string, method: 'GET' | 'POST'): Promise<Problem[]> {
	const route = routes.find((r) => r.id === routeId)!
	const spec = specs[routeId]!
	const run = method === 'GET' ? route.module.loader! : route.module.action!
	const names = paramNames(routeId)
	const own = names.length ? routeParams[routeId]!(file.world).own : {}
	const good = goodValues(file.world, spec)
	const fields: FieldSpec = { fields: [...(spec.intents?.length ? ['intent'] : []), ...(spec.fields ?? [])], good }
	const sessions = new Map<Kind, string>()
	const problems: Problem[] = []
	const params = fc.record(
		Object.fromEntries(names.map((n) => [n, paramValue(own[n] ?? '')])) as Record<string, fc.Arbitrary<string>>,
	)
	const input = fc.record({
		as: fc.constantFrom(...spec.as),
		params,
		query: queryString({ fields: spec.query ?? [], good }),
		form: formCase(fields, spec.file),
		ip: fc.integer({ min: 1, max: 250 }),
	})
	// The fingerprint after each request is the next one's "before" (sessions, the only writes between, are left out).
	let last = method === 'POST' ? await file.fingerprint() : null
	await fc.assert(
		fc.asyncProperty(input, async (c) => {
			// Signing out ends the session: that route gets a new one every time.
			if (!sessions.has(c.as) || routeId === 'logout') sessions.set(c.as, await file.world.cookie(c.as))
			const session = sessions.get(c.as)!
			const url = `${routePath(routeId, c.params)}${c.query}`
			const request =
				method === 'GET'
					? new Request(`http://localhost${url}`, {
							headers: { Cookie: [session, file.csrf.cookie].filter(Boolean).join('; ') },
						})
					: formRequest(url, c.form, { session, csrf: file.csrf }, spec.file)
			const before = last
			// The server refuses some addresses before any route sees them (server/http-security.ts): so does this test.
			const refusal = urlRefusal(url)
			const answer = refusal
				? { status: refusal.status, location: null }
				: await answerOf(() => run({ request, params: c.params, context: { clientIp: `10.13.0.${c.ip}` } }))
			figures.cases++
			const detail =
				method === 'POST'
					? `${c.form.body}${c.form.csrf ? '' : ' without token'} ${JSON.stringify(c.form.fields).slice(0, 300)}`
					: ''
			if (answer.status >= 500) {
				figures.serverErrors++
				problems.push({
					route: routeId,
					method,
					url: url.slice(0, 300),
					status: answer.status,
					detail: `${detail}\n${describeError(answer.error)}`,
				})
			}
			const refused = answer.status >= 400 || isSignInRedirect(answer)
			if (refused) figures.refused++
			if (before) {
				last = await file.fingerprint()
				const changed = refused ? changedTables(before, last) : []
				if (changed.length)
					problems.push({
						route: routeId,
						method,
						url,
						status: answer.status,
						detail: `refused but wrote to ${changed.join(', ')}: ${detail}`,
					})
			}
			// Keep the clock where the other routes expect it.
			if (routeId === 'dev.clock') setClockOffset(0)
		}),
		{ numRuns: RUNS, endOnFailure: true },
	)
	return problems
}

const timeout = Math.max(60_000, RUNS * 1_500)

describe('fuzzing every route', () => {
	it('has a fuzz spec for every route in app/routes, and a line for every dynamic one in routeParams', () => {
		expect(routes.length).toBeGreaterThan(30)
		expect(routes.map((r) => r.id).filter((id) => !specs[id])).toEqual([])
		expect(routes.filter((r) => paramNames(r.id).length && !routeParams[r.id]).map((r) => r.id)).toEqual([])
		expect(Object.keys(specs).filter((id) => !routes.some((r) => r.id === id))).toEqual([])
	})

	it('notices through its fingerprint an insert, an update of one column and a delete', async () => {
		const userId = file.world.users.holder.id
		const before = await file.fingerprint()
		expect(changedTables(before, await file.fingerprint()), 'two reads, nothing written').toEqual([])
		const note = await prisma.notification.create({ data: { userId, title: 'Fingerprint', body: 'inserted' } })
		const inserted = await file.fingerprint()
		expect(changedTables(before, inserted)).toEqual(['Notification'])
		await prisma.notification.update({ where: { id: note.id }, data: { body: 'updated' } })
		const updated = await file.fingerprint()
		expect(changedTables(inserted, updated)).toEqual(['Notification'])
		await prisma.notification.delete({ where: { id: note.id } })
		expect(changedTables(updated, await file.fingerprint())).toEqual(['Notification'])
		expect(changedTables(before, await file.fingerprint()), 'the same rows again').toEqual([])
	})

	for (const route of routes) {
		for (const method of ['GET', 'POST'] as const) {
			const fn = method === 'GET' ? route.module.loader : route.module.action
			if (!fn) continue
			it(`${method} ${route.id}: no 5xx, and nothing written by a refused request`, { timeout }, async () => {
				if (!specs[route.id]) throw new Error(`Add ${route.id} to the fuzz specs in tests/integration/fuzz.test.ts`)
				expect(await fuzz(route.id, method)).toEqual([])
			})
		}
	}

	it('leaves the ledger healthy', async () => {
		expect(await checkLedger(file.db.prisma)).toEqual([])
	})
})
