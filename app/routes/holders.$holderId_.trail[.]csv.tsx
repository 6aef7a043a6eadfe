import type { LoaderFunctionArgs } from '@remix-run/node'
import { trailCsvResponse } from '#app/domain/people/trail.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/route-errors.server.ts'

/** The holder's whole trail as a CSV file: when, who, what, under which right. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return orErrorPage(() => trailCsvResponse(user, params.holderId ?? ''))
}
