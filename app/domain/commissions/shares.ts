/**
 * What each member of a commission pays, and how the pooled money is paid out session by session. Pure: no
 * database, safe in the browser, so the page shows exactly the amounts the server takes. Whole pence only.
 *
 *  - PER_PLACE: every paying member pays the price per place.
 *  - SPLIT_TOTAL: the total is split among the paying members. A member pledging when `n` others have pledged is
 *    shown (and holds) the share for max(n + 1, minimum) members, rounded up: the most they can ever pay, since
 *    the commission only goes ahead with at least that many. At confirmation the total is split among all N
 *    paying members: ⌊total ÷ N⌋ each, and the remainder pence one each to the earliest pledgers, so the shares
 *    add up to the total exactly and none is above what its member agreed to (⌈total ÷ N⌉ ≤ their share).
 *  - The platform fee of each member's funder (basis points, as bookings) is added on top of their share, rounded
 *    down, and shown before they pledge; agreedMax = share + fee.
 *  - Sessions: each member's share and fee are split evenly over the sessions (earlier sessions take the
 *    remainder pence); a session pays the provider the sum of the members' session shares and the platform the
 *    sum of their session fees. So the sessions add up exactly to what was taken, and if the provider cancels,
 *    each member gets back exactly their part of the sessions not delivered.
 */
import type { CommissionPricing } from '#app/generated/prisma/enums.ts'
import { platformFee } from '#app/domain/money/fees.ts'

export type PriceTerms = {
	pricingMode: CommissionPricing
	/** SPLIT_TOTAL: the total. */
	totalPence: number
	/** PER_PLACE: the price per place. */
	placePricePence: number | null
	minPledgers: number
}

function checkWhole(n: number, what: string, min = 0): void {
	if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${what} must be a whole number, ${min} or more.`)
}

/** `total` split into `parts` whole amounts that add up to it exactly; the first `total mod parts` get one more. */
export function splitEvenly(total: number, parts: number): number[] {
	checkWhole(total, 'The amount')
	checkWhole(parts, 'The number of parts', 1)
	const base = Math.floor(total / parts)
	const extra = total - base * parts
	return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0))
}

function placePrice(terms: PriceTerms): number {
	if (terms.placePricePence === null) throw new RangeError('A per-place commission needs a price per place.')
	return terms.placePricePence
}

/**
 * The share shown to (and held from) a member who pledges when `payingBefore` members already have: the most they
 * will ever pay, before the fee.
 */
export function pledgeShare(terms: PriceTerms, payingBefore: number): number {
	checkWhole(payingBefore, 'The number of members')
	if (terms.pricingMode === 'PER_PLACE') return placePrice(terms)
	return Math.ceil(terms.totalPence / Math.max(payingBefore + 1, terms.minPledgers))
}

/**
 * What each member pays now, with `paying` members (for the page: "£60.00 each with 12 people"): the largest
 * share. Never rises as more join.
 */
export function shareNow(terms: PriceTerms, paying: number): number {
	checkWhole(paying, 'The number of members')
	if (terms.pricingMode === 'PER_PLACE') return placePrice(terms)
	return Math.ceil(terms.totalPence / Math.max(paying, terms.minPledgers, 1))
}

/** The final shares of `paying` members, in pledge order (earliest first). Sum: the total (SPLIT_TOTAL). */
export function finalShares(terms: PriceTerms, paying: number): number[] {
	checkWhole(paying, 'The number of members', 1)
	if (terms.pricingMode === 'PER_PLACE') return Array.from({ length: paying }, () => placePrice(terms))
	return splitEvenly(terms.totalPence, paying)
}

/** What the provider receives in all with `paying` members. */
export function providerTotal(terms: PriceTerms, paying: number): number {
	return terms.pricingMode === 'PER_PLACE' ? placePrice(terms) * paying : terms.totalPence
}

/** A share with its platform fee: what leaves the member's budget. */
export function withFee(share: number, feeBps: number): { share: number; fee: number; total: number } {
	const fee = platformFee(share, feeBps)
	return { share, fee, total: share + fee }
}

export type MemberMoney = { share: number; fee: number }

/** A member's share and fee for each session (index 0 = the first session). */
export function memberSessions(member: MemberMoney, sessionCount: number): Array<{ share: number; fee: number }> {
	const shares = splitEvenly(member.share, sessionCount)
	const fees = splitEvenly(member.fee, sessionCount)
	return shares.map((share, i) => ({ share, fee: fees[i]! }))
}

/** What session `index` (0-based) pays: `price` to the provider and `fee` to the platform. */
export function sessionPayment(
	members: MemberMoney[],
	sessionCount: number,
	index: number,
): { price: number; fee: number } {
	if (!Number.isInteger(index) || index < 0 || index >= sessionCount) throw new RangeError('There is no such session.')
	let price = 0
	let fee = 0
	for (const m of members) {
		const s = memberSessions(m, sessionCount)[index]!
		price += s.share
		fee += s.fee
	}
	return { price, fee }
}

/** What a member gets back for the sessions at these indexes (0-based) when they are not delivered. */
export function refundFor(member: MemberMoney, sessionCount: number, undelivered: readonly number[]): number {
	const sessions = memberSessions(member, sessionCount)
	return [...new Set(undelivered)].reduce((sum, i) => {
		const s = sessions[i]
		if (!s) throw new RangeError('There is no such session.')
		return sum + s.share + s.fee
	}, 0)
}
