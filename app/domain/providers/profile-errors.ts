import { DomainError } from '#app/utils/errors.ts'

export type ProfileErrorCode = 'INVALID'

const STATUS: Record<ProfileErrorCode, number> = { INVALID: 400 }

/**
 * A refusal from the profile domain that the person can fix: plain-English messages by form field (and for the
 * form as a whole), ready for Conform's `submission.reply({ fieldErrors, formErrors })`. Always a 400: the form
 * shows them.
 */
export class ProfileError extends DomainError<ProfileErrorCode> {
	override name = 'ProfileError'

	constructor(errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) {
		const all = [...(errors.formErrors ?? []), ...Object.values(errors.fieldErrors ?? {}).flat()]
		super(STATUS, 'INVALID', all.join(' '), {
			fieldErrors: errors.fieldErrors ?? {},
			formErrors: errors.formErrors ?? [],
		})
	}

	static field(field: string, message: string): ProfileError {
		return new ProfileError({ fieldErrors: { [field]: [message] } })
	}
}

export function isProfileError(error: unknown): error is ProfileError {
	return error instanceof ProfileError
}
