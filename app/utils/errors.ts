/**
 * The one error base for the domains' refusals. A domain throws its own subclass (BookingError, MoneyError…) with a
 * code; the class maps each code to the HTTP status a route answers with, and the error carries what a form shows:
 *
 * - `message` is plain English, safe to show to the person who asked, and says what to do;
 * - `field` names the form field it is about, when there is one;
 * - `fieldErrors` and `formErrors` are ready for Conform's `submission.reply({ fieldErrors, formErrors })`: the
 *   message by its field, or for the form as a whole (a subclass may give several, as ProfileError does).
 *
 * Routes turn them into answers with `#app/utils/route-errors.server.ts`. Anything that is not a DomainError is a
 * bug or an outage, and stays a 500.
 */
export type DomainErrorOptions = {
	field?: string
	cause?: unknown
	/** Several messages by field (default: the message by `field`, when there is one). */
	fieldErrors?: Record<string, string[]>
	/** Several messages for the form as a whole (default: the message, when there is no `field`). */
	formErrors?: string[]
}

export abstract class DomainError<Code extends string = string> extends Error {
	readonly code: Code
	/** The HTTP status a route answers with: 400 a wrong request, 403 a right the person lacks, 404 something they may not know of, 409 a state that moved on. */
	readonly status: number
	readonly field: string | undefined
	readonly fieldErrors: Record<string, string[]>
	readonly formErrors: string[]

	protected constructor(statuses: Record<Code, number>, code: Code, message: string, options: DomainErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause })
		this.code = code
		this.status = statuses[code]
		this.field = options.field
		const given = options.fieldErrors !== undefined || options.formErrors !== undefined
		this.fieldErrors = given ? (options.fieldErrors ?? {}) : options.field ? { [options.field]: [message] } : {}
		this.formErrors = given ? (options.formErrors ?? []) : options.field ? [] : [message]
	}
}

export function isDomainError(error: unknown): error is DomainError {
	return error instanceof DomainError
}
