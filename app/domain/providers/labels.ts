import type { CredentialKind, PriceUnit, ProviderKind } from '#app/generated/prisma/enums.ts'
import { formatMoney } from '#app/domain/ledger/money.ts'

/** Plain-English words for the data model's codes. Pure: used by server and browser. */
export const providerKindLabels: Record<ProviderKind, string> = {
	PERSONAL_ASSISTANT: 'Personal assistant',
	USER_LED_ORGANISATION: 'User-led organisation',
	COMMUNITY_SERVICE: 'Community service',
}

export const priceUnitLabels: Record<PriceUnit, string> = {
	PER_HOUR: 'an hour',
	PER_SESSION: 'a session',
	FIXED: 'fixed price',
}

export const credentialKindLabels: Record<CredentialKind, string> = {
	BACKGROUND_CHECK: 'Background check',
	REGISTRATION: 'Registration',
	FIRST_AID: 'First aid',
	TRAINING: 'Training',
	INSURANCE: 'Insurance',
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** "09:30" from minutes after midnight. */
export function formatMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60)
	const m = minutes % 60
	return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

/** "wheelchair-accessible" → "Wheelchair accessible"; BSL stays upper case. */
export function humanise(slug: string): string {
	const words = slug.split('-').map((w) => (['bsl', 'dbs', 'cqc'].includes(w) ? w.toUpperCase() : w))
	const text = words.join(' ')
	return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "£15.00 an hour", "£8.00 a session", "£300.00 fixed price". */
export function formatPrice(pricePence: number, unit: PriceUnit, currency: string): string {
	return `${formatMoney(pricePence, currency)} ${priceUnitLabels[unit]}`
}
