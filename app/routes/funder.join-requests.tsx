import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostButton } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { ErrorLine, Notice } from '#app/components/ui/notice.tsx'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import {
	AnswerJoinRequestSchema,
	answerJoinRequest,
	listJoinRequests,
} from '#app/domain/people/join-requests.server.ts'
import { dayTimeText } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'People asking to join | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const requests = await listJoinRequests(funderId)
	return json({ requests: requests.map((r) => ({ ...r, askedAt: dayTimeText(r.askedAt) })) })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const { user, funderId } = await requireFunderStaff(request)
	const parsed = parseSubmission(formData, AnswerJoinRequestSchema)
	if (!parsed.ok) return json({ holderId: null, error: 'Choose a person and an answer.' }, { status: 400 })
	const { holderId } = parsed.value
	const outcome = await attempt(() => answerJoinRequest({ id: user.id, funderId }, parsed.value))
	if (!outcome.ok) return json({ holderId, error: outcome.error.message }, { status: outcome.error.status })
	const { name, outcome: answer } = outcome.value
	return redirect(`/funder/join-requests?${new URLSearchParams({ [answer]: name })}`)
}

export default function JoinRequests() {
	const { requests } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const [params] = useSearchParams()
	const confirmed = params.get('confirmed')
	const declined = params.get('declined')
	return (
		<div className="max-w-3xl">
			<LinkLine to="/funder">Back to the people you fund</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">People asking to join</h1>
			{confirmed ? (
				<Notice>
					<p>
						{confirmed} is now one of the people you fund.{' '}
						<Link to="/funder/allocate" className={linkClass}>
							Give them a budget
						</Link>
					</p>
				</Notice>
			) : null}
			{declined ? (
				<Notice>
					<p>We told {declined} that you could not find them among the people you fund.</p>
				</Notice>
			) : null}
			{actionData && actionData.holderId === null ? <ErrorLine className="mt-2">{actionData.error}</ErrorLine> : null}
			<p className="mt-2">
				These people signed up and said you fund their support. Check each one against your own records. Until you
				confirm them, they are not in your lists and you cannot give them a budget.
			</p>
			{requests.length === 0 ? (
				<p className="mt-6">Nobody is waiting. New requests appear here, and on your overview page.</p>
			) : (
				<ul aria-label="People asking to join" className="mt-6 space-y-4">
					{requests.map((r) => (
						<li key={r.holderId} className="rounded border border-gray-300 p-4">
							<h2 className="text-xl font-bold">{r.name}</h2>
							<p>
								{r.email ? <>Email: {r.email}. </> : null}
								{r.town ? <>Lives in {r.town}. </> : null}
								Asked on {r.askedAt}.
							</p>
							{actionData?.holderId === r.holderId ? <ErrorLine className="mt-2">{actionData.error}</ErrorLine> : null}
							<div className="mt-3 flex flex-wrap gap-3">
								<PostButton intent="confirm" hidden={{ holderId: r.holderId }} disabled={busy}>
									Yes, we fund {r.name}
								</PostButton>
								<PostButton intent="decline" hidden={{ holderId: r.holderId }} disabled={busy}>
									Not one of ours<span className="sr-only">: {r.name}</span>
								</PostButton>
							</div>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
