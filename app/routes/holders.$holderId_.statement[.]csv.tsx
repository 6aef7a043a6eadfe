import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvFileName, csvHeaders } from '#app/domain/money/csv.ts'
import { statementFilterFrom } from '#app/domain/money/schemas.ts'
import { statementCsv } from '#app/domain/money/statements.server.ts'
import { getHolderSummary } from '#app/domain/people/account.server.ts'
import { requireHolderRight } from '#app/domain/people/rights.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'

/** The holder's statement as a CSV file, with the same filters as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const holderId = params.holderId ?? ''
	await requireHolderRight(user, holderId, 'VIEW')
	const holder = await getHolderSummary(holderId)
	if (!holder) throw new Response('Not found', { status: 404 })
	const filter = statementFilterFrom(new URL(request.url))
	const csv = await statementCsv(holderId, filter)
	const name = csvFileName('statement', holder.displayName, filter.month ?? 'all')
	return new Response(csv, { headers: csvHeaders(name) })
}
