import { describe, expect, test } from 'vitest'
import { districtFitsTown, findTown, normaliseDistrict, townNames, townSuggestions } from './profile-places.ts'

describe('towns for profiles', () => {
	test('finds a town from the list whatever the case, spaces or hyphens, with its coordinates', () => {
		expect(findTown('leicester')).toMatchObject({ name: 'Leicester', lat: 52.6369, lng: -1.1398 })
		expect(findTown(' Newcastle-upon-Tyne ')?.name).toBe('Newcastle upon Tyne')
		expect(findTown('Atlantis')).toBeNull()
		expect(findTown('')).toBeNull()
		expect(townNames).toContain('Leicester')
	})

	test('suggests close spellings and towns that start with what was typed', () => {
		expect(townSuggestions('Leicster')).toEqual(['Leicester'])
		expect(townSuggestions('Newcastle')).toContain('Newcastle upon Tyne')
		expect(townSuggestions('Qwzx')).toEqual([])
	})

	test('reads the first half of a postcode and checks it belongs to the town', () => {
		expect(normaliseDistrict('le4')).toBe('LE4')
		expect(normaliseDistrict(' le4 5ww ')).toBe('LE4')
		expect(normaliseDistrict('B13')).toBe('B13')
		expect(normaliseDistrict('SW1A 1AA')).toBe('SW1A')
		expect(normaliseDistrict('Leicester')).toBeNull()
		expect(normaliseDistrict('12345')).toBeNull()
		const leicester = findTown('Leicester')!
		expect(districtFitsTown('LE4', leicester)).toBe(true)
		expect(districtFitsTown('LE9', leicester)).toBe(true)
		expect(districtFitsTown('NG1', leicester)).toBe(false)
	})
})
