import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { backToProfile, EditorHeader, savedMessage } from '#app/components/providers/profile-editor.tsx'
import { PostForm, RemoveButton, SelectFormField, SubmitButton, TextField } from '#app/components/ui/forms.tsx'
import { Section } from '#app/components/ui/layout.tsx'
import { useConformForm } from '#app/components/ui/use-form.ts'
import { weekdayNames } from '#app/domain/providers/labels.ts'
import { rangeText, timeOffText } from '#app/domain/providers/profile-availability.ts'
import {
	addTimeOff,
	addWeeklyRange,
	getAvailabilityForEditing,
	removeTimeOff,
	removeWeeklyRange,
} from '#app/domain/providers/profile-availability.server.ts'
import {
	exceptionIdSchema,
	slotIdSchema,
	timeOffSchema,
	weeklyRangeSchema,
} from '#app/domain/providers/profile-schemas.ts'
import { requireOwnProvider } from '#app/domain/providers/profile.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { parseOrBadRequest, parseSubmission, readCheckedForm, refusal } from '#app/utils/form.server.ts'
import { attempt } from '#app/utils/route-errors.server.ts'

export const meta: MetaFunction = () => [{ title: 'Availability and time off | Budget Market' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const at = now()
	const { slots, timeOff } = await getAvailabilityForEditing(own.id, at)
	return json({
		provider: own,
		slots,
		timeOff,
		now: at.toISOString(),
		saved: new URL(request.url).searchParams.get('saved'),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readCheckedForm(request)
	const user = await requireUser(request)
	const own = await requireOwnProvider(user, params.providerId ?? '')
	const intent = formData.get('intent')
	const done = (saved: string) => redirect(`/provider/profiles/${own.id}/availability?saved=${saved}`)
	if (intent === 'remove-range') {
		await removeWeeklyRange(own.id, parseOrBadRequest(formData, slotIdSchema).slotId)
		return done('range-removed')
	}
	if (intent === 'remove-time-off') {
		await removeTimeOff(own.id, parseOrBadRequest(formData, exceptionIdSchema).exceptionId)
		return done('time-off-removed')
	}
	if (intent === 'add-range') {
		const { slots } = await getAvailabilityForEditing(own.id)
		const parsed = parseSubmission(formData, weeklyRangeSchema(slots), { intent })
		if (!parsed.ok) return parsed.response
		const outcome = await attempt(() => addWeeklyRange(own.id, parsed.value))
		if (!outcome.ok) return refusal(parsed.submission, outcome.error, { intent })
		return done('range-added')
	}
	if (intent === 'add-time-off') {
		const parsed = parseSubmission(formData, timeOffSchema(now()), { intent })
		if (!parsed.ok) return parsed.response
		await addTimeOff(own.id, parsed.value)
		return done('time-off-added')
	}
	throw new Response('Bad request', { status: 400 })
}

const savedMessages: Record<string, string> = {
	'range-added': 'The time has been added to your usual week.',
	'range-removed': 'The time has been removed from your usual week.',
	'time-off-added': 'Your time off has been added. People cannot book you then.',
	'time-off-removed': 'The time off has been removed.',
}

export default function Availability() {
	const { provider, slots, timeOff, now, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const rangeSchema = weeklyRangeSchema(slots)
	const offSchema = timeOffSchema(new Date(now))
	const [rangeForm, rangeFields] = useConformForm(rangeSchema, {
		id: 'weekly-range',
		lastResult: actionData?.intent === 'add-range' ? actionData.result : undefined,
		defaultValue: { weekday: '0' },
	})
	const [offForm, offFields] = useConformForm(offSchema, {
		id: 'time-off',
		lastResult: actionData?.intent === 'add-time-off' ? actionData.result : undefined,
	})
	const rangeNames = ['weekday', 'start', 'end'] as const
	const offNames = ['startDate', 'startTime', 'endDate', 'endTime', 'reason'] as const
	return (
		<div className="max-w-3xl">
			<EditorHeader
				back={backToProfile(provider.id)}
				title="Availability and time off"
				saved={savedMessage(savedMessages, saved)}
			>
				<p className="mt-2">
					The times you are usually free to work each week, and the times you are away. People can only book you in your
					usual times, and never during time off. All times are UK time.
				</p>
			</EditorHeader>

			<Section headingId="week-heading" title="Your usual week" className="mt-6">
				<dl className="mt-3 space-y-3">
					{weekdayNames.map((day, weekday) => {
						const mine = slots.filter((s) => s.weekday === weekday)
						return (
							<div key={day} className="grid gap-1 sm:grid-cols-[10rem_1fr]">
								<dt className="font-semibold">{day}</dt>
								<dd>
									{mine.length === 0 ? (
										'Not available'
									) : (
										<ul className="space-y-2">
											{mine.map((s) => (
												<li key={s.id} className="flex flex-wrap items-center gap-3">
													<span>{rangeText(s)}</span>
													<RemoveButton
														intent="remove-range"
														hidden={{ slotId: s.id }}
														item={`${day} ${rangeText(s)}`}
													/>
												</li>
											))}
										</ul>
									)}
								</dd>
							</div>
						)
					})}
				</dl>

				<h3 className="mt-6 text-xl font-bold">Add a time to your usual week</h3>
				<div className="mt-3">
					<PostForm form={rangeForm} fields={rangeNames.map((n) => rangeFields[n])} hidden={{ intent: 'add-range' }}>
						<SelectFormField
							field={rangeFields.weekday}
							label="Day"
							options={weekdayNames.map((d, i) => ({ value: String(i), label: d }))}
						/>
						<TextField
							field={rangeFields.start}
							label="From"
							hint="On the hour or quarter hour, for example 09:00 or 09:15."
							type="time"
							step={900}
						/>
						<TextField
							field={rangeFields.end}
							label="Until"
							hint="For example 13:00. Enter 00:00 for midnight."
							type="time"
							step={900}
						/>
						<SubmitButton>Add this time</SubmitButton>
					</PostForm>
				</div>
			</Section>

			<Section headingId="off-heading" title="Time off" className="mt-10">
				{timeOff.length === 0 ? <p className="mt-2">You have no time off coming up.</p> : null}
				<ul className="mt-3 space-y-2">
					{timeOff.map((t) => (
						<li key={t.id} className="flex flex-wrap items-center gap-3">
							<span>
								{timeOffText(t.startsAt, t.endsAt)}
								{t.reason ? ` (${t.reason})` : ''}
							</span>
							<RemoveButton
								intent="remove-time-off"
								hidden={{ exceptionId: t.id }}
								item={`time off ${timeOffText(t.startsAt, t.endsAt)}`}
							/>
						</li>
					))}
				</ul>

				<h3 className="mt-6 text-xl font-bold">Add time off</h3>
				<p className="mt-1">
					For holidays and other times you cannot work. Leave the times empty to take whole days off.
				</p>
				<div className="mt-3">
					<PostForm form={offForm} fields={offNames.map((n) => offFields[n])} hidden={{ intent: 'add-time-off' }}>
						<TextField field={offFields.startDate} label="First day" hint="For example 24/12/2026." type="date" />
						<TextField
							field={offFields.startTime}
							label="From (optional)"
							hint="The time your time off starts on the first day. Empty means the start of the day."
							type="time"
						/>
						<TextField field={offFields.endDate} label="Last day" hint="For example 27/12/2026." type="date" />
						<TextField
							field={offFields.endTime}
							label="Until (optional)"
							hint="The time you are back on the last day. Empty means the end of the day."
							type="time"
						/>
						<TextField
							field={offFields.reason}
							label="Reason (optional)"
							hint="For example: Holiday. Only you see this."
							autoComplete="off"
						/>
						<SubmitButton>Add time off</SubmitButton>
					</PostForm>
				</div>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
