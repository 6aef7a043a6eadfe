import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { backToProfile, EditorHeader, savedMessage } from '#app/components/providers/profile-editor.tsx'
import { PostForm, RemoveButton, SelectFormField, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { credentialKindLabels } from '#app/domain/providers/labels.ts'
import {
	addCredential,
	isExpired,
	listCredentialsForEditing,
	removeCredential,
} from '#app/domain/providers/profile-credentials.server.ts'
import { credentialIdSchema, credentialSchema } from '#app/domain/providers/profile-schemas.ts'
import { requireOwnProvider } from '#app/domain/providers/profile.server.ts'
import { formatDay, isoDay } from '#app/utils/dates.ts'
import { credentialKinds } from '#search/types.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { parseOrBadRequest, parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Checks and credentials | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const at = now()
	const credentials = (await listCredentialsForEditing(own.id)).map((c) => ({
		...c,
		expired: isExpired(c.expiresOn, at),
	}))
	return json({ provider: own, credentials, today: isoDay(at), saved: new URL(request.url).searchParams.get('saved') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const intent = formData.get('intent')
	if (intent === 'remove') {
		await removeCredential(own.id, parseOrBadRequest(formData, credentialIdSchema).credentialId)
		return redirect(`/provider/profiles/${own.id}/credentials?saved=removed`)
	}
	if (intent !== 'add') throw new Response('Bad request', { status: 400 })
	const parsed = parseSubmission(formData, credentialSchema(isoDay(now())))
	if (!parsed.ok) return parsed.response
	await addCredential(own.id, parsed.value)
	return redirect(`/provider/profiles/${own.id}/credentials?saved=added`)
}

const savedMessages: Record<string, string> = {
	added: 'The credential has been added to your profile.',
	removed: 'The credential has been removed from your profile.',
}

export default function Credentials() {
	const { provider, credentials, today, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const schema = credentialSchema(today)
	const [form, fields] = useConformForm(schema, {
		id: 'credential',
		lastResult: actionData?.result,
		defaultValue: { kind: '' },
	})
	const names = ['kind', 'title', 'issuer', 'reference', 'issuedOn', 'expiresOn'] as const
	return (
		<div className="max-w-3xl">
			<EditorHeader
				back={backToProfile(provider.id)}
				title="Checks and credentials"
				saved={savedMessage(savedMessages, saved)}
			>
				<p className="mt-2">
					Background checks, registrations, first aid, training and insurance. People can filter search by the checks
					you hold. A credential past its expiry date is shown as expired and no longer counts in search.
				</p>
			</EditorHeader>

			<Section headingId="list-heading" title="Your credentials" className="mt-6">
				{credentials.length === 0 ? <p className="mt-2">You have not added any yet.</p> : null}
				<ul className="mt-3 space-y-3">
					{credentials.map((c) => (
						<li key={c.id} className="rounded border border-gray-300 p-4">
							<p>
								<span className="font-semibold">{c.title}</span> ({credentialKindLabels[c.kind]}), from {c.issuer}
								{c.reference ? `, reference ${c.reference}` : ''}
							</p>
							<p>
								Issued on {formatDay(c.issuedOn)}.{' '}
								{c.expiresOn ? (
									c.expired ? (
										<strong className="text-red-700">Expired on {formatDay(c.expiresOn)}.</strong>
									) : (
										`Valid until ${formatDay(c.expiresOn)}.`
									)
								) : (
									'Does not expire.'
								)}
								{c.verifiedAt ? ' Checked by Budget Market.' : ''}
							</p>
							<RemoveButton intent="remove" hidden={{ credentialId: c.id }} item={c.title} className="mt-2" />
						</li>
					))}
				</ul>
			</Section>

			<Section headingId="add-heading" title="Add a credential" className="mt-8">
				<div className="mt-4">
					<PostForm form={form} fields={names.map((n) => fields[n])} hidden={{ intent: 'add' }}>
						<SelectFormField
							field={fields.kind}
							label="Kind"
							options={[
								{ value: '', label: 'Choose a kind' },
								...credentialKinds.map((k) => ({ value: k, label: credentialKindLabels[k] })),
							]}
						/>
						<TextField
							field={fields.title}
							label="Name of the check, course or registration"
							hint="For example: Enhanced DBS check, or Emergency first aid at work"
							autoComplete="off"
						/>
						<TextField
							field={fields.issuer}
							label="Who issued it"
							hint="For example: Disclosure and Barring Service, or St John Ambulance"
							autoComplete="off"
						/>
						<TextField
							field={fields.reference}
							label="Reference number (optional)"
							hint="A certificate or registration number, so it can be checked."
							autoComplete="off"
						/>
						<TextField
							field={fields.issuedOn}
							label="Date issued"
							hint="For example 14/03/2025."
							type="date"
							max={today}
						/>
						<TextField
							field={fields.expiresOn}
							label="Expiry date (optional)"
							hint="Leave this empty if it does not expire."
							type="date"
						/>
						<SubmitButton>Add the credential</SubmitButton>
					</PostForm>
				</div>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
