/**
 * Forming a commission: groups (start, invite, join, message), a provider's offer, and a group's request for
 * quotes answered by providers, one of which the group chooses (it becomes an offer). No money moves here.
 *
 *   startGroup(user, input)                     → Group (the user is its organiser)
 *   groupInviteToken(user, groupId, { renew })  → the secret for /groups/join/<token>
 *   joinGroup(user, { token | groupId, holderId }) → GroupMember (for a holder the user may BOOK or PAY for)
 *   postGroupMessage(user, groupId, { body, idempotencyKey }) → GroupMessage
 *   createOffer(user, OfferInput, now)          → Commission (OPEN), with its own group
 *   requestQuotes(user, RequestInput)           → CommissionRequest; the providers named are told
 *   answerQuote(user, QuoteInput, now)          → CommissionQuote (a second answer revises the first)
 *   chooseQuote(user, ChooseQuoteInput, now)    → Commission (OPEN) made from the quote
 */
import { randomBytes } from 'node:crypto'
import { BOOKING_RIGHTS, holderSideRights } from '#app/domain/bookings/access.server.ts'
import { notify } from '#app/domain/notifications/notify.server.ts'
import type {
	Commission,
	CommissionQuote,
	CommissionRequest,
	Group,
	GroupMember,
	GroupMessage,
} from '#app/generated/prisma/client.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { holderSideWhere } from '#app/domain/people/rights.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { type ActingUser, audit } from './access.server.ts'
import { CommissionError } from './errors.ts'
import { formatMoney, inTransaction, lockRow, type Tx } from './money.server.ts'
import {
	ChooseQuoteSchema,
	type ChooseQuoteInput,
	GroupSchema,
	type GroupInput,
	MessageSchema,
	OfferSchema,
	type OfferInput,
	parseInput,
	QuoteSchema,
	type QuoteInput,
	RequestSchema,
	type RequestInput,
} from './schemas.ts'

type User = Exclude<ActingUser, { system: true }>

const newToken = () => randomBytes(18).toString('base64url')

async function ownedProvider(tx: Tx, user: User, providerId: string) {
	const provider = await tx.provider.findUnique({
		where: { id: providerId },
		select: { id: true, name: true, ownerId: true, town: true, deletedAt: true, cancellationPolicy: true },
	})
	if (!provider || provider.deletedAt) throw new CommissionError('NOT_FOUND', 'We could not find that provider.')
	if (provider.ownerId !== user.id)
		throw new CommissionError('FORBIDDEN', 'Only the provider’s own account can do this.')
	return provider
}

async function serviceOf(tx: Tx, providerId: string, serviceId: string | null) {
	if (!serviceId) return null
	const service = await tx.service.findFirst({
		where: { id: serviceId, providerId, active: true },
		select: { id: true, currency: true },
	})
	if (!service) throw new CommissionError('INVALID', 'Choose one of this provider’s services.', { field: 'serviceId' })
	return service
}

/** Is the person the group's organiser, or on the side of one of its members? */
async function inGroup(
	tx: Tx,
	user: User,
	groupId: string,
	now: Date,
): Promise<{ group: Group; organiser: boolean; member: boolean }> {
	const group = await tx.group.findUnique({ where: { id: groupId } })
	if (!group) throw new CommissionError('NOT_FOUND', 'We could not find that group.')
	const organiser = group.createdById === user.id
	const member =
		(await tx.groupMember.count({
			where: {
				groupId,
				holder: holderSideWhere(user.id, now, BOOKING_RIGHTS),
			},
		})) > 0
	return { group, organiser, member }
}

// ───────────────────────────── Groups ─────────────────────────────

/** Starts a group around a need; the user (a holder, carer, broker or organisation) is its organiser. */
export async function startGroup(user: User, input: GroupInput): Promise<Group> {
	const data = parseInput(GroupSchema, input)
	return inTransaction(prisma, async (tx) => {
		const group = await tx.group.create({
			data: { ...data, createdById: user.id, funderId: user.funderId ?? null, inviteToken: newToken() },
		})
		await audit(tx, { actor: user, action: 'GROUP_STARTED', entityType: 'Group', entityId: group.id })
		return group
	})
}

