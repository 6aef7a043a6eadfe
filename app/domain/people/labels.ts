import type { DelegateKind, DelegatedRight, Role } from '#app/generated/prisma/enums.ts'

export const roleLabels: Record<Role, string> = {
	HOLDER: 'Budget holder',
	REPRESENTATIVE: 'Carer or representative',
	PROVIDER: 'Provider',
	BROKER: 'Broker',
	FUNDER_STAFF: 'Funder staff',
	ADMIN: 'Administrator',
}

export const rightLabels: Record<DelegatedRight, string> = {
	VIEW: 'see the account and plan',
	BOOK: 'book and cancel support',
	PAY: 'confirm sessions and release payments',
	PLAN: 'change the support plan',
	REVIEW: 'write reviews',
}

export const delegateKindLabels: Record<DelegateKind, string> = {
	REPRESENTATIVE: 'Representative',
	BROKER: 'Broker',
}
