/**
 * One Request per page, and one read of the signed-in person per page (issue 14, ADR 037).
 * - patches/@remix-run+server-runtime (applied by patch-package on every `npm install`/`npm ci`): Remix hands every
 *   loader of a page the request as it came, instead of two fresh copies each (tens of microseconds apiece on Node
 *   20), and still takes `_data` and `index` off the address when they are there.
 * - app/utils/auth.server.ts: on a GET or HEAD the root loader's and the page's reads of the signed-in person are one;
 *   a POST, another request, or a failed read reads afresh.
 */
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { getSignedIn, getUser, requireUser } from '#app/utils/auth.server.ts'
import { cookieFor, get } from '#tests/setup/requests.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { createUserWithRoles } from '#tests/db-utils.ts'

/** A two-route app (a root and one page) whose loaders note the request each was given. */
function twoRouteApp() {
	const seen: Record<string, Request[]> = { root: [], page: [] }
	const loader = (id: 'root' | 'page') => (args: { request: Request }) => {
		seen[id]?.push(args.request)
		return { id }
	}
	const build = {
		mode: 'production',
		entry: {
			module: {
				default: (_request: Request, status: number, headers: Headers) =>
					new Response('<!DOCTYPE html><p>page</p>', { status, headers }),
			},
		},
		routes: {
			root: { id: 'root', path: '', module: { loader: loader('root'), default: () => null } },
			'routes/page': {
				id: 'routes/page',
				parentId: 'root',
				path: 'page',
				index: undefined,
				module: { loader: loader('page'), default: () => null },
			},
		},
		assets: {
			url: '/build/manifest.js',
			version: '1',
			entry: { module: '/build/entry.js', imports: [] },
			routes: {
				root: { id: 'root', path: '', module: '/build/root.js', hasLoader: true, hasAction: false },
				'routes/page': {
					id: 'routes/page',
					parentId: 'root',
					path: 'page',
					module: '/build/page.js',
					hasLoader: true,
					hasAction: false,
				},
			},
		},
		publicPath: '/build/',
		assetsBuildDirectory: 'public/build',
		future: {},
		isSpaMode: false,
	} as unknown as ServerBuild
	return { handler: createRequestHandler(build, 'production'), seen }
}

describe("Remix's loaders get the request as it came (patches/@remix-run+server-runtime)", () => {
	it('gives the root and the page one Request on a page load', async () => {
		const { handler, seen } = twoRouteApp()
		const request = new Request('http://localhost/page?q=care')
		const response = await handler(request)
		expect(response.status).toBe(200)
		expect(seen.root).toHaveLength(1)
		expect(seen.page).toHaveLength(1)
		expect(seen.root?.[0]).toBe(request)
		expect(seen.page?.[0]).toBe(request)
	})

	it('still takes _data and an empty index off the address a loader sees', async () => {
		const { handler, seen } = twoRouteApp()
		const response = await handler(new Request('http://localhost/page?q=care&_data=routes%2Fpage'))
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ id: 'page' })
		expect(seen.page?.[0]?.url).toBe('http://localhost/page?q=care')
		await handler(new Request('http://localhost/page?index&q=care&_data=routes%2Fpage'))
		expect(seen.page?.[1]?.url).toBe('http://localhost/page?q=care')
	})
})

const db = testDbForFile()

describe('one read of the signed-in person per page request (app/utils/auth.server.ts)', () => {
	it('answers the root and the page from one read on a GET, and reads afresh for the next request', async () => {
		const user = await createUserWithRoles(db().prisma, { email: 'one-read@example.test', roles: ['HOLDER'] })
		const cookie = await cookieFor(user.id)
		const request = get('/home', cookie)
		// Side by side, as Remix runs the root loader and the page's loader.
		const [fromRoot, fromPage, required] = await Promise.all([
			getSignedIn(request),
			getUser(request),
			requireUser(request),
		])
		expect(fromRoot?.user.id).toBe(user.id)
		expect(fromPage).toBe(fromRoot?.user)
		expect(required).toBe(fromRoot?.user)
		// A change after the read is not seen by this request, which has already read, but is by the next one.
		await db().prisma.user.update({ where: { id: user.id }, data: { name: 'Renamed Person' } })
		expect((await getUser(request))?.name).not.toBe('Renamed Person')
		expect((await getUser(get('/home', cookie)))?.name).toBe('Renamed Person')
	})

	it('reads afresh on every call for a POST, whose action may change the person', async () => {
		const user = await createUserWithRoles(db().prisma, { email: 'one-read-post@example.test', roles: ['PROVIDER'] })
		const cookie = await cookieFor(user.id)
		const request = new Request('http://localhost/account', { method: 'POST', headers: { Cookie: cookie } })
		const first = await getSignedIn(request)
		await db().prisma.user.update({ where: { id: user.id }, data: { name: 'Changed By Action' } })
		const second = await getSignedIn(request)
		expect(second).not.toBe(first)
		expect(second?.user.name).toBe('Changed By Action')
		expect((await getUser(request))?.name).toBe('Changed By Action')
	})

	it('answers null without a session, and keeps no failed read', async () => {
		expect(await getSignedIn(get('/home', ''))).toBeNull()
		const user = await createUserWithRoles(db().prisma, { email: 'one-read-fail@example.test', roles: ['HOLDER'] })
		const request = get('/home', await cookieFor(user.id))
		const prisma = db().prisma
		const real = prisma.$queryRaw.bind(prisma)
		let calls = 0
		// The first read fails as a dropped connection would; the request's next read tries again.
		;(prisma as { $queryRaw: unknown }).$queryRaw = (...args: Parameters<typeof real>) => {
			calls++
			if (calls === 1) return Promise.reject(new Error('connection lost'))
			return real(...args)
		}
		try {
			await expect(getSignedIn(request)).rejects.toThrow('connection lost')
			expect((await getSignedIn(request))?.user.id).toBe(user.id)
			expect(calls).toBe(2)
		} finally {
			;(prisma as { $queryRaw: unknown }).$queryRaw = real
		}
	})
})
