import { SaveToShortlist } from '#app/components/helping/save-to-shortlist.tsx'
import { shortlistChoices } from '#app/domain/helping/workspace.server.ts'
import { actingFor } from '#app/utils/acting.server.ts'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GroupActivities } from '#app/components/commissions/group-activities.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listOpenCommissions } from '#app/domain/commissions/commissions.server.ts'
import { Rating } from '#app/components/rating.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { getProviderProfile } from '#app/domain/providers/directory.server.ts'
import { photoUrl } from '#app/domain/providers/profile-photo.ts'
import {
	credentialKindLabels,
	formatMinutes,
	formatPrice,
	humanise,
	providerKindLabels,
	weekdayNames,
} from '#app/domain/providers/labels.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { QUESTIONS, questionLabels } from '#app/domain/reviews/rules.ts'
import { formatDay } from '#app/utils/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.provider.name} | Budget Market` : 'Provider not found | Budget Market' },
	{ name: 'description', content: data?.provider.headline ?? '' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await getUser(request)
	const provider = await getProviderProfile(params.slug ?? '', viewer)
	if (!provider) throw new Response('Not found', { status: 404 })
	const groupActivities =
		provider.published || provider.isOwner ? await listOpenCommissions({ providerId: provider.id }) : []
	// A carer or broker may save this provider to a shortlist for someone they help (ADR 024).
	const shortlist = provider.published
		? await shortlistChoices(viewer, (await actingFor(request, viewer))?.id ?? null)
		: { holders: [], actingId: null }
	return json({ provider, groupActivities, shortlist })
}

