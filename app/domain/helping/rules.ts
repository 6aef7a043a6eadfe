/**
 * The life cycles of shortlists and proposals (ADR 024), pure, so the server's checks and the pages' buttons ask
 * the same questions.
 *
 *   Shortlist:  DRAFT ──send──▶ SENT ──answer──▶ CHOSEN | MORE_WANTED | HELPER_CHOOSES
 *                 ▲                                         │
 *                 └──────── (MORE_WANTED: the helper adds more and sends again) ◀────┘
 *
 *   Proposal:   WAITING ──approve──▶ APPROVED (the booking request is sent, once)
 *                  │ ──decline──▶ DECLINED
 *                  └ ──withdraw (the helper)──▶ WITHDRAWN
 */
import type { ProposalStatus, ShortlistStatus } from '#app/generated/prisma/enums.ts'

/** The helper may add, change and remove providers while the holder is not looking at the list. */
export function canEditShortlist(status: ShortlistStatus): boolean {
	return status === 'DRAFT' || status === 'MORE_WANTED'
}

/** The helper may send it when it has at least one provider and is not waiting for an answer already. */
export function canSendShortlist(status: ShortlistStatus, items: number): boolean {
	return canEditShortlist(status) && items > 0
}

/** The holder answers a shortlist once it is sent to them. */
export function canAnswerShortlist(status: ShortlistStatus): boolean {
	return status === 'SENT'
}

export function canAnswerProposal(status: ProposalStatus): boolean {
	return status === 'WAITING'
}

export const SHORTLIST_STATUS_WORDS: Record<ShortlistStatus, string> = {
	DRAFT: 'Not sent yet',
	SENT: 'Waiting for an answer',
	CHOSEN: 'Chosen',
	MORE_WANTED: 'Asked for more choices',
	HELPER_CHOOSES: 'Asked you to choose',
}

export const PROPOSAL_STATUS_WORDS: Record<ProposalStatus, string> = {
	WAITING: 'Waiting for an answer',
	APPROVED: 'Approved and sent to the provider',
	DECLINED: 'Declined',
	WITHDRAWN: 'Withdrawn',
}
