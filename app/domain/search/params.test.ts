import { describe, expect, test } from 'vitest'
import { parseSearchParams, toQueryString } from './params.ts'

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs))

describe('search page URL', () => {
	test('reads every filter and writes the same URL back', () => {
		const qs =
			'q=personal+assistant&near=LE1&radius=25&kind=personal-assistant&category=personal-care&type=hourly&min=12&max=18.50&lang=Polish&access=step-free&cred=first-aid&day=mon&time=evening&group=yes&sort=rating&page=2'
		const { params, errors } = parse(qs)
		expect(errors).toEqual([])
		expect(params).toMatchObject({
			kinds: ['PERSONAL_ASSISTANT'],
			creds: ['FIRST_AID'],
			min: 1200,
			max: 1850,
			group: true,
			page: 2,
		})
		expect(toQueryString(params)).toBe(`?${qs}`)
	})

	test('explains bad values in plain English and leaves them out', () => {
		const { params, errors } = parse('min=£12&max=10&day=funday&page=abc&q=' + 'x'.repeat(201))
		expect(params.min).toBe(1200)
		expect(params.max).toBeNull()
		expect(params.days).toEqual([])
		expect(params.q).toBe('')
		expect(errors.map((e) => e.message)).toEqual([
			'Enter 200 characters or fewer in the search box',
			'“funday” is not a day of the week, so it was left out',
			'Page must be a number',
			'The highest price must be more than the lowest price',
		])
	})

	test('treats names of Object’s own properties as unknown values, not as kinds (found by the fuzzer: a 500)', () => {
		const { params, errors } = parse('kind=constructor&cred=__proto__&cred=toString')
		expect(params.kinds).toEqual([])
		expect(params.creds).toEqual([])
		expect(errors.map((e) => e.field)).toEqual(['kind', 'cred', 'cred'])
		expect(toQueryString(params)).toBe('')
	})
})
