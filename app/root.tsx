import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
	Form,
	Link,
	Links,
	Meta,
	NavLink,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLocation,
	useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CsrfInput } from '#app/components/ui/forms.tsx'
import { placesFor } from '#app/domain/people/places.ts'
import { actingFor, clearActing, hasActingCookie } from '#app/utils/acting.server.ts'
import { getSignedIn } from '#app/utils/auth.server.ts'
import { getCsrfToken } from '#app/utils/csrf.server.ts'
import { isDemoMode } from '#app/utils/env.server.ts'
import { useNonce } from '#app/utils/nonce-provider.ts'
import styles from './tailwind.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [
	{ title: 'Budget Market: find, book and pay for support with your personal budget' },
	{
		name: 'description',
		content:
			'Find personal assistants, user-led organisations and community services, see honest prices and reviews, and pay from your personal budget.',
	},
]

export async function loader({ request }: LoaderFunctionArgs) {
	// Who is signed in, their unread count and their places come from one query (issue 14: they were four).
	const [signedIn, csrf] = await Promise.all([getSignedIn(request), getCsrfToken(request)])
	const user = signedIn?.user ?? null
	const unread = signedIn?.unread ?? 0
	const person = signedIn?.person ?? null
	const acting = user ? await actingFor(request, user) : null
	const headers = new Headers()
	if (csrf.setCookie) headers.append('Set-Cookie', csrf.setCookie)
	// Rights withdrawn or ended since the helper chose this person: the banner goes, and so does the cookie.
	if (!acting && (await hasActingCookie(request))) headers.append('Set-Cookie', await clearActing())
	return json(
		{
			user: user ? { name: user.name, roles: user.roles } : null,
			/** The person a carer or broker is acting for (ADR 024), re-checked against their rights on every request. */
			acting,
			// The places that are this person's (issue 12): what the header shows them.
			places: placesFor(person),
			unread,
			csrfToken: csrf.token,
			demoMode: isDemoMode(),
		},
		{ headers },
	)
}

type RootData = typeof loader

function navClass({ isActive }: { isActive: boolean }) {
	return `rounded px-2 py-1 underline-offset-4 hover:underline ${isActive ? 'font-bold underline' : ''}`
}

export function Layout({ children }: { children: ReactNode }) {
	const nonce = useNonce()
	const data = useRouteLoaderData<RootData>('root')
	const location = useLocation()
	const user = data?.user
	return (
		<html lang="en-GB" className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="flex min-h-full flex-col bg-white text-gray-900">
				<a
					href="#main-content"
					className="sr-only bg-yellow-300 p-3 font-semibold text-black focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
				>
					Skip to main content
				</a>
				<header className="bg-brand-900 text-white">
					<div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
						<Link to="/" className="text-xl font-bold">
							Budget Market
						</Link>
						<nav aria-label="Main">
							<ul className="flex flex-wrap items-center gap-x-1 gap-y-1 sm:gap-x-3">
								{(data?.places ?? []).map((p) => (
									<li key={p.to}>
										<NavLink to={p.to} end={p.end} className={navClass}>
											{p.label}
										</NavLink>
									</li>
								))}
								{user ? (
									<>
										<li>
											<NavLink to="/notifications" className={navClass}>
												Notifications
												{data?.unread ? (
													<span className="ml-1 rounded-full bg-yellow-300 px-2 font-bold text-black">
														{data.unread}
														<span className="sr-only"> new</span>
													</span>
												) : null}
											</NavLink>
										</li>
										<li>
											<NavLink to="/account" className={navClass}>
												My account
											</NavLink>
										</li>
										<li>
											<Form method="post" action="/logout">
												<CsrfInput />
												<button type="submit" className="rounded px-2 py-1 underline-offset-4 hover:underline">
													Sign out
												</button>
											</Form>
										</li>
									</>
								) : (
									<>
										<li>
											<NavLink
												to={`/login${location.pathname === '/' || location.pathname === '/login' ? '' : `?${new URLSearchParams({ redirectTo: location.pathname })}`}`}
												className={navClass}
											>
												Sign in
											</NavLink>
										</li>
										<li>
											<NavLink to="/signup" className={navClass}>
												Create an account
											</NavLink>
										</li>
									</>
								)}
							</ul>
						</nav>
					</div>
				</header>
				{data?.acting ? (
					<div className="border-b-4 border-yellow-500 bg-yellow-100 text-black" role="region" aria-label="Acting for">
						<div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-2">
							<p className="font-bold">Acting for {data.acting.displayName}</p>
							<Form method="post" action="/helping">
								<CsrfInput />
								<input type="hidden" name="intent" value="stop" />
								<button
									type="submit"
									className="rounded border-2 border-black px-3 py-1 font-semibold hover:bg-yellow-200"
								>
									Switch back
								</button>
							</Form>
						</div>
					</div>
				) : null}
				<main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 focus:outline-none">
					{children}
				</main>
				<footer className="border-t border-gray-300 bg-gray-50">
					<div className="mx-auto max-w-5xl px-4 py-4 text-sm text-gray-700">
						<p>
							Budget Market helps people spend a personal budget on the support they choose.
							{data?.demoMode ? ' This is a demonstration with made-up people and money.' : null}
						</p>
					</div>
				</footer>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export const ErrorBoundary = GeneralErrorBoundary
