import { randomBytes } from 'node:crypto'

/**
 * Random bytes for values made on every request (a page's CSP nonce, a new browser's CSRF id), taken from a pool
 * filled by `randomBytes` 4 KiB at a time: one call to the system's generator costs as much as the rest of a kept
 * page's answer (issue 14), and slicing a pool costs almost nothing. The bytes are the same cryptographically strong
 * bytes; each is handed out once (Node's `crypto.randomUUID` keeps a pool the same way).
 */
const POOL_BYTES = 4096
let pool = Buffer.alloc(0)
let used = 0

/** `bytes` fresh random bytes (at most 4 KiB), as a string in `encoding`. */
export function pooledRandom(bytes: number, encoding: 'base64' | 'base64url'): string {
	if (bytes > POOL_BYTES) return randomBytes(bytes).toString(encoding)
	if (used + bytes > pool.length) {
		pool = randomBytes(POOL_BYTES)
		used = 0
	}
	const value = pool.toString(encoding, used, used + bytes)
	used += bytes
	return value
}
