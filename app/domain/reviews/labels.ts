/** How the review pages and messages write dates and names. Pure: safe in the browser. */

const TIME_ZONE = 'Europe/London'
// Days as the rest of the site writes them (the profile's review dates among them), so they always agree.
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const dayTimeFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: TIME_ZONE,
})

/** "3 March 2026". */
export function formatDay(date: Date | string): string {
	return dayFormat.format(new Date(date))
}

/** "3 March 2026 at 14:05" (UK time). */
export function formatDayTime(date: Date | string): string {
	const parts = dayTimeFormat.formatToParts(new Date(date))
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
	return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}`
}

/** "Sam T.": a first name and initial, the way reviews name their authors in public. */
export function shortName(displayName: string): string {
	const [first, ...rest] = displayName.trim().split(/\s+/)
	const last = rest.at(-1)
	return last ? `${first} ${last.charAt(0)}.` : (first ?? '')
}
