/**
 * The profile editor's forms, one zod schema each, shared by the server (parseWithZod in the action) and the
 * browser (Conform's onValidate). Messages are plain English and say how to fix the problem. Conform turns empty
 * fields into undefined, so "required" messages live in `required_error`.
 */
import { z } from 'zod'
import { formatMoney, parseAmount } from '#app/domain/money/amounts.ts'
import { localInstant, parseLocalDate, YEAR_RANGE } from '#app/utils/dates.ts'
import { accessibilityFeatures } from '#app/domain/reference/accessibility.ts'
import { languages as knownLanguages } from '#app/domain/reference/languages.ts'
import { credentialKinds, priceUnits } from '#search/types.ts'
import { weekdayNames } from './labels.ts'
import { END_OF_DAY, findOverlap, onStep, parseClock, rangeText, type Range } from './profile-availability.ts'
import { districtFitsTown, findTown, normaliseDistrict, townAreas, townSuggestions } from './profile-places.ts'

/** What the accessibility checkboxes offer: the same keys search filters on. */
export const accessibilityOptions = accessibilityFeatures.map((f) => ({ value: f.key, label: f.label }))
const accessibilityKeys = accessibilityFeatures.map((f) => f.key) as [string, ...string[]]

export const LIMITS = {
	name: 100,
	headline: 150,
	bio: 3000,
	cancellationPolicy: 1000,
	maxCoverRadiusKm: 100,
	maxLanguages: 15,
	serviceTitle: 100,
	serviceDescription: 1000,
	/** Pence: £0.01 to £10,000.00. */
	minPrice: 1,
	maxPrice: 1_000_000,
	maxDuration: 24 * 60,
	maxGroupSize: 100,
	credentialText: 120,
	credentialReference: 60,
	timeOffReason: 200,
	timeOffYearsAhead: 3,
} as const

function requiredText(message: string, max: number, tooLong: string) {
	return z.string({ required_error: message }).trim().min(1, message).max(max, tooLong)
}

function optionalText(max: number, tooLong: string) {
	return z.string().trim().max(max, tooLong).optional()
}

