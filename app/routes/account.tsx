import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { getAccountOverview } from '#app/domain/people/account.server.ts'
import { delegateKindLabels, rightLabels, roleLabels } from '#app/domain/people/labels.ts'
import { providerKindLabels } from '#app/domain/providers/labels.ts'
import { ownProfileIds } from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: 'My account | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const overview = await getAccountOverview(user)
	// Slug → id of the person's own profiles, for the "Edit your profile" links.
	const profileIds = user.roles.includes('PROVIDER') ? await ownProfileIds(user.id) : {}
	return json({ user: { name: user.name, email: user.email, roles: user.roles }, ...overview, profileIds })
}

export default function Account() {
	const { user, holder, actingFor, providers, funder, admin, profileIds } = useLoaderData<typeof loader>()
	return (
		<div>
			<h1 className="text-3xl font-bold">My account</h1>
			<dl className="mt-4 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
				<dt className="font-semibold">Name</dt>
				<dd>{user.name}</dd>
				<dt className="font-semibold">Email</dt>
				<dd>{user.email}</dd>
				<dt className="font-semibold">You are</dt>
				<dd>{user.roles.map((r) => roleLabels[r]).join(', ')}</dd>
			</dl>

			{holder ? (
				<Section headingId="budget-heading" title="Your personal budget" className="mt-8">
					<p className="mt-2">Funded by {holder.funder.name}.</p>
					<LinkLine to={`/holders/${holder.id}`} className="mt-2">
						See your budget and plan
					</LinkLine>
					<LinkLine to={`/holders/${holder.id}/helpers`} className="mt-2">
						Choose who can act for you
					</LinkLine>
					<LinkLine to={`/holders/${holder.id}/money`} className="mt-2">
						Your money and statement
					</LinkLine>
				</Section>
			) : null}

			{actingFor.length > 0 ? (
				<Section headingId="acting-heading" title="People you act for" className="mt-8">
					<ul className="mt-2 space-y-3">
						{actingFor.map((d) => (
							<li key={d.holder.id}>
								<Link to={`/holders/${d.holder.id}`} className={linkClass}>
									{d.holder.displayName}
								</Link>{' '}
								({delegateKindLabels[d.kind]}, {d.holder.funder.name}). They agreed that you can:{' '}
								{d.rights.map((r) => rightLabels[r]).join(', ')}.
							</li>
						))}
					</ul>
				</Section>
			) : user.roles.includes('REPRESENTATIVE') || user.roles.includes('BROKER') ? (
				<Section headingId="acting-heading" title="People you act for" className="mt-8">
					<p className="mt-2">
						Nobody yet. A budget holder can invite you by email from their own account, on their page “People who act
						for you”. Open the link in that email to accept.
					</p>
				</Section>
			) : null}

			{user.roles.includes('PROVIDER') ? (
				<Section headingId="profiles-heading" title="Your profiles" className="mt-8">
					{providers.length === 0 ? (
						<p className="mt-2">
							You have no profile yet, so people cannot find you. To see how others describe their support,{' '}
							<Link to="/search" className={linkClass}>
								search
							</Link>
							.
						</p>
					) : null}
					<ul className="mt-2 space-y-2">
						{providers.map((p) => (
							<li key={p.slug}>
								<Link to={`/providers/${p.slug}`} className={linkClass}>
									{p.name}
								</Link>{' '}
								({providerKindLabels[p.kind]}, {p._count.services} services, {p.published ? 'published' : 'hidden'})
								{profileIds[p.slug] ? (
									<>
										{' '}
										<Link to={`/provider/profiles/${profileIds[p.slug]}`} className={linkClass}>
											Edit your profile<span className="sr-only"> for {p.name}</span>
										</Link>
									</>
								) : null}
							</li>
						))}
					</ul>
				</Section>
			) : null}

			{funder ? (
				<Section headingId="funder-heading" title={funder.name} className="mt-8">
					<p className="mt-2">
						{funder._count.holders} people hold a budget from {funder.name}.
					</p>
					<ul className="mt-2 columns-2 space-y-1">
						{funder.holders.map((h) => (
							<li key={h.id}>
								<Link to={`/holders/${h.id}`} className={linkClass}>
									{h.displayName}
								</Link>
							</li>
						))}
					</ul>
				</Section>
			) : null}

			{admin ? (
				<Section headingId="admin-heading" title="Across the service" className="mt-8">
					<p className="mt-2">
						{admin.users} people, {admin.providers} providers, {admin.holders} budget holders.
					</p>
				</Section>
			) : null}

			{funder || admin ? (
				<Section headingId="moderation-heading" title="Reviews" className="mt-8">
					<LinkLine to="/moderation/reviews" className="mt-2">
						Moderate reported reviews
					</LinkLine>
				</Section>
			) : null}

			<Section headingId="sessions-heading" title="Where you are signed in" className="mt-8">
				<p className="mt-2">If you signed in on a shared or lost device, sign out on every device at once.</p>
				<Form method="post" action="/logout" className="mt-2">
					<CsrfInput />
					<input type="hidden" name="intent" value="everywhere" />
					<Button type="submit">Sign out everywhere</Button>
				</Form>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
