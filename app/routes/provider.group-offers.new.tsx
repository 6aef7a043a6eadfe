import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ScheduleFields, scheduleFieldList } from '#app/components/commissions/schedule-fields.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostForm, SubmitButton, TextareaFormField, TextField } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { createOffer } from '#app/domain/commissions/commissions.server.ts'
import { firstSessionOf, OfferFormSchema } from '#app/domain/commissions/form-schemas.ts'
import { offerChoices } from '#app/domain/commissions/provider-side.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { addLocalDays, localDate, localInstant } from '#app/utils/dates.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Offer a group activity | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, ['PROVIDER'])
	const providers = await offerChoices(user)
	const today = localDate(now())
	return json({
		providers,
		defaults: {
			pricingMode: 'PER_PLACE',
			firstDay: addLocalDays(today, 21),
			firstTime: '10:00',
			sessionCount: '8',
			sessionMinutes: '60',
			minPeople: '6',
			maxPeople: '10',
			deadline: addLocalDays(today, 14),
			cancellationTerms: providers[0]?.cancellationPolicy ?? '',
			cancellationCutoffHours: '48',
		},
	})
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireRole(request, ['PROVIDER'])
	const parsed = parseSubmission(formData, OfferFormSchema)
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	const outcome = await attempt(() =>
		createOffer(
			user,
			{
				providerId: v.providerId,
				serviceId: v.serviceId,
				title: v.title,
				description: v.description,
				pricingMode: v.pricingMode,
				pricePence: v.price,
				firstSessionAt: firstSessionOf(v),
				sessionCount: v.sessionCount,
				sessionMinutes: v.sessionMinutes,
				minPeople: v.minPeople,
				maxPeople: v.maxPeople,
				deadline: localInstant(v.deadline, 23 * 60 + 59),
				cancellationTerms: v.cancellationTerms,
				cancellationCutoffHours: v.cancellationCutoffHours,
				companionsAllowed: v.companionsAllowed,
			},
			now(),
		),
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/commissions/${outcome.value.id}?done=offered`)
}

export default function OfferGroupActivity() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(OfferFormSchema, {
		id: 'group-offer',
		lastResult: actionData?.result,
		defaultValue: data.defaults,
	})
	return (
		<div className="max-w-3xl">
			<LinkLine to="/provider">Back to your dashboard</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Offer a group activity</h1>
			<p className="mt-2">
				Offer a class or activity that people pay for together, like “Seated yoga, Tuesdays 10:00, 8 weeks, 6 to 10
				people”. People pledge from their budgets. If enough pledge by the last day, it goes ahead and you are paid
				after each session. If not, nobody pays anything.
			</p>
			{data.providers.length === 0 ? (
				<p className="mt-4">
					You need a provider profile first.{' '}
					<Link to="/provider" className={linkClass}>
						Go to your dashboard
					</Link>
				</p>
			) : (
				<div className="mt-6">
					<PostForm
						form={form}
						fields={[
							fields.title,
							fields.description,
							...scheduleFieldList(fields),
							fields.deadline,
							fields.cancellationTerms,
							fields.cancellationCutoffHours,
						]}
					>
						<TextField field={fields.title} label="Title" hint="For example: Seated yoga, Tuesdays 10:00." />
						<TextareaFormField
							field={fields.description}
							label="What will people do?"
							hint="Where it is, who it suits, and anything people should know about access."
							rows={4}
						/>
						<ScheduleFields fields={fields} providers={data.providers} />
						<TextField
							field={fields.deadline}
							label="Last day people can pledge"
							hint="Before the first session. If not enough people pledge by then, every penny goes back."
							type="date"
						/>
						<TextareaFormField
							field={fields.cancellationTerms}
							label="Your cancellation terms"
							hint="In plain words. If you cancel, people get back their share of every session not delivered."
							rows={3}
						/>
						<TextField
							field={fields.cancellationCutoffHours}
							label="Hours before a session that someone can still cancel"
							inputMode="numeric"
						/>
						<div className="mb-5 flex items-start gap-2">
							<input
								type="checkbox"
								id={fields.companionsAllowed.id}
								name={fields.companionsAllowed.name}
								className="mt-1.5 h-5 w-5"
							/>
							<label htmlFor={fields.companionsAllowed.id}>Carers and companions can come free</label>
						</div>
						<SubmitButton>Offer the activity</SubmitButton>
					</PostForm>
				</div>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
