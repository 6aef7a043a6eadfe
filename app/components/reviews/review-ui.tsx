/** Pieces the review pages share: stars, the answers to the three questions, a link back to the profile. */
import { Link } from '@remix-run/react'
import { linkClass } from '#app/components/ui/link.ts'
import { questionLabels, QUESTIONS, type Question } from '#app/domain/reviews/rules.ts'

/** "4 out of 5", with the stars hidden from screen readers (which read the words). */
export function Stars({ value }: { value: number }) {
	return (
		<span>
			<span aria-hidden="true" className="text-amber-700">
				{'★'.repeat(value)}
				{'☆'.repeat(5 - value)}
			</span>{' '}
			<span className="font-semibold">{value} out of 5</span>
		</span>
	)
}

/** The answers to the three plain questions. */
export function QuestionAnswers({ review }: { review: Record<Question, number> }) {
	return (
		<dl className="mt-2 grid max-w-xl grid-cols-[auto_auto] gap-x-6 gap-y-1">
			{QUESTIONS.map((q) => (
				<div key={q} className="contents">
					<dt>{questionLabels[q]}</dt>
					<dd className="font-semibold">{review[q]} out of 5</dd>
				</div>
			))}
		</dl>
	)
}

/** A link back to the provider's profile. */
export function BackToProfile({ provider }: { provider: { slug: string; name: string } }) {
	return (
		<p>
			<Link to={`/providers/${provider.slug}`} className={linkClass}>
				Back to {provider.name}’s profile
			</Link>
		</p>
	)
}
