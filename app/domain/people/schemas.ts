import { z } from 'zod'

/** Form schemas for signing in and up. Shared by the server (parseWithZod) and the browser (Conform). */

const email = z
	.string({ required_error: 'Enter your email address' })
	.trim()
	.email('Enter an email address in the right format, like name@example.com')
	.max(254, 'Email addresses are at most 254 characters')

export const SignInSchema = z.object({
	email,
	password: z.string({ required_error: 'Enter your password' }).max(200, 'Passwords are at most 200 characters'),
	redirectTo: z.string().optional(),
})

export const SIGN_UP_ROLES = ['HOLDER', 'REPRESENTATIVE', 'PROVIDER', 'BROKER'] as const

export const signUpRoleLabels: Record<(typeof SIGN_UP_ROLES)[number], string> = {
	HOLDER: 'I have a personal budget',
	REPRESENTATIVE: 'I am a carer or representative for someone with a budget',
	PROVIDER: 'I offer support (a personal assistant, organisation or community service)',
	BROKER: 'I am a broker or support planner',
}

export const SignUpSchema = z
	.object({
		name: z
			.string({ required_error: 'Enter your name' })
			.trim()
			.min(2, 'Enter your name (at least 2 letters)')
			.max(100, 'Names are at most 100 characters'),
		email,
		password: z
			.string({ required_error: 'Choose a password' })
			.min(10, 'Choose a password of at least 10 characters')
			.max(200, 'Passwords are at most 200 characters'),
		role: z.enum(SIGN_UP_ROLES, {
			required_error: 'Choose what describes you',
			invalid_type_error: 'Choose what describes you',
		}),
		funderId: z.string().trim().optional(),
	})
	.superRefine((value, ctx) => {
		if (value.role === 'HOLDER' && !value.funderId) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['funderId'],
				message: 'Choose who funds your budget',
			})
		}
	})

export type SignUpInput = z.infer<typeof SignUpSchema>
