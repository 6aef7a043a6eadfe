/**
 * "Group activities": open commissions as short cards (issue 9), for a provider's profile and the search page: the
 * share each person pays now, places left and the last day to pledge, each linking to the commission's page.
 */
import { placesWords } from '#app/components/commissions/progress.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { dayText } from '#app/utils/dates.ts'

export type GroupActivityCard = {
	id: string
	title: string
	providerName: string | null
	town: string | null
	currency: string
	pricingMode: string
	shareNow: number
	paying: number
	min: number
	placesLeft: number | null
	deadline: string | Date
}

export function GroupActivities({
	id,
	heading,
	cards,
	showProvider,
}: {
	id: string
	heading: string
	cards: GroupActivityCard[]
	showProvider?: boolean
}) {
	if (cards.length === 0) return null
	return (
		<section aria-labelledby={`${id}-heading`} className="mt-8">
			<h2 id={`${id}-heading`} className="text-2xl font-bold">
				{heading}
			</h2>
			<p className="mt-1">People pay together from their budgets. Nobody pays unless enough people join.</p>
			<ul className="mt-3 space-y-3" aria-label={heading}>
				{cards.map((c) => (
					<li key={c.id} className="rounded border border-gray-300 p-3">
						<LinkLine to={`/commissions/${c.id}`} className="font-semibold">
							{c.title}
						</LinkLine>
						{showProvider && c.providerName ? (
							<p>
								With {c.providerName}
								{c.town ? `, ${c.town}` : ''}
							</p>
						) : null}
						<p>
							{formatMoney(c.shareNow, c.currency)} a person
							{c.pricingMode === 'SPLIT_TOTAL' ? ' now, less if more join' : ''}. {c.paying} of {c.min}{' '}
							{c.min === 1 ? 'person' : 'people'} needed. {placesWords(c.placesLeft)}.
						</p>
						<p>Pledge by {dayText(new Date(c.deadline))}.</p>
					</li>
				))}
			</ul>
		</section>
	)
}
