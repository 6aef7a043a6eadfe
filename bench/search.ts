/**
 * bench/search: the embedded search engine at scale. Seeds providers with the project's seed (default 100,000)
 * into a fresh PGlite (and into a fresh PostgreSQL database when DATABASE_URL is given), then prints:
 * - indexing throughput (documents built from the database, and written to the engine);
 * - p50/p95/p99 latency of a realistic mixed query set (plain words, typos, prefixes, filters with facets, geo
 *   radius), each as the search page asks it (20 results and every facet count);
 * - the ratio of the engine's latency to the bare SQL it issues, replayed straight on the database driver, so
 *   the layer's own overhead (Prisma, word resolution, highlighting) is visible;
 * - the full search page, server-rendered by the built app (loader + React renderToString inside the root layout).
 *
 *   tsx bench/search.ts [--providers 100000] [--queries 600] [--pages 200] [--dir .data/bench-search]
 *                       [--reuse-index] [--only pglite|postgres] [--update-readme]
 *
 * --dir keeps the seeded PGlite on disk and reuses it on the next run (seeding 100,000 providers takes minutes).
 * DATABASE_URL=postgresql://… also runs on PostgreSQL, in a new database that is dropped afterwards.
 * Figures only: nothing here asserts a time. Run with `node --expose-gc --import tsx bench/search.ts` for a steadier
 * memory figure.
 */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { PGlite } from '@electric-sql/pglite'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { allSearchDocuments } from '#app/domain/search/documents.server.ts'
import { setSearchEngine } from '#app/domain/search/engine.server.ts'
import { loadSearchPage } from '#app/domain/search/search-page.server.ts'
import { refreshPriceGuide } from '#app/domain/search/fair-price.server.ts'
import { refreshPlaces } from '#app/domain/search/places.server.ts'
import { openDb, openPGlite, setDb, type Db } from '#app/utils/db.server.ts'
import { createEmbeddedEngine, type EmbeddedEngine } from '#search/embedded/engine.ts'
import { search } from '#search/search.ts'
import { prismaRunner, type SqlRunner } from '#search/sql.ts'
import { tokenize } from '#search/text.ts'
import { partsOfDay, weekdays, type SearchRequest } from '#search/types.ts'
import { applyMigrations } from '#prisma/migrate.ts'
import { seed } from '#prisma/seed.ts'
import { arg, peakRssMiB } from './server-process.ts'

// The index memory figure needs a full GC before and after loading; without --expose-gc (as `npm run bench:search`
// runs) the collector's timing made it meaningless (even negative). Expose gc from inside the process instead.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
	v8.setFlagsFromString('--expose-gc')
	;(globalThis as { gc?: unknown }).gc = vm.runInNewContext('gc')
}

// ───────────────────────────── Options ─────────────────────────────

const PROVIDERS = Number(arg('providers', '100000'))
const QUERIES = Number(arg('queries', '600'))
const PAGES = Number(arg('pages', '200'))
const DIR = arg('dir', '')
const UPDATE_README = process.argv.includes('--update-readme')
/** Keep the documents already in the table (from an earlier run on the same --dir) instead of rebuilding them. */
const REUSE_INDEX = process.argv.includes('--reuse-index')

// ───────────────────────────── Helpers ─────────────────────────────

function rng(seed: number) {
	let a = seed >>> 0
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	const int = (n: number) => Math.floor(next() * n)
	const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
	return { next, int, pick, chance: (p: number) => next() < p }
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[i]!
}

type Stats = { n: number; p50: number; p95: number; p99: number; mean: number }
function stats(values: number[]): Stats {
	const s = [...values].sort((a, b) => a - b)
	return {
		n: s.length,
		p50: percentile(s, 50),
		p95: percentile(s, 95),
		p99: percentile(s, 99),
		mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
	}
}
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1).padStart(7) : '      –')

function machineLine(): string {
	const cpus = os.cpus()
	return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
}

/** Typo a word the way people do: drop, swap or change one letter after the first. */
function typo(word: string, r: ReturnType<typeof rng>): string {
	if (word.length < 5) return word
	const i = 1 + r.int(word.length - 2)
	switch (r.int(3)) {
		case 0:
			return word.slice(0, i) + word.slice(i + 1)
		case 1:
			return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
		default:
			return word.slice(0, i) + 'aeiou'[r.int(5)] + word.slice(i + 1)
	}
}

// ───────────────────────────── The query set ─────────────────────────────

