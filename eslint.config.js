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
)