function list(items: string[]): string {
	if (items.length <= 1) return items.join('')
	return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** What Conform hands the schema: each field's text (or texts), empty ones left out. */
type Raw = Record<string, unknown>

/** A field's text as typed; an empty field (which a browser still sends) is no text. */
function rawText(raw: Raw, name: string): string | undefined {
	const value = raw[name]
	return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/**
 * The form's fields, plus checks that compare fields with each other. zod skips an object's own refinements when
 * any field is missing or of the wrong type, so a person would see "the expiry must be after the issue date" only
 * after fixing everything else. Here the comparison runs alongside (on the fields as typed), so the error summary
 * lists every problem at once.
 */
function withCrossChecks<T extends z.AnyZodObject>(fields: T, check: (raw: Raw, ctx: z.RefinementCtx) => void) {
	return z.intersection(
		fields,
		z
			.record(z.any())
			.superRefine(check)
			.transform(() => ({})),
	)
}

// ───────────────────────────── About ─────────────────────────────

/** "english, urdu; bsl" → ["English", "Urdu", "BSL"]; or the problem, in words. */
export function parseLanguages(text: string): { languages: string[] } | { error: string } {
	const parts = text
		.split(/[,;\n]+/)
		.map((p) => p.trim().replace(/\s+/g, ' '))
		.filter(Boolean)
	if (parts.length === 0) return { error: 'Enter the languages you speak, like English, Urdu' }
	const out: string[] = []
	for (const part of parts) {
		if (part.length > 40 || !/^\p{L}[\p{L} '’()-]*$/u.test(part)) {
			return {
				error: `“${part.slice(0, 40)}” does not look like a language. Use letters only and put a comma between languages`,
			}
		}
		const known = knownLanguages.find((l) => l.toLowerCase() === part.toLowerCase())
		const name = known ?? part.charAt(0).toUpperCase() + part.slice(1)
		if (!out.some((l) => l.toLowerCase() === name.toLowerCase())) out.push(name)
	}
	if (out.length > LIMITS.maxLanguages) return { error: `Enter ${LIMITS.maxLanguages} languages or fewer` }
	return { languages: out }
}

export const aboutSchema = withCrossChecks(
	z.object({
		name: requiredText(
			'Enter your name, or the name of your organisation',
			LIMITS.name,
			`Enter a name of ${LIMITS.name} characters or fewer`,
		),
		headline: requiredText(
			'Enter a headline: one sentence about what you offer',
			LIMITS.headline,
			`Enter a headline of ${LIMITS.headline} characters or fewer`,
		),
		bio: requiredText(
			'Tell people about yourself and the support you give',
			LIMITS.bio,
			`Enter ${LIMITS.bio.toLocaleString('en-GB')} characters or fewer about yourself`,
		),
		town: z
			.string({ required_error: 'Enter the town you work in, like Leicester' })
			.trim()
			.min(1, 'Enter the town you work in, like Leicester')
			.superRefine((text, ctx) => {
				if (findTown(text)) return
				const suggestions = townSuggestions(text)
				ctx.addIssue({
					code: 'custom',
					message: suggestions.length
						? `We do not know a town called “${text.slice(0, 60)}”. Did you mean ${list(suggestions)}?`
						: `We do not know a town called “${text.slice(0, 60)}”. Enter a town from the list, or the nearest one to you`,
				})
			}),
		postcodeDistrict: z
			.string({ required_error: 'Enter the first part of your postcode, like LE4' })
			.trim()
			.superRefine((text, ctx) => {
				if (!normaliseDistrict(text))
					ctx.addIssue({ code: 'custom', message: 'Enter the first part of your postcode, like LE4' })
			}),
		coverRadiusKm: z
			.number({
				required_error: 'Enter how far you travel to people, in kilometres. Enter 0 if people come to you',
				invalid_type_error: 'Enter how far you travel as a whole number of kilometres, like 10',
			})
			.int('Enter how far you travel as a whole number of kilometres, like 10')
			.min(0, `Enter a distance from 0 to ${LIMITS.maxCoverRadiusKm} kilometres`)
			.max(LIMITS.maxCoverRadiusKm, `Enter a distance from 0 to ${LIMITS.maxCoverRadiusKm} kilometres`),
		languages: z
			.string({ required_error: 'Enter the languages you speak, like English, Urdu' })
			.transform((text, ctx) => {
				const parsed = parseLanguages(text)
				if ('error' in parsed) {
					ctx.addIssue({ code: 'custom', message: parsed.error })
					return z.NEVER
				}
				return parsed.languages
			}),
		accessibility: z
			.array(
				z.enum(accessibilityKeys, { errorMap: () => ({ message: 'Choose accessibility features from the list' }) }),
			)
			.default([]),
		acceptsGroupBookings: z
			.enum(['yes', 'no'], {
				errorMap: () => ({ message: 'Choose yes if you take bookings for groups of people, or no' }),
			})
			.transform((v) => v === 'yes'),
		cancellationPolicy: requiredText(
			'Say what happens when someone cancels, like “Free to cancel up to 24 hours before”',
			LIMITS.cancellationPolicy,
			`Enter a cancellation policy of ${LIMITS.cancellationPolicy.toLocaleString('en-GB')} characters or fewer`,
		),
		lateCancelPercent: z
			.number({
				required_error: 'Enter what you charge for a late cancellation, from 0 to 100 per cent. Enter 0 for nothing',
				invalid_type_error: 'Enter the late cancellation charge as a whole number from 0 to 100, like 50',
			})
			.int('Enter the late cancellation charge as a whole number from 0 to 100, like 50')
			.min(0, 'Enter a late cancellation charge from 0 to 100 per cent')
			.max(100, 'Enter a late cancellation charge from 0 to 100 per cent'),
	}),
	(raw, ctx) => {
		const town = findTown(rawText(raw, 'town') ?? '')
		const district = normaliseDistrict(rawText(raw, 'postcodeDistrict') ?? '')
		if (town && district && !districtFitsTown(district, town)) {
			ctx.addIssue({
				code: 'custom',
				path: ['postcodeDistrict'],
				message: `${district} is not a postcode in ${town.name}. Postcodes there start with ${townAreas(town)}, like ${town.districts[0]}`,
			})
		}
	},
).transform(({ town: townText, postcodeDistrict, ...rest }) => {
	const town = findTown(townText)!
	return {
		...rest,
		town: town.name,
		postcodeDistrict: normaliseDistrict(postcodeDistrict)!,
		lat: town.lat,
		lng: town.lng,
	}
})

export type AboutInput = z.output<typeof aboutSchema>

export const publishSchema = z.object({
	intent: z.enum(['publish', 'hide'], { errorMap: () => ({ message: 'Choose to publish or hide your profile' }) }),
})

// ───────────────────────────── Services ─────────────────────────────

function priceField() {
	const range = `Enter a price from ${formatMoney(LIMITS.minPrice, 'GBP')} to ${formatMoney(LIMITS.maxPrice, 'GBP')}`
	return z.string({ required_error: 'Enter the price in pounds, like 15.50' }).transform((text, ctx) => {
		const pence = parseAmount(text, 'GBP')
		if (pence === null) {
			ctx.addIssue({ code: 'custom', message: 'Enter the price in pounds and pence, like 15.50' })
			return z.NEVER
		}
		if (pence < LIMITS.minPrice || pence > LIMITS.maxPrice) {
			ctx.addIssue({ code: 'custom', message: range })
			return z.NEVER
		}
		return pence
	})
}

/** A service. `categorySlugs` are the categories in the database (the select offers exactly these). */
export function serviceSchema(categorySlugs: readonly string[]) {
	return withCrossChecks(
		z.object({
			title: requiredText(
				'Enter the name of the service, like Personal care at home',
				LIMITS.serviceTitle,
				`Enter a name of ${LIMITS.serviceTitle} characters or fewer`,
			),
			description: requiredText(
				'Describe the service in a sentence or two',
				LIMITS.serviceDescription,
				`Enter a description of ${LIMITS.serviceDescription.toLocaleString('en-GB')} characters or fewer`,
			),
			categorySlug: z
				.string({ required_error: 'Choose what kind of support this is' })
				.refine((slug) => categorySlugs.includes(slug), 'Choose what kind of support this is from the list'),
			priceUnit: z.enum(priceUnits, {
				errorMap: () => ({ message: 'Choose how you charge: by the hour, by the session or a fixed price' }),
			}),
			price: priceField(),
			durationMinutes: z
				.number({ invalid_type_error: 'Enter how long it lasts as a whole number of minutes, like 60' })
				.int('Enter how long it lasts as a whole number of minutes, like 60')
				.min(15, 'Enter a length from 15 minutes to 24 hours (1440 minutes)')
				.max(LIMITS.maxDuration, 'Enter a length from 15 minutes to 24 hours (1440 minutes)')
				.optional(),
			maxGroupSize: z
				.number({ invalid_type_error: 'Enter the group size as a whole number, like 8' })
				.int('Enter the group size as a whole number, like 8')
				.min(2, `Enter a group size from 2 to ${LIMITS.maxGroupSize}, or leave it empty for one-to-one support`)
				.max(
					LIMITS.maxGroupSize,
					`Enter a group size from 2 to ${LIMITS.maxGroupSize}, or leave it empty for one-to-one support`,
				)
				.optional(),
		}),
		(raw, ctx) => {
			if (rawText(raw, 'priceUnit') === 'PER_SESSION' && rawText(raw, 'durationMinutes') === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['durationMinutes'],
					message: 'Enter how long a session lasts, in minutes, like 60',
				})
			}
		},
	)
}

export type ServiceInput = z.output<ReturnType<typeof serviceSchema>>

export const serviceIdSchema = z.object({
	serviceId: z.string({ required_error: 'Choose a service' }).min(1, 'Choose a service'),
})

// ───────────────────────────── Credentials ─────────────────────────────

/** "2025-03-14" or "14/03/2025" → "2025-03-14"; null when it is not a real date. */
export function parseDay(text: string): string | null {
	const trimmed = text.trim()
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed)
	const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : trimmed
	return parseLocalDate(iso) ? iso : null
}

