import { type SubmissionResult } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ScheduleFields, scheduleFieldList } from '#app/components/commissions/schedule-fields.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostForm, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { answerQuote } from '#app/domain/commissions/commissions.server.ts'
import { firstSessionOf, QuoteFormSchema } from '#app/domain/commissions/form-schemas.ts'
import { quoteRequestView } from '#app/domain/commissions/provider-side.server.ts'
import { formatMoney, toDecimal } from '#app/domain/money/amounts.ts'
import { durationWords } from '#app/domain/money/descriptions.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { addLocalDays, clockText, dayText, localDate, shortDayText, timeText, localMinute } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Quote for ${data.view.title} | Budget Market` : 'A group’s request | Budget Market' },
]

async function viewFor(request: Request, requestId: string) {
	const user = await requireRole(request, ['PROVIDER'])
	const view = await quoteRequestView(user, requestId)
	if (!view) throw new Response('Not found', { status: 404, statusText: 'Not found' })
	return { user, view }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { view } = await viewFor(request, params.requestId ?? '')
	const url = new URL(request.url)
	return json({ view, suggestedDay: addLocalDays(localDate(now()), 21), done: url.searchParams.get('done') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const requestId = params.requestId ?? ''
	const { user } = await viewFor(request, requestId)
	const parsed = parseSubmission(formData, QuoteFormSchema, { providerId: String(formData.get('providerId')) })
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	const outcome = await attempt(() =>
		answerQuote(
			user,
			{
				requestId,
				providerId: v.providerId,
				serviceId: v.serviceId,
				pricingMode: v.pricingMode,
				pricePence: v.price,
				firstSessionAt: firstSessionOf(v),
				sessionCount: v.sessionCount,
				sessionMinutes: v.sessionMinutes,
				minPeople: v.minPeople,
				maxPeople: v.maxPeople,
				message: v.message,
			},
			now(),
		),
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, { providerId: v.providerId })
	return redirect(`/provider/quote-requests/${requestId}?done=sent`)
}

type Provider = ReturnType<typeof useLoaderData<typeof loader>>['view']['providers'][number]

function QuoteForm({
	provider,
	providers,
	suggestedDay,
	lastResult,
}: {
	provider: Provider
	providers: Provider[]
	suggestedDay: string
	lastResult?: SubmissionResult<string[]>
}) {
	const q = provider.quote
	const [form, fields] = useConformForm(QuoteFormSchema, {
		id: `quote-${provider.id}`,
		lastResult,
		defaultValue: q
			? {
					serviceId: q.serviceId ?? '',
					pricingMode: q.pricingMode,
					price: toDecimal(q.pricePence, q.currency),
					firstDay: localDate(new Date(q.firstSessionAt)),
					firstTime: timeText(localMinute(new Date(q.firstSessionAt))),
					sessionCount: String(q.sessionCount),
					sessionMinutes: String(q.sessionMinutes),
					minPeople: String(q.minPeople),
					maxPeople: q.maxPeople === null ? '' : String(q.maxPeople),
					message: q.message,
				}
			: {
					pricingMode: 'PER_PLACE',
					firstDay: suggestedDay,
					firstTime: '10:00',
					sessionCount: '6',
					sessionMinutes: '60',
					minPeople: '4',
					maxPeople: '8',
				},
	})
	return (
		<div className="mt-4">
			<PostForm form={form} fields={[...scheduleFieldList(fields), fields.message]}>
				<ScheduleFields fields={fields} providers={providers} fixedProviderId={provider.id} />
				<TextareaFormField
					field={fields.message}
					label="Your message to the group"
					hint="What you would do, where, and anything they should know. The group reads it with your price."
					rows={4}
				/>
				<SubmitButton>
					{q ? `Send the new quote from ${provider.name}` : `Send the quote from ${provider.name}`}
				</SubmitButton>
			</PostForm>
		</div>
	)
}

const quoteStatusWords: Record<string, string> = {
	OFFERED: 'Sent. The group has not chosen yet. You can change it until they do.',
	CHOSEN: 'The group chose your quote.',
	NOT_CHOSEN: 'The group chose another quote.',
	WITHDRAWN: 'Withdrawn.',
}

export default function QuoteRequestPage() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as
		{ result?: SubmissionResult<string[]>; providerId?: string } | undefined
	const v = data.view
	return (
		<div className="max-w-3xl">
			<LinkLine to="/provider">Back to your dashboard</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">A group asks for a quote: {v.title}</h1>
			{data.done === 'sent' ? (
				<Notice>
					<p>Your quote has been sent. The group has been told and will see it on their page.</p>
				</Notice>
			) : null}
			<dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
				<dt className="font-semibold">Group</dt>
				<dd>
					{v.group.name} ({v.group.members} {v.group.members === 1 ? 'member' : 'members'} so far)
				</dd>
				<dt className="font-semibold">Where</dt>
				<dd>{v.town ?? 'Not said'}</dd>
				<dt className="font-semibold">When</dt>
				<dd>{v.when ?? 'Not said'}</dd>
				<dt className="font-semibold">Asked on</dt>
				<dd>{shortDayText(v.at)}</dd>
			</dl>
			<h2 className="mt-6 text-2xl font-bold">What the group needs</h2>
			<p className="mt-2 whitespace-pre-line">{v.need}</p>
			{v.status !== 'OPEN' ? <p className="mt-4 font-semibold">The group is no longer asking for quotes.</p> : null}

			{v.providers.map((p) => (
				<section key={p.id} aria-labelledby={`quote-${p.id}-heading`} className="mt-8">
					<h2 id={`quote-${p.id}-heading`} className="text-2xl font-bold">
						{v.providers.length > 1 ? `Your quote from ${p.name}` : 'Your quote'}
					</h2>
					{p.quote ? (
						<div className="mt-2 rounded border-2 border-gray-300 p-3">
							<p className="font-semibold">
								{p.quote.pricingMode === 'PER_PLACE'
									? `${formatMoney(p.quote.pricePence, p.quote.currency)} a person`
									: `${formatMoney(p.quote.pricePence, p.quote.currency)} in all, shared`}
							</p>
							<p>
								{p.quote.sessionCount} {p.quote.sessionCount === 1 ? 'session' : 'sessions'} of{' '}
								{durationWords(p.quote.sessionMinutes)}, from {dayText(new Date(p.quote.firstSessionAt))} at{' '}
								{clockText(p.quote.firstSessionAt)}; for {p.quote.minPeople} to {p.quote.maxPeople ?? 'any number of'}{' '}
								people.
							</p>
							<p className="mt-1">{quoteStatusWords[p.quote.status]}</p>
							{p.quote.commissionId ? (
								<LinkLine to={`/commissions/${p.quote.commissionId}`} className="mt-1">
									See the group activity it became
								</LinkLine>
							) : null}
						</div>
					) : (
						<p className="mt-2">You have not sent a quote yet.</p>
					)}
					{p.canAnswer ? (
						<>
							{p.quote ? <h3 className="mt-4 text-lg font-bold">Change your quote</h3> : null}
							<QuoteForm
								provider={p}
								providers={v.providers}
								suggestedDay={data.suggestedDay}
								lastResult={actionData?.providerId === p.id ? actionData.result : undefined}
							/>
						</>
					) : null}
				</section>
			))}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
