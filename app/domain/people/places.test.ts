import { describe, expect, it } from 'vitest'
import { hasPersonalHome, homePathFor, placesFor } from './places.ts'

const labels = (person: Parameters<typeof placesFor>[0]) => placesFor(person).map((p) => `${p.label} ${p.to}`)

describe('where signing in takes each person', () => {
	it('sends each single role to its own home', () => {
		expect(homePathFor({ roles: ['HOLDER'], holderId: 'h1' })).toBe('/home')
		expect(homePathFor({ roles: ['REPRESENTATIVE'] })).toBe('/home')
		expect(homePathFor({ roles: ['BROKER'] })).toBe('/home')
		expect(homePathFor({ roles: ['PROVIDER'] })).toBe('/provider')
		expect(homePathFor({ roles: ['FUNDER_STAFF'], funderId: 'f1' })).toBe('/funder')
		expect(homePathFor({ roles: ['ADMIN'] })).toBe('/admin')
		expect(homePathFor({ roles: [] })).toBe('/account')
	})

	it('chooses the most useful home for several roles: admin, funder, own budget, provider, then helper', () => {
		expect(homePathFor({ roles: ['HOLDER', 'ADMIN'], holderId: 'h1' })).toBe('/admin')
		expect(homePathFor({ roles: ['PROVIDER', 'FUNDER_STAFF'], funderId: 'f1' })).toBe('/funder')
		expect(homePathFor({ roles: ['PROVIDER', 'HOLDER'], holderId: 'h1' })).toBe('/home')
		expect(homePathFor({ roles: ['REPRESENTATIVE', 'PROVIDER'] })).toBe('/provider')
	})

	it('does not send funder staff without a funder, or a holder without a budget, to a page they cannot use', () => {
		expect(homePathFor({ roles: ['FUNDER_STAFF'], funderId: null })).toBe('/account')
		expect(homePathFor({ roles: ['HOLDER', 'PROVIDER'], holderId: null })).toBe('/provider')
		expect(homePathFor({ roles: ['HOLDER'], holderId: null })).toBe('/account')
		expect(hasPersonalHome({ roles: ['HOLDER'], holderId: null })).toBe(false)
		expect(hasPersonalHome({ roles: ['BROKER'] })).toBe(true)
	})
})

describe('the places in the header', () => {
	it('shows each person the places that are theirs', () => {
		expect(labels(null)).toEqual(['Find support /search'])
		expect(labels({ roles: ['HOLDER'], holderId: 'h1' })).toEqual([
			'Home /home',
			'Search /search',
			'Bookings /bookings',
			'Money /holders/h1/money',
			'Groups /groups',
		])
		expect(labels({ roles: ['REPRESENTATIVE'] })).toEqual([
			'People I help /home',
			'Search /search',
			'Bookings /bookings',
			'Workspace /helping',
		])
		expect(labels({ roles: ['PROVIDER'] })).toEqual([
			'Dashboard /provider',
			'Money /provider/money',
			'Find support /search',
		])
		expect(labels({ roles: ['FUNDER_STAFF'], funderId: 'f1' })).toEqual([
			'Overview /funder',
			'Figures /funder/figures',
			'Allocate /funder/allocate',
			'Problems /funder/problems',
			'Moderation /moderation/reviews',
			'Find support /search',
		])
		expect(labels({ roles: ['ADMIN'] })).toEqual([
			'Admin /admin',
			'Moderation /moderation/reviews',
			'Find support /search',
		])
	})

	it('names whose money when a person has two money pages, and never shows one address twice', () => {
		const places = placesFor({ roles: ['HOLDER', 'PROVIDER', 'BROKER'], holderId: 'h1' })
		expect(places.filter((p) => p.label.includes('Money') || p.label.includes('budget')).map((p) => p.label)).toEqual([
			'My budget',
			'Money paid to me',
		])
		expect(new Set(places.map((p) => p.to)).size).toBe(places.length)
		expect(places.map((p) => p.label)).not.toContain('People I help')
	})

	it('marks the overview pages as current only on their own address', () => {
		for (const to of ['/home', '/provider', '/funder', '/admin', '/bookings']) {
			const place = placesFor({
				roles: ['HOLDER', 'PROVIDER', 'FUNDER_STAFF', 'ADMIN'],
				holderId: 'h',
				funderId: 'f',
			}).find((p) => p.to === to)
			expect(place?.end, to).toBe(true)
		}
	})
})