/** The group's invitation secret, for its organiser and members' side; `renew` replaces it (the old link stops working). */
export async function groupInviteToken(
	user: User,
	groupId: string,
	options: { renew?: boolean } = {},
	now: Date = clockNow(),
): Promise<string> {
	return inTransaction(prisma, async (tx) => {
		const { group, organiser, member } = await inGroup(tx, user, groupId, now)
		if (!organiser && !member) throw new CommissionError('NOT_FOUND', 'We could not find that group.')
		if (group.inviteToken && !options.renew) return group.inviteToken
		if (options.renew && !organiser)
			throw new CommissionError('FORBIDDEN', 'Only the group’s organiser can make a new invitation link.')
		const token = newToken()
		await tx.group.update({ where: { id: groupId }, data: { inviteToken: token } })
		return token
	})
}

/**
 * Adds a holder to a group, by its invitation token (anyone with the link) or its id (the group's organiser
 * adding a holder they act for). The user must be able to BOOK or PAY for the holder. Joining twice is fine.
 */
export async function joinGroup(
	user: User,
	input: { token?: string; groupId?: string; holderId: string; showFullName?: boolean },
	now: Date = clockNow(),
): Promise<GroupMember> {
	return inTransaction(prisma, async (tx) => {
		const group = input.token
			? await tx.group.findUnique({ where: { inviteToken: input.token } })
			: input.groupId
				? await tx.group.findUnique({ where: { id: input.groupId } })
				: null
		if (!group)
			throw new CommissionError(
				'NOT_FOUND',
				'This invitation link does not work any more. Ask the group for a new one.',
			)
		if (!input.token && group.createdById !== user.id)
			throw new CommissionError('NOT_FOUND', 'We could not find that group.')
		const rights = await holderSideRights(tx, user, input.holderId, now)
		if (!rights.has('BOOK') && !rights.has('PAY'))
			throw new CommissionError('FORBIDDEN', 'You can only add yourself, or someone you book or pay for.')
		const existing = await tx.groupMember.findUnique({
			where: { groupId_holderId: { groupId: group.id, holderId: input.holderId } },
		})
		if (existing) return existing
		const member = await tx.groupMember.create({
			data: {
				groupId: group.id,
				holderId: input.holderId,
				addedById: user.id,
				showFullName: input.showFullName ?? false,
			},
		})
		await audit(tx, {
			actor: user,
			action: 'GROUP_JOINED',
			entityType: 'Group',
			entityId: group.id,
			holderId: input.holderId,
		})
		return member
	})
}

/** A message in the group's thread, from its organiser, a member's side, or the provider of one of its commissions. */
export async function postGroupMessage(
	user: User,
	groupId: string,
	input: { body: string; idempotencyKey?: string },
	now: Date = clockNow(),
): Promise<GroupMessage> {
	const data = parseInput(MessageSchema, input)
	return inTransaction(prisma, async (tx) => {
		if (data.idempotencyKey) {
			const earlier = await tx.groupMessage.findUnique({ where: { idempotencyKey: data.idempotencyKey } })
			if (earlier) return earlier
		}
		const { group, organiser, member } = await inGroup(tx, user, groupId, now)
		const provider = (await tx.commission.count({ where: { groupId, provider: { ownerId: user.id } } })) > 0
		if (!organiser && !member && !provider)
			throw new CommissionError(
				'FORBIDDEN',
				'Only the group’s members, its organiser and its provider can send messages here.',
			)
		const message = await tx.groupMessage.create({
			data: { groupId, authorId: user.id, body: data.body, idempotencyKey: data.idempotencyKey ?? null },
		})
		const members = await tx.groupMember.findMany({
			where: { groupId },
			select: { holder: { select: { userId: true } } },
		})
		const providers = await tx.commission.findMany({
			where: { groupId, status: { in: ['OPEN', 'FUNDED'] } },
			select: { provider: { select: { ownerId: true } } },
		})
		await notify(tx, {
			userIds: [
				group.createdById,
				...members.map((m) => m.holder.userId),
				...providers.map((p) => p.provider?.ownerId),
			],
			except: user.id,
			title: `New message in ${group.name}`,
			body: `${user.name}: ${data.body.slice(0, 200)}`,
			link: `/groups/${groupId}`,
			email: false,
		})
		return message
	})
}

