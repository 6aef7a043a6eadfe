/**
 * Organisations' staff (docs/decisions/025-representatives-and-organisation-staff.md). A user-led organisation (a
 * provider) has named staff accounts, invited by its owner; rights a holder gives the organisation are used by its
 * live staff, and the trail names the person who acted.
 *
 *   staffPage(user)                                  → the owner's organisations, their staff and open invitations
 *   inviteStaff / cancelStaffInvite / removeStaff     → the owner's changes (one transaction each, audited)
 *   staffInvitationFor / acceptStaffInvite            → the emailed link: once, until it expires, for that address
 *   giveOrganisationRights(tx, user, …)               → a holder gives an organisation rights (e.g. while booking it)
 *   syncOrganisationCopies(tx, delegationId)          → keeps each staff member's copy in step with the organisation's
 *   actorName(db, userId, holderId)                    → "Kiran Shah of Leicester Centre…" or "Daniel Price (broker)"
 *
 * How staff use the organisation's rights: each live staff member holds a copy of the organisation's Delegation
 * (`viaId` → it), so every existing rights check (rightsOverHolder, holderSideRights, the list queries) works for them
 * unchanged. Every change to the organisation's delegation, to its staff, or to the holder's consent re-syncs the
 * copies in the same transaction.
 */
import { randomBytes } from 'node:crypto'
import { notify, queueEmail } from '#app/domain/notifications/notify.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { dayText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { type Db, inTransaction, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import type { SessionUser } from './auth.server.ts'
import { normaliseRights, rightsSentence } from './consent.ts'
import { ConsentError, requireAcceptable, tokenHash } from './consent.server.ts'
import { STAFF_INVITE_DAYS } from './representation.ts'
import { liveDelegationWhere } from './rights.server.ts'

const DAY = 86_400_000

/** The organisation, when this person owns it (404 otherwise: nobody else learns of its staff). */
async function requireOwnOrganisation(db: Db, user: Pick<SessionUser, 'id'>, providerId: string) {
	const org = await db.provider.findFirst({
		where: { id: providerId, ownerId: user.id, kind: 'USER_LED_ORGANISATION', deletedAt: null },
		select: { id: true, name: true, ownerId: true },
	})
	if (!org) throw new ConsentError('NOT_FOUND', 'We could not find that organisation.')
	return org
}

// ───────────────────────────── The owner's page ─────────────────────────────

