/**
 * The price of something with the platform fee as its own line, shown before anyone pays (issue 5's booking page
 * shows this; the fee stored with the booking is the fee shown here). With no fee the row says “Platform fee: None”.
 */
import { formatMoney } from '#app/domain/money/amounts.ts'
import { type PriceBreakdown as Breakdown, feeLabel } from '#app/domain/money/fees.ts'

export function PriceBreakdown({ breakdown, priceLabel = 'Price' }: { breakdown: Breakdown; priceLabel?: string }) {
	const money = (n: number) => formatMoney(n, breakdown.currency)
	return (
		<table className="w-full max-w-md text-left">
			<caption className="sr-only">What you pay</caption>
			<tbody>
				<tr className="border-b border-gray-300">
					<th scope="row" className="py-1 font-normal">
						{priceLabel}
					</th>
					<td className="py-1 text-right">{money(breakdown.price)}</td>
				</tr>
				<tr className="border-b border-gray-300">
					<th scope="row" className="py-1 font-normal">
						{breakdown.feeBps === 0 ? 'Platform fee' : feeLabel(breakdown.feeBps)}
					</th>
					{/* Said once: "Platform fee: None", never "No platform fee: None". */}
					<td className="py-1 text-right">{breakdown.feeBps === 0 ? 'None' : money(breakdown.fee)}</td>
				</tr>
				<tr>
					<th scope="row" className="py-1 font-bold">
						Total from your budget
					</th>
					<td className="py-1 text-right font-bold">{money(breakdown.total)}</td>
				</tr>
			</tbody>
		</table>
	)
}
