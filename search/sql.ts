/**
 * The embedded engine talks SQL through this small interface, so the same engine runs through Prisma (the app),
 * or straight on PGlite or `pg` (the benchmark's "bare query" baseline).
 */
export type SqlRunner = {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
	execute(sql: string, params?: unknown[]): Promise<void>
}

type PrismaLike = {
	$queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>
	$executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>
}

export function prismaRunner(prisma: PrismaLike): SqlRunner {
	return {
		query: <T>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(sql, ...params),
		execute: async (sql: string, params: unknown[] = []) => {
			await prisma.$executeRawUnsafe(sql, ...params)
		},
	}
}

/** Builds a parameter list as SQL is written: `p(value)` returns "$n". */
export class Params {
	readonly values: unknown[] = []
	p = (value: unknown): string => {
		this.values.push(value)
		return `$${this.values.length}`
	}
}
