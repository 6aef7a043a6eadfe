import { describe, expect, it } from 'vitest'
import { byKindAndId, sqlIn } from './named-rows.server.ts'

describe('named rows (issue 14)', () => {
	it('puts each value once in an IN list, in first-seen order', () => {
		const sql = sqlIn(['b', 'a', 'b', 'c', 'a'])
		expect(sql.values).toEqual(['b', 'a', 'c'])
		expect(sql.sql).toBe('?,?,?')
	})

	it('finds a row by kind and id, keeping kinds apart, and throws for one that is missing', () => {
		const rows = [
			{ kind: 'user' as const, id: 'x', name: 'Ada' },
			{ kind: 'holder' as const, id: 'x', name: 'Ada’s budget' },
		]
		const named = byKindAndId(rows, 'a shortlist')
		expect(named('user', 'x').name).toBe('Ada')
		expect(named('holder', 'x').name).toBe('Ada’s budget')
		expect(() => named('user', 'y')).toThrow('The user y of a shortlist was not found')
	})
})
