/**
 * A small, demo-like world for tests that drive every route (tests/integration/fuzz.test.ts and
 * authorisation-matrix.test.ts, through `routeWorldForFile`; group-reviews.test.ts uses it too): two funders, a holder with money, a booking, a review and a report, the people
 * around them (a representative who may only view, a withdrawn and an expired delegate, another holder, staff of
 * each funder, two providers, an admin), and each route's params for "own" and "other's" resources.
 *
 * "Own" resources belong to the holder Sam Taylor (funded by Leicester) and the provider Amina Shah; "other's" to
 * Rita Jones (funded by Bristol) and the provider Bo Lee. Both tests read the route list from app/routes, so a new
 * route with a dynamic segment must be added to `routeParams` below or their tests fail.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { requestBooking } from '#app/domain/bookings/bookings.server.ts'
import { calendarToken as calendarTokenFor } from '#app/domain/bookings/calendar.server.ts'
import {
	confirmCommission,
	confirmSession,
	createOffer,
	markSessionDelivered,
	pledge,
	requestQuotes,
	startGroup,
} from '#app/domain/commissions/commissions.server.ts'
import { type SessionUser } from '#app/domain/people/auth.server.ts'
import { proposeBooking } from '#app/domain/helping/proposals.server.ts'
import { saveToShortlist, sendShortlist } from '#app/domain/helping/shortlists.server.ts'
import { inviteHelper } from '#app/domain/people/consent.server.ts'
import {
	acceptStaffInvite,
	giveOrganisationRights,
	inviteStaff,
	removeStaff,
} from '#app/domain/people/organisations.server.ts'
import { recordRepresentative } from '#app/domain/people/representatives.server.ts'
import { diskPhotoStore, setPhotoStore } from '#app/domain/providers/photos.server.ts'
import { setClockOffset } from '#app/utils/clock.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { inTransaction } from '#app/utils/transaction.server.ts'
import { addLocalDays, localDate } from '#app/utils/dates.ts'
import {
	createBookingRecord,
	createFunder,
	createHolder,
	createProviderWithService,
	openEveryDay,
} from '#tests/db-utils.ts'
import { cookieFor } from '#tests/setup/requests.ts'
import {
	allocateOnce,
	bookingRequest,
	closeTestDb,
	openWorld,
	sessionUser,
	type World as DomainWorld,
} from '#tests/setup/domain.ts'
import { csrfPair, fingerprinter } from '#tests/setup/fuzz.ts'
import { type TestDb } from '#tests/setup/test-db.ts'

/** Each kind of person the routes must tell apart. */
export const KINDS = [
	'anon',
	'holder',
	'rep',
	'withdrawn',
	'expired',
	'otherHolder',
	'staff',
	'otherStaff',
	'provider',
	'otherProvider',
	'admin',
	// ADR 025: a representative Sam's funder recorded (view and book), a user-led organisation's owner and staff member
	// (Sam gave the organisation view and book), and a staff member the owner removed.
	'recordedRep',
	'orgOwner',
	'orgStaff',
	'removedStaff',
] as const
export type Kind = (typeof KINDS)[number]
export type Person = Exclude<Kind, 'anon'>

export const KIND_LABELS: Record<Kind, string> = {
	anon: 'not signed in',
	holder: 'the holder',
	rep: 'a representative who may only view',
	withdrawn: 'a delegate whose consent was withdrawn',
	expired: 'a delegate whose consent expired',
	otherHolder: 'another funder’s holder',
	staff: 'staff of the holder’s funder',
	otherStaff: 'staff of another funder',
	provider: 'the provider',
	otherProvider: 'another provider',
	admin: 'an admin',
	recordedRep: 'a representative recorded by the holder’s funder',
	orgOwner: 'the owner of an organisation the holder gave rights to',
	orgStaff: 'staff of an organisation the holder gave rights to',
	removedStaff: 'a removed member of an organisation’s staff',
}

