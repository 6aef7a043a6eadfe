import { DomainError } from '#app/utils/errors.ts'

/**
 * The booking domain's refusals (see DomainError for message, field and status): 400 for a wrong request, 403 for a
 * right the person lacks, 404 for something they may not know of, 409 for a booking whose state moved on.
 */
export type BookingErrorCode =
	'INVALID' | 'UNAVAILABLE' | 'NOT_ENOUGH_MONEY' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE'

const STATUS: Record<BookingErrorCode, number> = {
	INVALID: 400,
	UNAVAILABLE: 409,
	NOT_ENOUGH_MONEY: 400,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	WRONG_STATE: 409,
}

export class BookingError extends DomainError<BookingErrorCode> {
	override name = 'BookingError'

	constructor(code: BookingErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
		super(STATUS, code, message, options)
	}
}

export function isBookingError(error: unknown, code?: BookingErrorCode): error is BookingError {
	return error instanceof BookingError && (code === undefined || error.code === code)
}
