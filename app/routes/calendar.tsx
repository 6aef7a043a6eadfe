import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { calendarToken, personCalendar, replaceCalendarToken } from '#app/domain/bookings/calendar.server.ts'
import { clockText, dayText, localDate } from '#app/utils/dates.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your calendar | Budget Market' }]

const WEEKS = 8

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const from = now()
	const to = new Date(from.getTime() + WEEKS * 7 * 86_400_000)
	const [entries, token] = await Promise.all([personCalendar(user, from, to, from), calendarToken(user.id)])
	const days = new Map<
		string,
		{
			label: string
			items: Array<{
				id: string
				href: string
				time: string
				title: string
				with: string
				status: string
				role: string
			}>
		}
	>()
	for (const e of entries) {
		const key = localDate(e.startsAt)
		const day = days.get(key) ?? { label: dayText(e.startsAt), items: [] }
		day.items.push({
			id: e.id,
			time: `${clockText(e.startsAt)} to ${clockText(e.endsAt)}`,
			title: e.title,
			with: e.with,
			href: e.href,
			status: e.statusText,
			role: e.role,
		})
		days.set(key, day)
	}
	const origin = publicOrigin()
	return json({
		days: [...days.entries()].map(([date, d]) => ({ date, ...d })),
		feedUrl: `${origin}/calendar/feed/${token}.ics`,
		replaced: new URL(request.url).searchParams.has('replaced'),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const user = await requireUser(request)
	await replaceCalendarToken(user.id)
	return redirect('/calendar?replaced=1')
}

export default function Calendar() {
	const data = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Your calendar</h1>
			<p className="mt-2">
				Your sessions in the next {WEEKS} weeks: support booked for you or people you act for, and sessions you provide.
			</p>
			{data.replaced ? (
				<Notice>
					<p>You have a new calendar address. The old one no longer works: add the new one to your calendar app.</p>
				</Notice>
			) : null}
			{data.days.length === 0 ? (
				<p className="mt-4">
					Nothing booked in the next {WEEKS} weeks. To book support,{' '}
					<Link to="/search" className={linkClass}>
						search for it
					</Link>
					.
				</p>
			) : null}
			{data.days.map((d) => (
				<section key={d.date} aria-labelledby={`day-${d.date}`} className="mt-6">
					<h2 id={`day-${d.date}`} className="text-xl font-bold">
						{d.label}
					</h2>
					<ul className="mt-2 space-y-2">
						{d.items.map((i) => (
							<li key={i.id}>
								<Link to={i.href} className={linkClass}>
									{i.time}: {i.title} with {i.with}
								</Link>{' '}
								({i.status})
							</li>
						))}
					</ul>
				</section>
			))}
			<Section
				headingId="feed-heading"
				title="See your sessions in your own calendar"
				className="mt-10 rounded border-2 border-gray-300 p-4"
				headingClassName="text-xl font-bold"
			>
				<p className="mt-2">
					Add this address to the calendar on your phone or computer. Look for “subscribe” or “add calendar from the
					internet”. It keeps itself up to date. Keep it private: anyone with it can see your sessions.
				</p>
				<p className="mt-2 break-all">
					<a href={data.feedUrl} className={linkClass}>
						{data.feedUrl}
					</a>
				</p>
				<Form method="post" className="mt-3">
					<CsrfInput />
					<Button type="submit" className="bg-gray-800 hover:bg-gray-900">
						Make a new address (the old one stops working)
					</Button>
				</Form>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
