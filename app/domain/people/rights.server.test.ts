import { describe, expect, it } from 'vitest'
import type { SessionUser } from '#app/domain/people/auth.server.ts'
import { ALL_RIGHTS, findHolderWithLiveDelegations, rightsOverHolder } from '#app/domain/people/rights.server.ts'
import { testDbForFile } from '#tests/setup/domain.ts'
import { makeFunder } from '#tests/setup/ledger-test-utils.ts'
import type { DelegatedRight } from '#app/generated/prisma/enums.ts'

const db = testDbForFile()

describe('rightsOverHolder (one query: issue 14)', () => {
	it('answers what the live delegations say, as findHolderWithLiveDelegations reads them, revoked or at the edge of expiry', async () => {
		const [funder, otherFunder] = [await makeFunder(db().prisma), await makeFunder(db().prisma)]
		const person = async (name: string, roles: SessionUser['roles'], funderId: string | null = null) => {
			const u = await db().prisma.user.create({
				data: { email: `rights-${name}@example.test`, name, passwordHash: 'x', roles, funderId },
				select: { id: true, email: true, name: true, roles: true, funderId: true },
			})
			return u satisfies SessionUser
		}
		const holderUser = await person('holder', ['HOLDER'])
		const holder = await db().prisma.budgetHolder.create({
			data: { displayName: 'Rights Holder', funderId: funder.id, userId: holderUser.id },
		})
		const [carer, lateCarer, revoked, ended, broker, stranger, admin, staff, otherStaff] = [
			await person('carer', ['REPRESENTATIVE']),
			await person('late-carer', ['REPRESENTATIVE']),
			await person('revoked', ['REPRESENTATIVE']),
			await person('ended', ['REPRESENTATIVE']),
			await person('broker', ['BROKER']),
			await person('stranger', ['PROVIDER']),
			await person('admin', ['ADMIN']),
			await person('staff', ['FUNDER_STAFF'], funder.id),
			await person('other-staff', ['FUNDER_STAFF'], otherFunder.id),
		]
		const now = new Date(Date.now() + 3_600_000)
		const delegate = (delegateId: string, rights: DelegatedRight[], extra = {}) =>
			db().prisma.delegation.create({
				data: { holderId: holder.id, delegateId, kind: 'REPRESENTATIVE', rights, ...extra },
			})
		await delegate(carer.id, ['VIEW', 'BOOK'])
		await delegate(lateCarer.id, ['VIEW', 'PAY'], { expiresAt: new Date(now.getTime() + 1) })
		await delegate(revoked.id, ['VIEW', 'PAY'], { revokedAt: new Date() })
		await delegate(ended.id, ['VIEW', 'PLAN'], { expiresAt: now })
		await delegate(broker.id, ['VIEW', 'BOOK'], { expiresAt: new Date(now.getTime() - 1) })

		const sorted = async (user: SessionUser, holderId = holder.id) =>
			[...(await rightsOverHolder(user, holderId, now))].sort()
		expect(await sorted(holderUser)).toEqual([...ALL_RIGHTS].sort())
		for (const [who, rights] of [
			[carer, ['BOOK', 'VIEW']],
			[lateCarer, ['PAY', 'VIEW']],
			[revoked, []],
			[ended, []],
			[broker, []],
		] as const) {
			expect(await sorted(who)).toEqual(rights)
			const read = await findHolderWithLiveDelegations(db().prisma, holder.id, who.id, now)
			expect(read?.delegations.flatMap((d) => d.rights).sort()).toEqual(rights)
		}
		expect(await sorted(stranger)).toEqual([])
		expect(await sorted(admin)).toEqual(['VIEW'])
		expect(await sorted(staff)).toEqual(['VIEW'])
		expect(await sorted(otherStaff)).toEqual([])
		expect(await sorted(holderUser, 'no-such-holder')).toEqual([])
		expect(await sorted(admin, 'no-such-holder')).toEqual([])
	})
})