/** The year of something shaped like a date, even one outside YEAR_RANGE. */
function yearTyped(text: string): number | null {
	const match = /^(\d{4})-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/(\d{4})$/.exec(text.trim())
	return match ? Number(match[1] ?? match[2]) : null
}

/** A day field: `tooLate` is what to say of a year past YEAR_RANGE when that has a plainer reason (a future issue date). */
function dayField(required: string | undefined, invalid: string, tooLate?: string) {
	return z.string(required ? { required_error: required } : {}).transform((text, ctx) => {
		const day = parseDay(text)
		if (!day) {
			const year = yearTyped(text)
			const outOfRange = year !== null && (year < YEAR_RANGE.first || year > YEAR_RANGE.last)
			const message = !outOfRange
				? invalid
				: tooLate && year > YEAR_RANGE.last
					? tooLate
					: `Enter a year between ${YEAR_RANGE.first} and ${YEAR_RANGE.last}`
			ctx.addIssue({ code: 'custom', message })
			return z.NEVER
		}
		return day
	})
}

const rawDay = (raw: Raw, name: string): string | null => parseDay(rawText(raw, name) ?? '')

/** A credential. `today` is "2026-11-23" (UK date): nothing can be issued in the future. */
export function credentialSchema(today: string) {
	return withCrossChecks(
		z.object({
			kind: z.enum(credentialKinds, {
				errorMap: () => ({ message: 'Choose what kind of check or credential this is' }),
			}),
			title: requiredText(
				'Enter the name of the check, course or registration, like Enhanced DBS check',
				LIMITS.credentialText,
				`Enter a name of ${LIMITS.credentialText} characters or fewer`,
			),
			issuer: requiredText(
				'Enter who issued it, like Disclosure and Barring Service',
				LIMITS.credentialText,
				`Enter who issued it in ${LIMITS.credentialText} characters or fewer`,
			),
			reference: optionalText(
				LIMITS.credentialReference,
				`Enter a reference of ${LIMITS.credentialReference} characters or fewer`,
			),
			issuedOn: dayField(
				'Enter the date it was issued',
				'Enter the date it was issued as a real date, like 14/03/2025',
				'The date it was issued must be today or in the past',
			).refine(
				// A day that did not parse is already reported.
				(day) => typeof day !== 'string' || day <= today,
				'The date it was issued must be today or in the past',
			),
			expiresOn: dayField(undefined, 'Enter the expiry date as a real date, like 14/03/2028').optional(),
		}),
		(raw, ctx) => {
			const issued = rawDay(raw, 'issuedOn')
			const expires = rawDay(raw, 'expiresOn')
			if (issued && expires && expires <= issued) {
				ctx.addIssue({
					code: 'custom',
					path: ['expiresOn'],
					message: 'The expiry date must be after the date it was issued',
				})
			}
		},
	)
}

