import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostForm, SubmitButton, TextareaFormField, TextField } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { startGroup } from '#app/domain/commissions/commissions.server.ts'
import { StartGroupFormSchema } from '#app/domain/commissions/form-schemas.ts'
import { knownTown } from '#app/domain/commissions/groups.server.ts'
import { towns } from '#app/domain/reference/towns.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Start a group | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return json({ towns: towns.map((t) => t.name) })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const parsed = parseSubmission(formData, StartGroupFormSchema)
	if (!parsed.ok) return parsed.response
	const { name, description, town } = parsed.value
	const outcome = await attempt(() => startGroup(user, { name, description, town: knownTown(town) ?? town }))
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/groups/${outcome.value.id}?started=1`)
}

export default function StartGroup() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(StartGroupFormSchema, { id: 'start-group', lastResult: actionData?.result })
	return (
		<div className="max-w-3xl">
			<LinkLine to="/groups">Group activities near you</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Start a group</h1>
			<p className="mt-2">
				Start a group around something you and others need, like “a swimming session for wheelchair users on Saturdays”.
				Then invite people with a link and ask providers for a price. Nobody pays anything until the group chooses a
				price and enough people pledge.
			</p>
			<div className="mt-6">
				<PostForm form={form} fields={[fields.name, fields.description, fields.town]}>
					<TextField field={fields.name} label="Name of the group" hint="For example: Saturday swimming, Leicester." />
					<TextareaFormField
						field={fields.description}
						label="What do you need?"
						hint="Say what, when and who it is for. Everyone in the group and the providers you ask will read it."
						rows={5}
					/>
					<TextField
						field={fields.town}
						label="Town (optional)"
						hint="Where it would happen. We suggest providers there."
						list="group-towns"
						autoComplete="address-level2"
					/>
					<datalist id="group-towns">
						{data.towns.map((t) => (
							<option key={t} value={t} />
						))}
					</datalist>
					<SubmitButton>Start the group</SubmitButton>
				</PostForm>
			</div>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
