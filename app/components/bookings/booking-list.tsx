/** A list of bookings, as the holder's bookings page and the provider's dashboard show them. */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { statusLabels } from '#app/domain/bookings/rules.ts'
import { sessionText } from '#app/utils/dates.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import type { BookingStatus } from '#app/generated/prisma/enums.ts'

export type BookingRow = {
	id: string
	status: BookingStatus
	startsAt: string
	endsAt: string
	totalPence: number
	feePence: number
	currency: string
	seriesId: string | null
	holder: { displayName: string }
	provider: { name: string }
	service: { title: string }
	autoConfirmAt?: string | null
}

export function BookingList({
	label,
	bookings,
	empty,
	show,
}: {
	label: string
	bookings: BookingRow[]
	/** What to say when there are none: say what to do next, with the link (issue 12). */
	empty: ReactNode
	/** Whose name to show beside each: the provider's (for holders) or the holder's (for providers). */
	show: 'provider' | 'holder'
}) {
	if (bookings.length === 0) return <p className="mt-2">{empty}</p>
	return (
		<ul aria-label={label} className="mt-3 space-y-3">
			{bookings.map((b) => (
				<li key={b.id} className="rounded border border-gray-300 p-3">
					<p className="font-semibold">
						<Link to={`/bookings/${b.id}`} className="text-brand-700 underline">
							{b.service.title} {show === 'provider' ? `with ${b.provider.name}` : `for ${b.holder.displayName}`}
						</Link>
					</p>
					<p>{sessionText(b.startsAt, b.endsAt)}</p>
					<p className="text-gray-800">
						{statusLabels[b.status]}. {formatMoney(b.totalPence + b.feePence, b.currency)}
						{show === 'provider' ? `, for ${b.holder.displayName}` : ''}
						{b.seriesId ? '. Weekly.' : ''}
					</p>
				</li>
			))}
		</ul>
	)
}
