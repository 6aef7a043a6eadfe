/**
 * The fields an offer and a quote share (issue 9): which profile and service, how the price is shared, the price,
 * the first session's day and time, how many weekly sessions of how long, and the fewest and most people.
 */
import { type FieldMetadata } from '@conform-to/react'
import { RadioFormField, SelectFormField, TextField } from '#app/components/ui/forms.tsx'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type F = FieldMetadata<any, any, string[]>

export type ScheduleFieldSet = {
	providerId: F
	serviceId: F
	pricingMode: F
	price: F
	firstDay: F
	firstTime: F
	sessionCount: F
	sessionMinutes: F
	minPeople: F
	maxPeople: F
}

export function ScheduleFields({
	fields,
	providers,
	fixedProviderId,
}: {
	fields: ScheduleFieldSet
	providers: Array<{ id: string; name: string; services: Array<{ id: string; title: string }> }>
	/** A quote is sent from one profile: its id is a hidden field, not a choice. */
	fixedProviderId?: string
}) {
	const services = providers
		.filter((p) => !fixedProviderId || p.id === fixedProviderId)
		.flatMap((p) =>
			p.services.map((s) => ({ value: s.id, label: providers.length > 1 ? `${p.name}: ${s.title}` : s.title })),
		)
	return (
		<>
			{fixedProviderId ? (
				<input type="hidden" name={fields.providerId.name} value={fixedProviderId} />
			) : providers.length === 1 ? (
				<input type="hidden" name={fields.providerId.name} value={providers[0]!.id} />
			) : (
				<SelectFormField
					field={fields.providerId}
					label="Which of your profiles offers it?"
					options={providers.map((p) => ({ value: p.id, label: p.name }))}
				/>
			)}
			<SelectFormField
				field={fields.serviceId}
				label="Which of your services is it? (optional)"
				hint="It tells people what kind of support it is, and which part of their budget pays for it."
				options={[{ value: '', label: 'None of them' }, ...services]}
			/>
			<RadioFormField
				field={fields.pricingMode}
				legend="How is the price shared?"
				options={[
					{ value: 'PER_PLACE', label: 'A price for each person' },
					{ value: 'SPLIT_TOTAL', label: 'A total, shared among everyone who joins (each pays less as more join)' },
				]}
			/>
			<TextField
				field={fields.price}
				label="Price in pounds"
				hint="For each person, or the total, as you chose above. For every session together, like 60.00."
				inputMode="decimal"
				autoComplete="off"
			/>
			<div className="flex flex-wrap gap-x-6">
				<TextField field={fields.firstDay} label="Day of the first session" type="date" />
				<TextField field={fields.firstTime} label="Start time" hint="Like 10:00" type="time" />
			</div>
			<div className="flex flex-wrap gap-x-6">
				<TextField
					field={fields.sessionCount}
					label="Number of sessions"
					hint="One a week, from the first."
					inputMode="numeric"
				/>
				<TextField field={fields.sessionMinutes} label="Minutes each session lasts" inputMode="numeric" />
			</div>
			<div className="flex flex-wrap gap-x-6">
				<TextField
					field={fields.minPeople}
					label="Fewest people"
					hint="It goes ahead only if this many pledge."
					inputMode="numeric"
				/>
				<TextField
					field={fields.maxPeople}
					label="Most people (optional)"
					hint="Leave it empty for no limit."
					inputMode="numeric"
				/>
			</div>
		</>
	)
}

export const scheduleFieldList = (f: ScheduleFieldSet) => [
	f.providerId,
	f.serviceId,
	f.pricingMode,
	f.price,
	f.firstDay,
	f.firstTime,
	f.sessionCount,
	f.sessionMinutes,
	f.minPeople,
	f.maxPeople,
]
