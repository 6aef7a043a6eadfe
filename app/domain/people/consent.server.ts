/**
 * Consent (docs/decisions/019-consent-and-trail.md): a holder invites someone by email to act for them, with rights
 * in plain words, optional spending limits and an optional end date; the invitee accepts through a single-use link
 * that expires; the holder changes or withdraws any right at once. Every change is one transaction that also writes
 * the audit log (the holder's trail) and tells the people concerned.
 *
 *   helpersPage(user, holderId, now)                     → who acts for the holder, and invitations still open
 *   inviteHelper(user, holderId, input, now)              → an invitation and its emailed link (the secret once)
 *   invitationFor(user, token, now)                       → what the link offers the signed-in person, or null
 *   acceptInvitation(user, token, now)                    → the delegation made (or renewed) from it
 *   changeHelper / withdrawHelper / cancelInvitation      → the holder's changes, effective on the next request
 *   helperLimits(db, user, holderId, now)                 → a delegate's spending limits and what they used this month
 *
 * Only the holder themself gives, changes or withdraws rights: a representative cannot pass rights on.
 */
import { createHash, randomBytes } from 'node:crypto'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { notify, queueEmail } from '#app/domain/notifications/notify.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { DelegateKind, DelegatedRight } from '#app/generated/prisma/enums.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { addLocalDays, dayText, localDate, localInstant, monthOf, monthRange } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { DomainError } from '#app/utils/errors.ts'
import { type Db, inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import type { SessionUser } from './auth.server.ts'
import { type HelperTerms, INVITE_DAYS, KIND_CHOICES, normaliseRights, rightsSentence } from './consent.ts'
import { syncOrganisationCopies } from './organisations.server.ts'
import { recordableRights } from './representation.ts'
import { liveDelegationWhere, requireHolderFor } from './rights.server.ts'

type ConsentErrorCode = 'INVALID' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE'
const STATUS: Record<ConsentErrorCode, number> = { INVALID: 400, FORBIDDEN: 403, NOT_FOUND: 404, WRONG_STATE: 409 }

export class ConsentError extends DomainError<ConsentErrorCode> {
	override name = 'ConsentError'
	constructor(code: ConsentErrorCode, message: string, options: { field?: string } = {}) {
		super(STATUS, code, message, options)
	}
}

const DAY = 86_400_000

/** The sha256 of an invitation's secret: only this is stored, so the table alone opens no invitation. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

/**
 * The holder, when this person keeps the list of people acting for them that is asked for: a holder's helpers are
 * theirs alone to choose (a representative cannot pass rights on); representatives are recorded by staff of the
 * holder's own funder (ADR 025). Anyone else who may see the holder (a delegate, an admin, the other side) is
 * refused with 403; everyone else is told nothing (404). `recordable`: the rights a representative may be given now,
 * from the holder's plan (read for the representatives list only).
 */
export async function requireListKeeper(
	user: Pick<SessionUser, 'id' | 'roles' | 'funderId'>,
	holderId: string,
	list: 'helpers' | 'representatives',
	{ db = prisma, now = clockNow() }: { db?: Db; now?: Date } = {},
) {
	const representatives = list === 'representatives'
	const holder = await requireHolderFor(
		db,
		user,
		holderId,
		now,
		{
			select: {
				funder: { select: { name: true, currency: true } },
				plans: representatives && { where: { status: 'AGREED' }, select: { status: true }, take: 1 },
			},
			allowed: (r) => (representatives ? r.ownFunderStaff : r.self),
			forbidden: (h) =>
				representatives
					? `Only staff of ${h.funder.name} can record a representative.`
					: `Only ${h.displayName} can choose who acts for them.`,
		},
		ConsentError,
	)
	return {
		id: holder.id,
		displayName: holder.displayName,
		userId: holder.userId,
		funderId: holder.funderId,
		funderName: holder.funder.name,
		currency: holder.funder.currency.trim(),
		recordable: representatives ? recordableRights(holder.plans?.[0]?.status ?? null) : [],
	}
}

/** The delegation's end, as the holder typed it: the end of that local day. */
function endOf(endsOn: string | null): Date | null {
	return endsOn ? localInstant(addLocalDays(endsOn, 1), 0) : null
}

/** The last day someone may act, for the form ("2027-03-31"), from the stored end. */
export function lastDay(expiresAt: Date | null): string | null {
	return expiresAt ? localDate(new Date(expiresAt.getTime() - 1)) : null
}

function termsDetail(t: {
	rights: DelegatedRight[]
	perBookingLimitPence: number | null
	perMonthLimitPence: number | null
	expiresAt: Date | null
}) {
	return {
		rights: t.rights,
		perBookingLimitPence: t.perBookingLimitPence,
		perMonthLimitPence: t.perMonthLimitPence,
		endsOn: lastDay(t.expiresAt),
	}
}

// ───────────────────────────── The holder's page ─────────────────────────────

export async function helpersPage(user: SessionUser, holderId: string, now: Date = clockNow()) {
	const holder = await requireListKeeper(user, holderId, 'helpers', { now })
	const [delegations, invites] = await Promise.all([
		prisma.delegation.findMany({
			// Staff copies of an organisation's rights (ADR 025) are shown as the organisation, not one by one.
			where: { holderId, revokedAt: null, viaId: null },
			select: {
				id: true,
				kind: true,
				rights: true,
				consentGivenAt: true,
				expiresAt: true,
				perBookingLimitPence: true,
				perMonthLimitPence: true,
				consentNote: true,
				delegate: { select: { name: true, email: true } },
				recordedBy: { select: { name: true, funder: { select: { name: true } } } },
				organisation: { select: { name: true } },
			},
			orderBy: { consentGivenAt: 'asc' },
		}),
		prisma.helperInvite.findMany({
			where: { holderId, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
			select: { id: true, email: true, kind: true, rights: true, expiresAt: true, createdAt: true },
			orderBy: { createdAt: 'asc' },
		}),
	])
	return {
		holder,
		helpers: delegations.map((d) => ({
			...d,
			ended: d.expiresAt !== null && d.expiresAt.getTime() <= now.getTime(),
			endsOn: lastDay(d.expiresAt),
		})),
		invites,
	}
}

// ───────────────────────────── Inviting ─────────────────────────────

export type InviteInput = HelperTerms & { email: string; kind: DelegateKind }

export async function inviteHelper(
	user: SessionUser,
	holderId: string,
	input: InviteInput,
	now: Date = clockNow(),
): Promise<{ inviteId: string; token: string; link: string }> {
	const email = input.email.trim().toLowerCase()
	const rights = normaliseRights(input.rights)
	if (rights.length === 0)
		throw new ConsentError('INVALID', 'Choose at least one thing they can do for you', { field: 'rights' })
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'helpers', { db: tx, now })
		if (email === user.email.toLowerCase()) {
			throw new ConsentError('INVALID', 'Enter the email address of someone else: you can already do everything', {
				field: 'email',
			})
		}
		const already = await tx.delegation.findFirst({
			where: { holderId, delegate: { email }, ...liveDelegationWhere(now) },
			select: { delegate: { select: { name: true } } },
		})
		if (already) {
			throw new ConsentError(
				'INVALID',
				`${already.delegate.name} can already act for you. Change what they can do in the list below.`,
				{ field: 'email' },
			)
		}
		const token = randomBytes(32).toString('base64url')
		const expiresAt = new Date(now.getTime() + INVITE_DAYS * DAY)
		const invite = await tx.helperInvite.create({
			data: {
				holderId,
				email,
				kind: input.kind,
				rights,
				perBookingLimitPence: input.perBooking,
				perMonthLimitPence: input.perMonth,
				endsAt: endOf(input.endsOn),
				tokenHash: tokenHash(token),
				invitedById: user.id,
				expiresAt,
				createdAt: now,
			},
		})
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'HELPER_INVITED',
			entityType: 'HelperInvite',
			entityId: invite.id,
			detail: { email, kind: input.kind, ...termsDetail({ ...invite, expiresAt: invite.endsAt }) },
		})
		const link = `${publicOrigin()}/helpers/accept/${token}`
		const kind = KIND_CHOICES.find((k) => k.value === input.kind)!.label.toLowerCase()
		await queueEmail(tx, {
			to: email,
			subject: `${holder.displayName} asks you to help them on Budget Market`,
			body: [
				`${holder.displayName} would like you to act for them on Budget Market, as ${kind}.`,
				`They would let you ${rightsSentence(rights, 'their')}.`,
				limitsWords(input.perBooking, input.perMonth, holder.currency),
				input.endsOn ? `Until ${dayText(input.endsOn)}.` : null,
				`To accept, open this link and sign in, or create an account with this email address (${email}):`,
				link,
				`The link works once, until ${dayText(expiresAt)}. If you were not expecting this, ignore this email.`,
			]
				.filter(Boolean)
				.join('\n\n'),
		})
		return { inviteId: invite.id, token, link }
	})
}

