/**
 * The holder's trail (ADR 020): every audit-log entry about a holder, newest first, worded by trail.ts, for the
 * holder themself, staff of their funder and admins. Delegates do not see it: it is where the holder watches them.
 */
import { csvFileName, csvHeaders } from '#app/domain/money/csv.ts'
import { toCsv } from '#app/domain/money/csv.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { instantText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { SessionUser } from './auth.server.ts'
import { ConsentError } from './consent.server.ts'
import { requireHolderFor } from './rights.server.ts'
import { ACTING_AS, trailSentence, underRight } from './trail.ts'

export const TRAIL_PAGE_SIZE = 50

/** The holder, when this person may read their trail: 403 for their delegates, 404 for anyone else. */
export async function requireTrailReader(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const reader = await requireHolderFor(
		prisma,
		user,
		holderId,
		now,
		{
			select: { funder: { select: { currency: true } } },
			allowed: (r) => r.self || r.admin || r.ownFunderStaff,
			forbidden: (h) => `Only ${h.displayName} and their funder can see this.`,
		},
		ConsentError,
	)
	return { ...reader, currency: reader.funder.currency.trim(), isSelf: reader.userId === user.id }
}

export type TrailRow = { id: string; at: Date; who: string; sentence: string; right: string }

/** The trail's entries, newest first, worded for this reader. */
export async function trailRows(
	user: SessionUser,
	holderId: string,
	options: { page?: number; all?: boolean } = {},
): Promise<{ holder: { id: string; displayName: string; isSelf: boolean }; rows: TrailRow[]; total: number }> {
	const holder = await requireTrailReader(user, holderId)
	const page = Math.max(1, options.page ?? 1)
	const [entries, total, delegations] = await Promise.all([
		prisma.auditLog.findMany({
			where: { holderId },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			skip: options.all ? 0 : (page - 1) * TRAIL_PAGE_SIZE,
			take: options.all ? 10_000 : TRAIL_PAGE_SIZE,
			select: {
				id: true,
				action: true,
				detail: true,
				createdAt: true,
				actorId: true,
				actor: { select: { name: true, roles: true, funderId: true } },
			},
		}),
		prisma.auditLog.count({ where: { holderId } }),
		prisma.delegation.findMany({
			where: { holderId },
			select: { delegateId: true, kind: true, organisation: { select: { name: true } } },
		}),
	])
	const kindOf = new Map(delegations.map((d) => [d.delegateId, d.kind as string]))
	// Staff of an organisation the holder gave rights to are named with it: "Kiran Shah of …" (ADR 025).
	const organisationOf = new Map(
		delegations.flatMap((d) => (d.organisation ? [[d.delegateId, d.organisation.name]] : [])),
	)
	const forWhom = holder.isSelf ? 'you' : holder.displayName
	const rows = entries.map((e) => {
		const detail = (e.detail && typeof e.detail === 'object' && !Array.isArray(e.detail) ? e.detail : {}) as Record<
			string,
			unknown
		>
		let who = 'Budget Market'
		if (e.actorId && e.actor) {
			if (e.actorId === holder.userId) who = holder.isSelf ? 'You' : holder.displayName
			else if (organisationOf.has(e.actorId)) who = `${e.actor.name} of ${organisationOf.get(e.actorId)}`
			else {
				const as =
					(typeof detail.as === 'string' && detail.as !== 'HOLDER' ? detail.as : null) ??
					kindOf.get(e.actorId) ??
					(e.actor.roles.includes('FUNDER_STAFF') ? 'FUNDER' : e.actor.roles.includes('ADMIN') ? 'ADMIN' : null) ??
					(e.actor.roles.includes('PROVIDER') ? 'PROVIDER' : null)
				who = as && ACTING_AS[as] ? `${e.actor.name} (${ACTING_AS[as]})` : e.actor.name
			}
		}
		return {
			id: String(e.id),
			at: e.createdAt,
			who,
			sentence: trailSentence({ action: e.action, who, detail }, forWhom, holder.currency),
			right: underRight(detail),
		}
	})
	return { holder: { id: holder.id, displayName: holder.displayName, isSelf: holder.isSelf }, rows, total }
}

/** The whole trail as a CSV file's response. */
export async function trailCsvResponse(user: SessionUser, holderId: string): Promise<Response> {
	const { holder, rows } = await trailRows(user, holderId, { all: true })
	const csv = toCsv(
		['When', 'Who', 'What', 'Under the right to'],
		rows.map((r) => [instantText(r.at), r.who, `${r.sentence}.`, r.right]),
	)
	return new Response(csv, { headers: csvHeaders(csvFileName('trail', holder.displayName, 'all')) })
}
