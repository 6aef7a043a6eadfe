import { getFormProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import {
	CsrfInput,
	ErrorSummary,
	RadioGroup,
	SelectFormField,
	SubmitButton,
	TextField,
} from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import { createAllocation } from '#app/domain/money/allocations.server.ts'
import { funderHolders, funderSettings } from '#app/domain/money/funder-overview.server.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import { allocateSchema } from '#app/domain/money/schemas.ts'
import { now } from '#app/utils/clock.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { isoDay } from '#app/utils/dates.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Give someone a budget | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const funder = await funderSettings(funderId)
	if (!funder) throw new Response('Not found', { status: 404 })
	const holders = await funderHolders(funderId)
	const wanted = new URL(request.url).searchParams.get('holder')
	return json({
		funder,
		holders,
		preselected: holders.some((h) => h.id === wanted) ? wanted : null,
		today: isoDay(now()),
		idempotencyKey: newIdempotencyKey(),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const { user, funderId } = await requireFunderStaff(request)
	const funder = await funderSettings(funderId)
	if (!funder) throw new Response('Not found', { status: 404 })
	const parsed = parseSubmission(formData, allocateSchema(funder.currency, isoDay(now())))
	if (!parsed.ok) return parsed.response
	const value = parsed.value
	// Inline: every refusal is shown on the form; a holder not found (404) is a wrong choice in the form's list: 400.
	const outcome = await attempt(
		() =>
			createAllocation({
				funderId,
				holderId: value.holderId,
				staffUserId: user.id,
				schedule: value.schedule,
				amountEach: value.amount,
				count: value.count,
				intervalDays: value.intervalDays,
				firstOn: value.firstOn,
				idempotencyKey: value.idempotencyKey,
			}),
		{ inline: true },
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, {}, { notFoundOnForm: true })
	return redirect(`/funder?${new URLSearchParams({ allocated: outcome.value.allocation.id })}`)
}

export default function Allocate() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const schema = allocateSchema(data.funder.currency, data.today)
	const [form, fields] = useConformForm(schema, {
		id: 'allocate',
		lastResult: actionData?.result,
		defaultValue: {
			holderId: data.preselected ?? '',
			schedule: 'INSTALMENTS',
			intervalDays: String(data.funder.instalmentDays),
			firstOn: data.today,
		},
	})
	const fieldIds = {
		holderId: fields.holderId.id,
		schedule: fields.schedule.id,
		amount: fields.amount.id,
		count: fields.count.id,
		intervalDays: fields.intervalDays.id,
		firstOn: fields.firstOn.id,
	}
	return (
		<div className="max-w-2xl">
			<LinkLine to="/funder">Back to all budgets</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Give someone a budget</h1>
			<p className="mt-2">
				The money is paid from {data.funder.name} into the person’s budget, in {data.funder.currency}. A payment dated
				today is made straight away; later ones are made automatically on their dates.
			</p>
			<div className="mt-6">
				<ErrorSummary
					formErrors={form.errors}
					fieldErrors={{
						holderId: fields.holderId.errors,
						schedule: fields.schedule.errors,
						amount: fields.amount.errors,
						count: fields.count.errors,
						intervalDays: fields.intervalDays.errors,
						firstOn: fields.firstOn.errors,
					}}
					fieldIds={fieldIds}
				/>
				<Form method="post" {...getFormProps(form)}>
					<CsrfInput />
					<input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
					<SelectFormField
						field={fields.holderId}
						label="Person"
						options={[
							{ value: '', label: 'Choose a person' },
							...data.holders.map((h) => ({
								value: h.id,
								label: h.town ? `${h.displayName} (${h.town})` : h.displayName,
							})),
						]}
					/>
					<RadioGroup
						id={fields.schedule.id}
						legend="How is it paid?"
						name={fields.schedule.name}
						defaultValue={fields.schedule.initialValue as string | undefined}
						errors={fields.schedule.errors}
						options={[
							{ value: 'INSTALMENTS', label: 'In regular instalments' },
							{ value: 'ONE_OFF', label: 'As one payment' },
						]}
					/>
					<TextField
						field={fields.amount}
						label={`Amount of each payment (${data.funder.currency})`}
						hint="For one payment, the whole amount. For example 240.00"
						inputMode="decimal"
						autoComplete="off"
					/>
					<TextField
						field={fields.count}
						label="Number of payments"
						hint="For instalments only. For example 13 payments every 28 days is a year."
						inputMode="numeric"
						autoComplete="off"
					/>
					<TextField
						field={fields.intervalDays}
						label="Days between payments"
						hint={`For instalments only. ${data.funder.name} usually pays every ${data.funder.instalmentDays} days.`}
						inputMode="numeric"
						autoComplete="off"
					/>
					<TextField
						field={fields.firstOn}
						label="Date of the first payment"
						hint="Today or later."
						type="date"
						min={data.today}
					/>
					<SubmitButton>Allocate the budget</SubmitButton>
				</Form>
			</div>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
