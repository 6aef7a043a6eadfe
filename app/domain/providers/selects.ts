/** The provider's about details (as the editor's about page saves them), which every page about a provider reads. */
export const providerAboutSelect = {
	id: true,
	slug: true,
	kind: true,
	name: true,
	headline: true,
	bio: true,
	town: true,
	postcodeDistrict: true,
	coverRadiusKm: true,
	languages: true,
	accessibility: true,
	acceptsGroupBookings: true,
} as const
