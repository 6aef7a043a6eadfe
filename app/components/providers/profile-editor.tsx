/**
 * The frame every page of the provider's profile editor shares: a link back, the page's title, what the page is
 * for, and the notice after a change was saved (the page redirects to itself with ?saved=<what>).
 */
import type { ReactNode } from 'react'
import { LinkLine } from '#app/components/ui/layout.tsx'
import { Notice } from '#app/components/ui/notice.tsx'

/** The message for `?saved=<what>`, or null for none or a value the page does not know. */
export function savedMessage(messages: Record<string, string>, saved: string | null | undefined): string | null {
	return saved && Object.hasOwn(messages, saved) ? (messages[saved] ?? null) : null
}

/** The "saved" notice, in its own spaced block. */
export function SavedNotice({ message }: { message: string | null }) {
	if (!message) return null
	return (
		<div className="mt-4">
			<Notice>
				<p>{message}</p>
			</Notice>
		</div>
	)
}

/** Back link, title, the page's introduction (children) and the "saved" notice. */
export function EditorHeader({
	back,
	title,
	saved = null,
	children,
}: {
	back: { to: string; label: string }
	title: ReactNode
	/** The message to confirm a saved change (see savedMessage). */
	saved?: string | null
	children?: ReactNode
}) {
	return (
		<>
			<LinkLine to={back.to}>{back.label}</LinkLine>
			<h1 className="mt-2 text-3xl font-bold">{title}</h1>
			{children}
			<SavedNotice message={saved} />
		</>
	)
}

/** The way back from a part of the profile to its overview page. */
export function backToProfile(providerId: string) {
	return { to: `/provider/profiles/${providerId}`, label: 'Back to your profile' }
}
