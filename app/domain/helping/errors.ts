import { DomainError } from '#app/utils/errors.ts'

/** The helper's workspace's refusals (shortlists, proposals, acting for someone): ADR 024. */
export type HelpingErrorCode = 'INVALID' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE'

const STATUS: Record<HelpingErrorCode, number> = { INVALID: 400, FORBIDDEN: 403, NOT_FOUND: 404, WRONG_STATE: 409 }

export class HelpingError extends DomainError<HelpingErrorCode> {
	override name = 'HelpingError'
	constructor(code: HelpingErrorCode, message: string, options: { field?: string } = {}) {
		super(STATUS, code, message, options)
	}
}
