import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { EditorHeader } from '#app/components/providers/profile-editor.tsx'
import {
	PostForm,
	RadioGroup,
	SelectFormField,
	SubmitButton,
	TextareaFormField,
	TextField,
} from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
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
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

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
	const formData = await readCheckedForm(request)
	const { own, service } = await load(request, params)
	const categories = await listCategories()
	const parsed = parseSubmission(formData, serviceSchema(categories.map((c) => c.slug)))
	if (!parsed.ok) return parsed.response
	const outcome = await attempt(async () => {
		if (service) await updateService(own.id, service.id, parsed.value)
		else await createService(own.id, parsed.value)
	})
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
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
	const schema = serviceSchema(categories.map((c) => c.slug))
	const [form, fields] = useConformForm(schema, {
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
	})
	const names = [
		'title',
		'description',
		'categorySlug',
		'priceUnit',
		'price',
		'durationMinutes',
		'maxGroupSize',
	] as const
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
				<PostForm form={form} fields={names.map((n) => fields[n])}>
					<TextField
						field={fields.title}
						label="Name of the service"
						hint="For example: Personal care at home"
						autoComplete="off"
					/>
					<TextareaFormField
						field={fields.description}
						label="What it is"
						hint="A sentence or two about what you do and how."
						rows={4}
					/>
					<SelectFormField
						field={fields.categorySlug}
						label="Kind of support"
						hint="Where people find it in search."
						options={[
							{ value: '', label: 'Choose a kind of support' },
							...categories.map((c) => ({ value: c.slug, label: c.name })),
						]}
					/>
					<RadioGroup
						id={fields.priceUnit.id}
						legend="How do you charge?"
						name={fields.priceUnit.name}
						defaultValue={fields.priceUnit.initialValue as string | undefined}
						errors={fields.priceUnit.errors}
						options={unitOptions}
					/>
					<TextField
						field={fields.price}
						label="Price in pounds"
						hint="For example 15.50. For hourly support, the price of one hour."
						inputMode="decimal"
						autoComplete="off"
					/>
					<TextField
						field={fields.durationMinutes}
						label="How long it usually lasts, in minutes (optional for hourly support)"
						hint="For example 60 for an hour, 90 for an hour and a half."
						inputMode="numeric"
						autoComplete="off"
					/>
					<TextField
						field={fields.maxGroupSize}
						label="Largest group, for group sessions (optional)"
						hint="Leave this empty for one-to-one support."
						inputMode="numeric"
						autoComplete="off"
					/>
					<SubmitButton>{service ? 'Save the service' : 'Add the service'}</SubmitButton>
				</PostForm>
			</div>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
