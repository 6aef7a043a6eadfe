import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { runJobsOnce } from '#app/jobs/scheduler.server.ts'
import { clockOffset, now, setClockOffset } from '#app/utils/clock.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readCheckedForm } from '#app/utils/form.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/**
 * The test clock, for the browser tests only: exists when TEST_CLOCK=true (only on the embedded database), otherwise
 * 404, and answers only a signed-in admin. A form POST (with the CSRF token) of `advanceMinutes=n` moves this
 * process's clock forward and runs the scheduled jobs once at the new time, as the minute timer would; `reset=true`
 * puts it back to the real time.
 */
function enabled() {
	const env = getEnv()
	if (env.TEST_CLOCK !== 'true' || env.DATABASE_URL) throw new Response('Not found', { status: 404 })
}

export async function loader({ request }: LoaderFunctionArgs) {
	enabled()
	await requireRole(request, ['ADMIN'])
	return json({ now: now().toISOString(), offsetMs: clockOffset() })
}

const Body = z.union([
	z.object({
		advanceMinutes: z.coerce
			.number()
			.int()
			.min(0)
			.max(60 * 24 * 400),
	}),
	z.object({ reset: z.literal('true') }),
])

export async function action({ request }: ActionFunctionArgs) {
	enabled()
	await requireRole(request, ['ADMIN'])
	const formData = await readCheckedForm(request)
	const parsed = Body.safeParse(Object.fromEntries(formData))
	if (!parsed.success) {
		return json({ error: 'Send advanceMinutes (a whole number of minutes, 0 or more), or reset=true' }, { status: 400 })
	}
	setClockOffset('reset' in parsed.data ? 0 : clockOffset() + parsed.data.advanceMinutes * 60_000)
	const jobs = await runJobsOnce(now())
	return json({ now: now().toISOString(), offsetMs: clockOffset(), jobs })
}
