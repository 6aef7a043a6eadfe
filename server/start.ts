/**
 * What `npm start` runs, compiled to build/server/start.js by server/build-server.ts: the web server of server/index.ts.
 */
import { main } from './index.ts'

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
