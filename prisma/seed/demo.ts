/**
 * The demo accounts (password DEMO_PASSWORD), their providers, delegations, a few groups with an open
 * commission, and the money: the demo holders are funded through the ledger module, the only door to money.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
	ensureFunderSourceAccount,
	ensureHolderAccounts,
	formatMoney,
	transfer,
} from '#app/domain/ledger/ledger.server.ts'
import { demoAccounts } from '#app/domain/people/demo-accounts.ts'
import { type Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { createHolder, createUserWithRoles, type Db, type PlanInput } from './builders.ts'
import { addDays, addMinutes, dateOnly } from './dates.ts'
import { funderId, type GeneratorContext, type PinnedProvider } from './generate.ts'

type DemoEmail = (typeof demoAccounts)[number]['email']

function demoName(email: DemoEmail): string {
	const account = demoAccounts.find((a) => a.email === email)
	if (!account) throw new Error(`${email} is not in demoAccounts`)
	return account.name
}

/** Fixed ids, so tests and documentation can point at the demo rows. */
export const demoIds = {
	users: {
		holder: 'user_demo_holder',
		holder2: 'user_demo_holder2',
		holder3: 'user_demo_holder3',
		carer: 'user_demo_carer',
		provider: 'user_demo_provider',
		org: 'user_demo_org',
		broker: 'user_demo_broker',
		funder: 'user_demo_funder',
		admin: 'user_demo_admin',
	},
	holders: {
		sam: 'holder_demo_sam',
		margaret: 'holder_demo_margaret',
		ravi: 'holder_demo_ravi',
		joan: 'holder_demo_joan',
	},
	plans: { sam: 'plan_demo_sam', margaret: 'plan_demo_margaret' },
	providers: { pa: 'prov_demo_pa', org: 'prov_demo_org', club: 'prov_demo_club' },
	allocations: {
		sam: 'allocation_demo_sam',
		margaret: 'allocation_demo_margaret',
		ravi: 'allocation_demo_ravi',
		joan: 'allocation_demo_joan',
	},
	commission: 'commission_leicester_seated_exercise',
} as const

/** What each demo holder is paid every 28 days (the first instalment is paid, the next two are scheduled). */
export const demoInstalmentPence = { sam: 240_000, margaret: 300_000, ravi: 150_000, joan: 150_000 } as const

export function staffUserId(funderKey: string): string {
	return funderKey === 'leicester-city' ? demoIds.users.funder : `user_staff_${funderKey}`
}

// ───────────────────────────── People ─────────────────────────────

/** The demo sign-ins that are not holders: admin, broker, carer, and the providers' owners. */
export async function createDemoUsers(db: Db, passwordHash: string, now: Date): Promise<void> {
	const createdAt = addDays(dateOnly(now), -400)
	const users = [
		{ id: demoIds.users.admin, email: 'admin@demo.test', roles: ['ADMIN'] },
		{ id: demoIds.users.broker, email: 'broker@demo.test', roles: ['BROKER'] },
		{ id: demoIds.users.carer, email: 'carer@demo.test', roles: ['REPRESENTATIVE'] },
		{ id: demoIds.users.provider, email: 'provider@demo.test', roles: ['PROVIDER'] },
		{ id: demoIds.users.org, email: 'org@demo.test', roles: ['PROVIDER'] },
	] as const
	for (const user of users) {
		await createUserWithRoles(db, {
			...user,
			roles: [...user.roles],
			name: demoName(user.email),
			passwordHash,
			createdAt,
		})
	}
}

/** A year's agreed plan: agreed by `agreed.by` at `agreed.hour` o'clock some days before it starts, written earlier. */
function agreedPlan(input: {
	id: string
	outcomes: string
	startsOn: Date
	agreed: { by: string; daysBefore: number; hour: number }
	writtenDaysBefore: number
	lines: PlanInput['lines']
}): PlanInput {
	return {
		id: input.id,
		status: 'AGREED',
		outcomes: input.outcomes,
		startsOn: input.startsOn,
		endsOn: addDays(input.startsOn, 364),
		agreedAt: addMinutes(addDays(input.startsOn, -input.agreed.daysBefore), input.agreed.hour * 60),
		agreedById: input.agreed.by,
		createdAt: addDays(input.startsOn, -input.writtenDaysBefore),
		lines: input.lines,
	}
}

