/**
 * The embedded engine, the default with no configuration. See docs/decisions/006-search-engine.md for the
 * measurements behind it.
 *
 * - Store of record: the "SearchDocument" table in the app's own database (PGlite or PostgreSQL, same SQL). Every
 *   write gets a new `seq` from a sequence; a deleted document stays as a tombstone with a new `seq`.
 * - Index: an in-memory inverted index in each process (./memory-index.ts), loaded from the table on first use and
 *   kept current by reading rows with a higher `seq` (at most every FOLLOW_MS, before a search). Writes made
 *   through this engine are applied at once. Writers take an advisory lock in each write (WRITER_LOCK), so `seq`
 *   values become visible in order even with several writers (the outbox worker's lease, a reindex, other servers).
 * - A search runs in memory (words, synonyms, typos, prefix, filters, facets, geo, sort, paging), then reads the page's
 *   documents from the table by id: the only SQL a search issues besides the follow check.
 */
import { distanceKm } from '../geo.ts'
import type { SqlRunner } from '../sql.ts'
import { crop, highlight, queryWords, tokenMatcher, type WordMatch } from '../text.ts'
import {
	DEFAULT_PER_PAGE,
	MAX_PER_PAGE,
	MAX_RESULTS_WINDOW,
	type EngineStats,
	type SearchDocument,
	type SearchEngine,
	type SearchHit,
	type SearchRequest,
	type SearchResponse,
} from '../types.ts'
import { documentFields, MemoryIndex, type IndexFields } from './memory-index.ts'

/** Documents written per statement. */
const WRITE_BATCH = 500
/** Rows read per statement when loading or following the table. */
const READ_BATCH = 5000
/** How stale the index may be before a search checks the table for other processes' writes. */
export const FOLLOW_MS = 250
/**
 * Every write statement first takes this transaction-level advisory lock (a CTE the statement joins, so it is
 * taken before any `seq` is drawn, and held until commit). Writers then commit in `seq` order, so a process that
 * has read up to some `seq` can never later find a smaller one committed (issue 14: without it, a reindex running
 * beside the outbox worker, or two servers' writers, could commit seq 10 after another process had read seq 11,
 * and that process would never see document 10's change).
 */
const WRITER_LOCK = `writer AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtextextended('search-document-writes', 0)))`

export type EmbeddedEngineOptions = {
	sql: SqlRunner
	/** Called with every statement the engine runs for a search (the benchmark replays them bare). */
	onQuery?: (sql: string, params: unknown[]) => void
	/** Default FOLLOW_MS. */
	followMs?: number
}

export type EmbeddedEngine = SearchEngine & {
	/** The word matches a query resolves to, by the typo and prefix rules (for tests and the benchmark). */
	resolveWords(words: string[]): Promise<WordMatch[]>
	/** Load or catch up with the table now. */
	refresh(): Promise<void>
	/** Memory use of the index, roughly: documents, dead versions and distinct words. */
	indexSize(): { documents: number; dead: number; words: number }
	/** Every word in the index. */
	lexicon(): string[]
}

type Row = { id: string; seq: bigint | number | string; deleted: boolean; fields: IndexFields | string | null }

