import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { clockText, dayText } from '#app/utils/dates.ts'
import { listNotifications, markRead } from '#app/domain/notifications/notify.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1))
	const list = await listNotifications(user.id, page)
	return json({
		...list,
		page,
		items: list.items.map((n) => ({ ...n, at: `${dayText(n.createdAt)} at ${clockText(n.createdAt)}` })),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	await readCheckedForm(request)
	const user = await requireUser(request)
	await markRead(user.id, 'all')
	return redirect('/notifications')
}

export default function Notifications() {
	const data = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Notifications</h1>
			<p className="mt-2" role="status">
				{data.unread === 0
					? 'Nothing new.'
					: `${data.unread} new ${data.unread === 1 ? 'notification' : 'notifications'}.`}
			</p>
			{data.unread > 0 ? (
				<Form method="post" className="mt-3">
					<CsrfInput />
					<Button type="submit">Mark all as read</Button>
				</Form>
			) : null}
			{data.items.length === 0 ? (
				<p className="mt-4">
					You have no notifications yet. We tell you here when a booking changes or someone sends you a message. To book
					support,{' '}
					<Link to="/search" className={linkClass}>
						search for it
					</Link>
					.
				</p>
			) : null}
			<ul aria-label="Notifications, newest first" className="mt-4 space-y-3">
				{data.items.map((n) => (
					<li
						key={n.id}
						className={`rounded border p-3 ${n.readAt ? 'border-gray-300' : 'border-l-8 border-brand-700'}`}
					>
						<p className="font-semibold">
							{n.readAt ? null : <span className="sr-only">New: </span>}
							{n.link ? (
								<Link to={n.link} className={linkClass}>
									{n.title}
								</Link>
							) : (
								n.title
							)}
						</p>
						<p className="mt-1">{n.body}</p>
						<p className="mt-1 text-sm text-gray-700">{n.at}</p>
					</li>
				))}
			</ul>
			<Pagination
				page={data.page}
				pageCount={data.pageCount}
				search={new URLSearchParams()}
				label="Pages of notifications"
			/>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
