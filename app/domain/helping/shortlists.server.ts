/**
 * Shortlists (ADR 024): a helper saves providers for the person they help, each with a note, from search results,
 * profiles and the comparison page, and sends the list; the holder chooses one, asks for more, or answers "you
 * choose for me". Only a helper with a live delegation that lets them suggest support (VIEW) makes one; only the
 * holder answers. Each step is one transaction with its trail entry and its notices.
 */
import { notify } from '#app/domain/notifications/notify.server.ts'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { liveDelegationWhere } from '#app/domain/people/rights.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { audit } from '#app/utils/audit.server.ts'
import { now as clockNow } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { byKindAndId, sqlIn } from '#app/utils/named-rows.server.ts'
import { type Db, inTransaction, lockName, lockRow, type Tx } from '#app/utils/transaction.server.ts'
import { HelpingError } from './errors.ts'
import { canAnswerShortlist, canEditShortlist, canSendShortlist } from './rules.ts'

/** The holders this person may suggest support for: live delegations with VIEW. */
export async function suggestableHolders(db: Db, userId: string, now: Date) {
	const rows = await db.delegation.findMany({
		where: { delegateId: userId, ...liveDelegationWhere(now), rights: { has: 'VIEW' } },
		select: { kind: true, holder: { select: { id: true, displayName: true, userId: true } } },
		orderBy: { consentGivenAt: 'asc' },
	})
	return rows.filter((r) => r.holder.userId !== userId).map((r) => ({ ...r.holder, kind: r.kind }))
}

async function requireSuggester(tx: Db, user: SessionUser, holderId: string, now: Date) {
	const holders = await suggestableHolders(tx, user.id, now)
	const holder = holders.find((h) => h.id === holderId)
	if (!holder) throw new HelpingError('NOT_FOUND', 'Choose someone you help.', { field: 'holderId' })
	return holder
}

function shortlistAudit(tx: Tx, actorId: string, holderId: string, action: string, id: string, detail: object) {
	return audit(tx, {
		actorId,
		holderId,
		action,
		entityType: 'Shortlist',
		entityId: id,
		detail: detail as Prisma.InputJsonValue,
	})
}

/**
 * Saves a provider, with a note, to the helper's open shortlist for this holder (started when there is none); saving
 * one already on it changes its note.
 */
export async function saveToShortlist(
	user: SessionUser,
	input: { holderId: string; providerId: string; note: string | null },
	now: Date = clockNow(),
): Promise<{ shortlistId: string }> {
	return inTransaction(prisma, async (tx) => {
		const holder = await requireSuggester(tx, user, input.holderId, now)
		const provider = await tx.provider.findFirst({
			where: { id: input.providerId, published: true, deletedAt: null },
			select: { id: true, name: true },
		})
		if (!provider) throw new HelpingError('NOT_FOUND', 'This provider is no longer listed.')
		// One open list per helper and holder: two saves at once share it.
		await lockName(tx, `shortlist:${user.id}:${holder.id}`)
		const open =
			(await tx.shortlist.findFirst({
				where: { holderId: holder.id, createdById: user.id, status: { in: ['DRAFT', 'MORE_WANTED'] } },
				orderBy: { createdAt: 'desc' },
				select: { id: true },
			})) ?? (await tx.shortlist.create({ data: { holderId: holder.id, createdById: user.id, createdAt: now } }))
		await tx.shortlistItem.upsert({
			where: { shortlistId_providerId: { shortlistId: open.id, providerId: provider.id } },
			create: { shortlistId: open.id, providerId: provider.id, note: input.note, createdAt: now },
			update: { note: input.note },
		})
		await shortlistAudit(tx, user.id, holder.id, 'SHORTLIST_SAVED', open.id, {
			as: holder.kind,
			right: 'VIEW',
			provider: provider.name,
		})
		return { shortlistId: open.id }
	})
}

async function lockedShortlist(tx: Tx, shortlistId: string) {
	if (!(await lockRow(tx, 'Shortlist', shortlistId))) {
		throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
	}
	return tx.shortlist.findUniqueOrThrow({
		where: { id: shortlistId },
		select: {
			id: true,
			status: true,
			holderId: true,
			createdById: true,
			createdBy: { select: { name: true } },
			holder: { select: { displayName: true, userId: true } },
			items: { select: { id: true, provider: { select: { name: true } } } },
		},
	})
}

/** The shortlist, for its helper while they still may suggest support for the holder: 404 for anyone else. */
async function lockedAsHelper(tx: Tx, user: SessionUser, shortlistId: string, now: Date) {
	const s = await lockedShortlist(tx, shortlistId)
	if (s.createdById !== user.id) {
		if (s.holder.userId === user.id) throw new HelpingError('FORBIDDEN', 'Only the person who made it can change it.')
		throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
	}
	const holder = await requireSuggester(tx, user, s.holderId, now)
	return { ...s, kind: holder.kind }
}

