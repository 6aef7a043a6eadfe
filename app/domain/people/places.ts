/**
 * Where each person belongs (issue 12, "a home for each person"): the page signing in takes them to, and the places
 * the header shows them. Pure, so the sign-in action, the header and the tests all ask the same function.
 *
 * A person with several roles lands on the home of the role listed first here, the one whose work is most likely
 * waiting for them (ADR 021): an admin's work is the service's (/admin); funder staff sign in for their funder's
 * people (/funder); a budget holder's own budget comes before anything they do for others (/home); a provider's
 * dashboard (/provider) has requests waiting for an answer; a carer or broker sees the people they act for (/home).
 * The header shows the places of every role they have, in the same order.
 */
import type { Role } from '#app/generated/prisma/enums.ts'

export type PlacesPerson = {
	roles: readonly Role[]
	/** Their own budget holder record, when they hold a budget. */
	holderId?: string | null
	/** The funder they work for, when they are funder staff. */
	funderId?: string | null
}

export type Place = {
	label: string
	to: string
	/** Current only on this exact address (not on the addresses below it). */
	end?: boolean
}

const isHelper = (roles: readonly Role[]) => roles.includes('REPRESENTATIVE') || roles.includes('BROKER')

/** The page a person lands on after signing in (when no safe redirectTo was given). */
export function homePathFor(person: PlacesPerson): string {
	const { roles } = person
	if (roles.includes('ADMIN')) return '/admin'
	if (roles.includes('FUNDER_STAFF') && person.funderId) return '/funder'
	if (roles.includes('HOLDER') && person.holderId) return '/home'
	if (roles.includes('PROVIDER')) return '/provider'
	if (isHelper(roles)) return '/home'
	return '/account'
}

/** Whether /home has something for this person: their own budget, or the people they act for. */
export function hasPersonalHome(person: PlacesPerson): boolean {
	return (person.roles.includes('HOLDER') && Boolean(person.holderId)) || isHelper(person.roles)
}

/** The places that are this person's, for the header, in the order of homePathFor's roles. No address twice. */
export function placesFor(person: PlacesPerson | null): Place[] {
	if (!person) return [{ label: 'Find support', to: '/search' }]
	const { roles } = person
	const places: Place[] = []
	if (roles.includes('ADMIN')) {
		places.push({ label: 'Admin', to: '/admin', end: true }, { label: 'Moderation', to: '/moderation/reviews' })
	}
	if (roles.includes('FUNDER_STAFF') && person.funderId) {
		places.push(
			{ label: 'Overview', to: '/funder', end: true },
			{ label: 'Figures', to: '/funder/figures' },
			{ label: 'Allocate', to: '/funder/allocate' },
			{ label: 'Problems', to: '/funder/problems' },
		)
		if (!roles.includes('ADMIN')) places.push({ label: 'Moderation', to: '/moderation/reviews' })
	}
	const holder = roles.includes('HOLDER') && person.holderId ? person.holderId : null
	if (holder) {
		places.push(
			{ label: 'Home', to: '/home', end: true },
			{ label: 'Search', to: '/search' },
			{ label: 'Bookings', to: '/bookings', end: true },
			{ label: 'Money', to: `/holders/${holder}/money` },
			{ label: 'Groups', to: '/groups', end: true },
		)
	}
	if (roles.includes('PROVIDER')) {
		places.push({ label: 'Dashboard', to: '/provider', end: true }, { label: 'Money', to: '/provider/money' })
	}
	if (isHelper(roles)) {
		if (!holder) {
			places.push(
				{ label: 'People I help', to: '/home', end: true },
				{ label: 'Search', to: '/search' },
				{ label: 'Bookings', to: '/bookings', end: true },
			)
		}
		// The workspace: the people they support, shortlists and suggestions waiting (ADR 024).
		places.push({ label: 'Workspace', to: '/helping' })
	}
	if (!places.some((p) => p.to === '/search')) places.push({ label: 'Find support', to: '/search' })
	// Two roles may name the same label ("Money" for a holder who is also a provider): say whose.
	const seen = new Set<string>()
	return places
		.filter((p) => (seen.has(p.to) ? false : (seen.add(p.to), true)))
		.map((p, _, all) =>
			p.label === 'Money' && all.filter((q) => q.label === 'Money').length > 1
				? { ...p, label: p.to === '/provider/money' ? 'Money paid to me' : 'My budget' }
				: p,
		)
}
