/**
 * `npm run search:reindex`: rebuild the search index from the database (PGLITE_DIR or DATABASE_URL; Meilisearch
 * when MEILI_URL is set), then places and fair-price guidance. Outbox rows written before the rebuild are marked
 * done; anything saved during it stays in the outbox for the worker.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { getSearchEngine, reindexAll } from '#app/domain/search/engine.server.ts'
import { closeDb, getDb } from '#app/utils/db.server.ts'

export async function main(log: (line: string) => void = console.log): Promise<void> {
	const { prisma, target } = getDb()
	const engine = getSearchEngine()
	log(
		`Rebuilding the ${engine.name} search index from ${target.kind === 'pglite' ? `PGlite at ${target.dir}` : 'PostgreSQL'}…`,
	)
	const summary = await reindexAll(prisma, engine, log)
	log(
		`Indexed ${summary.documents} providers, ${summary.places} places and ${summary.priceGuides} price guides ` +
			`in ${(summary.ms / 1000).toFixed(1)} s.`,
	)
	const stats = await engine.stats()
	log(`The index holds ${stats.documents} documents${stats.words !== null ? ` and ${stats.words} words` : ''}.`)
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (isMain) {
	main()
		.then(() => closeDb())
		.then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error instanceof Error ? error.message : error)
				process.exit(1)
			},
		)
}
