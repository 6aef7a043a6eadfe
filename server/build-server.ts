/**
 * Compiles the web server (server/index.ts and what it imports from app/, search/ and prisma/) into JavaScript,
 * build/server/start.js, run by `npm start` with plain Node: no TypeScript loader in the running server (issue 14,
 * memory). Packages stay in node_modules (imported as they are). Each module's `import.meta.url` keeps pointing at
 * its source file, so paths found from it (prisma/schema.prisma, the migrations, the child process that prepares
 * the database) and the "am I the main script?" checks behave exactly as when run from source with tsx.
 * Run by `npm run build`, after `remix build`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'

export const SERVER_OUTDIR = 'build/server'

const sourceUrls: Plugin = {
	name: 'source-import-meta-url',
	setup(b) {
		b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
			if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
			const text = await fs.promises.readFile(args.path, 'utf8')
			const contents = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
			return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' }
		})
	},
}

const started = Date.now()
await build({
	entryPoints: ['server/start.ts'],
	outdir: SERVER_OUTDIR,
	// Modules imported lazily (the seed, with faker) go to chunks of their own, loaded only when imported.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	plugins: [sourceUrls],
	logLevel: 'warning',
})
console.log(`Server compiled to ${SERVER_OUTDIR}/start.js in ${Date.now() - started} ms.`)
