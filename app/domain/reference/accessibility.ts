/** Accessibility features a provider or venue can have, with the words the app shows for each. */
export const accessibilityFeatures = [
	{ key: 'wheelchair-accessible', label: 'Wheelchair accessible' },
	{ key: 'step-free', label: 'Step-free access' },
	{ key: 'accessible-toilet', label: 'Accessible toilet' },
	{ key: 'hearing-loop', label: 'Hearing loop' },
	{ key: 'bsl-signing', label: 'BSL signing' },
	{ key: 'easy-read', label: 'Easy-read information' },
	{ key: 'large-print', label: 'Large print' },
	{ key: 'quiet-space', label: 'Quiet space' },
] as const

export type AccessibilityFeature = (typeof accessibilityFeatures)[number]['key']
