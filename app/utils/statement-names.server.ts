/**
 * Names for the PostgreSQL driver's prepared statements (issue 14, docs/decisions/038-named-prepared-statements.md).
 * Given to `@prisma/adapter-pg` as its `statementNameGenerator`: a query whose text has a name is parsed once on each
 * connection and then only bound and run, where an unnamed one is parsed, analysed and planned every time.
 *
 * Each distinct text gets the next name (`bm1`, `bm2`, …), the same on every connection. A connection keeps every
 * statement it has prepared until it closes, so the number of names is bounded: after `limit` distinct texts, new
 * texts go unnamed, as all did before. Texts longer than `maxLength` (long `IN (…)` lists, which vary with their
 * length) go unnamed too.
 */
export function statementNames(options: { limit?: number; maxLength?: number } = {}) {
	const limit = options.limit ?? 500
	const maxLength = options.maxLength ?? 4000
	const names = new Map<string, string>()
	return (query: { sql: string }): string => {
		const known = names.get(query.sql)
		if (known !== undefined) return known
		// An empty name is an unnamed statement to the pg driver.
		if (names.size >= limit || query.sql.length > maxLength) return ''
		const name = `bm${names.size + 1}`
		names.set(query.sql, name)
		return name
	}
}
