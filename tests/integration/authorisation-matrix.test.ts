/**
 * The authorisation matrix (issue 13, "Then prove it"): every route in app/routes × every kind of person × own and
 * other's resources × GET and POST, each cell's answer stated below, and a refused POST changes nothing in the
 * database. The routes are read from app/routes, so a new route fails here until it has its rows; a dynamic route
 * also needs its params in tests/setup/route-world.ts.
 *
 * "Own" resources are the holder Sam's (Leicester) and the provider Amina's; "other's" are Rita's (Bristol) and Bo's.
 * The kinds of person are in KINDS (tests/setup/route-world.ts). Each POST is a well-formed, empty form with a valid
 * CSRF token: it reaches the route's rights check and then, when allowed, usually stops at the form's own checks (400).
 *
 * How a row reads: `'holder rep': '200 404 400 404'` — for those kinds, GET own, GET other's, POST own, POST other's
 * (routes without params have one GET and one POST column; routes without an action no POST columns). `*` is every kind
 * not named. Answers: a status, or `login` for a redirect to the sign-in page (302 to /login), `302` for any other
 * redirect. Allowed: 2xx, 3xx other than `login`, and 400 (past the rights check, the empty form is refused). Refused:
 * `login`, 403, 404 (and 405).
 *
 * MATRIX_PRINT=1 prints the observed rows in this format, to review a change cell by cell.
 */
import { afterAll, describe, expect, it, vi } from 'vitest'
import { setClockOffset } from '#app/utils/clock.server.ts'
import { answerOf, changedTables, isSignInRedirect, loadRoutes, paramNames, routePath } from '#tests/setup/fuzz.ts'
import { type Kind, KINDS, routeParams, routeWorldForFile, type World } from '#tests/setup/route-world.ts'

vi.hoisted(() => {
	process.env.TEST_CLOCK = 'true'
})

type Rows = Record<string, string>

