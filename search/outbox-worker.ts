/**
 * The search outbox worker. Writes to providers, services, prices, availability and reviews add a SearchOutbox row
 * in their own transaction (app/domain/providers/outbox.server.ts); this drains those rows into the engine:
 * - in id order, a batch at a time; each provider's document is rebuilt from the database as it is now, so a
 *   batch always sends the newest state, and an unpublished or deleted provider is removed;
 * - one process at a time (a lease row that expires if its holder dies), so an older copy never overwrites a
 *   newer one;
 * - when the engine fails, the batch stays unprocessed (attempts and lastError are recorded) and nothing after
 *   it is sent; the worker retries with a growing delay, so the outbox still drains in order.
 */
import crypto from 'node:crypto'
import type { SearchDocument, SearchEngine } from './types.ts'

/** One pending outbox row: which provider changed and how. */
export type OutboxRow = { id: bigint; providerId: string; op: 'UPSERT' | 'DELETE' }

/**
 * What the worker needs from the database, and nothing more: the app implements it on its SearchOutbox and
 * SearchWorkerLease tables (app/domain/search/outbox-store.server.ts), so search/ never imports the app.
 */
export type OutboxStore = {
	/** Takes (or renews) the worker's lease for `seconds`, unless another holder's lease has not expired. */
	takeLease(holder: string, seconds: number): Promise<boolean>
	releaseLease(holder: string): Promise<void>
	/** The oldest unprocessed rows, in id order. */
	pending(limit: number): Promise<OutboxRow[]>
	/** These rows failed to reach the engine: count the attempt and keep the message. */
	markFailed(ids: bigint[], message: string): Promise<void>
	markProcessed(ids: bigint[]): Promise<void>
}

export type OutboxDeps = {
	store: OutboxStore
	engine: SearchEngine
	/** Documents for these providers from the database, and the ids to remove (gone, hidden or deleted). */
	load: (providerIds: string[]) => Promise<{ documents: SearchDocument[]; remove: string[] }>
	/** Runs after each batch reached the engine (e.g. to refresh places and price guidance). */
	afterBatch?: (providerIds: string[]) => Promise<void>
	/** Names this process in the lease. */
	holder?: string
}

export type DrainResult = {
	/** Outbox rows marked processed. */
	processed: number
	/** Set when a batch failed: it stays in the outbox for the next try. */
	error: Error | null
	/** True when another process holds the lease (nothing was done). */
	busy: boolean
}

const LEASE_SECONDS = 30

const defaultHolder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`

/** Sends every pending outbox row to the engine, oldest first, stopping at the first failure. */
export async function drainOutbox(deps: OutboxDeps, options: { batchSize?: number } = {}): Promise<DrainResult> {
	const { store, engine } = deps
	const batchSize = options.batchSize ?? 200
	const holder = deps.holder ?? defaultHolder
	if (!(await store.takeLease(holder, LEASE_SECONDS))) return { processed: 0, error: null, busy: true }
	let processed = 0
	try {
		for (;;) {
			const rows = await store.pending(batchSize)
			if (rows.length === 0) return { processed, error: null, busy: false }
			// The last operation for each provider in the batch decides; the document is today's state.
			const lastOp = new Map<string, 'UPSERT' | 'DELETE'>()
			for (const r of rows) lastOp.set(r.providerId, r.op)
			const ids = [...lastOp.keys()]
			const toLoad = ids.filter((id) => lastOp.get(id) === 'UPSERT')
			try {
				const { documents, remove } = toLoad.length ? await deps.load(toLoad) : { documents: [], remove: [] }
				const removeIds = [...ids.filter((id) => lastOp.get(id) === 'DELETE'), ...remove]
				if (documents.length) await engine.upsert(documents)
				if (removeIds.length) await engine.delete(removeIds)
			} catch (cause) {
				const error = cause instanceof Error ? cause : new Error(String(cause))
				await store.markFailed(
					rows.map((r) => r.id),
					error.message.slice(0, 1000),
				)
				return { processed, error, busy: false }
			}
			await store.markProcessed(rows.map((r) => r.id))
			processed += rows.length
			await store.takeLease(holder, LEASE_SECONDS) // renew
			if (deps.afterBatch) await deps.afterBatch(ids)
		}
	} finally {
		await store.releaseLease(holder)
	}
}

export type OutboxWorker = {
	/** Drain now instead of waiting for the next poll. */
	kick(): void
	/** Stop polling and wait for the current drain to finish. */
	stop(): Promise<void>
	/** Resolves after the next drain that found nothing left to do (for tests and start-up). */
	idle(): Promise<void>
}

export type WorkerOptions = {
	/** How often to look for new rows (default 1 s). */
	intervalMs?: number
	/** Longest wait between retries after failures (default 60 s); the wait doubles from intervalMs. */
	maxBackoffMs?: number
	batchSize?: number
	/** Where failures are reported (default console.warn). */
	onError?: (error: Error, attemptsInARow: number) => void
}

/** Polls the outbox and drains it, retrying failures with a growing delay. */
export function startOutboxWorker(deps: OutboxDeps, options: WorkerOptions = {}): OutboxWorker {
	const interval = options.intervalMs ?? 1000
	const maxBackoff = options.maxBackoffMs ?? 60_000
	const onError = options.onError ?? ((e, n) => console.warn(`Search outbox: attempt ${n} failed: ${e.message}`))
	let stopped = false
	let failures = 0
	let timer: NodeJS.Timeout | undefined
	let wake: (() => void) | undefined
	let idleWaiters: Array<() => void> = []
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			wake = resolve
			timer = setTimeout(resolve, ms)
		})
	const loop = (async () => {
		while (!stopped) {
			let result: DrainResult
			try {
				result = await drainOutbox(deps, { batchSize: options.batchSize })
			} catch (cause) {
				result = { processed: 0, error: cause instanceof Error ? cause : new Error(String(cause)), busy: false }
			}
			if (result.error) {
				failures += 1
				onError(result.error, failures)
				await sleep(Math.min(maxBackoff, interval * 2 ** (failures - 1)))
				continue
			}
			failures = 0
			if (!result.busy) {
				const waiters = idleWaiters
				idleWaiters = []
				for (const w of waiters) w()
			}
			if (!stopped) await sleep(interval)
		}
	})()
	return {
		kick() {
			if (timer) clearTimeout(timer)
			wake?.()
		},
		async stop() {
			stopped = true
			if (timer) clearTimeout(timer)
			wake?.()
			await loop
		},
		idle() {
			return new Promise<void>((resolve) => {
				idleWaiters.push(resolve)
				if (timer) clearTimeout(timer)
				wake?.()
			})
		},
	}
}
