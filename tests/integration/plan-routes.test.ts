/**
 * The plan pages through their loaders and actions (issue 11, ADR 022): the funder sets the budget by its form;
 * the holder writes the plan one page at a time (each page saves and goes on; "save and show what is left" stays);
 * errors come back by their fields with what was typed; the funder agrees; a review is saved from its form; and a
 * helper without PLAN or another funder's staff are refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as funderAction, loader as funderLoader } from '#app/routes/funder.holders.$holderId.tsx'
import { loader as funderPlansLoader } from '#app/routes/funder.plans.tsx'
import { loader as holderLoader } from '#app/routes/holders.$holderId.tsx'
import { action as planAction, loader as planLoader } from '#app/routes/holders.$holderId_.plan.tsx'
import { action as stepAction, loader as stepLoader } from '#app/routes/holders.$holderId_.plan_.$step.tsx'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/holders.$holderId_.review.tsx'
import { setDb } from '#app/utils/db.server.ts'
import { createFunder, createHolder, createUserWithRoles, ensureCategories } from '#tests/db-utils.ts'
import { cookieFor, get, post, responseOf, statusOf } from '#tests/setup/requests.ts'
import { createTestDb, type TestDb } from '#tests/setup/test-db.ts'

let db: TestDb
let holderId: string
const cookies = {} as Record<'nia' | 'viewer' | 'staff' | 'otherStaff', string>
const ctx = { context: { clientIp: '10.0.0.1' } }

beforeAll(async () => {
	db = await createTestDb()
	setDb(db)
	const p = db.prisma
	await ensureCategories(p)
	const funder = (await createFunder(p, { name: 'Leicester City Council' })).id
	const other = (await createFunder(p, { name: 'Bristol City Council' })).id
	const nia = await createHolder(p, { funderId: funder, displayName: 'Nia Evans' })
	holderId = nia.holder.id
	const viewer = await createUserWithRoles(p, { roles: ['BROKER'], name: 'Vic Viewer' })
	await p.delegation.create({ data: { holderId, delegateId: viewer.id, kind: 'BROKER', rights: ['VIEW', 'BOOK'] } })
	cookies.nia = await cookieFor(nia.user!.id)
	cookies.viewer = await cookieFor(viewer.id)
	cookies.staff = await cookieFor((await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: funder })).id)
	cookies.otherStaff = await cookieFor((await createUserWithRoles(p, { roles: ['FUNDER_STAFF'], funderId: other })).id)
})

afterAll(async () => {
	await db?.cleanup()
})

const params = (step?: string) => (step ? { holderId, step } : { holderId })
const stepPost = async (step: string, cookie: string, fields: Record<string, string>) =>
	responseOf(
		stepAction({
			request: await post(`/holders/${holderId}/plan/${step}`, cookie, fields),
			params: params(step),
			...ctx,
		}),
	)

async function snapshot() {
	const p = db.prisma
	return JSON.stringify(
		await Promise.all([
			p.supportPlan.findMany({ orderBy: { id: 'asc' } }),
			p.budgetLine.findMany({ orderBy: { id: 'asc' } }),
			p.planOutcome.findMany({ orderBy: { id: 'asc' } }),
			p.auditLog.count(),
			p.budgetHolder.findUniqueOrThrow({ where: { id: holderId } }),
		]),
	)
}

describe('the plan pages', () => {
	it('the funder sets the budget by the form, and the holder page shows it first', async () => {
		const url = `/funder/holders/${holderId}`
		const bad = await responseOf(
			funderAction({
				request: await post(url, cookies.staff, { intent: 'budget', amount: 'lots' }),
				params: params(),
				...ctx,
			}),
		)
		expect(bad.status).toBe(400)
		const body = (await bad.json()) as { result: { error: Record<string, string[]> } }
		expect(body.result.error.amount).toEqual(['Enter the budget for the year as an amount, for example 12000'])
		expect(body.result.error.paidHow).toEqual(['Choose how the money is paid'])

		const before = await snapshot()
		const otherFunder = await statusOf(
			funderAction({
				request: await post(url, cookies.otherStaff, { intent: 'budget', amount: '10000', paidHow: 'managed' }),
				params: params(),
				...ctx,
			}),
		)
		expect(otherFunder).toBe(404)
		expect(await statusOf(funderLoader({ request: get(url, cookies.otherStaff), params: params(), ...ctx }))).toBe(404)
		expect(await snapshot()).toBe(before)

		const ok = await responseOf(
			funderAction({
				request: await post(url, cookies.staff, { intent: 'budget', amount: '10,000', paidHow: 'managed' }),
				params: params(),
				...ctx,
			}),
		)
		expect(ok.headers.get('Location')).toBe(`${url}?done=budget`)
		const page = (await (
			await holderLoader({ request: get(`/holders/${holderId}`, cookies.nia), params: params(), ...ctx })
		).json()) as {
			planSummary: { budgetPence: number; paidHow: string }
			canPlan: boolean
		}
		expect(page.planSummary).toMatchObject({ budgetPence: 1_000_000, paidHow: 'Managed by the council for you' })
		expect(page.canPlan).toBe(true)
		const list = (await (
			await funderPlansLoader({ request: get('/funder/plans', cookies.staff), params: {}, ...ctx })
		).json()) as {
			noBudget: unknown[]
		}
		expect(list.noBudget).toEqual([])
	})

	it('the holder writes the plan one page at a time, each page saving and going on', async () => {
		const start = await responseOf(
			planAction({
				request: await post(`/holders/${holderId}/plan`, cookies.nia, { intent: 'start' }),
				params: params(),
				...ctx,
			}),
		)
		expect(start.headers.get('Location')).toBe(`/holders/${holderId}/plan/about-me`)
		let r = await stepPost('about-me', cookies.nia, { goodDay: 'Reading in the park' })
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan/what-matters`)
		const empty = await stepPost('what-matters', cookies.nia, {})
		expect(empty.status).toBe(400)
		expect(((await empty.json()) as { result: { error: Record<string, string[]> } }).result.error.whatMatters).toEqual([
			'Say what matters to you',
		])
		r = await stepPost('what-matters', cookies.nia, { whatMatters: 'Books and my sister' })
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan/outcomes`)
		const two = await stepPost('outcomes', cookies.nia, { 'outcomes[0]': 'Read more', 'outcomes[1]': 'See my sister' })
		expect(two.status).toBe(400)
		const twoBody = (await two.json()) as {
			result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }
		}
		expect(twoBody.result.error.outcomes).toEqual(['Write at least 3 things you want to change, one in each box'])
		r = await stepPost('outcomes', cookies.nia, {
			'outcomes[0]': 'Read more',
			'outcomes[1]': 'See my sister',
			'outcomes[3]': 'Walk in the park',
		})
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan/who-helps`)
		r = await stepPost('who-helps', cookies.nia, { whoHelps: 'My sister' })
		const lines = {
			'lines[0].category': 'personal-care',
			'lines[0].amount': '7000',
			'lines[1].name': 'Library trips',
			'lines[1].amount': '2,000',
		}
		r = await stepPost('budget', cookies.nia, { ...lines, intent: 'stay' })
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan/budget#left-heading`)
		const budgetPage = (await (
			await stepLoader({
				request: get(`/holders/${holderId}/plan/budget`, cookies.nia),
				params: params('budget'),
				...ctx,
			})
		).json()) as { plan: { lines: { name: string; amountPence: number }[]; gaps: { message: string }[] } }
		expect(budgetPage.plan.lines).toMatchObject([
			{ name: 'Personal care', amountPence: 700_000 },
			{ name: 'Library trips', amountPence: 200_000 },
		])
		expect(budgetPage.plan.gaps.map((g) => g.message)).toEqual(['Place all of your budget on the lines.'])
		const noAmount = await stepPost('budget', cookies.nia, { 'lines[0].name': 'Taxi' })
		expect(noAmount.status).toBe(400)
		expect(
			((await noAmount.json()) as { result: { error: Record<string, string[]> } }).result.error['lines[0].amount'],
		).toEqual(['Enter how much for “Taxi”, for example 2500'])
		r = await stepPost('budget', cookies.nia, { ...lines, 'lines[2].name': 'Taxis', 'lines[2].amount': '1000' })
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan/check`)
		r = await stepPost('check', cookies.nia, { intent: 'submit' })
		expect(r.headers.get('Location')).toBe(`/holders/${holderId}/plan?done=sent`)
		expect(
			await statusOf(
				stepLoader({
					request: get(`/holders/${holderId}/plan/nowhere`, cookies.nia),
					params: params('nowhere'),
					...ctx,
				}),
			),
		).toBe(404)
	})

	it('refuses a helper without PLAN and another funder’s staff on every plan page, writing nothing', async () => {
		const before = await snapshot()
		for (const cookie of [cookies.viewer, cookies.staff]) {
			expect(
				await statusOf(planLoader({ request: get(`/holders/${holderId}/plan`, cookie), params: params(), ...ctx })),
			).toBe(403)
			expect(
				await statusOf(
					stepAction({
						request: await post(`/holders/${holderId}/plan/who-helps`, cookie, { whoHelps: 'x' }),
						params: params('who-helps'),
						...ctx,
					}),
				),
			).toBe(403)
			expect(
				await statusOf(reviewLoader({ request: get(`/holders/${holderId}/review`, cookie), params: params(), ...ctx })),
			).toBe(403)
		}
		expect(
			await statusOf(
				planLoader({ request: get(`/holders/${holderId}/plan`, cookies.otherStaff), params: params(), ...ctx }),
			),
		).toBe(404)
		expect(
			await statusOf(
				planAction({
					request: await post(`/holders/${holderId}/plan`, cookies.otherStaff, { intent: 'start' }),
					params: params(),
					...ctx,
				}),
			),
		).toBe(404)
		expect(await snapshot()).toBe(before)
	})

	it('the funder agrees, and the review form saves a rating for each outcome', async () => {
		const url = `/funder/holders/${holderId}`
		const agreed = await responseOf(
			funderAction({ request: await post(url, cookies.staff, { intent: 'agree' }), params: params(), ...ctx }),
		)
		expect(agreed.headers.get('Location')).toBe(`${url}?done=agreed`)
		// Ask for the review now, so it can be done today.
		await responseOf(
			planAction({
				request: await post(`/holders/${holderId}/plan`, cookies.nia, { intent: 'request-review' }),
				params: params(),
				...ctx,
			}),
		)
		const page = (await (
			await reviewLoader({ request: get(`/holders/${holderId}/review`, cookies.nia), params: params(), ...ctx })
		).json()) as {
			canDo: boolean
			plan: { planOutcomes: { id: string }[] }
		}
		expect(page.canDo).toBe(true)
		const ids = page.plan.planOutcomes.map((o) => o.id)
		const missing = await responseOf(
			reviewAction({
				request: await post(`/holders/${holderId}/review`, cookies.nia, {
					'ratings[0].outcomeId': ids[0]!,
					'ratings[0].score': '4',
					change: 'no',
				}),
				params: params(),
				...ctx,
			}),
		)
		expect(missing.status).toBe(400)
		expect(
			((await missing.json()) as { result: { error: Record<string, string[]> } }).result.error['ratings[1].score'],
		).toEqual(['Choose how well this is going'])
		const fields: Record<string, string> = { change: 'no', whatWorked: 'The library trips' }
		ids.forEach((id, i) => {
			fields[`ratings[${i}].outcomeId`] = id
			fields[`ratings[${i}].score`] = String(i + 3)
		})
		const saved = await responseOf(
			reviewAction({
				request: await post(`/holders/${holderId}/review`, cookies.nia, fields),
				params: params(),
				...ctx,
			}),
		)
		expect(saved.headers.get('Location')).toBe(`/holders/${holderId}/review?done=1`)
		const ratings = await db.prisma.outcomeRating.findMany({ orderBy: { score: 'asc' }, select: { score: true } })
		expect(ratings.map((r) => r.score)).toEqual([3, 4, 5])
	})
})
