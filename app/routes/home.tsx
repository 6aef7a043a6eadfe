import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BookingList } from '#app/components/bookings/booking-list.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PlanSummary } from '#app/components/plans.tsx'
import { Figure } from '#app/components/money/money-ui.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { getHome } from '#app/domain/people/home.server.ts'
import { delegateKindLabels } from '#app/domain/people/labels.ts'
import { homePathFor } from '#app/domain/people/places.ts'
import { requireSignedIn } from '#app/utils/auth.server.ts'
import { formatDay, instantText } from '#app/utils/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.own ? 'Home | Budget Market' : 'People I help | Budget Market' },
]

/** The home of a budget holder and of a carer or broker (issue 12). Anyone else is sent to their own home. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { user, person } = await requireSignedIn(request)
	const home = await getHome(user, person)
	if (!home.own && !home.helping) throw redirect(homePathFor(home.person))
	return json({
		firstName: user.name.trim().split(/\s+/)[0] ?? user.name,
		own: home.own,
		helping: home.helping,
		// What helpers sent for the holder's answer (ADR 024): bookings waiting for a yes, and shortlists.
		proposals: home.proposals,
		shortlists: home.shortlists,
	})
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function Home() {
	const { firstName, own, helping, proposals, shortlists } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl">
			{own ? (
				<>
					<h1 className="text-3xl font-bold">Hello, {firstName}</h1>
					<p className="mt-2">This is your home. It shows your money, what needs an answer, and what is next.</p>
					{own.planSummary ? (
						<PlanSummary
							summary={own.planSummary}
							holderId={own.holder.id}
							funderName={own.holder.funderName}
							you="you"
							canPlan
						/>
					) : null}
					{own.isNew ? <Welcome own={own} /> : null}
					<FromHelpers proposals={proposals} shortlists={shortlists} />
					<OwnHome own={own} />
				</>
			) : null}
			{helping ? <Helping people={helping} asPage={!own} /> : null}
		</div>
	)
}

/** Bookings helpers asked the holder to approve, and shortlists they sent (ADR 024). */
function FromHelpers({ proposals, shortlists }: { proposals: Data['proposals']; shortlists: Data['shortlists'] }) {
	if (proposals.length === 0 && shortlists.length === 0) return null
	return (
		<Section
			headingId="from-helpers-heading"
			title="From the people who help you"
			className="mt-8 rounded border-2 border-amber-600 p-4"
		>
			{proposals.length > 0 ? (
				<>
					<h3 className="mt-3 text-lg font-bold">Bookings waiting for your yes</h3>
					<ul aria-label="Bookings waiting for your yes" className="mt-1 list-disc space-y-1 pl-6">
						{proposals.map((p) => (
							<li key={p.id}>
								<Link to={`/proposals/${p.id}`} className={linkClass}>
									{p.service} with {p.provider}
								</Link>
								, {instantText(p.startsAt)}, {p.total}. Suggested by {p.proposedBy}.
							</li>
						))}
					</ul>
				</>
			) : null}
			{shortlists.length > 0 ? (
				<>
					<h3 className="mt-3 text-lg font-bold">Shortlists</h3>
					<ul aria-label="Shortlists" className="mt-1 list-disc space-y-1 pl-6">
						{shortlists.map((s) => (
							<li key={s.id}>
								<Link to={`/shortlists/${s.id}`} className={linkClass}>
									Shortlist from {s.helperName}
								</Link>
								: {s.items.map((i) => i.name).join(', ')}.{' '}
								{s.canAnswer ? 'Waiting for your answer.' : s.chosen ? `You chose ${s.chosen}.` : 'Answered.'}
							</li>
						))}
					</ul>
				</>
			) : null}
		</Section>
	)
}

