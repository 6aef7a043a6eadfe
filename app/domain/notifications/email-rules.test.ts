import { describe, expect, it } from 'vitest'
import { afterFailure, describeSendError, EMAIL_RULES, waitAfterFailure } from './email-rules.ts'

describe('the email retry rules', () => {
	it('waits a minute after the first failure and twice as long after each one, up to an hour', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => waitAfterFailure(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60])
		expect(waitAfterFailure(1_000)).toBe(EMAIL_RULES.maxWaitMs)
	})

	it('tries again until the last attempt, then gives up', () => {
		const at = new Date('2026-12-05T10:00:00Z')
		expect(afterFailure(1, at)).toEqual({ giveUp: false, nextAttemptAt: new Date('2026-12-05T10:01:00Z') })
		expect(afterFailure(3, at)).toEqual({ giveUp: false, nextAttemptAt: new Date('2026-12-05T10:04:00Z') })
		expect(afterFailure(EMAIL_RULES.maxAttempts - 1, at).giveUp).toBe(false)
		expect(afterFailure(EMAIL_RULES.maxAttempts, at)).toEqual({ giveUp: true })
	})

	it('keeps a short, single line of what went wrong, with the SMTP reply code', () => {
		const refused = Object.assign(new Error('Recipient refused:\n mailbox full'), { responseCode: 552 })
		expect(describeSendError(refused)).toBe('552 Recipient refused: mailbox full')
		expect(describeSendError(new Error('x'.repeat(2_000)))).toHaveLength(EMAIL_RULES.errorLength)
		expect(describeSendError('timed out')).toBe('timed out')
	})
})
