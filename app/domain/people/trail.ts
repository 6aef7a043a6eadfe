/**
 * The holder's trail in plain sentences (docs/decisions/019-consent-and-trail.md): each audit-log entry about a
 * holder, told as "Daniel Price (broker) booked 2 hours with Amina Shah for you on 3 March". Pure: the server reads
 * the entries (trail.server.ts) and this module words them, for the page and the CSV alike.
 */
import { formatMoney } from '#app/domain/money/amounts.ts'
import { shortDayText } from '#app/utils/dates.ts'
import { rightsSentence } from './consent.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'

export type TrailEntry = {
	action: string
	/** "You", or "Daniel Price (broker)", or "Budget Market" for the system. */
	who: string
	detail: Record<string, unknown>
}

/** How the trail names someone acting, by the role they acted as. */
export const ACTING_AS: Record<string, string> = {
	BROKER: 'broker',
	REPRESENTATIVE: 'carer or representative',
	FUNDER: 'funder staff',
	ADMIN: 'admin',
	PROVIDER: 'provider',
}

function text(v: unknown): string | null {
	return typeof v === 'string' && v.length > 0 ? v : null
}

function num(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function money(detail: Record<string, unknown>, key: string, currencyFallback = 'GBP'): string | null {
	const n = num(detail[key])
	return n === null ? null : formatMoney(n, text(detail.currency) ?? currencyFallback)
}

/** "2 hours", "1 hour 30 minutes", "45 minutes". */
export function durationWords(minutes: number): string {
	const h = Math.floor(minutes / 60)
	const m = minutes % 60
	const hours = h === 0 ? '' : h === 1 ? '1 hour' : `${h} hours`
	const mins = m === 0 ? '' : `${m} minutes`
	return [hours, mins].filter(Boolean).join(' ') || '0 minutes'
}

function rightsOf(v: unknown): DelegatedRight[] {
	return Array.isArray(v) ? (v.filter((r) => typeof r === 'string') as DelegatedRight[]) : []
}

/**
 * One entry as a sentence. `forWhom` is "you" for the holder reading their own trail, or their name for funder staff.
 */
export function trailSentence(entry: TrailEntry, forWhom: string, currency = 'GBP'): string {
	const d = entry.detail
	const who = entry.who
	const provider = text(d.provider) ?? 'a provider'
	const on = text(d.startsAt) ? ` on ${shortDayText(text(d.startsAt)!)}` : ''
	const yours = forWhom === 'you' ? 'your' : `${forWhom}’s`
	switch (entry.action) {
		case 'BOOKING_REQUESTED': {
			const minutes = num(d.minutes)
			const sessions = num(d.sessions) ?? 1
			const what = minutes ? durationWords(minutes) : `“${text(d.service) ?? 'support'}”`
			const weekly = sessions > 1 ? ` a week for ${sessions} weeks, from` : ' on'
			const start = text(d.startsAt) ? `${weekly} ${shortDayText(text(d.startsAt)!)}` : ''
			const suggested = text(d.proposedBy) ? `, as ${text(d.proposedBy)} suggested` : ''
			return `${who} booked ${what} with ${provider} for ${forWhom}${start}${suggested}`
		}
		case 'BOOKING_PROPOSED': {
			const minutes = num(d.minutes)
			const what = minutes ? durationWords(minutes) : `“${text(d.service) ?? 'support'}”`
			const why = d.reason === 'OVER_LIMIT' ? ', above their limit,' : ''
			return `${who} asked ${forWhom === 'you' ? 'you' : forWhom} to approve ${what} with ${provider}${on}${why} for ${money(d, 'totalPence', currency) ?? 'an amount'}`
		}
		case 'PROPOSAL_APPROVED':
			return `${who} approved the booking ${text(d.proposedBy) ?? 'a helper'} suggested with ${provider}${on}`
		case 'PROPOSAL_DECLINED':
			return `${who} declined the booking ${text(d.proposedBy) ?? 'a helper'} suggested with ${provider}${on}`
		case 'PROPOSAL_WITHDRAWN':
			return `${who} withdrew their suggestion to book ${provider}`
		case 'SHORTLIST_SAVED':
			return `${who} saved ${provider} to a shortlist for ${forWhom}`
		case 'SHORTLIST_REMOVED':
			return `${who} took ${provider} off a shortlist for ${forWhom}`
		case 'SHORTLIST_SENT': {
			const names = Array.isArray(d.providers) ? d.providers.filter((n) => typeof n === 'string') : []
			return `${who} sent ${forWhom} a shortlist: ${names.join(', ') || 'providers'}`
		}
		case 'SHORTLIST_ANSWERED':
			return d.answer === 'CHOSEN'
				? `${who} chose ${provider} from ${text(d.helper) ?? 'a helper'}’s shortlist`
				: d.answer === 'MORE_WANTED'
					? `${who} asked ${text(d.helper) ?? 'a helper'} for more choices`
					: `${who} asked ${text(d.helper) ?? 'a helper'} to choose for ${forWhom === 'you' ? 'you' : 'them'}`
		case 'BOOKING_CANCELLED': {
			const charge = num(d.chargePence) ? `, with a cancellation charge of ${money(d, 'chargePence', currency)}` : ''
			return `${who} cancelled the booking with ${provider}${on} for ${forWhom}${charge}`
		}
		case 'BOOKING_CONFIRMED':
			return `${who} confirmed the session with ${provider}${on} and paid ${money(d, 'totalPence', currency) ?? 'for it'} from ${yours} budget`
		case 'PLEDGED':
			return `${who} pledged up to ${money(d, 'agreedMaxPence', currency) ?? 'an amount'} to a group commission for ${forWhom}`
		case 'PLEDGE_WITHDRAWN':
			return `${who} withdrew ${yours} pledge to a group commission`
		case 'SESSION_PROBLEM_REPORTED':
			return `${who} reported a problem with a group session for ${forWhom}`
		case 'top-up-started':
			return `${who} started adding ${money(d, 'amount', currency) ?? 'money'} to ${yours} budget by card`
		case 'top-up-credited':
			return `${money(d, 'received', currency) ?? 'Money'} paid by card was added to ${yours} budget`
		case 'top-up-refused':
			return `A card payment into ${yours} budget was refused`
		case 'allocation-created':
			return `${who} set up ${yours} budget payments`
		case 'instalments-cancelled':
			return `${who} cancelled ${num(d.cancelled) ?? 'some'} future budget payments`
		case 'review.written':
			return `${who} wrote a review of a booking for ${forWhom}`
		case 'provider-feedback.written':
			return `${who} left feedback after a booking`
		case 'HELPER_INVITED':
			return `${who} invited ${text(d.email) ?? 'someone'} to ${rightsSentence(rightsOf(d.rights), forWhom === 'you' ? 'your' : 'their')} for ${forWhom}`
		case 'INVITE_WITHDRAWN':
			return `${who} withdrew the invitation to ${text(d.email) ?? 'someone'}`
		case 'RIGHTS_GIVEN':
			return `${who} accepted the invitation and can now ${rightsSentence(rightsOf(d.rights), forWhom === 'you' ? 'your' : 'their')} for ${forWhom}`
		case 'RIGHTS_CHANGED': {
			const after = (d.after ?? {}) as Record<string, unknown>
			return `${who} changed what ${text(d.delegate) ?? 'a helper'} can do: now ${rightsSentence(rightsOf(after.rights), forWhom === 'you' ? 'your' : 'their')}`
		}
		case 'REPRESENTATIVE_RECORDED':
			return `${who} recorded ${text(d.delegate) ?? 'someone'} as ${yours} representative, to ${rightsSentence(rightsOf(d.rights), forWhom === 'you' ? 'your' : 'their')}, because: ${text(d.reason) ?? 'no reason given'}`
		case 'REPRESENTATIVE_INVITED':
			return `${who} invited ${text(d.email) ?? 'someone'} to be ${yours} representative, because: ${text(d.reason) ?? 'no reason given'}`
		case 'ORGANISATION_RIGHTS_GIVEN':
			return `${who} gave ${text(d.organisation) ?? 'an organisation'} and its staff the right to ${rightsSentence(rightsOf(d.rights), forWhom === 'you' ? 'your' : 'their')} for ${forWhom}`
		case 'RIGHTS_WITHDRAWN':
			return `${who} withdrew every right ${text(d.delegate) ?? 'a helper'} had to act for ${forWhom}`
		case 'BUDGET_SET':
			return `${who} set ${yours} budget at ${money(d, 'amountPence', currency) ?? 'an amount'} a year, paid as: ${(text(d.paidHow) ?? 'not said').toLowerCase()}`
		case 'PLAN_STARTED':
			return `${who} started writing ${yours} support plan`
		case 'PLAN_CHANGE_STARTED':
			return `${who} started a change to ${yours} support plan (version ${num(d.version) ?? ''})`
		case 'PLAN_WRITTEN':
			return `${who} saved ${yours} support plan (${text(d.step)?.replaceAll('-', ' ') ?? 'a step'})`
		case 'PLAN_SUBMITTED':
			return `${who} sent ${yours} support plan to be agreed`
		case 'PLAN_QUESTIONED':
			return `${who} asked a question about ${yours} support plan`
		case 'PLAN_ANSWERED':
			return `${who} answered the question about ${yours} support plan and sent it back`
		case 'PLAN_AGREED':
			return `${who} agreed ${yours} support plan (version ${num(d.version) ?? ''})`
		case 'REVIEW_REQUESTED':
			return `${who} asked for a review of ${yours} support plan`
		case 'REVIEW_DONE':
			return `${who} reviewed how ${yours} support plan is going`
		case 'REVIEW_NOTES':
			return `${who} added notes to the review of ${yours} support plan`
		default:
			return `${who}: ${entry.action.replaceAll(/[._-]/g, ' ').toLowerCase()}`
	}
}

/** Under which right the entry was done, in words, when it says. */
export function underRight(detail: Record<string, unknown>): string {
	const r = text(detail.right)
	if (r === 'BOOK') return 'book and cancel support'
	if (r === 'PAY') return 'confirm sessions and pay'
	if (r === 'VIEW') return 'see money and bookings, and suggest support'
	return ''
}
