/** Plain-English names for the money enums. Pure. */
import type {
	AllocationSchedule,
	InitiatorRole,
	InstalmentStatus,
	PayoutStatus,
	TopUpStatus,
	TransferReason,
} from '#app/generated/prisma/enums.ts'

export const reasonLabels: Record<TransferReason, string> = {
	ALLOCATION: 'Budget from your funder',
	TOP_UP: 'Top-up',
	BOOKING: 'Booking',
	PLEDGE: 'Group pledge',
	PAYOUT: 'Payout',
	REFUND: 'Refund',
	FEE: 'Platform fee',
	CORRECTION: 'Correction',
}

export const initiatorLabels: Record<InitiatorRole, string> = {
	HOLDER: 'budget holder',
	REPRESENTATIVE: 'representative',
	BROKER: 'broker',
	FUNDER: 'funder',
	PROVIDER: 'provider',
	ADMIN: 'administrator',
	SYSTEM: 'automatic',
}

export const payoutStatusLabels: Record<PayoutStatus, string> = {
	AWAITING_PAYOUT: 'Awaiting payout',
	IN_TRANSIT: 'On its way',
	PAID: 'Paid',
	FAILED: 'Payout failed',
}

export const payoutStatusHelp: Record<PayoutStatus, string> = {
	AWAITING_PAYOUT: 'Recorded and waiting to be sent to you.',
	IN_TRANSIT: 'Being sent to your Stripe account.',
	PAID: 'Sent to you.',
	FAILED: 'Stripe could not send this. Our team will look at it and try again.',
}

export const topUpStatusLabels: Record<TopUpStatus, string> = {
	STARTED: 'Waiting for the card payment',
	SUCCEEDED: 'Added to the budget',
	FAILED: 'The card payment did not go through',
}

export const instalmentStatusLabels: Record<InstalmentStatus, string> = {
	SCHEDULED: 'Scheduled',
	PAID: 'Paid',
	CANCELLED: 'Cancelled',
}

export const scheduleLabels: Record<AllocationSchedule, string> = {
	ONE_OFF: 'One payment',
	INSTALMENTS: 'Instalments',
}

/** "Grace Okafor (representative)", "automatic" for the system. */
export function initiatorText(role: InitiatorRole, name: string | null | undefined): string {
	if (role === 'SYSTEM') return 'Automatic'
	return name ? `${name} (${initiatorLabels[role]})` : initiatorLabels[role]
}
