/**
 * Representatives recorded by a funder and organisations' staff (docs/decisions/025-representatives-and-organisation-staff.md).
 * Pure: the rules and forms shared by the server and the pages.
 */
import { z } from 'zod'
import type { DelegatedRight, PlanStatus, ProviderKind } from '#app/generated/prisma/enums.ts'
import { normaliseRights } from './consent.ts'

/** How long a staff invitation link works. */
export const STAFF_INVITE_DAYS = 7

/**
 * The rights a funder may record for a representative, from the holder's plan: with an agreed plan, every right;
 * without one, seeing and planning only (nothing may be spent for them until a plan is agreed).
 */
export function recordableRights(planStatus: PlanStatus | null): DelegatedRight[] {
	return planStatus === 'AGREED' ? ['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'] : ['VIEW', 'PLAN']
}

/**
 * The rights booking this service offers to give its organisation in the same step, or null when it offers none: a
 * user-led organisation's brokerage and support planning needs to see, book and plan for the person.
 */
export function rightsServiceNeeds(service: {
	categorySlug: string
	providerKind: ProviderKind
}): DelegatedRight[] | null {
	if (service.providerKind !== 'USER_LED_ORGANISATION') return null
	return service.categorySlug === 'brokerage-and-planning' ? ['VIEW', 'BOOK', 'PLAN'] : null
}

const rightEnum = z.enum(['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'])

const reason = z
	.string({ required_error: 'Say why this person needs a representative' })
	.trim()
	.min(10, 'Say why this person needs a representative, in a sentence (10 characters or more)')
	.max(1000, 'Keep the reason to 1,000 characters or fewer')

const rights = z
	.array(rightEnum, { required_error: 'Choose at least one thing they can do' })
	.min(1, 'Choose at least one thing they can do')
	.max(5)
	.transform((r) => normaliseRights(r))

const id = (what: string) =>
	z
		.string({ required_error: `Choose ${what}` })
		.min(1)
		.max(100)

/** The funder's forms on a holder's representatives page, told apart by `intent`. */
export const representativesFormSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('record'),
		email: z
			.string({ required_error: 'Enter the representative’s email address' })
			.trim()
			.toLowerCase()
			.max(254, 'Enter an email address of up to 254 characters')
			.email('Enter an email address like name@example.com'),
		rights,
		reason,
	}),
	z.object({ intent: z.literal('change'), delegationId: id('the representative'), rights, reason }),
	z.object({ intent: z.literal('withdraw'), delegationId: id('the representative') }),
])

export type RepresentativesForm = z.output<typeof representativesFormSchema>

/** The organisation owner's forms on the staff page. */
export const staffFormSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('invite'),
		providerId: id('the organisation'),
		email: z
			.string({ required_error: 'Enter the email address of the person to invite' })
			.trim()
			.toLowerCase()
			.max(254, 'Enter an email address of up to 254 characters')
			.email('Enter an email address like name@example.com'),
	}),
	z.object({ intent: z.literal('remove'), providerId: id('the organisation'), staffId: id('the staff member') }),
	z.object({ intent: z.literal('cancel-invite'), providerId: id('the organisation'), inviteId: id('the invitation') }),
])