type Labelled = { kind: 'plain' | 'typo' | 'prefix' | 'filters' | 'geo'; request: SearchRequest; url: string }

async function buildQuerySet(prisma: PrismaClient, count: number): Promise<Labelled[]> {
	const r = rng(20261123)
	const towns = await prisma.searchPlace.findMany({ where: { kind: 'town' }, orderBy: { providers: 'desc' }, take: 60 })
	const services = await prisma.service.findMany({ select: { title: true }, distinct: ['title'], take: 200 })
	const names = await prisma.provider.findMany({
		select: { name: true },
		where: { published: true },
		take: 400,
		orderBy: { id: 'asc' },
	})
	const categories = await prisma.category.findMany({ select: { slug: true } })
	const languages = ['Polish', 'Urdu', 'Punjabi', 'Gujarati', 'Bengali', 'Arabic', 'BSL', 'Welsh']
	const serviceWords = [...new Set(services.flatMap((s) => tokenize(s.title)).filter((w) => w.length >= 5))]
	const phrases = [
		'personal assistant',
		'personal care',
		'seated exercise',
		'support planning',
		'peer support',
		'respite',
		'getting out',
		'swimming',
		'advocacy',
		'dementia',
		'payroll',
		'short breaks',
		'transport',
		'wellbeing cafe',
		...services.slice(0, 40).map((s) => tokenize(s.title).slice(0, 2).join(' ')),
	]
	const townName = () => {
		// Weighted towards big towns, as searches are.
		const t = towns[Math.min(towns.length - 1, Math.floor(r.next() ** 2 * towns.length))]!
		return t
	}
	const surname = () => tokenize(r.pick(names).name).at(-1) ?? 'smith'
	const out: Labelled[] = []
	const kinds = ['PERSONAL_ASSISTANT', 'USER_LED_ORGANISATION', 'COMMUNITY_SERVICE'] as const
	const kindSlug = (k: string) => k.toLowerCase().replace(/_/g, '-')
	for (let i = 0; i < count; i++) {
		const roll = r.next()
		let label: Labelled['kind']
		let request: SearchRequest
		const u = new URLSearchParams()
		if (roll < 0.3) {
			label = 'plain'
			const q = r.chance(0.4) ? `${r.pick(phrases)} ${townName().name}` : r.chance(0.5) ? r.pick(phrases) : surname()
			request = { q }
			u.set('q', q)
		} else if (roll < 0.5) {
			label = 'typo'
			const words = tokenize(
				r.chance(0.5) ? `personal assistant ${townName().name}` : `${r.pick(serviceWords)} ${r.pick(phrases)}`,
			)
			const q = words.map((w) => (w.length >= 5 && r.chance(0.6) ? typo(w, r) : w)).join(' ')
			request = { q }
			u.set('q', q)
		} else if (roll < 0.65) {
			label = 'prefix'
			const word = r.chance(0.4) ? tokenize(townName().name)[0]! : r.chance(0.5) ? r.pick(serviceWords) : surname()
			const stem = word.slice(0, Math.max(2, Math.min(word.length, 2 + r.int(4))))
			const q = r.chance(0.4) ? `${r.pick(phrases)} ${stem}` : stem
			request = { q }
			u.set('q', q)
		} else if (roll < 0.85) {
			label = 'filters'
			const filters: SearchRequest['filters'] = {}
			const q = r.chance(0.5) ? r.pick(phrases) : ''
			if (q) u.set('q', q)
			if (r.chance(0.7)) {
				filters.kinds = [r.pick(kinds)]
				u.append('kind', kindSlug(filters.kinds[0]!))
			}
			if (r.chance(0.5)) {
				filters.categories = [r.pick(categories).slug]
				u.append('category', filters.categories[0]!)
			}
			if (r.chance(0.3)) {
				filters.languages = [r.pick(languages)]
				u.append('lang', filters.languages[0]!)
			}
			if (r.chance(0.3)) {
				filters.days = [r.pick(weekdays)]
				u.append('day', filters.days[0]!)
			}
			if (r.chance(0.3)) {
				filters.partsOfDay = [r.pick(partsOfDay)]
				u.append('time', filters.partsOfDay[0]!)
			}
			if (r.chance(0.2)) {
				filters.priceMaxPence = 1500 + r.int(10) * 100
				u.set('max', String(filters.priceMaxPence / 100))
			}
			if (r.chance(0.15)) {
				filters.acceptsGroupBookings = true
				u.set('group', 'yes')
			}
			request = { q, filters }
		} else {
			label = 'geo'
			const town = townName()
			const radiusKm = r.pick([5, 10, 15, 25] as const)
			const filters: SearchRequest['filters'] = {}
			u.set('near', town.name)
			u.set('radius', String(radiusKm))
			let q = ''
			if (r.chance(0.4)) {
				q = r.pick(phrases)
				u.set('q', q)
			}
			if (r.chance(0.5)) {
				filters.kinds = [r.pick(kinds)]
				u.append('kind', kindSlug(filters.kinds[0]!))
			}
			request = { q, filters, geo: { lat: town.lat, lng: town.lng, radiusKm }, sort: 'distance' }
			u.set('sort', 'distance')
		}
		out.push({ kind: label, request: { perPage: 20, facets: true, ...request }, url: `/search?${u}` })
	}
	return out
}

