/** A star rating that reads well to a screen reader: "Rated 4.6 out of 5 from 23 reviews". */
export function Rating({ average, count }: { average: number | null; count: number }) {
	if (!count || average === null) return <span className="text-gray-700">No reviews yet</span>
	const rounded = Math.round(average * 10) / 10
	return (
		<span>
			<span aria-hidden="true" className="text-amber-700">
				{'★'.repeat(Math.round(average)) + '☆'.repeat(5 - Math.round(average))}
			</span>{' '}
			<span className="sr-only">Rated </span>
			{rounded.toFixed(1)}
			<span className="sr-only"> out of 5</span>
			{` (${count} ${count === 1 ? 'review' : 'reviews'})`}
		</span>
	)
}
