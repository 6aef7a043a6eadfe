import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { getCsrfToken } from './csrf.server.ts'
import { DomainError } from './errors.ts'
import { parseForm, parseOrBadRequest, parseSubmission, readCheckedForm, refusal } from './form.server.ts'

const schema = z.object({ title: z.string({ required_error: 'Enter a title' }).min(3, 'Enter at least 3 characters') })

async function formPost(fields: Record<string, string>, { csrf = true } = {}): Promise<Request> {
	const body = new URLSearchParams(fields)
	const { token, setCookie } = await getCsrfToken(new Request('http://localhost/'))
	if (csrf) body.set('csrf', token)
	return new Request('http://localhost/thing', {
		method: 'POST',
		body,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: setCookie?.split(';')[0] ?? '' },
	})
}

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
	try {
		await promise
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
	throw new Error('Expected a thrown Response')
}

describe('parseForm', () => {
	test('gives the parsed value of a valid form with its token', async () => {
		const parsed = await parseForm(await formPost({ title: 'A title' }), schema)
		expect(parsed.ok && parsed.value).toEqual({ title: 'A title' })
	})

	test('answers an invalid form with 400 and each message by its field', async () => {
		const parsed = await parseForm(await formPost({ title: 'A' }), schema)
		expect(parsed.ok).toBe(false)
		if (parsed.ok) return
		expect(parsed.response.status).toBe(400)
		const body = (await parsed.response.json()) as { result: { error: Record<string, string[]> } }
		expect(body.result.error).toEqual({ title: ['Enter at least 3 characters'] })
	})

	test('refuses a form without its token with 403 before reading the fields', async () => {
		const response = await thrownResponse(parseForm(await formPost({ title: 'A title' }, { csrf: false }), schema))
		expect(response.status).toBe(403)
		expect(await response.text()).toBe('This form has expired. Go back, reload the page and try again.')
	})

	test('refuses a body that is not a form with 415', async () => {
		const request = new Request('http://localhost/thing', {
			method: 'POST',
			body: '{"title":"A title"}',
			headers: { 'Content-Type': 'application/json' },
		})
		expect((await thrownResponse(readCheckedForm(request))).status).toBe(415)
	})
})

describe('parseSubmission and refusal', () => {
	test('a refusal keeps the domain error’s status and puts its messages by their fields', async () => {
		const formData = new FormData()
		formData.set('title', 'A title')
		const parsed = parseSubmission(formData, schema)
		if (!parsed.ok) throw new Error('Expected a valid form')
		class TitleTaken extends DomainError<'TAKEN'> {
			constructor() {
				super({ TAKEN: 409 }, 'TAKEN', 'That title is taken', { fieldErrors: { title: ['Choose another title'] } })
			}
		}
		const response = refusal(parsed.submission, new TitleTaken())
		expect(response.status).toBe(409)
		const body = (await response.json()) as { result: { error: Record<string, string[]> } }
		expect(body.result.error).toEqual({ title: ['Choose another title'] })
	})

	test('a refusal of something the form named answers a 404 with 400 when asked, and keeps every other status', async () => {
		const formData = new FormData()
		formData.set('title', 'A title')
		const parsed = parseSubmission(formData, schema)
		if (!parsed.ok) throw new Error('Expected a valid form')
		class Refused extends DomainError<'NOT_FOUND' | 'FAILED'> {
			constructor(code: 'NOT_FOUND' | 'FAILED') {
				super({ NOT_FOUND: 404, FAILED: 502 }, code, 'Choose a title from the list', { field: 'title' })
			}
		}
		const notFound = refusal(parsed.submission, new Refused('NOT_FOUND'), { page: 'new' }, { notFoundOnForm: true })
		expect(notFound.status).toBe(400)
		const body = (await notFound.json()) as { page: string; result: { error: Record<string, string[]> } }
		expect(body.page).toBe('new')
		expect(body.result.error).toEqual({ title: ['Choose a title from the list'] })
		expect(refusal(parsed.submission, new Refused('FAILED'), {}, { notFoundOnForm: true }).status).toBe(502)
		expect(refusal(parsed.submission, new Refused('NOT_FOUND')).status).toBe(404)
	})
})

describe('parseOrBadRequest', () => {
	const idSchema = z.object({ slotId: z.string().min(1) })

	test('gives the value of a button form the page built', () => {
		const formData = new FormData()
		formData.set('slotId', 'slot-1')
		expect(parseOrBadRequest(formData, idSchema)).toEqual({ slotId: 'slot-1' })
	})

	test('answers a form the page did not build with 400 Bad request', async () => {
		const response = await thrownResponse(Promise.resolve().then(() => parseOrBadRequest(new FormData(), idSchema)))
		expect(response.status).toBe(400)
		expect(await response.text()).toBe('Bad request')
	})
})