export type World = {
	users: Record<Person, SessionUser>
	ids: {
		funder: string
		otherFunder: string
		holder: string
		otherHolder: string
		provider: string
		providerSlug: string
		service: string
		otherProvider: string
		otherProviderSlug: string
		otherService: string
		booking: string
		pastBooking: string
		otherPastBooking: string
		otherBooking: string
		review: string
		otherReview: string
		credential: string
		slot: string
		timeOff: string
		calendarToken: string
		/** Sam's group around a need (private), and Rita's. */
		group: string
		otherGroup: string
		groupToken: string
		signUpToken: string
		otherGroupToken: string
		/** Amina's group offer (public), and Bo's. */
		commission: string
		otherCommission: string
		pastCommission: string
		otherPastCommission: string
		/** Sam's group asks for quotes in Leicester (Amina's town), Rita's in Bristol (Bo's). */
		quoteRequest: string
		otherQuoteRequest: string
		budgetLine: string
		/** The secret of Sam's open invitation to new.helper@example.test. */
		helperToken: string
		/** The secret of the organisation's open staff invitation to new.staff@example.test. */
		staffToken: string
		/** Grace's shortlist sent to Sam, and one a helper of Rita's sent her (ADR 024). */
		shortlist: string
		otherShortlist: string
		/** Grace's suggestion waiting for Sam's yes, its emailed link's secret, and Rita's helper's suggestion. */
		proposal: string
		proposalToken: string
		otherProposal: string
	}
	/** A fresh session cookie for this person (a new one per call, so signing out in one case spoils no other). */
	cookie: (kind: Kind) => Promise<string>
	/** A day five days from now, with free times at Amina's. */
	day: string
}

const DAY = 86_400_000

/**
 * Builds the route world in `w`'s database, around its funder (Leicester) and its staff (Priya Patel), with the
 * world's builders where they make the same people: Sam with £3,000 of personal care in his plan and £200 paid in,
 * and Amina open from 09:00 to 17:00.
 */
