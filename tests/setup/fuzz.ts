/**
 * What the tests that drive every route share (tests/integration/fuzz.test.ts, authorisation-matrix.test.ts):
 * - the route list, read from app/routes at test time (so a new route cannot be forgotten), each route's URL and
 *   module;
 * - calling a loader or action as Remix would and reading its answer (a thrown error other than a Response is a 500);
 * - a fingerprint of the database, to prove a refused request wrote nothing;
 * - fast-check generators of hostile input: wrong types, missing and extra fields, huge and empty strings, control and
 *   bidirectional characters, extreme numbers and dates, and wrong content types.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import type { Db } from '#tests/db-utils.ts'

// ───────────────────────────── The route list ─────────────────────────────

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown
export type RouteModule = { loader?: RouteFn; action?: RouteFn }
export type Route = { id: string; module: RouteModule }

const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'app', 'routes')

/** Every route module in app/routes (flat routes: one file each), by its route id (the file name without .tsx). */
export async function loadRoutes(): Promise<Route[]> {
	const files = fs
		.readdirSync(routesDir)
		.filter((f) => /\.(tsx|ts)$/.test(f))
		.sort()
	return Promise.all(
		files.map(async (file) => ({
			id: file.replace(/\.(tsx|ts)$/, ''),
			module: (await import(path.join(routesDir, file))) as RouteModule,
		})),
	)
}

/** The `$name` params of a route id (`*` for a splat). */
export function paramNames(id: string): string[] {
	return splitSegments(id)
		.filter((s) => s.startsWith('$'))
		.map((s) => (s === '$' ? '*' : s.slice(1).replace(/_$/, '')))
}

/** Remix's flat-route file name split at unescaped dots (`[.]` is a literal dot). */
function splitSegments(id: string): string[] {
	return id
		.replace(/\[\.\]/g, '\u0000')
		.split('.')
		.map((s) => s.replace(/\u0000/g, '.'))
}

/** The URL path a route answers at, with its params filled in (encoded as a browser would). */
export function routePath(id: string, params: Record<string, string>): string {
	const parts: string[] = []
	for (const raw of splitSegments(id)) {
		const segment = raw.replace(/_$/, '')
		if (segment === '_index' || segment.startsWith('_')) continue
		if (segment === '$') parts.push((params['*'] ?? '').split('/').map(encodeURIComponent).join('/'))
		else if (segment.startsWith('$')) parts.push(encodeURIComponent(params[segment.slice(1)] ?? ''))
		else parts.push(segment)
	}
	return `/${parts.join('/')}`
}

// ───────────────────────────── Calling a route ─────────────────────────────

export type Answer = { status: number; location: string | null; error?: unknown }

/**
 * A loader's or action's answer as the server would send it: its Response's status, a thrown Response's, 200 for
 * plain data, and 500 for anything else thrown (the error is kept to report it).
 */
export async function answerOf(run: () => unknown): Promise<Answer> {
	try {
		const result = await run()
		if (result instanceof Response) return { status: result.status, location: result.headers.get('Location') }
		return { status: 200, location: null }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location') }
		return { status: 500, location: null, error: thrown }
	}
}

export function isSignInRedirect(answer: Answer): boolean {
	return answer.status === 302 && (answer.location ?? '').startsWith('/login')
}

/** A CSRF cookie and its token, made once: the field and the cookie a page would have given the browser. */
export async function csrfPair(): Promise<{ token: string; cookie: string }> {
	const { token, setCookie } = await getCsrfToken(new Request('http://localhost/'))
	return { token, cookie: setCookie?.split(';')[0] ?? '' }
}

// ───────────────────────────── The database's fingerprint ─────────────────────────────

/**
 * Tables a refused request may write to, on purpose: a refused sign-in or sign-up is counted against the account and
 * the address (ADR 016), and every request of the tests starts its own session.
 */
export const WRITTEN_WHEN_REFUSED = ['LoginAttempt', 'LoginThrottle', 'Session', '_prisma_migrations']

/**
 * One query that returns, for every other table, its row count and the sum of a 64-bit hash of each row's text: equal
 * fingerprints, nothing written (an insert or delete changes the count, an update a row's hash). A sum needs no
 * sort, where the md5 of the rows joined in order sorted every table for every refused request: 28% of
 * rights-combinations' time, and growing with each broker it adds.
 */
