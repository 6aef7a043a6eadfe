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