function limitsWords(perBooking: number | null, perMonth: number | null, currency: string): string | null {
	const parts = [
		perBooking !== null ? `up to ${formatMoney(perBooking, currency)} on one booking` : null,
		perMonth !== null ? `up to ${formatMoney(perMonth, currency)} a month` : null,
	].filter(Boolean)
	return parts.length ? `You could spend ${parts.join(' and ')}.` : null
}

export async function cancelInvitation(user: SessionUser, holderId: string, inviteId: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		await requireListKeeper(user, holderId, 'helpers', { db: tx, now })
		const invite = await tx.helperInvite.findFirst({
			where: { id: inviteId, holderId },
			select: { id: true, email: true, acceptedAt: true, withdrawnAt: true },
		})
		if (!invite) throw new ConsentError('NOT_FOUND', 'We could not find that invitation.')
		if (invite.withdrawnAt) return
		if (invite.acceptedAt)
			throw new ConsentError('WRONG_STATE', 'This invitation was accepted already: withdraw their rights instead.')
		await tx.helperInvite.update({ where: { id: invite.id }, data: { withdrawnAt: now } })
		await audit(tx, {
			actorId: user.id,
			holderId,
			action: 'INVITE_WITHDRAWN',
			entityType: 'HelperInvite',
			entityId: invite.id,
			detail: { email: invite.email },
		})
	})
}