export async function staffPage(user: SessionUser, now: Date = clockNow()) {
	const orgs = await prisma.provider.findMany({
		where: { ownerId: user.id, kind: 'USER_LED_ORGANISATION', deletedAt: null },
		select: {
			id: true,
			name: true,
			staff: {
				where: { removedAt: null },
				select: { id: true, addedAt: true, user: { select: { name: true, email: true } } },
				orderBy: { addedAt: 'asc' },
			},
			staffInvites: {
				where: { acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
				select: { id: true, email: true, expiresAt: true },
				orderBy: { createdAt: 'asc' },
			},
			delegations: {
				where: { viaId: null, ...liveDelegationWhere(now) },
				select: { id: true, rights: true, holder: { select: { displayName: true } } },
			},
		},
		orderBy: { name: 'asc' },
	})
	if (orgs.length === 0) {
		throw new ConsentError('FORBIDDEN', 'Only the owner of a user-led organisation can manage its staff.')
	}
	return orgs
}

export async function inviteStaff(
	user: SessionUser,
	providerId: string,
	emailInput: string,
	now: Date = clockNow(),
): Promise<{ token: string; link: string }> {
	const email = emailInput.trim().toLowerCase()
	return inTransaction(prisma, async (tx) => {
		const org = await requireOwnOrganisation(tx, user, providerId)
		if (email === user.email.toLowerCase()) {
			throw new ConsentError('INVALID', 'Enter the email address of someone else: you own the organisation', {
				field: 'email',
			})
		}
		const already = await tx.organisationStaff.findFirst({
			where: { providerId, removedAt: null, user: { email } },
			select: { user: { select: { name: true } } },
		})
		if (already) {
			throw new ConsentError('INVALID', `${already.user.name} is already one of your staff.`, { field: 'email' })
		}
		const token = randomBytes(32).toString('base64url')
		const expiresAt = new Date(now.getTime() + STAFF_INVITE_DAYS * DAY)
		const invite = await tx.staffInvite.create({
			data: { providerId, email, tokenHash: tokenHash(token), invitedById: user.id, expiresAt, createdAt: now },
		})
		await audit(tx, {
			actorId: user.id,
			action: 'STAFF_INVITED',
			entityType: 'StaffInvite',
			entityId: invite.id,
			detail: { email, organisation: org.name },
		})
		const link = `${publicOrigin()}/staff/accept/${token}`
		await queueEmail(tx, {
			to: email,
			subject: `${user.name} asks you to join ${org.name} on Budget Market`,
			body: [
				`${user.name} would like you to join ${org.name} on Budget Market as a member of staff.`,
				`As staff, you can act for the people who give ${org.name} rights, and everything you do is shown to them under your own name.`,
				`To accept, open this link and sign in, or create an account with this email address (${email}):`,
				link,
				`The link works once, until ${dayText(expiresAt)}. If you were not expecting this, ignore this email.`,
			].join('\n\n'),
		})
		return { token, link }
	})
}

export async function cancelStaffInvite(user: SessionUser, providerId: string, inviteId: string, now = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		await requireOwnOrganisation(tx, user, providerId)
		const invite = await tx.staffInvite.findFirst({ where: { id: inviteId, providerId }, select: { id: true } })
		if (!invite) throw new ConsentError('NOT_FOUND', 'We could not find that invitation.')
		await tx.staffInvite.updateMany({
			where: { id: invite.id, acceptedAt: null, withdrawnAt: null },
			data: { withdrawnAt: now },
		})
	})
}

/** Removes a staff member: from this very moment they can use none of the organisation's rights. */
export async function removeStaff(user: SessionUser, providerId: string, staffId: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const org = await requireOwnOrganisation(tx, user, providerId)
		const staff = await tx.organisationStaff.findFirst({
			where: { id: staffId, providerId },
			select: { id: true, userId: true, removedAt: true, user: { select: { name: true } } },
		})
		if (!staff || !(await lockRow(tx, 'OrganisationStaff', staff.id))) {
			throw new ConsentError('NOT_FOUND', 'We could not find that member of staff.')
		}
		if (staff.removedAt) return
		await tx.organisationStaff.update({ where: { id: staff.id }, data: { removedAt: now } })
		// Their copies of the organisation's rights end now (kept, revoked, for the trail's record).
		await tx.delegation.updateMany({
			where: { delegateId: staff.userId, organisationId: providerId, viaId: { not: null }, revokedAt: null },
			data: { revokedAt: now },
		})
		await audit(tx, {
			actorId: user.id,
			action: 'STAFF_REMOVED',
			entityType: 'OrganisationStaff',
			entityId: staff.id,
			detail: { staff: staff.user.name, organisation: org.name },
		})
		await notify(tx, {
			userIds: [staff.userId],
			title: `You are no longer staff of ${org.name}`,
			body: `${user.name} removed you from ${org.name} on Budget Market. You can no longer act for the people who gave ${org.name} rights.`,
			link: '/account',
		})
	})
}

// ───────────────────────────── Accepting ─────────────────────────────

const staffInviteSelect = {
	id: true,
	email: true,
	providerId: true,
	acceptedAt: true,
	withdrawnAt: true,
	expiresAt: true,
	provider: { select: { name: true, ownerId: true } },
	invitedBy: { select: { name: true } },
} as const satisfies Prisma.StaffInviteSelect

async function openStaffInvite(db: Db, token: string, now: Date) {
	if (!token || token.length > 200) return null
	const invite = await db.staffInvite.findUnique({
		where: { tokenHash: tokenHash(token) },
		select: staffInviteSelect,
	})
	if (!invite || invite.acceptedAt || invite.withdrawnAt || invite.expiresAt.getTime() <= now.getTime()) return null
	return invite
}

