import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Figure } from '#app/components/money/money-ui.tsx'
import { CsrfInput, ErrorSummary } from '#app/components/ui/forms.tsx'
import { Cell, Row, StackedTable } from '#app/components/ui/table.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { payoutStatusHelp, payoutStatusLabels } from '#app/domain/money/labels.ts'
import { connectStatus, startConnectOnboarding } from '#app/domain/money/payouts.server.ts'
import { getProviderMoney } from '#app/domain/money/provider-money.server.ts'
import { ConnectSchema } from '#app/domain/money/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { attempt } from '#app/utils/route-errors.server.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'

export const meta: MetaFunction = () => [{ title: 'Money and payouts | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, ['PROVIDER'])
	const providers = await getProviderMoney(user.id)
	const stripe = isStripeEnabled()
	const withStatus = await Promise.all(
		providers.map(async (p) => ({
			...p,
			connect: stripe && p.stripeAccountId ? await connectStatus(p.stripeAccountId) : null,
		})),
	)
	return json({ providers: withStatus, stripe })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireRole(request, ['PROVIDER'])
	const submission = parseWithZod(formData, { schema: ConnectSchema })
	if (submission.status !== 'success')
		return json({ error: 'Choose which profile to set up payouts for.' }, { status: 400 })
	const outcome = await attempt(() =>
		startConnectOnboarding({
			providerId: submission.value.providerId,
			ownerId: user.id,
			ownerEmail: user.email,
			origin: publicOrigin(),
		}),
	)
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect(outcome.value)
}

export default function ProviderMoney() {
	const { providers, stripe } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [params] = useSearchParams()
	return (
		<div>
			<h1 className="text-3xl font-bold">Money and payouts</h1>
			{params.get('onboarding') === 'done' ? (
				<Notice>
					<p>Thank you. Stripe will tell us when your details are checked; until then, payouts wait here safely.</p>
				</Notice>
			) : null}
			{actionData?.error ? <ErrorSummary formErrors={[actionData.error]} /> : null}
			<p className="mt-2 max-w-3xl">
				When a person confirms that a session took place, the money for it is paid out to you at once, in full: there is
				no charge for payouts.
			</p>
			{providers.length === 0 ? (
				<p className="mt-4">
					You have no provider profile yet, so nothing is paid to you.{' '}
					<Link to="/provider" className={linkClass}>
						Back to your dashboard
					</Link>
					.
				</p>
			) : null}
			{providers.map((p) => (
				<section key={p.id} aria-labelledby={`provider-${p.id}`} className="mt-8">
					<h2 id={`provider-${p.id}`} className="text-2xl font-bold">
						<Link to={`/providers/${p.slug}`} className="underline">
							{p.name}
						</Link>
					</h2>
					{p.balances.length === 0 ? (
						<p className="mt-2">No money has been paid to you yet.</p>
					) : (
						p.balances.map((b) => (
							<dl key={b.currency} className="mt-3 grid gap-4 sm:grid-cols-3">
								<Figure
									label="Money due to you"
									amount={b.due}
									currency={b.currency}
									hint="Confirmed, not yet in a payout."
								/>
								<Figure label="Being paid out" amount={b.beingPaid} currency={b.currency} />
								<Figure label="Paid out" amount={b.paidOut} currency={b.currency} />
							</dl>
						))
					)}

					<h3 className="mt-6 text-xl font-bold">How you are paid</h3>
					{!stripe ? (
						<p className="mt-2">
							Payouts are made by the Budget Market team by bank transfer. Each payout shows “Awaiting payout” until the
							team marks it paid.
						</p>
					) : p.stripeAccountId ? (
						<div className="mt-2">
							<p>
								Payouts go to your Stripe account.{' '}
								{p.connect
									? p.connect.payoutsEnabled
										? 'Stripe has checked your details: payouts are on.'
										: 'Stripe still needs some details before it can pay you.'
									: 'We could not reach Stripe just now to check your account.'}
							</p>
							{p.connect && !p.connect.payoutsEnabled ? (
								<Form method="post" className="mt-2">
									<CsrfInput />
									<input type="hidden" name="intent" value="connect" />
									<input type="hidden" name="providerId" value={p.id} />
									<button
										type="submit"
										className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
									>
										Finish setting up payouts for {p.name}
									</button>
								</Form>
							) : null}
						</div>
					) : (
						<Form method="post" className="mt-2">
							<CsrfInput />
							<input type="hidden" name="intent" value="connect" />
							<input type="hidden" name="providerId" value={p.id} />
							<p className="mb-2">
								To be paid, set up payouts with Stripe, our payment provider. It takes about five minutes.
							</p>
							<button
								type="submit"
								disabled={navigation.state === 'submitting'}
								className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
							>
								Set up payouts for {p.name}
							</button>
						</Form>
					)}

					<h3 className="mt-6 text-xl font-bold">Payouts</h3>
					{p.payouts.length === 0 ? (
						<p className="mt-2">No payouts yet.</p>
					) : (
						<StackedTable
							className="mt-2"
							caption={<>Payouts to {p.name}, newest first</>}
							minWidth="min-w-[36rem]"
							columns={[{ label: 'Started' }, { label: 'Amount', numeric: true }, { label: 'Status' }]}
						>
							{p.payouts.map((x) => (
								<Row key={x.id}>
									<Cell label="Started">{formatDay(x.createdAt)}</Cell>
									<Cell label="Amount" numeric>
										{formatMoney(x.amount, x.currency)}
									</Cell>
									<Cell label="Status">
										<strong>{payoutStatusLabels[x.status]}</strong>
										{x.status === 'PAID' && x.paidAt ? ` on ${formatDay(x.paidAt)}` : ''}.{' '}
										{x.status === 'PAID' ? '' : (x.failureReason ?? payoutStatusHelp[x.status])}
									</Cell>
								</Row>
							))}
						</StackedTable>
					)}
				</section>
			))}
			<LinkLine to="/account" className="mt-8">
				Back to my account
			</LinkLine>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
