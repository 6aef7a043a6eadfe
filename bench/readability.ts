/**
 * npm run readability: the reading ease of every page the 320 px browser test visits (tests/e2e/narrow-screens.test.ts
 * saves their visible text in test-results/page-text.json), and the 15 hardest sentences with their page.
 *
 *   npm run build && npx vitest run --project e2e tests/e2e/narrow-screens.test.ts   # collects the text
 *   npm run readability                                                              # prints the figures
 *
 * A path as the first argument reads another file. Figures and their dates are kept in docs/readability.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import { measure, type PageText } from './readability-measure.ts'

const file = process.argv[2] ?? path.join(process.cwd(), 'test-results/page-text.json')
if (!fs.existsSync(file)) {
	console.error(
		`No page text at ${file}. Collect it first: npm run build && npx vitest run --project e2e tests/e2e/narrow-screens.test.ts`,
	)
	process.exit(1)
}
const pages = JSON.parse(fs.readFileSync(file, 'utf8')) as PageText[]
const figures = measure(pages)

console.log(`Reading ease of the app's pages (${new Date().toISOString().slice(0, 10)})`)
console.log(`  pages visited:        ${figures.pages} (every demo account and a visitor)`)
console.log(`  distinct sentences:   ${figures.sentences} (${figures.words} words)`)
console.log(`  Flesch reading ease:  ${figures.fleschReadingEase.toFixed(1)} (higher is easier; 80+ is easy)`)
console.log(`  Flesch–Kincaid grade: ${figures.fleschKincaidGrade.toFixed(1)} (US school grade)`)
console.log(`  reading age:          ${figures.readingAge} (grade + 5; the aim is about 9)`)
console.log(`\nThe ${figures.hardest.length} hardest sentences (Flesch–Kincaid grade, page):`)
for (const [i, s] of figures.hardest.entries()) {
	console.log(`${String(i + 1).padStart(2)}. [${s.grade.toFixed(1)}] ${s.url}\n    ${s.text}`)
}