export async function removeFromShortlist(
	user: SessionUser,
	shortlistId: string,
	itemId: string,
	now: Date = clockNow(),
): Promise<void> {
	await inTransaction(prisma, async (tx) => {
		const s = await lockedAsHelper(tx, user, shortlistId, now)
		if (!canEditShortlist(s.status)) throw new HelpingError('WRONG_STATE', 'This shortlist was sent: it cannot change.')
		const item = s.items.find((i) => i.id === itemId)
		if (!item) return
		await tx.shortlistItem.delete({ where: { id: item.id } })
		await shortlistAudit(tx, user.id, s.holderId, 'SHORTLIST_REMOVED', s.id, {
			as: s.kind,
			right: 'VIEW',
			provider: item.provider.name,
		})
	})
}

/** Sends the shortlist to the holder: they are told on the site and by email. */
export async function sendShortlist(user: SessionUser, shortlistId: string, now: Date = clockNow()): Promise<void> {
	await inTransaction(prisma, async (tx) => {
		const s = await lockedAsHelper(tx, user, shortlistId, now)
		if (s.status === 'SENT') return
		if (!canSendShortlist(s.status, s.items.length)) {
			throw new HelpingError(
				'WRONG_STATE',
				s.items.length === 0 ? 'Save at least one provider before you send it.' : 'This shortlist was answered.',
			)
		}
		await tx.shortlist.update({
			where: { id: s.id },
			data: { status: 'SENT', sentAt: now, answeredAt: null, answerNote: null, chosenItemId: null },
		})
		const names = s.items.map((i) => i.provider.name)
		await shortlistAudit(tx, user.id, s.holderId, 'SHORTLIST_SENT', s.id, {
			as: s.kind,
			right: 'VIEW',
			providers: names,
		})
		await notify(tx, {
			userIds: [s.holder.userId],
			title: `${user.name} sent you a shortlist to choose from`,
			body: `${user.name} found ${names.length === 1 ? 'a provider' : `${names.length} providers`} for you: ${names.join(', ')}. Choose one, ask for more, or let ${user.name} choose.`,
			link: `/shortlists/${s.id}`,
		})
	})
}

export type ShortlistAnswer =
	| { answer: 'choose'; itemId: string; note: string | null }
	| { answer: 'more'; note: string | null }
	| { answer: 'helper-chooses'; note: string | null }

/** The holder's answer: one of the providers, "show me more", or "you choose for me". */
export async function answerShortlist(
	user: SessionUser,
	shortlistId: string,
	input: ShortlistAnswer,
	now: Date = clockNow(),
): Promise<void> {
	await inTransaction(prisma, async (tx) => {
		const s = await lockedShortlist(tx, shortlistId)
		if (s.holder.userId !== user.id) {
			if (s.createdById === user.id) throw new HelpingError('FORBIDDEN', `Only ${s.holder.displayName} can answer it.`)
			throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
		}
		if (!canAnswerShortlist(s.status)) throw new HelpingError('WRONG_STATE', 'You answered this shortlist already.')
		const chosen = input.answer === 'choose' ? s.items.find((i) => i.id === input.itemId) : null
		if (input.answer === 'choose' && !chosen) {
			throw new HelpingError('INVALID', 'Choose one of the providers on the list', { field: 'itemId' })
		}
		const status = input.answer === 'choose' ? 'CHOSEN' : input.answer === 'more' ? 'MORE_WANTED' : 'HELPER_CHOOSES'
		await tx.shortlist.update({
			where: { id: s.id },
			data: { status, answeredAt: now, answerNote: input.note, chosenItemId: chosen?.id ?? null },
		})
		await shortlistAudit(tx, user.id, s.holderId, 'SHORTLIST_ANSWERED', s.id, {
			answer: status,
			provider: chosen?.provider.name ?? null,
			helper: s.createdBy.name,
			note: input.note,
		})
		const said =
			status === 'CHOSEN'
				? `${s.holder.displayName} chose ${chosen!.provider.name}.`
				: status === 'MORE_WANTED'
					? `${s.holder.displayName} would like more choices.`
					: `${s.holder.displayName} would like you to choose for them.`
		await notify(tx, {
			userIds: [s.createdById],
			title: `${s.holder.displayName} answered your shortlist`,
			body: `${said}${input.note ? ` They said: ${input.note}` : ''}`,
			link: `/shortlists/${s.id}`,
		})
	})
}

const shortlistSelect = {
	id: true,
	status: true,
	holderId: true,
	createdById: true,
	sentAt: true,
	answeredAt: true,
	answerNote: true,
	chosenItemId: true,
	createdAt: true,
	createdBy: { select: { name: true } },
	holder: { select: { displayName: true, userId: true } },
	items: {
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			note: true,
			provider: { select: { id: true, name: true, slug: true, town: true, headline: true } },
		},
	},
} satisfies Prisma.ShortlistSelect

type LoadedShortlist = Prisma.ShortlistGetPayload<{ select: typeof shortlistSelect }>

