/**
 * Every page of the app, read from the route files, so a new route is covered by the page-wide browser checks
 * without anyone remembering to add it. Resource routes (no default export: CSV downloads, webhooks, the calendar
 * feed, photos, sign-out, the test clock) are not pages and are left out.
 */
import fs from 'node:fs'
import path from 'node:path'

export type PagePattern = {
	/** The route file, e.g. `holders.$holderId_.money.tsx`. */
	file: string
	/** The address with its parameters, e.g. `/holders/:holderId/money`. */
	pattern: string
	/** Matches an address (path only) this route serves. */
	matches: RegExp
	params: string[]
}

/** Splits a flat-routes file name at the dots that are not escaped in square brackets. */
function segmentsOf(name: string): string[] {
	const segments: string[] = []
	let current = ''
	let inBrackets = false
	for (const ch of name) {
		if (ch === '[') inBrackets = true
		else if (ch === ']') inBrackets = false
		else if (ch === '.' && !inBrackets) {
			segments.push(current)
			current = ''
		} else current += ch
	}
	segments.push(current)
	return segments
}

/** Remix v2 flat routes: `.` is `/`, `$name` a parameter, `$` a splat, `_index` the index, `x_` leaves the layout. */
export function patternOf(file: string): Omit<PagePattern, 'file'> {
	const params: string[] = []
	const parts: string[] = []
	const regexParts: string[] = []
	for (const raw of segmentsOf(file.replace(/\.tsx?$/, ''))) {
		if (raw === '_index' || raw.startsWith('_')) continue
		const segment = raw.endsWith('_') ? raw.slice(0, -1) : raw
		if (segment === '$') {
			params.push('*')
			parts.push('*')
			regexParts.push('(.+)')
		} else if (segment.startsWith('$')) {
			params.push(segment.slice(1))
			parts.push(`:${segment.slice(1)}`)
			regexParts.push('([^/]+)')
		} else {
			parts.push(segment)
			regexParts.push(segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		}
	}
	return {
		pattern: `/${parts.join('/')}`,
		matches: new RegExp(`^/${regexParts.join('/')}$`),
		params,
	}
}

export function pagePatterns(routesDir = path.join(process.cwd(), 'app/routes')): PagePattern[] {
	return fs
		.readdirSync(routesDir)
		.filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
		.filter((f) => /export default/.test(fs.readFileSync(path.join(routesDir, f), 'utf8')))
		.map((file) => ({ file, ...patternOf(file) }))
		.sort((a, b) => a.params.length - b.params.length || a.pattern.localeCompare(b.pattern))
}
