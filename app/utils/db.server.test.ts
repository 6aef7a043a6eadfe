import pg from 'pg'
import { expect, test } from 'vitest'
import { openDb } from './db.server.ts'

const url = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

async function reachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
	try {
		await client.connect()
		return true
	} catch {
		return false
	} finally {
		await client.end().catch(() => undefined)
	}
}

// bench/load found sign-ins answering 500 under 200 people: their transaction waited over Prisma's default 2 s for
// one of the pool's 10 connections. A busy pool must make a transaction wait, not fail.
test.skipIf(!(await reachable()))(
	'a transaction waits for a free connection of a busy pool instead of failing after 2 s',
	async () => {
		const db = openDb({ kind: 'postgres', url })
		try {
			// 12 transactions of 2.5 s each on a pool of 10: the last two wait 2.5 s for a connection.
			const results = await Promise.allSettled(
				Array.from({ length: 12 }, () =>
					db.prisma.$transaction(async (tx) => {
						await tx.$queryRaw`SELECT pg_sleep(2.5)::text`
						return 'done'
					}),
				),
			)
			const failed = results
				.filter((r) => r.status === 'rejected')
				.map((r) => (r.reason as Error).message.replace(/\s+/g, ' ').slice(0, 300))
			expect(failed).toEqual([])
		} finally {
			await db.prisma.$disconnect()
		}
	},
	60_000,
)

/** The named statements this connection has prepared, read inside one transaction (so on one connection). */
async function preparedOnOneConnection(preparedStatements: boolean) {
	const db = openDb({ kind: 'postgres', url }, { preparedStatements })
	try {
		return await db.prisma.$transaction(async (tx) => {
			await tx.$queryRaw`SELECT 41 + 1 AS "answer"`
			await tx.$queryRaw`SELECT 41 + 1 AS "answer"`
			return tx.$queryRaw<Array<{ name: string; statement: string }>>`
				SELECT "name", "statement" FROM pg_prepared_statements WHERE NOT "from_sql" ORDER BY "name"`
		})
	} finally {
		await db.prisma.$disconnect()
	}
}

// ADR 038: on PostgreSQL each distinct query is prepared once per connection, then only bound and run.
test.skipIf(!(await reachable()))('a query run twice on one connection is one named prepared statement', async () => {
	const prepared = await preparedOnOneConnection(true)
	const answer = prepared.filter((p) => p.statement.includes('41 + 1'))
	expect(answer).toHaveLength(1)
	expect(answer[0]?.name).toMatch(/^bm\d+$/)
})

test.skipIf(!(await reachable()))('PG_PREPARED_STATEMENTS=false prepares nothing by name', async () => {
	expect(await preparedOnOneConnection(false)).toEqual([])
})

test.skipIf(!(await reachable()))(
	'a named statement that fails answers the same error each time and leaves the connection usable',
	async () => {
		const db = openDb({ kind: 'postgres', url }, { preparedStatements: true })
		try {
			const divide = (n: number) => db.prisma.$queryRaw<Array<{ q: number }>>`SELECT (10 / ${n}::int)::int AS "q"`
			for (let i = 0; i < 3; i++) await expect(divide(0)).rejects.toThrow(/division by zero/)
			expect(await divide(5)).toEqual([{ q: 2 }])
			// The statement that failed at run time, not at preparation, and one that fails to prepare:
			const broken = () => db.prisma.$queryRawUnsafe('SELECT no_such_column FROM pg_class')
			for (let i = 0; i < 2; i++) await expect(broken()).rejects.toThrow(/no_such_column/)
			expect(await divide(2)).toEqual([{ q: 5 }])
		} finally {
			await db.prisma.$disconnect()
		}
	},
)