// ───────────────────────────── Accepting ─────────────────────────────

const inviteSelect = {
	id: true,
	email: true,
	kind: true,
	rights: true,
	perBookingLimitPence: true,
	perMonthLimitPence: true,
	endsAt: true,
	expiresAt: true,
	acceptedAt: true,
	withdrawnAt: true,
	holderId: true,
	invitedById: true,
	reason: true,
	holder: { select: { displayName: true, userId: true, funder: { select: { currency: true } } } },
	invitedBy: { select: { name: true } },
} satisfies Prisma.HelperInviteSelect

type LoadedInvite = Prisma.HelperInviteGetPayload<{ select: typeof inviteSelect }>

function isOpen(invite: LoadedInvite, now: Date): boolean {
	return !invite.acceptedAt && !invite.withdrawnAt && invite.expiresAt.getTime() > now.getTime()
}

function isFor(invite: { email: string }, user: Pick<SessionUser, 'email'>): boolean {
	return invite.email === user.email.trim().toLowerCase()
}

/**
 * Refuses to accept an invitation (a helper's or a member of staff's) sent to another email address (403), or one
 * already used, withdrawn or out of date (409).
 */
export function requireAcceptable(
	invite: { email: string; acceptedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date },
	user: Pick<SessionUser, 'email'>,
	now: Date,
): void {
	if (!isFor(invite, user)) {
		throw new ConsentError(
			'FORBIDDEN',
			'This invitation was sent to another email address. Sign in with the account for that address.',
		)
	}
	if (invite.acceptedAt) throw new ConsentError('WRONG_STATE', 'This invitation has been used already.')
	if (invite.withdrawnAt) throw new ConsentError('WRONG_STATE', 'This invitation was withdrawn.')
	if (invite.expiresAt.getTime() <= now.getTime()) {
		throw new ConsentError('WRONG_STATE', 'This invitation has expired. Ask for a new one.')
	}
}

/**
 * What an invitation link offers the signed-in person: null when the link does not work (unknown, used, expired
 * or withdrawn), `forYou: false` when it was sent to another email address (the page says so, and names nobody).
 */
export async function invitationFor(user: SessionUser, token: string, now: Date = clockNow()) {
	if (!token || token.length > 200) return null
	const invite = await prisma.helperInvite.findUnique({ where: { tokenHash: tokenHash(token) }, select: inviteSelect })
	if (!invite || !isOpen(invite, now)) return null
	if (!isFor(invite, user)) return { forYou: false as const }
	return {
		forYou: true as const,
		holderName: invite.holder.displayName,
		invitedBy: invite.invitedBy.name,
		kind: invite.kind,
		rights: invite.rights,
		perBookingLimitPence: invite.perBookingLimitPence,
		perMonthLimitPence: invite.perMonthLimitPence,
		currency: invite.holder.funder.currency.trim(),
		endsOn: lastDay(invite.endsAt),
		expiresAt: invite.expiresAt,
	}
}

/**
 * Accepts an invitation as the signed-in person: only the person it was sent to, only once, only before it expires.
 * Makes the delegation (or renews one the holder had withdrawn) with the invitation's rights, limits and end.
 */