// ───────────────────────────── Offers ─────────────────────────────

type Terms = {
	title: string
	description: string
	pricingMode: 'PER_PLACE' | 'SPLIT_TOTAL'
	pricePence: number
	minPeople: number
	maxPeople: number | null
	firstSessionAt: Date
	sessionCount: number
	sessionMinutes: number
	deadline: Date
	cancellationTerms: string
	cancellationCutoffHours: number
	companionsAllowed: boolean
	currency: string
	providerId: string
	serviceId: string | null
}

function commissionData(t: Terms) {
	return {
		title: t.title,
		description: t.description,
		providerId: t.providerId,
		serviceId: t.serviceId,
		pricingMode: t.pricingMode,
		targetPence: t.pricingMode === 'SPLIT_TOTAL' ? t.pricePence : t.pricePence * t.minPeople,
		placePricePence: t.pricingMode === 'PER_PLACE' ? t.pricePence : null,
		currency: t.currency,
		minPledgers: t.minPeople,
		maxPledgers: t.maxPeople,
		deadline: t.deadline,
		firstSessionAt: t.firstSessionAt,
		sessionCount: t.sessionCount,
		sessionMinutes: t.sessionMinutes,
		cancellationTerms: t.cancellationTerms,
		cancellationCutoffHours: t.cancellationCutoffHours,
		companionsAllowed: t.companionsAllowed,
	}
}

/**
 * A provider offers a group activity ("Seated yoga, Tuesdays 10:00, 8 weeks, 6–10 people"). It gets its own group,
 * which people join by pledging. The deadline must be in the future and before the first session.
 */
export async function createOffer(user: User, input: OfferInput, now: Date = clockNow()): Promise<Commission> {
	const data = parseInput(OfferSchema, input)
	if (data.deadline.getTime() <= now.getTime())
		throw new CommissionError('INVALID', 'The deadline for pledges must be in the future.', { field: 'deadline' })
	return inTransaction(prisma, async (tx) => {
		const provider = await ownedProvider(tx, user, data.providerId)
		const service = await serviceOf(tx, provider.id, data.serviceId)
		const group = await tx.group.create({
			data: {
				name: data.title,
				description: data.description,
				town: provider.town,
				createdById: user.id,
				inviteToken: newToken(),
			},
		})
		const commission = await tx.commission.create({
			data: {
				...commissionData({
					...data,
					maxPeople: data.maxPeople,
					currency: service?.currency.trim() ?? 'GBP',
					serviceId: service?.id ?? null,
				}),
				groupId: group.id,
				createdById: user.id,
			},
		})
		await audit(tx, { actor: user, action: 'COMMISSION_OFFERED', entityType: 'Commission', entityId: commission.id })
		return commission
	})
}

// ───────────────────────────── Requests and quotes ─────────────────────────────

