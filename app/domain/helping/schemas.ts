/** The workspace's forms (ADR 024), each told apart by `intent`; shared by the actions and the pages. */
import { z } from 'zod'

const id = (what: string) =>
	z
		.string({ required_error: `Choose ${what}` })
		.min(1, `Choose ${what}`)
		.max(100)

const note = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Keep the note to ${max} characters or fewer`)
		.optional()
		.transform((v) => (v ? v : null))

export const HelpingFormSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('act'),
		holderId: id('the person you are acting for'),
		redirectTo: z.string().optional(),
	}),
	z.object({ intent: z.literal('stop'), redirectTo: z.string().optional() }),
	z.object({
		intent: z.literal('save'),
		holderId: id('who the shortlist is for'),
		providerId: id('a provider'),
		note: note(500),
		redirectTo: z.string().optional(),
	}),
])

export const ShortlistFormSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('remove'), itemId: id('a provider') }),
	z.object({ intent: z.literal('send') }),
	z.object({ intent: z.literal('choose'), itemId: id('one of the providers'), note: note(1000) }),
	z.object({ intent: z.literal('more'), note: note(1000) }),
	z.object({ intent: z.literal('helper-chooses'), note: note(1000) }),
])

export const ProposalFormSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('approve') }),
	z.object({ intent: z.literal('decline'), reason: note(500) }),
	z.object({ intent: z.literal('withdraw') }),
])