export async function acceptInvitation(
	user: SessionUser,
	token: string,
	now: Date = clockNow(),
): Promise<{ holderId: string; delegationId: string }> {
	return inTransaction(prisma, async (tx) => {
		const found =
			token && token.length <= 200
				? await tx.helperInvite.findUnique({ where: { tokenHash: tokenHash(token) }, select: { id: true } })
				: null
		if (!found || !(await lockRow(tx, 'HelperInvite', found.id))) {
			throw new ConsentError('NOT_FOUND', 'This invitation link does not work.')
		}
		const invite = await tx.helperInvite.findUniqueOrThrow({ where: { id: found.id }, select: inviteSelect })
		requireAcceptable(invite, user, now)
		if (invite.holder.userId === user.id) throw new ConsentError('INVALID', 'You cannot act for yourself.')
		const terms = {
			kind: invite.kind,
			rights: invite.rights,
			perBookingLimitPence: invite.perBookingLimitPence,
			perMonthLimitPence: invite.perMonthLimitPence,
			expiresAt: invite.endsAt,
			consentGivenAt: now,
			revokedAt: null,
			// A representative the funder recorded (ADR 025): accepting records it as theirs, with the reason.
			recordedById: invite.reason ? invite.invitedById : null,
			consentNote: invite.reason,
			organisationId: null,
			viaId: null,
		}
		const delegation = await tx.delegation.upsert({
			where: { holderId_delegateId: { holderId: invite.holderId, delegateId: user.id } },
			create: { holderId: invite.holderId, delegateId: user.id, ...terms },
			update: terms,
		})
		await tx.helperInvite.update({ where: { id: invite.id }, data: { acceptedAt: now, acceptedById: user.id } })
		// The role that shows "people you act for" on their account.
		const role = invite.kind === 'BROKER' ? 'BROKER' : 'REPRESENTATIVE'
		if (!user.roles.includes(role)) {
			await tx.user.update({ where: { id: user.id }, data: { roles: { push: role } } })
		}
		await audit(tx, {
			actorId: user.id,
			holderId: invite.holderId,
			action: 'RIGHTS_GIVEN',
			entityType: 'Delegation',
			entityId: delegation.id,
			detail: { as: invite.kind, ...termsDetail({ ...invite, expiresAt: invite.endsAt }) },
		})
		await notify(tx, {
			userIds: [invite.holder.userId],
			title: `${user.name} accepted your invitation`,
			body: `${user.name} can now ${rightsSentence(invite.rights)} for you. You can change or withdraw this at any time.`,
			link: `/holders/${invite.holderId}/helpers`,
		})
		return { holderId: invite.holderId, delegationId: delegation.id }
	})
}

// ───────────────────────────── Changing and withdrawing ─────────────────────────────

async function lockedDelegation(tx: Tx, holderId: string, delegationId: string) {
	const owned = await tx.delegation.findFirst({
		where: { id: delegationId, holderId, viaId: null },
		select: { id: true },
	})
	if (!owned || !(await lockRow(tx, 'Delegation', owned.id))) {
		throw new ConsentError('NOT_FOUND', 'We could not find that person in your list.')
	}
	return tx.delegation
		.findUniqueOrThrow({
			where: { id: owned.id },
			include: { delegate: { select: { id: true, name: true } }, organisation: { select: { name: true } } },
		})
		.then((d) => ({ ...d, delegate: { ...d.delegate, name: d.organisation?.name ?? d.delegate.name } }))
}

export async function changeHelper(
	user: SessionUser,
	holderId: string,
	delegationId: string,
	terms: HelperTerms,
	now: Date = clockNow(),
) {
	const rights = normaliseRights(terms.rights)
	if (rights.length === 0)
		throw new ConsentError('INVALID', 'Choose at least one thing they can do for you', { field: 'rights' })
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'helpers', { db: tx, now })
		const d = await lockedDelegation(tx, holderId, delegationId)
		if (d.revokedAt)
			throw new ConsentError('WRONG_STATE', `${d.delegate.name} no longer acts for you. Invite them again.`)
		const after = {
			rights,
			perBookingLimitPence: terms.perBooking,
			perMonthLimitPence: terms.perMonth,
			expiresAt: endOf(terms.endsOn),
		}
		await tx.delegation.update({ where: { id: d.id }, data: after })
		// An organisation's staff use its rights through copies, changed with it (ADR 025).
		await syncOrganisationCopies(tx, d.id)
		await delegationAudit(tx, { actorId: user.id, holderId }, 'RIGHTS_CHANGED', d, {
			as: d.kind,
			before: termsDetail(d),
			after: termsDetail(after),
		})
		await notify(tx, {
			userIds: [d.delegate.id],
			title: `${holder.displayName} changed what you can do for them`,
			body: `You can now ${rightsSentence(rights, 'their')} for ${holder.displayName}.`,
			link: `/holders/${holderId}`,
		})
	})
}