/** A group asks providers for quotes. The organiser or a member's side may ask; the providers named are told. */
export async function requestQuotes(
	user: User,
	input: RequestInput,
	now: Date = clockNow(),
): Promise<CommissionRequest> {
	const data = parseInput(RequestSchema, input)
	return inTransaction(prisma, async (tx) => {
		const { group, organiser, member } = await inGroup(tx, user, data.groupId, now)
		if (!organiser && !member)
			throw new CommissionError('FORBIDDEN', 'Only the group’s organiser and members can ask for quotes.')
		const request = await tx.commissionRequest.create({
			data: {
				groupId: group.id,
				title: data.title,
				need: data.need,
				town: data.town ?? group.town,
				categorySlug: data.categorySlug,
				when: data.when,
				createdById: user.id,
			},
		})
		const owners =
			data.providerIds.length > 0
				? await tx.provider.findMany({
						where: { id: { in: data.providerIds }, deletedAt: null },
						select: { ownerId: true },
					})
				: []
		await notify(tx, {
			userIds: owners.map((o) => o.ownerId),
			except: user.id,
			title: `${group.name} asks for a quote`,
			body: `“${data.title}”: ${data.need.slice(0, 300)} Answer with a price, dates and how many people you can take.`,
			link: `/provider/quote-requests/${request.id}`,
		})
		await audit(tx, { actor: user, action: 'QUOTES_REQUESTED', entityType: 'CommissionRequest', entityId: request.id })
		return request
	})
}

/** A provider answers an open request. Answering again revises the provider's quote while it is still on offer. */
export async function answerQuote(user: User, input: QuoteInput, now: Date = clockNow()): Promise<CommissionQuote> {
	const data = parseInput(QuoteSchema, input)
	if (data.firstSessionAt.getTime() <= now.getTime())
		throw new CommissionError('INVALID', 'The first session must be in the future.', { field: 'firstSessionAt' })
	return inTransaction(prisma, async (tx) => {
		const provider = await ownedProvider(tx, user, data.providerId)
		const service = await serviceOf(tx, provider.id, data.serviceId)
		const request = await tx.commissionRequest.findUnique({
			where: { id: data.requestId },
			include: { group: { select: { name: true, createdById: true } } },
		})
		if (!request) throw new CommissionError('NOT_FOUND', 'We could not find that request.')
		if (request.status !== 'OPEN')
			throw new CommissionError('WRONG_STATE', 'This group is no longer asking for quotes.')
		const existing = await tx.commissionQuote.findUnique({
			where: { requestId_providerId: { requestId: request.id, providerId: provider.id } },
		})
		if (existing && existing.status !== 'OFFERED' && existing.status !== 'WITHDRAWN')
			throw new CommissionError('WRONG_STATE', 'This quote has already been answered by the group.')
		const fields = {
			serviceId: service?.id ?? null,
			pricingMode: data.pricingMode,
			pricePence: data.pricePence,
			currency: service?.currency.trim() ?? 'GBP',
			firstSessionAt: data.firstSessionAt,
			sessionCount: data.sessionCount,
			sessionMinutes: data.sessionMinutes,
			minPeople: data.minPeople,
			maxPeople: data.maxPeople,
			message: data.message,
			status: 'OFFERED' as const,
		}
		const quote = existing
			? await tx.commissionQuote.update({ where: { id: existing.id }, data: fields })
			: await tx.commissionQuote.create({
					data: { ...fields, requestId: request.id, providerId: provider.id, createdById: user.id },
				})
		const price = formatMoney(data.pricePence, fields.currency)
		await notify(tx, {
			userIds: [request.group.createdById, request.createdById],
			except: user.id,
			title: `${provider.name} sent a quote for “${request.title}”`,
			body: `${data.pricingMode === 'PER_PLACE' ? `${price} a place` : `${price} in all, shared`}, ${data.sessionCount} ${data.sessionCount === 1 ? 'session' : 'sessions'}, for ${data.minPeople} to ${data.maxPeople ?? 'any number of'} people.`,
			link: `/groups/${request.groupId}#quotes`,
		})
		await audit(tx, {
			actor: user,
			action: existing ? 'QUOTE_REVISED' : 'QUOTE_SENT',
			entityType: 'CommissionQuote',
			entityId: quote.id,
		})
		return quote
	})
}

/**
 * The group's organiser (or whoever asked) chooses a quote: it becomes an OPEN commission of the group, with the
 * deadline they set, and the provider's cancellation policy as its terms. The other quotes are not chosen.
 */
