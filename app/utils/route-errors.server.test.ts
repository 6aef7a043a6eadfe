import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { DomainError, type DomainErrorOptions, isDomainError } from './errors.ts'
import { attempt, errorPageFor, orErrorPage, replyWithError } from './route-errors.server.ts'

type TestCode = 'INVALID' | 'FORBIDDEN' | 'NOT_FOUND' | 'WRONG_STATE' | 'UPSTREAM'

class TestError extends DomainError<TestCode> {
	override name = 'TestError'
	constructor(code: TestCode, message: string, options: DomainErrorOptions = {}) {
		super({ INVALID: 400, FORBIDDEN: 403, NOT_FOUND: 404, WRONG_STATE: 409, UPSTREAM: 502 }, code, message, options)
	}
}

const refuse = (error: unknown) => async (): Promise<string> => {
	throw error
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise
	} catch (error) {
		return error
	}
	throw new Error('expected it to throw')
}

describe('DomainError', () => {
	test('takes its status from its class’s map, and keeps its code, name and cause', () => {
		const cause = new Error('below')
		const error = new TestError('WRONG_STATE', 'This was done already.', { cause })
		expect(error).toBeInstanceOf(Error)
		expect(isDomainError(error)).toBe(true)
		expect(isDomainError(new Error('x'))).toBe(false)
		expect(error.status).toBe(409)
		expect(new TestError('UPSTREAM', 'x').status).toBe(502)
		expect(error.code).toBe('WRONG_STATE')
		expect(error.name).toBe('TestError')
		expect(error.message).toBe('This was done already.')
		expect(error.cause).toBe(cause)
	})

	test('puts its message by its field, or at the top of the form', () => {
		const byField = new TestError('INVALID', 'Enter an amount.', { field: 'amount' })
		expect(byField.field).toBe('amount')
		expect(byField.fieldErrors).toEqual({ amount: ['Enter an amount.'] })
		expect(byField.formErrors).toEqual([])
		const forForm = new TestError('INVALID', 'Reload the page.')
		expect(forForm.fieldErrors).toEqual({})
		expect(forForm.formErrors).toEqual(['Reload the page.'])
		const several = new TestError('INVALID', 'a b', { fieldErrors: { from: ['a'], to: ['b'] } })
		expect(several.fieldErrors).toEqual({ from: ['a'], to: ['b'] })
		expect(several.formErrors).toEqual([])
	})
})

describe('attempt', () => {
	test('gives the value when the call succeeds', async () => {
		await expect(attempt(async () => 42)).resolves.toEqual({ ok: true, value: 42 })
	})

	test('lets anything that is not a domain refusal through untouched', async () => {
		const bug = new TypeError('undefined is not a function')
		expect(await thrown(attempt(refuse(bug)))).toBe(bug)
		const page = new Response('Gone', { status: 410 })
		expect(await thrown(attempt(refuse(page), { inline: true }))).toBe(page)
	})

	test('turns a 404 or 403 refusal into the error page', async () => {
		const notFound = await thrown(attempt(refuse(new TestError('NOT_FOUND', 'No such review.'))))
		expect(notFound).toBeInstanceOf(Response)
		expect((notFound as Response).status).toBe(404)
		expect((notFound as Response).statusText).toBe('Not found')
		await expect((notFound as Response).text()).resolves.toBe('Not found')
		const forbidden = await thrown(attempt(refuse(new TestError('FORBIDDEN', 'Not yours.'))))
		expect((forbidden as Response).status).toBe(403)
		expect((forbidden as Response).statusText).toBe('Forbidden')
	})

	test('returns any other refusal for the page to show, and every refusal when inline', async () => {
		const wrongState = new TestError('WRONG_STATE', 'This was done already.')
		await expect(attempt(refuse(wrongState))).resolves.toEqual({ ok: false, error: wrongState })
		const notFound = new TestError('NOT_FOUND', 'Choose someone you can book for.', { field: 'holderId' })
		await expect(attempt(refuse(notFound), { inline: true })).resolves.toEqual({ ok: false, error: notFound })
	})
})

describe('orErrorPage', () => {
	test('gives the value, the error page for a 404 or 403, and lets everything else through', async () => {
		await expect(orErrorPage(async () => 'page')).resolves.toBe('page')
		expect(((await thrown(orErrorPage(refuse(new TestError('NOT_FOUND', 'x'))))) as Response).status).toBe(404)
		const invalid = new TestError('INVALID', 'x')
		expect(await thrown(orErrorPage(refuse(invalid)))).toBe(invalid)
		expect(errorPageFor(invalid)).toBeNull()
	})
})

describe('replyWithError', () => {
	const schema = z.object({ amount: z.string() })
	const submission = () => {
		const form = new FormData()
		form.set('amount', '12')
		return parseWithZod(form, { schema })
	}

	test('shows a refusal about a field by that field, keeping what was typed', () => {
		const reply = replyWithError(
			submission(),
			new TestError('INVALID', 'Enter an amount from £1.', { field: 'amount' }),
		)
		expect(reply.error).toEqual({ amount: ['Enter an amount from £1.'] })
		expect(reply.initialValue).toEqual({ amount: '12' })
	})

	test('shows any other refusal at the top of the form', () => {
		const reply = replyWithError(submission(), new TestError('WRONG_STATE', 'This was done already.'))
		expect(reply.error).toEqual({ '': ['This was done already.'] })
	})
})
