import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkSpend, type LineUse, setAside, spendableOn } from './ring-fence.ts'

const line = (id: string, amount: number, ringFenced: boolean, spent = 0, held = 0): LineUse => ({
	id,
	name: id,
	amount,
	ringFenced,
	spent,
	held,
})

describe('ring-fenced budget lines', () => {
	it('keep nothing aside when no line is ring-fenced: lines inform, they do not block', () => {
		const state = {
			lines: [line('care', 900_000, false), line('out', 300_000, false)],
			received: 120_000,
			available: 120_000,
		}
		expect(setAside(state).size).toBe(0)
		expect(checkSpend(state, 120_000, 'out')).toEqual({ ok: true, spendable: 120_000 })
		expect(checkSpend(state, 120_000, null)).toEqual({ ok: true, spendable: 120_000 })
	})

	it('keep a ring-fenced line’s share of the money received so far, less what was spent or held on it', () => {
		const lines = [line('care', 900_000, true, 30_000, 10_000), line('out', 300_000, false)]
		// £1,200 received: care's share is £900, of which £400 is used.
		const state = { lines, received: 120_000, available: 80_000 }
		expect(setAside(state).get('care')).toBe(50_000)
		expect(spendableOn(state, 'out')).toBe(30_000)
		expect(spendableOn(state, null)).toBe(30_000)
		expect(spendableOn(state, 'care')).toBe(80_000)
		expect(checkSpend(state, 30_001, 'out')).toEqual({
			ok: false,
			spendable: 30_000,
			protectedBy: [{ id: 'care', name: 'care', amount: 50_000 }],
		})
	})

	it('never keep more than the line’s amount, however much arrives', () => {
		const state = {
			lines: [line('care', 100, true), line('out', 100, false)],
			received: 1_000_000,
			available: 1_000_000,
		}
		expect(setAside(state).get('care')).toBe(100)
	})

	it('property: what may be spent never exceeds what is available, and spending on a fenced line is never limited by itself', () => {
		const use = fc.record({
			amount: fc.nat(1_000_000),
			ringFenced: fc.boolean(),
			spent: fc.nat(500_000),
			held: fc.nat(500_000),
		})
		fc.assert(
			fc.property(
				fc.array(use, { minLength: 1, maxLength: 5 }),
				fc.nat(2_000_000),
				fc.nat(2_000_000),
				(uses, received, available) => {
					const lines = uses.map((u, i) => line(`l${i}`, u.amount, u.ringFenced, u.spent, u.held))
					const state = { lines, received, available }
					const aside = setAside(state)
					for (const [, kept] of aside) expect(kept).toBeGreaterThanOrEqual(0)
					for (const l of lines) {
						const spendable = spendableOn(state, l.id)
						expect(spendable).toBeLessThanOrEqual(available)
						expect(spendable).toBeGreaterThanOrEqual(spendableOn(state, null))
						expect(checkSpend(state, spendable, l.id).ok).toBe(true)
						expect(checkSpend(state, spendable + 1, l.id).ok).toBe(false)
					}
				},
			),
		)
	})
})
