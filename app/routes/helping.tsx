import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { ResultLine } from '#app/components/ui/notice.tsx'
import { PROPOSAL_STATUS_WORDS, SHORTLIST_STATUS_WORDS } from '#app/domain/helping/rules.ts'
import { HelpingFormSchema } from '#app/domain/helping/schemas.ts'
import { saveToShortlist } from '#app/domain/helping/shortlists.server.ts'
import { helpingPage, requireActingTarget } from '#app/domain/helping/workspace.server.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { delegateKindLabels } from '#app/domain/people/labels.ts'
import { actingFor, clearActing, commitActing } from '#app/utils/acting.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { sessionText } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'
import { safeRedirect } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'People I support | Budget Market' }]

/** The carer's and broker's workspace (ADR 024): the people they support, and what waits for them. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const [page, acting] = await Promise.all([helpingPage(user), actingFor(request, user)])
	return json({ ...page, actingId: acting?.id ?? null, saved: new URL(request.url).searchParams.has('saved') })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const parsed = parseSubmission(formData, HelpingFormSchema)
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	if (v.intent === 'stop') {
		return redirect(safeRedirect(v.redirectTo, '/helping'), { headers: { 'Set-Cookie': await clearActing() } })
	}
	if (v.intent === 'act') {
		const outcome = await attempt(() => requireActingTarget(user, v.holderId))
		if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
		return redirect(safeRedirect(v.redirectTo, '/helping'), {
			headers: { 'Set-Cookie': await commitActing(outcome.value.id) },
		})
	}
	const outcome = await attempt(() =>
		saveToShortlist(user, { holderId: v.holderId, providerId: v.providerId, note: v.note }),
	)
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	const back = safeRedirect(v.redirectTo, `/shortlists/${outcome.value.shortlistId}`)
	return redirect(`${back}${back.includes('?') ? '&' : '?'}saved=1`)
}

export default function Helping() {
	const { people, actingId, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const error = actionData && 'error' in actionData ? actionData.error : null
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">People I support</h1>
			<p className="mt-2">
				Choose “Act for” to work for one person: every page then shows who you are acting for, and booking forms choose
				them for you.
			</p>
			{saved ? <ResultLine saved>Saved to the shortlist.</ResultLine> : null}
			{error ? <ResultLine>{error}</ResultLine> : null}
			{people.length === 0 ? (
				<p className="mt-4">
					You do not act for anyone yet. The person you help invites you from their own account, on their page “Who can
					act for me”. Until then, you can{' '}
					<Link to="/search" className={linkClass}>
						search for support
					</Link>
					.
				</p>
			) : (
				<ul aria-label="People I support" className="mt-4 space-y-6">
					{people.map((p) => (
						<li key={p.id} className="rounded border-2 border-gray-300 p-4">
							<h2 className="text-2xl font-bold">{p.displayName}</h2>
							<p>
								{delegateKindLabels[p.kind]}, budget from {p.funderName}
							</p>
							{p.id === actingId ? (
								<p className="mt-2 font-semibold">You are acting for {p.displayName}.</p>
							) : (
								<Form method="post" className="mt-2">
									<CsrfInput />
									<input type="hidden" name="intent" value="act" />
									<input type="hidden" name="holderId" value={p.id} />
									<Button type="submit">Act for {p.displayName}</Button>
								</Form>
							)}
							{p.available !== null ? (
								<p className="mt-3">
									<strong>{formatMoney(p.available, p.currency)}</strong> to spend,{' '}
									{formatMoney(p.held ?? 0, p.currency)} held.{' '}
									<Link to={`/holders/${p.id}/money`} className={linkClass}>
										Money<span className="sr-only"> of {p.displayName}</span>
									</Link>
								</p>
							) : null}
							<h3 className="mt-4 text-lg font-bold">Next sessions</h3>
							{p.nextSessions.length === 0 ? (
								<p>Nothing booked.</p>
							) : (
								<ul className="list-disc pl-6">
									{p.nextSessions.map((b) => (
										<li key={b.id}>
											<Link to={`/bookings/${b.id}`} className={linkClass}>
												{b.service.title} with {b.provider.name}
											</Link>
											, {sessionText(b.startsAt, b.endsAt)}
											{b.status === 'REQUESTED' ? ' (waiting for the provider)' : ''}
										</li>
									))}
								</ul>
							)}
							<h3 className="mt-4 text-lg font-bold">Waiting for you</h3>
							<Waiting person={p} />
							<h3 className="mt-4 text-lg font-bold">Plan lines</h3>
							{p.lines.length === 0 ? (
								<p>No agreed plan.</p>
							) : (
								<ul className="list-disc pl-6">
									{p.lines.map((l) => (
										<li key={l.id}>
											{l.name}: {formatMoney(l.left, p.currency)} left of {formatMoney(l.amount, p.currency)}
										</li>
									))}
								</ul>
							)}
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>['people'][number]

function Waiting({ person: p }: { person: Person }) {
	const w = p.waiting
	const nothing =
		w.proposals.length + w.answeredProposals.length + w.shortlistsAnswered.length + w.shortlistsOpen.length === 0
	if (nothing) {
		return (
			<p>
				Nothing. To suggest providers,{' '}
				<Link to="/search" className={linkClass}>
					search for support
				</Link>{' '}
				and choose “Save to shortlist”.
			</p>
		)
	}
	return (
		<ul className="list-disc space-y-1 pl-6">
			{w.shortlistsAnswered.map((s) => (
				<li key={s.id}>
					<Link to={`/shortlists/${s.id}`} className={linkClass}>
						Shortlist answered
					</Link>
					: {s.chosen ? `${p.displayName} chose ${s.chosen}` : SHORTLIST_STATUS_WORDS[s.status]}
				</li>
			))}
			{w.shortlistsOpen.map((s) => (
				<li key={s.id}>
					<Link to={`/shortlists/${s.id}`} className={linkClass}>
						Shortlist of {s.items.length}
					</Link>
					: {SHORTLIST_STATUS_WORDS[s.status]}
				</li>
			))}
			{w.proposals.map((x) => (
				<li key={x.id}>
					<Link to={`/proposals/${x.id}`} className={linkClass}>
						{x.service} with {x.provider}
					</Link>
					: {PROPOSAL_STATUS_WORDS[x.status]} from {p.displayName}
				</li>
			))}
			{w.answeredProposals.map((x) => (
				<li key={x.id}>
					<Link to={`/proposals/${x.id}`} className={linkClass}>
						{x.service} with {x.provider}
					</Link>
					: {PROPOSAL_STATUS_WORDS[x.status]}
				</li>
			))}
		</ul>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