// ───────────────────────────── One database ─────────────────────────────

type Target = {
	label: string
	db: Db
	/** Runs one statement straight on the driver, returning how long it took. */
	bare: (sql: string, params: unknown[]) => Promise<void>
	close: () => Promise<void>
}

async function openPGliteTarget(): Promise<Target> {
	const dir = DIR ? path.resolve(DIR) : 'memory://'
	const pglite: PGlite = openPGlite(dir)
	await applyMigrations({ kind: 'pglite', pglite })
	const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
	return {
		label: `PGlite${DIR ? ` (${DIR})` : ''}`,
		db: { prisma, pglite, target: { kind: 'pglite', dir } },
		bare: async (sql, params) => {
			await pglite.query(sql, params)
		},
		close: async () => {
			await prisma.$disconnect()
			await pglite.close()
		},
	}
}

async function openPostgresTarget(url: string): Promise<Target> {
	const name = `bm_bench_search_${Date.now()}`
	const admin = new pg.Client({ connectionString: url })
	await admin.connect()
	await admin.query(`CREATE DATABASE "${name}"`)
	const u = new URL(url)
	u.pathname = `/${name}`
	await applyMigrations({ kind: 'postgres', url: u.toString() })
	const db = openDb({ kind: 'postgres', url: u.toString() })
	const client = new pg.Client({ connectionString: u.toString() })
	await client.connect()
	return {
		label: 'PostgreSQL',
		db,
		bare: async (sql, params) => {
			await client.query(sql, params)
		},
		close: async () => {
			await client.end()
			await db.prisma.$disconnect()
			await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			await admin.end()
		},
	}
}

type Recall = {
	words: number
	oneTypo: { trigram: number; engine: number }
	twoTypos: { trigram: number; engine: number }
	trigramMs: Stats
	engineMs: Stats
}

/**
 * Why the engine finds typo candidates by first letter and length rather than by trigram similarity: over words
 * from the index, with one typo (and two for words of 9+ letters), how often each way finds the word meant.
 */
