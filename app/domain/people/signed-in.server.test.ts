import { describe, expect, it } from 'vitest'
import { unreadCount } from '#app/domain/notifications/notify.server.ts'
import { createSession, getSessionUser } from '#app/domain/people/auth.server.ts'
import { placesPerson } from '#app/domain/people/home.server.ts'
import { getSignedInBySession } from '#app/domain/people/signed-in.server.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { makeFunder } from '#tests/setup/ledger-test-utils.ts'

const db = testDbForFile()

describe('getSignedInBySession (the root loader, issue 14)', () => {
	it('answers what getSessionUser, unreadCount and placesPerson answer, in one query', async () => {
		const funder = await makeFunder(db().prisma)
		const holderUser = await db().prisma.user.create({
			data: { email: 'one-query-holder@example.test', name: 'Ada Holder', passwordHash: 'x', roles: ['HOLDER'] },
		})
		const holder = await db().prisma.budgetHolder.create({
			data: { displayName: 'Ada Holder', funderId: funder.id, userId: holderUser.id },
		})
		await db().prisma.notification.createMany({
			data: [1, 2, 3].map((n) => ({
				userId: holderUser.id,
				title: `Note ${n}`,
				body: 'Something happened.',
				readAt: n === 3 ? new Date() : null,
			})),
		})
		// Staff of a funder with no budget of their own.
		const staff = await db().prisma.user.create({
			data: {
				email: 'one-query-staff@example.test',
				name: 'Sam Staff',
				passwordHash: 'x',
				roles: ['FUNDER_STAFF'],
				funderId: funder.id,
			},
		})
		for (const user of [holderUser, staff]) {
			const session = await createSession(user.id, 'vitest')
			const expected = await getSessionUser(session.id)
			if (!expected) throw new Error('no session user')
			const got = await getSignedInBySession(session.id)
			expect(got).toEqual({
				user: expected,
				unread: await unreadCount(user.id),
				person: await placesPerson(expected),
			})
		}
		const holderSession = await createSession(holderUser.id, 'vitest')
		expect((await getSignedInBySession(holderSession.id))?.person.holderId).toBe(holder.id)
		expect((await getSignedInBySession(holderSession.id))?.unread).toBe(2)
	})

	it('answers null for an unknown or expired session', async () => {
		const user = await db().prisma.user.create({
			data: { email: 'one-query-late@example.test', name: 'Late', passwordHash: 'x', roles: ['HOLDER'] },
		})
		expect(await getSignedInBySession('no-such-session')).toBeNull()
		const session = await createSession(user.id, 'vitest')
		expect(await getSignedInBySession(session.id)).not.toBeNull()
		await db().prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		expect(await getSignedInBySession(session.id)).toBeNull()
		expect(await getSessionUser(session.id)).toBeNull()
		await db().prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 60_000) } })
		expect(await getSignedInBySession(session.id)).not.toBeNull()
	})
})

describe('getSessionUser (every signed-in loader, one query: issue 14)', () => {
	it("answers the session's own person, and null for an unknown id and from the moment it expires", async () => {
		const [ada, bo] = await Promise.all(
			['ada', 'bo'].map((name) =>
				db().prisma.user.create({
					data: { email: `session-user-${name}@example.test`, name, passwordHash: 'x', roles: ['PROVIDER'] },
				}),
			),
		)
		if (!ada || !bo) throw new Error('no users')
		const [adaSession, boSession] = await Promise.all([createSession(ada.id, 'vitest'), createSession(bo.id, 'vitest')])
		expect(await getSessionUser(adaSession.id)).toEqual({
			id: ada.id,
			email: ada.email,
			name: 'ada',
			roles: ['PROVIDER'],
			funderId: null,
		})
		expect((await getSessionUser(boSession.id))?.id).toBe(bo.id)
		expect(await getSessionUser('no-such-session')).toBeNull()
		const at = new Date(Date.now() + 60_000)
		await db().prisma.session.update({ where: { id: adaSession.id }, data: { expiresAt: at } })
		expect((await getSessionUser(adaSession.id, new Date(at.getTime() - 1)))?.id).toBe(ada.id)
		expect(await getSessionUser(adaSession.id, at)).toBeNull()
		expect(await getSessionUser(adaSession.id, new Date(at.getTime() + 1))).toBeNull()
		// Bo's session is untouched by Ada's.
		expect((await getSessionUser(boSession.id, at))?.id).toBe(bo.id)
	})
})
