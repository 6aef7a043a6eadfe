/**
 * `npm run lint` is the house style's gate (CI runs it): types, ESLint's recommended TypeScript and React-hooks
 * rules, and Prettier's check. These tests make sure each part would refuse what it is there to refuse, with the
 * project's own configuration.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import * as prettier from 'prettier'
import { describe, expect, test } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

describe('npm run lint', () => {
	test('runs the type check, ESLint and Prettier over the whole tree', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>
		}
		expect(pkg.scripts.lint).toBe('tsc --noEmit && eslint . && prettier --check .')
	})

	test('fails on an unformatted file, and passes it once formatted', async () => {
		const filepath = path.join(root, 'app/utils/unformatted-example.ts')
		const options = { ...(await prettier.resolveConfig(filepath)), filepath }
		const messy = 'export const  greeting = "hello";\n'
		expect(await prettier.check(messy, options)).toBe(false)
		const tidy = await prettier.format(messy, options)
		expect(tidy).toBe("export const greeting = 'hello'\n")
		expect(await prettier.check(tidy, options)).toBe(true)
	})

	test('sorts Tailwind classes as part of formatting', async () => {
		const filepath = path.join(root, 'app/components/ui/example.tsx')
		const options = { ...(await prettier.resolveConfig(filepath)), filepath }
		const out = await prettier.format('export const A = () => <p className="underline p-4 text-sm" />\n', options)
		expect(out).toContain('className="p-4 text-sm underline"')
	})

	test('ESLint refuses an unused variable and a hook called conditionally', async () => {
		const eslint = new ESLint({ cwd: root })
		const [unused] = await eslint.lintText('export function f() {\n\tconst unused = 1\n\treturn 2\n}\n', {
			filePath: path.join(root, 'app/utils/example.ts'),
		})
		expect(unused!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-unused-vars')
		const [hooks] = await eslint.lintText(
			"import { useState } from 'react'\nexport function C({ on }: { on: boolean }) {\n\tif (on) useState(0)\n\treturn null\n}\n",
			{ filePath: path.join(root, 'app/components/example.tsx') },
		)
		expect(hooks!.messages.map((m) => m.ruleId)).toContain('react-hooks/rules-of-hooks')
	})

	test('ESLint refuses a route that reaches the database itself, and app code that imports the tests or the seed', async () => {
		const eslint = new ESLint({ cwd: root })
		const ruleIds = async (text: string, file: string) =>
			(await eslint.lintText(text, { filePath: path.join(root, file) }))[0]!.messages.map((m) => m.ruleId)
		expect(
			await ruleIds(
				"import { prisma } from '#app/utils/db.server.ts'\nexport const n = prisma\n",
				'app/routes/example.tsx',
			),
		).toContain('no-restricted-imports')
		expect(
			await ruleIds(
				"import { createTestDb } from '#tests/setup/test-db.ts'\nexport const f = createTestDb\n",
				'app/domain/example.ts',
			),
		).toContain('no-restricted-imports')
		expect(
			await ruleIds("import { seed } from '#prisma/seed.ts'\nexport const f = seed\n", 'app/utils/example.server.ts'),
		).toContain('no-restricted-imports')
		// A domain module may use the database; that is where it belongs.
		expect(
			await ruleIds(
				"import { prisma } from '#app/utils/db.server.ts'\nexport const n = prisma\n",
				'app/domain/example.server.ts',
			),
		).not.toContain('no-restricted-imports')
	})
})
