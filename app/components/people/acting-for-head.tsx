/**
 * The head of a page of who acts for a budget holder (the holder's own helpers page, and their funder's
 * representatives page): the way back to the holder's budget and plan, the title, what the page is for (ending with
 * a link to the holder's trail), and what the last change did.
 */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { linkClass } from '#app/components/ui/link.ts'
import { Notice } from '#app/components/ui/notice.tsx'

export function ActingForHead({
	holderId,
	back,
	title,
	trail,
	outcome,
	invitedNotice,
	children,
}: {
	holderId: string
	/** The words of the link back to the holder's budget and plan. */
	back: ReactNode
	title: ReactNode
	/** The words of the link to the holder's trail, which ends the introduction. */
	trail: ReactNode
	/** What the last change did (see useOutcome). */
	outcome: { done: string | undefined; invited: string | null }
	/** The notice after an invitation was emailed to this address. */
	invitedNotice: (email: string) => ReactNode
	/** What the page is for, up to "… is on" (the trail link follows). */
	children: ReactNode
}) {
	return (
		<>
			<LinkLine to={`/holders/${holderId}`}>{back}</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{title}</h1>
			<p className="mt-2">
				{children}{' '}
				<Link to={`/holders/${holderId}/trail`} className={linkClass}>
					{trail}
				</Link>
				.
			</p>
			{outcome.invited ? <Notice>{invitedNotice(outcome.invited)}</Notice> : null}
			{outcome.done ? <Notice>{outcome.done}</Notice> : null}
		</>
	)
}
