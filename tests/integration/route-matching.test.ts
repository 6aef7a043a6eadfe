/**
 * Route matching on the server (issue 14): `patches/` (applied by patch-package on every `npm install`/`npm ci`) makes
 * React Router match without re-flattening and re-ranking every route and re-compiling every path pattern on each
 * request, and remembers which branch a pathname matched. These tests check the patches are applied, and that a
 * remembered answer is the same as a fresh one, for the kinds of routes the app has.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'

// The CommonJS build is what the server loads (the browser bundle uses the unpatched ES module build).
const require = createRequire(import.meta.url)
const router = require('@remix-run/router') as typeof import('@remix-run/router')

type Route = import('@remix-run/router').AgnosticRouteObject

/** A tree shaped like the app's: a pathless root, index, static, dynamic, nested dynamic, optional and a splat. */
function routes(): Route[] {
	return [
		{
			id: 'root',
			path: '',
			children: [
				{ id: 'index', index: true },
				{ id: 'providers', path: 'providers' },
				{ id: 'provider', path: 'providers/:slug' },
				{ id: 'book', path: 'providers/:slug/book' },
				{ id: 'money', path: 'holders/:holderId/money' },
				{ id: 'holder', path: 'holders/:holderId' },
				{ id: 'csv', path: 'funder/export.csv' },
				{ id: 'optional', path: 'calendar/:view?' },
				{ id: 'Exact', path: 'Exact', caseSensitive: true },
				{
					id: 'layout',
					path: 'admin',
					children: [
						{ id: 'admin-index', index: true },
						{ id: 'emails', path: 'emails' },
					],
				},
				{ id: 'splat', path: '*' },
			],
		},
	]
}

const paths = [
	'/',
	'/providers',
	'/providers/',
	'/providers/ann-smith',
	'/providers/ann%20smith/book',
	'/PROVIDERS/Ann',
	'/holders/h1/money',
	'/holders/h1',
	'/funder/export.csv',
	'/calendar',
	'/calendar/week',
	'/Exact',
	'/exact',
	'/admin',
	'/admin/emails',
	'/no/such/page',
	'/%E0%A4%A',
	`/${'x'.repeat(300)}`,
]

/** What a match says, without the route objects themselves (a fresh tree has fresh objects). */
function summary(matches: ReturnType<typeof router.matchRoutes>) {
	return matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null
}

describe('route matching patches', () => {
	it('are applied to the packages the server loads', () => {
		for (const name of ['@remix-run/router', '@remix-run/react/dist/server.js', 'react-router-dom/server.js']) {
			expect(fs.readFileSync(require.resolve(name), 'utf8'), name).toContain('Budget Market patch (issue 14)')
		}
	})

	it('answer a pathname matched before exactly as the first time, with fresh objects', () => {
		// React Router warns about the malformed address each time it meets it, remembered or not.
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
		const tree = routes()
		for (const path of paths) {
			const first = router.matchRoutes(tree, path)
			const again = router.matchRoutes(tree, path)
			const fresh = router.matchRoutes(routes(), path)
			expect(summary(again), path).toEqual(summary(first))
			expect(summary(fresh), path).toEqual(summary(first))
			if (first && again) {
				expect(again[0]).not.toBe(first[0])
				expect(again[0]?.params).not.toBe(first[0]?.params)
			}
		}
		expect(summary(router.matchRoutes(tree, '/providers/ann-smith'))?.at(-1)).toEqual({
			id: 'provider',
			params: { slug: 'ann-smith' },
			pathname: '/providers/ann-smith',
			base: '/providers/ann-smith',
		})
		expect(summary(router.matchRoutes(tree, '/no/such/page'))?.at(-1)?.id).toBe('splat')
		expect(summary(router.matchRoutes(tree, '/exact'))?.at(-1)?.id).toBe('splat')
		expect(warn).toHaveBeenCalledTimes(3)
		warn.mockRestore()
	})

	it('see routes added to a tree in place later (as the browser router patches them in)', () => {
		const browser = router.createRouter({
			routes: [{ id: 'root', path: '', children: [{ id: 'a', path: 'a' }] }],
			history: router.createMemoryHistory(),
			patchRoutesOnNavigation: () => {},
		})
		expect(summary(router.matchRoutes(browser.routes, '/b'))?.at(-1)?.id).toBeUndefined()
		expect(summary(router.matchRoutes(browser.routes, '/a'))?.at(-1)?.id).toBe('a')
		// patchRoutes is how React Router adds routes to a live tree: matching must not keep its old answer.
		browser.patchRoutes('root', [{ id: 'b', path: 'b' }])
		expect(summary(router.matchRoutes(browser.routes, '/b'))?.at(-1)?.id).toBe('b')
		browser.dispose()
	})

	it('match a path pattern the same way however often it is compiled', () => {
		for (let i = 0; i < 3; i++) {
			expect(router.matchPath('/providers/:slug', '/providers/x')?.params).toEqual({ slug: 'x' })
			expect(router.matchPath({ path: '/a/*', end: false }, '/a/b/c')?.params).toEqual({ '*': 'b/c' })
			expect(router.matchPath({ path: '/A', caseSensitive: true }, '/a')).toBeNull()
			expect(router.matchPath({ path: '/A' }, '/a')).not.toBeNull()
		}
	})
})