/** Sam Taylor (signs in as holder@demo.test) and Margaret Okafor (no sign-in: her carer acts for her). */
export async function createDemoHolders(db: Db, passwordHash: string, now: Date): Promise<void> {
	const leicester = funderId('leicester-city')
	const staff = staffUserId('leicester-city')
	const samStarts = dateOnly(addDays(now, -61))
	await createHolder(db, {
		id: demoIds.holders.sam,
		funderId: leicester,
		displayName: demoName('holder@demo.test'),
		town: 'Leicester',
		postcodeDistrict: 'LE3',
		createdAt: addDays(samStarts, -30),
		user: {
			id: demoIds.users.holder,
			email: 'holder@demo.test',
			roles: ['HOLDER'],
			passwordHash,
			createdAt: addDays(samStarts, -30),
		},
		plan: agreedPlan({
			id: demoIds.plans.sam,
			outcomes: [
				'Get up and ready at a time that suits me, with someone I know.',
				'Get out of the house at least three times a week: the football, the library and my brother’s.',
				'Have a short break twice a year so my partner can rest.',
			].join('\n'),
			startsOn: samStarts,
			agreed: { by: staff, daysBefore: 5, hour: 11 },
			writtenDaysBefore: 20,
			lines: [
				{ id: 'line_demo_sam_1', name: 'Personal care', categorySlug: 'personal-care', amountPence: 600_000 },
				{ id: 'line_demo_sam_2', name: 'Getting out', categorySlug: 'getting-out', amountPence: 120_000 },
				{ id: 'line_demo_sam_3', name: 'Short breaks', categorySlug: 'short-breaks', amountPence: 90_000 },
			],
		}),
	})

	// Someone who signed themself up as Leicester's holder yesterday: the demo funder confirms or declines them.
	await createHolder(db, {
		id: 'holder_demo_join_request',
		funderId: leicester,
		displayName: 'Kofi Mensah',
		town: 'Leicester',
		postcodeDistrict: 'LE4',
		createdAt: addDays(now, -1),
		joinRequestedAt: addDays(now, -1),
		user: { email: 'kofi.mensah@example.test', roles: ['HOLDER'], createdAt: addDays(now, -1) },
	})

	const margaretStarts = dateOnly(addDays(now, -210))
	await createHolder(db, {
		id: demoIds.holders.margaret,
		funderId: leicester,
		displayName: 'Margaret Okafor',
		town: 'Leicester',
		postcodeDistrict: 'LE2',
		createdAt: addDays(margaretStarts, -40),
		user: null,
		plan: agreedPlan({
			id: demoIds.plans.margaret,
			outcomes: [
				'Stay living in my own home.',
				'Give Grace a proper break one weekend a month.',
				'Keep going to the lunch club on Fridays.',
			].join('\n'),
			startsOn: margaretStarts,
			agreed: { by: staff, daysBefore: 7, hour: 14 },
			writtenDaysBefore: 30,
			lines: [
				{
					id: 'line_demo_margaret_1',
					name: 'Personal care',
					categorySlug: 'personal-care',
					amountPence: 850_000,
					ringFenced: true,
				},
				{ id: 'line_demo_margaret_2', name: 'Getting out', categorySlug: 'getting-out', amountPence: 150_000 },
				{ id: 'line_demo_margaret_3', name: 'Respite for my carer', categorySlug: 'respite', amountPence: 200_000 },
			],
		}),
	})
	// Ravi Mistry and Joan Clarke sign in too: they are in the demo group activities (prisma/seed/demo-commissions.ts).
	const othersStart = dateOnly(addDays(now, -90))
	for (const [key, email, postcodeDistrict] of [
		['ravi', 'holder2@demo.test', 'LE4'],
		['joan', 'holder3@demo.test', 'LE5'],
	] as const) {
		await createHolder(db, {
			id: demoIds.holders[key],
			funderId: leicester,
			displayName: demoName(email),
			town: 'Leicester',
			postcodeDistrict,
			createdAt: addDays(othersStart, -30),
			user: {
				id: key === 'ravi' ? demoIds.users.holder2 : demoIds.users.holder3,
				email,
				roles: ['HOLDER'],
				passwordHash,
				createdAt: addDays(othersStart, -30),
			},
			plan: agreedPlan({
				id: `plan_demo_${key}`,
				outcomes: 'Keep active and meet people, with others who want the same.',
				startsOn: othersStart,
				agreed: { by: staff, daysBefore: 5, hour: 11 },
				writtenDaysBefore: 20,
				lines: [
					{ id: `line_demo_${key}_1`, name: 'Personal care', categorySlug: 'personal-care', amountPence: 300_000 },
					{
						id: `line_demo_${key}_2`,
						name: 'Getting out and groups',
						categorySlug: 'getting-out',
						amountPence: 150_000,
					},
				],
			}),
		})
	}

	const heldOn = addDays(margaretStarts, 120)
	await db.planReview.create({
		data: {
			id: 'planreview_demo_margaret',
			planId: demoIds.plans.margaret,
			reviewerId: staff,
			heldOn,
			whatWorked: 'Having the same two personal assistants every week. Margaret says mornings are calmer.',
			whatToChange: 'Grace would like the respite weekends booked further ahead.',
			nextReviewOn: addDays(heldOn, 182),
			createdAt: addMinutes(heldOn, 15 * 60),
			dueOn: heldOn,
			completedAt: addMinutes(heldOn, 15 * 60),
		},
	})

	// Grace Okafor acts for her mother with every right; Daniel Price, a broker, may look and book for Sam (up to £50).
	await db.delegation.create({
		data: {
			id: 'delegation_demo_carer',
			holderId: demoIds.holders.margaret,
			delegateId: demoIds.users.carer,
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY', 'PLAN', 'REVIEW'],
			consentNote:
				'Margaret asked her daughter Grace to manage her budget, bookings and reviews. Consent form signed with her social worker.',
			// Margaret cannot manage alone: Leicester's staff recorded Grace as her representative (ADR 025).
			recordedById: staff,
			consentGivenAt: addMinutes(addDays(margaretStarts, -10), 10 * 60),
		},
	})
	await db.delegation.create({
		data: {
			id: 'delegation_demo_broker',
			holderId: demoIds.holders.sam,
			delegateId: demoIds.users.broker,
			kind: 'BROKER',
			rights: ['VIEW', 'BOOK'],
			// Up to £50 a booking: a longer booking waits for Sam's yes (ADR 024).
			perBookingLimitPence: 5_000,
			consentNote:
				'Sam asked Daniel to help find and book support while settling in. Sam can withdraw this at any time.',
			consentGivenAt: addMinutes(addDays(samStarts, -3), 16 * 60),
		},
	})
	// Sam has invited Grace to see their bookings (not yet accepted): the invitation's email, with its link, is in the
	// outbox that carer@demo.test sees at /dev/emails (ADR 019).
	const token = randomBytes(32).toString('base64url')
	const invitedAt = new Date()
	await db.helperInvite.create({
		data: {
			id: 'helperinvite_demo_sam_grace',
			holderId: demoIds.holders.sam,
			email: 'carer@demo.test',
			kind: 'REPRESENTATIVE',
			rights: ['VIEW'],
			tokenHash: createHash('sha256').update(token).digest('hex'),
			invitedById: demoIds.users.holder,
			expiresAt: addDays(invitedAt, 7),
			createdAt: invitedAt,
		},
	})
	await db.emailOutbox.create({
		data: {
			to: 'carer@demo.test',
			subject: 'Sam Taylor asks you to help them on Budget Market',
			body: `Sam Taylor would like you to act for them on Budget Market, as a carer, family member or representative.\n\nThey would let you see their money and bookings and suggest support.\n\nTo accept, open this link and sign in: /helpers/accept/${token}\n\nThe link works once, for 7 days.`,
			createdAt: invitedAt,
		},
	})
}

