import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'

/** Funder pages: staff of a funder, for their own funder only (every query is then scoped by this funderId). */
export async function requireFunderStaff(request: Request): Promise<{ user: SessionUser; funderId: string }> {
	const user = await requireRole(request, ['FUNDER_STAFF'])
	if (!user.funderId) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
	return { user, funderId: user.funderId }
}
