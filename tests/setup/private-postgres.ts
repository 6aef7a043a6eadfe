/**
 * A PostgreSQL cluster of a test's own, for tests that stop and start the database (the fault tests of issue 13):
 * `initdb` into a temporary folder, `pg_ctl start` on a free port on 127.0.0.1, trust authentication for the
 * `postgres` user. Restarting it never touches the shared server at 127.0.0.1:5432.
 *
 * PostgreSQL refuses to run as root; when the tests run as root, the cluster's commands run as the `postgres`
 * system user (runuser) and the folder is handed to that user.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '#bench/server-process.ts'

export type PrivatePostgres = {
	port: number
	/** postgresql://postgres@127.0.0.1:<port>/postgres */
	adminUrl: string
	/** The address of a database on this cluster. */
	urlFor: (database: string) => string
	start: () => void
	/** `pg_ctl stop` in fast mode: open connections are closed, as in a restart by an operator. */
	stop: () => void
	/** Stops the cluster (if running) and deletes its folder. */
	destroy: () => void
}

function binDir(): string {
	const root = '/usr/lib/postgresql'
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
	for (const v of versions) {
		const dir = path.join(root, v, 'bin')
		if (fs.existsSync(path.join(dir, 'initdb'))) return dir
	}
	throw new Error('No PostgreSQL server binaries found under /usr/lib/postgresql/*/bin')
}

export function privatePostgresAvailable(): boolean {
	try {
		binDir()
		return true
	} catch {
		return false
	}
}

function asPostgresUser(): boolean {
	return process.getuid?.() === 0
}

function run(bin: string, args: string[]): string {
	const [file, argv] = asPostgresUser() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
	return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 })
}

/** Creates and starts a new cluster. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
	const bin = binDir()
	const port = await freePort()
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-private-pg-'))
	const data = path.join(root, 'data')
	const socketDir = path.join(root, 'socket')
	fs.mkdirSync(socketDir)
	if (asPostgresUser()) execFileSync('chown', ['-R', 'postgres:', root])
	run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c fsync=on`
	const start = () => {
		run(path.join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', path.join(root, 'log'), '-o', options])
	}
	const stop = () => {
		run(path.join(bin, 'pg_ctl'), ['stop', '-w', '-t', '60', '-m', 'fast', '-D', data])
	}
	start()
	const urlFor = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`
	return {
		port,
		adminUrl: urlFor('postgres'),
		urlFor,
		start,
		stop,
		destroy() {
			try {
				stop()
			} catch {
				// Already stopped.
			}
			fs.rmSync(root, { recursive: true, force: true })
		},
	}
}