export type CredentialInput = z.output<ReturnType<typeof credentialSchema>>

export const credentialIdSchema = z.object({
	credentialId: z.string({ required_error: 'Choose a credential' }).min(1, 'Choose a credential'),
})

// ───────────────────────────── Availability ─────────────────────────────

export type WeeklyRange = Range & { weekday: number }

/** A weekly range's start or end as typed: minutes after midnight, or what is wrong. An end of 00:00 is midnight. */
export function readRangeClock(which: 'start' | 'end', text: string): { minute: number } | { error: string } {
	const example = which === 'start' ? '09:00' : '13:00'
	let minute = parseClock(text)
	if (minute === null) return { error: `Enter the ${which} time in hours and minutes, like ${example}` }
	// An end time of 00:00 is midnight at the end of the day.
	if (which === 'end' && minute === 0) minute = END_OF_DAY
	if (which === 'start' && minute === END_OF_DAY) return { error: 'Enter a start time before midnight' }
	if (!onStep(minute))
		return { error: `Enter a ${which} time on the hour or quarter hour, like 09:00, 09:15, 09:30 or 09:45` }
	return { minute }
}

function clockField(which: 'start' | 'end') {
	const example = which === 'start' ? '09:00' : '13:00'
	return z.string({ required_error: `Enter the ${which} time, like ${example}` }).transform((text, ctx) => {
		const read = readRangeClock(which, text)
		if ('error' in read) {
			ctx.addIssue({ code: 'custom', message: read.error })
			return z.NEVER
		}
		return read.minute
	})
}

/** A weekly range. `existing` are the ranges already saved, so a new one cannot overlap them. */
export function weeklyRangeSchema(existing: readonly WeeklyRange[]) {
	return withCrossChecks(
		z.object({
			weekday: z
				.number({ required_error: 'Choose a day of the week', invalid_type_error: 'Choose a day of the week' })
				.int('Choose a day of the week')
				.min(0, 'Choose a day of the week')
				.max(6, 'Choose a day of the week'),
			start: clockField('start'),
			end: clockField('end'),
		}),
		(raw, ctx) => {
			const start = readRangeClock('start', rawText(raw, 'start') ?? '')
			const end = readRangeClock('end', rawText(raw, 'end') ?? '')
			if ('error' in start || 'error' in end) return
			if (end.minute <= start.minute) {
				ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end time must be after the start time' })
				return
			}
			const weekday = Number(rawText(raw, 'weekday'))
			if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) return
			const overlap = findOverlap(
				existing.filter((r) => r.weekday === weekday),
				{ startMinute: start.minute, endMinute: end.minute },
			)
			if (overlap) {
				ctx.addIssue({
					code: 'custom',
					path: ['start'],
					message: `This overlaps ${rangeText(overlap)} on ${weekdayNames[weekday]}. Choose times that do not overlap, or remove that time first`,
				})
			}
		},
	).transform((v) => ({ weekday: v.weekday, startMinute: v.start, endMinute: v.end }))
}

