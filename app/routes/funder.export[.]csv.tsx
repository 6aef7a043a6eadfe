import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import { csvFileName, csvHeaders } from '#app/domain/money/csv.ts'
import { funderAuditCsv, funderSettings } from '#app/domain/money/funder-overview.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { isoDay } from '#app/utils/dates.ts'

/** Every movement of this funder's money, for audit: a CSV streamed in batches. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const funder = await funderSettings(funderId)
	if (!funder) throw new Response('Not found', { status: 404 })
	return new Response(funderAuditCsv(funderId), {
		headers: csvHeaders(csvFileName(funder.name, 'movements', isoDay(now()))),
	})
}