/** What a staff invitation link offers the signed-in person; null when it does not work. */
export async function staffInvitationFor(user: SessionUser, token: string, now: Date = clockNow()) {
	const invite = await openStaffInvite(prisma, token, now)
	if (!invite) return null
	if (invite.email !== user.email.trim().toLowerCase()) return { forYou: false as const }
	return {
		forYou: true as const,
		organisation: invite.provider.name,
		invitedBy: invite.invitedBy.name,
		expiresAt: invite.expiresAt,
	}
}

export async function acceptStaffInvite(user: SessionUser, token: string, now: Date = clockNow()) {
	return inTransaction(prisma, async (tx) => {
		const found =
			token && token.length <= 200
				? await tx.staffInvite.findUnique({ where: { tokenHash: tokenHash(token) }, select: { id: true } })
				: null
		if (!found || !(await lockRow(tx, 'StaffInvite', found.id))) {
			throw new ConsentError('NOT_FOUND', 'This invitation link does not work.')
		}
		const invite = await tx.staffInvite.findUniqueOrThrow({
			where: { id: found.id },
			select: staffInviteSelect,
		})
		requireAcceptable(invite, user, now)
		const staff = await tx.organisationStaff.upsert({
			where: { providerId_userId: { providerId: invite.providerId, userId: user.id } },
			create: { providerId: invite.providerId, userId: user.id, addedAt: now },
			update: { removedAt: null, addedAt: now },
		})
		await tx.staffInvite.update({ where: { id: invite.id }, data: { acceptedAt: now, acceptedById: user.id } })
		if (!user.roles.includes('BROKER')) {
			await tx.user.update({ where: { id: user.id }, data: { roles: { push: 'BROKER' } } })
		}
		// The rights holders have given the organisation, now theirs to use too.
		const given = await tx.delegation.findMany({
			where: { organisationId: invite.providerId, viaId: null },
			select: { id: true },
		})
		for (const d of given) await syncOrganisationCopies(tx, d.id)
		await audit(tx, {
			actorId: user.id,
			action: 'STAFF_JOINED',
			entityType: 'OrganisationStaff',
			entityId: staff.id,
			detail: { organisation: invite.provider.name },
		})
		await notify(tx, {
			userIds: [invite.provider.ownerId],
			title: `${user.name} joined ${invite.provider.name}`,
			body: `${user.name} accepted your invitation and is now one of your staff on Budget Market.`,
			link: '/provider/staff',
		})
		return { providerId: invite.providerId }
	})
}

// ───────────────────────────── The organisation's rights ─────────────────────────────

/**
 * Brings every staff copy of an organisation's delegation in step with it: live staff get its rights, limits, end
 * and withdrawal; removed staff's copies are revoked. A staff member who already acts for the holder in their own
 * right keeps that delegation (it is the holder's own choice, and one person has one delegation per holder).
 */
export async function syncOrganisationCopies(tx: Tx, delegationId: string): Promise<void> {
	const d = await tx.delegation.findUniqueOrThrow({
		where: { id: delegationId },
		select: {
			id: true,
			holderId: true,
			delegateId: true,
			organisationId: true,
			rights: true,
			perBookingLimitPence: true,
			perMonthLimitPence: true,
			expiresAt: true,
			revokedAt: true,
			consentGivenAt: true,
		},
	})
	if (!d.organisationId) return
	const staff = await tx.organisationStaff.findMany({
		where: { providerId: d.organisationId },
		select: { userId: true, removedAt: true },
	})
	const holder = await tx.budgetHolder.findUniqueOrThrow({ where: { id: d.holderId }, select: { userId: true } })
	for (const s of staff) {
		if (s.userId === d.delegateId || s.userId === holder.userId) continue
		const own = await tx.delegation.findUnique({
			where: { holderId_delegateId: { holderId: d.holderId, delegateId: s.userId } },
			select: { id: true, viaId: true },
		})
		if (own && own.viaId !== d.id) continue
		const terms = {
			kind: 'BROKER' as const,
			rights: d.rights,
			perBookingLimitPence: d.perBookingLimitPence,
			perMonthLimitPence: d.perMonthLimitPence,
			expiresAt: d.expiresAt,
			revokedAt: s.removedAt ? (d.revokedAt ?? s.removedAt) : d.revokedAt,
			consentGivenAt: d.consentGivenAt,
			organisationId: d.organisationId,
			viaId: d.id,
		}
		if (own) await tx.delegation.update({ where: { id: own.id }, data: terms })
		else if (!s.removedAt && !d.revokedAt) {
			await tx.delegation.create({ data: { holderId: d.holderId, delegateId: s.userId, ...terms } })
		}
	}
}