async function typoRecall(target: Target, engine: EmbeddedEngine): Promise<Recall> {
	const { prisma } = target.db
	const r = rng(7)
	// The engine's words in a table with a trigram index, as a pg_trgm design would keep them.
	await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_words`)
	await prisma.$executeRawUnsafe(`CREATE TABLE bench_words (word text PRIMARY KEY)`)
	await prisma.$executeRawUnsafe(
		`INSERT INTO bench_words SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
		engine.lexicon(),
	)
	await prisma.$executeRawUnsafe(`CREATE INDEX bench_words_trgm ON bench_words USING GIN (word gin_trgm_ops)`)
	const words = (
		await prisma.$queryRawUnsafe<Array<{ word: string }>>(
			`SELECT word FROM bench_words WHERE length(word) >= 5 AND word ~ '^[a-z]+$' ORDER BY md5(word) LIMIT 300`,
		)
	).map((w) => w.word)
	const edit = (w: string) => {
		const i = 1 + r.int(w.length - 2)
		switch (r.int(4)) {
			case 0:
				return w.slice(0, i) + w.slice(i + 1)
			case 1:
				return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
			case 2:
				return w.slice(0, i) + 'bdfgkmrtx'[r.int(9)] + w.slice(i + 1)
			default:
				return w.slice(0, i) + 'aeilnorst'[r.int(9)] + w.slice(i)
		}
	}
	const counts = { oneTypo: { trigram: 0, engine: 0, n: 0 }, twoTypos: { trigram: 0, engine: 0, n: 0 } }
	const trigramMs: number[] = []
	const engineMs: number[] = []
	for (const word of words) {
		const cases: Array<['oneTypo' | 'twoTypos', string]> = [['oneTypo', edit(word)]]
		if (word.length >= 9) cases.push(['twoTypos', edit(edit(word))])
		for (const [kind, typoed] of cases) {
			// Only typos the rules allow (the typed word is long enough for them).
			if (typoed === word || typoed.length < (kind === 'oneTypo' ? 5 : 9)) continue
			counts[kind].n += 1
			let t = performance.now()
			const tri = await prisma.$queryRawUnsafe<Array<{ word: string }>>(
				`SELECT word FROM bench_words WHERE word % $1`,
				typoed,
			)
			trigramMs.push(performance.now() - t)
			if (tri.some((x) => x.word === word)) counts[kind].trigram += 1
			t = performance.now()
			// Not the last word (no prefix): a typo must be within the rules on the whole word.
			const [m] = await engine.resolveWords([typoed, 'x'])
			engineMs.push(performance.now() - t)
			if (m!.terms.includes(word)) counts[kind].engine += 1
		}
	}
	await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_words`)
	const pct = (a: number, n: number) => (n ? (100 * a) / n : NaN)
	return {
		words: words.length,
		oneTypo: {
			trigram: pct(counts.oneTypo.trigram, counts.oneTypo.n),
			engine: pct(counts.oneTypo.engine, counts.oneTypo.n),
		},
		twoTypos: {
			trigram: pct(counts.twoTypos.trigram, counts.twoTypos.n),
			engine: pct(counts.twoTypos.engine, counts.twoTypos.n),
		},
		trigramMs: stats(trigramMs),
		engineMs: stats(engineMs),
	}
}

type Report = {
	reused: boolean
	startupMs: number
	memoryMiB: number
	recall: Recall | null
	words: number
	label: string
	providers: number
	seedSeconds: number | null
	docs: number
	loadPerSecond: number
	indexPerSecond: number
	indexSeconds: number
	guideMs: number
	placesMs: number
	all: Stats
	byKind: Record<string, Stats>
	bare: Stats
	ratioP50: number
	ratioMedian: number
	page: Stats | null
	pageData: Stats | null
	pageBytes: number
	peakMiB: number | null
}

async function loadServerBuild(): Promise<ServerBuild> {
	const buildPath = path.resolve('build/index.js')
	const hasSearch = fs.existsSync(buildPath) && fs.readFileSync(buildPath, 'utf8').includes('app/routes/search.tsx')
	if (!hasSearch) {
		console.log('Building the app (remix build) for the page benchmark…')
		execSync('npx remix build', { stdio: 'ignore' })
	}
	return (await import(pathToFileURL(buildPath).href)) as ServerBuild
}

async function run(target: Target): Promise<Report> {
	const { prisma } = target.db
	setDb(target.db)
	let seedSeconds: number | null = null
	const existing = await prisma.provider.count()
	if (existing < PROVIDERS) {
		if (existing > 0)
			throw new Error(`${target.label} already has ${existing} providers, fewer than ${PROVIDERS}: use another --dir`)
		console.log(`${target.label}: seeding ${PROVIDERS} providers with prisma/seed.ts…`)
		const t = performance.now()
		await seed(prisma, { providers: PROVIDERS, onProgress: (m) => process.stdout.write(`  ${m}\n`) })
		seedSeconds = (performance.now() - t) / 1000
	}
	const providers = await prisma.provider.count()

	// Indexing: building documents from the database, and writing them to the engine, timed apart.
	const statements: Array<{ sql: string; params: unknown[] }> = []
	let capture = false
	const sql: SqlRunner = prismaRunner(prisma)
	const engine = createEmbeddedEngine({
		sql,
		onQuery: (text, params) => {
			if (capture) statements.push({ sql: text, params })
		},
	})
	let docs = 0
	let loadMs = 0
	let indexMs = 0
	const published = await prisma.provider.count({ where: { published: true, deletedAt: null } })
	const stored = await prisma.searchDocument.count({ where: { deleted: false } })
	let reused = false
	if (REUSE_INDEX && stored === published) {
		reused = true
		docs = stored
	} else {
		await engine.setup()
		await engine.clear()
		let t = performance.now()
		for await (const batch of allSearchDocuments(prisma, 1000)) {
			loadMs += performance.now() - t
			const w = performance.now()
			await engine.upsert(batch)
			indexMs += performance.now() - w
			docs += batch.length
			if (docs % 20_000 < batch.length) process.stdout.write(`  indexed ${docs}\n`)
			t = performance.now()
		}
	}
	// A second process starting up: load the in-memory index from the table.
	const used = () => {
		const m = process.memoryUsage()
		return m.heapUsed + m.arrayBuffers
	}
	;(globalThis as { gc?: () => void }).gc?.()
	const before = used()
	const fresh = createEmbeddedEngine({ sql })
	const loadStarted = performance.now()
	await fresh.setup()
	const startupMs = performance.now() - loadStarted
	;(globalThis as { gc?: () => void }).gc?.()
	const memoryMiB = (used() - before) / 2 ** 20
	// Keep `fresh` reachable until after the second collection, so its index is what was measured.
	if (fresh.indexSize().documents !== docs)
		console.log(`  note: the freshly loaded index holds ${fresh.indexSize().documents} documents, not ${docs}`)
	await engine.setup()
	let m = performance.now()
	await refreshPlaces(prisma)
	const placesMs = performance.now() - m
	m = performance.now()
	await refreshPriceGuide(prisma)
	const guideMs = performance.now() - m
	if (target.db.pglite) await target.db.pglite.exec('VACUUM ANALYZE')
	else await prisma.$executeRawUnsafe('ANALYZE')

	// Queries: warm up, then measure each one through the engine and bare.
	const set = await buildQuerySet(prisma, QUERIES)
	for (const q of set.slice(0, 50)) await search(engine, q.request)
	const times: number[] = []
	const bareTimes: number[] = []
	const ratios: number[] = []
	const byKind: Record<string, number[]> = {}
	for (const q of set) {
		statements.length = 0
		capture = true
		const s = performance.now()
		await engine.search(q.request)
		const took = performance.now() - s
		capture = false
		const b = performance.now()
		for (const st of statements) await target.bare(st.sql, st.params)
		const bareTook = performance.now() - b
		times.push(took)
		bareTimes.push(bareTook)
		ratios.push(took / bareTook)
		;(byKind[q.kind] ??= []).push(took)
	}

	// The full page: the built app's request handler (root layout + loader + renderToString), in this process.
	let page: Stats | null = null
	let pageData: Stats | null = null
	let pageBytes = 0
	if (PAGES > 0) {
		setSearchEngine(engine)
		const build = await loadServerBuild()
		const handler = createRequestHandler(build, 'production')
		for (const q of set.slice(0, 20)) await handler(new Request(`http://localhost${q.url}`))
		const pageTimes: number[] = []
		for (const q of set.slice(0, PAGES)) {
			const s = performance.now()
			const res = await handler(new Request(`http://localhost${q.url}`))
			const html = await res.text()
			pageTimes.push(performance.now() - s)
			if (res.status !== 200) throw new Error(`${q.url} answered ${res.status}`)
			pageBytes = Math.max(pageBytes, html.length)
		}
		page = stats(pageTimes)
		// The same pages' data alone (the route's loader work, no rendering), to show where page time goes.
		const loaderTimes: number[] = []
		for (const q of set.slice(0, PAGES)) {
			const s = performance.now()
			await loadSearchPage(new URL(`http://localhost${q.url}`))
			loaderTimes.push(performance.now() - s)
		}
		pageData = stats(loaderTimes)
		setSearchEngine(undefined)
	}

	const recall = QUERIES > 0 ? await typoRecall(target, engine) : null
	const words = (await engine.stats()).words ?? 0
	const all = stats(times)
	const bare = stats(bareTimes)
	return {
		reused,
		startupMs,
		memoryMiB,
		recall,
		words,
		label: target.label,
		providers,
		seedSeconds,
		docs,
		loadPerSecond: docs / (loadMs / 1000),
		indexPerSecond: docs / (indexMs / 1000),
		indexSeconds: (loadMs + indexMs) / 1000,
		guideMs,
		placesMs,
		all,
		byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)])),
		bare,
		ratioP50: all.p50 / bare.p50,
		ratioMedian: stats(ratios).p50,
		page,
		pageData,
		pageBytes,
		peakMiB: peakRssMiB(process.pid),
	}
}