// prettier-ignore
const matrix: Record<string, Rows> = {
	// No loader and no action: nothing here to ask. Its 404 is the server entry's (tests/integration/not-found.test.ts).
	'$': { '*': '' },
	'_index': { '*': '200' },
	'account': { 'anon': 'login', '*': '200' },
	'admin._index': { 'admin': '200', 'anon': 'login', '*': '403' },
	'admin.emails': { 'admin': '200 400', 'anon': 'login login', '*': '403 403' },
	'admin.funders': { 'admin': '200 400', 'anon': 'login login', '*': '403 403' },
	'admin.payouts': { 'admin': '200 400', 'anon': 'login login', '*': '403 403' },
	'bookings.$bookingId': { 'admin': '200 200 400 400', 'anon': 'login login login login', 'otherHolder otherStaff otherProvider': '404 200 404 400', 'withdrawn expired removedStaff': '404 404 404 404', '*': '200 404 400 404' },
	'bookings.$bookingId_.feedback': { 'admin': '403 403 403 403', 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', 'otherHolder otherStaff': '404 403 404 403', 'withdrawn expired removedStaff': '404 404 404 404', '*': '403 404 403 404' },
	'bookings.$bookingId_.review': { 'admin': '403 403 403 403', 'otherHolder': '404 200 404 400', 'holder': '200 404 400 404', 'anon': 'login login login login', 'otherStaff otherProvider': '404 403 404 403', 'withdrawn expired removedStaff': '404 404 404 404', '*': '403 404 403 404' },
	'bookings._index': { 'anon': 'login', '*': '200' },
	'calendar.feed.$file': { '*': '200 404' },
	'calendar': { 'anon': 'login login', '*': '200 302' },
	'commissions.$commissionId': { 'anon': '200 200 login login', '*': '200 200 400 400' },
	// A member's review of a group activity they paid into: only the holder's side with the REVIEW right writes it.
	'commissions.$commissionId_.review.$holderId': { 'admin': '403 403 403 403', 'anon': 'login login login login', 'holder': '200 404 400 404', 'otherHolder': '404 200 404 400', 'rep staff recordedRep orgOwner orgStaff': '403 404 403 404', 'otherStaff': '404 403 404 403', '*': '404 404 404 404' },
	'compare': { '*': '200' },
	'dev.clock': { 'admin': '200 400', 'anon': 'login login', '*': '403 403' },
	'dev.emails': { 'anon': 'login', '*': '200' },
	'funder._index': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	'funder.allocate': { 'anon': 'login login', 'staff otherStaff': '200 400', '*': '403 403' },
	'funder.commissions': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	'funder.export[.]csv': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	// A funder records representatives for its own holders only (ADR 025): the holder's side and admins are refused
	// (403), other funders' staff and strangers told nothing (404).
	'funder.holders.$holderId_.representatives': { 'admin': '403 403 403 403', 'otherStaff': '404 200 404 400', 'staff': '200 404 400 404', 'otherHolder': '404 403 404 403', 'anon': 'login login login login', 'withdrawn expired provider otherProvider removedStaff': '404 404 404 404', '*': '403 404 403 404' },
	// Each funder's staff see their own funder's figures (scoped by their funderId); the CSV without ?table= is a 400.
	'funder.figures': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	'funder.figures[.]csv': { 'anon': 'login', 'staff otherStaff': '400', '*': '403' },
	// Plans (issue 11): the holder's own funder's staff only; everyone else is told nothing (404).
	'funder.holders.$holderId': { 'anon': 'login login login login', 'staff': '200 404 400 404', 'otherStaff': '404 200 404 400', '*': '404 404 404 404' },
	'funder.plans': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	'funder.join-requests': { 'anon': 'login login', 'staff otherStaff': '200 400', '*': '403 403' },
	'funder.problems': { 'anon': 'login', 'staff otherStaff': '200', '*': '403' },
	'groups._index': { '*': '200' },
	// A group around a need is for its organiser and members' side: a visitor is asked to sign in, anyone else 404.
	'groups.$groupId': { 'anon': 'login login login login', 'holder': '200 404 400 404', 'otherHolder': '404 200 404 400', '*': '404 404 404 404' },
	// Anyone with the link may join (the empty form is then refused: 400).
	'groups.join.$token': { 'anon': 'login login login login', '*': '200 200 400 400' },
	'groups.new': { 'anon': 'login login', '*': '200 400' },
	'home': { 'anon': 'login', 'staff otherStaff provider otherProvider admin orgOwner': '302', '*': '200' },
	'holders.$holderId': { 'admin': '200 200', 'anon': 'login login', 'otherHolder otherStaff': '404 200', 'withdrawn expired provider otherProvider removedStaff': '404 404', '*': '200 404' },
	'holders.$holderId_.money': { 'admin': '200 200', 'anon': 'login login', 'otherHolder otherStaff': '404 200', 'withdrawn expired provider otherProvider removedStaff': '404 404', '*': '200 404' },
	'holders.$holderId_.statement[.]csv': { 'admin': '200 200', 'anon': 'login login', 'otherHolder otherStaff': '404 200', 'withdrawn expired provider otherProvider removedStaff': '404 404', '*': '200 404' },
	// Only the holder chooses who acts for them: people who may see the holder are refused (403), anyone else 404.
	'holders.$holderId_.helpers': { 'admin': '403 403 403 403', 'otherStaff': '404 403 404 403', 'otherHolder': '404 200 404 400', 'holder': '200 404 400 404', 'anon': 'login login login login', 'withdrawn expired provider otherProvider removedStaff': '404 404 404 404', '*': '403 404 403 404' },
	// The trail is for the holder and their funder's staff (and admins); their helpers are refused.
	'holders.$holderId_.trail': { 'admin': '200 200', 'anon': 'login login', 'otherHolder otherStaff': '404 200', 'holder staff': '200 404', 'rep recordedRep orgOwner orgStaff': '403 404', '*': '404 404' },
	'holders.$holderId_.trail[.]csv': { 'admin': '200 200', 'anon': 'login login', 'otherHolder otherStaff': '404 200', 'holder staff': '200 404', 'rep recordedRep orgOwner orgStaff': '403 404', '*': '404 404' },
	// Anyone signed in may open an invitation's link; only the person it was sent to may accept it (nobody here).
	'helpers.accept.$token': { 'anon': 'login login login login', '*': '200 404 403 404' },
	// The plan and its review are written by the holder or a helper with PLAN; people who may see the holder without
	// PLAN (a helper who may only view, their funder's staff, admins) are refused (403), anyone else 404 (issue 11).
	'holders.$holderId_.plan': { 'admin': '403 403 403 403', 'anon': 'login login login login', 'holder': '200 404 400 404', 'otherHolder': '404 200 404 400', 'rep staff recordedRep orgOwner orgStaff': '403 404 403 404', 'otherStaff': '404 403 404 403', '*': '404 404 404 404' },
	'holders.$holderId_.plan_.$step': { 'admin': '403 403 403 403', 'anon': 'login login login login', 'holder': '200 404 400 404', 'otherHolder': '404 200 404 400', 'rep staff recordedRep orgOwner orgStaff': '403 404 403 404', 'otherStaff': '404 403 404 403', '*': '404 404 404 404' },
	'holders.$holderId_.review': { 'admin': '403 403 403 403', 'anon': 'login login login login', 'holder': '200 404 400 404', 'otherHolder': '404 200 404 400', 'rep staff recordedRep orgOwner orgStaff': '403 404 403 404', 'otherStaff': '404 403 404 403', '*': '404 404 404 404' },
	'holders.$holderId_.top-up': { 'admin': '403 403 403 403', 'otherStaff': '404 403 404 403', 'otherHolder': '404 200 404 400', 'holder': '200 404 400 404', 'anon': 'login login login login', 'withdrawn expired provider otherProvider removedStaff': '404 404 404 404', '*': '403 404 403 404' },
	'login': { 'anon': '200 400', '*': '302 400' },
	'logout': { '*': '302 302' },
	'moderation.reviews': { 'anon': 'login', 'staff otherStaff admin': '200', '*': '403' },
	'moderation.reviews_.$reviewId': { 'admin': '200 200 400 400', 'otherStaff': '403 200 403 400', 'staff': '200 403 400 403', 'anon': 'login login login login', '*': '403 403 403 403' },
	'notifications': { 'anon': 'login login', '*': '200 302' },
	'photos.$file': { '*': '404 404' },
	'provider._index': { 'anon': 'login', 'provider otherProvider orgOwner': '200', '*': '403' },
	'provider.group-offers.new': { 'anon': 'login login', 'provider otherProvider orgOwner': '200 400', '*': '403 403' },
	// A group's request is for the providers in its town (or any, with no town), and those who quoted on it.
	'provider.quote-requests.$requestId': { 'otherProvider': '404 200 404 400', 'anon': 'login login login login', 'provider orgOwner': '200 404 400 404', '*': '403 403 403 403' },
	'provider.money': { 'anon': 'login login', 'provider otherProvider orgOwner': '200 400', '*': '403 403' },
	'provider.profiles.$providerId': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	'provider.profiles.$providerId_.availability': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	'provider.profiles.$providerId_.credentials': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	'provider.profiles.$providerId_.photo': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	'provider.profiles.$providerId_.services': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	'provider.profiles.$providerId_.services_.$serviceId': { 'otherProvider': '404 200 404 400', 'provider': '200 404 400 404', 'anon': 'login login login login', '*': '404 404 404 404' },
	// Only the owner of a user-led organisation manages its staff (ADR 025).
	'provider.staff': { 'orgOwner': '200 400', 'anon': 'login login', '*': '403 403' },
	'providers.$slug': { '*': '200 200' },
	// Only Sam gets a price for Sam, and only Rita for herself; the rest are refused on the form itself (400, as the
	// booking action shows every refusal inline), a representative who may only view with 403.
	// A representative who may only view (and so suggest) gets a price too: what they send waits for Sam (ADR 024).
	'providers.$slug_.book': { 'otherHolder': '200 200 400 200', 'anon': 'login login login login', 'holder rep recordedRep orgOwner orgStaff': '200 200 200 400', '*': '200 200 400 400' },
	'providers._index': { '*': '200' },
	// The workspace (ADR 024): anyone signed in sees the people they support (maybe nobody); an empty form is refused.
	'helping': { 'anon': 'login login', '*': '200 400' },
	// A shortlist is for its helper (while they may suggest for the holder) and the holder once it is sent.
	'shortlists.$shortlistId': { 'anon': 'login login login login', 'holder rep': '200 404 400 404', 'otherHolder': '404 200 404 400', '*': '404 404 404 404' },
	// A suggestion is for the holder and the helper who made it; the emailed link for the holder alone, and once.
	'proposals.$proposalId': { 'anon': 'login login login login', 'holder rep': '200 404 400 404', 'otherHolder': '404 200 404 400', '*': '404 404 404 404' },
	'proposals.answer.$token': { 'anon': 'login login login login', 'holder': '200 404 400 404', '*': '404 404 404 404' },
	'reviews.$reviewId.reply': { 'otherProvider': '403 200 403 400', 'provider': '200 403 400 403', 'anon': 'login login login login', '*': '403 403 403 403' },
	'reviews.$reviewId.report': { 'anon': 'login login login login', '*': '200 200 400 400' },
	'search': { '*': '200' },
	'signup': { 'anon': '200 400', '*': '302 400' },
	'signup_.check-email': { '*': '200' },
	// The emailed link: anyone holding it may finish that sign-up; an empty form is refused (400), a wrong link 404.
	'signup_.confirm.$token': { '*': '200 404 400 404' },
	// Anyone signed in may open a staff invitation's link; only the address it was sent to may accept it (nobody here).
	'staff.accept.$token': { 'anon': 'login login login login', '*': '200 404 403 404' },
	'webhooks.stripe': { '*': '405 404' },
}

const file = routeWorldForFile()
const routes = await loadRoutes()
const observed: Record<string, Partial<Record<Kind, string>>> = {}

afterAll(() => {
	if (process.env.MATRIX_PRINT) console.log(printRows())
})

/** The expected answers of one kind of person on one route, from its rows. */
function expectedFor(rows: Rows, kind: Kind): string | undefined {
	const named = Object.entries(rows).find(([kinds]) => kinds.split(' ').includes(kind))
	return named ? named[1] : rows['*']
}

function token(answer: { status: number; location: string | null }): string {
	if (isSignInRedirect(answer)) return 'login'
	return String(answer.status)
}

const REFUSED = ['login', '403', '404', '405']

const sessions = new Map<Kind, string>()

/** A session cookie per kind of person; a new one for signing out, which ends it. */
async function sessionOf(kind: Kind, fresh: boolean): Promise<string> {
	if (fresh) return file.world.cookie(kind)
	if (!sessions.has(kind)) sessions.set(kind, await file.world.cookie(kind))
	return sessions.get(kind)!
}

/**
 * The fields a POST carries besides its CSRF token, where an empty form would not tell people apart: the booking
 * form asks for a price ("check", which writes nothing) for Sam at Amina's (own) or for Rita at Bo's (other's).
 */
const postFields: Record<string, (w: World, variant: 'own' | 'other') => Record<string, string>> = {
	'providers.$slug_.book': (w, variant) => ({
		serviceId: variant === 'own' ? w.ids.service : w.ids.otherService,
		holderId: variant === 'own' ? w.ids.holder : w.ids.otherHolder,
		date: w.day,
		start: '14:00',
		minutes: '60',
		weeks: '1',
		budgetLineId: 'none',
		intent: 'check',
	}),
}

/** One cell: a request as this person, and for a refused POST, proof that nothing was written. */
async function cell(
	routeId: string,
	kind: Kind,
	method: 'GET' | 'POST',
	params: Record<string, string>,
	variant: 'own' | 'other',
): Promise<{ answer: string; wrote: string[] }> {
	const route = routes.find((r) => r.id === routeId)!
	const session = await sessionOf(kind, routeId === 'logout')
	const cookie = [session, file.csrf.cookie].filter(Boolean).join('; ')
	const url = `http://localhost${routePath(routeId, params)}`
	const request =
		method === 'GET'
			? new Request(url, { headers: { Cookie: cookie } })
			: new Request(url, {
					method: 'POST',
					body: new URLSearchParams({ ...postFields[routeId]?.(file.world, variant), csrf: file.csrf.token }),
					headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
				})
	const fn = method === 'GET' ? route.module.loader! : route.module.action!
	const before = method === 'POST' ? await file.fingerprint() : null
	const answer = await answerOf(() => fn({ request, params, context: { clientIp: '10.14.0.1' } }))
	if (answer.status >= 500) throw new Error(`${method} ${url} as ${kind}: ${answer.status} ${String(answer.error)}`)
	const result = token(answer)
	const wrote = before && REFUSED.includes(result) ? changedTables(before, await file.fingerprint()) : []
	setClockOffset(0)
	return { answer: result, wrote }
}

/** The observed rows in the format of `matrix`, kinds with the same answers grouped, the largest group as `*`. */
function printRows(): string {
	const lines: string[] = []
	for (const [routeId, byKind] of Object.entries(observed)) {
		const groups = new Map<string, Kind[]>()
		for (const kind of KINDS) {
			const answers = byKind[kind]
			if (answers !== undefined) groups.set(answers, [...(groups.get(answers) ?? []), kind])
		}
		const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)
		const rows = sorted.map(([answers, kinds], i) => `'${i === 0 ? '*' : kinds.join(' ')}': '${answers}'`)
		lines.push(`\t'${routeId}': { ${rows.reverse().join(', ')} },`)
	}
	return lines.join('\n')
}

