/**
 * The frame of a page about one thing the signed-in user may see, with one form to change it (a booking to review,
 * a review to reply to or report, a report to decide on): the loader and the action both build the page for the
 * user first (sign-in, then the domain's own rights check; a 404 or 403 refusal is the error page), and the action
 * then parses its form and asks the domain for the change, answering a refusal by the form.
 */
import { json, redirect } from '@remix-run/node'
import { type z } from 'zod'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import { requireUser } from './auth.server.ts'
import { now } from './clock.server.ts'
import { parseSubmission, readCheckedForm, refusal } from './form.server.ts'
import { attempt, orErrorPage } from './route-errors.server.ts'

/** The signed-in user and the page the domain builds for them now. */
export async function userPage<Page>(request: Request, getPage: (user: SessionUser, at: Date) => Promise<Page>) {
	const user = await requireUser(request)
	return { user, page: await orErrorPage(() => getPage(user, now())) }
}

/**
 * An action on such a page: the form and its CSRF token, the page for the user (so the same rights apply), the
 * schema's parse (400 with each error by its field), the change (a refusal by the form), then a redirect.
 */
export async function submitPageForm<Page, Schema extends z.ZodTypeAny, Result>(
	request: Request,
	frame: {
		page: (user: SessionUser, at: Date) => Promise<Page>
		schema: Schema
		change: (value: z.output<Schema>, user: SessionUser) => Promise<Result>
		redirectTo: (result: Result) => string
	},
) {
	const formData = await readCheckedForm(request)
	const { user } = await userPage(request, frame.page)
	const parsed = parseSubmission(formData, frame.schema)
	if (!parsed.ok) return parsed.response
	const outcome = await attempt(() => frame.change(parsed.value, user))
	if (!outcome.ok) return refusal(parsed.submission, outcome.error)
	return redirect(frame.redirectTo(outcome.value))
}

/**
 * Accepting an emailed invitation: the CSRF-checked empty form, the signed-in person, the domain's accept (a refusal
 * answered with its message and status), then where they go next.
 */
export async function acceptInvitationAction(
	request: Request,
	accept: (user: SessionUser) => Promise<unknown>,
	redirectTo: string,
) {
	await readCheckedForm(request)
	const user = await requireUser(request)
	const outcome = await attempt(() => accept(user))
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect(redirectTo)
}
