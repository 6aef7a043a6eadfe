import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { backToProfile, EditorHeader, savedMessage } from '#app/components/providers/profile-editor.tsx'
import { ErrorSummary, PostButton } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { formatPrice } from '#app/domain/providers/labels.ts'
import { serviceIdSchema } from '#app/domain/providers/profile-schemas.ts'
import {
	deleteService,
	listServicesForEditing,
	setServiceActive,
} from '#app/domain/providers/profile-services.server.ts'
import { requireOwnProvider } from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Services and prices | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const services = await listServicesForEditing(own.id)
	return json({ provider: own, services, saved: new URL(request.url).searchParams.get('saved') })
}

const intents = ['deactivate', 'activate', 'delete'] as const

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const intent = formData.get('intent')
	if (!intents.includes(intent as (typeof intents)[number])) throw new Response('Bad request', { status: 400 })
	const parsed = parseSubmission(formData, serviceIdSchema)
	if (!parsed.ok) return parsed.response
	const { serviceId } = parsed.value
	const outcome = await attempt(() =>
		intent === 'delete' ? deleteService(own.id, serviceId) : setServiceActive(own.id, serviceId, intent === 'activate'),
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/provider/profiles/${own.id}/services?saved=${intent}`)
}

const savedMessages: Record<string, string> = {
	added: 'The service has been added to your profile.',
	changed: 'Your changes to the service have been saved.',
	delete: 'The service has been deleted.',
	deactivate: 'The service is no longer offered. It is not shown on your profile or in search.',
	activate: 'The service is offered again.',
}

export default function Services() {
	const { provider, services, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const formErrors = actionData?.result.error?.[''] ?? null
	return (
		<div className="max-w-3xl">
			<EditorHeader
				back={backToProfile(provider.id)}
				title="Services and prices"
				saved={savedMessage(savedMessages, saved)}
			>
				<p className="mt-2">
					What you offer and what it costs. People see the price before they book, and bookings already made keep the
					price they were made at.
				</p>
			</EditorHeader>
			<div className="mt-4">
				<ErrorSummary formErrors={formErrors} />
			</div>
			<p className="mt-4">
				<Link to="new" className={`${linkClass} font-semibold`}>
					Add a service
				</Link>
			</p>
			{services.length === 0 ? <p className="mt-4">You have no services yet.</p> : null}
			<ul className="mt-4 space-y-4" aria-label="Your services">
				{services.map((s) => (
					<li key={s.id} className="rounded border border-gray-300 p-4">
						<h2 className="text-lg font-bold">{s.title}</h2>
						<p className="font-semibold">{formatPrice(s.pricePence, s.priceUnit, s.currency)}</p>
						<p className="text-gray-800">
							{s.category.name}
							{s.durationMinutes ? `, ${s.durationMinutes} minutes` : ''}
							{s.maxGroupSize ? `, groups of up to ${s.maxGroupSize}` : ', one to one'}
						</p>
						<p className="mt-1">
							{s.active
								? 'Offered on your profile.'
								: 'Not offered at the moment: not shown on your profile or in search.'}
						</p>
						<div className="mt-3 flex flex-wrap items-center gap-3">
							<Link to={s.id} className={linkClass}>
								Change<span className="sr-only"> {s.title}</span>
							</Link>
							<PostButton intent={s.active ? 'deactivate' : 'activate'} hidden={{ serviceId: s.id }} disabled={busy}>
								{s.active ? 'Stop offering' : 'Offer again'}
								<span className="sr-only"> {s.title}</span>
							</PostButton>
							{s.used ? null : (
								<PostButton intent="delete" hidden={{ serviceId: s.id }} disabled={busy}>
									Delete<span className="sr-only"> {s.title}</span>
								</PostButton>
							)}
						</div>
						{s.used ? (
							<p className="mt-2 text-gray-700">This service has been booked, so it cannot be deleted.</p>
						) : null}
					</li>
				))}
			</ul>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
