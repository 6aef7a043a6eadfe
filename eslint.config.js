// ESLint's recommended rules for TypeScript and React hooks; formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{
		ignores: ['node_modules', 'build', 'public/build', '.data', '.cache', 'app/generated', 'test-results', 'bench/out'],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: { 'react-hooks': reactHooks },
		rules: {
			...reactHooks.configs.recommended.rules,
			// Unused names that start with _ are deliberate (destructuring to drop a field).
			// Sign-in and search look for control characters on purpose (to refuse or strip them).
			'no-control-regex': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	// Where things live (ADR 014): the app never reaches into the seed or the tests.
	{
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['app/**/*.test.{ts,tsx}'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(#tests/|#prisma/|(\\.\\./)+(tests|prisma)/)',
							message: 'The app must not import tests or the seed.',
						},
					],
				},
			],
		},
	},
	// Routes are thin (STYLE.md): they reach the database only through domain modules.
	{
		files: ['app/routes/**/*.{ts,tsx}'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: '#app/utils/db.server.ts', message: 'Routes reach the database through a domain module.' }],
					patterns: [
						{
							regex: '^(#tests/|#prisma/|(\\.\\./)+(tests|prisma)/)',
							message: 'The app must not import tests or the seed.',
						},
						{ regex: '^#app/generated/prisma/client', message: 'Routes reach the database through a domain module.' },
					],
				},
			],
		},
	},
)