export async function fingerprinter(db: Db): Promise<() => Promise<Record<string, string>>> {
	const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
		`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
	)
	const sql = tables
		.map((t) => t.name)
		.filter((name) => !WRITTEN_WHEN_REFUSED.includes(name))
		.map(
			(name) =>
				`SELECT '${name}' AS name, count(*)::int AS rows, coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS hash FROM "${name}" t`,
		)
		.join(' UNION ALL ')
	return async () => {
		const rows = await db.$queryRawUnsafe<Array<{ name: string; rows: number; hash: string }>>(sql)
		return Object.fromEntries(rows.map((r) => [r.name, `${r.rows} rows ${r.hash}`]))
	}
}

/** The tables whose fingerprint differs, for a readable failure. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
	return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k])
}

// ───────────────────────────── Generators ─────────────────────────────

const controls = [
	...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
	'\u007f',
	'\u0085',
	'\u00a0',
	'\u2028',
	'\u2029',
]
const bidi = [
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200e',
	'\u200f',
	'\u061c',
]
const oddities = ['\ufeff', '\u200b', '\ud800', '\udfff', '\uffff', '😀', 'é', 'ﬁ', 'İ']

/** Values that have broken form handlers elsewhere: edge numbers, impossible dates, injections, odd encodings. */
export const EDGE_VALUES = [
	'',
	' ',
	'0',
	'-0',
	'-1',
	'1',
	'0.5',
	'1e309',
	'-1e309',
	'1e21',
	'NaN',
	'Infinity',
	'-Infinity',
	'9007199254740993',
	'99999999999999999999999',
	'0x1F',
	'1_000',
	'١٢٣',
	'£15.00',
	'15,50',
	'9999-12-31',
	'0000-00-00',
	'0001-01-01',
	'-0001-01-01',
	'1899-12-31',
	'2100-12-31',
	'2101-01-01',
	'2024-02-30',
	'2024-13-01',
	'20240101',
	'9999-12-31T23:59:59Z',
	'275760-09-13',
	'24:00',
	'23:59',
	'25:61',
	'-01:00',
	'10:00:00',
	'true',
	'false',
	'on',
	'null',
	'undefined',
	'[]',
	'{}',
	'{"__proto__":{"admin":true}}',
	'constructor',
	'__proto__',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'%00',
	'%',
	'../../etc/passwd',
	'//evil.example',
	'/\\evil.example',
	'javascript:alert(1)',
	'a\u202eb',
	'\u0000',
	'\r\n',
	'\t',
]

/** Any string a hostile client could send in a field, a query parameter or a path segment. */
export function hostileString(): fc.Arbitrary<string> {
	return fc.oneof(
		{ arbitrary: fc.constantFrom(...EDGE_VALUES), weight: 5 },
		{ arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
		{ arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
		{
			arbitrary: fc.string({
				unit: fc.constantFrom(...controls, ...bidi, ...oddities, 'a', '1', '-', ':'),
				maxLength: 20,
			}),
			weight: 2,
		},
		{ arbitrary: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }).map(String), weight: 1 },
		{ arbitrary: fc.double().map(String), weight: 1 },
		{ arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), weight: 1 },
		{
			arbitrary: fc
				.date({ noInvalidDate: false })
				.map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10))),
			weight: 1,
		},
		{ arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
	)
}

export type FieldSpec = {
	/** The fields the route reads. */
	fields: readonly string[]
	/** Plausible values per field (real ids, valid intents), used about half the time so the input gets past the first check. */
	good: Record<string, readonly string[]>
}

/** A form's fields: a random subset of the known ones, each plausible or hostile, sometimes repeated, plus strangers. */
export function formFields(spec: FieldSpec): fc.Arbitrary<Array<[string, string]>> {
	const value = (name: string) =>
		spec.good[name]?.length
			? fc.oneof(
					{ arbitrary: fc.constantFrom(...spec.good[name]), weight: 1 },
					{ arbitrary: hostileString(), weight: 1 },
				)
			: hostileString()
	const known = spec.fields.length
		? fc
				.subarray([...spec.fields])
				.chain((names) =>
					fc.tuple(
						...names.map((n) =>
							fc.array(value(n), { minLength: 1, maxLength: 2 }).map((vs) => vs.map((v) => [n, v] as [string, string])),
						),
					),
				)
		: fc.constant([] as Array<Array<[string, string]>>)
	const extras = fc.array(
		fc.tuple(
			fc.oneof(hostileString(), fc.constantFrom('csrf', 'intent', 'id', 'holderId', '__proto__')),
			hostileString(),
		),
		{ maxLength: 3 },
	)
	return fc.tuple(known, extras).map(([k, e]) => [...k.flat(), ...e])
}

export type BodyKind = 'urlencoded' | 'multipart' | 'json' | 'text' | 'none' | 'huge'

/** How the body is sent: mostly a normal form, sometimes what a confused or hostile client sends instead. */
export const bodyKind: fc.Arbitrary<BodyKind> = fc.oneof(
	{ arbitrary: fc.constant<BodyKind>('urlencoded'), weight: 12 },
	{ arbitrary: fc.constant<BodyKind>('multipart'), weight: 2 },
	{ arbitrary: fc.constant<BodyKind>('json'), weight: 1 },
	{ arbitrary: fc.constant<BodyKind>('text'), weight: 1 },
	{ arbitrary: fc.constant<BodyKind>('none'), weight: 1 },
	{ arbitrary: fc.constant<BodyKind>('huge'), weight: 1 },
)

export type FormCase = {
	fields: Array<[string, string]>
	body: BodyKind
	csrf: boolean
	foreignOrigin: boolean
	file: Uint8Array | null
}

/** One POST: fields, how they are sent, with the CSRF token most of the time, rarely from a foreign Origin. */
export function formCase(spec: FieldSpec, fileField?: string): fc.Arbitrary<FormCase> {
	return fc.record({
		fields: formFields(spec),
		body: bodyKind,
		csrf: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
		foreignOrigin: fc.oneof({ arbitrary: fc.constant(false), weight: 19 }, { arbitrary: fc.constant(true), weight: 1 }),
		file: fileField ? fc.option(fc.uint8Array({ maxLength: 2_000 }), { nil: null }) : fc.constant(null),
	})
}

/** The POST Request for a form case, with the session and CSRF cookies. */
export function formRequest(
	url: string,
	c: FormCase,
	auth: { session: string; csrf: { token: string; cookie: string } },
	fileField?: string,
): Request {
	const fields = c.csrf ? [...c.fields, ['csrf', auth.csrf.token] as [string, string]] : c.fields
	const headers = new Headers({ Cookie: [auth.session, auth.csrf.cookie].filter(Boolean).join('; ') })
	if (c.foreignOrigin) headers.set('Origin', 'https://evil.example')
	let body: BodyInit | undefined
	switch (c.body) {
		case 'urlencoded':
		case 'huge': {
			const params = new URLSearchParams(fields)
			if (c.body === 'huge') params.append('padding', 'x'.repeat(300_000))
			body = params.toString()
			headers.set('Content-Type', 'application/x-www-form-urlencoded')
			break
		}
		case 'multipart': {
			const form = new FormData()
			for (const [k, v] of fields) form.append(k, v)
			if (fileField && c.file)
				form.append(fileField, new Blob([new Uint8Array(c.file)], { type: 'image/jpeg' }), 'photo.jpg')
			body = form
			break
		}
		case 'json':
			body = JSON.stringify(Object.fromEntries(fields))
			headers.set('Content-Type', 'application/json')
			break
		case 'text':
			body = fields.map(([k, v]) => `${k}=${v}`).join('\n')
			headers.set('Content-Type', 'text/plain;charset=UTF-8')
			break
		case 'none':
			body = undefined
	}
	return new Request(`http://localhost${url}`, { method: 'POST', body, headers })
}

/** A query string from known parameter names (plausible or hostile values) and strangers. */
export function queryString(spec: FieldSpec): fc.Arbitrary<string> {
	return formFields(spec).map((fields) => {
		const q = new URLSearchParams(fields).toString()
		return q ? `?${q}` : ''
	})
}

/** A path param: usually the right id, otherwise anything a URL can carry (lone surrogates become U+FFFD, as browsers do). */
export function paramValue(good: string): fc.Arbitrary<string> {
	return fc.oneof(
		{ arbitrary: fc.constant(good), weight: 3 },
		{ arbitrary: hostileString().map(wellFormed), weight: 1 },
	)
}

function wellFormed(text: string): string {
	return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/** Cases per route: FUZZ_RUNS, or a number small enough for the whole file to stay well under a minute on PGlite. */
export function fuzzRuns(fallback: number): number {
	const n = Number(process.env.FUZZ_RUNS)
	return Number.isInteger(n) && n > 0 ? n : fallback
}
