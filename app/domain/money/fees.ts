/**
 * Platform fees. Pure: no database, safe in the browser, so the same arithmetic shows the fee and takes it.
 *
 * A funder's fee rate is in basis points (Funder.platformFeeBps; 100 = 1%). The default is 0: no fee. A fee is
 * always shown as its own line before anyone pays (see PriceBreakdown and app/components/money), and the amount
 * taken is the amount that was shown (stored with the booking as feePence), never recomputed later.
 */

export const MAX_FEE_BPS = 2_000

/** The fee on `price` minor units at `feeBps`, rounded down to a whole penny: never more than the stated rate. */
export function platformFee(price: number, feeBps: number): number {
	if (!Number.isSafeInteger(price) || price < 0)
		throw new RangeError('The price must be a whole number of pence, 0 or more.')
	if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_FEE_BPS) {
		throw new RangeError(`The fee rate must be a whole number of basis points from 0 to ${MAX_FEE_BPS}.`)
	}
	return Math.floor((price * feeBps) / 10_000)
}

export type PriceBreakdown = {
	currency: string
	/** What the provider charges. */
	price: number
	/** The platform fee, 0 when there is none. */
	fee: number
	feeBps: number
	/** What leaves the budget: price + fee. */
	total: number
}

export function priceBreakdown(price: number, currency: string, feeBps: number): PriceBreakdown {
	const fee = platformFee(price, feeBps)
	return { currency, price, fee, feeBps, total: price + fee }
}

/** "2.5%" for 250 basis points. */
export function formatFeeRate(feeBps: number): string {
	const percent = feeBps / 100
	return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0$/, '')}%`
}

/** How a fee rate reads on a page: "No platform fee" or "Platform fee (2.5%)". */
export function feeLabel(feeBps: number): string {
	return feeBps === 0 ? 'No platform fee' : `Platform fee (${formatFeeRate(feeBps)})`
}
