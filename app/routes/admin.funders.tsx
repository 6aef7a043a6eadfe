import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import {
	CsrfInput,
	ErrorList,
	ErrorSummary,
	Field,
	SelectFormField,
	SubmitButton,
	TextField,
} from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { Cell, Row, RowHead, StackedTable } from '#app/components/ui/table.tsx'
import { feeLabel } from '#app/domain/money/fees.ts'
import { createFunder, listFunders, schemeLabels, updateFunderSettings } from '#app/domain/money/funders.server.ts'
import { FunderSettingsSchema, NewFunderSchema } from '#app/domain/money/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt, orErrorPage } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Funders and schemes | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['ADMIN'])
	return json({ funders: await listFunders(), schemes: schemeLabels })
}

type UpdateError = {
	intent: 'update'
	funderId: string
	values: Record<string, string>
	errors: Record<string, string[]>
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const admin = await requireRole(request, ['ADMIN'])
	if (formData.get('intent') === 'update') {
		const submission = parseWithZod(formData, { schema: FunderSettingsSchema })
		if (submission.status !== 'success') {
			const failed: UpdateError = {
				intent: 'update',
				funderId: String(formData.get('funderId') ?? ''),
				values: {
					instalmentDays: String(formData.get('instalmentDays') ?? ''),
					feePercent: String(formData.get('feePercent') ?? ''),
					autoConfirmHours: String(formData.get('autoConfirmHours') ?? ''),
					reviewEveryMonths: String(formData.get('reviewEveryMonths') ?? ''),
				},
				errors: Object.fromEntries(Object.entries(submission.error ?? {}).map(([k, v]) => [k, v ?? []])),
			}
			return json({ update: failed, result: null }, { status: 400 })
		}
		const { funderId, instalmentDays, feePercent, autoConfirmHours, reviewEveryMonths } = submission.value
		await orErrorPage(() =>
			updateFunderSettings(
				{ funderId, instalmentDays, platformFeeBps: feePercent, autoConfirmHours, reviewEveryMonths },
				admin.id,
			),
		)
		return redirect(`/admin/funders?${new URLSearchParams({ saved: funderId })}`)
	}
	const parsed = parseSubmission(formData, NewFunderSchema, { update: null })
	if (!parsed.ok) return parsed.response
	const { name, scheme, currency, instalmentDays, feePercent } = parsed.value
	const outcome = await attempt(() =>
		createFunder({ name, scheme, currency, instalmentDays, platformFeeBps: feePercent }, admin.id),
	)
	if (!outcome.ok) {
		// Only a refusal about a field has a place on this form; any other is not expected here.
		if (!outcome.error.field) throw outcome.error
		return refusal(parsed.submission, outcome.error, { update: null })
	}
	return redirect(`/admin/funders?${new URLSearchParams({ saved: outcome.value.id })}`)
}