export function createEmbeddedEngine(options: EmbeddedEngineOptions): EmbeddedEngine {
	const { sql, onQuery } = options
	const followMs = options.followMs ?? FOLLOW_MS
	let index = new MemoryIndex()
	let lastSeq = 0n
	let loaded = false
	let checkedAt = 0
	let following: Promise<void> | null = null
	/** The seq each document was last applied at, so a row read back after our own write is not applied twice. */
	const appliedSeq = new Map<string, bigint>()

	const query = <T>(text: string, params: unknown[] = []) => {
		onQuery?.(text, params)
		return sql.query<T>(text, params)
	}

	/** Applies rows in seq order; a row older than what this process already applied for its id is skipped. */
	function apply(rows: Row[]) {
		for (const row of rows) {
			const seq = BigInt(row.seq)
			const seen = appliedSeq.get(row.id)
			if (seen !== undefined && seen >= seq) continue
			appliedSeq.set(row.id, seq)
			if (row.deleted || !row.fields) index.remove(row.id)
			else index.add(typeof row.fields === 'string' ? (JSON.parse(row.fields) as IndexFields) : row.fields)
		}
	}

	/**
	 * Reads what changed after lastSeq: first ids and seqs only, then the documents this process has not applied
	 * yet (its own writes are applied when made, so they are not read back).
	 */
	async function follow(): Promise<void> {
		for (;;) {
			// First load: every live row with its fields. After that: ids and seqs first, then the fields this
			// process has not applied yet (its own writes are applied when made, so they are not read back).
			const changes = await sql.query<Row>(
				loaded
					? `SELECT "providerId" AS id, seq, deleted, NULL AS fields FROM "SearchDocument" WHERE seq > $1 ORDER BY seq LIMIT ${READ_BATCH}`
					: `SELECT "providerId" AS id, seq, deleted, fields FROM "SearchDocument" WHERE seq > $1 AND NOT deleted ORDER BY seq LIMIT ${READ_BATCH}`,
				[lastSeq.toString()],
			)
			if (loaded) {
				const needed = changes.filter((c) => {
					const seen = appliedSeq.get(c.id)
					return !c.deleted && !(seen !== undefined && seen >= BigInt(c.seq))
				})
				const found = needed.length
					? await sql.query<{ id: string; fields: string }>(
							`SELECT "providerId" AS id, fields FROM "SearchDocument" WHERE "providerId" = ANY($1::text[]) AND NOT deleted`,
							[needed.map((c) => c.id)],
						)
					: []
				const byId = new Map(found.map((d) => [d.id, d.fields]))
				// Rows already applied are skipped by apply(); a needed row whose document has gone since is removed.
				for (const c of changes) c.fields = c.deleted ? null : (byId.get(c.id) ?? null)
			}
			apply(changes)
			const last = changes.at(-1)
			if (last) lastSeq = BigInt(last.seq)
			if (changes.length < READ_BATCH) break
		}
		loaded = true
		checkedAt = Date.now()
		// Too many dead versions: rebuild from the table.
		if (index.dead > 1000 && index.dead > index.size) {
			index = new MemoryIndex()
			appliedSeq.clear()
			lastSeq = 0n
			loaded = false
			await follow()
		}
	}

	async function refresh(force = false): Promise<void> {
		if (!force && loaded && Date.now() - checkedAt < followMs) return
		if (loaded && !force) {
			// The cheap check first: is there anything newer?
			const [row] = await query<{ seq: bigint | number | string | null }>(
				`SELECT max(seq) AS seq FROM "SearchDocument"`,
			)
			checkedAt = Date.now()
			if (row?.seq === null || row?.seq === undefined || BigInt(row.seq) <= lastSeq) return
		}
		following ??= follow().finally(() => {
			following = null
		})
		await following
	}

	async function upsert(documents: SearchDocument[]) {
		await refresh()
		for (let start = 0; start < documents.length; start += WRITE_BATCH) {
			const batch = documents.slice(start, start + WRITE_BATCH)
			const fields = new Map(batch.map((d) => [d.id, documentFields(d)]))
			const rows = await sql.query<{ id: string; seq: bigint | number | string }>(
				`WITH ${WRITER_LOCK}
				 INSERT INTO "SearchDocument" ("providerId", document, fields, deleted, "indexedAt")
				 SELECT x.id, x.doc, x.fields, false, now() FROM writer, jsonb_to_recordset($1::jsonb) AS x(id text, doc jsonb, fields text)
				 ON CONFLICT ("providerId") DO UPDATE SET document = EXCLUDED.document, fields = EXCLUDED.fields, deleted = false,
					"indexedAt" = EXCLUDED."indexedAt", seq = nextval(pg_get_serial_sequence('"SearchDocument"', 'seq'))
				 RETURNING "providerId" AS id, seq`,
				[JSON.stringify(batch.map((d) => ({ id: d.id, doc: d, fields: JSON.stringify(fields.get(d.id)) })))],
			)
			apply(rows.map((r) => ({ id: r.id, seq: r.seq, deleted: false, fields: fields.get(r.id) ?? null })))
		}
	}

	async function remove(ids: string[] | null) {
		await refresh()
		const rows = await sql.query<{ id: string; seq: bigint | number | string }>(
			`WITH ${WRITER_LOCK}
			 UPDATE "SearchDocument" SET deleted = true, document = '{}'::jsonb, fields = '', "indexedAt" = now(),
				seq = nextval(pg_get_serial_sequence('"SearchDocument"', 'seq'))
			 FROM writer
			 WHERE NOT deleted ${ids ? `AND "providerId" = ANY($1::text[])` : ''}
			 RETURNING "providerId" AS id, seq`,
			ids ? [ids] : [],
		)
		apply(rows.map((r) => ({ id: r.id, seq: r.seq, deleted: true, fields: null })))
	}

	async function search(request: SearchRequest): Promise<SearchResponse> {
		const started = performance.now()
		await refresh()
		const words = queryWords(request.q)
		// perPage 0: counts and facets only.
		const perPage = request.perPage === 0 ? 0 : Math.min(MAX_PER_PAGE, Math.max(1, request.perPage ?? DEFAULT_PER_PAGE))
		const maxPage = perPage ? Math.max(1, Math.floor(MAX_RESULTS_WINDOW / perPage)) : 1
		const page = Math.min(maxPage, Math.max(1, request.page ?? 1))
		const found = index.search(request, words, perPage, page)

		const ids = found.page.map((h) => h.id)
		const rows = ids.length
			? await query<{ id: string; document: SearchDocument | string }>(
					`SELECT "providerId" AS id, document FROM "SearchDocument" WHERE "providerId" = ANY($1::text[]) AND NOT deleted`,
					[ids],
				)
			: []
		const docs = new Map(
			rows.map((r) => [r.id, typeof r.document === 'string' ? (JSON.parse(r.document) as SearchDocument) : r.document]),
		)
		const isMatch = found.matches.length || found.phrases.length ? tokenMatcher(found.matches) : () => false
		const hits: SearchHit[] = []
		for (const h of found.page) {
			const document = docs.get(h.id)
			if (!document) continue // deleted between the index and the read: the next search will not list it
			hits.push({
				document,
				distanceKm: request.geo ? (h.distanceKm ?? distanceKm(request.geo, document)) : null,
				highlights: {
					name: highlight(document.name, isMatch, found.phrases),
					headline: highlight(document.headline, isMatch, found.phrases),
					town: highlight(document.town, isMatch, found.phrases),
					bio: crop(highlight(document.bio, isMatch, found.phrases)),
					services: document.services.map((s) => highlight(s.title, isMatch, found.phrases)),
				},
			})
		}
		const window = Math.min(found.total, MAX_RESULTS_WINDOW)
		return {
			hits,
			total: found.total,
			page,
			perPage,
			pageCount: perPage ? Math.max(1, Math.ceil(window / perPage)) : 1,
			facets: found.facets,
			priceRange: found.priceRange,
			matchedQuery: null,
			queryWords: words,
			tookMs: performance.now() - started,
		}
	}

	return {
		name: 'embedded',
		async resolveWords(words) {
			await refresh()
			return index.resolve(words)
		},
		refresh: () => refresh(true),
		indexSize: () => ({ documents: index.size, dead: index.dead, words: index.wordCount }),
		lexicon: () => index.terms(),
		async setup() {
			const rows = await sql.query<{ ok: boolean }>(`SELECT to_regclass('"SearchDocument"') IS NOT NULL AS ok`)
			if (!rows[0]?.ok) {
				throw new Error('The search tables are missing: run the database migrations first (npm run db:migrate).')
			}
			await refresh(true)
		},
		upsert,
		delete: (ids) => (ids.length ? remove(ids) : Promise.resolve()),
		clear: () => remove(null),
		async listIds() {
			const rows = await sql.query<{ id: string }>(
				`SELECT "providerId" AS id FROM "SearchDocument" WHERE NOT deleted ORDER BY "providerId"`,
			)
			return rows.map((r) => r.id)
		},
		search,
		async stats(): Promise<EngineStats> {
			await refresh()
			const [row] = await sql.query<{ documents: number }>(
				`SELECT count(*)::int AS documents FROM "SearchDocument" WHERE NOT deleted`,
			)
			return { engine: 'embedded', documents: Number(row?.documents ?? 0), words: index.wordCount, indexing: false }
		},
	}
}
