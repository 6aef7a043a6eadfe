import { describe, expect, test } from 'vitest'
import { isLedgerError } from './errors.ts'
import { canonicalPayload, normaliseTransfer } from './payload.server.ts'
import type { TransferInput } from './types.ts'

const base: TransferInput = {
	idempotencyKey: 'booking-1:hold',
	phase: 'PENDING',
	debitAccountId: 'acc_budget',
	creditAccountId: 'acc_held',
	amount: 2000,
	reason: 'BOOKING',
	description: '£20.00 held for 1 hour with Amina Shah on 3 March',
	initiator: { userId: 'user_1', role: 'HOLDER' },
	timeoutSeconds: 3600,
}

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn()
	} catch (error) {
		return isLedgerError(error) ? error.code : 'NOT_A_LEDGER_ERROR'
	}
	return undefined
}

describe('payload hashing', () => {
	test('gives the same hash for the same request, however the amount is typed', () => {
		const a = normaliseTransfer(base)
		const b = normaliseTransfer({ ...base, amount: 2000n })
		expect(a.payloadHash).toMatch(/^[0-9a-f]{64}$/)
		expect(b.payloadHash).toBe(a.payloadHash)
	})

	test('ignores the order of the fields and undefined versus null', () => {
		const reordered = Object.fromEntries(Object.entries({ ...base, bookingId: undefined }).reverse()) as TransferInput
		expect(normaliseTransfer(reordered).payloadHash).toBe(normaliseTransfer({ ...base, bookingId: null }).payloadHash)
	})

	test('does not include the key itself, so only the payload decides a conflict', () => {
		expect(normaliseTransfer({ ...base, idempotencyKey: 'other' }).payloadHash).toBe(
			normaliseTransfer(base).payloadHash,
		)
	})

	test('changes when anything that matters changes', () => {
		const hash = normaliseTransfer(base).payloadHash
		const variants: Partial<TransferInput>[] = [
			{ amount: 2001 },
			{ debitAccountId: 'acc_other' },
			{ creditAccountId: 'acc_other' },
			{ description: '£20.00 held for something else' },
			{ reason: 'PLEDGE' },
			{ initiator: { userId: 'user_2', role: 'HOLDER' } },
			{ initiator: { userId: 'user_1', role: 'REPRESENTATIVE' } },
			{ timeoutSeconds: 60 },
			{ bookingId: 'booking-1' },
			{ currency: 'GBP' },
			{ phase: 'SINGLE' },
		]
		const hashes = variants.map((v) => normaliseTransfer({ ...base, ...v } as TransferInput).payloadHash)
		for (const h of hashes) expect(h).not.toBe(hash)
		expect(new Set(hashes).size).toBe(hashes.length)
	})

	test('writes a canonical payload with sorted fields', () => {
		const { payloadHash: _hash, ...rest } = normaliseTransfer(base)
		const payload = JSON.parse(canonicalPayload(rest)) as { v: number; fields: [string, unknown][] }
		expect(payload.v).toBe(1)
		const names = payload.fields.map(([name]) => name)
		expect(names).toEqual([...names].sort())
		expect(payload.fields).toContainEqual(['amount', '2000'])
	})
})

describe('checking a transfer request', () => {
	test('refuses an amount that is zero, negative or a fraction', () => {
		expect(codeOf(() => normaliseTransfer({ ...base, amount: 0 }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, amount: -5n }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, amount: 12.5 }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, amount: 2n ** 63n }))).toBe('INVALID_TRANSFER')
	})

	test('refuses moving money from an account into itself', () => {
		expect(codeOf(() => normaliseTransfer({ ...base, creditAccountId: 'acc_budget' }))).toBe('SAME_ACCOUNT')
	})

	test('refuses a transfer without a description or key', () => {
		expect(codeOf(() => normaliseTransfer({ ...base, description: '   ' }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, idempotencyKey: '' }))).toBe('INVALID_TRANSFER')
	})

	test('refuses an unknown reason, role or phase', () => {
		expect(codeOf(() => normaliseTransfer({ ...base, reason: 'GIFT' as never }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, reason: 'toString' as never }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, initiator: { role: 'KING' as never } }))).toBe('INVALID_TRANSFER')
		expect(codeOf(() => normaliseTransfer({ ...base, phase: 'EXPLODE' as never }))).toBe('INVALID_TRANSFER')
	})

	test('refuses a hold time on a post and a hold time that is not whole seconds', () => {
		expect(codeOf(() => normaliseTransfer({ ...base, timeoutSeconds: 1.5 }))).toBe('INVALID_TRANSFER')
		expect(
			codeOf(() =>
				normaliseTransfer({
					idempotencyKey: 'k',
					phase: 'POST_PENDING',
					pendingId: 'p',
					description: 'Paid',
					initiator: { role: 'SYSTEM' },
					timeoutSeconds: 5,
				} as never),
			),
		).toBe('INVALID_TRANSFER')
	})

	test('a post needs the hold it resolves but not its accounts or amount', () => {
		const post = normaliseTransfer({
			idempotencyKey: 'booking-1:pay',
			phase: 'POST_PENDING',
			pendingId: 'tr_1',
			description: '£20.00 paid to Amina Shah',
			initiator: { role: 'SYSTEM' },
		})
		expect(post).toMatchObject({ pendingId: 'tr_1', amount: null, debitAccountId: null, reason: null })
		expect(
			codeOf(() =>
				normaliseTransfer({
					idempotencyKey: 'k',
					phase: 'VOID_PENDING',
					description: 'x',
					initiator: { role: 'SYSTEM' },
				} as never),
			),
		).toBe('INVALID_TRANSFER')
	})
})