export default function AdminFunders() {
	const { funders, schemes } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [params] = useSearchParams()
	const saved = funders.find((f) => f.id === params.get('saved'))
	const [form, fields] = useConformForm(NewFunderSchema, {
		id: 'new-funder',
		lastResult: actionData?.result,
		defaultValue: { scheme: 'UK_DIRECT_PAYMENT', currency: 'GBP', instalmentDays: '28', feePercent: '0' },
	})
	return (
		<div>
			<h1 className="text-3xl font-bold">Funders and schemes</h1>
			{saved ? (
				<Notice>
					<p>Saved {saved.name}.</p>
				</Notice>
			) : null}
			<p className="mt-2 max-w-3xl">
				Each funder runs one scheme in one currency. The currency is fixed when the funder is added, because every
				budget it funds is held in it. The platform fee is shown to people as its own line before they pay; changing it
				never changes a fee already shown.
			</p>

			<Section headingId="funders-heading" title="Funders" className="mt-6">
				<StackedTable
					className="mt-2"
					caption="Funders with their scheme, currency, instalments and fee"
					minWidth="min-w-[56rem]"
					columns={[{ label: 'Funder' }, { label: 'Scheme and currency' }, { label: 'Settings' }]}
				>
					{funders.map((f) => {
						const failed = actionData?.update?.funderId === f.id ? actionData.update : null
						const daysId = `days-${f.id}`
						const feeId = `fee-${f.id}`
						const confirmId = `confirm-${f.id}`
						const reviewId = `review-${f.id}`
						return (
							<Row key={f.id}>
								<RowHead>
									{f.name}
									<span className="block text-gray-700">
										{f._count.holders} {f._count.holders === 1 ? 'person' : 'people'}
									</span>
								</RowHead>
								<Cell label="Scheme and currency">
									{schemes[f.scheme]}, {f.currency}
									<span className="block text-gray-700">
										Pays every {f.instalmentDays} days. {feeLabel(f.platformFeeBps)}. If nobody reports a problem, a
										session is confirmed {f.autoConfirmHours} hours after it ends. Plans are reviewed every{' '}
										{f.reviewEveryMonths === 1 ? 'month' : `${f.reviewEveryMonths} months`}.
									</span>
								</Cell>
								<Cell>
									<Form method="post" className="flex flex-wrap items-start gap-3">
										<CsrfInput />
										<input type="hidden" name="intent" value="update" />
										<input type="hidden" name="funderId" value={f.id} />
										<div>
											<label htmlFor={daysId} className="block text-sm font-semibold">
												Days between instalments
											</label>
											<ErrorList id={`${daysId}-error`} errors={failed?.errors.instalmentDays} />
											<input
												id={daysId}
												name="instalmentDays"
												inputMode="numeric"
												defaultValue={failed?.values.instalmentDays ?? String(f.instalmentDays)}
												aria-invalid={failed?.errors.instalmentDays?.length ? true : undefined}
												aria-describedby={failed?.errors.instalmentDays?.length ? `${daysId}-error` : undefined}
												className="mt-1 w-24 rounded border-2 border-gray-800 px-2 py-1"
											/>
										</div>
										<div>
											<label htmlFor={feeId} className="block text-sm font-semibold">
												Platform fee (%)
											</label>
											<ErrorList id={`${feeId}-error`} errors={failed?.errors.feePercent} />
											<input
												id={feeId}
												name="feePercent"
												inputMode="decimal"
												defaultValue={failed?.values.feePercent ?? String(f.platformFeeBps / 100)}
												aria-invalid={failed?.errors.feePercent?.length ? true : undefined}
												aria-describedby={failed?.errors.feePercent?.length ? `${feeId}-error` : undefined}
												className="mt-1 w-24 rounded border-2 border-gray-800 px-2 py-1"
											/>
										</div>
										<div>
											<label htmlFor={confirmId} className="block text-sm font-semibold">
												Hours before automatic confirmation
											</label>
											<ErrorList id={`${confirmId}-error`} errors={failed?.errors.autoConfirmHours} />
											<input
												id={confirmId}
												name="autoConfirmHours"
												inputMode="numeric"
												defaultValue={failed?.values.autoConfirmHours ?? String(f.autoConfirmHours)}
												aria-invalid={failed?.errors.autoConfirmHours?.length ? true : undefined}
												aria-describedby={failed?.errors.autoConfirmHours?.length ? `${confirmId}-error` : undefined}
												className="mt-1 w-24 rounded border-2 border-gray-800 px-2 py-1"
											/>
										</div>
										<div>
											<label htmlFor={reviewId} className="block text-sm font-semibold">
												Months between plan reviews
											</label>
											<ErrorList id={`${reviewId}-error`} errors={failed?.errors.reviewEveryMonths} />
											<input
												id={reviewId}
												name="reviewEveryMonths"
												inputMode="numeric"
												defaultValue={failed?.values.reviewEveryMonths ?? String(f.reviewEveryMonths)}
												aria-invalid={failed?.errors.reviewEveryMonths?.length ? true : undefined}
												aria-describedby={failed?.errors.reviewEveryMonths?.length ? `${reviewId}-error` : undefined}
												className="mt-1 w-24 rounded border-2 border-gray-800 px-2 py-1"
											/>
										</div>
										<button
											type="submit"
											disabled={navigation.state === 'submitting'}
											className="mt-6 rounded border-2 border-brand-700 px-3 py-1 font-semibold text-brand-700"
										>
											Save {f.name}
										</button>
									</Form>
								</Cell>
							</Row>
						)
					})}
				</StackedTable>
			</Section>

			<Section headingId="new-funder-heading" title="Add a funder" className="mt-8 max-w-2xl">
				<div className="mt-3">
					<ErrorSummary
						formErrors={form.errors}
						fieldErrors={{
							name: fields.name.errors,
							scheme: fields.scheme.errors,
							currency: fields.currency.errors,
							instalmentDays: fields.instalmentDays.errors,
							feePercent: fields.feePercent.errors,
						}}
						fieldIds={{
							name: fields.name.id,
							scheme: fields.scheme.id,
							currency: fields.currency.id,
							instalmentDays: fields.instalmentDays.id,
							feePercent: fields.feePercent.id,
						}}
					/>
					<Form method="post" {...getFormProps(form)}>
						<CsrfInput />
						<input type="hidden" name="intent" value="create" />
						<Field label="Name" errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
						<SelectFormField
							field={fields.scheme}
							label="Scheme"
							options={Object.entries(schemes).map(([value, label]) => ({ value, label }))}
						/>
						<SelectFormField
							field={fields.currency}
							label="Currency"
							hint="Fixed once the funder is added."
							options={['GBP', 'EUR', 'AUD', 'USD', 'NZD', 'CAD'].map((c) => ({ value: c, label: c }))}
						/>
						<TextField field={fields.instalmentDays} label="Days between instalments" inputMode="numeric" />
						<TextField field={fields.feePercent} label="Platform fee (%)" hint="0 for no fee." inputMode="decimal" />
						<SubmitButton>Add the funder</SubmitButton>
					</Form>
				</div>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