function Welcome({ own }: { own: NonNullable<Data['own']> }) {
	return (
		<Section
			headingId="welcome-heading"
			title="Welcome to Budget Market"
			className="mt-6 rounded border-2 border-brand-100 bg-brand-50 p-4"
		>
			<p className="mt-2">Here is what to do first.</p>
			<ol className="mt-2 list-decimal space-y-2 pl-6">
				<li>
					<Link to="/search" className={linkClass}>
						Search for support
					</Link>{' '}
					near you: personal assistants, groups and services. You can see prices and reviews.
				</li>
				{own.funderAnswer === 'waiting' ? (
					<li>
						{own.holder.funderName} will check that they fund your support. You will be told when they answer. Until
						then they cannot pay money in here.
					</li>
				) : own.funderAnswer === 'declined' ? (
					<li>
						{own.holder.funderName} could not find you among the people they fund. If this is a mistake, contact them.
					</li>
				) : null}
				<li>
					Your money comes from {own.holder.funderName}. When they pay it in, you will see it on{' '}
					<Link to={`/holders/${own.holder.id}/money`} className={linkClass}>
						your money page
					</Link>
					. If you are not sure when, ask them.
				</li>
				<li>
					When there is money in your budget, choose “Book” on a provider’s page. Nothing is paid until the support has
					happened and you say it went well.
				</li>
			</ol>
		</Section>
	)
}

function OwnHome({ own }: { own: NonNullable<Data['own']> }) {
	const m = (n: number) => formatMoney(n, own.currency)
	const moneyHref = `/holders/${own.holder.id}/money`
	const needsAnswer = own.toConfirm.length + own.pledges.length + own.problems + own.waitingForProvider.length
	return (
		<>
			<Section headingId="money-heading" title="Your money" className="mt-8">
				<dl className="mt-3 grid gap-4 sm:grid-cols-2">
					<Figure label="Available to spend" amount={own.available} currency={own.currency} />
					<Figure
						label="Held for bookings and groups"
						amount={own.held}
						currency={own.currency}
						hint="Set aside until the support happens."
					/>
				</dl>
				<p className="mt-3">
					{own.nextPayment
						? `${own.nextPayment.funderName} will pay ${m(own.nextPayment.amount)} into your budget on ${formatDay(own.nextPayment.dueOn)}.`
						: own.available === 0 && own.allocated === 0
							? `There is no money in your budget yet. ${own.holder.funderName} pays it in. Ask them when it will come.`
							: `No more payments from ${own.holder.funderName} are planned yet.`}
				</p>
				<ul className="mt-2 space-y-1">
					<li>
						<Link to={moneyHref} className={linkClass}>
							Your money page
						</Link>
						: what you have, spent and set aside
					</li>
					<li>
						<Link to={`${moneyHref}#statement-heading`} className={linkClass}>
							Your statement
						</Link>
						: every payment in and out
					</li>
				</ul>
			</Section>

			<Section headingId="answer-heading" title="Needs an answer" className="mt-8">
				{needsAnswer === 0 ? (
					<p className="mt-2">
						Nothing needs your answer now. To book something new,{' '}
						<Link to="/search" className={linkClass}>
							search for support
						</Link>
						.
					</p>
				) : null}
				{own.toConfirm.length > 0 ? (
					<>
						<h3 className="mt-4 text-lg font-bold">Sessions to confirm</h3>
						<p>Did the session happen? Confirm it so the provider is paid, or say what went wrong.</p>
						<BookingList label="Sessions to confirm" bookings={own.toConfirm} empty="" show="provider" />
					</>
				) : null}
				{own.problems > 0 ? (
					<p className="mt-4">
						{own.problems === 1 ? 'A problem you reported is' : `${own.problems} problems you reported are`} being
						settled.{' '}
						<Link to="/bookings" className={linkClass}>
							See your bookings
						</Link>
						.
					</p>
				) : null}
				{own.pledges.length > 0 ? (
					<>
						<h3 className="mt-4 text-lg font-bold">Group activities you have joined</h3>
						<p>Your money is held until enough people join. You can still leave.</p>
						<ul aria-label="Group activities you have joined" className="mt-2 space-y-2">
							{own.pledges.map((p) => (
								<li key={p.id}>
									<Link to={`/commissions/${p.commissionId}`} className={linkClass}>
										{p.title}
									</Link>{' '}
									with {p.groupName}: {formatMoney(p.held, p.currency)} held. Decided on {instantText(p.deadline)}.
								</li>
							))}
						</ul>
					</>
				) : null}
				{own.waitingForProvider.length > 0 ? (
					<>
						<h3 className="mt-4 text-lg font-bold">Waiting for the provider to say yes</h3>
						<BookingList
							label="Waiting for the provider to say yes"
							bookings={own.waitingForProvider}
							empty=""
							show="provider"
						/>
					</>
				) : null}
			</Section>

			<Section headingId="next-heading" title="Next sessions" className="mt-8">
				{own.nextSessions.length === 0 ? (
					<p className="mt-2">
						No sessions are booked.{' '}
						<Link to="/search" className={linkClass}>
							Search for support
						</Link>{' '}
						and choose “Book” on a provider’s page.
					</p>
				) : (
					<>
						<BookingList label="Next sessions" bookings={own.nextSessions} empty="" show="provider" />
						<LinkLine to="/bookings" className="mt-2">
							All your bookings
						</LinkLine>
					</>
				)}
			</Section>

			<Section headingId="plan-heading" title="Your plan" className="mt-8">
				<p className="mt-2">{planStepText(own.planStep)}</p>
				<p className="mt-2 flex flex-wrap gap-x-6">
					<Link to={`/holders/${own.holder.id}`} className={linkClass}>
						See your budget and plan
					</Link>
					<Link to={`/holders/${own.holder.id}/review`} className={linkClass}>
						How your plan is going
					</Link>
				</p>
			</Section>
		</>
	)
}

