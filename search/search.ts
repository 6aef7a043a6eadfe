/**
 * What the app calls: pick the engine (Meilisearch when MEILI_URL is set, else the embedded engine in the app's
 * database) and search with the fallback both engines share.
 */
import { createEmbeddedEngine } from './embedded/engine.ts'
import { createMeiliEngine } from './meilisearch/engine.ts'
import { prismaRunner, type SqlRunner } from './sql.ts'
import { queryWords } from './text.ts'
import type { SearchEngine, SearchRequest, SearchResponse } from './types.ts'

export type EngineConfig = {
	MEILI_URL?: string
	MEILI_KEY?: string
	MEILI_INDEX?: string
}

type PrismaLike = Parameters<typeof prismaRunner>[0]

/** Meilisearch when MEILI_URL is set; otherwise the embedded engine on this Prisma client's database. */
export function engineFromConfig(config: EngineConfig, db: PrismaLike | SqlRunner): SearchEngine {
	if (config.MEILI_URL) {
		return createMeiliEngine({ url: config.MEILI_URL, apiKey: config.MEILI_KEY, indexUid: config.MEILI_INDEX })
	}
	return createEmbeddedEngine({ sql: 'query' in db ? db : prismaRunner(db) })
}

/**
 * Searches, and when nothing matches every word, drops words from the end one at a time (as Meilisearch's
 * "last" matching strategy does) and says which words matched, so the page can explain it.
 */
export async function search(engine: SearchEngine, request: SearchRequest): Promise<SearchResponse> {
	const words = queryWords(request.q)
	const first = await engine.search({ ...request, q: words.join(' ') })
	if (first.total > 0 || words.length <= 1) return first
	for (let n = words.length - 1; n >= 1; n--) {
		const q = words.slice(0, n).join(' ')
		const relaxed = await engine.search({ ...request, q })
		if (relaxed.total > 0) {
			return { ...relaxed, matchedQuery: q, tookMs: first.tookMs + relaxed.tookMs }
		}
	}
	return first
}
