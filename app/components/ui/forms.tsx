import {
	type FieldMetadata,
	type FormMetadata,
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
} from '@conform-to/react'
import { Form, useNavigation, useRouteLoaderData } from '@remix-run/react'
import {
	useId,
	type InputHTMLAttributes,
	type ReactNode,
	type SelectHTMLAttributes,
	type TextareaHTMLAttributes,
} from 'react'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

/** The hidden CSRF field every form carries. The token comes from the root loader. */
export function CsrfInput() {
	const data = useRouteLoaderData<{ csrfToken: string }>('root')
	return <input type="hidden" name="csrf" value={data?.csrfToken ?? ''} />
}

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const messages = errors?.filter(Boolean)
	if (!messages?.length) return null
	return (
		<ul id={id} className="mt-1 space-y-1">
			{messages.map((e) => (
				<li key={e} className="font-semibold text-red-700">
					<span className="sr-only">Error: </span>
					{e}
				</li>
			))}
		</ul>
	)
}

/**
 * The error summary at the top of a form (GOV.UK pattern): a heading, then each problem linking to its field.
 * It takes focus when it appears so screen reader users hear what to fix. `autoFocus={false}` is for pages that
 * re-render while someone types (the search page's results follow typing), where taking focus would steal it.
 */
export function ErrorSummary({
	fieldErrors = {},
	formErrors,
	fieldIds = {},
	title = 'There is a problem',
	autoFocus = true,
}: {
	fieldErrors?: Record<string, ListOfErrors>
	formErrors?: ListOfErrors
	fieldIds?: Record<string, string>
	title?: string
	autoFocus?: boolean
}) {
	const items: Array<{ href?: string; message: string }> = []
	for (const message of formErrors?.filter(Boolean) ?? []) items.push({ message: message as string })
	for (const [name, errors] of Object.entries(fieldErrors)) {
		for (const message of errors?.filter(Boolean) ?? []) {
			items.push({ href: fieldIds[name] ? `#${fieldIds[name]}` : undefined, message: message as string })
		}
	}
	if (items.length === 0) return null
	return (
		<div
			role="alert"
			tabIndex={-1}
			ref={autoFocus ? (el) => el?.focus() : undefined}
			aria-labelledby="error-summary-title"
			className="mb-6 border-4 border-red-700 p-4"
		>
			<h2 id="error-summary-title" className="text-lg font-bold">
				{title}
			</h2>
			<ul className="mt-2 list-none space-y-1">
				{items.map((item) => (
					<li key={`${item.href}-${item.message}`}>
						{item.href ? (
							<a href={item.href} onClick={focusField} className="font-semibold text-red-700 underline">
								{item.message}
							</a>
						) : (
							<span className="font-semibold text-red-700">{item.message}</span>
						)}
					</li>
				))}
			</ul>
		</div>
	)
}

/**
 * ErrorSummary for a Conform form: the form's own errors, then each listed field's in the order given, each
 * linking to its field.
 */
export function FormErrorSummary({
	form,
	fields,
}: {
	form: { errors?: string[] }
	fields: ReadonlyArray<{ name: string; id: string; errors?: string[] }>
}) {
	return (
		<ErrorSummary
			formErrors={form.errors}
			fieldErrors={Object.fromEntries(fields.map((f) => [f.name, f.errors]))}
			fieldIds={Object.fromEntries(fields.map((f) => [f.name, f.id]))}
		/>
	)
}

