import type { LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeed } from '#app/domain/bookings/calendar.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'

/** The .ics calendar feed: /calendar/feed/<secret>.ics. Calendar apps cannot sign in, so the secret is the key. */
export async function loader({ params }: LoaderFunctionArgs) {
	const file = params.file ?? ''
	if (!file.endsWith('.ics')) throw new Response('Not found', { status: 404 })
	const ics = await calendarFeed(file.slice(0, -4), publicOrigin())
	if (ics === null) throw new Response('Not found', { status: 404 })
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="budget-market.ics"',
			'Cache-Control': 'private, max-age=300',
		},
	})
}
