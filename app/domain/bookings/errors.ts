/**
 * The booking domain's refusals. `message` is plain English, safe to show to the person who asked, and says what
 * to do; `field` names the form field it is about, when there is one. `status` is the HTTP status a route answers
 * with: 400 for a wrong request, 403 for a right the person lacks, 404 for something they may not know of,
 * 409 for a booking whose state moved on.
 */
export type BookingErrorCode = 'INVALID' | 'UNAVAILABLE' | 'NOT_ENOUGH_MONEY' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE'

const STATUS: Record<BookingErrorCode, number> = {
	INVALID: 400,
	UNAVAILABLE: 409,
	NOT_ENOUGH_MONEY: 400,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	WRONG_STATE: 409,
}

export class BookingError extends Error {
	override name = 'BookingError'
	readonly code: BookingErrorCode
	readonly field: string | undefined

	constructor(code: BookingErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause })
		this.code = code
		this.field = options.field
	}

	get status(): number {
		return STATUS[this.code]
	}
}

export function isBookingError(error: unknown, code?: BookingErrorCode): error is BookingError {
	return error instanceof BookingError && (code === undefined || error.code === code)
}