/**
 * The Leicester Centre's owner (org@demo.test) has invited Daniel Price (broker@demo.test) to join its staff: the
 * email with its link waits in the outbox Daniel sees at /dev/emails (ADR 025). Run once the pinned providers exist.
 */
export async function createDemoStaffInvite(db: Db): Promise<void> {
	const token = randomBytes(32).toString('base64url')
	const invitedAt = new Date()
	await db.staffInvite.create({
		data: {
			id: 'staffinvite_demo_org_daniel',
			providerId: demoIds.providers.org,
			email: 'broker@demo.test',
			tokenHash: createHash('sha256').update(token).digest('hex'),
			invitedById: demoIds.users.org,
			expiresAt: addDays(invitedAt, 7),
			createdAt: invitedAt,
		},
	})
	const org = demoName('org@demo.test')
	await db.emailOutbox.create({
		data: {
			to: 'broker@demo.test',
			subject: `Join ${org} on Budget Market`,
			body: `You are invited to join ${org} on Budget Market as a member of staff.\n\nTo accept, open this link and sign in: /staff/accept/${token}\n\nThe link works once, for 7 days.`,
			createdAt: invitedAt,
		},
	})
}

// ───────────────────────────── Providers with fixed identities ─────────────────────────────

export const pinnedProviders: readonly PinnedProvider[] = [
	{
		key: 'pa',
		ownerId: demoIds.users.provider,
		kind: 'PERSONAL_ASSISTANT',
		name: demoName('provider@demo.test'),
		town: 'Leicester',
		postcodeDistrict: 'LE4',
		languages: ['English', 'Urdu', 'Punjabi'],
		accessibility: ['easy-read'],
		headline: 'Friendly personal assistant in Leicester: personal care and getting out',
		bio:
			'I have worked as a personal assistant for eight years, mostly with older people and people who have had a stroke. ' +
			'I can help with personal care, getting out and about, and giving your family a break. ' +
			'I drive and have my own car with business insurance. I speak Urdu and Punjabi as well as English. ' +
			'In my spare time I enjoy cooking and walking.',
		coverRadiusKm: 10,
		services: [
			{
				title: 'Personal care at home',
				description:
					'Help with washing, showering, dressing and taking medicines, at your pace and the way you like things done.',
				categorySlug: 'personal-care',
				unit: 'PER_HOUR',
				pricePence: 1650,
				durationMinutes: 60,
			},
			{
				title: 'Getting out and about',
				description:
					'I can come with you to the shops, a café, the library, the match or to see friends, on foot or in my car.',
				categorySlug: 'getting-out',
				unit: 'PER_HOUR',
				pricePence: 1500,
				durationMinutes: 180,
			},
			{
				title: 'Sitting service so your carer can have a break',
				description: 'I stay with you at home so the person who usually cares for you can go out, rest or sleep.',
				categorySlug: 'respite',
				unit: 'PER_HOUR',
				pricePence: 1700,
				durationMinutes: 240,
			},
		],
		bookings: 8,
	},
	{
		key: 'org',
		ownerId: demoIds.users.org,
		kind: 'USER_LED_ORGANISATION',
		name: demoName('org@demo.test'),
		town: 'Leicester',
		postcodeDistrict: 'LE1',
		languages: ['English', 'Gujarati', 'BSL'],
		accessibility: [
			'wheelchair-accessible',
			'step-free',
			'accessible-toilet',
			'hearing-loop',
			'bsl-signing',
			'easy-read',
			'large-print',
			'quiet-space',
		],
		headline: 'Run by disabled people in Leicester: support planning, brokerage and peer support',
		bio:
			'We are run by and for disabled people: everyone on our board has lived experience of disability. ' +
			'We help people in Leicester plan their support, set up and manage a direct payment, employ personal assistants ' +
			'and meet others who have done it before. Our team speaks Gujarati and British Sign Language (BSL) as well as English. ' +
			'Get in touch for a friendly chat: the first conversation is always free.',
		coverRadiusKm: 20,
		services: [
			{
				title: 'Support planning',
				description:
					'We meet you (at home or with us), talk about what matters to you and write your support plan with you, ready to share with your council.',
				categorySlug: 'brokerage-and-planning',
				unit: 'FIXED',
				pricePence: 35_000,
				durationMinutes: 240,
			},
			{
				title: 'Brokerage: finding and arranging your support',
				description:
					'We help you set up your direct payment, find personal assistants or services, and arrange it all.',
				categorySlug: 'brokerage-and-planning',
				unit: 'FIXED',
				pricePence: 25_000,
				durationMinutes: 180,
			},
			{
				title: 'Employing a PA: peer support group',
				description:
					'A friendly monthly group run by disabled people who employ their own PAs. Share what works, ask questions and meet others.',
				categorySlug: 'peer-support',
				unit: 'PER_SESSION',
				pricePence: 400,
				durationMinutes: 120,
				maxGroupSize: 15,
			},
			{
				title: 'Payroll for PA employers (a year)',
				description: 'We run payslips, tax, National Insurance and pensions for your personal assistants.',
				categorySlug: 'payroll-and-managed-accounts',
				unit: 'FIXED',
				pricePence: 24_000,
				durationMinutes: 60,
			},
		],
		bookings: 4,
	},
	{
		key: 'club',
		kind: 'COMMUNITY_SERVICE',
		name: 'Highfields Seated Exercise Club',
		town: 'Leicester',
		postcodeDistrict: 'LE2',
		languages: ['English', 'Gujarati'],
		accessibility: ['wheelchair-accessible', 'step-free', 'accessible-toilet', 'hearing-loop', 'quiet-space'],
		headline: 'Seated exercise classes in Highfields, Leicester',
		bio:
			'Highfields Seated Exercise Club runs friendly classes you can do sitting down, to keep moving and feel stronger. ' +
			'No experience needed, and carers and personal assistants come free. Our instructors speak Gujarati as well as English. ' +
			'The hall is step-free, with an accessible toilet and a hearing loop.',
		coverRadiusKm: 0,
		services: [
			{
				title: 'Seated exercise class',
				description:
					'A friendly class you can do sitting down, to keep moving and feel stronger. No experience needed.',
				categorySlug: 'fitness-and-wellbeing',
				unit: 'PER_SESSION',
				pricePence: 500,
				durationMinutes: 60,
				maxGroupSize: 16,
			},
			{
				title: 'Chair yoga',
				description: 'Gentle stretching and breathing, seated, at your own pace.',
				categorySlug: 'fitness-and-wellbeing',
				unit: 'PER_SESSION',
				pricePence: 600,
				durationMinutes: 45,
				maxGroupSize: 12,
			},
		],
		bookings: 6,
	},
]

