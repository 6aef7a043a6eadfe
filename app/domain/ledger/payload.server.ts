import { createHash } from 'node:crypto'
import { InitiatorRole, TransferReason, type TransferPhase } from '#app/generated/prisma/enums.ts'
import { LedgerError } from './errors.ts'
import { isCurrencyCode, MAX_MINOR } from './money.ts'
import type { ResolvePendingInput, TransferInput } from './types.ts'

/**
 * Checking a transfer request and fingerprinting it. Pure (no database): the fingerprint is what makes
 * a retried key safe: same key and same fingerprint returns the first result, another fingerprint is refused.
 */

/** What the ledger works with after checking a request. `null` means "not given". */
export type NormalisedTransfer = {
	index: number
	idempotencyKey: string
	phase: TransferPhase
	debitAccountId: string | null
	creditAccountId: string | null
	amount: bigint | null
	currency: string | null
	pendingId: string | null
	timeoutSeconds: number | null
	reason: TransferReason | null
	description: string
	initiatorUserId: string | null
	initiatorRole: InitiatorRole
	onBehalfOfHolderId: string | null
	budgetLineId: string | null
	bookingId: string | null
	pledgeId: string | null
	payloadHash: string
}

/** The internal phase the expiry job uses; callers cannot ask for it. */
export type InternalTransferInput = TransferInput | (Omit<ResolvePendingInput, 'phase'> & { phase: 'EXPIRE_PENDING' })

const MAX_KEY_LENGTH = 200
const MAX_DESCRIPTION_LENGTH = 500
// Thirty years: a hold longer than this is a mistake.
const MAX_TIMEOUT_SECONDS = 30 * 365 * 24 * 60 * 60

function invalid(index: number, message: string): LedgerError {
	return new LedgerError('INVALID_TRANSFER', message, { index })
}

function optionalId(value: unknown, what: string, index: number): string | null {
	if (value === undefined || value === null) return null
	if (typeof value !== 'string' || value.trim() === '') throw invalid(index, `The ${what} must be an id, or left out.`)
	return value
}

function requiredId(value: unknown, what: string, index: number): string {
	const id = optionalId(value, what, index)
	if (id === null) throw invalid(index, `Say which ${what} to use.`)
	return id
}

function amountOf(value: unknown, index: number): bigint {
	let amount: bigint
	if (typeof value === 'bigint') amount = value
	else if (typeof value === 'number' && Number.isSafeInteger(value)) amount = BigInt(value)
	else throw invalid(index, 'The amount must be a whole number of pence or cents.')
	if (amount <= 0n) throw invalid(index, 'The amount must be more than zero.')
	if (amount > MAX_MINOR) throw invalid(index, 'The amount is too large.')
	return amount
}

