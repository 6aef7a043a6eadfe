/**
 * The files in public/ (besides the fingerprinted build/, served first by server/index.ts), served by express.static.
 * Only a request whose first path segment names something public/ held when the server started is looked for
 * there: every other request (every page) used to pay for a file-system look-up that failed (issue 14). A file
 * added to public/ is served after the next start, as a deploy does.
 */
import fs from 'node:fs'
import type { NextFunction, Request, Response } from 'express'
import express from 'express'

export function publicFiles(root: string, options: Parameters<typeof express.static>[1] = {}) {
	const names = new Set(fs.existsSync(root) ? fs.readdirSync(root) : [])
	const serve = express.static(root, options)
	return (req: Request, res: Response, next: NextFunction) => {
		const first = req.path.split('/', 2)[1] ?? ''
		let name = first
		try {
			name = decodeURIComponent(first)
		} catch {
			// Not a name any file has: express.static would refuse it too.
		}
		if (!names.has(name)) return next()
		serve(req, res, next)
	}
}
