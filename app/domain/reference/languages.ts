/** Languages offered besides English, in the order the app lists them. */
export const languages = [
	'English',
	'Welsh',
	'Polish',
	'Urdu',
	'Punjabi',
	'Gujarati',
	'Bengali',
	'Arabic',
	'BSL',
	'Somali',
	'Romanian',
	'Scottish Gaelic',
] as const
