/**
 * The app exactly as `npm start` serves it (server/index.ts on build/), from this test process and on the database
 * the test gave `setDb`, without its database start-up: for journeys that own their people and data rather than use
 * the shared demo server.
 */
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export type AppServer = { base: string; close: () => Promise<void> }

export async function serveApp(): Promise<AppServer> {
	const { createApp } = (await import(pathToFileURL(path.resolve('server/index.ts')).href)) as {
		createApp: () => Promise<{ handler: (req: IncomingMessage, res: ServerResponse) => void }>
	}
	const { handler } = await createApp()
	const server = await new Promise<Server>((resolve) => {
		const s = http.createServer(handler).listen(0, '127.0.0.1', () => resolve(s))
	})
	return {
		base: `http://localhost:${(server.address() as { port: number }).port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	}
}
