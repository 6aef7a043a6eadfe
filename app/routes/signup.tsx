import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import {
	CsrfInput,
	ErrorSummary,
	RadioGroup,
	SelectFormField,
	SubmitButton,
	TextField,
} from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { chargeSignUp, funderExists, listFundersForSignUp } from '#app/domain/people/auth.server.ts'
import { signUp } from '#app/domain/people/sign-up.server.ts'
import { SIGN_UP_ROLES, signUpRoleLabels, SignUpSchema } from '#app/domain/people/schemas.ts'
import { clientIp, requireAnonymous } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { safeRedirect, signUpCookie } from '#app/utils/session.server.ts'

export const meta: MetaFunction = () => [{ title: 'Create an account | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const wanted = new URL(request.url).searchParams.get('redirectTo')
	return json({ funders: await listFundersForSignUp(), redirectTo: wanted ? safeRedirect(wanted) : null })
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const submission = await parseWithZod(formData, {
		schema: SignUpSchema.superRefine(async (value, ctx) => {
			if (value.role === 'HOLDER' && value.funderId && !(await funderExists(value.funderId))) {
				ctx.addIssue({ code: 'custom', path: ['funderId'], message: 'Choose a funder from the list' })
			}
		}),
		async: true,
	})
	if (submission.status !== 'success') {
		return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const allowed = await chargeSignUp(clientIp(context))
	if (!allowed.ok) {
		return json(
			{
				result: submission.reply({
					formErrors: ['Too many accounts have been made from here. Wait a while and try again.'],
					hideFields: ['password'],
				}),
			},
			{ status: 429, headers: { 'Retry-After': String(allowed.retryAfterSeconds) } },
		)
	}
	// The same answer whether or not the email has an account: the email says which (ADR 016).
	const wanted = formData.get('redirectTo')
	const { email } = await signUp(submission.value, { redirectTo: wanted ? safeRedirect(wanted) : null })
	return redirect('/signup/check-email', { headers: { 'Set-Cookie': await signUpCookie.serialize(email) } })
}

export default function SignUp() {
	const { funders, redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useConformForm(SignUpSchema, {
		id: 'sign-up',
		lastResult: actionData?.result,
		constraint: true,
	})
	const roleId = `${form.id}-role`
	return (
		<div className="max-w-2xl">
			<h1 className="mb-2 text-3xl font-bold">Create an account</h1>
			<p className="mb-6">
				It takes a minute. We will email you a link to finish. You can add more about yourself later.
			</p>
			<ErrorSummary
				formErrors={form.errors}
				fieldErrors={{
					name: fields.name.errors,
					email: fields.email.errors,
					password: fields.password.errors,
					role: fields.role.errors,
					funderId: fields.funderId.errors,
				}}
				fieldIds={{
					name: fields.name.id,
					email: fields.email.id,
					password: fields.password.id,
					role: roleId,
					funderId: fields.funderId.id,
				}}
			/>
			<Form method="post" {...getFormProps(form)}>
				<CsrfInput />
				{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
				<TextField field={fields.name} label="Your name" autoComplete="name" />
				<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
				<TextField
					field={fields.password}
					label="Choose a password"
					hint="At least 10 characters. A few words together are easy to remember and hard to guess."
					type="password"
					autoComplete="new-password"
				/>
				<RadioGroup
					id={roleId}
					legend="What describes you?"
					name={fields.role.name}
					errors={fields.role.errors}
					defaultValue={fields.role.initialValue as string | undefined}
					options={SIGN_UP_ROLES.map((r) => ({ value: r, label: signUpRoleLabels[r] }))}
				/>
				<SelectFormField
					field={fields.funderId}
					label="Who funds your budget?"
					hint="Only if you have a personal budget. Ask your council if you are not sure."
					options={[
						{ value: '', label: 'Choose your funder' },
						...funders.map((f) => ({ value: f.id, label: f.name })),
					]}
				/>
				<SubmitButton>Create account</SubmitButton>
			</Form>
			<p className="mt-6">
				Already have an account?{' '}
				<Link to="/login" className="text-brand-700 underline">
					Sign in
				</Link>
			</p>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
