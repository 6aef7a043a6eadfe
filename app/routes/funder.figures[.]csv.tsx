import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getFunderView } from '#app/domain/funders/overview.server.ts'
import { TABLE_IDS, tableCsv } from '#app/domain/funders/tables.ts'
import { requireFunderStaff } from '#app/domain/money/access.server.ts'
import { csvFileName, csvHeaders } from '#app/domain/money/csv.ts'
import { now } from '#app/utils/clock.server.ts'
import { isoDay } from '#app/utils/dates.ts'

const QuerySchema = z.object({ table: z.enum(TABLE_IDS) })

/** One table of the funder's view as CSV, with the same figures hidden as on the page (ADR 023). */
export async function loader({ request }: LoaderFunctionArgs) {
	const { funderId } = await requireFunderStaff(request)
	const query = QuerySchema.safeParse({ table: new URL(request.url).searchParams.get('table') ?? undefined })
	if (!query.success) throw new Response('Choose a table to download.', { status: 400 })
	const view = await getFunderView(funderId)
	if (!view) throw new Response('Not found', { status: 404 })
	const table = view.tables[query.data.table]
	return new Response(tableCsv(table, view.funder.currency), {
		headers: csvHeaders(csvFileName(view.funder.name, table.id, isoDay(now()))),
	})
}