function render(r: Report): string[] {
	const lines: string[] = []
	lines.push(
		`### ${r.label}: ${r.providers.toLocaleString('en-GB')} providers, ${r.docs.toLocaleString('en-GB')} published documents`,
	)
	lines.push('')
	if (r.seedSeconds !== null) lines.push(`- seeding (prisma/seed.ts): ${r.seedSeconds.toFixed(0)} s`)
	if (r.reused) lines.push('- indexing: skipped (--reuse-index); the documents from an earlier run were used')
	else
		lines.push(
			`- indexing: ${r.indexSeconds.toFixed(1)} s in all; building documents from the database ${Math.round(r.loadPerSecond).toLocaleString('en-GB')}/s, writing them to the engine (table + in-memory index) ${Math.round(r.indexPerSecond).toLocaleString('en-GB')}/s`,
		)
	lines.push(
		`- a process starting up loads its in-memory index from the table in ${(r.startupMs / 1000).toFixed(1)} s; the index takes about ${r.memoryMiB.toFixed(0)} MiB of memory (heap and typed arrays)`,
	)
	lines.push(
		`- peak memory of this process (VmHWM; it is the server here: database, two loaded indexes, the app's request handler): ${r.peakMiB === null ? 'unknown' : `${r.peakMiB.toFixed(0)} MiB`}`,
	)
	lines.push(
		`- places ${r.placesMs.toFixed(0)} ms, fair-price guide ${r.guideMs.toFixed(0)} ms (recomputed in full); ${r.words.toLocaleString('en-GB')} distinct words`,
	)
	lines.push('')
	lines.push('| queries | n | p50 ms | p95 ms | p99 ms |')
	lines.push('|---|---:|---:|---:|---:|')
	const row = (name: string, s: Stats) =>
		lines.push(`| ${name} | ${s.n} | ${ms(s.p50).trim()} | ${ms(s.p95).trim()} | ${ms(s.p99).trim()} |`)
	row('**all (engine)**', r.all)
	for (const k of ['plain', 'typo', 'prefix', 'filters', 'geo']) if (r.byKind[k]) row(k, r.byKind[k]!)
	row('bare SQL it issues', r.bare)
	if (r.pageData) row('search page data (loadSearchPage: search, facet groups, guidance)', r.pageData)
	if (r.page) row('**full page (server render)**', r.page)
	lines.push('')
	lines.push(
		`Engine latency / bare query: ${r.ratioP50.toFixed(2)} (p50 over p50), median per query ${r.ratioMedian.toFixed(2)}.` +
			(r.page ? ` Page HTML up to ${(r.pageBytes / 1024).toFixed(0)} KiB.` : ''),
	)
	if (r.recall) {
		const c = r.recall
		lines.push('')
		lines.push(
			`Typo candidates for ${c.words} indexed words with made-up typos, found by pg_trgm \`%\` (threshold 0.3, GIN) / by first letter + length + Damerau-Levenshtein (the engine): ` +
				`one typo ${c.oneTypo.trigram.toFixed(0)}% / ${c.oneTypo.engine.toFixed(0)}%, two typos (9+ letters) ${c.twoTypos.trigram.toFixed(0)}% / ${c.twoTypos.engine.toFixed(0)}%; ` +
				`p50 ${c.trigramMs.p50.toFixed(1)} ms / ${c.engineMs.p50.toFixed(1)} ms, p95 ${c.trigramMs.p95.toFixed(1)} ms / ${c.engineMs.p95.toFixed(1)} ms.`,
		)
	}
	return lines
}