function planStepText(step: NonNullable<Data['own']>['planStep']): string {
	switch (step.kind) {
		case 'no-plan':
			return `You have no agreed plan yet. You write it, with help if you want, and ${step.funderName} agrees it. You can still book support.`
		case 'review':
			return `Next step: a talk with ${step.funderName} about how your plan is going, on ${formatDay(step.on)}.`
		case 'ends':
			return `Your plan runs until ${formatDay(step.on)}. Before then, ${step.funderName} will talk with you about the next one.`
		case 'ask':
			return `Your plan has no review date. Ask ${step.funderName} when you will next talk about it.`
	}
}

function Helping({ people, asPage }: { people: NonNullable<Data['helping']>; asPage: boolean }) {
	const Heading = asPage ? 'h1' : 'h2'
	return (
		<section aria-labelledby="helping-heading" className={asPage ? '' : 'mt-8'}>
			<Heading id="helping-heading" className={asPage ? 'text-3xl font-bold' : 'text-2xl font-bold'}>
				People I help
			</Heading>
			<p className="mt-2">
				<Link to="/helping" className={linkClass}>
					Open your workspace
				</Link>
				: shortlists, bookings waiting for a yes, and acting for one person.
			</p>
			{people.length === 0 ? (
				<>
					<p className="mt-2">You do not act for anyone yet.</p>
					<p className="mt-2">
						The person you help gives you the right to act for them. Ask them, or their council, to add you as their
						carer or broker. Until then, you can{' '}
						<Link to="/search" className={linkClass}>
							search for support
						</Link>{' '}
						with them.
					</p>
				</>
			) : (
				<ul aria-label="People I help" className="mt-3 space-y-3">
					{people.map((p) => (
						<li key={p.id} className="rounded border border-gray-300 p-3">
							<p className="font-semibold">
								<Link to={`/holders/${p.id}`} className={linkClass}>
									{p.displayName}
								</Link>{' '}
								<span className="font-normal">
									({delegateKindLabels[p.kind]}, budget from {p.funderName})
								</span>
							</p>
							<p>
								{formatMoney(p.available, p.currency)} to spend, {formatMoney(p.held, p.currency)} held.{' '}
								{p.toConfirm > 0 ? `${p.toConfirm} ${p.toConfirm === 1 ? 'session' : 'sessions'} to confirm. ` : ''}
								{p.upcoming > 0 ? `${p.upcoming} coming up.` : 'Nothing booked.'}
							</p>
							<p className="mt-1 flex flex-wrap gap-x-4">
								<Link to={`/holders/${p.id}/money`} className={linkClass}>
									Money<span className="sr-only"> of {p.displayName}</span>
								</Link>
								<Link to={`/holders/${p.id}/money#statement-heading`} className={linkClass}>
									Statement<span className="sr-only"> of {p.displayName}</span>
								</Link>
								{p.rights.includes('BOOK') ? (
									<Link to="/bookings" className={linkClass}>
										Bookings<span className="sr-only"> of the people I help</span>
									</Link>
								) : null}
							</p>
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