/**
 * The holder gives an organisation rights (from the booking form of its brokerage service, in the booking's
 * transaction). Adds to what the organisation may already do; renews a withdrawn delegation. Only the holder.
 */
export async function giveOrganisationRights(
	tx: Tx,
	user: Pick<SessionUser, 'id'>,
	holderId: string,
	providerId: string,
	wanted: DelegatedRight[],
	now: Date,
): Promise<void> {
	const holder = await tx.budgetHolder.findUniqueOrThrow({
		where: { id: holderId },
		select: { userId: true, displayName: true },
	})
	if (holder.userId !== user.id) {
		throw new ConsentError('FORBIDDEN', `Only ${holder.displayName} can give an organisation rights to act for them.`)
	}
	const org = await tx.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: { id: true, name: true, ownerId: true, kind: true },
	})
	if (org.kind !== 'USER_LED_ORGANISATION')
		throw new ConsentError('INVALID', 'Only an organisation can be given rights.')
	// The owner booking their own organisation for themself already has every right.
	if (org.ownerId === user.id) return
	const existing = await tx.delegation.findUnique({
		where: { holderId_delegateId: { holderId, delegateId: org.ownerId } },
	})
	if (existing && existing.organisationId !== org.id) {
		// The owner already acts for the holder in their own right: the holder's own choice stands.
		return
	}
	const live = existing && !existing.revokedAt && (!existing.expiresAt || existing.expiresAt > now)
	const rights = normaliseRights([...(live ? existing.rights : []), ...wanted])
	const delegation = await tx.delegation.upsert({
		where: { holderId_delegateId: { holderId, delegateId: org.ownerId } },
		create: {
			holderId,
			delegateId: org.ownerId,
			organisationId: org.id,
			kind: 'BROKER',
			rights,
			consentGivenAt: now,
		},
		update: live
			? { rights }
			: {
					rights,
					consentGivenAt: now,
					revokedAt: null,
					expiresAt: null,
					perBookingLimitPence: null,
					perMonthLimitPence: null,
				},
	})
	await syncOrganisationCopies(tx, delegation.id)
	await audit(tx, {
		actorId: user.id,
		holderId,
		action: 'ORGANISATION_RIGHTS_GIVEN',
		entityType: 'Delegation',
		entityId: delegation.id,
		detail: { organisation: org.name, rights },
	})
	const staff = await tx.organisationStaff.findMany({
		where: { providerId: org.id, removedAt: null },
		select: { userId: true },
	})
	await notify(tx, {
		userIds: [org.ownerId, ...staff.map((s) => s.userId)],
		title: `${holder.displayName} gave ${org.name} rights to act for them`,
		body: `${org.name}'s staff can now ${rightsSentence(rights, 'their')} for ${holder.displayName}.`,
		link: `/holders/${holderId}`,
	})
}

/**
 * How someone acting on a holder's side is named to others (the provider, the holder): "Kiran Shah of Leicester
 * Centre for Integrated Living", "Daniel Price (broker)", or their name alone for the holder.
 */
export async function actorName(db: Db, user: Pick<SessionUser, 'id' | 'name'>, holderId: string): Promise<string> {
	const d = await db.delegation.findUnique({
		where: { holderId_delegateId: { holderId, delegateId: user.id } },
		select: { kind: true, organisation: { select: { name: true } } },
	})
	if (!d) return user.name
	if (d.organisation) return `${user.name} of ${d.organisation.name}`
	return `${user.name} (${d.kind === 'BROKER' ? 'broker' : 'carer or representative'})`
}