export async function buildWorld(w: DomainWorld): Promise<World> {
	const p = w.p
	const funder = w.funderId
	const otherFunder = (await createFunder(p, { name: 'Bristol City Council' })).id
	const staff = w.staff
	const otherStaff = await w.person({ roles: ['FUNDER_STAFF'], funderId: otherFunder, name: 'Tom Reed' })
	const admin = await w.person({ roles: ['ADMIN'], name: 'Alex Morgan' })
	const rep = await w.person({ roles: ['REPRESENTATIVE'], name: 'Grace Okafor' })
	const withdrawn = await w.person({ roles: ['REPRESENTATIVE'], name: 'Wendy Former' })
	const expired = await w.person({ roles: ['BROKER'], name: 'Eddie Lapsed' })
	const sam = await w.fundedHolder({ planPence: 300_000, fundedPence: 20_000 })
	const rita = await createHolder(p, { funderId: otherFunder, displayName: 'Rita Jones' })
	const recordedRep = await w.person({ roles: [], name: 'Ben Taylor' })
	const orgStaff = await w.person({ roles: [], name: 'Kiran Shah' })
	const removedStaff = await w.person({ roles: [], name: 'Rob Gone' })
	const org = await createProviderWithService(p, {
		owner: { name: 'Olu Owner' },
		provider: { name: 'Leicester Centre for Integrated Living', kind: 'USER_LED_ORGANISATION' },
		service: { title: 'Brokerage', categorySlug: 'brokerage-and-planning' },
	})
	const now = Date.now()
	await p.delegation.create({
		data: { holderId: sam.id, delegateId: rep.id, kind: 'REPRESENTATIVE', rights: ['VIEW'] },
	})
	await p.delegation.create({
		data: {
			holderId: sam.id,
			delegateId: withdrawn.id,
			kind: 'REPRESENTATIVE',
			rights: ['VIEW', 'BOOK', 'PAY', 'REVIEW'],
			revokedAt: new Date(now - DAY),
		},
	})
	await p.delegation.create({
		data: {
			holderId: sam.id,
			delegateId: expired.id,
			kind: 'BROKER',
			rights: ['VIEW', 'BOOK'],
			expiresAt: new Date(now - DAY),
		},
	})
	const hours = { from: 9 * 60, to: 17 * 60 }
	const amina = await w.amina({ service: { pricePence: 1_650 } }, hours)
	const bo = await createProviderWithService(p, {
		owner: { name: 'Bo Lee' },
		provider: { name: 'Bo Lee', town: 'Bristol' },
	})
	await openEveryDay(p, bo.provider.id, hours)
	const slot = await p.availabilitySlot.findFirstOrThrow({ where: { providerId: amina.provider.id } })
	const timeOff = await p.availabilityException.create({
		data: {
			providerId: amina.provider.id,
			startsAt: new Date(now + 40 * DAY),
			endsAt: new Date(now + 41 * DAY),
			reason: 'Holiday',
		},
	})
	const credential = await p.credential.create({
		data: {
			providerId: amina.provider.id,
			kind: 'INSURANCE',
			title: 'Public liability',
			issuer: 'Insurer',
			issuedOn: new Date('2025-01-01'),
		},
	})
	await allocateOnce({
		funderId: otherFunder,
		holderId: rita.holder.id,
		staffUserId: otherStaff.id,
		amountEach: 20_000,
	})
	const day = addLocalDays(localDate(new Date()), 5)
	const users = {
		holder: sam.person,
		rep,
		withdrawn,
		expired,
		otherHolder: sessionUser(rita.user!),
		staff,
		otherStaff,
		provider: amina.person,
		otherProvider: sessionUser(bo.owner),
		admin,
		recordedRep,
		orgOwner: sessionUser(org.owner),
		orgStaff,
		removedStaff,
	}
	const request = (user: SessionUser, holderId: string, serviceId: string) =>
		requestBooking(user, bookingRequest({ serviceId, holderId, date: day, budgetLineId: null }))
	const booking = (await request(users.holder, sam.id, amina.service.id)).bookings[0]!.id
	const otherBooking = (await request(users.otherHolder, rita.holder.id, bo.service.id)).bookings[0]!.id
	// Delivered and confirmed yesterday: reviews and feedback may be written on these.
	const past = await createBookingRecord(p, {
		holderId: sam.id,
		providerId: amina.provider.id,
		serviceId: amina.service.id,
	})
	const otherPast = await createBookingRecord(p, {
		holderId: rita.holder.id,
		providerId: bo.provider.id,
		serviceId: bo.service.id,
	})
	const reviewed = async (b: { id: string; providerId: string; holderId: string }, authorId: string) =>
		p.review.create({
			data: {
				bookingId: b.id,
				providerId: b.providerId,
				holderId: b.holderId,
				authorId,
				rating: 4,
				reliable: 4,
				respectful: 5,
				didWhatAgreed: 4,
				body: 'Kind, on time and did what we agreed.',
				visibleFrom: new Date(now - DAY),
			},
		})
	const pastForReview = await createBookingRecord(p, {
		holderId: sam.id,
		providerId: amina.provider.id,
		serviceId: amina.service.id,
		startsAt: new Date(now - 3 * DAY),
	})
	const otherPastForReview = await createBookingRecord(p, {
		holderId: rita.holder.id,
		providerId: bo.provider.id,
		serviceId: bo.service.id,
		startsAt: new Date(now - 3 * DAY),
	})
	const review = await reviewed(pastForReview, sam.person.id)
	const otherReview = await reviewed(otherPastForReview, rita.user!.id)
	for (const r of [review, otherReview]) {
		await p.reviewReport.create({
			data: { reviewId: r.id, reporterId: admin.id, reason: 'This names someone who did not agree to it.' },
		})
	}
	const calendarToken = await calendarTokenFor(sam.person.id)
	// Someone who signed up and has not opened the emailed link yet (the link's secret, as the email gives it).
	const signUpToken = 'a-sign-up-link-secret-for-the-tests-0123456789'
	await p.user.create({
		data: {
			email: 'not-confirmed@example.test',
			name: 'Nell Pending',
			passwordHash: 'not-a-real-hash',
			roles: ['PROVIDER'],
			emailConfirmedAt: null,
			signUpConfirmations: {
				create: {
					tokenHash: createHash('sha256').update(signUpToken).digest('hex'),
					expiresAt: new Date(Date.now() + 365 * 86_400_000),
				},
			},
		},
	})
	const group = await startGroup(users.holder, { name: 'Saturday swimming', description: 'A pool with a hoist.' })
	const otherGroup = await startGroup(users.otherHolder, { name: 'Chair yoga', description: 'Mondays, Bristol.' })
	const groupOffer = (providerId: string, owner: SessionUser) =>
		createOffer(owner, {
			providerId,
			title: 'Seated yoga',
			description: 'Gentle seated yoga in the hall.',
			pricingMode: 'SPLIT_TOTAL',
			pricePence: 24_000,
			minPeople: 3,
			maxPeople: 6,
			firstSessionAt: new Date(now + 20 * DAY),
			sessionCount: 2,
			sessionMinutes: 60,
			deadline: new Date(now + 15 * DAY),
			cancellationTerms: 'Your share of every session not delivered comes back.',
		})
	const askForQuotes = (user: SessionUser, groupId: string, town: string) =>
		requestQuotes(user, { groupId, title: 'Swimming', need: 'A pool with a hoist.', town })
	const quoteRequest = await askForQuotes(users.holder, group.id, 'Leicester')
	const otherQuoteRequest = await askForQuotes(users.otherHolder, otherGroup.id, 'Bristol')
	const commission = await groupOffer(amina.provider.id, users.provider)
	const otherCommission = await groupOffer(bo.provider.id, users.otherProvider)
	// A group activity that went ahead a month ago, its one session delivered and confirmed: the member (Sam; Rita on
	// the other side) may review the provider.
	const pastActivity = async (providerId: string, owner: SessionUser, member: SessionUser, holderId: string) => {
		const at = (days: number) => new Date(now - days * DAY)
		const offer = await createOffer(
			owner,
			{
				providerId,
				title: 'Cooking together',
				description: 'One evening of cooking and eating together.',
				pricingMode: 'PER_PLACE',
				pricePence: 1_500,
				minPeople: 1,
				maxPeople: 6,
				firstSessionAt: at(3),
				sessionCount: 1,
				sessionMinutes: 60,
				deadline: at(6),
				cancellationTerms: 'Your share of every session not delivered comes back.',
			},
			at(10),
		)
		await pledge(member, { commissionId: offer.id, holderId, idempotencyKey: randomUUID() }, at(9))
		await confirmCommission(owner, offer.id, at(8))
		const session = await p.commissionSession.findFirstOrThrow({ where: { commissionId: offer.id } })
		await markSessionDelivered(owner, session.id, at(2))
		await confirmSession(member, { sessionId: session.id, holderId }, at(2))
		return offer
	}
	const pastCommission = await pastActivity(amina.provider.id, users.provider, users.holder, sam.id)
	const otherPastCommission = await pastActivity(bo.provider.id, users.otherProvider, users.otherHolder, rita.holder.id)
	// Sam's invitation to someone who is none of the kinds (everyone else who opens the link is a stranger to it).
	const { token: helperToken } = await inviteHelper(users.holder, sam.id, {
		email: 'new.helper@example.test',
		kind: 'BROKER',
		rights: ['VIEW', 'BOOK'],
		perBooking: null,
		perMonth: null,
		endsOn: null,
	})
	// ADR 025: Sam's funder records a representative; Sam gives the organisation rights; its owner invites two staff,
	// both accept, and one is removed.
	await recordRepresentative(users.staff, sam.id, {
		email: recordedRep.email,
		rights: ['VIEW', 'BOOK'],
		reason: 'Sam asked the council to record his brother as his representative.',
	})
	await inTransaction(prisma, (tx) =>
		giveOrganisationRights(tx, users.holder, sam.id, org.provider.id, ['VIEW', 'BOOK'], new Date()),
	)
	for (const who of [orgStaff, removedStaff]) {
		const { token } = await inviteStaff(users.orgOwner, org.provider.id, who.email)
		await acceptStaffInvite(who, token)
	}
	const removed = await p.organisationStaff.findFirstOrThrow({ where: { userId: removedStaff.id } })
	await removeStaff(users.orgOwner, org.provider.id, removed.id)
	const { token: staffToken } = await inviteStaff(users.orgOwner, org.provider.id, 'new.staff@example.test')
	// A helper of Rita's (none of the kinds), so that Rita too has a shortlist and a suggestion waiting.
	const ritasHelper = await w.person({ roles: ['BROKER'], name: 'Rosa Helper' })
	await p.delegation.create({
		data: { holderId: rita.holder.id, delegateId: ritasHelper.id, kind: 'BROKER', rights: ['VIEW'] },
	})
	const sentShortlist = async (helper: SessionUser, holderId: string, providerId: string) => {
		const { shortlistId } = await saveToShortlist(helper, { holderId, providerId, note: 'Kind and near' })
		await sendShortlist(helper, shortlistId)
		return shortlistId
	}
	const shortlist = await sentShortlist(users.rep, sam.id, amina.provider.id)
	const otherShortlist = await sentShortlist(ritasHelper, rita.holder.id, bo.provider.id)
	const suggest = (helper: SessionUser, holderId: string, serviceId: string) =>
		proposeBooking(
			helper,
			bookingRequest({
				serviceId,
				holderId,
				date: addLocalDays(day, 1),
				startMinute: 11 * 60,
				minutes: 60,
				budgetLineId: null,
			}),
		)
	const proposal = await suggest(users.rep, sam.id, amina.service.id)
	const otherProposal = await suggest(ritasHelper, rita.holder.id, bo.service.id)
	const cookie = async (kind: Kind) => (kind === 'anon' ? '' : cookieFor(users[kind].id))
	return {
		users,
		cookie,
		day,
		ids: {
			funder,
			otherFunder,
			holder: sam.id,
			otherHolder: rita.holder.id,
			provider: amina.provider.id,
			providerSlug: amina.provider.slug,
			service: amina.service.id,
			otherProvider: bo.provider.id,
			otherProviderSlug: bo.provider.slug,
			otherService: bo.service.id,
			booking,
			pastBooking: past.id,
			otherPastBooking: otherPast.id,
			otherBooking,
			review: review.id,
			otherReview: otherReview.id,
			credential: credential.id,
			slot: slot.id,
			timeOff: timeOff.id,
			calendarToken,
			group: group.id,
			otherGroup: otherGroup.id,
			groupToken: group.inviteToken!,
			signUpToken,
			otherGroupToken: otherGroup.inviteToken!,
			commission: commission.id,
			otherCommission: otherCommission.id,
			pastCommission: pastCommission.id,
			otherPastCommission: otherPastCommission.id,
			quoteRequest: quoteRequest.id,
			otherQuoteRequest: otherQuoteRequest.id,
			budgetLine: sam.lineId!,
			helperToken,
			staffToken,
			shortlist,
			otherShortlist,
			proposal: proposal.proposalId,
			proposalToken: proposal.token!,
			otherProposal: otherProposal.proposalId,
		},
	}
}