async function main() {
	console.log(`bench/search  ${new Date().toISOString()}  ${machineLine()}`)
	console.log(
		`${PROVIDERS} providers, ${QUERIES} queries (plain 30%, typo 20%, prefix 15%, filters+facets 20%, geo 15%), ${PAGES} pages`,
	)
	console.log('')
	const reports: Report[] = []
	const only = arg('only', '')
	const targets: Array<() => Promise<Target>> = []
	if (only !== 'postgres') targets.push(openPGliteTarget)
	if (process.env.DATABASE_URL && only !== 'pglite') targets.push(() => openPostgresTarget(process.env.DATABASE_URL!))
	for (const open of targets) {
		const target = await open()
		try {
			reports.push(await run(target))
		} finally {
			await target.close()
		}
	}
	const lines = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()} (tsx bench/search.ts).`, '']
	for (const r of reports) lines.push(...render(r), '')
	console.log(lines.join('\n'))
	if (UPDATE_README) {
		const readme = path.resolve('README.md')
		const text = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : ''
		const start = '<!-- bench:search -->'
		const end = '<!-- /bench:search -->'
		if (text.includes(start) && text.includes(end)) {
			const updated = text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${lines.join('\n')}\n${end}`)
			fs.writeFileSync(readme, updated)
			console.log('README.md updated.')
		} else {
			console.log(`README.md has no ${start} … ${end} block: figures not written.`)
		}
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error)
		process.exit(1)
	},
)
