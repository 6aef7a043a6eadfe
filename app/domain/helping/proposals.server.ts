/**
 * Proposals (ADR 024): a booking a helper asks for above a limit the holder set, or when they may only suggest
 * support, waits for the holder's yes instead of being refused. Nothing is asked of the provider and nothing is held
 * until then. The holder approves or declines in one step, on the site or through the emailed link (which still
 * needs them signed in as themself, and works once). Approving sends the normal booking request, in the same
 * transaction as the proposal's answer, its trail entry and its notices; a retry returns the same booking.
 *
 *   proposeBooking(user, input, now)            → the proposal (idempotent on the helper's form key)
 *   proposalPage(user, proposalId, now)         → what the holder or the helper who proposed it sees
 *   proposalByToken(user, token, now)           → the emailed link's proposal, for the holder signed in
 *   approveProposal / declineProposal           → the holder's answer (site or link)
 *   withdrawProposal                            → the helper takes it back while it waits
 */
import { createHash, randomBytes } from 'node:crypto'
import { asUnavailable, quoteBooking, sendRequestIn } from '#app/domain/bookings/request.server.ts'
import type { BookingRequestInput } from '#app/domain/bookings/request.server.ts'
import { BookingError, isBookingError } from '#app/domain/bookings/errors.ts'
import { formatMoney } from '#app/domain/money/amounts.ts'
import { notify, queueEmail } from '#app/domain/notifications/notify.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { kindWord } from '#app/domain/people/consent.ts'
import { durationWords } from '#app/domain/people/trail.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { dayText, localInstant, sessionText } from '#app/utils/dates.ts'
import { prisma } from '#app/utils/db.server.ts'
import { byKindAndId, sqlIn } from '#app/utils/named-rows.server.ts'
import { publicOrigin } from '#app/utils/env.server.ts'
import { inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { HelpingError } from './errors.ts'
import { canAnswerProposal } from './rules.ts'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

export type ProposalInput = BookingRequestInput & { idempotencyKey: string }

/** How the helper is named to the holder: "Daniel Price (broker)". */
async function helperKind(tx: Tx, holderId: string, userId: string): Promise<string> {
	const d = await tx.delegation.findUnique({
		where: { holderId_delegateId: { holderId, delegateId: userId } },
		select: { kind: true },
	})
	return kindWord(d?.kind) || 'helper'
}

/** A proposal this helper already made from this form (a resubmitted form makes no second one). */
export async function sentProposal(userId: string, idempotencyKey: string): Promise<{ id: string } | null> {
	return prisma.bookingProposal.findFirst({ where: { idempotencyKey, proposedById: userId }, select: { id: true } })
}

/**
 * Makes a proposal from a booking the helper could not send straight away. Runs every check a booking request
 * runs (the service, every week's availability, the money) except the helper's right to book and their limits:
 * those are why it waits. Refuses when it could have been booked (the caller books it instead).
 */
export async function proposeBooking(
	user: SessionUser,
	input: ProposalInput,
	now: Date = clockNow(),
): Promise<{ proposalId: string; replayed: boolean; token?: string }> {
	return inTransaction(prisma, async (tx) => {
		await lockName(tx, `proposal:${input.idempotencyKey}`)
		const earlier = await tx.bookingProposal.findUnique({
			where: { idempotencyKey: input.idempotencyKey },
			select: { id: true, proposedById: true, holderId: true, serviceId: true },
		})
		if (earlier) {
			if (
				earlier.proposedById !== user.id ||
				earlier.holderId !== input.holderId ||
				earlier.serviceId !== input.serviceId
			)
				throw new HelpingError('INVALID', 'This form was already used. Reload the page and try again.')
			return { proposalId: earlier.id, replayed: true }
		}
		const quote = await quoteBooking(tx, user, input, now)
		if (!quote.approval) {
			throw new HelpingError('INVALID', 'You can send this booking yourself: it does not need an answer first.')
		}
		const token = randomBytes(32).toString('base64url')
		const proposal = await tx.bookingProposal.create({
			data: {
				holderId: input.holderId,
				proposedById: user.id,
				serviceId: quote.service.id,
				date: input.date,
				startMinute: input.startMinute,
				minutes: quote.minutes,
				weeks: input.weeks,
				budgetLineId: quote.budgetLine?.id ?? null,
				note: input.note,
				totalPence: quote.totalPence,
				currency: quote.currency,
				reason: quote.approval.reason,
				idempotencyKey: input.idempotencyKey,
				tokenHash: hashOf(token),
				createdAt: now,
			},
		})
		const as = await helperKind(tx, input.holderId, user.id)
		const first = quote.sessions[0]!
		const when =
			quote.sessions.length > 1
				? `${sessionText(first.startsAt, first.endsAt)}, then every week for ${quote.sessions.length} weeks`
				: sessionText(first.startsAt, first.endsAt)
		const total = formatMoney(quote.totalPence, quote.currency)
		await audit(tx, {
			actorId: user.id,
			holderId: input.holderId,
			action: 'BOOKING_PROPOSED',
			entityType: 'BookingProposal',
			entityId: proposal.id,
			detail: {
				right: 'VIEW',
				provider: quote.service.providerName,
				service: quote.service.title,
				minutes: quote.minutes,
				sessions: quote.sessions.length,
				startsAt: first.startsAt.toISOString(),
				totalPence: quote.totalPence,
				currency: quote.currency,
				reason: quote.approval.reason,
			},
		})
		const holder = await tx.budgetHolder.findUniqueOrThrow({
			where: { id: input.holderId },
			select: { userId: true, user: { select: { email: true } } },
		})
		const title = `${user.name} asks you to approve a booking`
		const what = `${user.name} (${as}) would like to book “${quote.service.title}” with ${quote.service.providerName} for you on ${when}. It costs ${total}.`
		// The holder hears on the site, and by an email whose link answers it (after signing in as themself).
		await notify(tx, {
			userIds: [holder.userId],
			title,
			body: `${what} Nothing is booked or held until you say yes.`,
			link: `/proposals/${proposal.id}`,
			email: false,
		})
		if (holder.user) {
			await queueEmail(tx, {
				to: holder.user.email,
				subject: title,
				body: [
					what,
					'Nothing is booked or held until you say yes.',
					`To say yes or no, open this link and sign in as yourself:`,
					`${publicOrigin()}/proposals/answer/${token}`,
					'The link works once. You can also answer on your home page on Budget Market.',
				].join('\n\n'),
			})
		}
		return { proposalId: proposal.id, replayed: false, token }
	})
}

const proposalSelect = {
	id: true,
	holderId: true,
	proposedById: true,
	date: true,
	startMinute: true,
	minutes: true,
	weeks: true,
	budgetLineId: true,
	note: true,
	totalPence: true,
	currency: true,
	reason: true,
	status: true,
	idempotencyKey: true,
	tokenHash: true,
	tokenUsedAt: true,
	answeredAt: true,
	declineReason: true,
	bookingId: true,
	createdAt: true,
	serviceId: true,
	service: { select: { title: true, provider: { select: { name: true, slug: true } } } },
	proposedBy: { select: { name: true } },
	holder: { select: { displayName: true, userId: true } },
} satisfies Prisma.BookingProposalSelect

type LoadedProposal = Prisma.BookingProposalGetPayload<{ select: typeof proposalSelect }>

/** What a list of proposals reads of each: proposalSelect without its relations, which `withNames` adds. */
const { service: _service, proposedBy: _proposedBy, holder: _holder, ...proposalListSelect } = proposalSelect

type ListedProposal = Prisma.BookingProposalGetPayload<{ select: typeof proposalListSelect }>

type NameRow = { kind: 'service' | 'user' | 'holder'; id: string; a: string; b: string | null; c: string | null }

/**
 * The proposals of a list with the names their view shows (service and provider, who proposed, whose budget), read
 * in one query (issue 14: Prisma's relation select read them in four).
 */
async function withNames(rows: ListedProposal[]): Promise<LoadedProposal[]> {
	if (rows.length === 0) return []
	const ids = (pick: (p: ListedProposal) => string) => sqlIn(rows.map(pick))
	const names = await prisma.$queryRaw<NameRow[]>`
		SELECT 'service' AS "kind", s."id", s."title" AS "a", pr."name" AS "b", pr."slug" AS "c"
		FROM "Service" s JOIN "Provider" pr ON pr."id" = s."providerId" WHERE s."id" IN (${ids((p) => p.serviceId)})
		UNION ALL
		SELECT 'user', u."id", u."name", NULL, NULL FROM "User" u WHERE u."id" IN (${ids((p) => p.proposedById)})
		UNION ALL
		SELECT 'holder', h."id", h."displayName", h."userId", NULL FROM "BudgetHolder" h
		WHERE h."id" IN (${ids((p) => p.holderId)})`
	const named = byKindAndId(names, 'a proposal')
	return rows.map((p) => {
		const service = named('service', p.serviceId)
		const holder = named('holder', p.holderId)
		return {
			...p,
			service: { title: service.a, provider: { name: service.b ?? '', slug: service.c ?? '' } },
			proposedBy: { name: named('user', p.proposedById).a },
			holder: { displayName: holder.a, userId: holder.b },
		}
	})
}

function view(p: LoadedProposal, isHolder: boolean) {
	const startsAt = localInstant(p.date, p.startMinute)
	return {
		id: p.id,
		holderId: p.holderId,
		holderName: p.holder.displayName,
		proposedBy: p.proposedBy.name,
		service: p.service.title,
		provider: p.service.provider.name,
		providerSlug: p.service.provider.slug,
		when: dayText(startsAt),
		startsAt,
		length: p.minutes ? durationWords(p.minutes) : null,
		weeks: p.weeks,
		note: p.note,
		total: formatMoney(p.totalPence, p.currency),
		reason: p.reason,
		status: p.status,
		declineReason: p.declineReason,
		bookingId: p.bookingId,
		createdAt: p.createdAt,
		isHolder,
		canAnswer: isHolder && canAnswerProposal(p.status),
	}
}

export type ProposalView = ReturnType<typeof view>

/** The proposal for the holder, or for the helper who made it; anyone else is told nothing (404). */
export async function proposalPage(user: SessionUser, proposalId: string): Promise<ProposalView> {
	const p = await prisma.bookingProposal.findUnique({ where: { id: proposalId }, select: proposalSelect })
	if (!p) throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
	if (p.holder.userId === user.id) return view(p, true)
	if (p.proposedById === user.id) return view(p, false)
	throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
}

/**
 * The proposal an emailed link opens, for the holder signed in as themself: null when the link does not work (used,
 * unknown, or the proposal was answered on the site). Anyone else signed in learns nothing (404).
 */
export async function proposalByToken(user: SessionUser, token: string): Promise<ProposalView | null> {
	if (!token || token.length > 200) return null
	const p = await prisma.bookingProposal.findUnique({ where: { tokenHash: hashOf(token) }, select: proposalSelect })
	if (!p) return null
	if (p.holder.userId !== user.id) throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
	if (p.tokenUsedAt) return null
	return view(p, true)
}

/**
 * Records the holder's answer to a proposal (its emailed link stops working) and puts it on their trail, with what was
 * proposed and `detail`.
 */
async function recordAnswer(
	tx: Tx,
	user: SessionUser,
	p: Awaited<ReturnType<typeof lockedForHolder>>,
	answer: { status: 'APPROVED'; bookingId: string } | { status: 'DECLINED'; declineReason: string | null },
	detail: Prisma.InputJsonObject,
	now: Date,
): Promise<void> {
	await tx.bookingProposal.update({
		where: { id: p.id },
		data: { ...answer, answeredAt: now, answeredById: user.id, tokenUsedAt: p.tokenUsedAt ?? now },
	})
	await audit(tx, {
		actorId: user.id,
		holderId: p.holderId,
		action: `PROPOSAL_${answer.status}`,
		entityType: 'BookingProposal',
		entityId: p.id,
		detail: {
			proposedBy: p.proposedBy.name,
			provider: p.service.provider.name,
			service: p.service.title,
			startsAt: localInstant(p.date, p.startMinute).toISOString(),
			...detail,
		},
	})
}

/**
 * Locks the proposal and checks the person is its holder (and, from an email, that the link is this proposal's and
 * unused). Returns it as it is now.
 */
async function lockedForHolder(tx: Tx, user: SessionUser, proposalId: string, token: string | null) {
	if (!(await lockRow(tx, 'BookingProposal', proposalId))) {
		throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
	}
	const p = await tx.bookingProposal.findUniqueOrThrow({ where: { id: proposalId }, select: proposalSelect })
	if (p.holder.userId !== user.id) {
		if (p.proposedById === user.id) {
			throw new HelpingError('FORBIDDEN', `Only ${p.holder.displayName} can say yes or no to this.`)
		}
		throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
	}
	// From the email: the link must be this proposal's. It works once because any answer ends WAITING (and marks it
	// used); an answer repeated with it is then a replay or a WRONG_STATE, like one from the site.
	if (token !== null && p.tokenHash !== hashOf(token)) {
		throw new HelpingError('NOT_FOUND', 'This link does not work. Answer on your home page instead.')
	}
	return p
}

export type ApproveResult = { bookingId: string; replayed: boolean }

/**
 * The holder says yes: the booking request is sent now, as the holder's own, naming who suggested it, in this one
 * transaction (a retry returns the same booking). When the money or the time is no longer there, nothing changes and
 * the holder is told why: the proposal still waits.
 */
export async function approveProposal(
	user: SessionUser,
	proposalId: string,
	options: { token?: string | null } = {},
	now: Date = clockNow(),
): Promise<ApproveResult> {
	try {
		return await inTransaction(prisma, async (tx) => {
			const p = await lockedForHolder(tx, user, proposalId, options.token ?? null)
			if (p.status === 'APPROVED' && p.bookingId) return { bookingId: p.bookingId, replayed: true }
			if (!canAnswerProposal(p.status)) {
				throw new HelpingError('WRONG_STATE', `This suggestion was ${p.status.toLowerCase()} already.`)
			}
			const as = await helperKind(tx, p.holderId, p.proposedById)
			const input: ProposalInput = {
				serviceId: p.serviceId,
				holderId: p.holderId,
				date: p.date,
				startMinute: p.startMinute,
				minutes: p.minutes,
				weeks: p.weeks,
				budgetLineId: p.budgetLineId,
				note: p.note,
				idempotencyKey: p.idempotencyKey,
			}
			let bookingId: string
			try {
				const { bookings } = await sendRequestIn(tx, user, input, now, { proposedBy: { name: p.proposedBy.name, as } })
				bookingId = bookings[0]!.id
			} catch (error) {
				if (isBookingError(error, 'NOT_ENOUGH_MONEY')) {
					throw new BookingError(
						'NOT_ENOUGH_MONEY',
						`${error.message} Nothing was booked and the suggestion still waits: decline it, or approve it when there is enough money.`,
					)
				}
				if (isBookingError(error)) {
					throw new BookingError(
						error.code,
						`${error.message} Nothing was booked; the suggestion still waits. You can decline it.`,
					)
				}
				throw error
			}
			const detail = { totalPence: p.totalPence, currency: p.currency, bookingId }
			await recordAnswer(tx, user, p, { status: 'APPROVED', bookingId }, detail, now)
			await notify(tx, {
				userIds: [p.proposedById],
				title: `${p.holder.displayName} said yes to your booking`,
				body: `${p.holder.displayName} approved “${p.service.title}” with ${p.service.provider.name}. The request is sent to the provider.`,
				link: `/bookings/${bookingId}`,
			})
			return { bookingId, replayed: false }
		})
	} catch (error) {
		throw asUnavailable(error)
	}
}

/** The holder says no, with an optional reason for the helper. Nothing was held, so nothing is released. */
export async function declineProposal(
	user: SessionUser,
	proposalId: string,
	options: { token?: string | null; reason?: string | null } = {},
	now: Date = clockNow(),
): Promise<void> {
	await inTransaction(prisma, async (tx) => {
		const p = await lockedForHolder(tx, user, proposalId, options.token ?? null)
		if (p.status === 'DECLINED') return
		if (!canAnswerProposal(p.status)) {
			throw new HelpingError('WRONG_STATE', `This suggestion was ${p.status.toLowerCase()} already.`)
		}
		const reason = options.reason?.trim() || null
		await recordAnswer(tx, user, p, { status: 'DECLINED', declineReason: reason }, { reason }, now)
		await notify(tx, {
			userIds: [p.proposedById],
			title: `${p.holder.displayName} said no to your booking`,
			body: `${p.holder.displayName} declined “${p.service.title}” with ${p.service.provider.name}.${reason ? ` They said: ${reason}` : ''}`,
			link: `/proposals/${p.id}`,
		})
	})
}

/** The helper takes back a proposal still waiting. */
export async function withdrawProposal(user: SessionUser, proposalId: string, now: Date = clockNow()): Promise<void> {
	await inTransaction(prisma, async (tx) => {
		if (!(await lockRow(tx, 'BookingProposal', proposalId))) {
			throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
		}
		const p = await tx.bookingProposal.findUniqueOrThrow({ where: { id: proposalId }, select: proposalSelect })
		if (p.proposedById !== user.id) {
			if (p.holder.userId === user.id) throw new HelpingError('FORBIDDEN', 'Say yes or no to it instead.')
			throw new HelpingError('NOT_FOUND', 'We could not find that suggestion.')
		}
		if (p.status === 'WITHDRAWN') return
		if (!canAnswerProposal(p.status)) {
			throw new HelpingError('WRONG_STATE', `This suggestion was ${p.status.toLowerCase()} already.`)
		}
		await tx.bookingProposal.update({ where: { id: p.id }, data: { status: 'WITHDRAWN', answeredAt: now } })
		await audit(tx, {
			actorId: user.id,
			holderId: p.holderId,
			action: 'PROPOSAL_WITHDRAWN',
			entityType: 'BookingProposal',
			entityId: p.id,
			detail: { provider: p.service.provider.name, service: p.service.title },
		})
	})
}

/** Proposals waiting for this holder's answer, for their home. */
export async function proposalsWaitingFor(holderId: string) {
	const rows = await prisma.bookingProposal.findMany({
		where: { holderId, status: 'WAITING' },
		orderBy: { createdAt: 'asc' },
		take: 20,
		select: proposalListSelect,
	})
	return (await withNames(rows)).map((p) => view(p, true))
}

/** The proposals this helper made for these holders (the ones they still act for), newest first. */
export async function proposalsBy(userId: string, holderIds: string[]) {
	const rows = await prisma.bookingProposal.findMany({
		where: { proposedById: userId, holderId: { in: holderIds } },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: proposalListSelect,
	})
	return (await withNames(rows)).map((p) => view(p, false))
}