describe('the authorisation matrix', () => {
	it('has rows for every route in app/routes, and params for every dynamic one', () => {
		expect(routes.map((r) => r.id).filter((id) => !matrix[id])).toEqual([])
		expect(routes.filter((r) => paramNames(r.id).length && !routeParams[r.id]).map((r) => r.id)).toEqual([])
		expect(Object.keys(matrix).filter((id) => !routes.some((r) => r.id === id))).toEqual([])
	})

	for (const route of routes) {
		it(`${route.id}: every kind of person gets the stated answer, and a refused POST writes nothing`, async () => {
			const dynamic = paramNames(route.id).length > 0
			const variants = dynamic ? routeParams[route.id]!(file.world) : { own: {}, other: {} }
			const columns: Array<['GET' | 'POST', 'own' | 'other']> = []
			for (const method of ['GET', 'POST'] as const) {
				if (!(method === 'GET' ? route.module.loader : route.module.action)) continue
				columns.push([method, 'own'])
				if (dynamic) columns.push([method, 'other'])
			}
			const mismatches: string[] = []
			const writes: string[] = []
			observed[route.id] = {}
			for (const kind of KINDS) {
				const answers: string[] = []
				for (const [method, variant] of columns) {
					const { answer, wrote } = await cell(route.id, kind, method, variants[variant], variant)
					answers.push(answer)
					if (wrote.length) writes.push(`${method} as ${kind} (${answer}) wrote to ${wrote.join(', ')}`)
				}
				const got = answers.join(' ')
				observed[route.id]![kind] = got
				const rows = matrix[route.id]
				const expected = rows ? expectedFor(rows, kind) : undefined
				if (got !== expected) mismatches.push(`${kind}: expected '${expected ?? '(no row)'}', got '${got}'`)
			}
			expect(writes).toEqual([])
			expect(mismatches).toEqual([])
		})
	}
})