export async function chooseQuote(user: User, input: ChooseQuoteInput, now: Date = clockNow()): Promise<Commission> {
	const data = parseInput(ChooseQuoteSchema, input)
	return inTransaction(prisma, async (tx) => {
		const quote = await tx.commissionQuote.findUnique({
			where: { id: data.quoteId },
			include: {
				request: { include: { group: true } },
				provider: { select: { name: true, ownerId: true, cancellationPolicy: true } },
			},
		})
		if (!quote) throw new CommissionError('NOT_FOUND', 'We could not find that quote.')
		const { request } = quote
		if (request.group.createdById !== user.id && request.createdById !== user.id) {
			throw new CommissionError('FORBIDDEN', 'Only the group’s organiser can choose a quote.')
		}
		// Lock the request so two choices at once make one commission.
		await lockRow(tx, 'CommissionRequest', request.id)
		const fresh = await tx.commissionQuote.findUniqueOrThrow({ where: { id: quote.id }, include: { commission: true } })
		if (fresh.status === 'CHOSEN' && fresh.commission) return fresh.commission
		const requestNow = await tx.commissionRequest.findUniqueOrThrow({
			where: { id: request.id },
			select: { status: true },
		})
		if (requestNow.status !== 'OPEN' || fresh.status !== 'OFFERED')
			throw new CommissionError('WRONG_STATE', 'This quote can no longer be chosen.')
		if (data.deadline.getTime() <= now.getTime())
			throw new CommissionError('INVALID', 'The deadline for pledges must be in the future.', { field: 'deadline' })
		if (data.deadline.getTime() > quote.firstSessionAt.getTime()) {
			throw new CommissionError('INVALID', 'The deadline for pledges must be before the first session.', {
				field: 'deadline',
			})
		}
		const commission = await tx.commission.create({
			data: {
				...commissionData({
					title: request.title,
					description: `${request.need}\n\n${quote.provider.name}: ${quote.message}`,
					pricingMode: quote.pricingMode,
					pricePence: quote.pricePence,
					minPeople: quote.minPeople,
					maxPeople: quote.maxPeople,
					firstSessionAt: quote.firstSessionAt,
					sessionCount: quote.sessionCount,
					sessionMinutes: quote.sessionMinutes,
					deadline: data.deadline,
					cancellationTerms: quote.provider.cancellationPolicy,
					cancellationCutoffHours: 48,
					companionsAllowed: data.companionsAllowed,
					currency: quote.currency.trim(),
					providerId: quote.providerId,
					serviceId: quote.serviceId,
				}),
				groupId: request.groupId,
				quoteId: quote.id,
				createdById: user.id,
			},
		})
		await tx.commissionQuote.update({ where: { id: quote.id }, data: { status: 'CHOSEN' } })
		await tx.commissionQuote.updateMany({
			where: { requestId: request.id, id: { not: quote.id }, status: 'OFFERED' },
			data: { status: 'NOT_CHOSEN' },
		})
		await tx.commissionRequest.update({ where: { id: request.id }, data: { status: 'CHOSEN' } })
		const members = await tx.groupMember.findMany({
			where: { groupId: request.groupId },
			select: { holder: { select: { userId: true } } },
		})
		await notify(tx, {
			userIds: [quote.provider.ownerId],
			title: `${request.group.name} chose your quote`,
			body: `“${request.title}” is now open for pledges.`,
			link: `/commissions/${commission.id}`,
		})
		await notify(tx, {
			userIds: members.map((m) => m.holder.userId),
			except: user.id,
			title: `${request.group.name} chose ${quote.provider.name}`,
			body: `“${request.title}” is open for pledges. Nothing is taken from anyone’s budget unless enough people pledge by the deadline.`,
			link: `/commissions/${commission.id}`,
		})
		await audit(tx, {
			actor: user,
			action: 'QUOTE_CHOSEN',
			entityType: 'Commission',
			entityId: commission.id,
			detail: { quoteId: quote.id },
		})
		return commission
	})
}
