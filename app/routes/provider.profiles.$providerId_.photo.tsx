import { useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
	json,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { backToProfile, EditorHeader, savedMessage } from '#app/components/providers/profile-editor.tsx'
import { Button, PostButton, PostForm, TextField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { removeProviderPhoto, setProviderPhoto } from '#app/domain/providers/profile-photo.server.ts'
import { photoUrl } from '#app/domain/providers/profile-photo.ts'
import { PHOTO_MAX_BYTES, PHOTO_TYPES, photoSchema } from '#app/domain/providers/profile-schemas.ts'
import { getProfileOverview, requireOwnProvider } from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { parseSubmission, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your photo | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const profile = await getProfileOverview(own.id)
	if (!profile) throw new Response('Not found', { status: 404 })
	return json({
		provider: own,
		photoUrl: photoUrl(profile.photoPath),
		saved: new URL(request.url).searchParams.get('saved'),
	})
}

/** Only these fields are read from an upload; anything else in the body is skipped without being kept. */
const uploadFields = ['csrf', 'intent', 'photo']

export async function action({ request, params }: ActionFunctionArgs) {
	// Rights first: nobody else's upload is even read.
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	let formData: FormData
	try {
		formData = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
			? await unstable_parseMultipartFormData(
					request,
					unstable_createMemoryUploadHandler({
						maxPartSize: PHOTO_MAX_BYTES,
						filter: ({ name }) => uploadFields.includes(name),
					}),
				)
			: await readForm(request)
	} catch (error) {
		if (error instanceof Response) throw error
		// Too big: refused before anything is stored, so nothing changes (and the CSRF field may not have been read).
		if (!(error instanceof MaxPartSizeExceededError)) {
			throw new Response('The form could not be read. Go back, reload the page and try again.', { status: 400 })
		}
		const reply = parseWithZod(new FormData(), { schema: photoSchema }).reply({
			fieldErrors: { photo: ['The photo must be 5 MB or smaller'] },
		})
		return json({ result: reply }, { status: 400 })
	}
	await validateCsrf(formData, request)
	const intent = formData.get('intent')
	if (intent === 'remove') {
		await removeProviderPhoto(own.id)
		return redirect(`/provider/profiles/${own.id}/photo?saved=removed`)
	}
	if (intent !== 'upload') throw new Response('Bad request', { status: 400 })
	const parsed = parseSubmission(formData, photoSchema)
	if (!parsed.ok) return parsed.response
	const outcome = await attempt(async () =>
		setProviderPhoto(own.id, new Uint8Array(await parsed.value.photo.arrayBuffer())),
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/provider/profiles/${own.id}/photo?saved=uploaded`)
}

const savedMessages: Record<string, string> = {
	uploaded: 'Your new photo is on your profile.',
	removed: 'Your photo has been removed from your profile.',
}

export default function Photo() {
	const { provider, photoUrl: src, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'photo',
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: photoSchema }),
	})
	return (
		<div className="max-w-2xl">
			<EditorHeader back={backToProfile(provider.id)} title="Your photo" saved={savedMessage(savedMessages, saved)}>
				<p className="mt-2">
					A clear, friendly photo of your face (or your organisation’s logo) helps people choose. It is shown on your
					profile as a square, with your name as its description for people who use a screen reader.
				</p>
			</EditorHeader>

			<Section headingId="current-heading" title="Your photo now" className="mt-6">
				{src ? (
					<>
						<img
							src={src}
							alt={provider.name}
							width={200}
							height={200}
							className="mt-3 rounded border border-gray-300"
						/>
						<PostButton intent="remove" disabled={busy} className="mt-3">
							Remove your photo
						</PostButton>
					</>
				) : (
					<p className="mt-2">You have no photo yet.</p>
				)}
			</Section>

			<Section headingId="upload-heading" title={src ? 'Upload a new photo' : 'Upload a photo'} className="mt-8">
				<div className="mt-4">
					<PostForm form={form} fields={[fields.photo]} hidden={{ intent: 'upload' }} encType="multipart/form-data">
						<TextField
							field={fields.photo}
							label="Photo"
							hint="A JPEG, PNG or WebP image, 5 MB or smaller. We crop it to a square and make it smaller, and remove any location or camera details."
							type="file"
							accept={PHOTO_TYPES.join(',')}
						/>
						<Button type="submit" disabled={busy}>
							Upload the photo
						</Button>
					</PostForm>
				</div>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
