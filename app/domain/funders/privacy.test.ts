import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FEWEST_PEOPLE, figureText, protectFigure, protectTable, type RawFigure, tooFew } from './privacy.ts'

const people = (...ids: string[]) => new Set(ids)
const n = (count: number, prefix = 'p') => people(...Array.from({ length: count }, (_, i) => `${prefix}${i}`))
const fig = (value: number, who: Set<string>): RawFigure => ({ value, people: who })

describe('the small-numbers rule', () => {
	it('hides a figure about 1 to 4 people and shows one about nobody or 5 and more', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map(tooFew)).toEqual([false, true, true, true, true, false, false])
		expect(FEWEST_PEOPLE).toBe(5)
		expect(protectFigure(fig(0, n(0)))).toEqual({ hidden: null, value: 0, people: 0 })
		expect(protectFigure(fig(1200, n(4)))).toEqual({ hidden: 'few', value: null, people: null })
		expect(protectFigure(fig(1200, n(5)))).toEqual({ hidden: null, value: 1200, people: 5 })
	})

	it('says "fewer than 5" in place of a hidden figure', () => {
		expect(figureText(protectFigure(fig(10, n(2))), String)).toBe('fewer than 5')
		expect(figureText(protectFigure(fig(10, n(7))), String)).toBe('10')
	})

	it('hides a second row when one hidden row could be worked out from the total', () => {
		const rows = [fig(500, n(3, 'a')), fig(9000, n(20, 'b')), fig(4000, n(6, 'c'))]
		const total = fig(13_500, new Set([...rows[0]!.people, ...rows[1]!.people, ...rows[2]!.people]))
		const safe = protectTable(rows, total)
		expect(safe.rows.map((r) => r.hidden)).toEqual(['few', null, 'protect'])
		expect(safe.total).toEqual({ hidden: null, value: 13_500, people: 29 })
	})

	it('counts people once when the hidden rows share them', () => {
		// Two hidden rows about the same 3 people: their sum is still about 3 people, so a third row goes.
		const rows = [fig(100, people('x', 'y', 'z')), fig(200, people('x', 'y', 'z')), fig(900, n(8)), fig(700, n(9, 'q'))]
		const total = fig(1900, new Set([...n(8), ...n(9, 'q'), 'x', 'y', 'z']))
		expect(protectTable(rows, total).rows.map((r) => r.hidden)).toEqual(['few', 'few', 'protect', null])
	})

	it('leaves rows that do not add up (averages) to the first rule only', () => {
		const safe = protectTable([fig(4, n(3)), fig(3, n(5))])
		expect(safe.rows.map((r) => r.hidden)).toEqual(['few', null])
		expect(safe.total).toBeNull()
	})

	it('hides every row, zeros too, when the total is about fewer than 5 people', () => {
		const safe = protectTable([fig(300, n(3)), fig(0, n(0))], fig(300, n(3)))
		expect(safe.rows.map((r) => r.hidden)).toEqual(['few', 'few'])
		expect(safe.total?.hidden).toBe('few')
	})

	it('never lets a hidden figure about fewer than 5 people be worked out from the total (any table)', () => {
		const everyone = Array.from({ length: 30 }, (_, i) => `h${i}`)
		const row = fc.record({
			value: fc.integer({ min: 0, max: 100_000 }),
			who: fc.subarray(everyone, { maxLength: 12 }),
		})
		fc.assert(
			fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (raw) => {
				const rows = raw.map((r) => fig(r.who.length ? r.value : 0, new Set(r.who)))
				const all = new Set(rows.flatMap((r) => [...r.people]))
				const total = fig(
					rows.reduce((s, r) => s + r.value, 0),
					all,
				)
				const safe = protectTable(rows, total)
				// Every figure shown is about nobody or 5 and more people.
				for (const r of [...safe.rows, safe.total!]) if (!r.hidden) expect(tooFew(r.people)).toBe(false)
				if (safe.total && !safe.total.hidden) {
					// What subtraction reveals, the sum of the hidden rows, is about nobody or 5 and more people.
					const hiddenPeople = new Set(rows.flatMap((r, i) => (safe.rows[i]!.hidden ? [...r.people] : [])))
					expect(tooFew(hiddenPeople.size)).toBe(false)
				}
			}),
		)
	})
})
