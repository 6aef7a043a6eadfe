import { getFormProps } from '@conform-to/react'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CsrfInput, ErrorSummary, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { holderCurrency } from '#app/domain/money/holder-money.server.ts'
import { newIdempotencyKey } from '#app/domain/money/idempotency.server.ts'
import { initiatorForHolder } from '#app/domain/money/initiator.server.ts'
import { topUpStatusLabels } from '#app/domain/money/labels.ts'
import { topUpSchema } from '#app/domain/money/schemas.ts'
import { getTopUp, startTopUp, TOP_UP_LIMITS } from '#app/domain/money/top-ups.server.ts'
import { getHolderSummary } from '#app/domain/people/account.server.ts'
import { requireHolderRight } from '#app/domain/people/rights.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Add money to ${data.holder.displayName}’s budget | Budget Market` : 'Add money | Budget Market' },
]

async function holderFor(request: Request, holderId: string) {
	const user = await requireUser(request)
	await requireHolderRight(user, holderId, 'PAY')
	const holder = await getHolderSummary(holderId)
	if (!holder) throw new Response('Not found', { status: 404 })
	return { user, holder }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const holderId = params.holderId ?? ''
	const { holder } = await holderFor(request, holderId)
	const url = new URL(request.url)
	const returned = url.searchParams.get('topUp') ?? url.searchParams.get('cancelled')
	const topUp = returned ? await getTopUp(holderId, returned) : null
	const currency = await holderCurrency(holderId)
	return json({
		holder: { id: holder.id, displayName: holder.displayName },
		currency,
		enabled: isStripeEnabled(),
		idempotencyKey: newIdempotencyKey(),
		limits: TOP_UP_LIMITS,
		returned: topUp ? { ...topUp, cancelled: url.searchParams.has('cancelled') } : null,
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const holderId = params.holderId ?? ''
	const { user } = await holderFor(request, holderId)
	const currency = await holderCurrency(holderId)
	const parsed = parseSubmission(formData, topUpSchema(currency))
	if (!parsed.ok) return parsed.response
	// Inline: every refusal is shown on the form, "You cannot act for this person" (a 404) as a 400; Stripe failing, 502.
	const outcome = await attempt(
		async () =>
			startTopUp({
				holderId,
				amount: parsed.value.amount,
				idempotencyKey: parsed.value.idempotencyKey,
				initiator: await initiatorForHolder(user, holderId),
				origin: publicOrigin(),
			}),
		{ inline: true },
	)
	if (!outcome.ok) return refusal(parsed.submission, outcome.error, {}, { notFoundOnForm: true })
	return redirect(outcome.value.checkoutUrl)
}

export default function TopUp() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const schema = topUpSchema(data.currency)
	const [form, fields] = useConformForm(schema, { id: 'top-up', lastResult: actionData?.result })
	const moneyPage = `/holders/${data.holder.id}/money`
	const { returned } = data
	return (
		<div className="max-w-2xl">
			<LinkLine to={moneyPage}>Back to {data.holder.displayName}’s money</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">Add money by card</h1>
			{returned ? (
				<Notice>
					{returned.status === 'SUCCEEDED' ? (
						<p>
							{formatMoney(returned.amountPence, returned.currency)} has been added to the budget.{' '}
							<Link to={moneyPage} className={linkClass}>
								See the balance
							</Link>
						</p>
					) : returned.status === 'FAILED' ? (
						<p>{topUpStatusLabels.FAILED}. Nothing was added. You can try again below.</p>
					) : returned.cancelled ? (
						<p>You left the card payment page. Nothing was taken. You can try again below.</p>
					) : (
						<p>
							Thank you. We are waiting for the card payment service to confirm the payment of{' '}
							{formatMoney(returned.amountPence, returned.currency)}. It is added to the budget as soon as it is
							confirmed, usually within a minute.{' '}
							<Link to={`?topUp=${encodeURIComponent(returned.id)}`} className={linkClass}>
								Check again
							</Link>
						</p>
					)}
				</Notice>
			) : null}
			{data.enabled ? (
				<>
					<p className="mt-2">
						You can add your own money to {data.holder.displayName}’s budget, for example to pay for something that
						costs more than the budget allows. You pay on Stripe’s secure card payment page, then come back here. There
						is no fee for adding money.
					</p>
					<div className="mt-6">
						<ErrorSummary
							formErrors={form.errors}
							fieldErrors={{ amount: fields.amount.errors }}
							fieldIds={{ amount: fields.amount.id }}
						/>
						<Form method="post" {...getFormProps(form)}>
							<CsrfInput />
							<input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
							<TextField
								field={fields.amount}
								label={`How much to add (${data.currency})`}
								hint={`From ${formatMoney(data.limits.min, data.currency)} to ${formatMoney(data.limits.max, data.currency)}, for example 25.00`}
								inputMode="decimal"
								autoComplete="off"
							/>
							<SubmitButton>Continue to card payment</SubmitButton>
						</Form>
					</div>
				</>
			) : (
				<p className="mt-2">
					Card top-ups are not available on this service. The budget is paid by {data.holder.displayName}’s funder.
				</p>
			)}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
