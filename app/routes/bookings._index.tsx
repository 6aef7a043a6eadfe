import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BookingList } from '#app/components/bookings/booking-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { listHolderBookings } from '#app/domain/bookings/queries.server.ts'
import { memberGroupBookings } from '#app/domain/commissions/provider-side.server.ts'
import { commissionStatusLabels } from '#app/domain/commissions/rules.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'

export const meta: MetaFunction = () => [{ title: 'Bookings | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const lists = await listHolderBookings(user)
	const groups = await memberGroupBookings(user, now())
	return json({ ...lists, groups, isProvider: user.roles.includes('PROVIDER') })
}

export default function Bookings() {
	const data = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Bookings</h1>
			<p className="mt-2">
				Support booked for you, or for people you act for. To book something new,{' '}
				<Link to="/search" className={linkClass}>
					find support
				</Link>{' '}
				and choose “Book” on a provider’s page.
				{data.isProvider ? (
					<>
						{' '}
						Bookings of your own services are on{' '}
						<Link to="/provider" className={linkClass}>
							your provider dashboard
						</Link>
						.
					</>
				) : null}
			</p>
			<Section headingId="confirm-heading" title="Sessions to confirm" className="mt-8">
				<p className="text-gray-800">
					Once a session has happened, confirm it so the provider is paid, or report a problem.
				</p>
				<BookingList
					label="Sessions to confirm"
					bookings={data.toConfirm}
					empty="Nothing to confirm."
					show="provider"
				/>
			</Section>
			{data.problems.length > 0 ? (
				<Section headingId="problems-heading" title="Problems being settled" className="mt-8">
					<BookingList label="Problems being settled" bookings={data.problems} empty="" show="provider" />
				</Section>
			) : null}
			<Section headingId="upcoming-heading" title="Coming up" className="mt-8">
				<BookingList
					label="Coming up"
					bookings={data.upcoming}
					empty={
						<>
							No sessions booked.{' '}
							<Link to="/search" className={linkClass}>
								Search for support
							</Link>{' '}
							and choose “Book” on a provider’s page.
						</>
					}
					show="provider"
				/>
			</Section>
			{data.groups.length > 0 ? (
				<Section headingId="group-bookings-heading" title="Group activities" className="mt-8">
					<p className="text-gray-800">Paid for together with others. Each is one group booking.</p>
					<ul className="mt-3 space-y-3" aria-label="Group activities">
						{data.groups.map((g) => (
							<li key={g.id} className="rounded border border-gray-300 p-3">
								<LinkLine to={`/commissions/${g.id}`} className="font-semibold">
									{g.title}
								</LinkLine>
								<p>
									{g.providerName ? `With ${g.providerName}, for ${g.forNames.join(' and ')}. ` : ''}
									{commissionStatusLabels[g.status]}.
								</p>
								<p>
									{g.sessionsDone} of {g.sessionCount} {g.sessionCount === 1 ? 'session' : 'sessions'} done
									{g.nextSession
										? `; next: session ${g.nextSession.number}, ${dayTimeText(g.nextSession.startsAt)}`
										: ''}
									.
								</p>
							</li>
						))}
					</ul>
				</Section>
			) : null}
			<Section headingId="past-heading" title="Past and cancelled" className="mt-8">
				<BookingList label="Past and cancelled" bookings={data.past} empty="None yet." show="provider" />
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