/**
 * Ends a delegation, whoever ends it (the holder, or the funder for a representative it recorded): revoked now, an
 * organisation's staff copies with it, and the suggestions its people left waiting withdrawn (ADR 024): nothing was
 * held for them, and the holder is not left to answer someone who no longer acts for them. Their emailed links stop
 * working too. The holder's trail says who withdrew it (RIGHTS_WITHDRAWN, with `detail` and how many suggestions ended).
 */
export async function endDelegation(
	tx: Tx,
	by: { actorId: string; holderId: string; detail: Record<string, Prisma.InputJsonValue> },
	d: { id: string; delegate: { id: string; name: string } },
	now: Date,
): Promise<void> {
	await tx.delegation.update({ where: { id: d.id }, data: { revokedAt: now } })
	await syncOrganisationCopies(tx, d.id)
	const copies = await tx.delegation.findMany({ where: { viaId: d.id }, select: { delegateId: true } })
	const ended = await tx.bookingProposal.updateMany({
		where: {
			holderId: by.holderId,
			status: 'WAITING',
			proposedById: { in: [d.delegate.id, ...copies.map((c) => c.delegateId)] },
		},
		data: { status: 'WITHDRAWN', answeredAt: now, tokenUsedAt: now },
	})
	await delegationAudit(tx, by, 'RIGHTS_WITHDRAWN', d, { ...by.detail, suggestionsEnded: ended.count })
}

/**
 * The holder's trail entry for a change to one delegation, whoever made it (the holder, or their funder for a
 * representative): the delegate's name, then what the change says in `detail`.
 */
export async function delegationAudit(
	tx: Tx,
	by: { actorId: string; holderId: string },
	action: string,
	d: { id: string; delegate: { name: string } },
	detail: Prisma.InputJsonObject,
): Promise<void> {
	await audit(tx, {
		actorId: by.actorId,
		holderId: by.holderId,
		action,
		entityType: 'Delegation',
		entityId: d.id,
		detail: { delegate: d.delegate.name, ...detail },
	})
}

export async function withdrawHelper(
	user: SessionUser,
	holderId: string,
	delegationId: string,
	now: Date = clockNow(),
) {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireListKeeper(user, holderId, 'helpers', { db: tx, now })
		const d = await lockedDelegation(tx, holderId, delegationId)
		if (d.revokedAt) return
		await endDelegation(tx, { actorId: user.id, holderId, detail: { as: d.kind, before: termsDetail(d) } }, d, now)
		await notify(tx, {
			userIds: [d.delegate.id],
			title: `${holder.displayName} has withdrawn your rights`,
			body: `You can no longer act for ${holder.displayName} on Budget Market.`,
			link: '/account',
		})
	})
}

// ───────────────────────────── Limits when a helper books ─────────────────────────────

/** Statuses of a request that still counts against a helper's monthly limit. */
const SPENDING_STATUSES = ['REQUESTED', 'ACCEPTED', 'DELIVERED', 'CONFIRMED', 'DISPUTED', 'RESOLVED'] as const

/**
 * A delegate's limits over this holder and what they have asked to spend for them this calendar month (every
 * booking they sent that was not declined or cancelled, with its fee); null for the holder themself or a delegate
 * with no limits.
 */
export async function helperLimits(db: Db, userId: string, holderId: string, now: Date) {
	const d = await db.delegation.findFirst({
		where: { holderId, delegateId: userId, ...liveDelegationWhere(now), holder: { userId: { not: userId } } },
		select: { perBookingLimitPence: true, perMonthLimitPence: true },
	})
	if (!d || (d.perBookingLimitPence === null && d.perMonthLimitPence === null)) return null
	let monthSoFarPence = 0
	if (d.perMonthLimitPence !== null) {
		const range = monthRange(monthOf(now))!
		const sum = await db.booking.aggregate({
			where: {
				holderId,
				bookedById: userId,
				status: { in: [...SPENDING_STATUSES] },
				createdAt: { gte: range.from, lt: range.to },
			},
			_sum: { totalPence: true, feePence: true },
		})
		monthSoFarPence = (sum._sum.totalPence ?? 0) + (sum._sum.feePence ?? 0)
	}
	return { ...d, monthSoFarPence }
}
