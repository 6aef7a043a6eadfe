import { DomainError } from '#app/utils/errors.ts'

/**
 * The reviews domain's refusals (see DomainError). `status` is what a route answers: 404 for something that is not
 * this person's to know of, 403 for something they can see but may not do, 400 for a step that is not possible now
 * (the form shows the message), 409 for something done already.
 */
export type ReviewErrorCode =
	| 'NOT_FOUND'
	| 'FORBIDDEN'
	/** The session has not been confirmed as delivered. */
	| 'NOT_DELIVERED'
	/** The 14 days to write have passed. */
	| 'WINDOW_CLOSED'
	/** A review, feedback, reply or decision exists already and is not the same as this one. */
	| 'ALREADY_DONE'
	/** The review is not in a state for this (removed, say). */
	| 'WRONG_STATE'

const STATUS: Record<ReviewErrorCode, 400 | 403 | 404 | 409> = {
	NOT_FOUND: 404,
	FORBIDDEN: 403,
	NOT_DELIVERED: 400,
	WINDOW_CLOSED: 400,
	ALREADY_DONE: 409,
	WRONG_STATE: 400,
}

export class ReviewError extends DomainError<ReviewErrorCode> {
	override name = 'ReviewError'

	constructor(code: ReviewErrorCode, message: string) {
		super(STATUS, code, message)
	}
}

export function isReviewError(error: unknown, code?: ReviewErrorCode): error is ReviewError {
	return error instanceof ReviewError && (code === undefined || error.code === code)
}

export function notFound(): ReviewError {
	return new ReviewError('NOT_FOUND', 'Not found')
}

export function forbidden(): ReviewError {
	return new ReviewError('FORBIDDEN', 'Forbidden')
}
