import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput } from '#app/components/ui/forms.tsx'
import { createSession, getSessionUser } from '#app/domain/people/auth.server.ts'
import { homePathOf } from '#app/domain/people/home.server.ts'
import { confirmSignUp, findConfirmation } from '#app/domain/people/sign-up.server.ts'
import { readDevice, rememberDevice } from '#app/utils/device.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { commitSessionId, safeRedirect, signUpCookie } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Finish creating your account | Budget Market' }]

const notWorking = () =>
	new Response('Not found', {
		status: 404,
		statusText: 'This link does not work any more. It may have been used already or be more than a day old.',
	})

/** Opening the link changes nothing (mail scanners open links too): the button does. */
export async function loader({ params }: LoaderFunctionArgs) {
	const pending = await findConfirmation(params.token ?? '')
	if (!pending) throw notWorking()
	return json({ name: pending.name, email: pending.email })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const token = params.token ?? ''
	if (!(await findConfirmation(token))) throw notWorking()
	if (formData.get('intent') !== 'confirm') {
		throw new Response('Bad request', { status: 400, statusText: 'Press the Finish and sign in button to confirm.' })
	}
	const confirmed = await confirmSignUp(token)
	if (!confirmed) throw notWorking()
	const session = await createSession(confirmed.userId, request.headers.get('user-agent'))
	const headers = new Headers()
	headers.append('Set-Cookie', await commitSessionId(session.id))
	headers.append('Set-Cookie', await rememberDevice(await readDevice(request), confirmed.email))
	headers.append('Set-Cookie', await signUpCookie.serialize('', { maxAge: 0 }))
	// To where they were going (an invitation, say), else their home, which welcomes a new person (issue 12).
	const user = await getSessionUser(session.id)
	const home = user ? await homePathOf(user) : '/account'
	return redirect(confirmed.redirectTo ? safeRedirect(confirmed.redirectTo, home) : home, { headers })
}

export default function ConfirmSignUp() {
	const { name, email } = useLoaderData<typeof loader>()
	const busy = useNavigation().state === 'submitting'
	return (
		<div className="max-w-2xl">
			<h1 className="text-3xl font-bold">Finish creating your account</h1>
			<p className="mt-4">
				Welcome, {name}. Press the button to confirm that {email} is your email address. You will then be signed in.
			</p>
			<Form method="post" className="mt-4">
				<CsrfInput />
				<Button type="submit" name="intent" value="confirm" disabled={busy}>
					Finish and sign in
				</Button>
			</Form>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