export type WeeklyRangeInput = z.output<ReturnType<typeof weeklyRangeSchema>>

export const slotIdSchema = z.object({ slotId: z.string({ required_error: 'Choose a time' }).min(1, 'Choose a time') })

function optionalClock(which: 'start' | 'end') {
	const example = which === 'start' ? '09:00' : '17:00'
	return z
		.string()
		.transform((text, ctx) => {
			const minute = parseClock(text)
			if (minute === null) {
				ctx.addIssue({
					code: 'custom',
					message: `Enter the ${which} time in hours and minutes, like ${example}, or leave it empty`,
				})
				return z.NEVER
			}
			return minute
		})
		.optional()
}

/** Time off from the fields as typed: from the first day (at 00:00 unless a time is given) to the end of the last day (or the time given). */
function timeOffInstants(
	startDate: string,
	startTime: number | undefined,
	endDate: string,
	endTime: number | undefined,
) {
	return {
		startsAt: localInstant(startDate, startTime ?? 0),
		endsAt: localInstant(endDate, endTime ?? END_OF_DAY),
	}
}

/**
 * Time off: from a date (and time, 00:00 when left empty) to a date (and time: the end of that day when left
 * empty), in UK time. `now` is when the form is checked: time off must end after it.
 */
export function timeOffSchema(now: Date) {
	return withCrossChecks(
		z.object({
			startDate: dayField(
				'Enter the first day of your time off',
				'Enter the first day as a real date, like 24/12/2026',
			),
			startTime: optionalClock('start'),
			endDate: dayField('Enter the last day of your time off', 'Enter the last day as a real date, like 27/12/2026'),
			endTime: optionalClock('end'),
			reason: optionalText(LIMITS.timeOffReason, `Enter a reason of ${LIMITS.timeOffReason} characters or fewer`),
		}),
		(raw, ctx) => {
			const startDate = rawDay(raw, 'startDate')
			const endDate = rawDay(raw, 'endDate')
			const startText = rawText(raw, 'startTime')
			const endText = rawText(raw, 'endTime')
			const startTime = startText === undefined ? undefined : parseClock(startText)
			const endTime = endText === undefined ? undefined : parseClock(endText)
			if (!startDate || !endDate || startTime === null || endTime === null) return
			const { startsAt, endsAt } = timeOffInstants(startDate, startTime, endDate, endTime)
			if (endsAt <= startsAt) {
				ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end of your time off must be after its start' })
			} else if (endsAt <= now) {
				ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Time off must end in the future' })
			} else if (startsAt.getTime() > now.getTime() + LIMITS.timeOffYearsAhead * 366 * 86_400_000) {
				ctx.addIssue({
					code: 'custom',
					path: ['startDate'],
					message: `Enter time off that starts within the next ${LIMITS.timeOffYearsAhead} years`,
				})
			}
		},
	).transform((v) => ({
		...timeOffInstants(v.startDate, v.startTime, v.endDate, v.endTime),
		reason: v.reason ? v.reason : null,
	}))
}

export type TimeOffInput = z.output<ReturnType<typeof timeOffSchema>>

export const exceptionIdSchema = z.object({
	exceptionId: z.string({ required_error: 'Choose some time off' }).min(1, 'Choose some time off'),
})

// ───────────────────────────── Photo ─────────────────────────────

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const photoSchema = z.object({
	photo: z
		.instanceof(File, { message: 'Choose a photo to upload' })
		.refine((file) => file.size > 0, 'Choose a photo to upload')
		.refine((file) => file.size <= PHOTO_MAX_BYTES, 'The photo must be 5 MB or smaller')
		.refine(
			(file) => (PHOTO_TYPES as readonly string[]).includes(file.type),
			'The photo must be a JPEG, PNG or WebP image',
		),
})
