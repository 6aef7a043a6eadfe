/**
 * Reading the names a list shows in one query (issue 14): the list's ids go in as SQL `IN (…)` lists, and the rows
 * of a `UNION ALL` of several tables come back tagged with their `kind`, to be found again by kind and id.
 */
import { Prisma } from '#app/generated/prisma/client.ts'

/** The distinct values, for SQL's `IN (…)`; give at least one (an empty list is not valid SQL). */
export function sqlIn(values: Iterable<string>): Prisma.Sql {
	return Prisma.join([...new Set(values)])
}

/**
 * A finder of these rows by kind and id. A row that is not there means a broken foreign key, not a person's mistake,
 * so it throws, naming what it was looked up for.
 */
export function byKindAndId<R extends { kind: string; id: string }>(rows: R[], of: string) {
	const found = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]))
	return (kind: R['kind'], id: string): R => {
		const row = found.get(`${kind}:${id}`)
		if (!row) throw new Error(`The ${kind} ${id} of ${of} was not found`)
		return row
	}
}
