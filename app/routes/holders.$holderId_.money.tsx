import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useLocation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Figure, PrintButton, PrintStyles, signedMoney } from '#app/components/money/money-ui.tsx'
import { Cell, cellClass, Row, RowHead, StackedTable } from '#app/components/ui/table.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { getHolderMoneyWith } from '#app/domain/money/holder-money.server.ts'
import { statementFilterFrom } from '#app/domain/money/schemas.ts'
import { getStatement } from '#app/domain/money/statements.server.ts'
import { requireHolderRight } from '#app/domain/people/rights.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDay, formatMonth } from '#app/utils/dates.ts'
import { isStripeEnabled } from '#app/utils/stripe.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.money.holder.displayName}: money | Budget Market` : 'Money | Budget Market' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	const rights = await requireHolderRight(user, holderId, 'VIEW')
	const filter = statementFilterFrom(new URL(request.url))
	// One read of the holder's accounts for both halves of the page (issue 14).
	const page = await getHolderMoneyWith(holderId, (accounts) => getStatement(holderId, filter, filter.page, accounts))
	if (!page) throw new Response('Not found', { status: 404 })
	const { money, statement } = page
	return json({ money, statement, filter, canTopUp: rights.has('PAY') && isStripeEnabled() })
}

export default function HolderMoney() {
	const { money, statement, filter, canTopUp } = useLoaderData<typeof loader>()
	const location = useLocation()
	const search = new URLSearchParams(location.search)
	const { currency } = money
	const m = (n: number) => formatMoney(n, currency)
	const lines = money.plan?.lines ?? []
	const categoryName =
		filter.category === 'in'
			? 'money in'
			: filter.category === 'none'
				? 'spending not against a budget line'
				: lines.find((l) => l.id === filter.category)?.name
	const csvParams = new URLSearchParams()
	if (filter.month) csvParams.set('month', filter.month)
	if (filter.category) csvParams.set('category', filter.category)
	const csvHref = `/holders/${money.holder.id}/statement.csv${csvParams.size ? `?${csvParams}` : ''}`

	return (
		<div>
			<PrintStyles />
			<LinkLine to={`/holders/${money.holder.id}`} className="print:hidden">
				Back to {money.holder.displayName}’s budget and plan
			</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{money.holder.displayName}: money</h1>
			<p className="mt-2">
				Personal budget from {money.holder.funderName}. Amounts in {currency}.
			</p>

			<Section headingId="balance-heading" title="Balance" className="mt-6">
				<dl className="mt-3 grid gap-4 sm:grid-cols-3">
					<Figure label="Available to spend" amount={money.available} currency={currency} />
					<Figure
						label="Held for bookings"
						amount={money.held}
						currency={currency}
						hint="Set aside until the support happens."
					/>
					<Figure label="Spent" amount={money.spent} currency={currency} />
				</dl>
				<p className="mt-3">
					{money.holder.funderName} has paid {m(money.allocated)} into this budget so far
					{money.toppedUp > 0 ? `, and ${m(money.toppedUp)} was added by card` : ''}.
				</p>
				{canTopUp ? (
					<LinkLine to={`/holders/${money.holder.id}/top-up`} className="mt-2 print:hidden">
						Add money by card
					</LinkLine>
				) : null}
			</Section>

			<Section headingId="upcoming-heading" title="Upcoming payments into the budget" className="mt-8">
				{money.upcoming.length === 0 ? (
					<p className="mt-2">
						No payments are planned. {money.holder.funderName} pays money into the budget: ask them when the next
						payment comes.
					</p>
				) : (
					<ul className="mt-2 space-y-1">
						{money.upcoming.map((i) => (
							<li key={i.id}>
								{m(i.amount)} from {i.funderName} on {formatDay(i.dueOn)}
							</li>
						))}
					</ul>
				)}
			</Section>

			<Section headingId="lines-heading" title="Spending by budget line" className="mt-8">
				{money.plan ? (
					<>
						<p className="mt-2 max-w-3xl">
							Your support plan splits the budget into parts, called budget lines. They show where the money goes. You
							can spend more on one line and less on another, unless the funder keeps money for a line.
						</p>
						<StackedTable
							caption="Spending by budget line"
							minWidth="min-w-[36rem]"
							columns={[
								{ label: 'Budget line' },
								{ label: 'In the plan', numeric: true },
								{ label: 'Spent', numeric: true },
								{ label: 'Held', numeric: true },
								{ label: 'Left on the line', numeric: true },
							]}
						>
							{lines.map((l) => (
								<Row key={l.id}>
									<RowHead>
										{l.name}
										{l.ringFenced ? (
											<span className="block text-gray-700">
												The funder keeps {m(l.setAside)} of the money paid in for this line only.
											</span>
										) : null}
									</RowHead>
									<Cell label="In the plan" numeric>
										{m(l.amount)}
									</Cell>
									<Cell label="Spent" numeric>
										{m(l.spent)}
									</Cell>
									<Cell label="Held" numeric>
										{m(l.held)}
									</Cell>
									<Cell label="Left on the line" numeric>
										{l.left < 0 ? `${m(-l.left)} over` : m(l.left)}
									</Cell>
								</Row>
							))}
							{money.unassigned.spent > 0 || money.unassigned.held > 0 ? (
								<Row>
									<RowHead>Not against a budget line</RowHead>
									<Cell label="In the plan" numeric>
										–
									</Cell>
									<Cell label="Spent" numeric>
										{m(money.unassigned.spent)}
									</Cell>
									<Cell label="Held" numeric>
										{m(money.unassigned.held)}
									</Cell>
									<Cell label="Left on the line" numeric>
										–
									</Cell>
								</Row>
							) : null}
						</StackedTable>
					</>
				) : (
					<p className="mt-2">There is no agreed support plan yet, so spending is not divided into lines.</p>
				)}
			</Section>

			<Section headingId="statement-heading" title="Statement" className="mt-8">
				<Form method="get" className="mt-3 flex flex-wrap items-end gap-4 print:hidden">
					<div>
						<label htmlFor="statement-month" className="block font-semibold">
							Month
						</label>
						<select
							id="statement-month"
							name="month"
							defaultValue={filter.month ?? ''}
							className="mt-1 rounded border-2 border-gray-800 bg-white px-3 py-2"
						>
							<option value="">All months</option>
							{statement.months.map((month) => (
								<option key={month} value={month}>
									{formatMonth(month)}
								</option>
							))}
						</select>
					</div>
					<div>
						<label htmlFor="statement-category" className="block font-semibold">
							Category
						</label>
						<select
							id="statement-category"
							name="category"
							defaultValue={filter.category ?? ''}
							className="mt-1 rounded border-2 border-gray-800 bg-white px-3 py-2"
						>
							<option value="">Everything</option>
							<option value="in">Money in</option>
							{lines.map((l) => (
								<option key={l.id} value={l.id}>
									{l.name}
								</option>
							))}
							<option value="none">Not against a budget line</option>
						</select>
					</div>
					<button type="submit" className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
						Show
					</button>
				</Form>
				<p className="mt-4" role="status">
					{statement.count} {statement.count === 1 ? 'movement' : 'movements'}
					{filter.month ? ` in ${formatMonth(filter.month)}` : ''}
					{categoryName ? `, ${categoryName}` : ''}.
				</p>
				<p className="mt-2 flex flex-wrap items-center gap-4 print:hidden">
					<a href={csvHref} className={linkClass} download>
						Download as a spreadsheet (CSV)
					</a>
					<PrintButton>Print or save as PDF</PrintButton>
				</p>
				{statement.count === 0 ? (
					<p className="mt-4">
						{filter.month || filter.category
							? 'No money has moved for what you chose. Choose another month or category.'
							: `No money has moved yet. When ${money.holder.funderName} pays in, or support is paid for, it shows here.`}
					</p>
				) : (
					<StackedTable
						className="mt-4"
						caption={<>Statement{filter.month ? ` for ${formatMonth(filter.month)}` : ''}, newest first</>}
						minWidth="min-w-[48rem]"
						columns={[
							{ label: 'Date' },
							{ label: 'What happened' },
							{ label: 'Category' },
							{ label: 'Done by' },
							{ label: 'Money in', numeric: true },
							{ label: 'Money out', numeric: true },
							{ label: 'Change in money held', numeric: true },
						]}
						footer={
							<tr className="border-t-2 border-gray-800 font-bold">
								<th scope="row" colSpan={4} className={`${cellClass.td} text-left`}>
									Total{statement.pageCount > 1 ? ' (all pages)' : ''}
								</th>
								<Cell label="Money in" numeric nowrap>
									{m(statement.totals.moneyIn)}
								</Cell>
								<Cell label="Money out" numeric nowrap>
									{m(statement.totals.moneyOut)}
								</Cell>
								<Cell label="Change in money held" numeric nowrap>
									{signedMoney(statement.totals.heldChange, currency) || m(0)}
								</Cell>
							</tr>
						}
					>
						{statement.rows.map((r) => (
							<Row key={r.id}>
								<Cell label="Date" nowrap>
									{formatDay(r.date)}
								</Cell>
								<Cell label="What happened">{r.description}</Cell>
								<Cell label="Category">{r.category}</Cell>
								<Cell label="Done by">{r.by}</Cell>
								<Cell label="Money in" numeric nowrap>
									{r.moneyIn ? m(r.moneyIn) : ''}
								</Cell>
								<Cell label="Money out" numeric nowrap>
									{r.moneyOut ? m(r.moneyOut) : ''}
								</Cell>
								<Cell label="Change in money held" numeric nowrap>
									{signedMoney(r.heldChange, currency)}
								</Cell>
							</Row>
						))}
					</StackedTable>
				)}
				<Pagination page={statement.page} pageCount={statement.pageCount} search={search} label="Statement pages" />
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