/**
 * Following a link in the error summary puts the cursor in the field (GOV.UK does the same): the first control
 * inside a fieldset, or the field itself. Without JavaScript the link still scrolls to it.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>) {
	const id = event.currentTarget.hash.slice(1)
	const target = id ? document.getElementById(id) : null
	if (!target) return
	event.preventDefault()
	const control = target.matches('input, select, textarea')
		? target
		: target.querySelector<HTMLElement>('input, select, textarea')
	;(control ?? target).focus()
	target.scrollIntoView({ block: 'center' })
}

const inputClass =
	'mt-1 block w-full max-w-md rounded border-2 border-gray-800 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700'

/** Label, hint and errors around one control, with the ids that tie them together for screen readers. */
function FieldShell({
	label,
	hint,
	errors,
	id: givenId,
	children,
}: {
	label: ReactNode
	hint?: ReactNode
	errors?: ListOfErrors
	id?: string
	children: (control: {
		id: string
		'aria-invalid'?: true
		'aria-describedby'?: string
		className: string
	}) => ReactNode
}) {
	const fallbackId = useId()
	const id = givenId ?? fallbackId
	const hintId = hint ? `${id}-hint` : undefined
	const errorId = errors?.some(Boolean) ? `${id}-error` : undefined
	return (
		<div className="mb-5">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			{hint ? (
				<p id={hintId} className="text-gray-700">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
			{children({
				id,
				'aria-invalid': errorId ? true : undefined,
				'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
				className: inputClass,
			})}
		</div>
	)
}

export function Field({
	label,
	hint,
	errors,
	inputProps,
}: {
	label: ReactNode
	hint?: ReactNode
	errors?: ListOfErrors
	inputProps: InputHTMLAttributes<HTMLInputElement>
}) {
	return (
		<FieldShell label={label} hint={hint} errors={errors} id={inputProps.id}>
			{(control) => <input {...inputProps} {...control} />}
		</FieldShell>
	)
}

export function SelectField({
	label,
	hint,
	errors,
	selectProps,
	options,
}: {
	label: ReactNode
	hint?: ReactNode
	errors?: ListOfErrors
	selectProps: SelectHTMLAttributes<HTMLSelectElement>
	options: Array<{ value: string; label: string }>
}) {
	return (
		<FieldShell label={label} hint={hint} errors={errors} id={selectProps.id}>
			{(control) => (
				<select {...selectProps} {...control}>
					{options.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</select>
			)}
		</FieldShell>
	)
}

export function TextareaField({
	label,
	hint,
	errors,
	textareaProps,
}: {
	label: ReactNode
	hint?: ReactNode
	errors?: ListOfErrors
	textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
}) {
	return (
		<FieldShell label={label} hint={hint} errors={errors} id={textareaProps.id}>
			{(control) => <textarea {...textareaProps} {...control} className={`${control.className} max-w-2xl`} />}
		</FieldShell>
	)
}

/** A Conform field's metadata, whatever its value's type: what the field helpers below take. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ConformField = FieldMetadata<any, any, string[]>

type InputType = Exclude<Parameters<typeof getInputProps>[1]['type'], 'checkbox' | 'radio'>

/**
 * A `Field` for one Conform field: its label, hint and errors, and the control's props from `getInputProps`. Any other
 * input attribute (autoComplete, inputMode, min, step…) is passed through:
 *
 *   <TextField field={fields.title} label="Title" hint="…" autoComplete="off" />
 */
export function TextField({
	field,
	label,
	hint,
	type = 'text',
	...attributes
}: {
	field: ConformField
	label: ReactNode
	hint?: ReactNode
	type?: InputType
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
	return (
		<Field
			label={label}
			hint={hint}
			errors={field.errors}
			inputProps={{ ...getInputProps(field, { type }), ...attributes }}
		/>
	)
}

/** A `TextareaField` for one Conform field; other textarea attributes (rows…) are passed through. */
export function TextareaFormField({
	field,
	label,
	hint,
	...attributes
}: {
	field: ConformField
	label: ReactNode
	hint?: ReactNode
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	return (
		<TextareaField
			label={label}
			hint={hint}
			errors={field.errors}
			textareaProps={{ ...getTextareaProps(field), ...attributes }}
		/>
	)
}

/** A `SelectField` for one Conform field. */
export function SelectFormField({
	field,
	label,
	hint,
	options,
}: {
	field: ConformField
	label: ReactNode
	hint?: ReactNode
	options: Array<{ value: string; label: string }>
}) {
	return (
		<SelectField
			label={label}
			hint={hint}
			errors={field.errors}
			selectProps={getSelectProps(field)}
			options={options}
		/>
	)
}

/** A `RadioGroup` for one Conform field: the fieldset takes the field's id, name, first value and errors. */
export function RadioFormField({
	field,
	legend,
	options,
	inline,
}: {
	field: ConformField
	legend: ReactNode
	options: Array<{ value: string; label: string }>
	inline?: boolean
}) {
	return (
		<RadioGroup
			id={field.id}
			legend={legend}
			name={field.name}
			defaultValue={field.initialValue as string | undefined}
			errors={field.errors}
			options={options}
			inline={inline}
		/>
	)
}

/** A set of radio buttons with a legend; the fieldset carries the error. `inline` lays short options out in a row. */
export function RadioGroup({
	legend,
	name,
	options,
	errors,
	defaultValue,
	id,
	inline = false,
}: {
	legend: ReactNode
	name: string
	options: Array<{ value: string; label: string }>
	errors?: ListOfErrors
	defaultValue?: string
	id: string
	inline?: boolean
}) {
	const errorId = errors?.some(Boolean) ? `${id}-error` : undefined
	return (
		<fieldset className="mb-5" aria-describedby={errorId} id={id} tabIndex={-1}>
			<legend className="font-semibold">{legend}</legend>
			<ErrorList id={errorId} errors={errors} />
			<div className={inline ? 'mt-2 flex flex-wrap gap-x-5 gap-y-2' : 'mt-2 space-y-2'}>
				{options.map((o, i) => (
					<div key={o.value} className="flex items-start gap-2">
						<input
							type="radio"
							id={`${id}-${i}`}
							name={name}
							value={o.value}
							defaultChecked={defaultValue === o.value}
							className="mt-1.5 h-5 w-5"
						/>
						<label htmlFor={`${id}-${i}`}>{o.label}</label>
					</div>
				))}
			</div>
		</fieldset>
	)
}

export function Button({ children, className = '', ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
	return (
		<button
			{...props}
			className={`rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 ${className}`}
		>
			{children}
		</button>
	)
}

/** A form's submit button, disabled while the page is sending a form (so a second click sends nothing twice). */
export function SubmitButton({ children, ...props }: Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'type'>) {
	const navigation = useNavigation()
	return (
		<Button type="submit" disabled={navigation.state === 'submitting'} {...props}>
			{children}
		</Button>
	)
}

const secondaryButtonClass =
	'rounded border-2 border-brand-700 px-3 py-1 font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60'

/** The smaller, outlined button for an action on one item of a list: Remove, Stop offering, Delete. */
export function SecondaryButton({ children, className, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
	return (
		<button {...props} className={className ? `${secondaryButtonClass} ${className}` : secondaryButtonClass}>
			{children}
		</button>
	)
}

/**
 * A form that is one button: it posts `intent` with the CSRF token and any hidden values (which item), for actions
 * like "Remove" beside each item of a list. Name the item in the button's text (visually hidden if need be).
 */
export function PostButton({
	intent,
	hidden = {},
	disabled,
	className,
	children,
}: {
	intent: string
	hidden?: Record<string, string>
	disabled?: boolean
	className?: string
	children: ReactNode
}) {
	return (
		<Form method="post" className={className}>
			<CsrfInput />
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<SecondaryButton type="submit" name="intent" value={intent} disabled={disabled}>
				{children}
			</SecondaryButton>
		</Form>
	)
}

/**
 * "Remove" beside one item of a list (a PostButton), disabled while the page is sending a form. `item` names the item
 * for screen readers, as the button's visually hidden rest: "Remove<span> Monday 09:00 to 13:00</span>".
 */
export function RemoveButton({
	item,
	...props
}: Omit<Parameters<typeof PostButton>[0], 'children' | 'disabled'> & { item: string }) {
	const navigation = useNavigation()
	return (
		<PostButton {...props} disabled={navigation.state === 'submitting'}>
			Remove<span className="sr-only"> {item}</span>
		</PostButton>
	)
}

/**
 * The one form pattern (GOV.UK and Conform): the error summary above, then a posting form with the CSRF token and
 * any hidden values (`intent`, which item) before its fields. `form` is Conform's form metadata; `fields` are the
 * fields the summary lists, in the page's order.
 */
export function PostForm<Schema extends Record<string, unknown>, FormError>({
	form,
	fields,
	hidden = {},
	encType,
	className,
	children,
}: {
	form: FormMetadata<Schema, FormError> & { errors?: string[] }
	fields: ReadonlyArray<{ name: string; id: string; errors?: string[] }>
	hidden?: Record<string, string>
	encType?: 'multipart/form-data'
	className?: string
	children: ReactNode
}) {
	return (
		<>
			<FormErrorSummary form={form} fields={fields} />
			<Form method="post" {...(encType ? { encType } : {})} {...getFormProps(form)} className={className}>
				<CsrfInput />
				{Object.entries(hidden).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				{children}
			</Form>
		</>
	)
}
