import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { runJobsOnce } from '#app/jobs/scheduler.server.ts'
import { clockOffset, now, setClockOffset } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/**
 * The test clock, for the browser tests only: exists when TEST_CLOCK=true (refused in production on a real
 * database), otherwise 404. POST { "advanceMinutes": n } moves this process's clock forward and runs the scheduled
 * jobs once at the new time, as the minute timer would; POST { "reset": true } puts it back to the real time.
 */
function enabled() {
	if (getEnv().TEST_CLOCK !== 'true') throw new Response('Not found', { status: 404 })
}

export async function loader(_: LoaderFunctionArgs) {
	enabled()
	return json({ now: now().toISOString(), offsetMs: clockOffset() })
}

const Body = z.union([z.object({ advanceMinutes: z.number().int().min(0).max(60 * 24 * 400) }), z.object({ reset: z.literal(true) })])

export async function action({ request }: ActionFunctionArgs) {
	enabled()
	const parsed = Body.safeParse(await request.json().catch(() => null))
	if (!parsed.success) {
		return json({ error: 'Send { "advanceMinutes": a whole number of minutes, 0 or more }, or { "reset": true }' }, { status: 400 })
	}
	setClockOffset('reset' in parsed.data ? 0 : clockOffset() + parsed.data.advanceMinutes * 60_000)
	const jobs = await runJobsOnce(now())
	return json({ now: now().toISOString(), offsetMs: clockOffset(), jobs })
}