/** What a list of shortlists reads of each: shortlistSelect without its relations, which `withNamesAndItems` adds. */
const { createdBy: _createdBy, holder: _holder, items: _items, ...shortlistListSelect } = shortlistSelect

type ListedShortlist = Prisma.ShortlistGetPayload<{ select: typeof shortlistListSelect }>

type ItemRow = LoadedShortlist['items'][number]['provider'] & {
	itemId: string
	note: string | null
	shortlistId: string
}

/**
 * The shortlists of a list with who made them, whose they are and their providers, in two queries (issue 14:
 * Prisma's relation select took four).
 */
async function withNamesAndItems(rows: ListedShortlist[]): Promise<LoadedShortlist[]> {
	if (rows.length === 0) return []
	const ids = (pick: (s: ListedShortlist) => string) => sqlIn(rows.map(pick))
	const [people, items] = await Promise.all([
		prisma.$queryRaw<Array<{ kind: 'user' | 'holder'; id: string; name: string; userId: string | null }>>`
			SELECT 'user' AS "kind", u."id", u."name", NULL AS "userId" FROM "User" u WHERE u."id" IN (${ids((s) => s.createdById)})
			UNION ALL
			SELECT 'holder', h."id", h."displayName", h."userId" FROM "BudgetHolder" h WHERE h."id" IN (${ids((s) => s.holderId)})`,
		prisma.$queryRaw<ItemRow[]>`
			SELECT i."id" AS "itemId", i."note", i."shortlistId",
			  p."id", p."name", p."slug", p."town", p."headline"
			FROM "ShortlistItem" i JOIN "Provider" p ON p."id" = i."providerId"
			WHERE i."shortlistId" IN (${ids((s) => s.id)})
			ORDER BY i."createdAt", i."id"`,
	])
	const named = byKindAndId(people, 'a shortlist')
	// Each shortlist's items, in the order read, grouped once.
	const itemsOf = new Map<string, ItemRow[]>()
	for (const item of items) {
		const list = itemsOf.get(item.shortlistId)
		if (list) list.push(item)
		else itemsOf.set(item.shortlistId, [item])
	}
	return rows.map((s) => {
		const holder = named('holder', s.holderId)
		return {
			...s,
			createdBy: { name: named('user', s.createdById).name },
			holder: { displayName: holder.name, userId: holder.userId },
			items: (itemsOf.get(s.id) ?? []).map(({ itemId, note, shortlistId: _, ...provider }) => ({
				id: itemId,
				note,
				provider,
			})),
		}
	})
}

function shortlistView(s: LoadedShortlist, isHolder: boolean) {
	return {
		id: s.id,
		status: s.status,
		holderId: s.holderId,
		holderName: s.holder.displayName,
		helperName: s.createdBy.name,
		sentAt: s.sentAt,
		answeredAt: s.answeredAt,
		answerNote: s.answerNote,
		chosen: s.items.find((i) => i.id === s.chosenItemId)?.provider.name ?? null,
		items: s.items.map((i) => ({ ...i.provider, id: i.id, note: i.note, providerId: i.provider.id })),
		isHolder,
		canEdit: !isHolder && canEditShortlist(s.status),
		canSend: !isHolder && canSendShortlist(s.status, s.items.length),
		canAnswer: isHolder && canAnswerShortlist(s.status),
	}
}

export type ShortlistView = ReturnType<typeof shortlistView>

/**
 * The shortlist for its holder (once sent) or its helper (while they may still suggest support for the holder);
 * anyone else is told nothing.
 */
export async function shortlistPage(user: SessionUser, shortlistId: string, now: Date = clockNow()) {
	const s = await prisma.shortlist.findUnique({ where: { id: shortlistId }, select: shortlistSelect })
	if (!s) throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
	if (s.holder.userId === user.id && s.status !== 'DRAFT') return shortlistView(s, true)
	if (s.createdById === user.id) {
		await requireSuggester(prisma, user, s.holderId, now).catch(() => {
			throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
		})
		return shortlistView(s, false)
	}
	throw new HelpingError('NOT_FOUND', 'We could not find that shortlist.')
}

/** Shortlists sent to this holder, newest first (the ones waiting for an answer first). */
export async function shortlistsFor(holderId: string) {
	const rows = await prisma.shortlist.findMany({
		where: { holderId, status: { not: 'DRAFT' } },
		orderBy: [{ sentAt: 'desc' }],
		take: 20,
		select: shortlistListSelect,
	})
	return (await withNamesAndItems(rows))
		.map((s) => shortlistView(s, true))
		.sort((a, b) => Number(b.canAnswer) - Number(a.canAnswer))
}

/** This helper's shortlists for the holders they still may suggest for, newest first. */
export async function shortlistsBy(userId: string, holderIds: string[]) {
	const rows = await prisma.shortlist.findMany({
		where: { createdById: userId, holderId: { in: holderIds } },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: shortlistListSelect,
	})
	return (await withNamesAndItems(rows)).map((s) => shortlistView(s, false))
}
