import { expect, test } from 'vitest'
import { statementNames } from './statement-names.server.ts'

test('the same text always gets the same name, and each new text the next one', () => {
	const name = statementNames()
	expect(name({ sql: 'SELECT 1' })).toBe('bm1')
	expect(name({ sql: 'SELECT 2' })).toBe('bm2')
	expect(name({ sql: 'SELECT 1' })).toBe('bm1')
	expect(name({ sql: 'SELECT 2' })).toBe('bm2')
})

test('after the limit, new texts go unnamed while those already named keep their names', () => {
	const name = statementNames({ limit: 2 })
	expect(name({ sql: 'a' })).toBe('bm1')
	expect(name({ sql: 'b' })).toBe('bm2')
	expect(name({ sql: 'c' })).toBe('')
	expect(name({ sql: 'c' })).toBe('')
	expect(name({ sql: 'a' })).toBe('bm1')
})

test('a text longer than the longest kept goes unnamed and takes no name from the limit', () => {
	const name = statementNames({ limit: 1, maxLength: 10 })
	expect(name({ sql: 'SELECT * FROM "Provider" WHERE "id" IN ($1,$2,$3)' })).toBe('')
	expect(name({ sql: 'SELECT 1' })).toBe('bm1')
})

test('each generator names on its own (one per database handle)', () => {
	const a = statementNames()
	const b = statementNames()
	expect(a({ sql: 'x' })).toBe('bm1')
	expect(b({ sql: 'y' })).toBe('bm1')
})
