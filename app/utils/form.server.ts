/**
 * The one way an action starts (see the Forms section of STYLE.md):
 *
 *   const formData = await readCheckedForm(request)          // the body, read safely, and its CSRF token checked
 *   const user = await requireUser(request)                   // rights come before the input is looked at
 *   const parsed = parseSubmission(formData, schema)
 *   if (!parsed.ok) return parsed.response                    // 400 with Conform's reply: errors by each field
 *   const outcome = await attempt(() => doIt(parsed.value))
 *   if (!outcome.ok) return refusal(parsed.submission, outcome.error)
 *
 * `parseForm(request, schema)` does the first and third steps at once, for actions with no rights to check between.
 * A form the page builds itself with nothing to type (a Remove button with a hidden id) uses `parseOrBadRequest`.
 */
import { parseWithZod } from '@conform-to/zod'
import { json } from '@remix-run/node'
import { type z } from 'zod'
import { readForm, validateCsrf } from './csrf.server.ts'
import { type DomainError } from './errors.ts'
import { replyWithError } from './route-errors.server.ts'

/** The form's fields (see `readForm`), after its CSRF token and origin have been checked (see `validateCsrf`). */
export async function readCheckedForm(request: Request, options: { multipart?: boolean } = {}): Promise<FormData> {
	const formData = await readForm(request, options)
	await validateCsrf(formData, request)
	return formData
}

/**
 * The form parsed with its zod schema: the value, or the 400 response that shows each error by its field.
 * `also` adds fields beside the reply (which of the page's forms was sent, say).
 */
export function parseSubmission<
	Schema extends z.ZodTypeAny,
	Also extends Record<string, unknown> = Record<never, never>,
>(formData: FormData, schema: Schema, also?: Also) {
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') {
		const response = json({ result: submission.reply(), ...(also as Also) }, { status: 400 })
		return { ok: false as const, submission, response }
	}
	return { ok: true as const, submission, value: submission.value }
}

/**
 * The value of a form that has nothing for a person to type (a button with hidden ids): anything else was not sent
 * by the page, so the answer is 400 Bad request, not a message by a field.
 */
export function parseOrBadRequest<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema): z.output<Schema> {
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
	return submission.value
}

/** `readCheckedForm` then `parseSubmission`, for an action that checks nothing in between. */
export async function parseForm<Schema extends z.ZodTypeAny>(request: Request, schema: Schema) {
	return parseSubmission(await readCheckedForm(request), schema)
}

/**
 * The response for a domain's refusal of a valid form: its messages by their fields, with the refusal's status.
 * `also` adds fields beside the reply (which of the page's forms was sent, say).
 * `notFoundOnForm`: what the domain did not find was named by the form (someone to book for, a person to fund), not
 * by the page's address: the page is there and the form's choice is wrong, so a 404 refusal answers 400.
 */
export function refusal<R, Also extends Record<string, unknown> = Record<never, never>>(
	submission: { reply: (options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => R },
	error: DomainError,
	also?: Also,
	options: { notFoundOnForm?: boolean } = {},
) {
	const status = options.notFoundOnForm && error.status === 404 ? 400 : error.status
	return json({ result: replyWithError(submission, error), ...(also as Also) }, { status })
}

/** Which of a page's forms was sent: one delegation's change form (`change-<delegationId>`), or else the page's `other` form. */
export function changeFormIdOf(formData: FormData, other: string): string {
	const intent = formData.get('intent')
	const id = formData.get('delegationId')
	return intent === 'change' && typeof id === 'string' ? `change-${id}` : other
}