/** What `routeWorldForFile` gives a test file once its `beforeAll` has run. */
export type RouteWorldFile = {
	db: TestDb
	world: World
	/** The database's fingerprint (tests/setup/fuzz.ts): equal before and after, nothing was written. */
	fingerprint: () => Promise<Record<string, string>>
	/** A CSRF cookie and its token, for the forms the test posts. */
	csrf: { token: string; cookie: string }
}

/**
 * The route world of this test file, made before its tests and given back after them: its own database with the app
 * running without Stripe (`openWorld`), the world built in it, photos written to a folder of the file's own (deleted
 * after), and the clock put back. Call it once at the top of the file; its fields are there from `beforeAll` on.
 */
export function routeWorldForFile(): RouteWorldFile {
	const file = {} as RouteWorldFile
	const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-route-world-photos-'))
	beforeAll(async () => {
		const w = await openWorld({}, { name: 'Priya Patel' })
		file.db = w.db
		setPhotoStore(diskPhotoStore(photoDir))
		file.world = await buildWorld(w)
		file.fingerprint = await fingerprinter(w.p)
		file.csrf = await csrfPair()
	})
	afterAll(async () => {
		setClockOffset(0)
		setPhotoStore(undefined)
		fs.rmSync(photoDir, { recursive: true, force: true })
		await closeTestDb(file.db)
	})
	return file
}

