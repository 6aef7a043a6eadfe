import { getCollectionProps, type FieldMetadata } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { EditorHeader, savedMessage } from '#app/components/providers/profile-editor.tsx'
import {
	Button,
	CsrfInput,
	ErrorList,
	PostForm,
	RadioGroup,
	TextareaFormField,
	TextField,
} from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { providerKindLabels } from '#app/domain/providers/labels.ts'
import { photoUrl } from '#app/domain/providers/profile-photo.ts'
import { townNames } from '#app/domain/providers/profile-places.ts'
import { aboutSchema, accessibilityOptions, LIMITS } from '#app/domain/providers/profile-schemas.ts'
import {
	getProfileOverview,
	requireOwnProvider,
	setPublished,
	updateAbout,
} from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Edit your profile: ${data.profile.name} | Budget Market` : 'Edit your profile | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const profile = await getProfileOverview(own.id)
	if (!profile) throw new Response('Not found', { status: 404 })
	const { photoPath, ...rest } = profile
	return json({
		profile: { ...rest, photoUrl: photoUrl(photoPath) },
		saved: new URL(request.url).searchParams.get('saved'),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const intent = formData.get('intent')
	if (intent === 'publish' || intent === 'hide') {
		await setPublished(own.id, intent === 'publish')
		return redirect(`/provider/profiles/${own.id}?saved=${intent === 'publish' ? 'published' : 'hidden'}`)
	}
	if (intent !== 'about') throw new Response('Bad request', { status: 400 })
	const parsed = parseSubmission(formData, aboutSchema)
	if (!parsed.ok) return parsed.response
	await updateAbout(own.id, parsed.value)
	return redirect(`/provider/profiles/${own.id}?saved=about`)
}

const savedMessages: Record<string, string> = {
	about: 'Your profile has been saved. Search results show the change within a minute.',
	published: 'Your profile is published. Anyone can now find it in search.',
	hidden: 'Your profile is hidden. Only you can see it, and it is no longer shown in search.',
}

export default function EditProfile() {
	const { profile: p, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useConformForm(aboutSchema, {
		id: 'about',
		lastResult: actionData?.result,
		defaultValue: {
			name: p.name,
			headline: p.headline,
			bio: p.bio,
			town: p.town,
			postcodeDistrict: p.postcodeDistrict,
			coverRadiusKm: String(p.coverRadiusKm),
			languages: p.languages.join(', '),
			accessibility: p.accessibility,
			acceptsGroupBookings: p.acceptsGroupBookings ? 'yes' : 'no',
			cancellationPolicy: p.cancellationPolicy,
			lateCancelPercent: String(p.lateCancelPercent),
		},
	})
	const names = [
		'name',
		'headline',
		'bio',
		'town',
		'postcodeDistrict',
		'coverRadiusKm',
		'languages',
		'accessibility',
		'acceptsGroupBookings',
		'cancellationPolicy',
		'lateCancelPercent',
	] as const
	const busy = navigation.state === 'submitting'
	const sections = [
		{ to: 'photo', label: 'Photo', summary: p.photoUrl ? 'You have a photo on your profile.' : 'No photo yet.' },
		{
			to: 'services',
			label: 'Services and prices',
			summary: `${p.activeServices} ${p.activeServices === 1 ? 'service' : 'services'} offered${p.allServices > p.activeServices ? `, ${p.allServices - p.activeServices} not offered at the moment` : ''}.`,
		},
		{
			to: 'availability',
			label: 'Availability and time off',
			summary: `${p._count.availability} ${p._count.availability === 1 ? 'time' : 'times'} in your usual week, ${p.timeOff === 0 ? 'no' : p.timeOff} ${p.timeOff === 1 ? 'period' : 'periods'} of time off coming up.`,
		},
		{
			to: 'credentials',
			label: 'Checks and credentials',
			summary: `${p._count.credentials} ${p._count.credentials === 1 ? 'credential' : 'credentials'}.`,
		},
	]
	return (
		<div className="max-w-3xl">
			<EditorHeader
				back={{ to: '/account', label: 'Back to your account' }}
				title="Edit your profile"
				saved={savedMessage(savedMessages, saved)}
			>
				<p className="mt-1 text-lg">
					{p.name}, {providerKindLabels[p.kind]}
				</p>
			</EditorHeader>

			<Section
				headingId="visibility-heading"
				title="Who can see your profile"
				className="mt-6 rounded border-2 border-gray-300 p-4"
				headingClassName="text-xl font-bold"
			>
				{p.published ? (
					<p className="mt-2">Your profile is published: anyone can find it in search and book you.</p>
				) : (
					<p className="mt-2">Your profile is hidden: only you can see it. It is not shown in search.</p>
				)}
				<LinkLine to={`/providers/${p.slug}`} className="mt-2">
					See your profile as others see it
				</LinkLine>
				<Form method="post" className="mt-3">
					<CsrfInput />
					{p.published ? (
						<Button type="submit" name="intent" value="hide" disabled={busy}>
							Hide your profile
						</Button>
					) : (
						<Button type="submit" name="intent" value="publish" disabled={busy}>
							Publish your profile
						</Button>
					)}
				</Form>
			</Section>

			<nav aria-labelledby="sections-heading" className="mt-6">
				<h2 id="sections-heading" className="text-xl font-bold">
					Other parts of your profile
				</h2>
				<ul className="mt-2 space-y-2">
					{sections.map((s) => (
						<li key={s.to}>
							<Link to={s.to} className={`${linkClass} font-semibold`}>
								{s.label}
							</Link>
							<span className="block text-gray-700">{s.summary}</span>
						</li>
					))}
				</ul>
			</nav>

			<Section headingId="about-heading" title="About you" className="mt-8">
				<div className="mt-4">
					<PostForm form={form} fields={names.map((n) => fields[n])} hidden={{ intent: 'about' }}>
						<TextField
							field={fields.name}
							label="Name"
							hint="Your name, or the name of your organisation, as people will see it."
							autoComplete="off"
						/>
						<TextField
							field={fields.headline}
							label="Headline"
							hint={`One sentence about what you offer, shown in search results. Up to ${LIMITS.headline} characters.`}
							autoComplete="off"
						/>
						<TextareaFormField
							field={fields.bio}
							label="About you"
							hint="Your experience, what you can help with and what you enjoy. Write it as you would say it."
							rows={8}
						/>
						<TextField
							field={fields.town}
							label="Town"
							hint="The town you work in or near. Start typing to choose from the list. If yours is not there, choose the nearest."
							list="town-list"
							autoComplete="off"
						/>
						<datalist id="town-list">
							{townNames.map((t) => (
								<option key={t} value={t} />
							))}
						</datalist>
						<TextField
							field={fields.postcodeDistrict}
							label="Postcode district"
							hint="The first part of your postcode, like LE4. We never show your full address."
							autoComplete="off"
						/>
						<TextField
							field={fields.coverRadiusKm}
							label="How far you travel to people, in kilometres"
							hint="For example 10. Enter 0 if people come to you."
							inputMode="numeric"
							autoComplete="off"
						/>
						<TextField
							field={fields.languages}
							label="Languages you speak"
							hint="Put a comma between languages, for example: English, Urdu, BSL"
							autoComplete="off"
						/>
						<CheckboxGroup
							legend="Accessibility"
							hint="Choose everything that is true of you or the place where you work."
							field={fields.accessibility}
							options={accessibilityOptions}
						/>
						<RadioGroup
							id={fields.acceptsGroupBookings.id}
							legend="Do you take bookings for groups of people?"
							name={fields.acceptsGroupBookings.name}
							defaultValue={fields.acceptsGroupBookings.initialValue as string | undefined}
							errors={fields.acceptsGroupBookings.errors}
							options={[
								{ value: 'yes', label: 'Yes, I take group bookings' },
								{ value: 'no', label: 'No, one person at a time' },
							]}
						/>
						<TextareaFormField
							field={fields.cancellationPolicy}
							label="Cancellation policy"
							hint="What happens when someone cancels. Cancelling more than 24 hours before is always free."
							rows={3}
						/>
						<TextField
							field={fields.lateCancelPercent}
							label="Charge for cancelling less than 24 hours before, as a percentage of the booking"
							hint="A whole number from 0 to 100. Enter 0 to charge nothing."
							inputMode="numeric"
							autoComplete="off"
						/>
						<Button type="submit" disabled={busy}>
							Save your profile
						</Button>
					</PostForm>
				</div>
			</Section>
		</div>
	)
}

/** Checkboxes with a legend and hint; the fieldset carries the error. */
function CheckboxGroup({
	legend,
	hint,
	field,
	options,
}: {
	legend: ReactNode
	hint?: ReactNode
	field: FieldMetadata<string[] | undefined>
	options: Array<{ value: string; label: string }>
}) {
	const hintId = hint ? `${field.id}-hint` : undefined
	const errorId = field.errors?.length ? `${field.id}-error` : undefined
	const labels = Object.fromEntries(options.map((o) => [o.value, o.label]))
	return (
		<fieldset
			className="mb-5"
			id={field.id}
			tabIndex={-1}
			aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
		>
			<legend className="font-semibold">{legend}</legend>
			{hint ? (
				<p id={hintId} className="text-gray-700">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={field.errors} />
			<div className="mt-2 grid gap-2 sm:grid-cols-2">
				{getCollectionProps(field, {
					type: 'checkbox',
					options: options.map((o) => o.value),
					ariaAttributes: false,
				}).map(({ key, ...props }) => (
					<div key={key} className="flex items-start gap-2">
						<input {...props} className="mt-1.5 h-5 w-5" />
						<label htmlFor={props.id}>{labels[props.value]}</label>
					</div>
				))}
			</div>
		</fieldset>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
