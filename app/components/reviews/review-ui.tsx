/**
 * Pieces the review pages share: stars, the answers to the three questions, a link back to the profile, the
 * review form and a written review (a booking's review and a group activity's use the same ones), and a review's
 * heading as the moderators' pages and the report page show it.
 */
import { type SubmissionResult } from '@conform-to/react'
import type { ReactNode } from 'react'
import { PostForm, RadioFormField, SubmitButton, TextareaFormField } from '#app/components/ui/forms.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { formatDay } from '#app/utils/dates.ts'
import { questionLabels, QUESTIONS, type Question } from '#app/domain/reviews/rules.ts'
import { answerOptions, REVIEW_BODY, reviewSchema, starOptions } from '#app/domain/reviews/schemas.ts'

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
	return <LinkLine to={`/providers/${provider.slug}`}>Back to {provider.name}’s profile</LinkLine>
}

/** The review form: stars overall, the three plain questions and the words, sent once. */
export function ReviewForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
	const [form, fields] = useConformForm(reviewSchema, { id: 'review', lastResult })
	return (
		<div className="mt-6">
			<PostForm
				form={form}
				fields={[fields.rating, fields.reliable, fields.respectful, fields.didWhatAgreed, fields.body]}
			>
				<RadioFormField field={fields.rating} legend="Overall, how many stars do you give?" options={starOptions} />
				{QUESTIONS.map((q) => (
					<RadioFormField key={q} field={fields[q]} legend={questionLabels[q]} options={answerOptions} />
				))}
				<TextareaFormField
					field={fields.body}
					label="Your review"
					hint={`What was good, and what could be better? From ${REVIEW_BODY.min} to ${REVIEW_BODY.max.toLocaleString('en-GB')} characters. Your first name and the first letter of your last name are shown with it.`}
					rows={6}
				/>
				<SubmitButton>Send the review</SubmitButton>
			</PostForm>
		</div>
	)
}

type ShownReview = Record<Question, number> & {
	rating: number
	body: string | null
	status: 'PUBLISHED' | 'REMOVED'
	removedReason: string | null
	providerReply: string | null
}

/** What a review says (stars, answers, words), or the moderator's reason once it was removed. */
export function ReviewContent({ review, children }: { review: ShownReview; children?: ReactNode }) {
	if (review.status === 'REMOVED') {
		return <p className="mt-2 italic">This review was removed by a moderator: {review.removedReason}</p>
	}
	return (
		<>
			<p className="mt-2">
				Overall: <Stars value={review.rating} />
			</p>
			<QuestionAnswers review={review} />
			<p className="mt-3 whitespace-pre-line">{review.body}</p>
			{children}
		</>
	)
}

/** A review that has been written, for its writer: what it says, where it is shown, and the provider's reply. */
export function WrittenReview({
	review,
	providerName,
	whereShown,
}: {
	review: ShownReview
	providerName: string
	/** Where it is shown, in a sentence. */
	whereShown: ReactNode
}) {
	return (
		<Section headingId="your-review-heading" title="The review" className="mt-6">
			<ReviewContent review={review}>
				<p className="mt-2 text-gray-700">{whereShown}</p>
				{review.providerReply ? (
					<p className="mt-2 bg-gray-50 p-2">
						<span className="font-semibold">Reply from {providerName}:</span> {review.providerReply}
					</p>
				) : null}
			</ReviewContent>
		</Section>
	)
}

type HeadedReview = { provider: { name: string }; author: string; createdAt: Date | string }

/** Whose review of which provider, and the day it was written: "Review of Amina Shah from Sam P, 3 March 2026". */
export function ReviewHeading({ review }: { review: HeadedReview }) {
	return (
		<>
			Review of {review.provider.name} from {review.author}, {formatDay(review.createdAt)}
		</>
	)
}

/** One review set off by a grey rule, under its heading (the moderator's decision page and the report page). */
export function ReviewSection({ review, children }: { review: HeadedReview; children: ReactNode }) {
	return (
		<Section
			headingId="review-heading"
			title={<ReviewHeading review={review} />}
			className="mt-4 border-l-4 border-gray-300 pl-4"
			headingClassName="text-xl font-bold"
		>
			{children}
		</Section>
	)
}