// ───────────────────────────── Groups and a commission ─────────────────────────────

/**
 * A few groups of holders in the same area, and one OPEN commission (with no pledges yet) in Leicester.
 * Returns how many groups were made (a group needs holders in its town, so very small seeds make fewer).
 */
export async function createGroups(db: Db, ctx: GeneratorContext): Promise<number> {
	const { now } = ctx
	const groups: {
		id: string
		name: string
		description: string
		town: string
		funderKey: string
		members: string[]
		createdById: string
		/** Only the Leicester group has sent invitations, so its organiser's page shows a working link. */
		invited?: boolean
	}[] = []
	const local = (town: string, count: number) => (ctx.holdersByTown.get(town) ?? []).slice(0, count)

	groups.push({
		id: 'group_leicester_exercise',
		name: 'Leicester seated exercise group',
		description:
			'People in Leicester who would like a weekly seated exercise class near Highfields, and want to pay for it together.',
		town: 'Leicester',
		funderKey: 'leicester-city',
		members: [demoIds.holders.sam, demoIds.holders.margaret, ...local('Leicester', 6).map((h) => h.id)],
		createdById: demoIds.users.holder,
		invited: true,
	})
	/** A group of the first `count` holders in `town`, organised by the first of them (none when the town has none). */
	const townGroup = (
		count: number,
		group: { id: string; name: string; description: string; town: string; funderKey: string },
	) => {
		const members = local(group.town, count)
		if (members[0]) groups.push({ ...group, members: members.map((h) => h.id), createdById: members[0].userId })
	}
	townGroup(8, {
		id: 'group_nottingham_pa_employers',
		name: 'Nottingham PA employers’ circle',
		description:
			'Budget holders who employ their own personal assistants, sharing tips on rotas, holiday cover and payroll.',
		town: 'Nottingham',
		funderKey: 'nottingham-city',
	})
	townGroup(5, {
		id: 'group_bristol_deaf_social',
		name: 'Bristol Deaf social group',
		description:
			'Deaf and hard of hearing budget holders in Bristol who meet monthly and want to book BSL-led activities together.',
		town: 'Bristol',
		funderKey: 'bristol',
	})

	for (const group of groups) {
		const createdAt = addMinutes(addDays(dateOnly(now), -45), 10 * 60)
		await db.group.create({
			data: {
				id: group.id,
				name: group.name,
				description: group.description,
				town: group.town,
				funderId: funderId(group.funderKey),
				createdById: group.createdById,
				inviteToken: group.invited ? randomBytes(18).toString('base64url') : null,
				createdAt,
				members: { create: group.members.map((holderId, k) => ({ holderId, joinedAt: addDays(createdAt, k) })) },
			},
		})
	}

	const club = pinnedProviders.find((p) => p.key === 'club')
	const weekly = club?.services[0]
	if (!club || !weekly) throw new Error('The seated exercise club is missing from pinnedProviders')
	const commission: Prisma.CommissionUncheckedCreateInput = {
		id: demoIds.commission,
		groupId: 'group_leicester_exercise',
		title: 'Weekly seated exercise class in Leicester',
		description:
			'Twelve weekly seated exercise classes on Tuesday mornings in Highfields, run by Highfields Seated Exercise Club. ' +
			`The class costs ${formatMoney(72_000, 'GBP')} in all (hall, instructor and insurance). If six or more of us pledge by the deadline, ` +
			'it goes ahead and the cost is shared; if not, nobody pays anything.',
		providerId: demoIds.providers.club,
		serviceId: `svc_demo_club_1`,
		targetPence: 72_000,
		currency: 'GBP',
		minPledgers: 6,
		deadline: addMinutes(addDays(dateOnly(now), 42), 17 * 60),
		status: 'OPEN',
		createdAt: addMinutes(addDays(dateOnly(now), -10), 10 * 60),
	}
	await db.commission.create({ data: commission })
	return groups.length
}

