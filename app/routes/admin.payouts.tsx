import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CsrfInput } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { Cell, Row, RowHead, StackedTable } from '#app/components/ui/table.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { ErrorLine, Notice } from '#app/components/ui/notice.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { payoutStatusLabels } from '#app/domain/money/labels.ts'
import { markPayoutPaid, retryPayout } from '#app/domain/money/payouts.server.ts'
import { payoutsForAdmin } from '#app/domain/money/provider-money.server.ts'
import { PayoutActionSchema } from '#app/domain/money/schemas.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { formatDay } from '#app/utils/dates.ts'
import { attempt } from '#app/utils/route-errors.server.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'

export const meta: MetaFunction = () => [{ title: 'Payouts to providers | Budget Market' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['ADMIN'])
	return json({ ...(await payoutsForAdmin()), stripe: isStripeEnabled() })
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const admin = await requireRole(request, ['ADMIN'])
	const submission = parseWithZod(formData, { schema: PayoutActionSchema })
	if (submission.status !== 'success') {
		const payoutId = formData.get('payoutId')
		return json(
			{
				payoutId: typeof payoutId === 'string' ? payoutId : null,
				error: Object.values(submission.error ?? {}).flat()[0] ?? 'Something in the form was not right.',
			},
			{ status: 400 },
		)
	}
	const { payoutId } = submission.value
	const outcome = await attempt(() =>
		submission.value.intent === 'mark-paid'
			? markPayoutPaid({ payoutId, adminUserId: admin.id, note: submission.value.note })
			: retryPayout({ payoutId, adminUserId: admin.id }),
	)
	if (!outcome.ok) return json({ payoutId, error: outcome.error.message }, { status: outcome.error.status })
	const payout = outcome.value
	return redirect(`/admin/payouts?${new URLSearchParams({ done: payout.id, status: payout.status })}`)
}

export default function AdminPayouts() {
	const { open, recent, stripe } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [params] = useSearchParams()
	const done = params.get('done')
	const doneStatus = params.get('status')
	return (
		<div>
			<h1 className="text-3xl font-bold">Payouts to providers</h1>
			{done && doneStatus ? (
				<Notice>
					<p>The payout is now: {payoutStatusLabels[doneStatus as keyof typeof payoutStatusLabels] ?? doneStatus}.</p>
				</Notice>
			) : null}
			<p className="mt-2 max-w-3xl">
				{stripe
					? 'Payouts are sent through Stripe Connect as soon as a session is confirmed. Those below are waiting for a provider to set up payouts, are on their way, or were refused by Stripe.'
					: 'Stripe is not set up on this service, so payouts are not sent automatically. Pay each provider by bank transfer, then mark the payout paid here.'}
			</p>

			<Section headingId="open-heading" title={<>Waiting ({open.length})</>} className="mt-6">
				{open.length === 0 ? (
					<p className="mt-2">Nothing is waiting.</p>
				) : (
					<StackedTable
						className="mt-2"
						caption="Payouts waiting, oldest first"
						minWidth="min-w-[48rem]"
						columns={[
							{ label: 'Provider' },
							{ label: 'Amount', numeric: true },
							{ label: 'Since' },
							{ label: 'Status' },
							{ label: 'Action' },
						]}
					>
						{open.map((p) => {
							const money = formatMoney(p.amountPence, p.currency)
							const error = actionData?.payoutId === p.id ? actionData.error : null
							const noteId = `note-${p.id}`
							return (
								<Row key={p.id}>
									<RowHead>
										<Link to={`/providers/${p.provider.slug}`} className={linkClass}>
											{p.provider.name}
										</Link>
									</RowHead>
									<Cell label="Amount" numeric>
										{money}
									</Cell>
									<Cell label="Since">{formatDay(p.createdAt)}</Cell>
									<Cell label="Status">
										<strong>{payoutStatusLabels[p.status]}</strong>
										{p.failureReason ? <span className="block">{p.failureReason}</span> : null}
									</Cell>
									<Cell>
										{error ? <ErrorLine className="mb-2">{error}</ErrorLine> : null}
										{p.status !== 'IN_TRANSIT' ? (
											<Form method="post" className="flex flex-wrap items-end gap-2">
												<CsrfInput />
												<input type="hidden" name="payoutId" value={p.id} />
												<div>
													<label htmlFor={noteId} className="block text-sm font-semibold">
														Payment reference (optional)
													</label>
													<input
														id={noteId}
														name="note"
														maxLength={200}
														className="mt-1 w-44 rounded border-2 border-gray-800 px-2 py-1"
													/>
												</div>
												<button
													type="submit"
													name="intent"
													value="mark-paid"
													disabled={navigation.state === 'submitting'}
													className="rounded bg-brand-700 px-3 py-1 font-semibold text-white hover:bg-brand-800"
												>
													Mark {money} to {p.provider.name} as paid
												</button>
												{stripe && p.status === 'FAILED' ? (
													<button
														type="submit"
														name="intent"
														value="retry"
														disabled={navigation.state === 'submitting'}
														className="rounded border-2 border-brand-700 px-3 py-1 font-semibold text-brand-700"
													>
														Send through Stripe again
													</button>
												) : null}
											</Form>
										) : (
											<span>Being sent by Stripe.</span>
										)}
									</Cell>
								</Row>
							)
						})}
					</StackedTable>
				)}
			</Section>

			<Section headingId="recent-heading" title="Recently paid" className="mt-8">
				{recent.length === 0 ? (
					<p className="mt-2">No payouts have been paid yet.</p>
				) : (
					<ul className="mt-2 space-y-1">
						{recent.map((p) => (
							<li key={p.id}>
								{formatMoney(p.amountPence, p.currency)} to {p.provider.name}
								{p.paidAt ? ` on ${formatDay(p.paidAt)}` : ''}
							</li>
						))}
					</ul>
				)}
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