export default function ProviderProfile() {
	const { provider: p, groupActivities, shortlist } = useLoaderData<typeof loader>()
	return (
		<article>
			<p>
				<Link to="/providers" className="text-brand-700 underline">
					Back to all providers
				</Link>
			</p>
			{!p.published ? (
				<p className="mt-4 border-l-4 border-amber-600 bg-amber-50 p-3">
					Your profile is hidden. Only you can see this page.
				</p>
			) : null}
			{p.photoPath ? (
				<img
					src={photoUrl(p.photoPath) ?? undefined}
					alt={p.name}
					width={160}
					height={160}
					className="mt-4 h-40 w-40 rounded border border-gray-300"
				/>
			) : null}
			<h1 className="mt-4 text-3xl font-bold">{p.name}</h1>
			<p className="text-lg text-gray-800">
				{providerKindLabels[p.kind]} in {p.town} ({p.postcodeDistrict})
			</p>
			<p className="mt-1">
				<Rating average={p.ratingAverage} count={p.reviewCount} />
			</p>
			<SaveToShortlist
				providerId={p.id}
				providerName={p.name}
				holders={shortlist.holders}
				actingId={shortlist.actingId}
			/>
			<p className="mt-4 text-xl">{p.headline}</p>
			<div className="mt-4 max-w-3xl whitespace-pre-line">{p.bio}</div>

			<Section headingId="services-heading" title="Services and prices" className="mt-8">
				{p.services.length === 0 ? <p className="mt-2">No services listed yet.</p> : null}
				<ul className="mt-3 space-y-4">
					{p.services.map((s) => (
						<li key={s.id} className="rounded border border-gray-300 p-4">
							<h3 className="text-lg font-bold">{s.title}</h3>
							<p className="font-semibold">{formatPrice(s.pricePence, s.priceUnit, s.currency)}</p>
							<p className="text-gray-800">
								{s.category.name}
								{s.durationMinutes ? `, ${s.durationMinutes} minutes` : ''}
								{s.maxGroupSize ? `, groups of up to ${s.maxGroupSize}` : ''}
							</p>
							<p className="mt-1">{s.description}</p>
							{p.published && !p.isOwner ? (
								<p className="mt-3">
									<Link
										to={`/providers/${p.slug}/book?service=${encodeURIComponent(s.id)}`}
										className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
									>
										Book<span className="sr-only"> {s.title}</span>
									</Link>
								</p>
							) : null}
						</li>
					))}
				</ul>
				<p className="mt-3">Cancellation: {p.cancellationPolicy}</p>
			</Section>

			<GroupActivities id="group-activities" heading="Group activities" cards={groupActivities} />

			<div className="mt-8 grid gap-8 md:grid-cols-2">
				<Section headingId="credentials-heading" title="Checks and credentials">
					{p.credentials.length === 0 ? <p className="mt-2">None listed.</p> : null}
					<ul className="mt-2 space-y-2">
						{p.credentials.map((c) => (
							<li key={c.id}>
								<span className="font-semibold">{c.title}</span> ({credentialKindLabels[c.kind]}), from {c.issuer}
								{c.expiresOn
									? c.expired
										? `, expired on ${formatDay(c.expiresOn)}`
										: `, valid until ${formatDay(c.expiresOn)}`
									: ''}
								{c.verifiedAt ? ', checked by Budget Market' : ''}
							</li>
						))}
					</ul>
				</Section>
				<Section headingId="availability-heading" title="Usual availability">
					{p.availability.length === 0 ? <p className="mt-2">Ask about availability.</p> : null}
					<ul className="mt-2 space-y-1">
						{p.availability.map((a) => (
							<li key={`${a.weekday}-${a.startMinute}`}>
								{weekdayNames[a.weekday]}: {formatMinutes(a.startMinute)} to {formatMinutes(a.endMinute)}
							</li>
						))}
					</ul>
				</Section>
				<Section headingId="languages-heading" title="Languages">
					<p className="mt-2">{p.languages.join(', ') || 'Not stated'}</p>
				</Section>
				<Section headingId="access-heading" title="Accessibility">
					{p.accessibility.length === 0 ? <p className="mt-2">Not stated.</p> : null}
					<ul className="mt-2 list-disc pl-6">
						{p.accessibility.map((a) => (
							<li key={a}>{humanise(a)}</li>
						))}
					</ul>
					{p.acceptsGroupBookings ? <p className="mt-2">Takes group bookings.</p> : null}
				</Section>
			</div>

			<Section headingId="reviews-heading" title="Reviews" className="mt-8">
				<p className="mt-1">Only people who booked and received support can review.</p>
				{p.reviewCount > 0 ? (
					<table className="mt-3 text-left">
						<caption className="sr-only">How many reviews gave each number of stars</caption>
						<thead>
							<tr>
								<th scope="col" className="pr-4">
									Stars
								</th>
								<th scope="col">Reviews</th>
							</tr>
						</thead>
						<tbody>
							{p.distribution.map((d) => (
								<tr key={d.stars}>
									<th scope="row" className="pr-4 font-normal">
										{d.stars} {d.stars === 1 ? 'star' : 'stars'}
									</th>
									<td>{d.count}</td>
								</tr>
							))}
						</tbody>
					</table>
				) : null}
				{p.reviewCount > 0 ? (
					<>
						<h3 className="mt-4 text-lg font-bold">What reviewers said, on average (out of 5)</h3>
						<dl className="mt-1 grid max-w-xl grid-cols-[auto_auto] gap-x-6 gap-y-1">
							{QUESTIONS.map((q) => (
								<div key={q} className="contents">
									<dt>{questionLabels[q]}</dt>
									<dd className="font-semibold">
										{p.questionAverages[q] === null
											? 'No answers yet'
											: `${p.questionAverages[q]?.toFixed(1)} out of 5`}
									</dd>
								</div>
							))}
						</dl>
					</>
				) : null}
				{p.removedCount > 0 ? (
					<p className="mt-2">
						{p.removedCount} {p.removedCount === 1 ? 'review was' : 'reviews were'} removed by moderators.
					</p>
				) : null}
				<ul className="mt-4 space-y-4" aria-label="Recent reviews">
					{p.reviews.map((r) => (
						<li key={r.id} id={`review-${r.id}`} className="border-l-4 border-gray-300 pl-4">
							{r.status === 'REMOVED' ? (
								<p className="italic">This review was removed by a moderator: {r.removedReason}</p>
							) : (
								<>
									<p>
										<span className="font-semibold">{r.rating} out of 5</span> from {r.author}, {formatDay(r.createdAt)}
										{r.groupActivity ? `, about the group activity “${r.groupActivity}”` : ''}
									</p>
									<p className="mt-1">{r.body}</p>
									{r.providerReply ? (
										<p className="mt-2 bg-gray-50 p-2">
											<span className="font-semibold">Reply from {p.name}:</span> {r.providerReply}
										</p>
									) : null}
									<p className="mt-2 flex flex-wrap gap-4 text-sm">
										{r.canReply ? (
											<Link to={`/reviews/${r.id}/reply`} className="text-brand-700 underline">
												Reply publicly
												<span className="sr-only">
													{' '}
													to the review from {r.author}, {formatDay(r.createdAt)}
												</span>
											</Link>
										) : null}
										{r.canReport ? (
											<Link to={`/reviews/${r.id}/report`} className="text-brand-700 underline">
												Report this review
												<span className="sr-only">
													{' '}
													from {r.author}, {formatDay(r.createdAt)}
												</span>
											</Link>
										) : null}
									</p>
								</>
							)}
						</li>
					))}
				</ul>
			</Section>
		</article>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
