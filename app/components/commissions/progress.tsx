/**
 * A commission's progress against its minimum, at a glance and to screen readers (issue 9): a real progress bar
 * (role="progressbar" with its values and a text equivalent) and the same words on the page.
 */
import { formatMoney } from '#app/domain/money/amounts.ts'

export type ProgressFacts = {
	paying: number
	min: number
	shareNow: number
	currency: string
	placesLeft: number | null
}

/** "5 of 6 people needed; £40.00 each", the words shown beside and read for the bar. */
export function progressWords(p: ProgressFacts): string {
	const people = `${p.paying} of ${p.min} ${p.min === 1 ? 'person' : 'people'} needed`
	return `${people}; ${formatMoney(p.shareNow, p.currency)} each`
}

export function placesWords(placesLeft: number | null): string {
	if (placesLeft === null) return 'No limit on places'
	if (placesLeft === 0) return 'Full: no places left'
	return `${placesLeft} ${placesLeft === 1 ? 'place' : 'places'} left`
}

export function CommissionProgress({ id, progress }: { id: string; progress: ProgressFacts }) {
	const words = progressWords(progress)
	const reached = Math.min(progress.paying, progress.min)
	const percent = progress.min > 0 ? Math.round((reached / progress.min) * 100) : 100
	return (
		<div className="mt-2">
			<p id={`${id}-label`} className="font-semibold">
				{words}
				{progress.paying >= progress.min ? '. The minimum is reached.' : ''}
			</p>
			<div
				role="progressbar"
				aria-labelledby={`${id}-label`}
				aria-valuemin={0}
				aria-valuemax={progress.min}
				aria-valuenow={reached}
				aria-valuetext={words}
				className="mt-1 h-4 w-full max-w-md overflow-hidden rounded border-2 border-gray-800 bg-white"
			>
				<div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
			</div>
		</div>
	)
}
