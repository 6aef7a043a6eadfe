import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BookingList } from '#app/components/bookings/booking-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Rating } from '#app/components/rating.tsx'
import { providerDashboard } from '#app/domain/bookings/queries.server.ts'
import { providerGroupWork } from '#app/domain/commissions/provider-side.server.ts'
import { commissionStatusLabels } from '#app/domain/commissions/rules.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { ownedProvidersWithMoney } from '#app/domain/money/provider-money.server.ts'
import { dayTimeText, dayText, shortDayText } from '#app/utils/dates.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your provider dashboard | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, ['PROVIDER'])
	// Their profiles are read once, for the lists, the money and the group work.
	const owned = ownedProvidersWithMoney(user.id)
	const [dashboard, groupWork] = await Promise.all([
		providerDashboard(user, owned),
		owned.then(({ providers }) => providerGroupWork(providers)),
	])
	return json({ ...dashboard, groupWork })
}

const quoteWords: Record<string, string> = {
	OFFERED: 'you sent a quote',
	CHOSEN: 'they chose your quote',
	NOT_CHOSEN: 'they chose another quote',
	WITHDRAWN: 'your quote was withdrawn',
}

export default function ProviderDashboard() {
	const data = useLoaderData<typeof loader>()
	const totals = data.money.flatMap((p) => p.balances)
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Your provider dashboard</h1>

			<Section headingId="profiles-heading" title="Your profiles" className="mt-6">
				{data.providers.length === 0 ? (
					<p className="mt-2">
						You have no profile yet, so people cannot find or book you. To see how others describe their support,{' '}
						<Link to="/search" className={linkClass}>
							search
						</Link>
						.
					</p>
				) : null}
				<ul className="mt-2 space-y-2">
					{data.providers.map((p) => (
						<li key={p.id}>
							<Link to={`/providers/${p.slug}`} className={linkClass}>
								{p.name}
							</Link>{' '}
							({p.published ? 'published' : 'hidden'}, <Rating average={p.ratingAverage} count={p.reviewCount} />
							).{' '}
							<Link to={`/provider/profiles/${p.id}`} className={linkClass}>
								Edit {p.name}’s profile
							</Link>
						</li>
					))}
				</ul>
				{data.providers.some((p) => p.kind === 'USER_LED_ORGANISATION') ? (
					<LinkLine to="/provider/staff" className="mt-2">
						Your staff, and the people who gave your organisation rights
					</LinkLine>
				) : null}
			</Section>

			<Section headingId="requests-heading" title={<>Requests to answer ({data.requests.length})</>} className="mt-8">
				<BookingList label="Requests to answer" bookings={data.requests} empty="No requests waiting." show="holder" />
			</Section>

			<Section
				headingId="mark-heading"
				title={<>Sessions to mark as delivered ({data.toMark.length})</>}
				className="mt-8"
			>
				<BookingList
					label="Sessions to mark as delivered"
					bookings={data.toMark}
					empty="Nothing to mark."
					show="holder"
				/>
			</Section>

			<Section
				headingId="waiting-heading"
				title={<>Waiting for the holder to confirm ({data.waiting.length})</>}
				className="mt-8"
			>
				<p className="text-gray-800">If they do not report a problem, these are confirmed and paid automatically.</p>
				<BookingList label="Waiting for the holder to confirm" bookings={data.waiting} empty="None." show="holder" />
			</Section>

			{data.problems.length > 0 ? (
				<Section headingId="problems-heading" title={<>Problems to settle ({data.problems.length})</>} className="mt-8">
					<BookingList label="Problems to settle" bookings={data.problems} empty="" show="holder" />
				</Section>
			) : null}

			<Section headingId="upcoming-heading" title="Coming up" className="mt-8">
				<BookingList
					label="Coming up"
					bookings={data.upcoming}
					empty={
						data.providers[0] ? (
							<>
								No sessions booked yet. People book the free times you set:{' '}
								<Link to={`/provider/profiles/${data.providers[0].id}/availability`} className={linkClass}>
									check your free times
								</Link>
								.
							</>
						) : (
							'No sessions booked yet.'
						)
					}
					show="holder"
				/>
				<LinkLine to="/calendar" className="mt-2">
					See your calendar, or add it to your phone
				</LinkLine>
			</Section>

			<Section headingId="group-work-heading" title="Group activities" className="mt-8">
				<p className="mt-2">
					<Link to="/provider/group-offers/new" className={linkClass}>
						Offer a group activity
					</Link>
					: people pay for it together from their budgets.
				</p>
				{data.groupWork.commissions.length === 0 ? (
					<p className="mt-2">You have no group activities open or under way.</p>
				) : (
					<ul className="mt-3 space-y-3" aria-label="Your group activities">
						{data.groupWork.commissions.map((c) => (
							<li key={c.id} className="rounded border border-gray-300 p-3">
								<p className="font-semibold">
									<Link to={`/commissions/${c.id}`} className={linkClass}>
										{c.title}
									</Link>
									{data.groupWork.providerCount > 1 ? ` (${c.providerName})` : ''}
								</p>
								<p>
									{commissionStatusLabels[c.status]}. {c.paying} of {c.min} {c.min === 1 ? 'person' : 'people'} needed
									{c.status === 'OPEN' ? `; pledges until ${dayText(new Date(c.deadline))}` : ''}.
								</p>
								{c.nextSession ? (
									<p>
										One group booking: session {c.nextSession.number} of {c.sessionCount},{' '}
										{dayTimeText(c.nextSession.startsAt)}.
									</p>
								) : null}
							</li>
						))}
					</ul>
				)}
				<h3 className="mt-6 text-xl font-bold">Groups asking you for a quote ({data.groupWork.requests.length})</h3>
				{data.groupWork.requests.length === 0 ? (
					<p className="mt-2">No group is asking for a quote near you just now.</p>
				) : (
					<ul className="mt-2 space-y-2" aria-label="Groups asking you for a quote">
						{data.groupWork.requests.map((r) => (
							<li key={r.id}>
								<Link to={`/provider/quote-requests/${r.id}`} className={linkClass}>
									{r.title}
								</Link>{' '}
								from {r.groupName}
								{r.town ? `, ${r.town}` : ''}, asked {shortDayText(r.at)}
								{r.quoteStatus ? `: ${quoteWords[r.quoteStatus]}` : r.status === 'OPEN' ? '' : ': closed'}.
							</li>
						))}
					</ul>
				)}
			</Section>

			<Section headingId="money-heading" title="Money" className="mt-8">
				{totals.length === 0 ? (
					<p className="mt-2">Nothing due or paid yet. You are paid as soon as a session is confirmed, with no fee.</p>
				) : (
					<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
						{totals.map((t) => (
							<div key={t.currency} className="contents">
								<dt className="font-semibold">Due to you</dt>
								<dd>{formatMoney(t.due, t.currency)}</dd>
								<dt className="font-semibold">Being paid out</dt>
								<dd>{formatMoney(t.beingPaid, t.currency)}</dd>
								<dt className="font-semibold">Paid out</dt>
								<dd>{formatMoney(t.paidOut, t.currency)}</dd>
							</div>
						))}
					</dl>
				)}
				<LinkLine to="/provider/money" className="mt-2">
					See every payout and its status
				</LinkLine>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
