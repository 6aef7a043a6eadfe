import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, CsrfInput, PostButton, SecondaryButton } from '#app/components/ui/forms.tsx'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { ResultLine } from '#app/components/ui/notice.tsx'
import { SHORTLIST_STATUS_WORDS } from '#app/domain/helping/rules.ts'
import { ShortlistFormSchema } from '#app/domain/helping/schemas.ts'
import {
	answerShortlist,
	removeFromShortlist,
	sendShortlist,
	shortlistPage,
} from '#app/domain/helping/shortlists.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { userPage } from '#app/utils/form-page.server.ts'
import { parseSubmission, readCheckedForm } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Shortlist | Budget Market' }]

/** A shortlist (ADR 024): its helper changes and sends it; the holder answers it. Anyone else: 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { page } = await userPage(request, (u, at) => shortlistPage(u, params.shortlistId ?? '', at))
	return json({ shortlist: page, saved: new URL(request.url).searchParams.has('saved') })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const id = params.shortlistId ?? ''
	// Rights first: a stranger learns nothing, even from an empty form.
	await userPage(request, (u, at) => shortlistPage(u, id, at))
	const parsed = parseSubmission(formData, ShortlistFormSchema)
	if (!parsed.ok) return parsed.response
	const v = parsed.value
	const outcome = await attempt(async () => {
		if (v.intent === 'remove') return removeFromShortlist(user, id, v.itemId)
		if (v.intent === 'send') return sendShortlist(user, id)
		if (v.intent === 'choose') return answerShortlist(user, id, { answer: 'choose', itemId: v.itemId, note: v.note })
		return answerShortlist(user, id, { answer: v.intent, note: v.note })
	})
	if (!outcome.ok) return json({ error: outcome.error.message }, { status: outcome.error.status })
	return redirect(`/shortlists/${id}`)
}

export default function Shortlist() {
	const { shortlist: s, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const error = actionData && 'error' in actionData ? actionData.error : null
	return (
		<div className="max-w-3xl">
			<LinkLine to={s.isHolder ? '/home' : '/helping'}>
				{s.isHolder ? 'Back to your home' : 'Back to the people you support'}
			</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">
				{s.isHolder ? `Shortlist from ${s.helperName}` : `Shortlist for ${s.holderName}`}
			</h1>
			<p className="mt-2">
				<strong>{SHORTLIST_STATUS_WORDS[s.status]}</strong>
				{s.status === 'CHOSEN' && s.chosen ? `: ${s.isHolder ? 'you' : s.holderName} chose ${s.chosen}.` : '.'}
				{s.answerNote ? ` ${s.isHolder ? 'You said' : 'They said'}: “${s.answerNote}”` : ''}
			</p>
			{saved ? <ResultLine saved>Saved to the shortlist.</ResultLine> : null}
			{error ? <ResultLine>{error}</ResultLine> : null}
			{s.isHolder && s.canAnswer ? (
				<p className="mt-3">
					{s.helperName} found these for you. Choose one, ask for more choices, or let {s.helperName} choose for you.
				</p>
			) : null}
			{s.items.length === 0 ? (
				<p className="mt-4">
					Nothing saved yet.{' '}
					<Link to="/search" className={linkClass}>
						Search for support
					</Link>{' '}
					and choose “Save to shortlist”.
				</p>
			) : (
				<ul aria-label="Providers on the shortlist" className="mt-4 space-y-3">
					{s.items.map((i) => (
						<li key={i.id} className="rounded border-2 border-gray-300 p-3">
							<h2 className="text-xl font-bold">
								<Link to={`/providers/${i.slug}`} className={linkClass}>
									{i.name}
								</Link>
							</h2>
							<p>
								{i.headline}, {i.town}
							</p>
							{i.note ? (
								<p className="mt-1">
									Note from {s.helperName}: “{i.note}”
								</p>
							) : null}
							{s.canEdit ? (
								<PostButton intent="remove" hidden={{ itemId: i.id }} className="mt-2">
									Remove<span className="sr-only"> {i.name}</span>
								</PostButton>
							) : null}
							{s.canAnswer ? (
								<Form method="post" className="mt-2">
									<CsrfInput />
									<input type="hidden" name="itemId" value={i.id} />
									<Button type="submit" name="intent" value="choose">
										Choose {i.name}
									</Button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			)}
			{s.canSend ? (
				<Form method="post" className="mt-4">
					<CsrfInput />
					<Button type="submit" name="intent" value="send">
						Send the shortlist to {s.holderName}
					</Button>
				</Form>
			) : null}
			{s.canAnswer ? (
				<Form method="post" className="mt-6 rounded border-2 border-gray-300 p-4">
					<CsrfInput />
					<h2 className="text-xl font-bold">Or answer another way</h2>
					<label htmlFor="answer-note" className="mt-2 block font-semibold">
						A note for {s.helperName} (optional)
					</label>
					<textarea
						id="answer-note"
						name="note"
						rows={3}
						className="mt-1 w-full max-w-2xl rounded border-2 border-gray-600 p-2"
					/>
					<div className="mt-3 flex flex-wrap gap-3">
						<SecondaryButton type="submit" name="intent" value="more">
							Show me more choices
						</SecondaryButton>
						<SecondaryButton type="submit" name="intent" value="helper-chooses">
							You choose for me
						</SecondaryButton>
					</div>
				</Form>
			) : null}
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
