import { describe, expect, it } from 'vitest'
import { oncePerRequest, withRequestScope } from './request-scope.server.ts'

const get = new Request('http://localhost/page')
const head = new Request('http://localhost/page', { method: 'HEAD' })
const post = new Request('http://localhost/page', { method: 'POST' })

function counter() {
	let reads = 0
	return { read: async () => ++reads, reads: () => reads }
}

describe('oncePerRequest', () => {
	it('reads once for every loader of a GET or HEAD request, even side by side', async () => {
		for (const request of [get, head]) {
			const c = counter()
			const answers = await withRequestScope(() =>
				Promise.all([oncePerRequest(request, 'me', c.read), oncePerRequest(request, 'me', c.read)]),
			)
			expect(answers).toEqual([1, 1])
			expect(c.reads()).toBe(1)
		}
	})

	it('keeps different keys apart, and each request has its own scope', async () => {
		const c = counter()
		const first = await withRequestScope(async () => [
			await oncePerRequest(get, 'a', c.read),
			await oncePerRequest(get, 'b', c.read),
			await oncePerRequest(get, 'a', c.read),
		])
		const second = await withRequestScope(() => oncePerRequest(get, 'a', c.read))
		expect(first).toEqual([1, 2, 1])
		expect(second).toBe(3)
	})

	it('reads afresh on a POST (its action may change what a later read must see) and outside a request', async () => {
		const c = counter()
		await withRequestScope(async () => {
			await oncePerRequest(post, 'me', c.read)
			await oncePerRequest(post, 'me', c.read)
		})
		await oncePerRequest(get, 'me', c.read)
		await oncePerRequest(get, 'me', c.read)
		expect(c.reads()).toBe(4)
	})

	it('does not keep a failed read', async () => {
		let calls = 0
		const flaky = async () => {
			calls++
			if (calls === 1) throw new Error('the database went away')
			return 'fine'
		}
		await withRequestScope(async () => {
			await expect(oncePerRequest(get, 'me', flaky)).rejects.toThrow('the database went away')
			await expect(oncePerRequest(get, 'me', flaky)).resolves.toBe('fine')
		})
		expect(calls).toBe(2)
	})
})
