import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PostForm, RadioFormField, SubmitButton } from '#app/components/ui/forms.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { joinGroup } from '#app/domain/commissions/commissions.server.ts'
import { JoinFormSchema } from '#app/domain/commissions/form-schemas.ts'
import { getInvitation } from '#app/domain/commissions/groups.server.ts'
import { userPage } from '#app/utils/form-page.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Join a group | Budget Market' }]

/** The invitation for the signed-in person (anyone else is sent to sign in and brought back); a bad link is a 404. */
async function invitation(request: Request, token: string) {
	const { user, page } = await userPage(request, (u, at) => getInvitation(u, token, at))
	if (!page) throw new Response('Not found', { status: 404, statusText: 'This invitation link does not work' })
	return { user, page }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await invitation(request, params.token ?? '')
	return json(page)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const token = params.token ?? ''
	const formData = await readCheckedForm(request)
	const { user, page } = await invitation(request, token)
	const parsed = parseSubmission(formData, JoinFormSchema)
	if (!parsed.ok) return parsed.response
	const outcome = await attempt(
		() => joinGroup(user, { token, holderId: parsed.value.holderId, showFullName: parsed.value.showFullName }),
		{ inline: true },
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(`/groups/${page.group.id}?done=joined`)
}

export default function JoinGroup() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const joinable = data.holders.filter((h) => !h.member)
	const [form, fields] = useConformForm(JoinFormSchema, {
		id: 'join-group',
		lastResult: actionData?.result,
		defaultValue: joinable.length === 1 ? { holderId: joinable[0]!.id } : undefined,
	})
	return (
		<div className="max-w-3xl">
			<h1 className="text-3xl font-bold">Join {data.group.name}</h1>
			<p className="mt-2">
				{data.group.organiserName} started this group{data.group.town ? ` in ${data.group.town}` : ''}.
			</p>
			<p className="mt-3 whitespace-pre-line">{data.group.description}</p>
			<p className="mt-3">
				Joining costs nothing. You see the group’s members and messages, and you can pledge when it chooses a provider.
			</p>
			{data.holders.some((h) => h.member) ? (
				<p className="mt-3">
					Already in the group:{' '}
					{data.holders
						.filter((h) => h.member)
						.map((h) => h.name)
						.join(', ')}
					.{' '}
					<Link to={`/groups/${data.group.id}`} className={linkClass}>
						Go to the group
					</Link>
				</p>
			) : null}
			{data.holders.length === 0 ? (
				<p className="mt-6">
					Only someone with a budget, or someone who books or pays for them, can join. Your account has no budget to
					join with.
				</p>
			) : joinable.length === 0 ? null : (
				<div className="mt-6">
					<PostForm form={form} fields={[fields.holderId, fields.showFullName]}>
						<RadioFormField
							field={fields.holderId}
							legend="Who is joining?"
							options={joinable.map((h) => ({ value: h.id, label: h.name }))}
						/>
						<div className="mb-5 flex items-start gap-2">
							<input type="checkbox" id="show-full-name" name={fields.showFullName.name} className="mt-1.5 h-5 w-5" />
							<label htmlFor="show-full-name">
								Show their full name to the group (otherwise the group sees the first name only)
							</label>
						</div>
						<SubmitButton>Join the group</SubmitButton>
					</PostForm>
				</div>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