// ───────────────────────────── Money ─────────────────────────────

export type FundDemoHolderInput = {
	holderId: string
	funderId: string
	/** The funder's member of staff who makes the allocation. */
	staffUserId: string
	allocationId: string
	/** Paid every 28 days. */
	instalmentPence: number
	/** How many instalments the allocation has: the first is paid now, the rest are scheduled. */
	instalments?: number
	now: Date
}

export type FundedHolder = { allocationId: string; transferId: string; budgetAccountId: string; amountPence: number }

/**
 * Gives a demo holder money to spend, the way a funder does: an Allocation paid in instalments every 28 days,
 * whose first instalment is paid now from the funder's source account into the holder's budget account
 * THROUGH THE LEDGER MODULE (never by writing ledger rows here), and whose next instalments are scheduled.
 */
export async function fundDemoHolder(prisma: PrismaClient, input: FundDemoHolderInput): Promise<FundedHolder> {
	const count = input.instalments ?? 3
	const funder = await prisma.funder.findUniqueOrThrow({ where: { id: input.funderId } })
	const intervalDays = 28
	const firstOn = dateOnly(input.now)
	await prisma.allocation.create({
		data: {
			id: input.allocationId,
			funderId: input.funderId,
			holderId: input.holderId,
			schedule: 'INSTALMENTS',
			amountPence: input.instalmentPence * count,
			currency: funder.currency,
			intervalDays,
			instalmentCount: count,
			firstOn,
			createdById: input.staffUserId,
			createdAt: addDays(input.now, -14),
			instalments: {
				create: Array.from({ length: count }, (_, k) => ({
					id: `${input.allocationId}_instalment_${k + 1}`,
					dueOn: addDays(firstOn, k * intervalDays),
					amountPence: input.instalmentPence,
					status: 'SCHEDULED' as const,
				})),
			},
		},
	})

	const source = await ensureFunderSourceAccount(prisma, input.funderId)
	const { budget } = await ensureHolderAccounts(prisma, input.holderId)
	const paid = await transfer(prisma, {
		idempotencyKey: `seed:${input.allocationId}:instalment-1`,
		debitAccountId: source.id,
		creditAccountId: budget.id,
		amount: input.instalmentPence,
		currency: funder.currency,
		reason: 'ALLOCATION',
		description: `${formatMoney(input.instalmentPence, funder.currency)} from ${funder.name}: instalment 1 of ${count} of your personal budget`,
		initiator: { role: 'FUNDER', userId: input.staffUserId },
		onBehalfOfHolderId: input.holderId,
	})
	await prisma.instalment.update({
		where: { id: `${input.allocationId}_instalment_1` },
		data: { status: 'PAID', transferId: paid.id, paidAt: input.now },
	})
	return {
		allocationId: input.allocationId,
		transferId: paid.id,
		budgetAccountId: budget.id,
		amountPence: input.instalmentPence,
	}
}
