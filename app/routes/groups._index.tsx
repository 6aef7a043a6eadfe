import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CommissionProgress, placesWords } from '#app/components/commissions/progress.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { groupsPage } from '#app/domain/commissions/groups.server.ts'
import { towns } from '#app/domain/reference/towns.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { dayText } from '#app/utils/dates.ts'

export const meta: MetaFunction = () => [{ title: 'Group activities near you | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const url = new URL(request.url)
	const town = url.searchParams.get('town')
	const page = await groupsPage(user, { town: town === null ? undefined : town.slice(0, 200) }, now())
	return json({ ...page, signedIn: !!user })
}

export default function GroupsPage() {
	const data = useLoaderData<typeof loader>()
	const place = data.town ? `in ${data.town}` : 'everywhere'
	return (
		<div className="max-w-4xl">
			<h1 className="text-3xl font-bold">Group activities near you</h1>
			<p className="mt-2 max-w-3xl">
				People pool part of their budgets to buy something together, like a weekly class. Each person’s money is only
				set aside when they pledge. It is taken only if enough people join by the deadline; if not, every penny goes
				back.
			</p>
			<p className="mt-3">
				<Link to="/groups/new" className={linkClass}>
					Start a group
				</Link>{' '}
				around something you need, and ask providers for a price.
			</p>

			<Form method="get" className="mt-6 flex flex-wrap items-end gap-4">
				<Field
					label="Town"
					hint="Leave it empty to see every town."
					inputProps={{
						name: 'town',
						id: 'town',
						defaultValue: data.town ?? data.unknownTown ?? '',
						list: 'town-names',
						autoComplete: 'address-level2',
					}}
				/>
				<datalist id="town-names">
					{towns.map((t) => (
						<option key={t.name} value={t.name} />
					))}
				</datalist>
				<div className="mb-5">
					<Button type="submit">Show activities</Button>
				</div>
			</Form>

			<Section headingId="open-heading" title={<>Open for pledges {place}</>} className="mt-4">
				{data.unknownTown ? (
					<p className="mt-2" role="status">
						We do not know a town called “{data.unknownTown}”, so this shows every town.
					</p>
				) : null}
				{data.open.length === 0 ? (
					<p className="mt-2">
						Nothing is open for pledges {place} just now.{' '}
						{data.town ? (
							<Link to="/groups?town=" className={linkClass}>
								See every town
							</Link>
						) : null}
					</p>
				) : (
					<ul className="mt-3 grid gap-4 md:grid-cols-2" aria-label="Activities open for pledges">
						{data.open.map((c) => (
							<li key={c.id} className="rounded border-2 border-gray-300 p-4">
								<h3 className="text-lg font-bold">
									<Link to={`/commissions/${c.id}`} className={linkClass}>
										{c.title}
									</Link>
								</h3>
								<p>
									{c.providerName ? `With ${c.providerName}` : 'Provider not chosen yet'}
									{c.town ? `, ${c.town}` : ''}
								</p>
								<CommissionProgress id={`progress-${c.id}`} progress={c} />
								<p className="mt-1">{placesWords(c.placesLeft)}</p>
								<p>Pledge by {dayText(new Date(c.deadline))}</p>
								{c.firstSessionAt ? <p>Starts {dayText(new Date(c.firstSessionAt))}</p> : null}
							</li>
						))}
					</ul>
				)}
			</Section>

			<Section headingId="yours-heading" title="Your groups" className="mt-8">
				{!data.yours ? (
					<p className="mt-2">
						<Link to="/login?redirectTo=%2Fgroups" className={linkClass}>
							Sign in
						</Link>{' '}
						to see the groups you are in.
					</p>
				) : data.yours.length === 0 ? (
					<p className="mt-2">
						You are not in a group yet. Join an activity above, or{' '}
						<Link to="/groups/new" className={linkClass}>
							start a group
						</Link>
						.
					</p>
				) : (
					<ul className="mt-2 space-y-2">
						{data.yours.map((g) => (
							<li key={g.id}>
								<Link to={`/groups/${g.id}`} className={linkClass}>
									{g.name}
								</Link>
								{g.town ? `, ${g.town}` : ''}: {g.members} {g.members === 1 ? 'member' : 'members'}
								{g.active > 0 ? `, ${g.active} under way` : ''}
								{g.organiser ? ' (you started it)' : ''}
							</li>
						))}
					</ul>
				)}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
