import { DomainError } from '#app/utils/errors.ts'

/**
 * The commission domain's refusals, shaped like BookingError (see DomainError for message, field and status). `message` is plain English, safe to show to the
 * person who asked, and says what to do; `field` names the form field it is about, when there is one. `status`
 * is the HTTP status a route answers with: 400 for a wrong request, 403 for a right the person lacks, 404 for
 * something they may not know of, 409 for a commission whose state moved on (closed, full, already confirmed).
 */
export type CommissionErrorCode =
	'INVALID' | 'NOT_ENOUGH_MONEY' | 'RING_FENCED' | 'FULL' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE'

const STATUS: Record<CommissionErrorCode, number> = {
	INVALID: 400,
	NOT_ENOUGH_MONEY: 400,
	RING_FENCED: 400,
	FULL: 409,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	WRONG_STATE: 409,
}

export class CommissionError extends DomainError<CommissionErrorCode> {
	override name = 'CommissionError'

	constructor(code: CommissionErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
		super(STATUS, code, message, options)
	}
}

export function isCommissionError(error: unknown, code?: CommissionErrorCode): error is CommissionError {
	return error instanceof CommissionError && (code === undefined || error.code === code)
}
