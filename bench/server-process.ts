import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer()
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address()
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}

/** The Node flags `npm start` passes (--max-old-space-size, --v8-pool-size), so a bench runs what a newcomer runs. */
export function startFlags(): string[] {
	const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
	return (pkg.scripts.start ?? '').split(/\s+/).filter((part) => /^--[\w-]+=/.test(part))
}

export type AppProcess = { child: ChildProcess; baseUrl: string; startMs: number; stop: () => Promise<void> }

/** What `npm start` runs: the server compiled by `npm run build` (server/build-server.ts), with no TypeScript loader. */
export const SERVER_ENTRY = 'build/server/start.js'

/**
 * Starts the built app (as `npm start` does, with its Node flags unless others are given) on a fresh embedded database,
 * or on DATABASE_URL when given.
 */
export async function startAppProcess(
	env: Record<string, string> = {},
	options: { nodeFlags?: string[]; onSpawn?: (pid: number | undefined) => void } = {},
): Promise<AppProcess> {
	const port = await freePort()
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bench-'))
	const started = Date.now()
	const child = spawn(process.execPath, [...(options.nodeFlags ?? startFlags()), SERVER_ENTRY], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			PGLITE_DIR: path.join(dataDir, 'pglite'),
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	options.onSpawn?.(child.pid)
	let output = ''
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
	while (!output.includes('is ready at')) {
		if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`)
		if (Date.now() - started > 600_000) throw new Error(`The server did not start:\n${output}`)
		await new Promise((r) => setTimeout(r, 100))
	}
	return {
		child,
		baseUrl: `http://localhost:${port}`,
		startMs: Date.now() - started,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r))
				child.kill('SIGTERM')
				await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
			}
			fs.rmSync(dataDir, { recursive: true, force: true })
		},
	}
}

function statusMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | null {
	if (!pid) return null
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
		const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]
		return kb ? Number(kb) / 1024 : null
	} catch {
		return null
	}
}

/** Peak resident memory (VmHWM) of a process, in MiB, from /proc. */
export function peakRssMiB(pid: number | undefined): number | null {
	return statusMiB(pid, 'VmHWM')
}

/** Resident memory now (VmRSS) of a process, in MiB, from /proc. */
export function rssMiB(pid: number | undefined): number | null {
	return statusMiB(pid, 'VmRSS')
}

export function machineLine(): string {
	return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
}

/** A process's command name and CPU time (user + system) so far in ms, from its /proc/<pid>/stat line. */
function readStat(pid: number | string): { name: string; cpuMs: number } {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
	// The name is in parentheses and may hold spaces or parentheses itself: the fields follow the last ") ".
	const close = stat.lastIndexOf(') ')
	const fields = stat.slice(close + 2).split(' ')
	// utime and stime are fields 14 and 15 of the whole line, in clock ticks of 10 ms on Linux.
	return { name: stat.slice(stat.indexOf('(') + 1, close), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 }
}

/**
 * CPU time (user + system) a process has used so far, in ms; null where there is none (no pid, or the process has
 * gone).
 */
export function cpuTimeMs(pid: number | undefined): number | null {
	if (!pid) return null
	try {
		return readStat(pid).cpuMs
	} catch {
		return null
	}
}

/**
 * CPU time used so far by every PostgreSQL server process on this machine (the postmaster and its backends), in ms;
 * null where /proc cannot be read or no such process runs. Measured around a run against a local database, it is the
 * database's share of each request, which the web server's own CPU time leaves out. Backends that end during the
 * run take their time with them, so it counts only while the app's pool keeps its connections open.
 */
export function postgresCpuMs(): number | null {
	let total: number | null = null
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue
		try {
			const { name, cpuMs } = readStat(entry)
			if (name === 'postgres') total = (total ?? 0) + cpuMs
		} catch {
			// The process ended between listing and reading.
		}
	}
	return total
}

/** The same PostgreSQL server's URL, naming another database. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url)
	u.pathname = `/${database}`
	return u.toString()
}

/** Runs `fn` on its own connection to `adminUrl`, closed after. */
export async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl })
	await client.connect()
	try {
		return await fn(client)
	} finally {
		await client.end()
	}
}

/** Runs one statement (CREATE or DROP DATABASE, say) on its own connection to `adminUrl`. */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
	await withAdminClient(adminUrl, (client) => client.query(sql))
}

/** The value given after `--name` on the bench's command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`)
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}
