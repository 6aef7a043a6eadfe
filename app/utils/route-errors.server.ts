/**
 * The one way a route answers a domain's refusal (a DomainError, see `#app/utils/errors.ts`):
 *
 *   const outcome = await attempt(() => writeReview(input))
 *   if (!outcome.ok) return refusal(submission, outcome.error)   // from #app/utils/form.server.ts
 *   return redirect(…)
 *
 * - Anything that is not a DomainError (a bug, an outage, a Response thrown on purpose) propagates untouched.
 * - A refusal whose status is 404 or 403 becomes the error page (a thrown Response), so nobody learns from a form
 *   message that something they may not see exists; pages whose form shows those too pass `{ inline: true }`.
 * - Any other refusal is returned for the page to show, by its field or at the top of the form.
 */
import { type DomainError, isDomainError } from './errors.ts'

export type Outcome<T> =
	{ ok: true; value: T; error?: undefined } | { ok: false; value?: undefined; error: DomainError }

/** Runs a domain call for a route: its value, or the refusal for the page to show (see the module's notes). */
export async function attempt<T>(run: () => Promise<T>, options: { inline?: boolean } = {}): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await run() }
	} catch (error) {
		if (!isDomainError(error)) throw error
		if (!options.inline) throwErrorPage(error)
		return { ok: false, error }
	}
}

/**
 * Runs a domain call whose refusals the page has no place to show (a loader, say): a 404 or 403 refusal becomes the
 * error page, anything else propagates.
 */
export async function orErrorPage<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run()
	} catch (error) {
		if (isDomainError(error)) throwErrorPage(error)
		throw error
	}
}

/** The error page's Response for a 404 or 403 refusal; null for any other. */
export function errorPageFor(error: DomainError): Response | null {
	if (error.status === 404) return new Response('Not found', { status: 404, statusText: 'Not found' })
	if (error.status === 403) return new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
	return null
}

function throwErrorPage(error: DomainError): void {
	const page = errorPageFor(error)
	if (page) throw page
}

type ReplyOptions = { fieldErrors?: Record<string, string[]>; formErrors?: string[] }

/** Conform's reply for a refusal: each message by its field, or at the top of the form. */
export function replyWithError<R>(submission: { reply: (options: ReplyOptions) => R }, error: DomainError): R {
	return submission.reply({ fieldErrors: error.fieldErrors, formErrors: error.formErrors })
}
