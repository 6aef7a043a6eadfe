/**
 * Fair-price guidance in words. Pure: used by the search page, compare and (through the lead) the profile page.
 */
import type { PriceUnit, ProviderKind } from '#app/generated/prisma/enums.ts'
import { formatMoney } from '#app/domain/ledger/money.ts'
import { priceUnitLabels } from '#app/domain/providers/labels.ts'

export type GuideScope = { town: string | null; category: string | null }

export type PriceGuideRow = {
	priceUnit: string
	currency: string
	listings: number
	minPence: number
	p25Pence: number
	medianPence: number
	p75Pence: number
	maxPence: number
}

export type PriceGuideView = {
	scope: GuideScope
	kind: ProviderKind
	priceUnit: PriceUnit
	currency: string
	listings: number
	minPence: number
	lowPence: number
	medianPence: number
	highPence: number
	maxPence: number
	/** "Typical for a personal assistant near Leicester: £14–£17 an hour" */
	sentence: string
	/** "Middle price £15.50; listed prices run from £13 to £20 (42 listed)." */
	detail: string
}

const kindPhrases: Record<ProviderKind, string> = {
	PERSONAL_ASSISTANT: 'a personal assistant',
	USER_LED_ORGANISATION: 'a user-led organisation',
	COMMUNITY_SERVICE: 'a community service',
}

/** "£14" for whole pounds, "£14.50" otherwise. */
export function formatPriceShort(pence: number, currency: string): string {
	const text = formatMoney(pence, currency)
	return pence % 100 === 0 ? text.replace(/\.00$/, '') : text
}

export function describeGuide(row: PriceGuideRow, kind: ProviderKind, scope: GuideScope): PriceGuideView {
	const unit = row.priceUnit as PriceUnit
	const money = (p: number) => formatPriceShort(p, row.currency)
	const what = scope.category ? `${scope.category.toLowerCase()} from ${kindPhrases[kind]}` : kindPhrases[kind]
	const where = scope.town ? `near ${scope.town}` : 'in all areas'
	const range = row.p25Pence === row.p75Pence ? money(row.medianPence) : `${money(row.p25Pence)}–${money(row.p75Pence)}`
	return {
		scope,
		kind,
		priceUnit: unit,
		currency: row.currency,
		listings: row.listings,
		minPence: row.minPence,
		lowPence: row.p25Pence,
		medianPence: row.medianPence,
		highPence: row.p75Pence,
		maxPence: row.maxPence,
		sentence: `Typical for ${what} ${where}: ${range} ${priceUnitLabels[unit]}`,
		detail: `Middle price ${money(row.medianPence)}; listed prices run from ${money(row.minPence)} to ${money(row.maxPence)} (${row.listings} listed).`,
	}
}

/** Where a price sits against the guidance, in words. */
export function comparePrice(pricePence: number, guide: PriceGuideView): 'below' | 'typical' | 'above' {
	if (pricePence < guide.lowPence) return 'below'
	if (pricePence > guide.highPence) return 'above'
	return 'typical'
}

/** Read as "This price is lower than most." (plain words, issue 12). */
export const priceComparisonLabels = {
	below: 'lower than most',
	typical: 'usual',
	above: 'higher than most',
} as const
