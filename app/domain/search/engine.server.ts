/**
 * The process's search engine and outbox worker.
 * - getSearchEngine(): Meilisearch when MEILI_URL is set, else the embedded engine in the app's database.
 * - startSearch(): called once by the server at start-up: configures the engine, rebuilds the index when it is
 *   empty (so seeded data is found without a manual reindex), and starts the outbox worker.
 */
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { getDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { startOutboxWorker, type OutboxDeps, type OutboxWorker, type WorkerOptions } from '#search/outbox-worker.ts'
import { engineFromConfig, search } from '#search/search.ts'
import type { SearchEngine, SearchRequest, SearchResponse } from '#search/types.ts'
import { allSearchDocuments, loadSearchDocuments } from './documents.server.ts'
import { bumpPublicContentVersion } from '#app/domain/providers/outbox.server.ts'
import { refreshPriceGuide } from './fair-price.server.ts'
import { outboxStore } from './outbox-store.server.ts'
import { refreshPlaces } from './places.server.ts'

const KEY = Symbol.for('budget-market.search')
type State = { engine?: SearchEngine; worker?: OutboxWorker; prisma?: PrismaClient }
type WithSearch = typeof globalThis & { [KEY]?: State }

function state(): State {
	const g = globalThis as WithSearch
	g[KEY] ??= {}
	return g[KEY]
}

export function getSearchEngine(): SearchEngine {
	const s = state()
	const prisma = getDb().prisma
	// A new database handle (tests, scripts) gets a new embedded engine.
	if (!s.engine || s.prisma !== prisma) {
		const env = getEnv()
		s.engine = engineFromConfig(
			{ MEILI_URL: env.MEILI_URL, MEILI_KEY: env.MEILI_KEY, MEILI_INDEX: process.env.MEILI_INDEX },
			prisma,
		)
		s.prisma = prisma
	}
	return s.engine
}

/** For tests: use this engine (e.g. one that fails) for this process. */
export function setSearchEngine(engine: SearchEngine | undefined): void {
	const s = state()
	s.engine = engine
	s.prisma = engine ? getDb().prisma : undefined
}

export function searchProviders(request: SearchRequest): Promise<SearchResponse> {
	return search(getSearchEngine(), request)
}

/** Places and price guidance are recomputed after changes, at most this often. */
const MAINTENANCE_EVERY_MS = 30_000

export function outboxDeps(prisma: PrismaClient, engine: SearchEngine): OutboxDeps {
	let last = 0
	let pending: NodeJS.Timeout | undefined
	const maintain = async () => {
		last = Date.now()
		await refreshPlaces(prisma)
		await refreshPriceGuide(prisma)
		await bumpPublicContentVersion(prisma) // price guidance shows on public pages
	}
	return {
		store: outboxStore(prisma),
		engine,
		load: (ids) => loadSearchDocuments(prisma, ids),
		async afterBatch() {
			const wait = last + MAINTENANCE_EVERY_MS - Date.now()
			if (wait <= 0) return maintain()
			pending ??= setTimeout(() => {
				pending = undefined
				maintain().catch((e: unknown) => console.warn(`Search maintenance failed: ${String(e)}`))
			}, wait)
			pending.unref()
		},
	}
}

export type ReindexSummary = { documents: number; places: number; priceGuides: number; ms: number }

/**
 * Rebuilds the index from the database: every published provider is written again, then whatever the index holds
 * that the database no longer publishes is removed (so searches keep working during a rebuild), then places and
 * price guidance. Outbox rows written before the rebuild started are marked done (the rebuild read a newer
 * state); later ones stay for the worker.
 */
export async function reindexAll(
	prisma: PrismaClient,
	engine: SearchEngine,
	log: (line: string) => void = () => {},
): Promise<ReindexSummary> {
	const started = performance.now()
	await engine.setup()
	const newest = await prisma.searchOutbox.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
	const before = new Set(await engine.listIds())
	let documents = 0
	for await (const batch of allSearchDocuments(prisma, 1000)) {
		await engine.upsert(batch)
		for (const d of batch) before.delete(d.id)
		documents += batch.length
		if (documents % 10_000 < batch.length) log(`  ${documents} documents…`)
	}
	if (before.size) await engine.delete([...before])
	if (newest) {
		await prisma.searchOutbox.updateMany({
			where: { id: { lte: newest.id }, processedAt: null },
			data: { processedAt: new Date() },
		})
	}
	const places = await refreshPlaces(prisma)
	const priceGuides = await refreshPriceGuide(prisma)
	await bumpPublicContentVersion(prisma)
	return { documents, places, priceGuides, ms: Math.round(performance.now() - started) }
}

/**
 * Start-up: configure the engine, rebuild when the index is empty but the database has published providers,
 * then drain the outbox continuously. Returns the worker so the server can stop it on shutdown.
 */
/**
 * Makes the search engine ready: its settings, and a first full index when it is empty (or the places and price
 * guide when only those are missing). Done once at start-up, in the server's preparing child process
 * (server/prepare-database.ts), and again, then cheaply, by startSearch.
 */
export async function prepareSearch(log: (line: string) => void = console.log): Promise<void> {
	const prisma = getDb().prisma
	const engine = getSearchEngine()
	await engine.setup()
	const [stats, published, places] = await Promise.all([
		engine.stats(),
		prisma.provider.count({ where: { published: true, deletedAt: null } }),
		prisma.searchPlace.count(),
	])
	if (stats.documents === 0 && published > 0) {
		const summary = await reindexAll(prisma, engine)
		log(`Search (${engine.name}): indexed ${summary.documents} providers in ${summary.ms} ms.`)
	} else if (places === 0 && published > 0) {
		await refreshPlaces(prisma)
		await refreshPriceGuide(prisma)
	}
}

export async function startSearch(
	options: WorkerOptions & { log?: (line: string) => void } = {},
): Promise<OutboxWorker> {
	await prepareSearch(options.log)
	const prisma = getDb().prisma
	const engine = getSearchEngine()
	const s = state()
	await s.worker?.stop()
	s.worker = startOutboxWorker(outboxDeps(prisma, engine), options)
	return s.worker
}

export async function stopSearch(): Promise<void> {
	const s = state()
	await s.worker?.stop()
	s.worker = undefined
}
