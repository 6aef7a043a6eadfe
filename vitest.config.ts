import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

const unitAndIntegration = [
	'app/**/*.test.{ts,tsx}',
	'search/**/*.test.ts',
	'prisma/**/*.test.ts',
	'tests/integration/**/*.test.ts',
]

/**
 * Unit and integration files share one process per worker instead of one each, and tests/setup/fresh-app-modules.ts
 * gives each file the app's modules afresh: starting a process and loading PGlite, Prisma, React and Remix for
 * every file had cost about as much as the files' tests (docs/benchmarks.md, session 7).
 */
const oneProcessPerWorker = {
	isolate: false,
	setupFiles: ['./tests/setup/fresh-app-modules.ts'],
}

// Database-backed tests run on embedded PGlite always, and again on the real PostgreSQL when TEST_DATABASE_URL
// is set (.ci/run sets it). tests/setup/test-db.ts gives each test file its own fresh database on either.
const projects: TestProjectInlineConfiguration[] = [
	{
		extends: true,
		test: {
			name: 'unit',
			include: unitAndIntegration,
			...oneProcessPerWorker,
			// POSTGRES_RUN: the same files run again on PostgreSQL (below), so scale-only tests may leave PGlite out.
			env: { TEST_DATABASE_URL: '', POSTGRES_RUN: process.env.TEST_DATABASE_URL ? 'yes' : '' },
		},
	},
	{
		extends: true,
		test: {
			name: 'e2e',
			include: ['tests/e2e/**/*.test.ts'],
			globalSetup: ['./tests/e2e/global-setup.ts'],
			// Two files at a time, each on its own server (global-setup.ts starts one per worker: E2E_WORKERS).
			maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
			// A browser journey shares two cores with another file and two servers: a whole journey may take minutes.
			testTimeout: 240_000,
		},
	},
]
/**
 * The test files whose database depends on TEST_DATABASE_URL: those that import the test helpers (tests/setup/
 * test-db.ts chooses PGlite or PostgreSQL, and every helper that opens a database goes through it) or read the
 * variable themselves. Nothing under app/, server/, search/ or prisma/ reads it, so any other file runs exactly the
 * same in both projects, and running it a second time would test nothing new (it cost about 50 files' start-up).
 */
function databaseTestFiles(): string[] {
	const roots = unitAndIntegration.map((glob) => glob.slice(0, glob.indexOf('/**')))
	const chooser = /from '(#tests\/|(\.\.\/)+tests\/)|TEST_DATABASE_URL|testDbKind/
	return roots.flatMap((root) =>
		fs
			.readdirSync(root, { recursive: true, encoding: 'utf8' })
			.filter((f) => /\.test\.tsx?$/.test(f))
			.map((f) => path.join(root, f))
			.filter((file) => chooser.test(fs.readFileSync(file, 'utf8'))),
	)
}

if (process.env.TEST_DATABASE_URL) {
	projects.push({
		extends: true,
		test: {
			name: 'postgres',
			include: databaseTestFiles(),
			...oneProcessPerWorker,
			env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
		},
	})
}

export default defineConfig({
	test: {
		// Two workers on this 2-core machine.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 60_000,
		hookTimeout: 180_000,
		setupFiles: ['./tests/setup/fail-on-console-error.ts'],
		projects,
	},
})