export type RouteParams = Record<string, string>

/**
 * How to fill each dynamic route's params: "own" (Sam's and Amina's) and "other's" (Rita's and Bo's). A route with
 * a `$param` missing here fails both tests that drive every route.
 */
export const routeParams: Record<string, (w: World) => { own: RouteParams; other: RouteParams }> = {
	$: () => ({ own: { '*': 'no/such/page' }, other: { '*': 'admin/secret' } }),
	'bookings.$bookingId': (w) => ({ own: { bookingId: w.ids.booking }, other: { bookingId: w.ids.otherBooking } }),
	'bookings.$bookingId_.feedback': (w) => ({
		own: { bookingId: w.ids.pastBooking },
		other: { bookingId: w.ids.otherPastBooking },
	}),
	'bookings.$bookingId_.review': (w) => ({
		own: { bookingId: w.ids.pastBooking },
		other: { bookingId: w.ids.otherPastBooking },
	}),
	'commissions.$commissionId': (w) => ({
		own: { commissionId: w.ids.commission },
		other: { commissionId: w.ids.otherCommission },
	}),
	'commissions.$commissionId_.review.$holderId': (w) => ({
		own: { commissionId: w.ids.pastCommission, holderId: w.ids.holder },
		other: { commissionId: w.ids.otherPastCommission, holderId: w.ids.otherHolder },
	}),
	'groups.$groupId': (w) => ({ own: { groupId: w.ids.group }, other: { groupId: w.ids.otherGroup } }),
	'groups.join.$token': (w) => ({ own: { token: w.ids.groupToken }, other: { token: w.ids.otherGroupToken } }),
	'signup_.confirm.$token': (w) => ({ own: { token: w.ids.signUpToken }, other: { token: 'not-a-sign-up-link' } }),
	'calendar.feed.$file': (w) => ({ own: { file: `${w.ids.calendarToken}.ics` }, other: { file: 'not-a-token.ics' } }),
	'holders.$holderId': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.money': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.statement[.]csv': (w) => ({
		own: { holderId: w.ids.holder },
		other: { holderId: w.ids.otherHolder },
	}),
	'holders.$holderId_.top-up': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.helpers': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.plan': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.plan_.$step': (w) => ({
		own: { holderId: w.ids.holder, step: 'what-matters' },
		other: { holderId: w.ids.otherHolder, step: 'what-matters' },
	}),
	'holders.$holderId_.review': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'funder.holders.$holderId': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.trail': (w) => ({ own: { holderId: w.ids.holder }, other: { holderId: w.ids.otherHolder } }),
	'holders.$holderId_.trail[.]csv': (w) => ({
		own: { holderId: w.ids.holder },
		other: { holderId: w.ids.otherHolder },
	}),
	'shortlists.$shortlistId': (w) => ({
		own: { shortlistId: w.ids.shortlist },
		other: { shortlistId: w.ids.otherShortlist },
	}),
	'proposals.$proposalId': (w) => ({ own: { proposalId: w.ids.proposal }, other: { proposalId: w.ids.otherProposal } }),
	'proposals.answer.$token': (w) => ({ own: { token: w.ids.proposalToken }, other: { token: 'no-such-link' } }),
	'helpers.accept.$token': (w) => ({ own: { token: w.ids.helperToken }, other: { token: 'no-such-invitation' } }),
	'staff.accept.$token': (w) => ({ own: { token: w.ids.staffToken }, other: { token: 'no-such-invitation' } }),
	'funder.holders.$holderId_.representatives': (w) => ({
		own: { holderId: w.ids.holder },
		other: { holderId: w.ids.otherHolder },
	}),
	'moderation.reviews_.$reviewId': (w) => ({ own: { reviewId: w.ids.review }, other: { reviewId: w.ids.otherReview } }),
	'photos.$file': () => ({ own: { file: 'missing.webp' }, other: { file: '../../etc/passwd' } }),
	'provider.profiles.$providerId': (w) => ({
		own: { providerId: w.ids.provider },
		other: { providerId: w.ids.otherProvider },
	}),
	'provider.profiles.$providerId_.availability': (w) => ({
		own: { providerId: w.ids.provider },
		other: { providerId: w.ids.otherProvider },
	}),
	'provider.profiles.$providerId_.credentials': (w) => ({
		own: { providerId: w.ids.provider },
		other: { providerId: w.ids.otherProvider },
	}),
	'provider.profiles.$providerId_.photo': (w) => ({
		own: { providerId: w.ids.provider },
		other: { providerId: w.ids.otherProvider },
	}),
	'provider.profiles.$providerId_.services': (w) => ({
		own: { providerId: w.ids.provider },
		other: { providerId: w.ids.otherProvider },
	}),
	'provider.profiles.$providerId_.services_.$serviceId': (w) => ({
		own: { providerId: w.ids.provider, serviceId: w.ids.service },
		other: { providerId: w.ids.otherProvider, serviceId: w.ids.otherService },
	}),
	'provider.quote-requests.$requestId': (w) => ({
		own: { requestId: w.ids.quoteRequest },
		other: { requestId: w.ids.otherQuoteRequest },
	}),
	'providers.$slug': (w) => ({ own: { slug: w.ids.providerSlug }, other: { slug: w.ids.otherProviderSlug } }),
	'providers.$slug_.book': (w) => ({ own: { slug: w.ids.providerSlug }, other: { slug: w.ids.otherProviderSlug } }),
	'reviews.$reviewId.reply': (w) => ({ own: { reviewId: w.ids.review }, other: { reviewId: w.ids.otherReview } }),
	'reviews.$reviewId.report': (w) => ({ own: { reviewId: w.ids.review }, other: { reviewId: w.ids.otherReview } }),
}
