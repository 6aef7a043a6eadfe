import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput, ErrorSummary, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { createSession, getSessionUser, signIn } from '#app/domain/people/auth.server.ts'
import { DEMO_PASSWORD, demoAccounts } from '#app/domain/people/demo-accounts.ts'
import { homePathOf } from '#app/domain/people/home.server.ts'
import { SignInSchema } from '#app/domain/people/schemas.ts'
import { clientIp, requireAnonymous } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { readDevice, rememberDevice } from '#app/utils/device.server.ts'
import { isDemoMode } from '#app/utils/env.server.ts'
import { commitSessionId, safeRedirect } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return json({ demoAccounts: isDemoMode() ? demoAccounts : null, demoPassword: isDemoMode() ? DEMO_PASSWORD : null })
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const submission = parseWithZod(formData, { schema: SignInSchema })
	if (submission.status !== 'success') {
		return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const { email, password, redirectTo } = submission.value
	const device = await readDevice(request)
	const outcome = await signIn(email, password, clientIp(context), device)
	if (!outcome.ok) {
		const limited = outcome.reason === 'rate-limited'
		const message = limited
			? `There have been too many attempts to sign in. Wait ${waitText(outcome.retryAfterSeconds)} and try again.`
			: outcome.reason === 'unconfirmed'
				? 'Your account is not finished yet. Open the link we emailed to you when you signed up. No email? Sign up again with the same address to get a new link.'
				: 'The email address or password is not right. Check them and try again.'
		return json(
			{ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) },
			{
				status: limited ? 429 : 400,
				headers: limited ? { 'Retry-After': String(outcome.retryAfterSeconds) } : undefined,
			},
		)
	}
	const session = await createSession(outcome.userId, request.headers.get('user-agent'))
	const headers = new Headers()
	headers.append('Set-Cookie', await commitSessionId(session.id))
	headers.append('Set-Cookie', await rememberDevice(device, email))
	// Each person lands on their own home (ADR 021), unless they were on their way somewhere.
	const user = await getSessionUser(session.id)
	const home = user ? await homePathOf(user) : '/account'
	return redirect(safeRedirect(redirectTo, home), { headers })
}

function waitText(seconds: number): string {
	if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`
	const minutes = Math.ceil(seconds / 60)
	return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

export default function SignIn() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const [form, fields] = useConformForm(SignInSchema, {
		id: 'sign-in',
		lastResult: actionData?.result,
		constraint: true,
	})
	return (
		<div className="grid gap-10 md:grid-cols-2">
			<div>
				<h1 className="mb-6 text-3xl font-bold">Sign in</h1>
				<ErrorSummary
					formErrors={form.errors}
					fieldErrors={{ email: fields.email.errors, password: fields.password.errors }}
					fieldIds={{ email: fields.email.id, password: fields.password.id }}
				/>
				<Form method="post" {...getFormProps(form)}>
					<CsrfInput />
					<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
					<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
					<TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
					<SubmitButton>Sign in</SubmitButton>
				</Form>
				<p className="mt-6">
					New here?{' '}
					<Link
						to={
							searchParams.get('redirectTo')
								? `/signup?${new URLSearchParams({ redirectTo: searchParams.get('redirectTo')! })}`
								: '/signup'
						}
						className="text-brand-700 underline"
					>
						Create an account
					</Link>
				</p>
			</div>
			{data.demoAccounts ? (
				<Section
					headingId="demo-heading"
					title="Demo accounts"
					className="rounded border-2 border-brand-100 bg-brand-50 p-4"
					headingClassName="text-xl font-bold"
				>
					<p className="mt-2">
						This is a demonstration. Every demo account uses the password{' '}
						<code className="font-mono font-bold">{data.demoPassword}</code>.
					</p>
					<ul className="mt-3 space-y-2">
						{data.demoAccounts.map((a) => (
							<li key={a.email}>
								<code className="font-mono">{a.email}</code>: {a.description}
							</li>
						))}
					</ul>
				</Section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
