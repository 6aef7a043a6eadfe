import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { EditorHeader } from '#app/components/providers/profile-editor.tsx'
import { Button, CsrfInput, Field, FormErrorSummary, RadioGroup, SelectField, TextareaField } from '#app/components/ui/forms.tsx'
import { toDecimal } from '#app/domain/money/amounts.ts'
import { serviceSchema } from '#app/domain/providers/profile-schemas.ts'
import {
	createService,
	getServiceForEditing,
	listCategories,
	updateService,
} from '#app/domain/providers/profile-services.server.ts'
import { requireOwnProvider } from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { attempt, replyWithError } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.service ? `Change ${data.service.title} | Budget Market` : 'Add a service | Budget Market' },
]

async function load(request: Request, params: LoaderFunctionArgs['params']) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const serviceId = params.serviceId ?? ''
	const service = serviceId === 'new' ? null : await getServiceForEditing(own.id, serviceId)
	if (serviceId !== 'new' && !service) throw new Response('Not found', { status: 404 })
	return { own, service }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { own, service } = await load(request, params)
	const categories = await listCategories()
	return json({ provider: own, service, categories })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const { own, service } = await load(request, params)
	const categories = await listCategories()
	const submission = parseWithZod(formData, { schema: serviceSchema(categories.map((c) => c.slug)) })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	const outcome = await attempt(async () => {
		if (service) await updateService(own.id, service.id, submission.value)
		else await createService(own.id, submission.value)
	})
	if (!outcome.ok) return json({ result: replyWithError(submission, outcome.error) }, { status: outcome.error.status })
	return redirect(`/provider/profiles/${own.id}/services?saved=${service ? 'changed' : 'added'}`)
}

const unitOptions = [
	{ value: 'PER_HOUR', label: 'By the hour' },
	{ value: 'PER_SESSION', label: 'By the session or class' },
	{ value: 'FIXED', label: 'A fixed price for the whole thing' },
]

export default function EditService() {
	const { provider, service, categories } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const schema = serviceSchema(categories.map((c) => c.slug))
	const [form, fields] = useForm({
		id: 'service',
		lastResult: actionData?.result,
		defaultValue: service
			? {
					title: service.title,
					description: service.description,
					categorySlug: service.categorySlug,
					priceUnit: service.priceUnit,
					price: toDecimal(service.pricePence, service.currency),
					durationMinutes: service.durationMinutes === null ? '' : String(service.durationMinutes),
					maxGroupSize: service.maxGroupSize === null ? '' : String(service.maxGroupSize),
				}
			: { categorySlug: '', priceUnit: 'PER_HOUR' },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const names = ['title', 'description', 'categorySlug', 'priceUnit', 'price', 'durationMinutes', 'maxGroupSize'] as const
	return (
		<div className="max-w-2xl">
			<EditorHeader
				back={{ to: `/provider/profiles/${provider.id}/services`, label: 'Back to your services' }}
				title={service ? `Change “${service.title}”` : 'Add a service'}
			>
				<p className="mt-2">
					{service
						? 'Bookings already made keep the price they were made at. New bookings use the new price.'
						: 'The service is shown on your profile and in search as soon as you save it.'}
				</p>
			</EditorHeader>
			<div className="mt-6">
				<FormErrorSummary form={form} fields={names.map((n) => fields[n])} />
				<Form method="post" {...getFormProps(form)}>
					<CsrfInput />
					<Field
						label="Name of the service"
						hint="For example: Personal care at home"
						errors={fields.title.errors}
						inputProps={{ ...getInputProps(fields.title, { type: 'text' }), autoComplete: 'off' }}
					/>
					<TextareaField
						label="What it is"
						hint="A sentence or two about what you do and how."
						errors={fields.description.errors}
						textareaProps={{ ...getTextareaProps(fields.description), rows: 4 }}
					/>
					<SelectField
						label="Kind of support"
						hint="Where people find it in search."
						errors={fields.categorySlug.errors}
						selectProps={getSelectProps(fields.categorySlug)}
						options={[{ value: '', label: 'Choose a kind of support' }, ...categories.map((c) => ({ value: c.slug, label: c.name }))]}
					/>
					<RadioGroup
						id={fields.priceUnit.id}
						legend="How do you charge?"
						name={fields.priceUnit.name}
						defaultValue={fields.priceUnit.initialValue as string | undefined}
						errors={fields.priceUnit.errors}
						options={unitOptions}
					/>
					<Field
						label="Price in pounds"
						hint="For example 15.50. For hourly support, the price of one hour."
						errors={fields.price.errors}
						inputProps={{ ...getInputProps(fields.price, { type: 'text' }), inputMode: 'decimal', autoComplete: 'off' }}
					/>
					<Field
						label="How long it usually lasts, in minutes (optional for hourly support)"
						hint="For example 60 for an hour, 90 for an hour and a half."
						errors={fields.durationMinutes.errors}
						inputProps={{ ...getInputProps(fields.durationMinutes, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
					/>
					<Field
						label="Largest group, for group sessions (optional)"
						hint="Leave this empty for one-to-one support."
						errors={fields.maxGroupSize.errors}
						inputProps={{ ...getInputProps(fields.maxGroupSize, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
					/>
					<Button type="submit" disabled={navigation.state === 'submitting'}>
						{service ? 'Save the service' : 'Add the service'}
					</Button>
				</Form>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
