/**
 * A refusal from the profile domain that the person can fix: plain-English messages by form field (and for the
 * form as a whole), ready for Conform's `submission.reply({ fieldErrors, formErrors })`.
 */
export class ProfileError extends Error {
	override name = 'ProfileError'
	readonly fieldErrors: Record<string, string[]>
	readonly formErrors: string[]

	constructor(errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) {
		const all = [...(errors.formErrors ?? []), ...Object.values(errors.fieldErrors ?? {}).flat()]
		super(all.join(' '))
		this.fieldErrors = errors.fieldErrors ?? {}
		this.formErrors = errors.formErrors ?? []
	}

	static field(field: string, message: string): ProfileError {
		return new ProfileError({ fieldErrors: { [field]: [message] } })
	}
}

export function isProfileError(error: unknown): error is ProfileError {
	return error instanceof ProfileError
}
