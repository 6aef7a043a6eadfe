import { type DefaultValue, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type z } from 'zod'

/**
 * The one form set-up every page uses: Conform's `useForm` with the house defaults (validate a field when it loses
 * focus, then again as it is corrected) and the same zod schema the action parses with.
 *
 *   const [form, fields] = useConformForm(reviewSchema, { id: 'review', lastResult: actionData?.result })
 */
export function useConformForm<Schema extends z.ZodTypeAny>(
	schema: Schema,
	options: {
		id: string
		lastResult: SubmissionResult<string[]> | null | undefined
		defaultValue?: DefaultValue<z.input<Schema>>
		/** Render the schema's constraints (required, minLength…) as HTML attributes, as the sign-in forms do. */
		constraint?: boolean
	},
) {
	return useForm<z.input<Schema>, z.output<Schema>>({
		id: options.id,
		lastResult: options.lastResult,
		defaultValue: options.defaultValue,
		constraint: options.constraint ? getZodConstraint(schema) : undefined,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
}