/** Checks one request and returns it in the form the ledger stores, with its payload fingerprint. */
export function normaliseTransfer(input: InternalTransferInput, index = 0): NormalisedTransfer {
	if (typeof input !== 'object' || input === null) throw invalid(index, 'A transfer must be an object.')
	const key = input.idempotencyKey
	if (typeof key !== 'string' || key.trim() === '' || key.length > MAX_KEY_LENGTH) {
		throw invalid(index, `Every transfer needs an idempotency key of 1 to ${MAX_KEY_LENGTH} characters.`)
	}
	const description = typeof input.description === 'string' ? input.description.trim() : ''
	if (description === '') throw invalid(index, 'Describe the transfer in plain English, for the statement.')
	if (description.length > MAX_DESCRIPTION_LENGTH) {
		throw invalid(index, `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.`)
	}
	const initiator = input.initiator
	if (typeof initiator !== 'object' || initiator === null || !Object.hasOwn(InitiatorRole, initiator.role)) {
		throw invalid(index, 'Say who started the transfer (initiator.role).')
	}
	const reason = input.reason ?? null
	if (reason !== null && !Object.hasOwn(TransferReason, reason))
		throw invalid(index, `"${String(reason)}" is not a transfer reason.`)
	let currency: string | null = null
	if (input.currency !== undefined && input.currency !== null) {
		if (typeof input.currency !== 'string' || !isCurrencyCode(input.currency)) {
			throw invalid(index, 'The currency must be a three-letter code such as GBP.')
		}
		currency = input.currency
	}

	const common = {
		index,
		idempotencyKey: key,
		currency,
		reason,
		description,
		initiatorUserId: optionalId(initiator.userId, 'initiator', index),
		initiatorRole: initiator.role,
		onBehalfOfHolderId: optionalId(input.onBehalfOfHolderId, 'holder acted for', index),
		budgetLineId: optionalId(input.budgetLineId, 'budget line', index),
		bookingId: optionalId(input.bookingId, 'booking', index),
		pledgeId: optionalId(input.pledgeId, 'pledge', index),
	}

	let specific: Pick<
		NormalisedTransfer,
		'phase' | 'debitAccountId' | 'creditAccountId' | 'amount' | 'pendingId' | 'timeoutSeconds'
	>
	switch (input.phase) {
		case 'SINGLE':
		case 'PENDING': {
			if (reason === null) throw invalid(index, 'Give a reason for the transfer.')
			const debitAccountId = requiredId(input.debitAccountId, 'account to take the money from', index)
			const creditAccountId = requiredId(input.creditAccountId, 'account to pay the money into', index)
			if (debitAccountId === creditAccountId) {
				throw new LedgerError('SAME_ACCOUNT', 'Money cannot be moved from an account into itself.', { index })
			}
			let timeoutSeconds: number | null = null
			if (input.phase === 'PENDING' && input.timeoutSeconds !== undefined && input.timeoutSeconds !== null) {
				const t = input.timeoutSeconds
				if (!Number.isSafeInteger(t) || t <= 0 || t > MAX_TIMEOUT_SECONDS) {
					throw invalid(index, 'The hold time must be a whole number of seconds, more than zero.')
				}
				timeoutSeconds = t
			}
			if ('pendingId' in input && input.pendingId != null) {
				throw invalid(index, 'Only a post or a void points to a pending transfer.')
			}
			specific = {
				phase: input.phase,
				debitAccountId,
				creditAccountId,
				amount: amountOf(input.amount, index),
				pendingId: null,
				timeoutSeconds,
			}
			break
		}
		case 'POST_PENDING':
		case 'VOID_PENDING':
		case 'EXPIRE_PENDING': {
			const amount = input.amount === undefined || input.amount === null ? null : amountOf(input.amount, index)
			if ('timeoutSeconds' in input && input.timeoutSeconds != null) {
				throw invalid(index, 'Only a pending transfer can have a hold time.')
			}
			specific = {
				phase: input.phase,
				debitAccountId: optionalId(input.debitAccountId, 'account to take the money from', index),
				creditAccountId: optionalId(input.creditAccountId, 'account to pay the money into', index),
				amount,
				pendingId: requiredId(input.pendingId, 'pending transfer', index),
				timeoutSeconds: null,
			}
			break
		}
		default:
			throw invalid(index, `"${String((input as { phase: unknown }).phase)}" is not a transfer phase.`)
	}

	const withoutHash = { ...common, ...specific }
	return { ...withoutHash, payloadHash: payloadHash(withoutHash) }
}

/** The fields that make up a request's identity, in a fixed order. The key itself and the position are not part of it. */
export function canonicalPayload(t: Omit<NormalisedTransfer, 'payloadHash'>): string {
	const fields: Record<string, string | number | null> = {
		amount: t.amount === null ? null : t.amount.toString(),
		bookingId: t.bookingId,
		budgetLineId: t.budgetLineId,
		creditAccountId: t.creditAccountId,
		currency: t.currency,
		debitAccountId: t.debitAccountId,
		description: t.description,
		initiatorRole: t.initiatorRole,
		initiatorUserId: t.initiatorUserId,
		onBehalfOfHolderId: t.onBehalfOfHolderId,
		pendingId: t.pendingId,
		phase: t.phase,
		pledgeId: t.pledgeId,
		reason: t.reason,
		timeoutSeconds: t.timeoutSeconds,
	}
	const sorted = Object.keys(fields)
		.sort()
		.map((k) => [k, fields[k]] as const)
	return JSON.stringify({ v: 1, fields: sorted })
}

/** sha256 (hex) of the canonical payload. */
export function payloadHash(t: Omit<NormalisedTransfer, 'payloadHash'>): string {
	return createHash('sha256').update(canonicalPayload(t)).digest('hex')
}
